"""The list path's shortcuts for "who mentions X?" (substring and token screens, caches) give exactly the answer
of the plain regex-over-every-sentence search, including on texts where a screen would be tempted to be wrong."""

from __future__ import annotations

import pytest

from bot.engine.engine import _Derived, _term_pattern
from bot.engine.text import clean_quote, sentences
from bot.ingest.facts.vocab import canonical_tech, find_technologies
from bot.models import Facts, PostingRecord
from bot.store import IndexSnapshot

TEXTS = {
    "go-verb": "You will go to conferences. We want you to go far.",
    "go-lang": "Our services are written in Go and Python. You will go to conferences.",
    "go-tm": "We ship Go™ services at Acme™ every day.",  # NFKC turns "™" into "tm": tokens "gotm", "acmetm"
    "k401": "Benefits include a 401(k) plan with a k match.",  # normalize() turns "401(k)" into one token
    "long-s": "Haſte makes waste. We use Ruſt daily.",  # IGNORECASE matches "ſ" to "s", lower() does not
    "cpp": "Modern C++ and C# experience. Some Node.js too.",
    "none": "Nothing technical here at all, just a friendly team.",
    "nbsp": "Strong Rust\u00a0skills and Kubernetes experience are a plus.",
}
TERMS = ["Go", "go", "k", "401(k)", "rest", "haste", "Rust", "C++", "C#", "Node.js", "Python", "Kubernetes", "tm", "team", "Ruſt", "Acme"]


def _reference(text: str, term: str) -> str | None:
    """The search as it was before the shortcuts: one regex over the text, then every sentence."""
    pattern = _term_pattern(term)
    if not pattern.search(text):
        return None
    tech = canonical_tech(term)
    for sent in sentences(text):
        if pattern.search(sent) and (tech is None or any(name == tech for name, _, _ in find_technologies(sent))):
            return clean_quote(sent)
    return None


@pytest.fixture(scope="module")
def derived() -> _Derived:
    postings, ids, texts, metas = {}, [], [], []
    for pid, text in TEXTS.items():
        postings[pid] = PostingRecord(pid, "Engineer", "Acme", f"{pid}.md", "file", None, "h", "2024-01-01", Facts())
        half = len(text) // 2
        cut = text.rfind(" ", 0, half) + 1 or half
        for j, part in enumerate((text[:cut].rstrip(), text[cut:])):  # two chunks, joined back by the engine
            ids.append(f"{pid}:{j}")
            texts.append(part)
            metas.append({"posting_id": pid, "section": "other"})
    snap = IndexSnapshot(generation=1, postings=postings, chunk_ids=ids, chunk_texts=texts, chunk_metas=metas, _chunks=None)
    d = _Derived(snap, None)  # type: ignore[arg-type]
    d.prepare()
    return d


@pytest.mark.parametrize("term", TERMS)
def test_mention_matches_plain_search(derived: _Derived, term: str) -> None:
    for pid in TEXTS:
        record = derived.snapshot.postings[pid]
        want = _reference(derived.text(pid), term)
        assert derived.mention(record, term) == want, (pid, term)
        assert derived.mention(record, term) == want, (pid, term)  # and again, from the cache


def test_screens_are_exercised(derived: _Derived) -> None:
    """The tricky texts really take the fallbacks (else the test above proves less than it says)."""
    assert derived.folded("long-s") is None
    assert "go-tm" not in derived._plain and "k401" not in derived._plain and "nbsp" not in derived._plain
    assert "go-verb" in derived._plain and "cpp" in derived._plain
    assert derived.mention(derived.snapshot.postings["go-tm"], "Acme") is not None
    assert derived.mention(derived.snapshot.postings["go-verb"], "Go") is None
    assert derived.mention(derived.snapshot.postings["long-s"], "haste") is not None


def test_ordered_is_list_order(derived: _Derived) -> None:
    recs = derived.ordered()
    assert [r.posting_id for r in recs] == sorted(TEXTS)
