"""The data that flows through the bot: loaded postings, their facts, chunks, sync reports and answers.

Plain dataclasses with ``to_dict``/``from_dict`` so they round-trip through Chroma metadata (JSON strings)
and the CLI's ``--json`` without a schema library.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Canonical section names a chunk can carry; loaders map headings onto these.
SECTIONS = (
    "summary",  # the opening lines: title, company, location as shown at the top
    "about",  # about the company / team
    "role",  # role overview, what you'll do in prose
    "responsibilities",
    "requirements",
    "nice_to_have",
    "benefits",
    "compensation",
    "location",  # where / remote policy / time zones
    "how_to_apply",
    "legal",  # EEO statements, privacy notices
    "other",
)

WORKPLACE_TYPES = ("remote", "hybrid", "onsite")
SALARY_UNITS = ("hour", "day", "week", "month", "year")
EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "INTERN", "TEMPORARY")
SENIORITIES = ("intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager", "director")


@dataclass(frozen=True)
class Fact:
    """One extracted value and the exact text span it came from (``quote`` is a substring of the posting text)."""

    value: Any
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "quote": self.quote}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Fact | None":
        return None if not data else cls(value=data.get("value"), quote=data.get("quote", ""))


@dataclass(frozen=True)
class Salary:
    """schema.org ``baseSalary``: numbers as written, never converted or guessed.

    ``text`` is the amount as written ("$155,000 - $190,000"); ``quote`` the sentence that holds it.
    A single figure has ``min == max``. ``unit`` is one of ``SALARY_UNITS`` or None when not stated.
    """

    min: float | None
    max: float | None
    currency: str | None  # ISO 4217: USD, EUR, GBP, CAD, ...
    unit: str | None
    text: str
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Salary | None":
        return None if not data else cls(**{k: data.get(k) for k in ("min", "max", "currency", "unit", "text", "quote")})


@dataclass
class Facts:
    """Structured facts of one posting, named after schema.org ``JobPosting``. None / [] means unknown:
    a wrong fact is worse than a missing one."""

    title: Fact | None = None
    hiring_organization: Fact | None = None
    job_locations: list[Fact] = field(default_factory=list)  # value: place name as written ("Berlin, Germany")
    workplace_type: Fact | None = None  # value: one of WORKPLACE_TYPES
    office_days: Fact | None = None  # value: int, days a week in the office (hybrid)
    applicant_location_requirements: list[Fact] = field(default_factory=list)  # value: country/region/time zone
    base_salary: Salary | None = None
    employment_type: Fact | None = None  # value: one of EMPLOYMENT_TYPES
    seniority: Fact | None = None  # value: one of SENIORITIES
    experience_years: Fact | None = None  # value: int, the minimum years asked for
    programming_languages: list[Fact] = field(default_factory=list)  # value: canonical name ("Go", "JavaScript")
    technologies: list[Fact] = field(default_factory=list)  # value: canonical name ("PostgreSQL", "Kubernetes")
    apply: Fact | None = None  # value: URL or "mailto:..." address
    date_posted: Fact | None = None  # value: ISO date "YYYY-MM-DD"
    valid_through: Fact | None = None  # value: ISO date

    _SINGLE = (
        "title",
        "hiring_organization",
        "workplace_type",
        "office_days",
        "employment_type",
        "seniority",
        "experience_years",
        "apply",
        "date_posted",
        "valid_through",
    )
    _LISTS = ("job_locations", "applicant_location_requirements", "programming_languages", "technologies")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self._SINGLE:
            fact = getattr(self, name)
            out[name] = fact.to_dict() if fact else None
        for name in self._LISTS:
            out[name] = [f.to_dict() for f in getattr(self, name)]
        out["base_salary"] = self.base_salary.to_dict() if self.base_salary else None
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Facts":
        facts = cls()
        for name in cls._SINGLE:
            setattr(facts, name, Fact.from_dict(data.get(name)))
        for name in cls._LISTS:
            setattr(facts, name, [f for f in (Fact.from_dict(d) for d in data.get(name) or []) if f])
        facts.base_salary = Salary.from_dict(data.get("base_salary"))
        return facts


@dataclass
class Section:
    """A run of a posting's text under one heading. ``name`` is one of ``SECTIONS``."""

    name: str
    heading: str
    text: str


@dataclass
class LoadedPosting:
    """A posting as read from its file or URL, cleaned, before facts and chunks.

    ``text`` is the clean full text; every fact quote and chunk is a substring of it (modulo whitespace
    folding inside chunks). ``meta`` holds what the file declared: front matter or JSON-LD fields
    (title, company, location, url, apply_url, posted, closes, jsonld).
    """

    posting_id: str
    source: str  # file path or URL exactly as ingested
    origin: str  # the --source root it came from; sync removes only postings of the roots it was given
    content_hash: str
    format: str  # md, txt, html, pdf, json
    text: str
    sections: list[Section]
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Chunk:
    """One retrievable piece of a posting. ``header`` ("Company · Title · Section") is embedded with it."""

    chunk_id: str
    posting_id: str
    section: str
    header: str
    text: str
    metadata: dict[str, Any]

    @property
    def embed_text(self) -> str:
        return f"{self.header}\n{self.text}"


@dataclass
class PostingRecord:
    """The per-posting record kept in the index beside its chunks."""

    posting_id: str
    title: str
    company: str
    source: str
    origin: str
    url: str | None
    content_hash: str
    ingested_at: str  # ISO timestamp of the run that (re)wrote it
    facts: Facts
    chunk_count: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["facts"] = self.facts.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "PostingRecord":
        data = dict(data)
        data["facts"] = Facts.from_dict(data.get("facts") or {})
        return cls(**data)


@dataclass
class SyncError:
    source: str
    error: str


@dataclass
class SyncReport:
    """What an ingest run did. ``postings``/``chunks`` are the totals in the index after the run."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    postings: int = 0
    chunks: int = 0
    seconds: float = 0.0
    errors: list[SyncError] = field(default_factory=list)
    dry_run: bool = False
    generation: int | None = None
    # per-posting outcome for the summary table: (source, status, chunks)
    rows: list[tuple[str, str, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The CLI contract: exactly these keys."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "failed": self.failed,
            "postings": self.postings,
            "chunks": self.chunks,
            "seconds": round(self.seconds, 3),
            "errors": [{"source": e.source, "error": e.error} for e in self.errors],
        }


@dataclass(frozen=True)
class Turn:
    """An earlier exchange in a conversation, for follow-ups ("and is it remote?")."""

    question: str
    answer: str = ""
    posting_ids: tuple[str, ...] = ()


@dataclass
class Source:
    """A cited posting: ``source`` is its path or URL exactly as ingested, ``quote`` the supporting text."""

    posting_id: str
    title: str
    company: str
    source: str
    url: str | None
    quote: str
    ingested_at: str | None = None

    @classmethod
    def from_record(cls, record: "PostingRecord", quote: str) -> "Source":
        return cls(
            posting_id=record.posting_id,
            title=record.title,
            company=record.company,
            source=record.source,
            url=record.url,
            quote=quote,
            ingested_at=record.ingested_at,
        )

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "company": self.company, "source": self.source, "quote": self.quote}


@dataclass
class Answer:
    """An answer with numbered citations: ``[n]`` in ``text`` refers to ``sources[n-1]``.

    ``answered`` is False only when no posting answers the question; "The X posting doesn't state Y"
    is answered (with X as its source).
    """

    question: str
    text: str
    answered: bool
    sources: list[Source] = field(default_factory=list)
    intent: str = "general"
    mode: str = "offline"  # "offline" or "llm"
    note: str | None = None  # e.g. why an LLM answer was replaced by the offline one (for logs, not users)

    def to_json(self) -> dict[str, Any]:
        """The CLI contract: exactly these keys."""
        return {
            "question": self.question,
            "answer": self.text,
            "answered": self.answered,
            "sources": [s.to_json() for s in self.sources],
        }
