"""The technology vocabulary: canonical names, aliases, and which ones are programming languages.

Reused by the answer engine to read "golang roles?" the same way postings are read. Ambiguous tokens are the
whole difficulty: "Go deeper", "C-suite", "Series C", "R&D", "swift action", "rust" (the word), "Spring
semester", "American Express", "Elm Street". Those match only case-sensitively *and* next to other technology
words (see ``_CONTEXT``), so a wrong language is rarer than a missed one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# flags: L = programming language, S = aliases are case-sensitive, X = needs technology context in the sentence,
# N = match only the aliases listed (the bare canonical word is handled by a stricter row)
# (canonical, flags, aliases...). Canonical names are matched too (with the same flags).
_TABLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # ---- programming languages ----
    ("Go", "LN", ("Golang", "Go lang")),
    ("Go", "LSX", ("Go",)),
    ("Python", "L", ("Python3", "Python 3")),
    ("JavaScript", "L", ("Javascript", "ECMAScript", "ES6", "ES2015", "Vanilla JS")),
    ("JavaScript", "LSN", ("JS",)),
    ("TypeScript", "L", ("Typescript",)),
    ("TypeScript", "LSXN", ("TS",)),
    ("Java", "L", ()),
    ("Kotlin", "L", ()),
    ("Scala", "L", ()),
    ("Groovy", "L", ()),
    ("Clojure", "L", ("ClojureScript",)),
    ("C#", "L", ("CSharp", "C Sharp")),
    ("F#", "L", ("FSharp",)),
    ("C++", "L", ("CPP", "Cpp")),
    ("C", "LSX", ()),
    ("Objective-C", "L", ("ObjC", "Objective C")),
    ("Swift", "LS", ()),
    ("Rust", "LS", ()),
    ("Ruby", "L", ()),
    ("PHP", "L", ()),
    ("Perl", "LS", ()),
    ("Elixir", "L", ()),
    ("Erlang", "L", ()),
    ("Haskell", "L", ()),
    ("OCaml", "L", ()),
    ("Elm", "LSX", ()),
    ("Dart", "LSX", ()),
    ("Lua", "LS", ()),
    ("R", "LSX", ()),
    ("Julia", "LSX", ()),
    ("MATLAB", "L", ("Matlab",)),
    ("Zig", "LSX", ()),
    ("Solidity", "L", ()),
    ("Move", "LN", ("Move language", "Move smart contracts", "Move programming language")),
    ("Move", "LSXN", ("Move",)),
    ("Lisp", "LS", ("Common Lisp",)),
    ("Scheme", "LSX", ()),
    ("Fortran", "L", ()),
    ("COBOL", "L", ()),
    ("Assembly", "LSX", ("assembly language",)),
    ("Visual Basic", "L", ("VB.NET", "VBA")),
    ("Crystal", "LSX", ()),
    ("Nim", "LSX", ()),
    # ---- query / markup / shell: technologies, not programming languages ----
    ("SQL", "S", ("T-SQL", "PL/SQL", "TSQL")),
    ("HTML", "", ("HTML5",)),
    ("CSS", "", ("CSS3",)),
    ("Sass", "S", ("SCSS",)),
    ("Bash", "", ("Shell scripting", "shell scripts")),
    ("PowerShell", "", ()),
    ("HCL", "S", ()),
    ("GraphQL", "", ()),
    ("gRPC", "", ()),
    ("REST", "S", ("RESTful", "REST API", "REST APIs")),
    ("Protocol Buffers", "", ("protobuf",)),
    # ---- frontend / mobile ----
    ("React", "", ("React.js", "ReactJS", "React JS")),
    ("React Native", "", ()),
    ("Next.js", "", ("NextJS",)),
    ("Vue", "", ("Vue.js", "VueJS", "Vue 3")),
    ("Nuxt", "", ("Nuxt.js",)),
    ("Svelte", "", ("SvelteKit",)),
    ("Angular", "S", ("AngularJS", "Angular.js")),
    ("Ember", "S", ("Ember.js", "EmberJS")),
    ("jQuery", "", ()),
    ("Redux", "", ()),
    ("Substrate", "S", ()),
    ("Cosmos SDK", "", ()),
    ("Jinja", "", ("Jinja2",)),
    ("Handlebars", "", ()),
    ("MobX", "", ()),
    ("Zustand", "", ()),
    ("Jotai", "", ()),
    ("Recoil", "S", ()),
    ("Pinia", "", ()),
    ("Vuex", "", ()),
    ("Tailwind", "", ("Tailwind CSS", "TailwindCSS")),
    ("Webpack", "", ()),
    ("Vite", "S", ()),
    ("Storybook", "", ()),
    ("Jest", "S", ()),
    ("Cypress", "S", ()),
    ("Playwright", "S", ()),
    ("Selenium", "", ()),
    ("WebGL", "", ()),
    ("WebAssembly", "", ("Wasm",)),
    ("Three.js", "", ()),
    ("Android", "S", ()),
    ("iOS", "S", ()),
    ("SwiftUI", "", ()),
    ("UIKit", "", ()),
    ("Jetpack Compose", "", ("Compose UI",)),
    ("Flutter", "", ()),
    ("Figma", "", ()),
    # ---- backend frameworks / runtimes ----
    ("Node.js", "", ("NodeJS", "Node JS")),
    ("Node.js", "SXN", ("Node",)),
    ("Deno", "S", ()),
    ("Bun", "SX", ()),
    ("Express", "N", ("Express.js", "ExpressJS")),
    ("Express", "SX", ("Express",)),
    ("NestJS", "", ("Nest.js",)),
    ("Django", "", ()),
    ("Flask", "S", ()),
    ("FastAPI", "", ()),
    ("Rails", "S", ("Ruby on Rails", "RoR")),
    ("Laravel", "", ()),
    ("Symfony", "", ()),
    ("Spring", "N", ("Spring Boot", "Spring Framework", "SpringBoot")),
    ("Spring", "SX", ("Spring",)),
    ("Hibernate", "", ()),
    (".NET", "", (".NET Core", "dotnet", "ASP.NET", "ASP.NET Core", ".Net")),
    ("Phoenix", "SX", ()),
    ("OTP", "SX", ()),
    ("Sidekiq", "", ()),
    ("Celery", "S", ()),
    ("Maven", "S", ()),
    ("Gradle", "", ()),
    ("Bazel", "", ()),
    ("JVM", "S", ()),
    # ---- data stores ----
    ("PostgreSQL", "", ("Postgres", "Postgresql", "psql")),
    ("MySQL", "", ()),
    ("MariaDB", "", ()),
    ("SQLite", "", ()),
    ("SQL Server", "", ("MSSQL", "MS SQL")),
    ("Oracle", "SX", ("Oracle DB", "Oracle Database")),
    ("MongoDB", "", ("Mongo",)),
    ("Redis", "", ()),
    ("Memcached", "", ()),
    ("Cassandra", "", ()),
    ("ScyllaDB", "", ()),
    ("DynamoDB", "", ()),
    ("CockroachDB", "", ()),
    ("Elasticsearch", "", ("Elastic Search", "ElasticSearch")),
    ("OpenSearch", "", ()),
    ("Solr", "", ()),
    ("ClickHouse", "", ()),
    ("Snowflake", "S", ()),
    ("BigQuery", "", ()),
    ("Redshift", "", ()),
    ("Databricks", "", ()),
    ("Neo4j", "", ()),
    ("NoSQL", "", ()),
    ("Firebase", "", ("Firestore",)),
    ("Supabase", "", ()),
    # ---- data / streaming / ML ----
    ("dbt", "", ()),
    ("Kafka", "", ("Apache Kafka",)),
    ("RabbitMQ", "", ()),
    ("NATS", "S", ()),
    ("Pulsar", "S", ()),
    ("Spark", "S", ("Apache Spark", "PySpark")),
    ("Flink", "", ()),
    ("Airflow", "", ("Apache Airflow",)),
    ("Dagster", "", ()),
    ("Hadoop", "", ()),
    ("Pandas", "", ()),
    ("NumPy", "", ()),
    ("PyTorch", "", ()),
    ("TensorFlow", "", ()),
    ("scikit-learn", "", ("sklearn",)),
    ("Tableau", "", ()),
    ("Looker", "S", ()),
    ("Power BI", "", ()),
    ("LangChain", "", ()),
    ("CUDA", "", ()),
    # ---- cloud / infra ----
    ("AWS", "", ("Amazon Web Services",)),
    ("GCP", "", ("Google Cloud", "Google Cloud Platform")),
    ("Azure", "", ("Microsoft Azure",)),
    ("Kubernetes", "", ("k8s", "K8s")),
    ("Docker", "", ()),
    ("Terraform", "", ()),
    ("Pulumi", "S", ()),
    ("Ansible", "", ()),
    ("Helm", "S", ()),
    ("Prometheus", "", ()),
    ("Grafana", "", ()),
    ("OpenTelemetry", "", ("OTel",)),
    ("Datadog", "", ()),
    ("Jenkins", "", ()),
    ("GitHub Actions", "", ()),
    ("GitLab CI", "", ()),
    ("CircleCI", "", ()),
    ("Argo CD", "", ("ArgoCD",)),
    ("Linux", "", ()),
    ("Git", "S", ()),
    ("Nginx", "", ()),
    ("Lambda", "SX", ("AWS Lambda",)),
    ("S3", "SX", ()),
    ("EC2", "S", ()),
    ("SQS", "S", ()),
    ("Kinesis", "", ()),
    ("CloudFormation", "", ()),
    ("Istio", "", ()),
    ("Envoy", "SX", ()),
    ("Consul", "SX", ()),
    ("Vault", "SX", ()),
    ("Heroku", "", ()),
    ("Vercel", "", ()),
    ("Cloudflare", "", ()),
    ("Serverless", "SX", ()),
    ("Microservices", "", ("microservice",)),
    ("CI/CD", "", ()),
    ("RTOS", "", ("FreeRTOS", "Zephyr")),
    ("Yocto", "", ()),
    ("FPGA", "", ()),
    ("LLM", "S", ("LLMs", "large language models")),
    ("Unity", "SX", ()),
)

# words that make an ambiguous token ("Go", "C", "R", "Spring") read as technology
_CONTEXT = re.compile(
    r"\blanguages?\b|\bprogramming\b|\bcode\b|\bcoding\b|\bwritten in\b|\bstack\b|\bexperience (?:in|with)\b|"
    r"\bproficien|\bfluen|\bframeworks?\b|\bbackend\b|\bfrontend\b|\bservices?\b|\blibrar|\bcompiler|\bruntime|"
    r"\bdeveloper|\bengineer|\bsoftware\b|\bembedded\b|\bSDKs?\b|\bAPIs?\b|\bdatabase|\bcloud\b|"
    r"[,/]\s*$|^\s*[,/(]",
    re.I,
)
# "Go deeper", "Go-to-market", "Go big": imperative English, not the language
_GO_NOT = re.compile(
    r"^(?:\s+(?:deeper|deep|beyond|to|further|above|big|live|ahead|back|forth|get|for|out|far|home|fast|green|"
    r"the|a|an|on|through|into|over|after|make|build|see|find|check|learn|visit|apply|join|where)\b|[-'’]\w)",
    re.I,
)
_C_NOT = re.compile(r"^(?:[-‑]\w|\s*[#+]|\.\s?[A-Z]\.|\s+(?:level|suite|corp|inc)\b|')", re.I)
_C_NOT_BEFORE = re.compile(r"(?:series|vitamin|plan|type|class|grade|level|section)\s*$|\d\s*$|\d\(\s*$", re.I)


@dataclass(frozen=True)
class _Entry:
    canonical: str
    is_language: bool
    needs_context: bool


def _boundary(alias: str) -> str:
    left = r"(?<![A-Za-z0-9_.#+])" if alias[0].isalnum() else r"(?<![A-Za-z0-9_])"
    right = r"(?![A-Za-z0-9_#+])" if alias[-1].isalnum() or alias[-1] in ".#+" else ""
    if alias[-1] == ".":
        right = r"(?![A-Za-z0-9_])"
    # "Node.js" etc. may end a sentence ("... Node.js.") - fine; but "JS" must not eat "JSON"
    return left + re.escape(alias).replace(r"\ ", r"[\s-]?") + right + r"(?!\.[A-Za-z])"


# a word as it starts: the letters/digits from a word start; every alias is indexed under the keys its own
# start can take in text ("Go lang" also as "golang" / "go-lang"), so a posting is scanned with one regex pass
# and a set lookup per word, and the per-alias patterns run only where some alias can begin
_WORD_START = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z.][A-Za-z0-9]*")


def _start_keys(alias: str) -> set[str]:
    keys: set[str] = set()
    for variant in {alias, alias.replace(" ", ""), alias.replace(" ", "-")}:
        m = _WORD_START.match(variant)
        if m:
            keys.add(m.group(0).lower())
    return keys


@lru_cache(maxsize=1)
def _first_keys() -> frozenset[str]:
    keys: set[str] = set()
    for canonical, flags, aliases in _TABLE:
        for name in aliases if "N" in flags else (canonical, *aliases):
            keys |= _start_keys(name)
    return frozenset(keys)


@lru_cache(maxsize=1)
def _matchers() -> dict[str, list[tuple[re.Pattern[str], dict[str, _Entry], bool]]]:
    """Aliases grouped by first letter, one pattern per (letter, case mode): a posting is scanned once, trying
    only the few aliases that can start at each word."""
    tables: dict[tuple[str, bool], dict[str, _Entry]] = {}
    for canonical, flags, aliases in _TABLE:
        names = aliases if "N" in flags else (canonical, *aliases)
        sensitive = "S" in flags
        entry = _Entry(canonical, "L" in flags, "X" in flags)
        for name in names:
            tables.setdefault((name[0].lower(), sensitive), {}).setdefault(_mode_key(name, sensitive), entry)
    out: dict[str, list[tuple[re.Pattern[str], dict[str, _Entry], bool]]] = {}
    for (first, sensitive), table in tables.items():
        names = sorted(table, key=len, reverse=True)
        rx = "|".join(_boundary(n) for n in names)
        out.setdefault(first, []).append((re.compile(rx, 0 if sensitive else re.IGNORECASE), table, sensitive))
    return out


def _mode_key(name: str, sensitive: bool) -> str:
    key = re.sub(r"[\s-]+", " ", name.strip())
    return key if sensitive else key.lower()


@lru_cache(maxsize=1)
def _alias_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, _flags, aliases in _TABLE:
        for name in (canonical, *aliases):
            out.setdefault(_key(name), canonical)
    return out


def _key(name: str) -> str:
    return re.sub(r"[\s_-]+", " ", name.strip().lower())


LANGUAGES: frozenset[str] = frozenset(c for c, flags, _ in _TABLE if "L" in flags)
TECHNOLOGIES: frozenset[str] = frozenset(c for c, flags, _ in _TABLE if "L" not in flags)


def canonical_tech(name: str) -> str | None:
    """Canonical spelling of a technology or language ("golang" -> "Go", "postgres" -> "PostgreSQL")."""
    return _alias_map().get(_key(name))


def is_language(name: str) -> bool:
    canonical = canonical_tech(name)
    return canonical in LANGUAGES if canonical else False


def find_technologies(text: str) -> list[tuple[str, str, bool]]:
    """(canonical name, span as written, is_programming_language) for each technology named in ``text``,
    first mention order, one row per canonical name."""
    sents = _sentences(text)
    starts = [start for _sentence, start in sents]
    plain: list[tuple[int, int, _Entry]] = []
    ambiguous: list[tuple[int, int, _Entry]] = []
    matchers = _matchers()
    first_keys = _first_keys()
    for w in _WORD_START.finditer(text):  # then sort the hits into sentences
        if w.group(0).lower() not in first_keys:
            continue
        pos = w.start()
        if text[pos] != "." and pos and text[pos - 1] in ".#+":
            continue
        for pattern, table, sensitive in matchers.get(text[pos].lower(), ()):
            m = pattern.match(text, pos)
            e = table.get(_mode_key(m.group(0), sensitive)) if m else None
            if m is not None and e is not None:
                (ambiguous if e.needs_context else plain).append((m.start(), m.end(), e))
    with_tech = {bisect_right(starts, start) - 1 for start, _end, _e in plain}
    found: dict[str, tuple[int, str, bool]] = {}
    for start, end, e in sorted(plain, key=lambda h: h[0]):
        found.setdefault(e.canonical, (start, text[start:end], e.is_language))
    for start, end, e in sorted(ambiguous, key=lambda h: h[0]):
        if e.canonical in found:
            continue
        idx = bisect_right(starts, start) - 1
        sentence, offset = sents[idx]
        if _ambiguous_ok(e.canonical, sentence, start - offset, end - offset, idx in with_tech):
            found[e.canonical] = (start, text[start:end], e.is_language)
    ordered = sorted(found.items(), key=lambda kv: kv[1][0])
    return [(canonical, span, lang) for canonical, (_pos, span, lang) in ordered]


def _sentences(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = 0
    for m in re.finditer(r"\n|(?<=[.!?])\s+(?=[A-Z])", text):
        out.append((text[pos : m.start()], pos))
        pos = m.end()
    out.append((text[pos:], pos))
    return out


def _ambiguous_ok(canonical: str, text: str, start: int, end: int, other_tech: bool) -> bool:
    after = text[end : end + 25]
    before = text[max(0, start - 25) : start]
    if canonical == "Go" and _GO_NOT.match(after) and not re.match(r"\s+(?:and|or)\b", after):
        return False
    if canonical in ("C", "R") and (_C_NOT.match(after) or _C_NOT_BEFORE.search(before)):
        return False
    if canonical == "R" and re.match(r"\s*&", after):
        return False
    if canonical == "Express" and re.search(r"American\s*$", before):
        return False
    near = text[max(0, start - 60) : end + 60]
    context = bool(_CONTEXT.search(near))
    listed = bool(
        re.search(r"[,/]\s*$|\b(?:and|or)\s*$", before) or re.match(r"\s*[,/]|\s+(?:and|or)\b", after)
    )
    cued = bool(
        re.search(r"\b(?:in|with|using|use|like|such as|written in|of)\s*$", before, re.I)
        or re.match(r"\s*(?:programming|code|developers?|engineers?|services|backend|microservices)\b", after, re.I)
    )
    expert = bool(
        re.search(r"\b(?:expert|proficien\w*|fluen\w*|experience|strong|solid|idiomatic|modern)[- ](?:level\s+)?(?:in\s+|with\s+)?$", before, re.I)
        or re.match(r"\s+(?:tutorial|toolchain|modules?|routines?|runtime|ecosystem|codebase|programming language)\b", after, re.I)
    )
    if expert:
        return True
    if cued or listed:
        return other_tech or context
    return other_tech and context
