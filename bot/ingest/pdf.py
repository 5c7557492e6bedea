"""PDF postings: the text layer via pypdf. Scanned images have none, and we do not OCR."""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from ..errors import PostingError
from .cleaning import Line

# pypdf logs every malformed xref at WARNING; a posting's broken PDF is reported once, as a PostingError.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def pdf_lines(data: bytes, source: str) -> list[Line]:
    """Lines of every page, pages separated by a paragraph break."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Owner-password-only PDFs open with the empty password and are fine to read.
            try:
                if not reader.decrypt(""):
                    raise PostingError(source, "encrypted PDF")
            except (DependencyError, FileNotDecryptedError, NotImplementedError) as exc:
                raise PostingError(source, "encrypted PDF") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except PostingError:
        raise
    except (PdfReadError, DependencyError, FileNotDecryptedError) as exc:
        if "decrypt" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise PostingError(source, "encrypted PDF") from exc
        raise PostingError(source, f"unreadable PDF ({exc})") from exc
    except Exception as exc:  # pypdf raises plain ValueError/KeyError/... on mangled files
        raise PostingError(source, f"unreadable PDF ({type(exc).__name__}: {exc})") from exc
    if not any(page.strip() for page in pages):
        raise PostingError(source, "PDF has no text layer (scanned image?)")
    lines: list[Line] = []
    for page in pages:
        parts = page.split("\n")
        last = next((p for p in reversed(parts) if p.strip()), "")
        lines.extend(Line(part) for part in parts)
        # a sentence that runs on over the page break ("three days a week," / "Tuesday to Thursday") stays one
        if not _RUNS_ON.search(last):
            lines.append(Line(""))
    return lines


_RUNS_ON = re.compile(r"(?:[a-z,;]|\band|\bor)\s*$")
