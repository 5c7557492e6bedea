"""What the answer writers are given: the question, its intent, the postings it is about and the passages found.

The offline writer and the LLM writer both work from a ``Context``, so the LLM can never cite anything the
retrieval did not put in front of it, and the verifier checks its answer against the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import PostingRecord, Turn

INTENTS = (
    "pay",
    "workplace",  # remote / hybrid / on-site
    "location",
    "stack",  # programming languages, technologies
    "seniority",  # level, years of experience
    "benefits",
    "apply",
    "employment_type",
    "general",
)


@dataclass
class Passage:
    """A retrieved chunk. ``text`` is verbatim posting text, so it can be quoted."""

    chunk_id: str
    posting_id: str
    section: str
    text: str
    score: float


@dataclass
class ListFilter:
    """A question over all postings ("which roles are remote?"), parsed into facts to match."""

    workplace: str | None = None
    office_days: int | None = None  # "in the office 3 days a week"
    office_days_cmp: str = "="  # "3 or more days a week": ">="
    min_salary: float | None = None
    max_salary: float | None = None  # "under $100k": the top of the stated range is at most this
    min_on_floor: bool = False  # "even at the bottom of the range is 170k+": the range's minimum must clear it
    max_inclusive: bool = False  # "70k or less" includes 70k; "under 70k" doesn't
    currency: str | None = None
    salary_unit: str | None = None
    technologies: list[str] = field(default_factory=list)
    technologies_any: bool = False  # "C# / .NET shops", "Go or Rust": any of them, not all
    locations: list[str] = field(default_factory=list)
    excluded_locations: list[str] = field(default_factory=list)  # "without living in the US": open somewhere else
    employment_type: str | None = None  # one kind, or several joined by "|" ("PART_TIME|CONTRACTOR"): any of them
    top_pay: bool = False  # "what's the best paying role?": the top few by stated yearly pay, per currency
    kind_or_level: bool = False  # "an internship or a junior role": the employment kind or the level
    seniority: str | None = None  # one level, or several joined by "|" ("staff|principal"): any of them
    pay_unstated: bool = False  # "which roles don't list pay?": postings with no pay statement at all
    pay_stated: bool = False  # "which roles list their pay?": postings with any pay statement
    role_family: str | None = None  # "backend roles", "mobile jobs": read from the title
    family_work: bool = False  # "android work anywhere?": a role doing that work counts, whatever its title
    topics: list[str] = field(default_factory=list)  # perks and conditions said in the text ("equity", "on_call")
    topics_counted: bool = False  # "an actual number of weeks of parental leave": said with a count
    topics_any: bool = False  # "visa sponsorship or relocation help?": a posting saying one of them matches
    topics_absent: bool = False  # "which ones don't mention health insurance?": postings that say nothing of it
    topics_negative: bool = False  # "which roles can't sponsor visas?": postings that rule the topic out
    languages: list[str] = field(default_factory=list)  # "jobs where I'd need to speak German": spoken languages
    written_in: str | None = None  # "which postings aren't in English?" ("other") or "postings in French" ("fr")
    posted_month: int | None = None  # "what got posted in May?": datePosted's month
    closes_month: int | None = None  # "which applications close in June?": validThrough's month
    has_deadline: bool = False  # "which roles have an application deadline?"
    also_words: list[str] = field(default_factory=list)  # "hybrid roles where Tuesday is an office day": in one sentence
    min_leave_days: int | None = None  # "who gives 25+ days of holiday?"
    min_parental_weeks: float | None = None  # "four months or more of parental leave?"
    headcount: tuple[str, int] | None = None  # ("<", 50): "which companies have fewer than 50 people?"
    apply_by_email: bool = False  # "which ones can I apply to by email?"
    min_years: int | None = None  # "which roles want 8+ years?": postings asking at least this many
    max_years: int | None = None  # "anything for someone with 2 years?": postings asking no more than this
    unknown_place: str | None = None  # "jobs in oslo": a place no posting names, read from the end of the question
    description: str = ""  # how the filter reads in an answer: "fully remote", "paying over $150,000"
    asked_words: set[str] = field(default_factory=set)  # the question's own words a filter part was read from


@dataclass
class Context:
    question: str
    intent: str
    history: tuple[Turn, ...] = ()
    postings: list[PostingRecord] = field(default_factory=list)  # what the question is about, best first
    passages: list[Passage] = field(default_factory=list)
    list_filter: ListFilter | None = None  # set for list questions
    linked: bool = False  # True when the question (or the conversation) named the posting(s)
    asks: list[tuple[str, str]] = field(default_factory=list)  # (part, intent) when one question asks several things
    notes: list[str] = field(default_factory=list)  # list answers: postings that could not be judged, and why
