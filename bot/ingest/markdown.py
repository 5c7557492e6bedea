"""Markdown postings: YAML front matter into meta, the body rendered to HTML and read by the HTML walker.

Going through HTML (markdown-it, raw HTML allowed) means one code path strips emphasis, links and the inline
HTML that job-board exports leave in markdown (``<p>``, ``<a href>``), and headings keep their markup.
Soft line breaks are kept: job-board exports put one item per line without blank lines between.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml
from markdown_it import MarkdownIt

from .cleaning import Doc, clean_inline
from .html import html_to_doc

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_MATTER_KEYS = ("id", "title", "company", "location", "url", "apply_url", "posted", "closes")
_ALIASES = {"date": "posted", "date_posted": "posted", "valid_through": "closes", "apply": "apply_url",
            "organization": "company", "hiring_organization": "company"}


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(front matter, body)``; a leading ``---`` block that is not a YAML mapping is left as text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return data, text[match.end():]


def _scalar(value: Any) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        parts = [p for p in (_scalar(v) for v in value) if p]
        return "; ".join(parts) or None
    if value is None or isinstance(value, dict):
        return None
    return clean_inline(str(value)) or None


def front_matter_meta(data: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = str(raw_key).strip().lower()
        key = key if key in FRONT_MATTER_KEYS else _ALIASES.get(key, "")
        if key and key not in meta:
            text = _scalar(value)
            if text:
                meta[key] = text
    return meta


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "breaks": True}).enable(["table", "strikethrough"])


def markdown_to_doc(text: str) -> Doc:
    front, body = split_front_matter(text)
    doc = html_to_doc(_renderer().render(body))
    # Front matter wins over anything an embedded JSON-LD block said: the author wrote it for us.
    doc.meta.update(front_matter_meta(front))
    if front:
        doc.meta["front_matter"] = {str(k): _scalar(v) for k, v in front.items() if _scalar(v) is not None}
    return doc
