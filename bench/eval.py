"""``python -m bench.eval``: answer every question in eval/*.yaml with the bot and with the textbook baseline.

Builds one throw-away index (knowledge/ plus a clean copy of ../shared/corpus when present), runs each question
through ``engine.answer`` and through ``bench.baseline.TextbookRAG``, and prints accuracy per kind and per split
(test is the headline; dev is what we tuned on). Figures are printed, never asserted: the exit code is 0 unless
the harness itself breaks.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import KNOWLEDGE, ROOT, build_index, corpus_available, corpus_names, fmt_pct, index_sources, jsonable, quiet_logs, quiet_telemetry, source_name

_EVAL = ROOT / "eval"
# "mixed": each item names its qset. Dev rounds first (questions_extra, extra2..extra19), then the blind holdouts.
QUESTION_FILES = (("knowledge", _EVAL / "questions.yaml"), ("corpus", _EVAL / "questions_corpus.yaml"),
                  *(("mixed", _EVAL / f"questions_extra{n}.yaml") for n in ("", *range(2, 30))),
                  *(("mixed", _EVAL / f"questions_holdout{n}.yaml") for n in range(2, 6)))
KINDS = ("fact", "not_stated", "no_match", "list")
SPLITS = ("dev", "test")

# -- normalisation and scoring (pure; tests/test_eval_harness.py covers them) ------------------------------
_DIGIT_GROUP = re.compile(r"(?<=\d)[,.\u00a0\u202f'](?=\d{3}(?!\d))")
_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
NOT_STATED = re.compile(
    r"doesn't state|does not state|not stated|doesn't say|does not say|doesn't mention|does not mention|"
    r"not mentioned|doesn't specify|does not specify|not specified|doesn't list|does not list|"
    r"\bno\b[^.\n]{0,60}\b(?:listed|given|stated|mentioned)"
)
_NUMBER = re.compile(r"\d[\d,.\u00a0\u202f]*\d|\d")


def normalize(text: str) -> str:
    """Case-folded, whitespace collapsed, one kind of dash and apostrophe, and digit groupings removed:
    "155,000", "155.000" and "155000" all become "155000" (a decimal like "2.5" is left alone)."""
    text = _DIGIT_GROUP.sub("", text or "")  # before folding spaces: a no-break space groups digits, a space doesn't
    text = text.translate(_QUOTES).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return _DASHES.sub("-", text)


def contains_all(text: str, expect: Iterable[str]) -> bool:
    """Every expected substring is in the text, after ``normalize`` on both sides."""
    hay = normalize(text)
    return all(normalize(e) in hay for e in expect)


def says_not_stated(text: str) -> bool:
    return bool(NOT_STATED.search(normalize(text)))


_TITLE = re.compile(r"\*[^*\n]+\*")  # a posting's title, bold in Slack's markup


def states_fact(text: str, expect: Iterable[str]) -> bool:
    """The answer states every expected fact, and does not deny it first.

    Stricter than ``contains_all``: a fact found only in the cited posting's title ("*Data Engineer (Part-Time)*
    ... doesn't state that") or only after the answer has said the posting doesn't state it ("doesn't state the
    amount; it says: 27 working days") is not stated by the answer, so it fails. A "doesn't mention GCP" after the
    fact ("mentions AWS; doesn't mention GCP") is fine.
    """
    if not contains_all(text, expect):
        return False
    body = normalize(_TITLE.sub(lambda m: " " * len(m.group(0)), text))
    denial = NOT_STATED.search(body)
    cut = denial.start() if denial else len(body)
    return all(normalize(e) in body[:cut] for e in expect)


def list_scores(got: Iterable[str], expected: Iterable[str], scope: set[str] | None = None) -> dict[str, float]:
    """Recall and precision of the cited postings against the exact expected set (file names).

    With ``scope`` (the corpus's file names) only those files count on either side. An empty answer to a
    question that has matches scores precision 0, not 1: saying nothing is not being precise.
    """
    got_set = {source_name(g) for g in got}
    exp_set = {source_name(e) for e in expected}
    if scope is not None:
        got_set &= scope
        exp_set &= scope
    hit = len(got_set & exp_set)
    recall = hit / len(exp_set) if exp_set else (1.0 if not got_set else 0.0)
    precision = hit / len(got_set) if got_set else (1.0 if not exp_set else 0.0)
    return {"recall": recall, "precision": precision, "exact": float(got_set == exp_set)}


def numbers_in(text: str) -> set[str]:
    """Numbers of two or more digits (years, salaries, days...), normalised: the ones a wrong answer would invent."""
    out = set()
    for match in _NUMBER.finditer(normalize(text)):
        digits = re.sub(r"[^\d.]", "", match.group(0)).strip(".")
        if len(re.sub(r"\D", "", digits)) >= 2:
            out.add(digits)
    return out


_CITATION = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]")


def unsupported_numbers(answer_text: str, support: str) -> set[str]:
    """Numbers in the answer (citation markers like [13] aside) that are nowhere in the supporting text."""
    have = numbers_in(support)
    return {n for n in numbers_in(_CITATION.sub(" ", answer_text)) if n not in have}


# -- questions -----------------------------------------------------------------------------------------------
@dataclass
class Question:
    id: str
    qset: str  # "knowledge" or "corpus"
    split: str
    kind: str
    question: str
    posting: str | None = None
    expect: list[str] = field(default_factory=list)
    postings: list[str] = field(default_factory=list)
    scope: str | None = None


def load_questions(files: Sequence[tuple[str, Path]] = QUESTION_FILES) -> tuple[list[Question], list[str]]:
    """Every question of every file that exists, plus notes about files missing or items skipped."""
    import yaml

    questions: list[Question] = []
    notes: list[str] = []
    for qset, path in files:
        if not path.is_file():
            notes.append(f"{path.relative_to(ROOT)} missing")
            continue
        if qset == "corpus" and not corpus_available():
            notes.append(f"{path.relative_to(ROOT)} skipped: ../shared/corpus absent")
            continue
        file_qset = qset
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        items = data.get("questions", []) if isinstance(data, dict) else data
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not item.get("question") or item.get("kind") not in KINDS:
                notes.append(f"{path.name} item {i} skipped (no question or unknown kind {item.get('kind')!r})")
                continue
            qset = str(item.get("qset") or file_qset)  # a per-item qset overrides the file's
            if qset not in ("knowledge", "corpus"):
                notes.append(f"{path.name} item {i} skipped (no qset)")
                continue
            if qset == "corpus" and not corpus_available():
                notes.append(f"{path.name} item {i} skipped: ../shared/corpus absent")
                continue
            expect = item.get("expect") or []
            questions.append(
                Question(
                    id=str(item.get("id") or f"{qset}-{i}"),
                    qset=qset,
                    split=str(item.get("split") or "dev"),
                    kind=item["kind"],
                    question=str(item["question"]),
                    posting=item.get("posting"),
                    expect=[str(e) for e in (expect if isinstance(expect, list) else [expect])],
                    postings=[str(p) for p in item.get("postings") or []],
                    scope=item.get("scope"),
                )
            )
    return questions, notes


# -- per-question scoring ------------------------------------------------------------------------------------
@dataclass
class Outcome:
    """One system's answer to one question and its scores (None = not applicable to this system)."""

    question: Question
    system: str
    scores: dict[str, float | None]
    text: str
    sources: list[str]
    answered: bool | None = None
    seconds: float = 0.0
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        primary = PRIMARY[self.question.kind]
        value = self.scores.get(primary)
        invented = bool(self.scores.get("unsupported_number")) or bool(self.scores.get("unverified"))
        return self.error is not None or (value is not None and value < 1.0) or invented


PRIMARY = {"fact": "fact_and_source", "not_stated": "not_stated", "no_match": "rejected", "list": "exact"}


def score_bot(q: Question, text: str, answered: bool, sources: Sequence[str], scope: set[str] | None) -> dict[str, float | None]:
    names = [source_name(s) for s in sources]
    first_ok = bool(names) and names[0] == q.posting
    if q.kind == "fact":
        fact = states_fact(text, q.expect)
        return {"fact": float(fact), "source": float(first_ok), "fact_and_source": float(fact and first_ok)}
    if q.kind == "not_stated":
        ok = answered and first_ok and says_not_stated(text)
        return {"not_stated": float(ok), "source": float(first_ok)}
    if q.kind == "no_match":
        return {"rejected": float(not answered)}
    return list_scores(names, q.postings, _list_scope(q, scope))


def _list_scope(q: Question, corpus: set[str] | None) -> set[str] | None:
    """The files a list question's expected set was written over: the corpus (``scope: corpus``) or, for the
    knowledge question set, knowledge/ — the eval index holds both, and a corpus posting that genuinely matches
    "which roles are remote?" is not a wrong answer to a question whose expected set only lists samples."""
    if q.scope == "corpus":
        return corpus
    if q.qset == "knowledge":
        return {p.name for p in KNOWLEDGE.iterdir() if p.is_file()}
    return None


def score_baseline(q: Question, text: str, sources: Sequence[str], scope: set[str] | None) -> dict[str, float | None]:
    names = [source_name(s) for s in sources]
    first_ok = bool(names) and names[0] == q.posting
    in_top = q.posting in names
    if q.kind == "fact":
        fact = contains_all(text, q.expect)  # the four chunks hold every expected fact
        return {"fact": float(fact), "source": float(first_ok), "fact_and_source": float(fact and first_ok),
                "top4_posting": float(in_top), "top4_facts": float(fact)}
    if q.kind == "not_stated":
        # A textbook RAG has no notion of "not stated"; only retrieval can be scored.
        return {"not_stated": None, "source": float(first_ok), "top4_posting": float(in_top)}
    if q.kind == "no_match":
        return {"rejected": None}  # it always answers
    return list_scores(names, q.postings, _list_scope(q, scope))


# -- running -------------------------------------------------------------------------------------------------
def _support_text(store: Any, sources: Sequence[Any]) -> str:
    """All indexed text of the cited postings, for the unsupported-number count."""
    try:
        snap = store.snapshot()
    except Exception:
        return ""
    ids = {getattr(s, "posting_id", None) for s in sources}
    parts = [t for t, m in zip(snap.chunk_texts, snap.chunk_metas) if m.get("posting_id") in ids]
    for pid in ids:
        rec = snap.postings.get(pid)
        if rec is not None:
            parts.append(json.dumps(rec.facts.to_dict()))
    for s in sources:  # what a Source carries may be repeated: its title, company, file name, URL, quote
        parts += [getattr(s, k, "") or "" for k in ("title", "company", "source", "url", "quote")]
    return "\n".join(parts)


def _verifier() -> Any:
    """bot.engine.verify.verify_answer with the evidence the LLM writer is checked against, when both exist."""
    from bot.engine.llm import evidence_texts
    from bot.engine.verify import verify_answer

    def check(engine: Any, question: str, answer: Any) -> list[str]:
        ctx = engine.context(question)
        return list(verify_answer(answer.text, answer.sources, evidence_texts(answer.sources, ctx)))

    return check


def run_bot(system: str, engine: Any, store: Any, questions: Sequence[Question], scope: set[str]) -> list[Outcome]:
    check = _verifier()
    out = []
    for q in questions:
        start = time.perf_counter()
        try:
            answer = engine.answer(q.question)
        except Exception as exc:  # one broken question must not hide the other figures
            out.append(Outcome(q, system, dict.fromkeys(_metric_names(q.kind, system), 0.0), "", [],
                               error=f"{type(exc).__name__}: {exc}", extra={"trace": traceback.format_exc(limit=3)}))
            continue
        seconds = time.perf_counter() - start
        sources = [s.source for s in answer.sources]
        scores = score_bot(q, answer.text, answer.answered, sources, scope)
        extra: dict[str, Any] = {"mode": getattr(answer, "mode", None), "note": getattr(answer, "note", None)}
        if answer.answered:
            bad = unsupported_numbers(answer.text, _support_text(store, answer.sources) + "\n" + q.question)
            scores["unsupported_number"] = float(bool(bad))
            extra["unsupported"] = sorted(bad)
        if answer.answered:
            try:
                problems = check(engine, q.question, answer)
                scores["unverified"] = float(bool(problems))
                extra["problems"] = problems
            except Exception as exc:
                extra["verify_error"] = f"{type(exc).__name__}: {exc}"
        if system == "llm":
            scores["fell_back"] = float(getattr(answer, "mode", "llm") != "llm")
        out.append(Outcome(q, system, scores, answer.text, sources, answer.answered, seconds, extra=extra))
    return out


def run_baseline(rag: Any, questions: Sequence[Question], scope: set[str]) -> list[Outcome]:
    out = []
    for q in questions:
        start = time.perf_counter()
        ans = rag.answer(q.question)
        seconds = time.perf_counter() - start
        scores = score_baseline(q, ans.text, ans.sources, scope)
        out.append(Outcome(q, "baseline", scores, ans.text, ans.sources, True, seconds,
                           extra={"top_similarity": round(ans.top_similarity, 3)}))
    return out


def _metric_names(kind: str, system: str) -> list[str]:
    return {"fact": ["fact", "source", "fact_and_source"], "not_stated": ["not_stated", "source"],
            "no_match": ["rejected"], "list": ["recall", "precision", "exact"]}[kind]


# -- aggregation and printing ----------------------------------------------------------------------------------
METRIC_ROWS = (  # (kind, metric, label)
    ("fact", "fact", "fact: expected facts in answer"),
    ("fact", "source", "fact: first source is the posting"),
    ("fact", "fact_and_source", "fact: fact AND source  *"),
    ("fact", "top4_posting", "fact: right posting in top-4 sources"),
    ("fact", "top4_facts", "fact: top-4 chunks hold all facts"),
    ("not_stated", "not_stated", "not-stated: says so, right posting  *"),
    ("not_stated", "source", "not-stated: first source is the posting"),
    ("not_stated", "top4_posting", "not-stated: right posting in top-4"),
    ("no_match", "rejected", "no-match: declines (answered=False)  *"),
    ("list", "recall", "list: recall (mean)"),
    ("list", "precision", "list: precision (mean)"),
    ("list", "exact", "list: exact set  *"),
    ("*", "unsupported_number", "answers with a number not in cited postings"),
    ("*", "unverified", "answers the verifier rejects"),
    ("*", "fell_back", "answers that fell back to offline"),
)
_FRACTION_METRICS = {"recall", "precision"}


def aggregate(outcomes: Sequence[Outcome]) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """{system: {split: {kind|'*': {metric: {"n", "value"}}}}}; value is the mean of the applicable scores."""
    acc: dict[tuple[str, str, str, str], list[float]] = defaultdict(list)
    for o in outcomes:
        for metric, value in o.scores.items():
            if value is None:
                continue
            kind = "*" if metric in ("unsupported_number", "unverified", "fell_back") else o.question.kind
            for split in (o.question.split, "all"):
                acc[(o.system, split, kind, metric)].append(value)
    out: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for (system, split, kind, metric), values in sorted(acc.items()):
        out.setdefault(system, {}).setdefault(split, {}).setdefault(kind, {})[metric] = {
            "n": len(values), "value": round(sum(values) / len(values), 4), "sum": round(sum(values), 3)}
    # not applicable metrics are reported as such, not silently absent
    for o in outcomes:
        for metric, value in o.scores.items():
            if value is None:
                for split in (o.question.split, "all"):
                    out.setdefault(o.system, {}).setdefault(split, {}).setdefault(o.question.kind, {}).setdefault(
                        metric, {"n": 0, "value": None, "sum": 0, "na": True})
    return out


def _cell(fig: dict[str, Any] | None, metric: str) -> str:
    if fig is None:
        return ""
    if fig.get("na"):
        return "n/a"
    if metric in _FRACTION_METRICS:
        return f"{fig['value']:.2f} (n={fig['n']})"
    return fmt_pct(fig["sum"], fig["n"])


def table(figures: dict[str, Any], systems: Sequence[str], splits: Sequence[str]) -> str:
    cols = [(s, sp) for s in systems for sp in splits]
    header = ["metric"] + [f"{s} {sp}" for s, sp in cols]
    rows = []
    for kind, metric, label in METRIC_ROWS:
        cells = [_cell(figures.get(s, {}).get(sp, {}).get(kind, {}).get(metric), metric) for s, sp in cols]
        if any(cells):
            rows.append([label] + cells)
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def counts(questions: Sequence[Question]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for q in questions:
        out[f"{q.qset}/{q.split}"][q.kind] += 1
    return {k: dict(v) for k, v in sorted(out.items())}


def show_failures(outcomes: Sequence[Outcome], limit: int = 700) -> str:
    lines = []
    for o in outcomes:
        if not o.failed:
            continue
        q = o.question
        want = q.expect if q.kind in ("fact", "not_stated") else q.postings
        lines.append(f"--- [{o.system}] {q.id} ({q.qset}/{q.split}/{q.kind}) {q.question}")
        lines.append(f"    expected: posting={q.posting} {want}")
        lines.append(f"    scores: {o.scores}  answered={o.answered}")
        for key in ("unsupported", "problems"):
            if o.extra.get(key):
                lines.append(f"    {key}: {o.extra[key]}")
        if o.error:
            lines.append(f"    ERROR: {o.error}")
        lines.append(f"    sources: {[source_name(s) for s in o.sources]}")
        text = o.text if len(o.text) <= limit else o.text[:limit] + " …"
        lines.append("    " + text.replace("\n", "\n    "))
    return "\n".join(lines)


# -- main --------------------------------------------------------------------------------------------------------
def _llm_settings(base: Any) -> Any | None:
    from bot.settings import Settings

    env = Settings.load()
    if not env.openai_base_url:
        return None
    return base.with_(openai_base_url=env.openai_base_url, openai_api_key=env.openai_api_key,
                      openai_model=env.openai_model, llm_timeout=env.llm_timeout, llm_temperature=env.llm_temperature)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the bot and the textbook baseline on eval/*.yaml.")
    parser.add_argument("--split", choices=("test", "dev", "all"), default="all")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--llm", action="store_true", help="also score the LLM writer (needs OPENAI_BASE_URL)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-corpus", action="store_true", help="knowledge/ only")
    parser.add_argument("--by-set", action="store_true", help="also print a table per question set (knowledge, corpus)")
    parser.add_argument("--files", help="only these question files, comma-separated stems (e.g. questions_holdout2)")
    args = parser.parse_args(argv)
    quiet_telemetry()
    quiet_logs()

    files = [f for f in QUESTION_FILES if not args.files or f[1].stem in args.files.split(",")]
    questions, notes = load_questions([f for f in files if f[0] != "corpus"] if args.no_corpus else files)
    if args.no_corpus:
        questions = [q for q in questions if q.qset != "corpus"]
    if args.split != "all":
        questions = [q for q in questions if q.split == args.split]
    splits = list(SPLITS) if args.split == "all" else [args.split]
    scope = corpus_names()
    meta: dict[str, Any] = {"questions": counts(questions), "notes": notes, "corpus": corpus_available() and not args.no_corpus}
    outcomes: list[Outcome] = []
    systems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="roles-eval-") as tmp:
        tmpdir = Path(tmp)
        roots = index_sources(tmpdir, include_corpus=not args.no_corpus)
        t0 = time.perf_counter()
        settings, store, report = build_index(tmpdir, roots=roots)
        meta["index"] = {"postings": report.postings, "chunks": report.chunks, "failed": report.failed,
                         "seconds": round(time.perf_counter() - t0, 1),
                         "errors": [f"{e.source}: {e.error}" for e in report.errors]}
        from bot.engine.factory import make_engine

        engine = make_engine(settings, store=store)
        outcomes += run_bot("bot", engine, store, questions, scope)
        systems.append("bot")
        if args.llm:
            llm_settings = _llm_settings(settings)
            if llm_settings is None:
                notes.append("--llm: OPENAI_BASE_URL not set; LLM writer not scored")
            else:
                outcomes += run_bot("llm", make_engine(llm_settings, store=store), store, questions, scope)
                systems.append("llm")
        if not args.no_baseline:
            from .baseline import build_baseline

            t0 = time.perf_counter()
            rag = build_baseline(roots, tmpdir / "baseline")
            meta["baseline_index"] = {"chunks": rag.chunks, "seconds": round(time.perf_counter() - t0, 1)}
            outcomes += run_baseline(rag, questions, scope)
            systems.append("baseline")

    figures = aggregate(outcomes)
    by_set = {qset: aggregate([o for o in outcomes if o.question.qset == qset]) for qset in sorted({q.qset for q in questions})}
    for system in systems:
        times = [o.seconds for o in outcomes if o.system == system and o.error is None]
        meta.setdefault("seconds_per_question", {})[system] = round(sum(times) / len(times), 4) if times else None
        errors = [o for o in outcomes if o.system == system and o.error]
        if errors:
            notes.append(f"{system}: {len(errors)} questions raised, e.g. {errors[0].question.id}: {errors[0].error}")
    if args.json:
        print(json.dumps(jsonable({"meta": meta, "figures": figures, "figures_by_set": by_set}), indent=2))
    else:
        print(f"questions: {meta['questions']}")
        print(f"index: {meta.get('index')}  baseline: {meta.get('baseline_index')}")
        for note in notes:
            print(f"note: {note}")
        print()
        print(table(figures, systems, splits))
        if args.by_set:
            for qset, figs in by_set.items():
                print(f"\n[{qset} questions only]")
                print(table(figs, systems, splits))
        print("\n* = the headline figure of its kind; test is the held-out split.")
        print(f"seconds per question: {meta.get('seconds_per_question')}")
    if args.show_failures:
        print(show_failures(outcomes), file=sys.stdout if not args.json else sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
