"""Which posting(s) a question names: company names, titles, teams, places, tech aliases, typos.

People say "the grafana job", "1password rust thing", "the go role", "Axois". The linker builds, once per index
generation, an alias table from every posting's company and title (and place names from its facts), then scores
the question's words against it:

* a company name (or a distinctive word of it) links every posting of that company; title and place words then
  narrow within the company when they can, otherwise all its roles stay linked;
* without a company, distinctive title words ("android", "elixir", "intern", "golang") link the few postings whose
  titles carry them (at most ``MAX_TITLE_LINKS``; more is a list or a search, not a link);
* company names that are ordinary English words ("Medium", "Stream", "Remote") count only when written with their
  capital or in an unmistakable frame ("at medium", "the stream role", "medium's");
* a question word that occurs in no posting at all is a typo candidate and is fuzzily matched to the alias table.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import PurePath

from rapidfuzz import fuzz, process

from ..models import PostingRecord
from ..store import IndexSnapshot
from .text import STOPWORDS, fold_accents, normalize, stem, words

MAX_TITLE_LINKS = 4
MAX_GENERIC_LINKS = 8
_ROLE_FRAME = frozenset({"role", "job", "position", "posting", "gig", "opening"})

# Words in titles and company names that never identify a posting on their own.
GENERIC = frozenset(
    """
    role roles job jobs position positions opening openings posting postings vacancy work team teams company
    engineer engineers engineering developer developers development software senior sr jr junior mid staff principal
    lead leads head manager management member remote hybrid onsite office full time part contract contractor
    inc llc ltd gmbh corp co labs lab group technologies technology systems solutions health io ai the de
    and with of for in at backend frontend fullstack full stack ii iii iv i level new founding multiple
    pay salary benefit benefits apply location city remote-first md html txt pdf json com
    """.split()
)

# Words that describe no posting in particular, even in the second, descriptive linking pass.
_NOT_DESCRIPTIVE = frozenset(
    """role roles job jobs position positions opening openings posting postings vacancy work team teams company
    engineer engineers engineering developer developers development software the and with of for in at new one gig
    inc llc ltd gmbh corp co pay salary benefit benefits apply md html txt pdf json com""".split()
)

# Title/tech aliases: what people type -> the token a title carries.
ALIASES = {
    "golang": "go",
    "js": "javascript",
    "ts": "typescript",
    "dotnet": "net",
    "csharp": "c#",
    "node": "nodejs",
    "k8s": "kubernetes",
    "py": "python",
    "internship": "intern",
    "interns": "intern",
    "apprentice": "apprenticeship",
    "ml": "machine",
    "fe": "frontend",
    "be": "backend",
}
# The reverse direction for titles: a title saying "Golang" is also a "go" title.
TITLE_EXPANSIONS = {"golang": ("go",), "go": ("golang",), "node": ("nodejs",), "nodejs": ("node",), ".net": ("net",)}

_SHORT_ROLE = re.compile(r"\b(?:senior|sr|staff|principal|lead|junior|jr|medior|mid|intern)\s+(?:be|fe)\b|"
                         r"\b(?:be|fe)\s+(?:role|job|position|posting|engineer|developer|dev|one|gig)\b")
_FRAME_BEFORE = re.compile(r"\b(?:at|for|with|from|by|about|join|joining|(?:apply|applying|applied|interview|interviewing|moving|going) to)\s+$")
_FRAME_AFTER = re.compile(
    r"^\s*\((?:the|a|an)\s[^)]{0,40}\)|"  # "medium (the blogging site) principal backend: ..."
    r"^(?:'s|’s|(?:\s+[\w.+#/-]+){0,3}?\s+(?:role|roles|job|jobs|posting|postings|position|positions|opening|openings|"
    r"thing|one|gig|internship|apprenticeship|team|engineer|developer|dev))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Whole English words from the bundled MiniLM vocabulary: a company named like one needs its capital."""
    path = resources.files("bot.vendor.minilm") / "vocab.txt"
    vocab = path.read_text(encoding="utf-8").split("\n")
    return frozenset(w for w in vocab if w.isalpha() and w.islower() and len(w) > 1)


@dataclass
class Alias:
    text: str  # normalized alias ("grafana labs", "grafana")
    company: str  # the company's display name
    common: bool  # an English word: needs its capital or a frame
    cased: str  # the alias as the company writes it (for the capital check)


@dataclass
class LinkIndex:
    generation: int
    aliases: list[Alias]
    by_company: dict[str, list[str]]  # company display name -> posting ids
    title_tokens: dict[str, set[str]]  # token -> posting ids whose title (or place) carries it
    place_tokens: dict[str, set[str]]
    idf: dict[str, float]
    vocab_words: frozenset[str]  # every token known to alias matching (for typo correction)
    n: int = 0
    posting_titles: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class LinkResult:
    posting_ids: list[str]
    by_company: bool = False  # the question named a company
    companies: list[str] = field(default_factory=list)
    ambiguous: bool = False  # several postings matched a title word equally
    matched: list[str] = field(default_factory=list)  # the company names as matched (to strip before intents)
    via: list[str] = field(default_factory=list)  # title/file words that made a title link


def _company_aliases(company: str) -> list[tuple[str, str]]:
    """(normalized alias, cased alias) pairs for a company name."""
    out: list[tuple[str, str]] = []
    name = company.strip()
    if not name:
        return out
    parts = [name] + [p.strip() for p in re.split(r"\s*[/&|+]\s*|\s+\(|\)", name) if p.strip()]
    for part in parts:
        norm = " ".join(words(part))
        if norm:
            out.append((norm, part))
        toks = words(part)
        cased_toks = re.findall(r"[^\W_]+", part)
        if toks and toks[-1] in GENERIC and len(toks) > 1:  # "Grafana Labs" -> "grafana"
            out.append((" ".join(toks[:-1]), " ".join(cased_toks[:-1]) if len(cased_toks) >= len(toks) else part))
        if len(toks) > 1 and len(toks[0]) >= 4 and toks[0] not in GENERIC:  # "Octopus Deploy" -> "octopus"
            out.append((toks[0], cased_toks[0] if cased_toks else toks[0]))
        if "." in part:  # "Remote.com" -> "remote"
            head = part.split(".")[0]
            if len(head) >= 3:
                out.append((normalize(head), head))
    out += [(plain, c) for a, c in out if (plain := fold_accents(a)) != a]  # "mares" typed for "Marés"
    seen: set[str] = set()
    uniq = []
    for a, c in out:
        if a and a not in seen and a not in STOPWORDS:
            seen.add(a)
            uniq.append((a, c))
    return uniq


def _title_words(record: PostingRecord) -> set[str]:
    toks = set()
    for t in words(record.title):
        t = stem(t)
        toks.add(t)
        toks.update(TITLE_EXPANSIONS.get(t, ()))
    return {t for t in toks if t not in STOPWORDS}


_FILE_SLUG = re.compile(r"^\d+_([a-z0-9-]+)_([a-z0-9-]+)$")


def _slug_company(source: str) -> str:
    """"012_1password_backend-developer-rust.md" -> "1password": a numbered file name names its company."""
    stem_ = PurePath(source).stem.lower()
    m = _FILE_SLUG.match(stem_)
    return m.group(1).replace("-", " ") if m else ""


def _file_words(source: str) -> set[str]:
    """Words of the file name: people name postings the way their files are named ("the grafana germany job")."""
    stem_ = PurePath(source).stem.lower()
    toks = {stem(t) for t in re.split(r"[^a-z0-9+#]+", stem_) if t and not t.isdigit()}
    out = set(toks)
    for t in toks:
        out.update(TITLE_EXPANSIONS.get(t, ()))
        if t == "dotnet":
            out.add("net")
    return {t for t in out if t not in STOPWORDS and t not in GENERIC and len(t) > 1}


def _place_words(record: PostingRecord) -> set[str]:
    toks: set[str] = set()
    for fact in record.facts.job_locations:
        toks.update(w for w in words(str(fact.value)) if len(w) >= 3 and w not in STOPWORDS)
    return toks - GENERIC


def build_link_index(snapshot: IndexSnapshot) -> LinkIndex:
    common = _common_words()
    aliases: list[Alias] = []
    by_company: dict[str, list[str]] = {}
    title_tokens: dict[str, set[str]] = {}
    place_tokens: dict[str, set[str]] = {}
    posting_titles: dict[str, set[str]] = {}
    for pid, rec in snapshot.postings.items():
        for company in {rec.company, _slug_company(rec.source)} - {""}:
            by_company.setdefault(company, []).append(pid)
        tw = _title_words(rec) | _file_words(rec.source)
        posting_titles[pid] = tw
        for t in tw:
            title_tokens.setdefault(t, set()).add(pid)
        for t in _place_words(rec):
            place_tokens.setdefault(t, set()).add(pid)
    seen: set[tuple[str, str]] = set()
    for company in by_company:
        for alias, cased in _company_aliases(company):
            if (alias, company) in seen:
                continue
            seen.add((alias, company))
            is_common = (" " not in alias and alias in common) or alias in GENERIC
            if alias in GENERIC and " " not in alias:
                continue
            aliases.append(Alias(alias, company, is_common, cased))
    n = max(1, len(snapshot.postings))
    idf = {t: math.log(1 + n / len(pids)) for t, pids in title_tokens.items()}
    vocab_words = frozenset(
        {w for a in aliases for w in a.text.split()} | {t for t in title_tokens if t not in GENERIC and len(t) >= 3}
    )
    for ids in by_company.values():
        ids.sort()
    return LinkIndex(
        generation=snapshot.generation,
        aliases=aliases,
        by_company=by_company,
        title_tokens=title_tokens,
        place_tokens=place_tokens,
        idf=idf,
        vocab_words=vocab_words,
        n=n,
        posting_titles=posting_titles,
    )


class Linker:
    """Links questions to postings; caches its alias table per index generation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: LinkIndex | None = None
        self._key: tuple[int, int] | None = None

    def index(self, snapshot: IndexSnapshot) -> LinkIndex:
        key = (snapshot.generation, id(snapshot))
        with self._lock:
            if self._index is None or self._key != key:
                self._index = build_link_index(snapshot)
                self._key = key
            return self._index

    def link(self, snapshot: IndexSnapshot, question: str, known_words: set[str] | dict[str, int] | None = None) -> LinkResult:
        idx = self.index(snapshot)
        text = question[:4000]
        norm = " " + " ".join(words(text)) + " "
        corrected = _correct_typos(text, idx, known_words)
        companies, matched = _match_companies(text, norm, corrected, idx)
        qtokens = _question_title_tokens(text, corrected)

        if companies:
            pids = sorted({pid for c in companies for pid in idx.by_company.get(c, [])})
            company_words = {w for m in matched for w in m.split()}
            narrowed = _narrow(pids, qtokens - company_words, idx)
            return LinkResult(narrowed or pids, by_company=True, companies=companies, matched=matched)

        scores: dict[str, float] = {}
        via: list[str] = []
        for t in qtokens:
            if t in GENERIC or len(t) < 2:  # "you'd" leaves a "d" that "(m/f/d)" titles carry
                continue
            pids = idx.title_tokens.get(t, set())
            if 0 < len(pids) <= max(MAX_TITLE_LINKS, 1):
                via.append(t)
                for pid in pids:
                    scores[pid] = scores.get(pid, 0.0) + idx.idf.get(t, 0.0)
            places = idx.place_tokens.get(t, set())
            if 0 < len(places) <= 2 and ("role" in qtokens or "job" in qtokens or "posting" in qtokens or "position" in qtokens):
                for pid in places:  # "the Garching job": a place only links in a "the X role" frame
                    scores[pid] = scores.get(pid, 0.0) + 0.5 * math.log(1 + idx.n / len(places))
        if not scores or len([p for p, s in scores.items() if s >= max(scores.values()) - 1e-9]) > 1:
            # "the toronto junior frontend job": words too common to link alone name one posting together
            described = self._describe(idx, qtokens)
            if described is not None:
                return described
        if not scores:
            return self._generic_title(idx, qtokens)
        top = max(scores.values())
        best = sorted(pid for pid, s in scores.items() if s >= top - 1e-9)
        if len(best) > MAX_TITLE_LINKS:
            return LinkResult([])
        return LinkResult(best, ambiguous=len(best) > 1, via=via)

    @staticmethod
    def _generic_title(idx: LinkIndex, qtokens: set[str]) -> LinkResult:
        """"what does the senior backend role pay?": words too common to link alone ("senior", "backend") name
        the postings whose titles hold them all, in a "the X role" frame, when few do."""
        if not qtokens & _ROLE_FRAME:
            return LinkResult([])
        named = [t for t in qtokens if t in GENERIC and t not in _ROLE_FRAME and t in idx.title_tokens]
        if not named:
            return LinkResult([])
        pids = set.intersection(*(set(idx.title_tokens[t]) for t in named))
        if not 0 < len(pids) <= MAX_GENERIC_LINKS:  # the answer shows the first few and says more match
            return LinkResult([])
        return LinkResult(sorted(pids), ambiguous=len(pids) > 1, via=named)

    @staticmethod
    def _describe(idx: LinkIndex, qtokens: set[str]) -> LinkResult | None:
        """One posting that several of the question's title, level and place words describe, clearly ahead."""
        frame = bool(qtokens & {"role", "job", "posting", "position", "gig", "opening", "one"})
        scores: dict[str, float] = {}
        hits: dict[str, list[str]] = {}
        for t in qtokens:
            if t in _NOT_DESCRIPTIVE or len(t) < 2:
                continue
            pids = set(idx.title_tokens.get(t, set()))
            if frame:
                pids |= idx.place_tokens.get(t, set())
            if not 0 < len(pids) <= max(MAX_TITLE_LINKS, idx.n // 4):
                continue
            weight = math.log(1 + idx.n / len(pids))
            for pid in pids:
                scores[pid] = scores.get(pid, 0.0) + weight
                hits.setdefault(pid, []).append(t)
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        best, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if len(hits[best]) < 2 or top < second + 1.0:
            return None
        return LinkResult([best], via=hits[best])


def _question_title_tokens(text: str, corrected: dict[str, str]) -> set[str]:
    out: set[str] = set()
    raw = re.findall(r"[^\W_]+(?:\+\+|#)?|\.net\b", text, flags=re.IGNORECASE)
    for tok in raw:
        low = normalize(tok)
        if low == "go" and tok != "Go" and not re.search(r"\b(?:go|golang)\s+(?:role|job|position|posting|engineer|developer|one)", normalize(text)):
            continue  # "go" is a verb unless capitalized or in "the go role"
        if low in ("be", "fe") and tok != tok.upper() and not _SHORT_ROLE.search(normalize(text)):
            continue  # "where i'd be writing python": "be" is backend only as "BE" or in "the principal be role"
        low = corrected.get(low, low)
        low = ALIASES.get(low, low)
        low = stem(low)
        if low.startswith("."):
            low = low[1:]
        if low and low not in STOPWORDS:
            out.add(low)
    return out


def _narrow(pids: list[str], qtokens: set[str], idx: LinkIndex) -> list[str]:
    """Within one company's roles, keep those whose title or place best matches the question's words."""
    if len(pids) <= 1:
        return pids
    scores = {}
    for pid in pids:
        title = idx.posting_titles.get(pid, set())
        s = sum(idx.idf.get(t, 0.0) for t in qtokens if t in title and t not in {"role", "job"})
        s += sum(0.5 for t in qtokens if pid in idx.place_tokens.get(t, set()))
        scores[pid] = s
    top = max(scores.values())
    if top <= 0:
        return pids
    best = [pid for pid in pids if scores[pid] >= top - 1e-9]
    return best


def _correct_typos(text: str, idx: LinkIndex, known: set[str] | dict[str, int] | None) -> dict[str, str]:
    """Map misspelled question words (known to no posting) to the closest alias word."""
    choices = sorted(idx.vocab_words)
    out: dict[str, str] = {}
    if not choices:
        return out
    for tok in set(words(text)):
        if len(tok) < 4 or tok in STOPWORDS or tok in GENERIC or tok in idx.vocab_words:
            continue
        if known is not None and (tok in known or stem(tok) in known):
            continue
        hit = process.extractOne(tok, choices, scorer=fuzz.ratio, score_cutoff=80 if len(tok) >= 5 else 86)
        if hit:
            out[tok] = hit[0]
    return out


def _match_companies(text: str, norm: str, corrected: dict[str, str], idx: LinkIndex) -> tuple[list[str], list[str]]:
    found: dict[str, int] = {}
    matched: list[str] = []
    corrected_norm = norm
    if corrected:
        corrected_norm = " " + " ".join(corrected.get(w, w) for w in norm.split()) + " "
    # "maple craft" for Maplecraft: two typed words that make one company word
    toks = norm.split()
    joined = {a + b: f"{a} {b}" for a, b in zip(toks, toks[1:]) if len(a) >= 2 and len(b) >= 2}
    # "1pass" for 1Password: a clipped company name that is no word of its own
    common = _common_words()
    for tok in toks:
        if len(tok) < 4 or tok in common or tok in idx.vocab_words or tok in GENERIC:
            continue
        hits = {a.company for a in idx.aliases if " " not in a.text and not a.common and len(a.text) >= len(tok) + 2 and a.text.startswith(tok)}
        if len(hits) == 1:
            company = next(iter(hits))
            found[company] = max(found.get(company, 0), len(tok))
            matched.append(tok)
    for alias in idx.aliases:
        if " " not in alias.text and not alias.common and alias.text in joined:
            found[alias.company] = max(found.get(alias.company, 0), len(alias.text))
            matched.append(joined[alias.text])
    for alias in idx.aliases:
        needle = f" {alias.text} "
        hit_norm = needle in norm
        hit_corr = needle in corrected_norm
        if not (hit_norm or hit_corr):
            continue
        if alias.common and hit_norm and not _confident_common(text, alias):
            continue
        if alias.common and not hit_norm:
            continue  # never "correct" a word into a common-word company name
        found[alias.company] = max(found.get(alias.company, 0), len(alias.text))
        matched.append(alias.text)
        if not hit_norm:  # the misspelling as typed, so it can be stripped too
            matched.extend(w for w, c in corrected.items() if c in alias.text.split())
    return sorted(found), matched


def _confident_common(text: str, alias: Alias) -> bool:
    """A company named like an English word: its capital (not just sentence-initial) or a naming frame."""
    pattern = re.compile(rf"(?<![\w]){re.escape(alias.text)}(?![\w])", re.IGNORECASE)
    for m in pattern.finditer(text):
        before, after = text[: m.start()], text[m.end() :]
        word = m.group(0)
        if _FRAME_AFTER.match(after) or _FRAME_BEFORE.search(before.lower()):
            return True
        if word[:1].isupper() and word == alias.cased[: len(word)] or word.isupper() and len(word) > 2:
            sentence_start = not before.strip() or before.rstrip()[-1:] in ".!?:\n"
            if not sentence_start:
                return True
            # Sentence-initial "Remote roles?" is ambiguous; "Stream: is it remote?" is not.
            if re.match(r"^\s*(?::|,|\s+(?:pay|pays|offer|offers|hire|hiring|have|has|want|wants|need|needs)\b)", after):
                return True
    return False
