"""The answer engine: snapshot -> context (link, list or search) -> offline answer -> optional LLM rewrite.

Slack-free and CLI-free: the edges call ``answer``/``stream`` and turn ``IndexNotReady`` into their own text.
The offline answer is always computed first; the LLM writer, when configured, gets it as its fallback, and any
failure on the LLM path is logged and answered offline.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeVar

import numpy as np

from ..ingest.facts.salary import parse_salaries
from ..ingest.facts.vocab import canonical_tech, find_technologies
from ..models import Answer, PostingRecord, Salary, Turn
from ..store import IndexSnapshot, IndexStatus, PostingStore
from . import offline
from .context import Context, ListFilter, Passage
from .criteria import (
    ALL_ROLES,
    FILTER_TALK,
    GO_AS_LANGUAGE,
    LIST_WORDS,
    LOCATION_CONTEXT,
    PLACE_ASK,
    ROLE_NOUN_AFTER,
    TEXT_VERBS,
    VAGUE,
    criterion_words,
    names_role_kind,
    only_criterion,
)
from .intents import asked_part, asks_benefit, asks_level, asks_something, classify, fix_typos, split_asks
from .language import asks_for_language, written_language
from .linking import GENERIC, Linker, LinkResult
from .lists import _MENTION, _OFFER_CUE, description_phrases, filter_words, looks_like_list, match_posting, parse_filter, without_descriptions
from .retrieval import LexicalIndex, Retriever
from .text import NUMBER_WORDS, STOPWORDS, clean_quote, clip, normalize, sentences, stem, tokenize, words
from .topics import TOPICS, sentence_says

log = logging.getLogger(__name__)
_T = TypeVar("_T")

# A posting must share this many more rare words (each weighted like one used by two postings) with the question
# than a title-linked posting does to be taken for it instead.
DESCRIBED_BETTER = 1.5
# Technologies spelled like everyday words: a question names them only as written ("REST", "Jest", "Substrate").
_WORD_TECHS = frozenset({"rest", "recoil", "jest", "substrate", "ember", "cypress", "move"})
CLEAR_LEAD = 1.25  # an unlinked question goes to retrieval's top posting only when it leads the second by this
MAX_CONTEXT_PASSAGES = 60
MENTION_TERMS_CACHED = 256  # distinct "mentions X" terms whose per-posting answers are kept per generation
# Answered once by warm(): the first list question compiles the tech vocabulary and the filter patterns (~0.2 s),
# the first search loads Chroma's vector index.
_WARM_QUESTIONS = ("which remote roles use Python in Berlin and pay over $100k?", "is there a role for a lighthouse keeper?")
# Non-ASCII letters that IGNORECASE matches to an ASCII letter but whose lower() is not that letter: a text holding
# one cannot be ruled out by a lowercase substring test.
_FOLD_UNSAFE = re.compile("[\u017f\u0131\u0130]")

# Words that say "a list of roles" or are job-board filler: not content for matching titles or text.


def _embedder(ef: Any) -> Callable[[str], np.ndarray]:
    if hasattr(ef, "embed_one"):
        return lambda text: np.asarray(ef.embed_one(text), dtype=np.float32)
    return lambda text: np.asarray(ef([text])[0], dtype=np.float32)


class _Derived:
    """Per-generation caches derived from the snapshot: posting texts, salaries, token sets, place names."""

    def __init__(self, snapshot: IndexSnapshot, lexical: LexicalIndex):
        self.generation = snapshot.generation
        self.key = id(snapshot)
        self.snapshot = snapshot
        by_posting: dict[str, list[int]] = {}
        for i, meta in enumerate(snapshot.chunk_metas):
            by_posting.setdefault(str(meta.get("posting_id")), []).append(i)
        self.chunks = by_posting
        self._texts: dict[str, str] = {}
        self._salaries: dict[str, list[Salary]] = {}
        self._tokens: dict[str, set[str]] = {}
        self._sentences: dict[str, list[str]] = {}
        self._folded: dict[str, str | None] = {}
        self._plain: set[str] = set()  # postings whose text normalize() only lowercases: their token set is exact
        self._sentence_techs: dict[str, frozenset[str]] = {}
        self._mentions: dict[str, dict[str, Any]] = {}  # sentences, or (count, sentence) for headcount
        self._languages: dict[str, str] = {}
        self._containing: dict[str, int] = {}  # "e-bike" -> how many postings' text holds it
        self._ordered: list[PostingRecord] | None = None
        self._lock = threading.Lock()
        self._mention_lock = threading.Lock()
        self.tech_names = sorted(
            {str(f.value) for r in snapshot.postings.values() for f in (*r.facts.programming_languages, *r.facts.technologies)},
            key=len,
            reverse=True,
        )
        places: set[str] = set()
        for r in snapshot.postings.values():
            for fact in (*r.facts.job_locations, *r.facts.applicant_location_requirements):
                for part in re.split(r"[,;/()|]|\bor\b|\band\b|·|-", normalize(str(fact.value))):
                    part = part.strip(" .")
                    if len(part) >= 4 and part not in GENERIC and not re.search(r"\d|remote|hybrid|anywhere|time ?zone|utc|gmt", part):
                        places.add(part)
        self.places = places

    def text(self, pid: str) -> str:
        with self._lock:
            if pid not in self._texts:
                self._texts[pid] = "\n\n".join(self.snapshot.chunk_texts[i] or "" for i in self.chunks.get(pid, []))
            return self._texts[pid]

    def tokens(self, pid: str) -> set[str]:
        if pid not in self._tokens:
            self._tokens[pid] = set(tokenize(self.text(pid)))
        return self._tokens[pid]

    def containing(self, phrase: str) -> int:
        """How many postings' text holds ``phrase`` (lowercase), remembered for the generation: a described
        question asks it of every posting, and the hot path must not scan them all again."""
        with self._mention_lock:
            if phrase in self._containing:
                return self._containing[phrase]
        count = sum(1 for pid in self.snapshot.postings if phrase in (self.folded(pid) or self.text(pid).lower()))
        with self._mention_lock:
            if len(self._containing) >= MENTION_TERMS_CACHED:
                self._containing.pop(next(iter(self._containing)))
            self._containing[phrase] = count
        return count

    def folded(self, pid: str) -> str | None:
        """The posting text lowercased, for a substring test that rules a term out before any regex; None when
        the text holds a letter (long s, dotless i) that such a test could wrongly rule out."""
        if pid not in self._folded:
            text = self.text(pid)
            safe = not _FOLD_UNSAFE.search(text)
            if safe and "401" not in text and unicodedata.is_normalized("NFKC", text):
                self._plain.add(pid)
            self._folded[pid] = text.lower() if safe else None
        return self._folded[pid]

    def ordered(self) -> list[PostingRecord]:
        """Every posting in list-answer order (company, title, id), sorted once per generation."""
        if self._ordered is None:
            self._ordered = sorted(self.snapshot.postings.values(), key=lambda r: (r.company.lower(), r.title.lower(), r.posting_id))
        return self._ordered

    def prepare(self) -> None:
        """Fill every per-posting cache a list question reads, so none is built while someone waits."""
        self.ordered()
        for record in self.snapshot.postings.values():
            self.salaries(record)
            self.tokens(record.posting_id)
            self.folded(record.posting_id)

    def salaries(self, record: PostingRecord) -> list[Salary]:
        pid = record.posting_id
        if pid in self._salaries:
            return self._salaries[pid]
        found: list[Salary] = []
        if record.facts.base_salary:
            found.append(record.facts.base_salary)
        try:
            seen = {(s.min, s.max, s.currency, s.unit) for s in found}
            for s in parse_salaries(self.text(pid)):
                key = (s.min, s.max, s.currency, s.unit)
                if key not in seen:
                    seen.add(key)
                    found.append(s)
        except Exception:  # the parser is a helper; a failure leaves the structured fact alone
            log.debug("parse_salaries failed for %s", pid, exc_info=True)
        self._salaries[pid] = found
        return found

    def mention(self, record: PostingRecord, term: str) -> str | None:
        """The first sentence of the posting that names ``term`` (word-bounded), for "who mentions X?".

        Remembered per term and posting for the generation: a list question asks this of every posting.
        """
        return self._remembered(term, record.posting_id, lambda pid: self._find_mention(pid, term))

    def _remembered(self, key: str, pid: str, find: Callable[[str], _T | None]) -> _T | None:
        """``find(pid)``, remembered per key and posting for the generation, keeping at most
        MENTION_TERMS_CACHED keys: a list question asks the same thing of every posting."""
        with self._mention_lock:
            cache = self._mentions.get(key)
            if cache is None:
                if len(self._mentions) >= MENTION_TERMS_CACHED:
                    self._mentions.pop(next(iter(self._mentions)))
                cache = self._mentions[key] = {}
        if pid not in cache:
            cache[pid] = find(pid)
        return cache[pid]

    def _find_mention(self, pid: str, term: str) -> str | None:
        folded = self.folded(pid)
        if folded is not None and term.isascii():
            # A match needs the term's letters in some case, and (where normalize() only lowercases) the term's
            # own tokens, whole: either test rules most postings out without a regex over the whole text.
            if term.lower() not in folded:
                return None
            if pid in self._plain and not all(t in self.tokens(pid) for t in _term_tokens(term)):
                return None
        pattern = _term_pattern(term)
        if not pattern.search(self.text(pid)):  # one regex over the text before any splitting
            return None
        # A known technology is judged by the vocabulary, which knows "Go" the language from "go to".
        tech = canonical_tech(term)
        for sent in self._sentences_of(pid):
            if pattern.search(sent) and (tech is None or tech in self._techs(sent)):
                return clean_quote(sent)
        return None

    def says(self, record: PostingRecord, topic: str, negative: bool, counted: bool = False) -> str | None:
        """The first sentence of the posting that says a topic ("stock options" for equity), or rules it out;
        with ``counted``, one that says it with a number of days, weeks or months ("16 weeks of parental leave")."""
        spec = TOPIC_BY_NAME[topic]

        def find(pid: str) -> str | None:
            if not spec.says.search(self.text(pid)):  # one regex over the text before any splitting
                return None
            return next((clean_quote(s) for s in self._sentences_of(pid)
                         if sentence_says(s, spec, negative) and (not counted or _COUNTED.search(s))), None)

        return self._remembered(f"topic:{topic}:{int(negative)}:{int(counted)}", record.posting_id, find)

    def language(self, record: PostingRecord) -> str:
        """The language the posting is written in (ISO 639-1), worked out once per generation."""
        pid = record.posting_id
        if pid not in self._languages:
            self._languages[pid] = written_language(self.text(pid))
        return self._languages[pid]

    def speaks(self, record: PostingRecord, language: str) -> str | None:
        """The sentence asking for a spoken language ("fluent German"), if the posting has one."""
        return self._remembered(f"speaks:{language}", record.posting_id, lambda pid: next(
            (clean_quote(s) for s in self._sentences_of(pid) if asks_for_language(s, language)), None))

    def leave_days(self, record: PostingRecord, at_least: int) -> str | None:
        """The sentence giving at least ``at_least`` days of paid holiday ("27 working days", "five weeks")."""
        for sent in self._sentences_of(record.posting_id):
            for m in _LEAVE_DAYS.finditer(sent):
                if _OTHER_LEAVE.search(sent[max(0, m.start() - 30) : m.end() + 40]):
                    continue  # "12 weeks of paid leave for primary caregivers" is no holiday
                raw, unit = m.group("n") or m.group("n2") or m.group("n3"), (m.group("unit") or m.group("unit2") or m.group("unit3") or "").lower()
                n = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw.lower(), 0)
                days = n * 5 if unit.startswith("week") else n
                if days >= at_least:
                    return clean_quote(sent)
        return None

    def parental_leave(self, record: PostingRecord, at_least_weeks: float) -> str | None:
        """The sentence giving at least ``at_least_weeks`` of parental leave ("16 weeks", "four months")."""
        spec = TOPIC_BY_NAME["parental_leave"]
        for sent in self._sentences_of(record.posting_id):
            if not spec.says.search(sent):
                continue
            for m in _DURATION_OF.finditer(sent):
                raw = m.group("n")
                n = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw.lower(), 0)
                weeks = n * 52 / 12 if m.group("unit").lower().startswith("month") else n
                if weeks >= at_least_weeks - 0.01:
                    return clean_quote(sent)
        return None

    def headcount(self, record: PostingRecord) -> tuple[int, str] | None:
        """(people, sentence) where the posting says how many people the company has ("we're a team of 22",
        "now has 45 people"); a count of engineers or of a team is not the company's size."""
        def find(pid: str) -> tuple[int, str] | None:
            for sent in self._sentences_of(pid):
                for m in _COMPANY_SIZE.finditer(sent):
                    named = m.group("firm") or m.group("sized") or m.group("us")  # the company's own count
                    if named or not _NOT_COMPANY_SIZE.search(sent[max(0, m.start() - 40): m.end() + 25]):
                        raw = (named or m.group("team") or m.group("people") or m.group("under")).replace(",", "")
                        n = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw.lower(), 0)
                        return (n, clean_quote(sent)) if n else None
            return None
        return self._remembered("headcount", record.posting_id, find)

    def apply_email(self, record: PostingRecord) -> str | None:
        """The sentence that says to apply by sending an email, with the address."""
        return next((clean_quote(s) for s in self._sentences_of(record.posting_id)
                     if _EMAIL.search(s) and _APPLY_WORDS.search(s) and not _NOT_APPLYING.search(s)), None)

    def _sentences_of(self, pid: str) -> list[str]:
        if pid not in self._sentences:
            self._sentences[pid] = sentences(self.text(pid))
        return self._sentences[pid]

    def sentence_with_all(self, record: PostingRecord, patterns: list[re.Pattern[str]]) -> str | None:
        """The first sentence of the posting that every pattern matches, cleaned for quoting."""
        pid = record.posting_id
        if not all(p.search(self.text(pid)) for p in patterns):  # one pass over the text before splitting it
            return None
        return next((clean_quote(s) for s in self._sentences_of(pid) if all(p.search(s) for p in patterns)), None)

    def _techs(self, sent: str) -> frozenset[str]:
        """The technologies the vocabulary finds in one sentence; postings repeat sentences, so remembered."""
        found = self._sentence_techs.get(sent)
        if found is None:
            found = self._sentence_techs[sent] = frozenset(name for name, _, _ in find_technologies(sent))
        return found


TOPIC_BY_NAME = {t.name: t for t in TOPICS}
_LEAVE_DAYS = re.compile(
    r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty)\s*(?:\+\s*)?(?:working\s+|paid\s+|vacation\s+|holiday\s+)?"
    r"(?P<unit>days?|weeks?)\b[^.\n]{0,40}\b(?:holidays?|vacation|pto|annual leave|leave|time off|off)\b|"
    r"\b(?:holidays?|vacation|pto|annual leave|time off)\b[^.\n]{0,30}\b(?P<n2>\d{1,2})\s*(?P<unit2>days?|weeks?)\b|"
    r"\b(?P<n3>\d{1,2})\s*(?:\+\s*)?(?:paid\s+)?(?:vacation|holiday|pto|annual[- ]leave)\s+(?P<unit3>days?|weeks?)\b",  # "26 vacation days"
    re.I,
)
_DURATION_OF = re.compile(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|sixteen|twenty)\+?[- ]?(?P<unit>weeks?|months?)\b", re.I)
_OTHER_LEAVE = re.compile(r"parental|caregiv|sick|maternity|paternity|carer|bereavement|family|medical|adoption", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_COUNTED = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|sixteen|eighteen|twenty|"
                      r"twenty-\w+|thirty)\+?[- ](?:\w+[- ]){0,2}(?:weeks?|days?|months?)\b", re.I)
_COMPANY_SIZE = re.compile(
    r"\b(?:company|startup|business|consultancy|agency|studio|firm|organi[sz]ation) of (?P<firm>\d[\d,]*|\w+)\b|"
    r"\b(?P<sized>\d[\d,]*)[- ](?:person|people|strong)\b|"
    r"\b(?P<us>\d+|\w+)(?:[- ]odd)? of us\b|"
    r"\bteam of (?P<team>\d[\d,]*|\w+)\b(?! (?:engineers?|developers?))|"
    r"\b(?P<people>\d[\d,]*)\+? (?:people|employees|staff|persons|team members|humans|colleagues)\b|"
    r"\b(?:fewer|less) than (?P<under>\d[\d,]*) (?:people|employees)\b", re.I)
_NOT_COMPANY_SIZE = re.compile(r"\b(?:engineers?|developers?|platform team|our team is|squad|pod|customers?|clients?|users?|businesses|patients?|"
                               r"students?|donors?|members of|people (?:use|rely|trust))\b", re.I)
_APPLY_WORDS = re.compile(r"\b(?:apply|applications?|send (?:your|us|in|me)|write to|cv|resume|résumé)\b", re.I)
_NOT_APPLYING = re.compile(r"\b(?:accommodat\w*|accessib\w*|privacy|disabilit\w*|data protection|questions?)\b", re.I)
_ASIDE = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”|\beven (?:just )?(?:as|if|in|when|where)\b[^,.;?]*|"
                    r"\bin (?:some|any) (?:form|way|shape|capacity)\b|\bof any (?:kind|sort)\b|"
                    r"(?:\b[\w-]+,\s*){1,4}(?:or |and )?(?:whatever|anything)\b")


def _criterion_part(q: str) -> str:
    """Where a list question's further criteria can be: not an aside in brackets ("(first engineers on the
    team)"), nor a statement before the question ("want to be employee #5 somewhere lol. which titles ...")."""
    text = re.sub(r"\([^)]*\)", " ", q)
    parts = re.split(r"(?<=[.!?:])\s+|\s[-–—]\s", text)  # "my strongest skill is postgres — which jobs use it?"
    start = next((i for i, part in enumerate(parts) if looks_like_list(part)), 0)
    return " ".join(parts[start:])


def _strip_names(q: str, names: list[str]) -> str:
    for name in sorted(set(names), key=len, reverse=True):
        pattern = r"[\W_]+".join(re.escape(part) for part in name.split())
        q = re.sub(rf"(?<![\w]){pattern}(?![\w])", " ", q, flags=re.IGNORECASE)
    return q


def _strip_title_words(q: str, title_words: set[str]) -> str:
    """Drop the linked postings' own title words ("the email dev gig", "the brightwave internship")."""
    if not title_words:
        return q
    from .linking import ALIASES

    def keep(tok: str) -> bool:
        low = normalize(tok)
        return not ({low, stem(low), ALIASES.get(low, low), stem(ALIASES.get(low, low))} & title_words)

    return "".join(t for t in re.split(r"(\s+)", q) if t.isspace() or keep(re.sub(r"[^\w.+#]", "", t) or t))


@lru_cache(maxsize=1024)
def _term_tokens(term: str) -> tuple[str, ...]:
    return tuple(tokenize(term))


@lru_cache(maxsize=1024)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w+#.]){re.escape(term)}(?![\w+#])", re.IGNORECASE)


def _same_roles_in_index_order(pids: list[str], snap: IndexSnapshot) -> list[str]:
    """The same role posted twice (equal company and title, e.g. the company's copy and a job-board mirror) is cited
    in index order, the order its sources were ingested, rather than by which copy's wording scored a hair higher:
    the operator's first source comes first, the same way every time."""
    def role(pid: str) -> tuple[str, str] | None:
        rec = snap.postings.get(pid)
        return (normalize(rec.company), normalize(rec.title)) if rec is not None and rec.title else None

    roles = [role(p) for p in pids]
    dup = {r for r in roles if r is not None and roles.count(r) > 1}
    if not dup:
        return pids
    rank = {pid: i for i, pid in enumerate(snap.postings)}
    out = list(pids)
    for r in dup:
        slots = [i for i, x in enumerate(roles) if x == r]
        for i, pid in zip(slots, sorted((pids[i] for i in slots), key=lambda p: rank.get(p, len(rank)))):
            out[i] = pid
    return out


class Engine:
    """Answers questions about the open roles in one store. Thread-safe; reuse one instance per process."""

    def __init__(self, store: PostingStore, llm: Any = None, *, embed: Callable[[str], np.ndarray] | None = None):
        self.store = store
        self.llm = llm
        self.retriever = Retriever(embed or _embedder(store.ef))
        self.linker = Linker()
        self._derived: _Derived | None = None
        self._lock = threading.Lock()

    # -- public API ------------------------------------------------------------------------------------
    def warm(self) -> None:
        """Build the per-generation caches now (BM25, alias table, salaries, token sets, the embedding model) so
        the first question is fast."""
        snap = self.store.snapshot()
        derived = self._derive(snap)
        self.linker.index(snap)
        derived.prepare()
        self.retriever.warm()
        for question in _WARM_QUESTIONS:
            try:
                self._offline(question, ())
            except Exception:  # warming is best effort; the same failure will show on a real question
                log.warning("warm-up question failed", exc_info=True)

    def status(self) -> IndexStatus:
        return self.store.status()

    def list_roles(self) -> list[PostingRecord]:
        snap = self.store.snapshot()
        return sorted(snap.postings.values(), key=lambda r: (r.company.lower(), r.title.lower(), r.posting_id))

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        ctx, fallback = self._offline(question, history)
        if self.llm is None or not ctx.question.strip() or fallback.intent == "empty":
            return fallback
        try:
            return self.llm.write(ctx, fallback)
        except Exception as exc:  # the LLM is optional: any failure answers offline
            log.warning("LLM writer failed, answering offline: %s", exc, exc_info=True)
            fallback.note = f"llm failed: {type(exc).__name__}"
            return fallback

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        ctx, fallback = self._offline(question, history)
        if self.llm is None or not ctx.question.strip():
            yield fallback
            return
        final: Answer | None = None
        try:
            for item in self.llm.stream(ctx, fallback):
                if isinstance(item, Answer):
                    final = item
                else:
                    yield item
        except Exception as exc:
            log.warning("LLM stream failed, answering offline: %s", exc, exc_info=True)
            fallback.note = f"llm failed: {type(exc).__name__}"
            final = fallback
        yield final or fallback

    def context(self, question: str, history: Sequence[Turn] = ()) -> Context:
        return self._context(question, tuple(history or ()))[0]

    # -- internals -------------------------------------------------------------------------------------
    def _offline(self, question: str, history: Sequence[Turn]) -> tuple[Context, Answer]:
        question = question if isinstance(question, str) else str(question or "")
        ctx, derived = self._context(asked_part(question), tuple(history or ()))
        if derived is None:
            answer = offline.write(ctx, lambda r: [r.facts.base_salary] if r.facts.base_salary else [])
        else:
            try:
                answer = offline.write(ctx, derived.salaries)
            except Exception:  # a writer bug must not become a stack trace in Slack
                log.exception("offline writer failed for %r", question[:200])
                answer = offline.no_match(question, ctx.intent)
        answer.question = question  # the question as asked, preamble and all
        return ctx, answer

    def _derive(self, snap: IndexSnapshot) -> _Derived:
        lexical = self.retriever.lexical(snap)
        with self._lock:
            if self._derived is None or self._derived.key != id(snap) or self._derived.generation != snap.generation:
                self._derived = _Derived(snap, lexical)
            return self._derived

    def _context(self, question: str, history: tuple[Turn, ...]) -> tuple[Context, _Derived | None]:
        if not question.strip():
            return Context(question=question, intent="general", history=history), None
        snap = self.store.snapshot()  # raises IndexNotReady
        lexical = self.retriever.lexical(snap)
        derived = self._derive(snap)
        q = clip(question)
        # "sponser" is a typo of an ask, not of a company's name ("Squarespace"): asks are corrected before linking
        link = self.linker.link(snap, fix_typos(q), known_words=lexical.vocab)
        # "remote.com", "Stream", "the email dev gig" are names, not asks: classify what is left
        title_words = {w for p in link.posting_ids for w in self.linker.index(snap).posting_titles.get(p, ())}
        def intent_of(text: str) -> str:
            # "the company that makes online courses" names a posting; "courses" asks for no benefit
            core = without_descriptions(normalize(text))
            if asks_benefit(core):
                return "benefits"
            if asks_level(text):
                return "seniority"
            unnamed = _strip_names(text, list(link.matched))
            bare = _strip_title_words(unnamed, title_words)
            # "what time zone does the pet wellness-plan startup work in?": the description names, the rest asks;
            # "is the wikimedia email developer a contract gig?": the ask is inside it, so read the whole
            found = classify(without_descriptions(normalize(bare)))
            found = found if found != "general" else classify(bare)
            if found == "general" and (typed := classify(unnamed)) in ("employment_type", "workplace"):
                return typed  # "is the tidewater gig full time?" of "Data Engineer (Part-Time, ...)": "time" is the ask too
            return found

        intent = intent_of(q)
        # "1password's rust backend role, what's the base?": a part that only names the posting asks nothing
        parts = [p for p in split_asks(q)
                 if asks_something(normalize(_strip_title_words(_strip_names(p, list(link.matched)), title_words)))]
        asks = [(part, intent_of(part)) for part in parts] if len(parts) > 1 else []
        if intent == "general" and history and len(words(q)) <= 6:
            intent = classify(history[-1].question)  # "what about Medium?" asks the last question again
        ctx = Context(question=fix_typos(question), intent=intent, history=history)  # "how many enginers": the ask, spelt right
        is_list = looks_like_list(q)
        lf: ListFilter | None = None
        if is_list or not link.posting_ids:
            lf = parse_filter(q, technologies=lambda text: self._technologies(text, derived), places=derived.places)

        by_name = False
        if lf is not None and lf.unknown_place and link.posting_ids and \
                {stem(w) for w in words(lf.unknown_place)} & {stem(w) for v in link.via for w in words(v)}:
            # "who would I work with in cobblestones squad?": the "place" names the posting, it is no place
            by_name = True
            without = re.sub(re.escape(lf.unknown_place), " ", q, flags=re.I)
            lf = parse_filter(without, technologies=lambda text: self._technologies(text, derived), places=derived.places)
        if lf is not None and is_list:
            lf.also_words = self._leftover_words(q, lf, derived, lexical, snap)
            if lf.also_words:
                lf.description += ", mentioning " + " ".join(lf.also_words)
        if lf is not None and lf.technologies_any and not re.search(r"\bor\b", q, re.I) and not all(t in derived.tech_names for t in lf.technologies):
            lf.technologies_any = False  # "unity / c# game dev": one profile, and no posting knows Unity
        if lf is not None and link.posting_ids and not link.by_company:
            # "which postings mention rust?" links the Rust titles, but the words are the filter's, not a name
            described = normalize(lf.description)
            covered = filter_words(lf)
            def filters(t: str) -> bool:  # "apprenticeship" linked by the filter's "apprentice"
                return t in described or t in covered or any(len(c) >= 5 and (t.startswith(c) or c.startswith(t)) for c in covered)

            # "... even as a bonus or one language in a list": title words said only in an aside name no posting
            in_aside = is_list and link.via and not any(re.search(rf"\b{re.escape(t)}", _ASIDE.sub(" ", normalize(q))) for t in link.via
                                                         if not filters(t))
            if all(filters(t) for t in link.via) or (is_list and link.via and only_criterion(link.via, q)) or in_aside:
                link = LinkResult([])
        # 1. List questions over all postings (or over a named company's roles)
        if is_list and (lf is not None or self._asks_all(q)) and not (link.posting_ids and not link.by_company):
            # "which roles at X ...": a list of that company's roles; "X's role - some places are excluded, which ones?"
            # of a company with one role asks about that role
            plural = r"\b(?:roles|jobs|positions|openings|ones)\b" if len(link.posting_ids) > 1 else r"\b(?:roles|jobs|positions|openings)\b"
            scope = link.posting_ids if (link.by_company and re.search(plural, q, re.I)) else None
            if not link.by_company or scope:
                self._fill_list(ctx, snap, derived, lf or ListFilter(description=""), scope)
                return ctx, derived
        if is_list and lf is None and (not link.posting_ids or (not link.by_company and not by_name and link.via and only_criterion(link.via, q))):
            # "which roles involve machine learning?" links the one title with those words; the ask is a list
            self._fill_text_list(ctx, snap, derived, lexical, q)
            return ctx, derived

        # 2. Named postings, or the conversation's posting
        pids = list(link.posting_ids)
        if not pids and history:
            for turn in reversed(history):
                carried = [p for p in turn.posting_ids if p in snap.postings]
                if carried:
                    pids = carried
                    break
        if pids and link.posting_ids and not link.by_company and not by_name:
            better = self._better_described(snap, q, pids, derived, lexical, by_place=not link.via)
            if better is not None:
                # the words that named the weakly linked posting ("systems") are the ask again: read it anew
                pids = better
                title_words.clear()
                title_words.update(w for p in pids for w in self.linker.index(snap).posting_titles.get(p, ()))
                ctx.intent = intent_of(q)
                asks = [(part, intent_of(part)) for part in parts] if len(parts) > 1 else []
        if pids:
            ctx.linked = True
            ctx.asks = asks
            self._fill_postings(ctx, snap, derived, q, pids)
            return ctx, derived

        # 3. Nothing named: a list if it parses as one, else retrieval's top posting if it clearly leads
        if lf is not None and is_list:
            self._fill_list(ctx, snap, derived, lf, None)
            return ctx, derived
        result = self.retriever.search(snap, q, k=12)
        ctx.passages = result.passages
        leader = result.posting_scores[0][0] if self._clear_leader(q, result.posting_scores, derived, lexical) else \
            self._described_leader(snap, q, result.posting_scores, derived, lexical)
        if leader is not None:
            top = leader
            # the posting was described, not named: its title's words ("junior frontend") are no ask either
            title_words.update(self.linker.index(snap).posting_titles.get(top, ()))
            ctx.intent = intent_of(q)
            self._fill_postings(ctx, snap, derived, q, [top])
            ctx.passages = [p for p in result.passages if p.posting_id == top] + [
                p for p in ctx.passages if p.chunk_id not in {r.chunk_id for r in result.passages}
            ]
            ctx.linked = False
        return ctx, derived

    def _leftover_words(self, q: str, lf: ListFilter, derived: _Derived, lexical: LexicalIndex, snap: IndexSnapshot) -> list[str]:
        """Informative words of a list question that no part of the filter read ("Tuesday" in "hybrid roles where
        Tuesday is an office day"): dropping one changes nothing the filter matches, and few postings use it."""
        out: list[str] = []
        n = max(1, len(snap.postings))
        text = normalize(q)
        # words inside what a topic read ("profit share", "take-home exercise"), or after "don't want" ("dont want to
        # commute"): neither is a further criterion
        spans = [m.span() for t in TOPICS for m in t.asked.finditer(text)] + [
            (m.start(), m.end()) for m in re.finditer(r"\b(?:don'?t|do not|not|no|without|never|rather not|\w+n't)\b(?:\s+[\w-]+){1,5}", text)]
        taken = {w for a, b in spans for w in words(text[a:b])}
        # the word a topic's phrase ends on ("on-call rotation", "parental leave policy") is the topic's too
        for _a, b in spans:  # ... and "on-call rotation or roster": the alternatives named with it
            if m := re.match(r"\s+([a-z]+)(?:\s*(?:or|and|/)\s*([a-z]+)(?:\s+([a-z]+)(?=\s*[?.!,;]|\s*$))?)?\b", text[b:]):
                taken.update(g for g in m.groups() if g)
        toks = words(text)
        for a, b in zip(toks, toks[1:]):  # "google cloud" is GCP, a technology the filter read
            if canonical_tech(f"{a} {b}"):
                taken |= {a, b}
        read = filter_words(lf)
        asked = _criterion_part(q)
        if lf.description:  # with a criterion read, an example ("even just as a 'translates well' language") adds none
            asked = _ASIDE.sub(" ", asked)
        for w in criterion_words(asked):
            if w in taken:
                continue
            if len(w) < 3 or w in GENERIC or w in VAGUE or w in FILTER_TALK or w in read or stem(w) in read:
                continue
            if any(t.asked.search(w) for t in TOPICS):  # "pension" in "401k / pension / RRSP": the topic's own word
                continue
            if canonical_tech(w) in lf.technologies:  # "postgres / postgresql": both name the one technology read
                continue
            df = lexical.token_df.get(stem(w), 0)
            if df == 0 or df > max(0.15 * n, min(5, 0.4 * n)):
                continue
            without = re.sub(rf"(?<![\w]){re.escape(w)}(?![\w])", " ", q, flags=re.I)
            other = parse_filter(without, technologies=lambda text: self._technologies(text, derived), places=derived.places)
            if other is not None and other.description == lf.description:
                out.append(w)
        return out

    def _asks_all(self, q: str) -> bool:
        return bool(ALL_ROLES.search(normalize(q))) and not self._content_words(q)

    @staticmethod
    def _content_words(q: str) -> list[str]:
        return [stem(w) for w in words(q) if w not in STOPWORDS and w not in LIST_WORDS and stem(w) not in LIST_WORDS and len(w) > 1]

    def _technologies(self, text: str, derived: _Derived) -> list[str]:
        names: list[str] = []
        for name, _, _ in find_technologies(text):
            if name not in names:
                names.append(name)
        for m in re.finditer(r"[^\W_]+(?:\+\+|#)?", text):
            w = m.group(0)
            low = w.lower()
            if low == "js" and m.start() > 0 and text[m.start() - 1] == ".":
                continue  # "vue.js", "node.js": the framework, not JavaScript on its own
            if low == "go" and w != "Go" and GO_AS_LANGUAGE.search(text):
                if "Go" not in names:
                    names.append("Go")
                continue
            if low in STOPWORDS or low in GENERIC or len(low) < 2 or (low == "go" and w != "Go") or (low in _WORD_TECHS and w == low):
                continue  # "the rest from home" names no REST API
            name = canonical_tech(low)
            if name and name not in names:
                names.append(name)
        for name in derived.tech_names:
            if name in names:
                continue
            if len(name) <= 2 or name.lower() in {"go", "r", "c"}:
                ok = re.search(rf"(?<![\w]){re.escape(name)}(?![\w+#])", text) and name[0].isupper()
                if name == "Go":
                    ok = ok or re.search(r"\bgolang\b", text, re.I)
            elif name.lower() in _WORD_TECHS:
                ok = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text)  # as written: "REST", not "the rest"
            else:
                ok = _term_pattern(name).search(text)
            if ok:
                names.append(name)
        return names

    def _fill_list(self, ctx: Context, snap: IndexSnapshot, derived: _Derived, lf: ListFilter, scope: list[str] | None) -> None:
        ctx.list_filter = lf
        if scope:
            pool = [snap.postings[p] for p in scope]
            pool.sort(key=lambda r: (r.company.lower(), r.title.lower(), r.posting_id))
        else:
            pool = derived.ordered()
        unjudged: dict[str, list[PostingRecord]] = {}
        for record in pool:
            match, reason = match_posting(record, lf, derived)
            if match is not None:
                ctx.postings.append(record)
                ctx.passages.append(offline.fact_passage(record, match.quote))
            elif reason:
                unjudged.setdefault(reason, []).append(record)
        if lf.also_words:
            # a leftover word narrows the matches only when some of them use it: "remote roles at fintech companies"
            # keeps the fintech ones, while a word no match uses ("even", a typo) was no criterion after all
            # the word itself, not one it begins ("form" is not "format")
            patterns = [re.compile(rf"(?<![\w]){re.escape(stem(w))}(?:s|es|ed|ing|er|ers|ly)?(?![\w])", re.I) for w in lf.also_words]
            kept = [(r, p) for r, p in zip(ctx.postings, ctx.passages) if derived.sentence_with_all(r, patterns)]
            if kept:
                ctx.postings, ctx.passages = [r for r, _ in kept], [p for _, p in kept]
            else:
                lf.description = lf.description.replace(", mentioning " + " ".join(lf.also_words), "")
                lf.also_words = []
        if lf.top_pay:
            self._keep_top_paid(ctx, derived)
        if lf.min_salary is not None or lf.max_salary is not None:
            for reason, recs in unjudged.items():
                # Named by company only: a title can carry figures ("20-30k") that nobody cited.
                shown = [r.company for r in recs if r.company and not re.search(r"\d", r.company)]
                if not shown:
                    continue
                names = ", ".join(dict.fromkeys(shown[:8]))
                more = " and others" if len(recs) > len(shown[:8]) else ""
                label = {"no pay stated": "Not stating pay", "pay in another currency or unit": "Pay in another currency or unit (not compared)"}.get(reason, reason)
                ctx.notes.append(f"_{label}: {names}{more}._")

    @staticmethod
    def _keep_top_paid(ctx: Context, derived: _Derived, per_currency: int = 3) -> None:
        """The best-paid matches by the top of their stated yearly range, a few per currency: amounts in different
        currencies are never compared with each other."""
        by_currency: dict[str, list[tuple[float, PostingRecord, str]]] = {}
        for record in ctx.postings:
            yearly = [s for s in derived.salaries(record) if s.currency and (s.unit == "year" or (s.unit is None and (s.min or 0) >= 10000))]
            if yearly:
                best = max(yearly, key=lambda s: s.max or s.min or 0)
                by_currency.setdefault(best.currency or "", []).append((best.max or best.min or 0, record, best.quote))
        groups = sorted(by_currency.values(), key=len, reverse=True)
        kept = [row for group in groups for row in sorted(group, key=lambda r: -r[0])[:per_currency]]
        ctx.postings = [r for _v, r, _q in kept]
        ctx.passages = [offline.fact_passage(r, q) for _v, r, q in kept]

    def _fill_text_list(self, ctx: Context, snap: IndexSnapshot, derived: _Derived, lexical: LexicalIndex, q: str) -> None:
        """A list over words rather than facts: "any fintech roles?" (titles first, then the text) or "which postings
        mention blockchain?" (the text). In the text, the asked words must meet in one sentence: "open source" is
        a sentence about open source, not a posting that says "open" here and "source" there."""
        ctx.list_filter = ListFilter(description="")
        raw_terms = criterion_words(_criterion_part(q))
        if not raw_terms:
            return
        text = normalize(q)
        # an asking verb ("roles that involve X") reads the text; before a role noun it is a noun ("support jobs")
        mention = bool(_MENTION.search(text)) or any(
            (_OFFER_CUE.fullmatch(m.group(0)) or m.group(0) in TEXT_VERBS) and not ROLE_NOUN_AFTER.match(text, m.end())
            for m in re.finditer(r"[\w'-]+", text))
        if re.search(r"\b(?:job |role )?titles?\b", text):
            mention = False  # "which job titles say founding?" reads the titles only
        found: list[tuple[PostingRecord, str]] = []
        if not mention:
            for record in derived.ordered():
                title = {stem(w) for w in words(record.title)}
                if all(stem(w) in title for w in raw_terms):
                    found.append((record, record.facts.title.quote if record.facts.title else record.title))
        if not found and not mention and names_role_kind(q):
            # "QA tester openings?" names a kind of role: a posting that merely names QA testers is not one
            ctx.list_filter.description = "matching " + " ".join(raw_terms)
            return
        # "anything in Singapore?" asks for a place: an office or hiring country named in passing is no role there,
        # while "roles in healthcare" finds postings about healthcare
        place_form = not mention and bool(PLACE_ASK.search(normalize(q)))
        if not found:
            mention = True
            # quoted by the rarest word asked ("stipend", not "home"): the sentence most likely about the ask
            rare = sorted(raw_terms, key=lambda w: lexical.token_df.get(stem(w), 0))
            patterns = [re.compile(rf"(?<![\w]){re.escape(stem(w))}\w*", re.I) for w in rare]
            stems = [stem(w) for w in rare]
            for record in derived.ordered():
                folded = derived.folded(record.posting_id)
                # a substring test over the lowercased text rules most postings out before any regex runs
                if folded is not None and not all(s in folded for s in stems):
                    continue
                quote = derived.sentence_with_all(record, patterns)
                if quote and not (place_form and LOCATION_CONTEXT.search(quote)):
                    found.append((record, quote))
        for record, quote in found:
            ctx.postings.append(record)
            ctx.passages.append(offline.fact_passage(record, quote or ""))
        ctx.list_filter.description = ("mentioning " if mention else "matching ") + " ".join(raw_terms)

    def _fill_postings(self, ctx: Context, snap: IndexSnapshot, derived: _Derived, q: str, pids: list[str]) -> None:
        # Named postings are searched lexically only: they are passed whole, so a query embedding buys little.
        result = self.retriever.search(snap, q, k=MAX_CONTEXT_PASSAGES, posting_ids=pids, dense=False)
        order = {pid: i for i, pid in enumerate(p for p, _ in result.posting_scores)}
        pids = _same_roles_in_index_order(sorted(pids, key=lambda p: (order.get(p, len(order)), p)), snap)
        ctx.postings = [snap.postings[p] for p in pids if p in snap.postings]
        passages = list(result.passages)
        have = {p.chunk_id for p in passages}
        for pid in pids:  # the writers see each linked posting whole, not just its best chunks
            for i in derived.chunks.get(pid, []):
                cid = snap.chunk_ids[i]
                if cid not in have and len(passages) < MAX_CONTEXT_PASSAGES:
                    meta = snap.chunk_metas[i]
                    passages.append(Passage(cid, pid, str(meta.get("section") or "other"), snap.chunk_texts[i] or "", 0.0))
                    have.add(cid)
        ctx.passages = passages

    def _rare_terms(self, text: str) -> set[str]:
        return {t for t in self._content_words(text) if t not in GENERIC and t not in VAGUE and t not in FILTER_TALK and len(t) > 2}

    def _description(self, snap: IndexSnapshot, q: str, derived: _Derived, lexical: LexicalIndex) -> Callable[[str], float] | None:
        """How well the question's rare words describe a posting: the weights of the words the two share, each
        weighted by how few postings use it ("clinic", "surf", "e-bike" weigh much; "salary", "remote" little)."""
        terms = self._rare_terms(q)
        if len(terms) < 2:
            return None
        n = max(1, len(snap.postings))
        weight = {t: math.log(1 + n / (1 + lexical.token_df.get(t, 0))) for t in terms}
        # "e-bike" is one word: a posting that says it weighs by how rare it is; one that says only "bike" somewhere
        # gets half the word's weight
        compounds: dict[str, tuple[float, set[str]]] = {}
        for c in set(re.findall(r"\b[a-z0-9]+-[a-z0-9]+\b", normalize(q))):
            df = derived.containing(c)
            parts = {stem(p) for p in c.split("-")} & set(weight)
            if df and parts:
                compounds[c] = (math.log(1 + n / (1 + df)), parts)

        def described(pid: str) -> float:
            toks = derived.tokens(pid)
            score = sum(w for t, w in weight.items() if t in toks)
            if compounds:
                text = derived.folded(pid) or derived.text(pid).lower()
                for c, (w, parts) in compounds.items():
                    said = sum(weight[p] for p in parts if p in toks)
                    score += w - said if c in text else -said / 2
            return score

        return described

    def _better_described(self, snap: IndexSnapshot, q: str, pids: list[str], derived: _Derived, lexical: LexicalIndex,
                          *, by_place: bool = False) -> list[str] | None:
        """A posting the question describes far better than the one a title or place word linked: "the clinic
        scheduling internship in nyc" is Brightwave's, though "nyc" is in another posting's title. A link made by a
        place word alone ("time zone" of "Eastern or Central time zone") gives way more easily than a title's."""
        described = self._description(snap, q, derived, lexical)
        if described is None:
            return None
        margin = (1.0 if by_place else DESCRIBED_BETTER) * math.log(1 + len(snap.postings) / 2)
        ranked = sorted(pids, key=described, reverse=True)
        if len(ranked) > 1 and described(ranked[0]) >= described(ranked[1]) + margin:
            return ranked[:1]  # "the elixir role at the adventure booking startup": Ondaviva's, not Remote's
        candidates = [p for p, _ in self.retriever.search(snap, q, k=12).posting_scores[:5] if p not in pids]
        if not candidates:
            return None
        best = max(candidates, key=described)
        return [best] if described(best) >= described(ranked[0]) + margin else None

    def _described_leader(self, snap: IndexSnapshot, q: str, scores: list[tuple[str, float]], derived: _Derived,
                          lexical: LexicalIndex) -> str | None:
        """Nothing named, retrieval without a clear leader: the posting the question plainly describes ("the
        amsterdam e-bike company"), when it shares rare words with the question worth one and a half more than any other's."""
        described = self._description(snap, q, derived, lexical)
        if described is None or not scores:
            return None
        unit = math.log(1 + len(snap.postings) / 2)
        ranked = sorted((p for p, _ in scores[:5]), key=described, reverse=True)
        company = snap.postings[ranked[0]].company.casefold() if ranked[0] in snap.postings else ""
        # the same company's other posting of the role ("the news org backend job" twice) is no rival
        rivals = [p for p in ranked[1:] if p not in snap.postings or snap.postings[p].company.casefold() != company]
        second = described(rivals[0]) if rivals else 0.0
        top = described(ranked[0])
        # said as "the amsterdam e-bike company", one posting is meant: one rare word ahead is enough
        definite = bool(self._rare_terms(" ".join(description_phrases(normalize(q)))))
        return ranked[0] if top >= second + (1.0 if definite else DESCRIBED_BETTER) * unit else None

    def _clear_leader(self, q: str, scores: list[tuple[str, float]], derived: _Derived, lexical: LexicalIndex) -> bool:
        if not scores:
            return False
        terms = [t for t in self._content_words(q) if t not in GENERIC]
        if not terms:
            return False
        top_pid, top = scores[0]
        second = scores[1][1] if len(scores) > 1 else 0.0
        toks = derived.tokens(top_pid)
        covered = sum(1 for t in terms if t in toks) / len(terms)
        return covered >= 0.5 and top >= CLEAR_LEAD * second


__all__ = ["Engine", "LinkResult"]
