"""The eval harness's scoring and the synthetic corpus: pure functions, no engine, no model."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.common import copy_corpus, percentile, source_name, summarize_ms
from bench.eval import (
    Outcome,
    Question,
    aggregate,
    contains_all,
    list_scores,
    normalize,
    says_not_stated,
    score_baseline,
    score_bot,
    unsupported_numbers,
)
from bench.gen_corpus import generate


@pytest.mark.parametrize("written", ["155,000", "155000", "155.000", "155\u202f000"])
def test_digit_groupings_are_equal(written: str) -> None:
    assert contains_all(f"The range is ${written} to $190,000 a year.", ["$155,000", "$190.000"])


def test_normalize_folds_case_space_dashes_and_keeps_decimals() -> None:
    assert normalize("  €65.000 –\n €80.000  BRUTTO ") == "€65000-€80000 brutto"
    assert normalize("2.5 days") == "2.5 days"
    assert normalize("1,234,567") == "1234567"
    assert normalize("It doesn\u2019t") == "it doesn't"


def test_contains_all_needs_every_substring() -> None:
    assert not contains_all("Pays £140,000 per year", ["£140,000", "£165,000"])
    assert not contains_all("15,500 a year", ["155,000"])  # a different number is not a grouping variant


def test_not_stated_phrases() -> None:
    assert says_not_stated("The Axios posting doesn\u2019t state a salary [1].")
    assert says_not_stated("No salary range is given in the posting.")
    assert not says_not_stated("The salary is $155,000 - $190,000 [1].")


def test_list_scores_recall_precision_and_scope() -> None:
    got = ["/tmp/x/corpus/001_a.md", "/tmp/x/corpus/002_b.md", "knowledge/k.md"]
    assert list_scores(got, ["001_a.md", "003_c.md"]) == {"recall": 0.5, "precision": pytest.approx(1 / 3), "exact": 0.0}
    scoped = list_scores(got, ["001_a.md", "002_b.md"], scope={"001_a.md", "002_b.md", "003_c.md"})
    assert scoped == {"recall": 1.0, "precision": 1.0, "exact": 1.0}  # knowledge/k.md does not count
    assert list_scores([], ["001_a.md"])["precision"] == 0.0
    assert list_scores([], []) == {"recall": 1.0, "precision": 1.0, "exact": 1.0}


def test_score_bot_per_kind() -> None:
    fact = Question("q1", "corpus", "test", "fact", "pay?", posting="009_monzo.md", expect=["£140,000", "£165,000"])
    good = score_bot(fact, "It pays £140,000 - £165,000 [1].", True, ["/c/009_monzo.md"], None)
    assert good == {"fact": 1.0, "source": 1.0, "fact_and_source": 1.0}
    wrong_source = score_bot(fact, "It pays £140,000 - £165,000 [1].", True, ["/c/010_x.md", "/c/009_monzo.md"], None)
    assert wrong_source["fact_and_source"] == 0.0 and wrong_source["fact"] == 1.0

    ns = Question("q2", "corpus", "dev", "not_stated", "visa?", posting="009_monzo.md")
    assert score_bot(ns, "The Monzo posting doesn't mention visas [1].", True, ["009_monzo.md"], None)["not_stated"] == 1.0
    assert score_bot(ns, "The Monzo posting doesn't mention visas [1].", False, ["009_monzo.md"], None)["not_stated"] == 0.0

    nm = Question("q3", "corpus", "dev", "no_match", "pastry chef?")
    assert score_bot(nm, "No posting matches.", False, [], None) == {"rejected": 1.0}
    assert score_baseline(nm, "chunks", ["/c/001.md"], None) == {"rejected": None}


def test_baseline_fact_scores_retrieval() -> None:
    q = Question("q1", "corpus", "test", "fact", "pay?", posting="b.md", expect=["$109,000"])
    scores = score_baseline(q, "chunk one\n\n... $109,000 ...", ["a.md", "b.md"], None)
    assert scores["top4_posting"] == 1.0 and scores["top4_facts"] == 1.0 and scores["source"] == 0.0


def test_aggregate_splits_and_not_applicable() -> None:
    q_dev = Question("a", "k", "dev", "fact", "?", posting="p.md", expect=["1"])
    q_test = Question("b", "k", "test", "no_match", "?")
    outs = [
        Outcome(q_dev, "bot", {"fact": 1.0, "source": 0.0, "fact_and_source": 0.0}, "", []),
        Outcome(q_test, "baseline", {"rejected": None}, "", []),
    ]
    figs = aggregate(outs)
    assert figs["bot"]["dev"]["fact"]["fact"]["value"] == 1.0
    assert figs["bot"]["all"]["fact"]["source"]["n"] == 1
    assert "test" not in figs["bot"]
    assert figs["baseline"]["test"]["no_match"]["rejected"]["na"] is True


def test_unsupported_numbers() -> None:
    support = "The base salary is $155,000 - $190,000. 5+ years."
    assert unsupported_numbers("It pays $155.000 to $190,000 [1].", support) == set()
    assert unsupported_numbers("It pays $160,000 [1].", support) == {"160000"}
    assert unsupported_numbers("Remote: A [13], B [16, 17].", support) == set()  # citation markers are not claims


def test_percentiles() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 95) == 5
    assert summarize_ms([0.01, 0.02, 0.03])["p50_ms"] == 20.0


def test_source_name() -> None:
    assert source_name("/tmp/a/corpus/005_x.md") == "005_x.md"
    assert source_name("knowledge\\axios.md") == "axios.md"
    assert source_name("https://example.com/jobs/42/") == "42"


def test_copy_corpus_drops_line_one(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "001_a.md").write_text("Source: provenance\n# Title\nbody\n", encoding="utf-8")
    out = copy_corpus(tmp_path / "out", source=src)
    assert (out / "001_a.md").read_text(encoding="utf-8") == "# Title\nbody\n"


def test_generated_corpus_is_deterministic_varied_and_sized(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", n=40, seed=3)
    b = generate(tmp_path / "b", n=40, seed=3)
    c = generate(tmp_path / "c", n=40, seed=4)
    files_a = sorted((tmp_path / "a").iterdir())
    assert [p.read_bytes() for p in files_a] == [p.read_bytes() for p in sorted((tmp_path / "b").iterdir())]
    assert [s.file for s in a] == [s.file for s in b] != [s.file for s in c]
    texts = [p.read_text(encoding="utf-8") for p in files_a]
    assert len(set(texts)) == len(texts) == 40
    assert all(1800 <= len(t.encode()) <= 6144 for t in texts)
    assert {s.fmt for s in generate(tmp_path / "d", n=200, seed=7)} == {"md", "html", "txt"}
    for spec, text in zip(a, (tmp_path / "a" / s.file for s in a)):
        if spec.pay_text and spec.fmt != "html":
            assert spec.pay_text in text.read_text(encoding="utf-8")


def test_a_fact_only_in_the_title_or_after_a_denial_is_not_stated() -> None:
    from bench.eval import states_fact

    assert states_fact("It pays £140,000 - £165,000 [1].", ["£140,000"])
    assert states_fact("Yes: *Backend* at Axios mentions AWS; it doesn't mention GCP. [1]", ["AWS"])
    assert not states_fact("The *Data Engineer (Part-Time)* posting doesn't state that [1].", ["Part-Time"])
    assert not states_fact("It doesn't state the amount; it says: [1]\n> 27 working days of holiday", ["27"])
    assert not states_fact("It pays $100 [1].", ["$200"])
