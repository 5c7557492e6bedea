"""HTML to posting lines (selectolax), and schema.org ``JobPosting`` JSON-LD to metadata.

The walker keeps the structure section detection needs: block elements end lines, ``<h1>``-``<h6>`` and
bold-only paragraphs are marked as headings, list items become "- " lines. Page furniture (navigation,
cookie banners, scripts) is removed before walking.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .cleaning import BOLD_HEADING, Doc, Line, clean_inline

_DROP_TAGS = (
    "script", "style", "noscript", "svg", "nav", "form", "aside", "template", "iframe", "button", "select",
    "textarea", "input", "head", "title", "canvas", "video", "audio", "object", "embed", "dialog",
)
# Site header/footer go, unless they sit inside the posting itself (an <article> often has its own header).
_DROP_OUTSIDE_CONTENT = ("header", "footer")
_CHROME_ATTR = re.compile(
    r"cookie|consent|gdpr|breadcrumb|(?:^|[-_\s])(?:menu|navbar|nav|topbar|sidebar|skip-link|share|sharing)(?:[-_\s]|$)",
    re.I,
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PARA_TAGS = frozenset(
    {"p", "section", "article", "main", "blockquote", "ul", "ol", "dl", "table", "figure", "pre", "address",
     "details", "fieldset", "hr"}
)
_LINE_TAGS = frozenset(
    {"div", "li", "dt", "dd", "tr", "header", "footer", "figcaption", "summary", "caption", "tbody", "thead",
     "tfoot", "body", "center", "option"}
)
_BOLD = frozenset({"strong", "b"})
_WS = re.compile(r"\s+")
_MAX_BOLD_HEADING = 100


def parse(html_text: str) -> LexborHTMLParser:
    return LexborHTMLParser(html_text)


def _strip_chrome(tree: LexborHTMLParser) -> None:
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    for tag in _DROP_OUTSIDE_CONTENT:
        for node in tree.css(tag):
            parent, inside = node.parent, False
            while parent is not None:
                if parent.tag in ("article", "main"):
                    inside = True
                    break
                parent = parent.parent
            if not inside:
                node.decompose()
    for node in tree.css("[id], [class], [role], [aria-hidden]"):
        if node.tag in ("html", "body", "main", "article"):
            continue
        attrs = node.attributes
        marker = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
        if (
            _CHROME_ATTR.search(marker)
            or (attrs.get("role") or "") in ("navigation", "banner", "contentinfo", "dialog")
            or attrs.get("aria-hidden") == "true"
            or "hidden" in attrs
        ):
            node.decompose()


class _Builder:
    """Accumulates inline text into lines; blocks end lines, paragraphs leave a blank line."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.cur: list[str] = []
        self.prefix = ""
        self.heading = 0

    def text(self, value: str, *, pre: bool = False) -> None:
        if pre:
            parts = value.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self.newline()
                if part.strip():
                    self._add(part)
            return
        self._add(_WS.sub(" ", value))

    def _add(self, value: str) -> None:
        if not self.cur:
            value = value.lstrip()
            if not value:
                return
            if self.prefix:
                self.cur.append(self.prefix)
                self.prefix = ""
        self.cur.append(value)

    def separator(self, value: str) -> None:
        if self.cur:
            self.cur.append(value)

    def newline(self) -> None:
        if self.cur:
            line = "".join(self.cur).strip()
            self.cur = []
            if line:
                self.lines.append(Line(line, self.heading))

    def para(self) -> None:
        self.newline()
        if not self.prefix and self.lines and self.lines[-1].text:
            self.lines.append(Line(""))

    def br(self) -> None:
        if self.cur:
            self.newline()
        else:
            self.para()


def _bold_only(node: LexborNode) -> bool:
    """True for ``<p><strong>Requirements:</strong></p>``: a paragraph that is nothing but one bold run."""
    significant = [
        c for c in node.iter(include_text=True)
        if not (c.tag == "-text" and not (c.text(deep=False) or "").strip()) and c.tag not in ("br", "-comment")
    ]
    if len(significant) != 1:
        return False
    child = significant[0]
    while child.tag in ("em", "i", "u", "span", "a"):
        inner = [c for c in child.iter(include_text=True) if not (c.tag == "-text" and not (c.text(deep=False) or "").strip())]
        if len(inner) != 1:
            return False
        child = inner[0]
    if child.tag not in _BOLD:
        return False
    text = node.text(deep=True).strip()
    return 0 < len(text) <= _MAX_BOLD_HEADING


def _walk(root: LexborNode, builder: _Builder, links: list[str]) -> None:
    # Explicit stack: deeply nested (broken) HTML must not hit Python's recursion limit.
    stack: list[tuple[LexborNode, bool, dict[str, Any]]] = [(root, True, {})]
    pre_depth = 0
    ol_counters: list[int | None] = []
    while stack:
        node, entering, state = stack.pop()
        tag = node.tag
        if tag == "-text":
            builder.text(node.text(deep=False) or "", pre=pre_depth > 0)
            continue
        if tag is None or tag.startswith("-"):
            continue
        if not entering:
            if state.get("heading"):
                builder.newline()
                builder.heading = 0
                # A setext heading underlines the whole paragraph above it: only its last line is the heading.
                for line in builder.lines[state["first_line"]:-1]:
                    line.heading = 0
                builder.para()
            elif tag in _PARA_TAGS:
                builder.para()
            elif tag in _LINE_TAGS:
                builder.newline()
            if tag == "pre":
                pre_depth -= 1
            if tag in ("ul", "ol"):
                ol_counters.pop()
            continue
        exit_state: dict[str, Any] = {}
        if tag in _HEADING_TAGS or (tag in ("p", "div") and _bold_only(node)):
            builder.para()
            builder.heading = int(tag[1]) if tag in _HEADING_TAGS else BOLD_HEADING
            exit_state["heading"] = True
            exit_state["first_line"] = len(builder.lines)
        elif tag == "br":
            builder.br()
            continue
        elif tag in _PARA_TAGS:
            builder.para()
        elif tag in _LINE_TAGS:
            builder.newline()
        if tag == "pre":
            pre_depth += 1
        elif tag in ("ul", "ol"):
            ol_counters.append(0 if tag == "ol" else None)
        elif tag == "li":
            if ol_counters and ol_counters[-1] is not None:
                ol_counters[-1] += 1
                builder.prefix = f"{ol_counters[-1]}. "
            else:
                builder.prefix = "- "
        elif tag in ("td", "th"):
            builder.separator(" | ")
        elif tag == "a":
            href = (node.attributes.get("href") or "").strip()
            if href.startswith(("http://", "https://", "mailto:")) and href not in links:
                links.append(href)
        elif tag == "img":
            continue
        stack.append((node, False, exit_state))
        stack.extend((child, True, {}) for child in reversed(list(node.iter(include_text=True))))


def html_to_doc(html_text: str) -> Doc:
    """Visible text of an HTML document or fragment as lines, plus its links and JSON-LD ``JobPosting``."""
    tree = parse(html_text)
    jsonld = job_posting_from_jsonld(tree)
    _strip_chrome(tree)
    builder = _Builder()
    links: list[str] = []
    root = tree.body or tree.root
    if root is not None:
        _walk(root, builder, links)
    builder.newline()
    meta: dict[str, Any] = {}
    if links:
        meta["links"] = links
    if jsonld is not None:
        meta["jsonld"] = jsonld
        meta.update(jsonld_meta(jsonld))
    canonical = tree.css_first("link[rel='canonical']")
    if canonical is not None and "url" not in meta:
        href = (canonical.attributes.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            meta["url"] = href
    return Doc(lines=builder.lines, meta=meta)


def fragment_to_lines(html_text: str) -> list[Line]:
    """A JSON-LD ``description`` (HTML, sometimes entity-escaped) as lines."""
    if "<" not in html_text and "&lt;" in html_text:
        html_text = html.unescape(html_text)
    if "<" not in html_text:  # plain text description: keep its line breaks
        return [Line(part) for part in html_text.split("\n")]
    doc = html_to_doc(html_text)
    return doc.lines


# --- JSON-LD ---------------------------------------------------------------------------------------------


def _is_job_posting(obj: dict[str, Any]) -> bool:
    types = obj.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting" for t in names)


def find_job_posting(data: Any) -> dict[str, Any] | None:
    """The first ``JobPosting`` in a JSON-LD value: the object itself, a list, or an ``@graph``."""
    todo = [data]
    while todo:
        item = todo.pop(0)
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            if _is_job_posting(item):
                return item
            if "@graph" in item:
                todo.append(item["@graph"])
            todo.extend(v for k, v in item.items() if k != "@graph" and isinstance(v, (dict, list)))
    return None


def job_posting_from_jsonld(tree: LexborHTMLParser) -> dict[str, Any] | None:
    for script in tree.css("script"):
        if (script.attributes.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text(deep=True) or ""
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        found = find_job_posting(data)
        if found is not None:
            return found
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("value") or value.get("@id")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return clean_inline(value) or None


def _place(place: Any) -> str | None:
    if isinstance(place, str):
        return _text(place)
    if not isinstance(place, dict):
        return None
    address = place.get("address")
    if isinstance(address, str):
        return _text(address)
    if isinstance(address, dict):
        parts = [_text(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
        joined = ", ".join(p for p in parts if p)
        if joined:
            return joined
    return _text(place.get("name"))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def jsonld_meta(job: dict[str, Any]) -> dict[str, Any]:
    """Map a ``JobPosting`` onto the meta keys every format uses (title, company, location, ...)."""
    meta: dict[str, Any] = {}
    title = _text(job.get("title")) or _text(job.get("name"))
    if title:
        meta["title"] = title
    company = _text(job.get("hiringOrganization"))
    if company:
        meta["company"] = company
    places = [p for p in (_place(x) for x in _as_list(job.get("jobLocation"))) if p]
    if str(job.get("jobLocationType") or "").upper() == "TELECOMMUTE":
        places.append("Remote")
        places.extend(
            f"Remote ({name})"
            for name in (_text(x) for x in _as_list(job.get("applicantLocationRequirements")))
            if name
        )
    if places:
        meta["location"] = "; ".join(dict.fromkeys(places))
    url = _text(job.get("url"))
    if url:
        meta["url"] = url
    for action in _as_list(job.get("potentialAction")):
        if isinstance(action, dict) and "Apply" in str(action.get("@type")):
            target = action.get("target")
            target = target.get("urlTemplate") if isinstance(target, dict) else target
            if isinstance(target, str) and target.strip():
                meta["apply_url"] = target.strip()
    for key, field in (("posted", "datePosted"), ("closes", "validThrough")):
        value = _text(job.get(field))
        if value:
            meta[key] = value
    identifier = job.get("identifier")
    identifier = identifier[0] if isinstance(identifier, list) and identifier else identifier
    ident = _text(identifier.get("value") if isinstance(identifier, dict) else identifier)
    if ident:
        meta["id"] = ident
    return meta


def jsonld_lines(job: dict[str, Any], meta: dict[str, Any]) -> list[Line]:
    """Text for a posting known only from JSON-LD: a title/company/location block, then the description."""
    head = [Line(meta[k]) for k in ("title", "company", "location") if meta.get(k)]
    description = job.get("description")
    body = fragment_to_lines(description) if isinstance(description, str) else []
    return head + [Line("")] + body
