"""The default answer writer: no model, just the posting's structured facts and its own sentences, quoted.

Every number the answer shows comes inside a quote of the posting (or a fact value that is a substring of its
quote), so the offline writer cannot invent a figure. Citations ``[n]`` index ``Answer.sources``; the posting the
answer is about comes first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import PurePath

from ..ingest.facts.vocab import find_technologies
from ..ingest.sections import canonical
from ..models import Answer, PostingRecord, Salary, Source
from .context import Context, Passage
from .intents import classify, fix_typos
from .lists import without_descriptions
from .linking import GENERIC, _common_words
from .topics import BONUS_SAYS, EQUITY_SAYS, TOPICS, Topic, topics_asked
from .text import clean_quote, expand_abbreviations, normalize, sentences, stem, tokenize, words
from .verify import MAX_ANSWER_CHARS

EMPTY_TEXT = (
    "Ask me about our open roles: pay, remote or hybrid, location, tech stack, benefits or how to apply. "
    "For example: _what does the Axios backend role pay?_ or _which roles are fully remote?_"
)
MAX_POSTINGS_IN_ANSWER = 6
MAX_LIST_ITEMS = 40

_UNIT_PHRASE = {"hour": "an hour", "day": "a day", "week": "a week", "month": "a month", "year": "a year"}
_EMPLOYMENT_PHRASE = {
    "FULL_TIME": "a full-time role",
    "PART_TIME": "a part-time role",
    "CONTRACTOR": "a contract (contractor) role",
    "INTERN": "an internship",
    "TEMPORARY": "a temporary role",
}
_NOT_STATED = {
    "pay": "the pay",
    "workplace": "whether it is remote, hybrid or on-site",
    "location": "where the role is based",
    "stack": "a tech stack",
    "seniority": "a seniority level",
    "benefits": "its benefits",
    "apply": "how to apply",
    "employment_type": "the employment type",
    "general": "that",
}
_INTENT_HINTS: dict[str, re.Pattern[str]] = {
    "pay": re.compile(r"[$€£]|\b(?:salary|pay|compensation|range|usd|eur|gbp|cad|per hour|hourly|/hr|annual)\b", re.I),
    "workplace": re.compile(r"\b(?:remote|remotely|hybrid|on-?site|office|in person|in-person|days a week|from home)\b", re.I),
    "location": re.compile(r"\b(?:based|located|location|relocat\w*|visa|sponsor\w*|time ?zone|country|countries|city)\b", re.I),
    "benefits": re.compile(r"\b(?:benefit|insurance|health|pto|vacation|leave|stipend|allowance|401|pension|equity|holiday)", re.I),
    "apply": re.compile(r"\b(?:apply|application|email|e-mail|send|contact|cv|resume|portfolio)\b|@|https?://", re.I),
    "seniority": re.compile(r"\b(?:years|experience|senior|junior|level\w*)\b", re.I),
    "stack": re.compile(r"\b(?:experience with|stack|using|language|framework|tools)\b", re.I),
    "employment_type": re.compile(
        r"\b(?:full[- ]time|part[- ]time|permanent|contract|contractor|freelance|fixed[- ]term|temporary|internship|"
        r"employee|employment|w-?2|1099|b2b|ir35)\b", re.I),
}
# The words a posting uses for what people ask in their own words ("pto" -> "vacation", "relocate" -> "move").
_TERM_SYNONYMS: dict[str, tuple[str, ...]] = {
    "relocate": ("relocation", "move", "relocating"), "relocation": ("relocate", "move"), "move": ("relocate", "relocation"),
    "timezone": ("time", "zone", "cet", "utc", "est", "pst", "gmt", "overlap"), "tz": ("time", "zone", "utc", "cet"),
    "pto": ("vacation", "holiday"), "vacation": ("pto", "holiday"), "holiday": ("vacation", "pto"), "visa": ("sponsor", "sponsorship"), "sponsor": ("visa", "sponsorship"),
    "sponsorship": ("visa", "sponsor"), "wfh": ("remote", "remotely", "home"), "401k": ("retirement", "pension", "rrsp"),
    "pension": ("401k", "retirement", "rrsp", "superannuation", "kiwisaver"),
    "retirement": ("401k", "pension", "rrsp", "superannuation", "kiwisaver"),
    "clearance": ("bpss", "vetting", "security", "cleared"), "vetting": ("clearance", "bpss", "background"), "equity": ("stock", "option", "share"),
    "perm": ("permanent",), "permanent": ("perm",), "interview": ("process", "step", "stage"),
    "parental": ("maternity", "paternity", "caregiver"), "maternity": ("parental",), "paternity": ("parental",),
    "laptop": ("equipment", "hardware", "macbook"), "gear": ("equipment", "laptop"), "training": ("learning", "development"),
    "oncall": ("call",), "deadline": ("before", "closes", "close"), "coworking": ("co-working", "cowork"),
    "degree": ("bachelor", "master", "phd", "diploma", "enrolled", "graduate", "graduating", "graduated"),
    "diploma": ("degree", "bachelor", "master"), "big": ("person", "people", "size", "engineers", "members"),
    "size": ("person", "people", "engineers", "members"), "dutch": ("language",), "german": ("language",), "french": ("language",),
}  # fmt: skip
# Families of words that name the same thing in a question and in a posting (stems, as tokenize() gives them): a
# word asked finds a sentence using any word of its family.
_TERM_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("interview", "loop", "round", "screen", "screening", "take-home", "assignment", "hiring"),
    ("big", "size", "large", "small", "headcount", "employee", "people", "strong", "engineers", "developers", "members"),
    ("stage", "funding", "funded", "series", "raised", "investor", "backed", "seed", "startup", "profitable", "ipo"),
    ("hq", "headquarter", "headquarters", "office", "based"),
    ("parent", "childcare", "child", "children", "kid", "family", "parental", "daycare"),
    ("managing", "manage", "lead", "leading", "report", "mentor", "mentoring"),
    ("testing", "test", "qa", "jest", "vitest", "cypress", "playwright", "pytest", "junit", "rspec", "e2e"),
    ("perk", "benefit", "stipend", "allowance", "budget", "reimburse", "reimbursement", "reimbursed"),
    ("commute", "commuting", "coming", "transit", "in-person", "office"),
    ("group", "team", "squad", "department", "org", "organization", "division", "unit", "collective"),
    ("framework", "library", "sdk", "tooling"),
    ("recruiter", "recruiting", "talent", "contact", "questions", "reach"),
    ("resume", "cv", "portfolio", "linkedin"),
    ("probation", "probationary", "trial"),
    ("convert", "conversion", "return", "permanent", "expectation", "full-time"),
    ("client", "customer", "end-client"),
    ("often", "frequency", "schedule", "monthly", "biweekly", "twice", "weekly", "payroll", "invoice", "invoiced"),
    ("start", "begin", "starting", "asap", "immediately"),
    ("long", "length", "duration", "month", "week"),
    ("salary", "pay", "compensation", "base", "band"),
    ("laptop", "equipment", "hardware", "macbook", "computer"),
    ("remote", "remotely", "wfh", "anywhere", "distributed"),
    ("perm", "permanent", "unbefristet", "cdi"),
    ("training", "learning", "development", "conference", "course", "book"),
)
for _family in _TERM_FAMILIES:
    for _word in _family:
        for _key in {_word, stem(_word)}:  # looked up by the question's stemmed tokens ("series" -> "serie")
            _TERM_SYNONYMS[_key] = tuple(dict.fromkeys((*_TERM_SYNONYMS.get(_key, ()), *(w for w in _family if w != _word))))
_SECTION_BONUS = {
    "pay": {"compensation": 1.0, "benefits": 0.3},
    "benefits": {"benefits": 1.0, "compensation": 0.3},
    "apply": {"how_to_apply": 1.0},
    "workplace": {"location": 0.8, "summary": 0.4},
    "location": {"location": 0.8, "summary": 0.4},
    "stack": {"requirements": 0.6, "nice_to_have": 0.3, "responsibilities": 0.3},
    "seniority": {"requirements": 0.6},
    "general": {"role": 0.6, "responsibilities": 0.6, "about": 0.3},
}


# ----------------------------------------------------------------------------------------------------- helpers

class _Cites:
    """Numbered sources, one per posting, in first-cited order."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._index: dict[str, int] = {}

    def cite(self, record: PostingRecord, quote: str) -> int:
        if record.posting_id in self._index:
            n = self._index[record.posting_id]
            if not self.sources[n - 1].quote and quote:
                self.sources[n - 1].quote = quote
            return n
        self.sources.append(Source.from_record(record, quote))
        self._index[record.posting_id] = len(self.sources)
        return len(self.sources)


def _name(record: PostingRecord) -> str:
    return f"*{record.title}*" + (f" at {record.company}" if record.company else "")


def _posting_phrase(record: PostingRecord) -> str:
    return f"The *{record.title}* posting" + (f" at {record.company}" if record.company else "")


def _quote_block(quotes: list[str]) -> str:
    return "\n".join(f"> {' '.join(q.split())}" for q in quotes if q)  # a hard-wrapped quote stays one quote line


def _dedupe(quotes: list[str]) -> list[str]:
    out: list[str] = []
    for q in quotes:
        q = clean_quote(q)
        if q and not any(q in o or o in q for o in out):
            out.append(q)
    return out


_FILLER = frozenset(
    """role job gig thing posting opening position does much many actually doing even ever stuff pls please really
    help need get give go like would bring they do say said tell anything something day whats what's way kind sort
    ok okay guy folk include includes come comes offer offers provide provides there""".split()
)


def _content_terms(question: str, record: PostingRecord | None = None) -> set[str]:
    """Question words that can pick a sentence: not stopwords, not job-title filler, not the posting's name."""
    skip = set(GENERIC) | _FILLER
    if record is not None:
        own = f"{record.title} {record.company} {PurePath(record.source).stem.replace('-', ' ').replace('_', ' ')}"
        skip |= {stem(w) for w in words(own)}
    own_long = {w for w in skip if len(w) >= 5}
    # "internship" on an intern posting, "engineering" on an engineer one: the posting's own words, not the ask
    question = expand_abbreviations(question)
    terms = {t for t in tokenize(question) if t not in skip and len(t) > 1 and not any(t.startswith(w) for w in own_long)}
    if not terms and record is not None:
        # "how many hours a week?" of "Data Engineer (20 hours/week)": the ask is in the title, so its words count
        own = {stem(w) for w in words(f"{record.company} {PurePath(record.source).stem}")}
        terms = {t for t in tokenize(question) if t not in (set(GENERIC) | _FILLER | own) and len(t) > 1}
    for compound in _compounds(question):  # "on-call" asks for on-call, not for any "call"
        terms -= set(compound.split("-"))
        terms.add(compound)
    return terms | {stem(w) for t in terms for w in _TERM_SYNONYMS.get(t, ())}


def _compounds(text: str) -> list[str]:
    """Hyphenated words of the question ("on-call", "co-working"), lowercased."""
    return [c for c in re.findall(r"\b[a-z]{2,}-[a-z]{2,}\b", normalize(text)) if c not in _PLAIN_COMPOUNDS]


# Hyphenated words whose parts mean the same on their own: kept as two words.
_PLAIN_COMPOUNDS = frozenset({"full-time", "part-time", "e-mail", "front-end", "back-end", "full-stack", "follow-up", "in-office", "on-site"})


def _sentence_tokens(sent: str, terms: set[str]) -> set[str]:
    toks = set(tokenize(sent))
    low = normalize(sent)
    for t in terms:
        if "-" in t and re.search(r"\b" + r"[- ]?".join(map(re.escape, t.split("-"))) + r"\b", low):
            toks.add(t)
    return toks


_QUANTITY = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|once|twice|daily|weekly|monthly|every)\b", re.I)
_SPECIFIC_EMPLOYMENT = re.compile(r"\b(?:w-?2|c2c|corp[- ]to[- ]corp|1099|b2b|ir35|umbrella company|limited company|ltd company|eor|employer of record)\b", re.I)
_PAY_HOW = re.compile(r"\bhow (?:do|does|is|are|did)\b[^?]{0,40}\b(?:set|sets|determin\w*|calculat\w*|decid\w*|benchmark\w*|structur\w*|band\w*|level\w*)\b", re.I)
_AMOUNT_ASK = re.compile(r"\bhow (?:much|many|big|large)\b|\bwhat(?:'s| is)? the (?:amount|number|figure)\b|\bwhat (?:%|percent\w*)|"
                         r"\bwhat(?:'s| is| are)? (?:the )?(?:[\w-]+ ){0,4}(?:amount|max|maximum|cap|limit|value)\b|\b(?:annual|yearly|monthly) amount\b|"
                         r"\b(?:which|what) (?:[\w.+#-]+ ){0,2}versions?\b|"
                         r"\b(?:bonus|target) %|%\s*\?", re.I)
_QUANTITY_STRICT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|half|double|unlimited)\b", re.I)
_COUNTING = re.compile(r"\bhow (?:big|large|small|many|much|long|often|old)\b|\bwhat size\b", re.I)


def posting_sentences(ctx: Context, posting_id: str) -> list[tuple[str, str, float]]:
    """(sentence, section, passage score) for one posting's passages, de-duplicated, in passage order."""
    seen: set[str] = set()
    out: list[tuple[str, str, float]] = []
    for p in ctx.passages:
        if p.posting_id != posting_id or p.section == "facts":
            continue
        section = p.section
        for s in sentences(p.text):
            # a chunk can hold several small sections ("Compensation", "Benefits"): a heading line inside it
            # starts the next one, so a benefit listed after "Benefits" is not read as the chunk's first section
            if len(s) <= 40 and s[-1:] not in ".!?" and (named := _heading_section(s)):
                section = named
            key = normalize(s)
            if key in seen:
                continue
            seen.add(key)
            out.append((s, section, p.score))
    return out


def _heading_section(line: str) -> str | None:
    bare = line.strip().strip("*_#:").strip()
    if not bare or len(bare.split()) > 6 or bare[:1].islower():
        return None
    return canonical(bare)


def best_sentences(
    ctx: Context,
    record: PostingRecord,
    *,
    intent: str,
    limit: int = 2,
    require_terms: bool = False,
    exclude: list[str] | None = None,
    min_score: float = 0.9,
) -> list[str]:
    """The posting sentences that best answer the question: question words, intent hints, section."""
    terms = _content_terms(ctx.question, record)
    counting = bool(_COUNTING.search(ctx.question))
    hint = _INTENT_HINTS.get(intent)
    bonus = _SECTION_BONUS.get(intent, {})
    scored: list[tuple[float, int, str]] = []
    for i, (sent, section, _pscore) in enumerate(posting_sentences(ctx, record.posting_id)):
        if section == "legal" and intent != "general":
            continue
        toks = _sentence_tokens(sent, terms)
        overlap = len(terms & toks)
        if require_terms and not overlap:
            continue
        score = 1.5 * overlap
        if hint and hint.search(sent):
            score += 1.0
        score += bonus.get(section, 0.0)
        if section == "legal":
            score -= 1.0
        if len(sent) < 25:
            score -= 0.5
        if counting and overlap and _QUANTITY.search(sent):
            score += 1.5  # "how big is it?" is answered by "We're 140 people", not by "a tenth of our size"
        if score >= min_score:
            scored.append((score, -i, sent))
    scored.sort(reverse=True)
    out: list[str] = []
    for _s, _i, sent in scored:
        q = clean_quote(sent)
        if not q or any(q in e or e in q for e in (exclude or [])) or any(q in o or o in q for o in out):
            continue
        out.append(q)
        if len(out) >= limit:
            break
    return out


# ----------------------------------------------------------------------------------------------- per intent

def _pay(ctx: Context, record: PostingRecord, salaries: Callable[[PostingRecord], list[Salary]]) -> tuple[str, list[str]] | None:
    sal = record.facts.base_salary
    all_sal = salaries(record)
    if sal is None and not all_sal:
        return None
    terms = _content_terms(ctx.question, record) | {normalize(w) for w in re.findall(r"[$€£]", ctx.question)}
    if sal is None:
        sal = all_sal[0]
    unit = _UNIT_PHRASE.get(sal.unit or "", "")
    lead = f"{_name(record)} pays {sal.text}" + (f" {unit}" if unit and not re.search(r"/|per |an hour|a year|hourly|annual", sal.text, re.I) else "")
    quotes = [sal.quote]
    # Other pay statements (other countries, currencies, stages): the ones the question points at first.
    others = [s for s in all_sal if s.quote and s.quote != sal.quote]
    others.sort(key=lambda s: -len(terms & set(tokenize(s.quote))))
    for s in others[:2]:
        quotes.append(s.quote)
    return lead + ".", quotes


def _workplace(ctx: Context, record: PostingRecord) -> tuple[str, list[str]] | None:
    f = record.facts
    if not f.workplace_type:
        return None
    value = str(f.workplace_type.value)
    phrase = {"remote": "is remote", "hybrid": "is hybrid", "onsite": "is on-site"}.get(value, f"is {value}")
    quotes = [f.workplace_type.quote]
    if f.office_days and f.office_days.quote:
        quotes.insert(0, f.office_days.quote) if re.search(r"\b(?:days?|office|week)\b", ctx.question, re.I) else quotes.append(f.office_days.quote)
    places = [str(x.value) for x in f.job_locations][:4]
    lead = f"{_name(record)} {phrase}"
    if places:
        lead += f" (locations listed: {', '.join(places)})"
        quotes.append(f.job_locations[0].quote)
    for req in f.applicant_location_requirements[:1]:
        quotes.append(req.quote)
    if _WHICH_DAYS.search(ctx.question) and not any(_WEEKDAY.search(q) for q in quotes):
        # "which days do they have to be in?": the sentence naming the weekdays, when the fact only counts them
        named = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id) if sec != "legal" and _WEEKDAY.search(t)]
        quotes = [*named[:1], *quotes]
    if _OFFICE_DAYS_ASK.search(ctx.question) and not (f.office_days and f.office_days.quote):
        # "how many office days?", "do they ever go into an office?": a sentence that gives the cadence, or a plain
        # "doesn't state" after the workplace
        said = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id)
                if sec != "legal" and _OFFICE_CADENCE.search(t) and _OFFICE_PLACE.search(t)]
        if said:
            return lead + ".", [*said[:2], *quotes]
        lead += "; it doesn't state how many days a week are spent in an office"
    return lead + ".", quotes


_WHICH_DAYS = re.compile(r"\b(?:which|what) (?:week)?days\b", re.I)
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday)s?\b", re.I)
_OFFICE_DAYS_ASK = re.compile(r"\bhow many (?:office |in-office |onsite |on-site )?days\b|\b(?:which|what) days\b|\bdays (?:a|per|each) week\b|"
                              r"\bhow often\b|\bever (?:go|come|have to go|need to go) in(?:to)?\b|\b(?:go|come) (?:in|into) (?:an|the) office\b", re.I)
_OFFICE_CADENCE = re.compile(r"\b(?:\d|one|two|three|four|five|once|twice)\b[^.\n]{0,25}\b(?:days?|times?)\b[^.\n]{0,20}\b(?:week|month|quarter|year)\b|"
                             r"\b(?:once|twice) (?:a|per|each|every) (?:week|month|quarter|year)\b|" + _WEEKDAY.pattern, re.I)
_OFFICE_PLACE = re.compile(r"\b(?:office|offices|on-?site|in person|in-person|hub|hq|headquarters|studio|cowork\w*|co-working|meet\w*|gather\w*)\b", re.I)


def _location(ctx: Context, record: PostingRecord) -> tuple[str, list[str]] | None:
    f = record.facts
    places = [str(x.value) for x in f.job_locations]
    reqs = [str(x.value) for x in f.applicant_location_requirements]
    if not places and not reqs:
        return None
    bits = []
    if places:
        bits.append(f"is based in {', '.join(places[:5])}")
    if reqs:
        bits.append(f"takes applicants from {', '.join(reqs[:5])}")
    quotes = [x.quote for x in f.job_locations[:2]] + [x.quote for x in f.applicant_location_requirements[:1]]
    if f.workplace_type:
        quotes.append(f.workplace_type.quote)
    if _NOT_HIRING_ASK.search(ctx.question):
        # "which states won't they hire in?": the sentences that exclude places answer it, before the places
        excluded = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id) if _NOT_HIRING_SAYS.search(t)]
        quotes = [*excluded[:2], *quotes]
    return f"{_name(record)} " + " and ".join(bits) + ".", quotes


_NOT_HIRING_ASK = re.compile(r"\b(?:won't|wont|don't|dont|can't|cant|cannot|not|never|unable to|exclud\w*|except\w*)\b[^?.]{0,30}"
                             r"\b(?:hire|hiring|hires|employ|based|live|work from|apply|eligible)\b|\b(?:excluded|exceptions?|restricted) (?:states?|countries|locations?)\b", re.I)
_NOT_HIRING_SAYS = re.compile(r"\b(?:don't|do not|cannot|can't|can not|unable to|not able to|won't|will not|not currently|currently not|aren't|are not)\b"
                              r"[^.\n]{0,40}\b(?:hire|hiring|employ\w*|accept\w*|consider\w*|sponsor\w*|eligible|open to)\b[^.\n]{0,20}\b(?:in|from|residents?|candidates)\b", re.I)


_STACK_KINDS: dict[str, tuple[frozenset[str], re.Pattern[str]]] = {
    "cloud": (frozenset({"AWS", "GCP", "Azure", "Google Cloud", "DigitalOcean", "Heroku", "Vercel", "Cloudflare", "Fly.io",
                         "Oracle Cloud", "IBM Cloud", "Hetzner", "OVH"}),
              re.compile(r"\b(?:cloud|clouds|cloud provider|hosting|hosted|hyperscaler)\b", re.I)),
    "database": (frozenset({"PostgreSQL", "MySQL", "MongoDB", "Redis", "Cassandra", "DynamoDB", "SQL Server", "Snowflake",
                            "ClickHouse", "Elasticsearch", "OpenSearch", "BigQuery", "Redshift", "SQLite", "MariaDB",
                            "Oracle", "CockroachDB", "TimescaleDB", "Firestore", "Neo4j", "Databricks"}),
                 re.compile(r"\b(?:database|databases|db|dbs|datastore|data store|data warehouse)\b", re.I)),
    "operating system": (frozenset({"Linux", "Embedded Linux", "FreeRTOS", "Zephyr", "Yocto", "Petalinux", "QNX", "VxWorks",
                                    "RTOS", "Windows", "macOS"}),
                         re.compile(r"\b(?:os|oses|operating systems?|rtos|rtoses)\b", re.I)),
}  # fmt: skip
_KIND_SAYS = {"cloud": re.compile(r"\bcloud\b", re.I), "database": re.compile(r"\bdatabases?\b", re.I),
              "operating system": re.compile(r"\boperating systems?\b|\brtos\b|\blinux\b", re.I)}


def _techs_in(text: str) -> list[str]:
    return list(dict.fromkeys(row[0] for row in find_technologies(text)))


def _stack(ctx: Context, record: PostingRecord) -> tuple[str, list[str]] | None:
    f = record.facts
    facts = list(f.programming_languages) + list(f.technologies)
    names: list[str] = []
    for x in facts:
        if str(x.value) not in names:
            names.append(str(x.value))
    # "does the northgate role use python?": a technology the question names that the posting never mentions is
    # answered as not stated, not with the posting's other tools.
    named = [t for t in _techs_in(ctx.question) if t not in names]
    if named:
        posting_text = "\n".join(t for t, _sec, _ in posting_sentences(ctx, record.posting_id))
        present = set(_techs_in(posting_text))
        named = [t for t in named if t not in present]
    # a name the posting's title or company holds ("datadog java library eng") names the posting, it isn't asked
    own = set(_techs_in(f"{record.title} {record.company}"))  # "GoLang" in the title is the "go" asked
    asked = [n for n in names if re.search(rf"(?<![\w+#.]){re.escape(normalize(n))}(?![\w+#])", normalize(ctx.question)) and n not in own]
    kind = next((k for k, (_members, cue) in _STACK_KINDS.items() if cue.search(ctx.question)), None)
    if kind and not named and not asked:
        # "which cloud do they use?": only the stack's members of that kind answer it
        members = _STACK_KINDS[kind][0]
        of_kind = [n for n in names if n in members]
        if not of_kind:
            posting_text = "\n".join(t for t, _sec, _ in posting_sentences(ctx, record.posting_id))
            of_kind = [n for n in _techs_in(posting_text) if n in members]
        if not of_kind:
            said = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id) if sec != "legal" and _KIND_SAYS[kind].search(t)]
            if said:  # "Embedded Operating Systems (Petalinux, FreeRTOS, Yocto)": the vocabulary doesn't know them all
                return f"{_name(record)} says:", said[:2]
            lead = f"{_posting_phrase(record)} doesn't state which {kind} it uses"
            if names:
                lead += f"; the stack it names is {', '.join(names[:12])}"
            return lead + ".", [x.quote for x in facts][:2]
        quotes = [x.quote for x in facts if str(x.value) in of_kind]
        return f"{_name(record)} mentions {', '.join(of_kind)}.", quotes[:3]
    if named and not asked:
        lead = f"{_posting_phrase(record)} doesn't mention {', '.join(named)}"
        if names:
            lead += f"; the stack it names is {', '.join(names[:12])}"
        return lead + ".", [x.quote for x in facts][:2]
    if not facts:
        return None
    quotes = [x.quote for x in facts if str(x.value) in asked] + [x.quote for x in facts]
    lead = f"{_name(record)} mentions {', '.join(names[:12])}"
    if asked:
        lead = f"Yes: {_name(record)} mentions {', '.join(asked)}; its stack also names {', '.join(n for n in names[:12] if n not in asked) or 'nothing else'}"
        if named:
            lead += f"; it doesn't mention {', '.join(named)}"
    return lead + ".", quotes[:3]


def _seniority(ctx: Context, record: PostingRecord) -> tuple[str, list[str]] | None:
    f = record.facts
    wants_years = bool(re.search(r"\b(?:years?|yrs?|yoe|how much experience|how long|(?:amount|length) of (?:\w+ )?experience|minimum (?:\w+ )?experience)\b",
                                 ctx.question, re.I))
    quotes: list[str] = []
    bits: list[str] = []
    if f.experience_years:
        value = str(f.experience_years.value)
        quote = f.experience_years.quote
        if value not in quote:  # "monthsOfExperience 60" in JSON-LD: the posting's own sentence says it in years
            quote = next((clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id)
                          if sec != "legal" and re.search(rf"\b{re.escape(value)}\s*\+?\s*(?:years?|yrs)\b", t, re.I)), quote)
        bits.append(f"asks for at least {value} years of experience" if value in quote else "states the experience it asks for")
        quotes.append(quote)
    elif wants_years:
        return None
    if f.seniority and not wants_years or (f.seniority and not bits):
        bits.insert(0, f"is a {f.seniority.value}-level role")
        quotes.append(f.seniority.quote)
    if not wants_years:
        # "is it a senior position?": the posting's own words for its level ("an intermediate-level role") come first
        said = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id) if sec != "legal" and _LEVEL_SAYS.search(t)]
        said = [t for t in said if t and len(t) >= 25]
        if said:
            quotes.insert(0, said[0])
            if not bits:
                return f"{_name(record)} says:", said[:2]
    if not bits:
        return None
    return f"{_name(record)} " + " and ".join(bits) + ".", quotes


_LEVEL_SAYS = re.compile(
    r"\b(?:entry|junior|intermediate|mid|medior|senior|staff|principal|lead)[- ]level\b|\blevell?ed at\b|\bmedior\b|"
    r"\btop rung\b", re.I)


def _employment(ctx: Context, record: PostingRecord) -> tuple[str, list[str]] | None:
    et = record.facts.employment_type
    if not et:
        # "CLT contract", "CDI", "B2B": a contract kind the facts don't model, quoted as written
        said = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id) if sec != "legal" and _CONTRACT_KIND.search(t)]
        return (f"{_name(record)} says:", _dedupe(said)[:2]) if said else None
    return f"{_name(record)} is {_EMPLOYMENT_PHRASE.get(str(et.value), str(et.value).lower())}.", [et.quote]


_CONTRACT_KIND = re.compile(r"\b(?:CLT|PJ|CDI|CDD|B2B|W-?2|1099|umowa o pracę|festanstellung|unbefristet\w*)\b(?:[^.\n]{0,20}\bcontract\b)?|"
                            r"\b(?:permanent|fixed[- ]term|employment) contract\b")


def _apply(ctx: Context, record: PostingRecord) -> tuple[str, list[str]] | None:
    ap = record.facts.apply
    if ap and ap.value:
        value = str(ap.value)
        if value.startswith("mailto:"):
            return f"To apply for {_name(record)}, write to {value[7:]}.", [ap.quote]
        return f"Apply for {_name(record)} at {value}", [ap.quote]
    found = best_sentences(ctx, record, intent="apply", limit=2, min_score=1.0)
    if found:
        return f"Here is how {_name(record)} says to apply:", found
    if record.url:
        return f"The posting for {_name(record)} is at {record.url}", []
    return None


def _overview(ctx: Context, record: PostingRecord) -> tuple[str, list[str]] | None:
    """What a general question about a named posting gets when no sentence fits: where, how, and pay."""
    f = record.facts
    bits: list[str] = []
    quotes: list[str] = []
    if f.workplace_type:
        bits.append(str(f.workplace_type.value))
        quotes.append(f.workplace_type.quote)
    if f.job_locations:
        bits.append("in " + ", ".join(str(x.value) for x in f.job_locations[:3]))
        quotes.append(f.job_locations[0].quote)
    if f.base_salary:
        bits.append(f"pays {f.base_salary.text}")
        quotes.append(f.base_salary.quote)
    if f.employment_type:
        bits.append(_EMPLOYMENT_PHRASE.get(str(f.employment_type.value), str(f.employment_type.value)))
        quotes.append(f.employment_type.quote)
    if not bits:
        return None
    return f"{_name(record)}: " + "; ".join(bits) + ".", _dedupe(quotes)


def _sentences_answer(ctx: Context, record: PostingRecord, intent: str) -> tuple[str, list[str]] | None:
    found = best_sentences(ctx, record, intent=intent, limit=3 if intent == "general" else 2, min_score=1.5)
    if not found:
        return _overview(ctx, record) if intent == "general" else None
    lead = {"benefits": f"On benefits, {_name(record)} says:"}.get(intent, f"{_name(record)} says:")
    return lead, found


# General questions whose answer is a whole section rather than a sentence with the question's words.
_SECTION_CUES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"day[- ]to[- ]day|be doing|responsibilit|what will i|what would i|what'?s the (?:job|work)|duties|"
                r"\bwork(?:ing)? on\b|main tasks|what (?:is|'?s) (?:the|this|that) (?:role|job|position|gig) about|"
                r"what do(?:es)? (?:the |this |that |a |an )?(?:[\w.&'-]+ ){0,5}?(?:engineer|developer|manager|intern|lead|"
                r"designer|analyst|architect|role|position|job|gig|person|hire) (?:actually |even |really )?do\b", re.I),
     ("responsibilities", "role")),
    (re.compile(r"what do(?:es)? (?:they|you|we|it|the company|(?!(?:the |this |that )?(?:role|job|position|gig|team)\b)(?:\w+ ){0,2}\w+) "
                r"(?:even |actually )?(?:build|make|do|sell)\b|"
                r"what is (?:the company|it)\b|about the company|who are they", re.I),
     ("about", "summary")),
)

# Asks about a topic the question names by a word too common to score on ("which team would I join?"): the
# posting's sentences that name the topic, in text order.
_TOPIC_CUES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(?:which|what) team\b|\bteam (?:would|will|is|does|do)\b|\b(?:join|joining|part of|be on|be in|sit in|sit on) "
                r"(?:the |a |which |what )?(?:\w+ )?team\b|\bteam(?:'s)? size\b|\bhow (?:big|large) is the team\b|"
                r"\bwho(?:'s| is| are)? on the team\b|\bteam like\b|\bwho\b[^?]{0,30}\bwork(?:ing)? (?:with|alongside)\b|"
                r"\b(?:in|on|join|joining) (?:the |their |[\w.&'-]+ )?(?:squad|crew)\b", re.I),
     re.compile(r"\b(?:team|squad|crew|work(?:ing)? (?:with|alongside))\b", re.I)),
)


def _topic_answer(ctx: Context, record: PostingRecord) -> list[str]:
    for cue, says in _TOPIC_CUES:
        if cue.search(ctx.question):
            found = [clean_quote(t) for t, sec, _ in _in_text_order(ctx, record) if sec != "legal" and says.search(t)]
            found = [t for t in found if len(t) >= 25]
            found.sort(key=lambda t: not _NAMED_TEAM.search(t))  # "The Detection Engineering Team" before "our team"
            return found[:2]
    return []


_NAMED_TEAM = re.compile(r"\b(?:[A-Z][\w&-]+ )+(?:[Tt]eam|[Ss]quad|[Gg]roup)\b(?<!\bOur team)(?<!\bThe team)")


def _in_text_order(ctx: Context, record: PostingRecord) -> list[tuple[str, str, float]]:
    """The posting's sentences top to bottom (chunk ids are "<posting>:<n>"), not in retrieval order."""
    def index(p: Passage) -> int:
        tail = p.chunk_id.rpartition(":")[2]
        return int(tail) if tail.isdigit() else 1 << 30

    ordered = sorted((p for p in ctx.passages if p.posting_id == record.posting_id), key=index)
    return posting_sentences(replace(ctx, passages=ordered), record.posting_id)


def _section_answer(ctx: Context, record: PostingRecord) -> list[str]:
    """The opening sentences of the section a "what would I be doing?" kind of question asks for, if one does."""
    for cue, sections in _SECTION_CUES:
        if cue.search(ctx.question):
            # in the cue's section order, each section read top to bottom
            in_order = _in_text_order(ctx, record)
            opening = [clean_quote(t) for name in sections for t, sec, _ in in_order if sec == name]
            opening = [t for t in opening if len(t) >= 25]
            # a small posting's first chunk mixes header lines into "about": prose about the company first
            opening.sort(key=lambda t: len(t.split()) < 8 or bool(_HEADER_LINE.search(t)))
            if opening:
                return opening[:3]
    return []


# Asks so specific that only a sentence naming them answers ("visa", "relocation"): the question's other words are
# often how it named the posting ("the berlin rust job"), so a sentence matching only those is no answer.
_VISA_SAYS = re.compile(r"\b(?:visas?|sponsor\w*|work permits?|right to work|work authori[sz]ation|migrant)\b", re.I)
_MOVE_SAYS = re.compile(r"\b(?:relocat\w*|move|moving|moves)\b", re.I)
_NARROW_ASKS: dict[str, re.Pattern[str]] = {stem("visa"): _VISA_SAYS, stem("visas"): _VISA_SAYS, stem("sponsor"): _VISA_SAYS,
                                            stem("sponsorship"): _VISA_SAYS, stem("sponsors"): _VISA_SAYS,
                                            stem("relocation"): _MOVE_SAYS, stem("relocate"): _MOVE_SAYS}

_HEADER_LINE = re.compile(r"\s[—–|·]\s|^[\w ]{1,24}:\s")  # "Acme — Toronto — On-site", "Location: Remote"

_BENEFIT_WORDS = {stem(w) for w in ("benefit", "benefits", "perk", "perks", "offer", "package", "what", "like", "get", "give")}

_TENURE_SAYS = re.compile(r"\bsabbatical|\bafter \d+ years? (?:at|with|of service)\b|\banniversar\w*|\bvest\w*|\blong service\b|"
                          r"\byears? of service\b|\btenure\b", re.I)  # years that earn a perk, not years asked for
_YEARS = re.compile(r"\b\d+\s*\+?\s*(?:(?:-|–|to)\s*\d+\s*)?(?:\+\s*)?years?\b", re.I)

_SPOKEN = re.compile(r"\b(?:speak\w*|spoken|fluent\w*|english|german|french|spanish|dutch|native)\b", re.I)
_SUBQUESTION = re.compile(
    r"\b(?:visa|visas|sponsor\w*|relocat\w*|401k|401\(k\)|equity|bonus|allowance|stipend|budget|match|"
    r"contact|email|e-mail|write to|who do i|interview|process|team|manager|report to|on-?call|travel|"
    r"time ?zone|hours|overlap|language|german|english|degree)\b",
    re.I,
)


# Pay asks that are not the salary ("any equity?", "is there a bonus?"): answered from the sentences that name them,
# each with the words a posting uses for it, so "equity" finds "stock options".
_PAY_EXTRAS: dict[str, tuple[str, ...]] = {
    "equity": ("equity", "stock", "option", "share", "rsu", "esop", "esos"),
    "stock": ("equity", "stock", "option", "share", "rsu"),
    "rsu": ("equity", "stock", "rsu", "share"),
    "share": ("equity", "stock", "option", "share", "rsu"),
    "bonus": ("bonus", "bonuse", "incentive", "commission"),
    "commission": ("commission", "bonus"),
}
# What a sentence must say to answer each ask: "option" alone is a health plan option, "share" a verb, "bonus points"
# a wish list, "equity" next to diversity is about inclusion (the patterns live with the other topics).
_EXTRA_SAYS = {"equity": EQUITY_SAYS, "stock": EQUITY_SAYS, "rsu": EQUITY_SAYS, "share": EQUITY_SAYS,
               "bonus": BONUS_SAYS, "commission": BONUS_SAYS}
_SALARY_ASK = re.compile(r"\b(?:salary|salaries|base|range|band|how much|hourly|rate|wage|compensation|comp)\b", re.I)
_BEYOND_BASE = re.compile(r"\b(?:on top of|beyond|besides|in addition to|over and above|apart from|aside from|other than|outside(?: of)?) "
                          r"(?:the |my |your |their )?(?:(?:monthly|annual|yearly) )?(?:base(?: salary| pay)?|salary|pay)\b|"
                          r"\b(?:(?:just|only) (?:the )?base|base[- ](?:only|salary only|pay only))\b", re.I)  # "stock, or is it base-only?"


def _asks_salary(question: str) -> bool:
    """Whether the salary itself is asked: "equity on top of base?" names the base only to ask past it, and "how
    much equity?" or "how much extra for on-call weeks?" ask an amount that is not the salary."""
    text = _BEYOND_BASE.sub(" ", question)
    if _OTHER_AMOUNT.search(text):
        text = re.sub(r"\bhow much\b", " ", text, flags=re.I)
    return bool(_SALARY_ASK.search(text))


_OTHER_AMOUNT = re.compile(r"\b(?:equity|options?|stocks?|shares|rsus?|bonus\w*|allowance|allowence|stipend|budget|extra|on-?call|meal|"
                           r"per diem|reimburs\w*|vacation|pto|holidays?|leave|coding|leading|relocation|signing|costs?|expenses?|wfh|"
                           r"home office|internet|phone|gym|learning|conference|training|equipment|laptop|commut\w*|travel|parking|"
                           r"lunch|food|meals?)\b", re.I)


_DETAIL = re.compile(r"\d|\b(?:call|chat|conversation|session|stage|step|round|final|weeks?|months?|days?)\b", re.I)


def _topics_in(question: str, record: PostingRecord | None) -> list[Topic]:
    """The topics a question asks about a posting, not counting words that name it ("the e-bike job", "the pet
    wellness-plan startup")."""
    text = without_descriptions(fix_typos(normalize(question)))  # "whats the intervew loop like?"
    if record is not None:
        common = _common_words()  # "time" in a "Part-Time" title is still the "time" of "paid time off"
        own = {w for w in words(f"{record.title} {record.company} {PurePath(record.source).stem}") if len(w) > 2 and w not in common}
        text = " ".join(w for w in re.split(r"\s+", text) if not (set(words(w)) & own))
    head, dash, ask = re.sub(r"\s[–—]\s", " - ", text).rpartition(" - ")
    if dash and head and ((after := topics_asked(ask)) or classify(ask) == "pay"):
        # "snout pet wellness eng - what hours online?", "snout (pet wellness plans) — what's the pay?": before the
        # dash names the posting
        return after
    return topics_asked(text)


def _topic_sentences(ctx: Context, record: PostingRecord, asked: list[Topic]) -> list[str]:
    """Sentences saying a perk or condition the question names ("on-call?", "parental leave?"), for or against."""
    found: list[str] = []
    # "willing to move to Lisbon" bears on "can I relocate?", not on "will they pay for my move?"
    bears = not _ASKS_HELP.search(ctx.question)
    for sent, _section, _score in _in_text_order(ctx, record):
        if any(t.says.search(sent) or (bears and t.bears_on is not None and t.bears_on.search(sent)) for t in asked):
            q = clean_quote(sent)
            if q and not any(q in o or o in q for o in found):
                found.append(q)
    # the sentences that say most about it first ("a 30-minute intro call, a system design conversation, ..."
    # before "where you fall in the band depends on the interview"), in text order otherwise
    in_order = list(found)
    found.sort(key=lambda q: -3 * sum(len(t.says.findall(q)) for t in asked) - min(2, len(_DETAIL.findall(q))))
    if in_order and (last := re.search(r"\b(?:final|last)\b\s*(\w+)?", ctx.question, re.I)):
        # "who's the final interview with?": the last interview the posting lists; "the very last step": the last step
        steps = [q for q in in_order if re.search(r"\binterview", q, re.I)] if (last.group(1) or "").lower().startswith("interview") else in_order
        final = (steps or in_order)[-1]
        return [final, *[q for q in found if q != final][:1]]
    steps = next((short for limit in (100, 160) if len(short := [q for q in in_order if len(q) <= limit]) >= 3), [])
    if len(steps) >= 3 and any(t.name == "interview" for t in asked) and _PROCESS_ASK.search(ctx.question):
        # "interview steps pls": the steps in the order the posting gives them, as many as fit a short answer
        out: list[str] = []
        for q in steps:
            if sum(len(o) for o in out) + len(q) > 900:
                break
            out.append(q)
        return out[:8]
    return found[:2]


_ASKS_HELP = re.compile(r"\b(?:pay|pays|paid|cover|covers|covered|help|helps|support|package|costs?|assist\w*|stipend|budget|reimburs\w*)\b", re.I)
_PROCESS_ASK = re.compile(r"\b(?:process|steps?|stages?|rounds?|loop|look(?:s)? like|what happens|how does (?:the )?(?:interview|hiring))\b", re.I)


def _pay_extras(ctx: Context, record: PostingRecord) -> tuple[str | None, list[str]] | None:
    """(lead, quotes) for "does X give equity?"; None when the question asks the salary itself."""
    asked = [t for t in tokenize(ctx.question) if t in _PAY_EXTRAS]
    if re.search(r"\bprofits?\b", ctx.question, re.I):  # "a share of the profits" is profit sharing, not shares
        asked = [t for t in asked if t != "share"] + ["bonus"]
    if not asked or _asks_salary(ctx.question):
        return None
    says = [_EXTRA_SAYS[t] for t in dict.fromkeys(asked)]
    found: list[str] = []
    for sent, section, _score in posting_sentences(ctx, record.posting_id):
        if section == "legal" or not any(p.search(sent) for p in says):
            continue
        q = clean_quote(sent)
        if q and not any(q in o or o in q for o in found):
            found.append(q)
        if len(found) >= 2:
            break
    if not found:
        return None, []
    # "an annual bonus as well as the share options?": a bonus unsaid next to options said is said plainly
    unsaid = [t for t in dict.fromkeys(asked) if not any(_EXTRA_SAYS[t].search(q) for q in found)]
    if unsaid and len(unsaid) < len(dict.fromkeys(asked)) and not (set(unsaid) <= {"stock", "rsu", "share", "equity"}):
        return f"{_posting_phrase(record)} doesn't state {' or '.join(_EXTRA_NOUNS.get(t, t) for t in unsaid)}; it says:", found
    return f"{_name(record)} says:", found


_EXTRA_NOUNS = {"bonus": "a bonus", "commission": "a commission", "equity": "equity", "stock": "stock", "rsu": "RSUs", "share": "shares"}


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _email_sentences(ctx: Context, record: PostingRecord) -> list[str]:
    """The posting's sentences that hold an email address, those sharing the question's words first: "who do I
    email with questions?" wants "Questions? Write to talent@...", which carries none of the apply hints."""
    terms = _content_terms(ctx.question, record)
    found = [(len(terms & set(tokenize(t))), -i, clean_quote(t))
             for i, (t, sec, _) in enumerate(posting_sentences(ctx, record.posting_id)) if sec != "legal" and _EMAIL.search(t)]
    out: list[str] = []
    for _n, _i, q in sorted(found, reverse=True):
        if q and not any(q in o or o in q for o in out):
            out.append(q)
    return out[:2]


_ASKS_DURATION = re.compile(
    r"\bhow long (?:is|does|will|would)\b(?!.*\b(?:process|interview|hiring|reply|respond|take to hear)\b)|"
    r"\b(?:duration|length) of\b|\bhow many (?:months|weeks)\b(?! (?:of )?(?:vacation|holiday|leave|pto|off|notice))|"
    r"\b(?:contract|program|programme|internship|apprenticeship|engagement|assignment) (?:length|duration|term)\b",
    re.I,
)
# the length of the engagement itself, not of something in it ("how long is the interview?")
_TERM_ASK = re.compile(r"\b(?:internship|apprenticeship|program|programme|contract|engagement|assignment|placement)\b[^?]{0,30}\b(?:run|last|length|duration|long)\b|"
                       r"\b(?:run|last|length|duration|long)\b[^?]{0,30}\b(?:internship|apprenticeship|program|programme|contract|engagement|assignment|placement)\b", re.I)
_ASKS_DEADLINE = re.compile(
    r"\bwhen (?:does|do|will|is) (?:\S+ ){0,6}?(?:close|closes|closing|end|expire|due)\b|\bclosing date\b|\bdeadline\b|"
    r"\bapply by\b|\bopen until\b|\bapplications? close\b|\blast day to apply\b|\buntil when\b",
    re.I,
)
_DURATION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s*\+\s*|[- ])(?:months?|weeks?|years?)\b"
    r"|\bfixed[- ]term\b|\b(?:ongoing|long[- ]term|open[- ]ended) (?:contract|role|position|engagement|basis|project|assignment)\b", re.I)
_DEADLINE_SAYS = re.compile(r"\b(?:clos\w*|deadline|apply by|applications? (?:are )?open until|until|before|by)\b", re.I)


_ASKS_HEADCOUNT = re.compile(
    r"\bhow (?:many|big|large)\b.*\b(?:people|engineers?|developers?|team|teams|staff|employees|company|members|folks)\b|"
    r"\bteam size\b|\bsize of the (?:team|company)\b|\bheadcount\b|\bhow (?:big|large) is (?!the (?:role|job|salary|pay|band|bonus|budget|stipend))", re.I)
_HEADCOUNT_SAYS = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"hundred)(?:[- ]odd)?[- ](?:person|people|engineers?|developers?|members?|of us)\b|\bteam of (?:\d+|\w+)\b|"
    r"\bwe(?:'re| are) (?:a team of )?\d+\b", re.I)


def _headcount(ctx: Context, record: PostingRecord) -> tuple[str | None, list[str]] | None:
    """"How big is the team?": the sentences that count people, those about a team first; None when not asked."""
    if not _ASKS_HEADCOUNT.search(expand_abbreviations(ctx.question)):  # "how big is the co?", "how many ppl?"
        return None
    team = bool(re.search(r"\bteams?\b", ctx.question, re.I))
    found = [(team and bool(re.search(r"\bteams?\b", t, re.I)), -i, clean_quote(t))
             for i, (t, sec, _) in enumerate(posting_sentences(ctx, record.posting_id)) if sec != "legal" and _HEADCOUNT_SAYS.search(t)]
    quotes = _dedupe([x[2] for x in sorted(found, reverse=True) if x[2]])
    return (f"{_name(record)} says:", quotes[:2]) if quotes else (None, [])


def _duration_or_deadline(ctx: Context, record: PostingRecord) -> tuple[str | None, list[str]] | None:
    """"How long is the contract?" and "when does it close?": answered from the sentences that give a length or a
    date (or the closing-date fact), else "doesn't state"; None when the question asks neither."""
    q = ctx.question
    if _ASKS_DEADLINE.search(q):
        vt = record.facts.valid_through
        if vt and vt.quote:
            return f"{_name(record)} gives this closing date:", [vt.quote]
        said = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id)
                if sec != "legal" and _DEADLINE_SAYS.search(t) and re.search(r"\b(?:19|20)\d\d\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", t, re.I)]
        said = [t for t in said if t]
        return (f"{_name(record)} says:", said[:2]) if said else (None, [])
    if _ASKS_DURATION.search(q):
        terms = _content_terms(q, record)
        title = record.facts.title.quote if record.facts.title else record.title
        found = [(len(terms & set(tokenize(t))), -i, clean_quote(t))
                 for i, (t, sec, _) in enumerate(posting_sentences(ctx, record.posting_id)) if sec != "legal" and _DURATION.search(t)]
        quotes = [x[2] for x in sorted(found, reverse=True) if x[2]]
        if not quotes and title and _DURATION.search(title):
            quotes = [title]
        if not quotes and _TERM_ASK.search(q):
            return None, []  # "how many weeks does the internship run?" with no length given: not stated
        return (f"{_name(record)} says:", _dedupe(quotes)[:2]) if quotes else None
    return None


def _place_words(record: PostingRecord) -> set[str]:
    """The words of a posting's places ("Lisbon", "New York"): they name the posting, they are not the ask."""
    facts = (*record.facts.job_locations, *record.facts.applicant_location_requirements)
    return {stem(w) for fact in facts for w in words(str(fact.value))}


# Words that say what kind of answer is wanted ("which provider?", "any benefit?"), not what it is about; used
# with _FILLER, which already holds "give", "offer", "help" and "kind".
_EVIDENCE_FILLER = frozenset("""work working company team people someone anyone lead senior junior engineer developer benefit perk
    provider policy detail info name type pay paid cover covered looking look want wanted after""".split())
_DATED = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (?:\d{1,2}(?:st|nd|rd|th)?,? )?(?:19|20)\d\d\b|"
                    r"\b(?:january|february|march|april|june|july|august|september|october|november|december) \d{1,2}\b", re.I)
_SUFFIX = re.compile(r"(?:ances?|ences?|ings?|ers?|ions?|ed|able|ments?)$")


def _root(token: str) -> str:
    """A word without its common suffix ("insurer", "insurance" -> "insur"; "commuting", "commuter" -> "commut"):
    the light stemmer keeps apart word families a reader sees as one."""
    cut = _SUFFIX.sub("", token)
    cut = cut if len(cut) >= 3 else token
    return cut[:-1] if len(cut) > 3 and cut.endswith("e") else cut  # "move" and "moved" -> "mov"


def evidence_sentences(ctx: Context, record: PostingRecord, limit: int = 2) -> list[str]:
    """Sentences that carry the question's own words: at least two, nearly all of them, one of them rare in the
    posting. A rule that misreads the ask must not hide them ("do they pay for train travel?" is answered by
    "an NS Business Card for train travel", not by "doesn't state anything about travel")."""
    # GENERIC is the linker's list of words that name no posting ("health", "data"): here they can be the ask
    skip = _FILLER | _EVIDENCE_FILLER | _place_words(record) | _AMOUNT_WORDS
    own = f"{record.title} {record.company} {PurePath(record.source).stem.replace('-', ' ').replace('_', ' ')}"
    skip |= {stem(w) for w in words(own)}
    asked = {_root(t) for t in tokenize(expand_abbreviations(ctx.question)) if t not in skip and len(t) > 2 and not t.isdigit()}
    if len(asked) < 2:
        return []  # one word is no evidence: "on-call?" is not answered by "a recruiter call"
    # "what grad dates?" of "graduating between December 2025 and June 2026": a month or a year is a date
    sents = [(s, {_root(t) for t in tokenize(s)} | ({"dat"} if _DATED.search(s) else set()))
             for s, section, _ in posting_sentences(ctx, record.posting_id) if section != "legal"]
    seen_in = {t: sum(1 for _, toks in sents if t in toks) for t in asked}
    need = len(asked) if len(asked) <= 3 else len(asked) - 1
    scored: list[tuple[int, int, str]] = []
    for i, (sent, toks) in enumerate(sents):
        covered = asked & toks
        if len(covered) < need or len(sent) < 12 or not any(seen_in[t] <= 3 for t in covered):
            continue  # words every other sentence uses ("team", "work") are no evidence
        scored.append((len(covered), -i, sent))
    scored.sort(reverse=True)
    out: list[str] = []
    for _n, _i, sent in scored:
        quote = clean_quote(sent)
        if quote and not any(quote in o or o in quote for o in out):
            out.append(quote)
        if len(out) >= limit:
            break
    return out


def answer_posting(
    ctx: Context, record: PostingRecord, salaries: Callable[[PostingRecord], list[Salary]]
) -> tuple[str | None, list[str]]:
    """(lead sentence, quotes) for one posting; lead None means the posting doesn't state it."""
    lead, quotes = _answer_posting(ctx, record, salaries)
    evidence = evidence_sentences(ctx, record)
    if lead is None and evidence:
        lead, quotes = f"{_name(record)} says:", evidence
    elif lead is not None and evidence and not any(e in q or q in e for e in evidence for q in quotes) and \
            not (lead.endswith(":") and len(quotes) >= 3):  # the steps of a process, listed, need no more
        # a quoting lead ("X says:") whose quotes carry fewer of the asked words gives way to the evidence; a fact
        # lead (the salary, the workplace) keeps its quotes and gains the evidence after them
        asked = {_root(t) for t in tokenize(expand_abbreviations(ctx.question))}
        def carried(quote: str) -> int:
            return len(asked & {_root(t) for t in tokenize(quote)})
        counted = bool(_AMOUNT_ASK.search(ctx.question)) and any(_QUANTITY_STRICT.search(q) for q in quotes) \
            and not _QUANTITY_STRICT.search(evidence[0])  # "how big is the clinic scheduling co?": "a team of 95" stays
        if lead.endswith(":") and not counted and carried(evidence[0]) > max((carried(q) for q in quotes), default=0):
            quotes = [*evidence, *quotes[:1]]
        else:
            quotes = [*quotes[:3], evidence[0]]
    headcount = _ASKS_HEADCOUNT.search(expand_abbreviations(ctx.question)) and any(_HEADCOUNT_SAYS.search(q) for q in quotes)
    if lead is not None and lead.endswith(":") and quotes and _AMOUNT_ASK.search(ctx.question) and not headcount:
        # "how many weeks of parental leave?" of "Considerable paid parental leave": named, with no figure
        asked = set(tokenize(ctx.question))  # the words asked, not their families: "allowance", not "reimbursement"
        subject = {t for t in _content_terms(ctx.question, record) if t in asked and t not in _AMOUNT_WORDS}
        # the quotes about it: by the asked words, or by a topic asked ("vacation days" of "generous paid time off");
        # none when found through a synonym no topic knows, and then there is no judging
        topics = _topics_in(ctx.question, record)
        roots = {_root(t) for t in subject}
        about = [q for q in quotes if roots & {_root(t) for t in tokenize(q)} or any(t.says.search(q) for t in topics)]
        kind = "the percentage" if _PERCENT_ASK.search(ctx.question) else "the version" if _VERSION_ASK.search(ctx.question) else "the amount"
        figure = _PERCENT if kind == "the percentage" else _VERSION if kind == "the version" else _QUANTITY_STRICT
        if kind == "the amount" and _MONEY_ASK.search(ctx.question) and not _TIME_ASK.search(ctx.question):
            figure = _MONEY_FIGURE  # "how much extra for on-call weeks?" of "(one week in six, paid)": no sum
        said = frozenset(words(ctx.question))
        # a topic's reading anchors a figure only when no quote uses the asked words: "conference budget" is not the
        # "$1,000 learning allowance" beside it
        anchors = [] if any(roots & {_root(t) for t in tokenize(q)} for q in about) else [t.says for t in topics]
        if subject and about and not any(_figure_near(q, subject, figure, said, anchors) for q in about) and \
                not (figure is _QUANTITY_STRICT and any(_FREQUENCY.search(q) for q in about)):  # "(1-2 times per year)"
            return f"{_posting_phrase(record)} doesn't state {kind}; it says:", about[:2]
    return lead, quotes


_FREQUENCY = re.compile(r"\b\d+(?:\s*[-–]\s*\d+)?\s*(?:times|x)\s*(?:a|per|each|every)\s*(?:year|month|week|quarter)\b|"
                        r"\b(?:once|twice) (?:a|per|every) (?:year|month|week|quarter)\b", re.I)
_MONEY_NOUNS = frozenset("stipend budget allowance benefit perk payout pay package fund amount".split())
_AMOUNT_WORDS = frozenset("much many big large percent percentage weeks week days day months amount number figure usually typically per year annual annually".split())


_MONEY_ASK = re.compile(r"\b(?:how much|amount|max|maximum|cap|limit|value)\b[^?]*\b(?:extra|paid|pay|pays|stipend|allowance|allowence|budget|bonus|cost|"
                        r"costs|reimburs\w*|money|fee|fees|worth|loan|borrow|fund|account)\b|"
                        r"\b(?:extra|paid|pay|stipend|allowance|budget|bonus|loan|fund|account)\b[^?]*\b(?:how much|amount|max|maximum|cap|limit)\b", re.I)
_TIME_ASK = re.compile(r"\bhow (?:much|many) (?:\w+ )?(?:days?|weeks?|months?|hours?|time)\b|\b(?:leave|pto|vacation|holidays?|time off|equity|options|shares|percent)\b|%", re.I)
_MONEY_FIGURE = re.compile(r"[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:k\b|€|£|\$|eur\b|euros?\b|usd\b|gbp\b|cad\b|aud\b|dollars?\b|pounds?\b)|"
                           r"\b(?:CA|AU|NZ|US)\$", re.I)
_PERCENT_ASK = re.compile(r"%|\bpercent", re.I)
_VERSION_ASK = re.compile(r"\b(?:which|what) (?:[\w.+#-]+ ){0,2}versions?\b", re.I)
_PERCENT = re.compile(r"\d\s?%|\bpercent\b", re.I)
_VERSION = re.compile(r"\b\d+(?:\.\d+)*\+?\b")


def _figure_near(quote: str, subject: set[str], figure: re.Pattern[str], asked: frozenset[str] = frozenset(),
                 anchors: Sequence[re.Pattern[str]] = ()) -> bool:
    """A figure of the kind asked (a quantity, a percentage, a version, a sum) within eight words of a word the
    question asked about ("$1,000 learning allowance", "a 15 percent bonus target", "27 working days of holiday"),
    in the same clause: "£100,000 base salary, plus share options" gives no figure for the options, and the "one"
    of the asked "one-time stipend" is no amount."""
    specific = {_root(t) for t in subject if t not in _MONEY_NOUNS} or {_root(t) for t in subject}
    subject = {_root(t) for t in subject}  # "move" asked, "we moved $38 billion" said
    spans = [m.span() for m in re.finditer(r"\S+", quote)]
    toks = [quote[x:y] for x, y in spans]

    def token_at(offset: int) -> int:
        return next((k for k, (x, y) in enumerate(spans) if x <= offset < y), len(spans) - 1)

    figures = [(token_at(m.start()), m.group(0)) for m in figure.finditer(quote)]  # "21,000 USD" spans two words
    # where it is said: an asked word, or what a topic asked reads ("paid time off" for "vacation days")
    said_at = {token_at(m.start()) for a in anchors for m in a.finditer(quote)}
    for i, tok in enumerate(toks):
        if not {_root(t) for t in tokenize(tok)} & specific and i not in said_at:
            continue
        for j, found in figures:
            if j == i or abs(j - i) > 8 or {_root(t) for t in tokenize(toks[j])} & subject or normalize(found) in asked:
                continue  # the "one" of an asked "one-time stipend" is no amount
            # a list's comma or a "plus" between them ("a 401k match, remote-office stipend") parts the figure from it
            if not any(_CLAUSE_BREAK.search(t) for t in toks[min(i, j) : max(i, j)]):
                return True
    return False


_CLAUSE_BREAK = re.compile(r"^plus$|[;,]$")  # checked per word, from the earlier of the two up to the later


def _sub_ask(question: str, record: PostingRecord | None) -> re.Match[str] | None:
    """The specific ask ("visa", "team", "interview") the structured facts don't model. A title word names the
    posting, and so does any word before the dash when what follows it asks something of its own: "aptos move
    language team - min years?" asks about years, "medium's backend team - are people elsewhere too?" about the team."""
    own = {stem(w) for w in words(record.title)} if record is not None else set()
    after = question.rpartition(" - ")[2]
    asking = after if len(after.split()) >= 2 and classify(after) != "general" else question
    return next((m for m in _SUBQUESTION.finditer(asking) if stem(normalize(m.group(0))) not in own), None)


def _answer_posting(
    ctx: Context, record: PostingRecord, salaries: Callable[[PostingRecord], list[Salary]]
) -> tuple[str | None, list[str]]:
    intent = ctx.intent
    q = ctx.question
    sub = _sub_ask(q, record)
    if sub and intent == "stack" and sub.group(0).lower() == "language" and not _SPOKEN.search(q):
        sub = None  # "what language is the backend role in?" asks for the programming language
    # Specific asks the structured facts don't model ("do they sponsor visas?", "401k match?") go to sentences.
    extras = _pay_extras(ctx, record) if intent == "pay" else None
    if extras is not None:
        return extras
    if _VERSION_ASK.search(q):
        # "which rails version?": a sentence naming the technology with a version number ("our Rails 7 application")
        names = [re.escape(n) for n in _techs_in(q)] + [re.escape(w) for w in re.findall(r"([\w.+#-]+) versions?\b", q, re.I)
                                                        if w.lower() not in ("which", "what", "the")]
        if names:
            versioned = re.compile(rf"\b(?:{'|'.join(names)})\s*v?\d+(?:\.\d+)*\+?", re.I)
            said = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id) if versioned.search(t)]
            if said:
                return f"{_name(record)} says:", said[:2]
    asked = _topics_in(q, record) if not (intent == "pay" and _asks_salary(q)) else []
    if asked:
        # a named perk or condition ("parental leave?") is answered by the sentences that say it, or not at all:
        # a sentence about raising kids is no parental leave policy
        topical = _topic_sentences(ctx, record, asked)
        if topical:
            return f"{_name(record)} says:", topical
        wider = [t for t in TOPICS if t.name in {n for a in asked for n in a.broader}]
        if wider and (broad := _topic_sentences(ctx, record, wider)):
            # "does the health plan cover dental?" of "Private health insurance through Médis": what it does say
            return f"{_posting_phrase(record)} doesn't state {' or '.join(t.noun for t in asked)}; it says:", broad[:2]
        # unsaid: "where's HQ?" still looks at the facts, "relocation help?" is not answered by where the role is
        goes_on = all(t.unsaid == "look_further" for t in asked) or (
            intent in ("workplace", "location", "employment_type") and not any(t.unsaid == "not_stated" for t in asked))
        if not goes_on:
            return None, []
    if intent == "apply" and re.search(r"\b(?:contact|email|e-mail|write to|who do i|send)\b", q, re.I):
        found = best_sentences(ctx, record, intent="apply", limit=2, min_score=1.0)
        emails = [s for s in found if "@" in s] or _email_sentences(ctx, record)
        if emails:
            return f"For {_name(record)}, the posting says:", emails[:2]
    timed = _duration_or_deadline(ctx, record) if intent in ("general", "employment_type", "apply") else None
    if timed is None and intent == "general":
        timed = _headcount(ctx, record)
    if timed is not None:
        return timed
    if intent == "apply" and re.search(r"\b(?:contact|email|e-mail|write to|who do i|send)\b", q, re.I):
        pass
    elif (sub and intent not in ("pay", "employment_type", "apply")) or intent in ("benefits", "general"):
        if intent == "general" and (opening := _topic_answer(ctx, record) or _section_answer(ctx, record)):
            return f"{_name(record)} says:", opening
        got = best_sentences(ctx, record, intent=intent, limit=2 if intent != "general" else 3, require_terms=True, min_score=1.5)
        narrow = _NARROW_ASKS.get(stem(sub.group(0).lower())) if sub else None
        if narrow is not None:  # "the berlin rust job - relocation help?": a sentence about Berlin is no answer
            got = [g for g in got if narrow.search(g)]
        if got:
            lead = f"On benefits, {_name(record)} says:" if intent == "benefits" else f"{_name(record)} says:"
            return lead, got
        if intent == "benefits" and not (_content_terms(q, record) - _BENEFIT_WORDS):
            # "what are the benefits?": the benefits section itself is the answer, not sentences with the word.
            listed = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id) if sec == "benefits"]
            listed = [t for t in listed if len(t) >= 12][:5]
            if listed:
                return f"On benefits, {_name(record)} lists:", listed
            if not _content_terms(q, record):
                got2 = _overview(ctx, record)
                return got2 if got2 else (None, [])
        if intent in ("benefits", "general") or _content_terms(q, record):
            return None, []
        # "can I work remote for the catering team?": "team" named no separate ask; the workplace fact answers
    if intent == "employment_type" and _SPECIFIC_EMPLOYMENT.search(q):
        # "W2 or C2C?", "inside IR35?": the posting must name the arrangement; "a contract role" doesn't answer it
        said = [clean_quote(t) for t, sec, _ in posting_sentences(ctx, record.posting_id) if _SPECIFIC_EMPLOYMENT.search(t)]
        return (f"{_name(record)} says:", said[:2]) if said else (None, [])
    if intent == "pay" and _PAY_HOW.search(q):
        # "how does Tailscale set pay?": the sentences about how, not the figures
        found = best_sentences(ctx, record, intent="pay", limit=2, min_score=1.0)
        if found:
            return f"{_name(record)} says:", found
    handler = {
        "pay": lambda: _pay(ctx, record, salaries),
        "workplace": lambda: _workplace(ctx, record),
        "location": lambda: _location(ctx, record),
        "stack": lambda: _stack(ctx, record),
        "seniority": lambda: _seniority(ctx, record),
        "employment_type": lambda: _employment(ctx, record),
        "apply": lambda: _apply(ctx, record),
    }.get(intent)
    got = handler() if handler else None
    if got is None:
        # The structured fact is missing: a sentence that carries the question's own words may still answer it.
        if intent in ("employment_type", "apply", "stack", "seniority", "location", "workplace"):
            # a short bullet that is all answer ("* Permanent") scores low on length; employment asks accept it
            found = best_sentences(ctx, record, intent=intent, limit=2, require_terms=True, min_score=2.0 if intent == "employment_type" else 2.5)
            if intent == "seniority" and re.search(r"\b(?:years?|yrs?)\b", q, re.I):
                # "4 years at Cleo" earns a sabbatical; the years asked are of experience
                found = [f for f in found if _YEARS.search(f) and not _TENURE_SAYS.search(f)]
            if found:
                return f"{_name(record)} says:", found
        return None, []
    lead, quotes = got
    quotes = _dedupe(quotes)
    # One more sentence when the question asks something the fact alone doesn't cover ("ever meet in person?").
    extra = best_sentences(ctx, record, intent=intent, limit=1, require_terms=True, exclude=quotes, min_score=2.5)
    return lead, quotes[:3] + extra


def _answer_asks(
    ctx: Context, record: PostingRecord, salaries: Callable[[PostingRecord], list[Salary]]
) -> tuple[str | None, list[str]]:
    """"Is it remote, and what's the pay?": each ask answered in turn, one lead per ask, the quotes together."""
    leads: list[str] = []
    missing: list[tuple[str, str]] = []  # said after the answers: an answer must not open with "It doesn't state that."
    per_part: list[list[str]] = []
    for part, intent in ctx.asks:
        sub = replace(ctx, question=part, intent=intent, asks=[])
        lead, found = answer_posting(sub, record, salaries)
        if lead is None:
            lead = f"It doesn't state {_not_stated_phrase(sub, record)}."
            if lead not in missing and not _follow_on(part, record):
                missing.append((lead, part))
        elif lead not in leads:
            leads.append(lead)
        per_part.append(found)
    if not leads:
        return None, []
    # "what grad dates? i finish in may 2026": a quote answering another part that carries this part's words
    # ("graduating between December 2025 and June 2026") answers it too
    said = {_root(t) for found in per_part for q in found for t in tokenize(q)}
    missing = [lead for lead, part in missing
               if not {_root(t) for t in _content_terms(part, record) if len(t) > 3} & said]
    quotes: list[str] = []  # each part's best quotes first, so a five-quote cap never drops a part's answer
    for rank in range(max((len(f) for f in per_part), default=0)):
        for found in per_part:
            if rank < len(found) and found[rank] not in quotes:
                quotes.append(found[rank])
    # "X says:" leads only introduce quotes: with a real answer beside them the quotes need no second introduction
    plain = [lead for lead in leads if not lead.endswith(":")]
    name = _name(record)
    if not plain and missing:  # "It doesn't state X; on the rest, *Title* says:" - the colon stays last
        return " ".join(m.rstrip(".") + ";" for m in missing) + " on the rest, " + leads[0], quotes[:5]
    leads = (plain or leads[:1]) + missing
    leads = leads[:1] + [("It" + lead[len(name):]) if lead.startswith(name) else lead for lead in leads[1:]]
    return " ".join(leads), quotes[:5]


def _follow_on(part: str, record: PostingRecord) -> bool:
    """A short ask that leans on the one before ("any mental health benefit? which provider", "is there a
    conference budget? when does it kick in"): the quotes answering the first speak for it, so it gets no
    "doesn't state" of its own."""
    return len(part.split()) <= 5 and len(_content_terms(part, record)) <= 1


def _not_stated_phrase(ctx: Context, record: PostingRecord | None = None) -> str:
    phrase = _not_stated_what(ctx, record)
    # The asker's "401k" echoed back would be a number no posting states: say what it is instead.
    phrase = re.sub(r"\b401\s?\(?k\)?", "a retirement plan", phrase, flags=re.I)
    return re.sub(r"\s*\b\w*\d\w*\b", "", phrase).strip() or "that"


def _not_stated_what(ctx: Context, record: PostingRecord | None = None) -> str:
    if _ASKS_DEADLINE.search(ctx.question):
        return "a closing date"
    if _TERM_ASK.search(ctx.question) and _ASKS_DURATION.search(ctx.question):
        return "how long it runs"
    if ctx.intent == "employment_type" and _SPECIFIC_EMPLOYMENT.search(ctx.question):
        return "the contracting arrangement (employee, contractor through a company, or similar)"
    asked = _topics_in(ctx.question, record)
    if asked and not (ctx.intent == "pay" and _asks_salary(ctx.question)):
        return "anything about " + " or ".join(t.noun for t in asked)
    sub = _sub_ask(ctx.question, record)
    extra_terms = [w for w in words(ctx.question) if stem(w) in _PAY_EXTRAS]
    if ctx.intent == "pay" and extra_terms and not _asks_salary(ctx.question):
        return "anything about " + " ".join(dict.fromkeys(extra_terms))
    if ctx.intent in ("general", "benefits") or (sub and ctx.intent not in ("pay", "employment_type", "apply")):
        asked = _content_terms(ctx.question, record)
        terms = [w for w in words(expand_abbreviations(ctx.question)) if stem(w) in asked] + [c for c in _compounds(ctx.question) if c in asked]
        if terms:
            return "anything about " + " ".join(dict.fromkeys(terms))
    if ctx.intent == "seniority" and re.search(r"\b(?:years?|yrs?|yoe|how much experience)\b", ctx.question, re.I):
        return "how many years of experience it asks for"
    if ctx.intent == "location" and re.search(r"\bcity\b", ctx.question, re.I):
        return "which city the role is in"
    return _NOT_STATED.get(ctx.intent, "that")


# ---------------------------------------------------------------------------------------------------- writer

def write(ctx: Context, salaries: Callable[[PostingRecord], list[Salary]]) -> Answer:
    """The offline answer for a context built by the engine."""
    question = ctx.question
    if not question.strip():
        return Answer(question=question, text=EMPTY_TEXT, answered=False, intent="general")
    if ctx.list_filter is not None:
        return _write_list(ctx, ctx.notes)
    if not ctx.postings:
        return no_match(question, ctx.intent)

    cites = _Cites()
    records = ctx.postings[:MAX_POSTINGS_IN_ANSWER]
    blocks: list[str] = []
    said: dict[str, int] = {}  # the same role posted twice (two sources) answers once, citing both
    for record in records:
        lead, quotes = _answer_asks(ctx, record, salaries) if len(ctx.asks) > 1 else answer_posting(ctx, record, salaries)
        if lead is None:
            fallback = record.facts.title.quote if record.facts.title else ""
            phrase = f"{_posting_phrase(record)} doesn't state {_not_stated_phrase(ctx, record)}"
            n = cites.cite(record, fallback)
            if phrase in said:
                blocks[said[phrase]] = blocks[said[phrase]].replace("].", f"][{n}].", 1)
                continue
            said[phrase] = len(blocks)
            blocks.append(f"{phrase} [{n}].")
            continue
        n = cites.cite(record, quotes[0] if quotes else "")
        if lead in said:
            head, sep, rest = blocks[said[lead]].partition("\n")
            blocks[said[lead]] = f"{head}[{n}]{sep}{rest}"
            continue
        said[lead] = len(blocks)
        block = f"{lead} [{n}]"
        if quotes:
            block += "\n" + _quote_block(quotes)
        blocks.append(block)

    header = ""
    if len(blocks) > 1:
        companies = sorted({r.company for r in records if r.company})
        if len(companies) == 1:
            header = f"{companies[0]} has several open roles, so here is each:"
        else:
            header = "Several roles match, so here is each:"
    if len(ctx.postings) > len(records):
        blocks.append("_More roles match; ask about one by its title for details._")
    text = "\n\n".join(([header] if header else []) + blocks)
    return Answer(question=question, text=text, answered=True, sources=cites.sources, intent=ctx.intent)


def no_match(question: str, intent: str = "general") -> Answer:
    shown = " ".join(question.split())
    if len(shown) > 80:
        shown = shown[:77].rstrip() + "…"
    text = (
        f"No open role matches “{shown}”. "
        "Ask me about a company or a role by name, or try _which roles are fully remote?_"
    )
    return Answer(question=question, text=text, answered=False, sources=[], intent=intent)


def _write_list(ctx: Context, notes: list[str]) -> Answer:
    f = ctx.list_filter
    assert f is not None
    quotes = {p.posting_id: p.text for p in ctx.passages if p.section == "facts"}
    if not ctx.postings:
        text = f"No open role matches that ({f.description})." if f.description else "No open role matches that."
        if notes:
            text += "\n" + "\n".join(notes)
        return Answer(question=ctx.question, text=text, answered=False, sources=[], intent=ctx.intent)
    cites = _Cites()
    lines: list[str] = []
    shown = ctx.postings[:MAX_LIST_ITEMS]
    # a long list quotes less of each posting, or only cites it, so the whole answer still fits one Slack message
    names = sum(len(_name(r)) + 12 for r in shown)
    limit = min(300, (MAX_ANSWER_CHARS - 400 - names) // max(1, len(shown)))
    for record in shown:
        quote = clean_quote(quotes.get(record.posting_id, ""))
        n = cites.cite(record, quote)
        line = f"• {_name(record)} [{n}]"
        if quote and limit >= 80:
            line += f": “{clean_quote(quote, limit)}”"
        lines.append(line)
    head = f"Open roles ({f.description}):" if f.description else "Open roles:"
    text = head + "\n" + "\n".join(lines)
    if len(ctx.postings) > MAX_LIST_ITEMS:
        text += "\n_…and more; narrow the question to see them._"
    if notes:
        text += "\n\n" + "\n".join(notes)
    return Answer(question=ctx.question, text=text, answered=True, sources=cites.sources, intent=ctx.intent)


def fact_passage(record: PostingRecord, quote: str) -> Passage:
    """A list match's quote as a passage, so the LLM writer sees exactly what the offline list cites."""
    return Passage(chunk_id=f"fact:{record.posting_id}", posting_id=record.posting_id, section="facts", text=quote, score=1.0)


__all__ = ["write", "no_match", "fact_passage", "EMPTY_TEXT", "best_sentences"]
