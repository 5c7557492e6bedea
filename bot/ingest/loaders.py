"""Find posting files and load one into a ``LoadedPosting``: bytes checked, decoded, parsed per format,
cleaned, split into sections. Anything unusable raises ``PostingError`` with a reason a person can act on.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..errors import PostingError
from ..models import LoadedPosting
from .cleaning import Doc, Line, assemble
from .hashing import PIPELINE_VERSION, content_hash_of_bytes
from .html import find_job_posting, html_to_doc, jsonld_lines, jsonld_meta
from .markdown import markdown_to_doc
from .pdf import pdf_lines
from .sections import split_sections

# PIPELINE_VERSION (bump it when loading/cleaning/sectioning/chunking changes, so every posting is re-ingested)
# lives in hashing.py with the one hash function, so sync's quick "bytes unchanged?" check and the hash stored
# on a LoadedPosting always agree. Re-exported here.
__all__ = ["PIPELINE_VERSION", "POSTING_SUFFIXES", "MAX_BYTES", "discover", "load_posting", "content_hash"]
MAX_BYTES = 5 * 1000 * 1000
MIN_TEXT_CHARS = 40
# JSON-LD replaces the visible page text when the page shows less than this (a JavaScript-rendered shell).
_THIN_PAGE_CHARS = 200

POSTING_SUFFIXES: dict[str, str] = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".json": "json",
}

_HTML_IN_TEXT = re.compile(r"</?(?:p|a|br|div|li|ul|ol|b|i|strong|em|span|h[1-6])\b[^>]*>", re.I)
_SETEXT = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")
_TXT_BULLET = re.compile(r"^(\s*)(?:[*•▪◦‣–]|-(?=\s))\s+")


# --- discovery ---------------------------------------------------------------------------------------------


def _is_posting_file(path: Path) -> bool:
    return path.suffix.lower() in POSTING_SUFFIXES and not path.name.startswith(".")


def discover(root: Path) -> list[Path]:
    """Posting files under ``root`` (or ``root`` itself), sorted; hidden entries and outward symlinks skipped.

    A missing root raises ``PostingError``: syncing "nothing" from a mistyped path would delete that origin's
    postings from the index.
    """
    root = Path(root)
    if root.is_file():
        return [root] if _is_posting_file(root) else []
    if not root.is_dir():
        raise PostingError(str(root), "no such file or folder")
    base = root.resolve()
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath) / name
            if not _is_posting_file(path):
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    continue
                if not target.is_relative_to(base) or not target.is_file():
                    continue
            found.append(path)
    return sorted(found, key=lambda p: str(p))


# --- ids and hashes ----------------------------------------------------------------------------------------


def slugify(value: str, max_len: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_len].rstrip("-")


def content_hash(raw: bytes) -> str:
    """sha256 over PIPELINE_VERSION and the raw file bytes (the same function sync uses on the file)."""
    return content_hash_of_bytes(raw)


def posting_id_for(path: Path, declared: str | None) -> str:
    if declared and slugify(declared):
        return slugify(declared)
    resolved = str(path.resolve())
    return f"{slugify(path.stem) or 'posting'}-{hashlib.sha1(resolved.encode('utf-8')).hexdigest()[:8]}"


# --- bytes to text -----------------------------------------------------------------------------------------


def _size_text(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    high = sum(1 for c in text if ord(c) >= 0x80)
    return controls == 0 and high / len(text) < 0.3


def decode_text(raw: bytes, source: str) -> str:
    """UTF-8 (BOM allowed), UTF-16 with a BOM, or cp1252 when the bytes decode cleanly and read like text."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PostingError(source, "not valid UTF-8 text") from exc
    if b"\x00" in raw:
        raise PostingError(source, "binary file, not a posting")
    for encoding in ("utf-8", "utf-8-sig"):
        try:
            text = raw.decode(encoding)
            return text[1:] if text.startswith("\ufeff") else text
        except UnicodeDecodeError:
            continue
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise PostingError(source, "not valid UTF-8 text") from exc
    if not _looks_like_text(text):
        raise PostingError(source, "not valid UTF-8 text")
    return text


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise PostingError(source, "file not found") from exc
    except OSError as exc:
        raise PostingError(source, f"cannot read file ({exc.strerror or exc})") from exc
    if size > MAX_BYTES:
        raise PostingError(source, f"file too large ({_size_text(size)} > {MAX_BYTES / 1e6:g} MB)")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError as exc:
        raise PostingError(source, "is a folder, not a file") from exc
    except OSError as exc:
        raise PostingError(source, f"cannot read file ({exc.strerror or exc})") from exc
    if len(raw) > MAX_BYTES:  # grew between stat and read
        raise PostingError(source, f"file too large (> {MAX_BYTES / 1e6:g} MB)")
    return raw


# --- formats -----------------------------------------------------------------------------------------------


def _text_doc(text: str) -> Doc:
    """Plain text: lines as written; a setext underline marks the line above it as a heading."""
    if _HTML_IN_TEXT.search(text):
        return html_to_doc(text.replace("\n\n", "<p>").replace("\n", "<br>"))
    lines: list[Line] = []
    for raw in text.splitlines():
        if _SETEXT.match(raw) and lines and lines[-1].text.strip() and len(lines[-1].text) <= 80:
            lines[-1].heading = 1 if raw.strip().startswith("=") else 2
            continue
        lines.append(Line(_TXT_BULLET.sub(r"\1- ", raw)))
    return Doc(lines=lines)


def _json_doc(text: str, source: str) -> Doc:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise PostingError(source, f"invalid JSON ({exc})") from exc
    job = find_job_posting(data)
    if job is None:
        raise PostingError(source, "no schema.org JobPosting in this JSON")
    meta = jsonld_meta(job)
    meta["jsonld"] = job
    return Doc(lines=jsonld_lines(job, meta), meta=meta)


def _html_doc(text: str) -> Doc:
    doc = html_to_doc(text)
    job = doc.meta.get("jsonld")
    if isinstance(job, dict) and isinstance(job.get("description"), str):
        visible, _ = assemble(doc.lines)
        if len(visible) < _THIN_PAGE_CHARS:
            lines = jsonld_lines(job, doc.meta)
            if len(assemble(lines)[0]) > len(visible):
                doc.lines = lines
    return doc


def load_posting(path: Path, *, source: str, origin: str) -> LoadedPosting:
    """Read, clean and section one posting file. Raises ``PostingError(source, reason)``."""
    path = Path(path)
    fmt = POSTING_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise PostingError(source, f"unsupported file type {path.suffix or '(none)'!r}")
    raw = _read_bytes(path, source)
    if not raw.strip():
        raise PostingError(source, "empty file")
    if fmt == "pdf":
        if not raw.lstrip()[:5] == b"%PDF-":
            raise PostingError(source, "not a PDF file")
        doc = Doc(lines=pdf_lines(raw, source))
    else:
        text = decode_text(raw, source)
        if not text.strip():
            raise PostingError(source, "empty file")
        if fmt == "md":
            doc = markdown_to_doc(text)
        elif fmt == "html":
            doc = _html_doc(text)
        elif fmt == "json":
            doc = _json_doc(text, source)
        else:
            doc = _text_doc(text)
    clean, heading_lines = assemble(doc.lines)
    if not clean.strip():
        raise PostingError(source, "no text found")
    if len(clean) < MIN_TEXT_CHARS:
        raise PostingError(source, "too short to be a posting")
    meta: dict[str, Any] = doc.meta
    return LoadedPosting(
        posting_id=posting_id_for(path, meta.get("id")),
        source=source,
        origin=origin,
        content_hash=content_hash(raw),
        format=fmt,
        text=clean,
        sections=split_sections(clean, heading_lines),
        meta=meta,
    )
