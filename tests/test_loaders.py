"""Loading real posting files (knowledge/, the shared corpus) and refusing bad ones with a clear reason."""

from __future__ import annotations

import io
import json
import os
import re
import tracemalloc
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from bot.errors import PostingError
from bot.ingest.hashing import content_hash_of
from bot.ingest.loaders import MAX_BYTES, POSTING_SUFFIXES, content_hash, discover, load_posting
from bot.ingest.sections import canonical, split_sections
from bot.models import SECTIONS

ENTITY_OR_TAG = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);|</?(?:p|a|br|div|span|li|ul|strong|em|b|i|h[1-6])\b[^>]*>", re.I)

POSTING_MD = """---
id: ACME 42
title: Senior Engineer
company: Acme & Co
location: Zürich (Remote)
posted: 2025-06-01
---

# Senior Engineer

Acme &amp; Co · Zürich · Remote&nbsp;friendly

Back to jobs

## About us

We build **tools** for [bakers](https://example.com/bakers) and their ovens.\u200b

## Requirements

- 5+ years of Python
- Experience with PostgreSQL &amp; Redis

## Benefits

- 30 days holiday

Apply now
"""


def _load(path: Path):
    return load_posting(path, source=str(path), origin=str(path.parent))


def _reason(path: Path) -> str:
    with pytest.raises(PostingError) as info:
        _load(path)
    assert info.value.source == str(path)
    return info.value.reason


def _check_posting(path: Path) -> None:
    posting = _load(path)
    assert posting.text.strip() and len(posting.text) >= 40
    assert not ENTITY_OR_TAG.search(posting.text), ENTITY_OR_TAG.search(posting.text)
    assert "\u200b" not in posting.text and "\u00a0" not in posting.text
    assert posting.sections, path
    assert all(s.name in SECTIONS for s in posting.sections)
    assert all(s.text in posting.text for s in posting.sections)
    assert posting.source == str(path) and posting.format == POSTING_SUFFIXES[path.suffix.lower()]
    assert len(posting.content_hash) == 64


# --- real files ----------------------------------------------------------------------------------------------


def test_knowledge_postings_load(knowledge_dir: Path) -> None:
    files = discover(knowledge_dir) if knowledge_dir.is_dir() else []
    if not files:
        pytest.skip("knowledge/ has no postings yet")
    for path in files:
        _check_posting(path)
    ids = [_load(p).posting_id for p in files]
    assert len(set(ids)) == len(ids)


def test_knowledge_postings_have_known_sections(knowledge_dir: Path) -> None:
    files = discover(knowledge_dir) if knowledge_dir.is_dir() else []
    if not files:
        pytest.skip("knowledge/ has no postings yet")
    for path in files:
        names = {s.name for s in _load(path).sections}
        # every sample posting states its requirements and how to apply under a heading
        assert {"requirements", "how_to_apply"} <= names, (path.name, names)


def test_corpus_postings_load(corpus_dir: Path) -> None:
    files = discover(corpus_dir)
    assert len(files) == 51
    multi = 0
    for path in files:
        _check_posting(path)
        multi += len(_load(path).sections) > 1
    assert multi >= 45  # a handful of Hacker News comments really are one block of text


def test_corpus_known_cases(corpus_dir: Path) -> None:
    axios = _load(next(corpus_dir.glob("001_*.md")))
    names = [s.name for s in axios.sections]
    assert names[:5] == ["summary", "about", "role", "responsibilities", "requirements"]
    assert "benefits" in names and "besides salary" not in axios.text.split("\n")[0]
    assert axios.sections[0].text.startswith("Senior Backend Engineer")
    assert "$155,000 - $190,000" in axios.text
    hn = _load(next(corpus_dir.glob("042_*.md")))  # a Hacker News comment: inline <p>, <a>, &#x2F;
    assert "https://neonhealth.com" in hn.text and "YC & MIT" in hn.text
    assert "https://dub.sh/YC250601" in hn.meta["links"]
    indeed = _load(next(corpus_dir.glob("035_*.md")))  # an Indeed page: site chrome and footer dropped
    assert "Sign in" not in indeed.text.split("\n") and "Career Guide articles" not in indeed.text
    assert "The base salary range for the tagged location is $103330 to $128656 /yearly." in indeed.text
    inngest = _load(next(corpus_dir.glob("047_*.md")))  # front matter
    assert inngest.meta["title"] == "Distributed Systems Engineer" and inngest.meta["posted"] == "2024-02-01"


# --- formats -------------------------------------------------------------------------------------------------


def test_markdown_front_matter_entities_and_chrome(tmp_path: Path) -> None:
    path = tmp_path / "acme.md"
    path.write_text(POSTING_MD, encoding="utf-8")
    posting = _load(path)
    assert posting.posting_id == "acme-42"
    assert posting.meta["company"] == "Acme & Co" and posting.meta["posted"] == "2025-06-01"
    assert posting.meta["location"] == "Zürich (Remote)"
    assert "https://example.com/bakers" in posting.meta["links"]
    lines = posting.text.split("\n")
    assert "Acme & Co · Zürich · Remote friendly" in lines
    assert "Back to jobs" not in lines and "Apply now" not in lines
    assert "We build tools for bakers and their ovens." in lines
    assert "- Experience with PostgreSQL & Redis" in lines
    assert [s.name for s in posting.sections] == ["summary", "about", "requirements", "benefits"]


def test_unicode_file_name_with_spaces(tmp_path: Path) -> None:
    path = tmp_path / "Senior Engineer – Zürich (Remote) ünïcödé.md"
    path.write_text(POSTING_MD.replace("id: ACME 42\n", ""), encoding="utf-8")
    assert discover(tmp_path) == [path]
    posting = _load(path)
    assert re.fullmatch(r"senior-engineer-zurich-remote-unicode-[0-9a-f]{8}", posting.posting_id)
    assert _load(path).posting_id == posting.posting_id  # stable across runs


def test_txt_setext_and_guessed_headings(tmp_path: Path) -> None:
    path = tmp_path / "job.txt"
    path.write_text(
        "Data Engineer\nTidy Co\nRemote (UK)\n\nABOUT US\nWe tidy data for councils and small charities.\n\n"
        "What you need\n-------------\n• SQL and Python\n• dbt\n\nSalary: £60,000 a year\n\nHow to apply:\n"
        "Email jobs@tidy.example with your CV.\n",
        encoding="utf-8",
    )
    posting = _load(path)
    assert [(s.name, s.heading) for s in posting.sections] == [
        ("summary", ""), ("about", "ABOUT US"), ("requirements", "What you need"),
        ("compensation", "Salary"), ("how_to_apply", "How to apply"),
    ]
    assert "- SQL and Python" in posting.text and "-----" not in posting.text
    assert posting.sections[0].text == "Data Engineer\nTidy Co\nRemote (UK)"


HTML_PAGE = """<!doctype html><html><head><title>Job</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "Organization", "name": "Site"},
 {"@type": "JobPosting", "title": "Platform Engineer", "identifier": {"@type": "PropertyValue", "value": "PE-7"},
  "hiringOrganization": {"@type": "Organization", "name": "Kiez &amp; Co"}, "datePosted": "2025-05-01",
  "validThrough": "2025-07-01", "url": "https://jobs.example/pe-7",
  "jobLocation": {"@type": "Place", "address": {"addressLocality": "Berlin", "addressCountry": "DE"}},
  "description": "<p>Build the platform.</p>"}]}
</script><style>p {color: red}</style></head>
<body><nav>Home Jobs Teams</nav><div class="cookie-banner">We use cookies. Accept?</div>
<header><a href="/">Kiez logo</a></header>
<main><h1>Platform Engineer</h1><p>Kiez &amp; Co &ndash; Berlin</p>
<h2>What you&#39;ll do</h2><ul><li>Run <b>Kubernetes</b> clusters</li><li>Write Go</li></ul>
<p><strong>Requirements:</strong></p><ol><li>Linux</li><li>Terraform</li></ol>
<h3>Compensation</h3><p>&euro;80,000&nbsp;&ndash; &euro;95,000<br>plus equity</p></main>
<footer>© Kiez · Privacy · Imprint</footer></body></html>"""


def test_html_visible_text_jsonld_meta_and_chrome(tmp_path: Path) -> None:
    path = tmp_path / "job.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    posting = _load(path)
    assert posting.posting_id == "pe-7"
    meta = posting.meta
    assert (meta["title"], meta["company"], meta["location"]) == ("Platform Engineer", "Kiez & Co", "Berlin, DE")
    assert (meta["posted"], meta["closes"], meta["url"]) == ("2025-05-01", "2025-07-01", "https://jobs.example/pe-7")
    assert meta["jsonld"]["@type"] == "JobPosting"
    text = posting.text
    for gone in ("cookies", "Home Jobs", "Privacy", "Kiez logo", "color: red", "Build the platform"):
        assert gone not in text
    lines = text.split("\n")
    assert "Kiez & Co – Berlin" in lines and "- Run Kubernetes clusters" in lines and "2. Terraform" in lines
    assert "€80,000 – €95,000" in lines and "plus equity" in lines
    assert [s.name for s in posting.sections] == ["summary", "responsibilities", "requirements", "compensation"]


def test_html_shell_uses_jsonld_description(tmp_path: Path) -> None:
    path = tmp_path / "shell.htm"
    path.write_text(HTML_PAGE.split("<body>")[0] + "<body><div id='app'>Loading…</div></body></html>", "utf-8")
    posting = _load(path)
    assert posting.text.split("\n")[:3] == ["Platform Engineer", "Kiez & Co", "Berlin, DE"]
    assert "Build the platform." in posting.text


def test_json_jobposting(tmp_path: Path) -> None:
    path = tmp_path / "job.json"
    job = {
        "@context": "https://schema.org/", "@type": "JobPosting", "title": "Data Analyst",
        "hiringOrganization": "Numbers Ltd", "jobLocationType": "TELECOMMUTE",
        "description": "&lt;h2&gt;Requirements&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;SQL &amp;amp; Excel&lt;/li&gt;&lt;/ul&gt;"
                       "&lt;h2&gt;Benefits&lt;/h2&gt;&lt;p&gt;Four-day week and a pension.&lt;/p&gt;",
    }
    path.write_text(json.dumps([{"@type": "WebSite"}, job]), encoding="utf-8")
    posting = _load(path)
    assert posting.format == "json" and posting.meta["location"] == "Remote"
    assert "- SQL & Excel" in posting.text
    assert [s.name for s in posting.sections] == ["summary", "requirements", "benefits"]
    (tmp_path / "other.json").write_text('{"@type": "Article", "headline": "x"}', encoding="utf-8")
    assert "JobPosting" in _reason(tmp_path / "other.json")
    (tmp_path / "broken.json").write_text('{"@type": "JobPosting",', encoding="utf-8")
    assert _reason(tmp_path / "broken.json").startswith("invalid JSON")


def _text_pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "job.pdf"
    path.write_bytes(_text_pdf("QA Engineer\nAcme Testing Ltd\n\nWe test payroll software for two hundred small firms "
                               "across the north of England, from a small office in Leeds.\n\nResponsibilities\nTest the app every day.\n\n"
                               "Requirements\nThree years of testing web apps.\n"))
    posting = _load(path)
    assert posting.format == "pdf" and "Three years of testing web apps." in posting.text
    assert {"responsibilities", "requirements"} <= {s.name for s in posting.sections}


def test_pdf_sentence_runs_on_over_a_page_break(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for page in ("Where you'll work\nInterns work from our office three days a week,", "Tuesday to Thursday, and from home on Fridays.\n\nPerks\nLunch."):
        pdf.add_page()
        pdf.multi_cell(0, 6, page)
    path = tmp_path / "two_pages.pdf"
    path.write_bytes(bytes(pdf.output()))
    text = _load(path).text
    # one paragraph, not two: the page break fell mid-sentence
    assert re.search(r"three days a week,\s*\nTuesday to Thursday", text) and "week,\n\nTuesday" not in text, text


def test_pdf_with_only_owner_password_loads(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_text_pdf("Backend Engineer at Acme. " * 5))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "Backend Engineer at Acme." in _load(path).text


# --- bad files -----------------------------------------------------------------------------------------------


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t \r\n", encoding="utf-8")
    assert _reason(tmp_path / "empty.md") == "empty file"
    assert _reason(tmp_path / "blank.txt") == "empty file"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.md"
    path.write_bytes(os.urandom(2000) + b"\x00\x00" + os.urandom(2000))
    assert _reason(path) == "binary file, not a posting"


def test_huge_file_refused_by_size_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant to make
    tracemalloc.start()
    try:
        reason = _reason(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason == "file too large (52.4 MB > 5 MB)"
    assert peak < MAX_BYTES // 5  # the 50 MB were never read into memory


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "mangled.txt"
    path.write_bytes(b"Senior Engineer at Acme " + bytes(range(0x80, 0x100)) * 8 + b" more text here")
    assert _reason(path) == "not valid UTF-8 text"


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café Développeur – we need a résumé and 5 years’ experience in Python.".encode("cp1252"))
    assert "Café Développeur – we need a résumé and 5 years’ experience" in _load(path).text


def test_broken_html_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><h2>Requirements<p>Rust and Go experience for our <b>billing systems"
                    "<ul><li>Kafka<li>PostgreSQL", encoding="utf-8")
    posting = _load(path)
    assert "Rust and Go experience for our billing systems" in posting.text
    assert "- Kafka" in posting.text and "<" not in posting.text


def test_html_with_only_a_script(tmp_path: Path) -> None:
    path = tmp_path / "script.html"
    path.write_text("<html><head><script>window.location='/jobs'; var x = 'lots of code here';</script></head>"
                    "<body><script>document.write('hello world from a script tag')</script></body></html>",
                    encoding="utf-8")
    assert _reason(path) == "no text found"


def test_too_short(tmp_path: Path) -> None:
    path = tmp_path / "short.md"
    path.write_text("# Hiring!\n\nEmail us.\n", encoding="utf-8")
    assert _reason(path) == "too short to be a posting"


def test_encrypted_pdf(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_text_pdf("Secret role at Acme. " * 10))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert _reason(path) == "encrypted PDF"


def test_image_only_pdf(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a drawing, no text
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert _reason(path) == "PDF has no text layer (scanned image?)"


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("this is just text pretending to be a PDF file, long enough", encoding="utf-8")
    assert _reason(path) == "not a PDF file"


# --- discovery, ids, hashes -------------------------------------------------------------------------------------


def test_discover(tmp_path: Path) -> None:
    root = tmp_path / "postings"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for rel in ("b.md", "a.txt", "sub/c.HTML", "sub/deeper/d.pdf", "notes.docx", ".secret.md", ".hidden/e.md"):
        (root / rel).write_text("x", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("x", encoding="utf-8")
    (root / "link-out.md").symlink_to(outside)
    (root / "link-in.md").symlink_to(root / "b.md")
    found = [p.relative_to(root).as_posix() for p in discover(root)]
    assert found == ["a.txt", "b.md", "link-in.md", "sub/c.HTML", "sub/deeper/d.pdf"]
    assert discover(root / "b.md") == [root / "b.md"]
    assert discover(root / "notes.docx") == []
    with pytest.raises(PostingError):
        discover(tmp_path / "missing")


def test_content_hash_tracks_bytes(tmp_path: Path) -> None:
    path = tmp_path / "acme.md"
    path.write_text(POSTING_MD, encoding="utf-8")
    first = _load(path).content_hash
    assert _load(path).content_hash == first == content_hash(path.read_bytes()) == content_hash_of(path)
    path.write_text(POSTING_MD + "\nOne more line.\n", encoding="utf-8")
    assert _load(path).content_hash != first


def test_heading_keywords() -> None:
    cases = {
        "What you'll do": "responsibilities", "What You’ll Do:": "responsibilities", "Requirements": "requirements",
        "Nice to have": "nice_to_have", "Preferred Qualifications": "nice_to_have",
        "What Axios brings to the table besides salary:": "benefits", "Salary & Benefits": "benefits",
        "Compensation": "compensation", "How to apply": "how_to_apply", "Equal Opportunity Employer": "legal",
        "About us": "about", "The role": "role", "Where you'll work": "location", "ABOUT YOU": "requirements",
    }
    for heading, expected in cases.items():
        assert canonical(heading) == expected, heading
    assert canonical("Our Culture") is None


def test_label_paragraphs_start_sections() -> None:
    text = ("Senior Engineer\nAxios\n\nQuick take: We are a media company.\n\n"
            "Why it matters: You will own the backend.\n\nNote: this is not a label we know.\n\n"
            "The details: Five years of Go.")
    sections = split_sections(text)
    assert [(s.name, s.heading) for s in sections] == [
        ("summary", ""), ("about", "Quick take"), ("role", "Why it matters"), ("requirements", "The details"),
    ]
    assert "Note: this is not a label we know." in sections[2].text
