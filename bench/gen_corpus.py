"""A synthetic but realistic corpus of job postings, for ingest and ask benchmarks at scale.

``generate(dest, n, seed)`` writes ``n`` postings (markdown with front matter, HTML with JSON-LD, plain text)
recombined from pools of companies, titles, places, pay formats, workplace types, stacks and paragraphs, with
sentences shuffled so no two texts (or chunks) are the same. Deterministic by seed. It returns a spec of each
posting so benchmarks can ask questions whose answers are known.
"""

from __future__ import annotations

import argparse
import html
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

GENERATOR_VERSION = 1

_PREFIXES = (
    "Northwind Bluefin Copperleaf Driftwood Emberline Foxglove Granite Harbor Ironbark Juniper Kestrel Lumen "
    "Meridian Nimbus Oakridge Pinecrest Quartz Redwood Saltmarsh Tidewater Umber Vantage Willow Xylem Yellowtail "
    "Zephyr Alder Brightwater Cinder Dovetail Evergreen Fernhill Glacier Hollow Indigo Jasper Keystone Larkspur "
    "Mistral Nettle Orchid Polaris Quill Rainier Sable Thistle Upland Verdant Wren Aurora Basalt Cobalt Delta "
    "Estuary Fjord Garnet Heron Isle Kite"
).split()
_SUFFIXES = (
    "Labs Health Systems Energy Analytics Robotics Pay Logistics Bio Works Cloud Security Media Mobility Finance "
    "Learning Foods Games Networks Data Insurance Travel Maps Studio Commerce Capital Devices Genomics Telecom "
    "Retail Legal Grid Freight Kitchen Audio Space Farms Clinic Markets Software"
).split()
_INDUSTRY = {
    "Health": "digital health", "Clinic": "digital health", "Bio": "biotech", "Genomics": "biotech",
    "Energy": "clean energy", "Grid": "clean energy", "Pay": "payments", "Finance": "fintech",
    "Capital": "fintech", "Insurance": "insurtech", "Logistics": "logistics", "Freight": "logistics",
    "Mobility": "mobility", "Learning": "education", "Games": "gaming", "Media": "media", "Audio": "media",
    "Travel": "travel", "Maps": "geospatial", "Retail": "retail", "Commerce": "e-commerce", "Markets": "marketplaces",
    "Foods": "food delivery", "Kitchen": "food delivery", "Farms": "agritech", "Legal": "legal tech",
    "Telecom": "telecommunications", "Space": "aerospace", "Devices": "hardware", "Robotics": "robotics",
    "Security": "cybersecurity",
}
_LEVELS = ("Junior", "", "", "Senior", "Senior", "Staff", "Principal", "Lead")
_ROLES = {
    "Backend Engineer": (["Go", "Python", "Java", "Kotlin", "Rust", "Elixir", "Ruby", "C#"], ["PostgreSQL", "Kafka", "Redis", "gRPC", "Kubernetes", "AWS"]),
    "Frontend Engineer": (["TypeScript", "JavaScript"], ["React", "Vue", "Svelte", "Next.js", "GraphQL", "Storybook"]),
    "Full Stack Developer": (["TypeScript", "Python", "Ruby", "PHP"], ["React", "Node.js", "Django", "Rails", "PostgreSQL", "Docker"]),
    "Data Engineer": (["Python", "Scala", "SQL"], ["Spark", "Airflow", "dbt", "Snowflake", "BigQuery", "Kafka"]),
    "Machine Learning Engineer": (["Python", "C++"], ["PyTorch", "TensorFlow", "Kubernetes", "Ray", "MLflow", "GCP"]),
    "Site Reliability Engineer": (["Go", "Python", "Bash"], ["Kubernetes", "Terraform", "Prometheus", "Grafana", "AWS", "Linux"]),
    "Android Engineer": (["Kotlin", "Java"], ["Jetpack Compose", "Gradle", "Firebase", "GraphQL"]),
    "iOS Engineer": (["Swift", "Objective-C"], ["SwiftUI", "Xcode", "Core Data", "Combine"]),
    "Platform Engineer": (["Go", "Rust", "Python"], ["Kubernetes", "Terraform", "Envoy", "AWS", "GCP", "ArgoCD"]),
    "Security Engineer": (["Python", "Go", "Rust"], ["AWS", "Vault", "Kubernetes", "Splunk", "Linux"]),
    "Engineering Manager": (["Java", "Go", "TypeScript", "Python"], ["AWS", "Kubernetes", "PostgreSQL", "React"]),
    "QA Automation Engineer": (["TypeScript", "Python", "Java"], ["Playwright", "Cypress", "Selenium", "Jenkins"]),
    "Embedded Software Engineer": (["C", "C++", "Rust"], ["FreeRTOS", "Zephyr", "ARM Cortex-M", "Yocto"]),
    "Solutions Engineer": (["Python", "JavaScript"], ["REST APIs", "SQL", "Salesforce", "AWS"]),
}
_TEAMS = ("Payments", "Search", "Growth", "Core Platform", "Billing", "Identity", "Checkout", "Data Platform",
          "Developer Experience", "Notifications", "Risk", "Onboarding", "Marketplace", "Infrastructure", "Mobile")
# (city, country, currency, region word used in remote restrictions)
_PLACES = (
    ("New York", "United States", "USD", "the US"), ("San Francisco", "United States", "USD", "the US"),
    ("Austin", "United States", "USD", "the US"), ("Chicago", "United States", "USD", "the US"),
    ("Seattle", "United States", "USD", "the US"), ("Denver", "United States", "USD", "the US"),
    ("Toronto", "Canada", "CAD", "Canada"), ("London", "United Kingdom", "GBP", "the UK"),
    ("Manchester", "United Kingdom", "GBP", "the UK"), ("Berlin", "Germany", "EUR", "Germany"),
    ("Munich", "Germany", "EUR", "Germany"), ("Amsterdam", "Netherlands", "EUR", "the Netherlands"),
    ("Paris", "France", "EUR", "France"), ("Madrid", "Spain", "EUR", "Spain"), ("Lisbon", "Portugal", "EUR", "Portugal"),
    ("Dublin", "Ireland", "EUR", "Ireland"), ("Warsaw", "Poland", "EUR", "Poland"), ("Vilnius", "Lithuania", "EUR", "Lithuania"),
    ("Stockholm", "Sweden", "EUR", "the EU"), ("Vienna", "Austria", "EUR", "Austria"),
)
_BENEFITS = (
    "Medical, dental and vision insurance for you and your dependants.", "A yearly learning budget for books, courses and conferences.",
    "Home office stipend to set up a comfortable workspace.", "Generous parental leave for all parents.",
    "Paid time off that we actually encourage you to take.", "A public transport ticket or bike leasing.",
    "Company pension scheme with employer contributions.", "Employee stock options.",
    "Flexible working hours built around core collaboration time.", "Mental health support through a wellbeing platform.",
    "A new laptop and the accessories of your choice.", "Team offsites twice a year.",
    "Sabbatical after five years with us.", "Lunch allowance on office days.", "Volunteering days each year.",
)
_DUTIES = (
    "Design, build and operate services used by {users}.", "Own features end to end, from the first sketch to monitoring in production.",
    "Review code and help colleagues grow through pairing and thoughtful feedback.", "Work closely with product managers and designers to shape the roadmap of the {team} team.",
    "Improve the reliability, latency and cost of the systems you own.", "Write clear technical proposals and discuss trade-offs in the open.",
    "Take part in a humane on-call rotation, one week in every six or so.", "Break down large projects into small, shippable increments.",
    "Instrument what you ship so the team can see how it behaves.", "Mentor engineers earlier in their careers.",
    "Help hire the next engineers who join the {team} team.", "Keep our {tech} setup healthy and well understood.",
    "Migrate a legacy component to a design that scales with {users}.", "Contribute to the engineering handbook and our architecture decisions.",
)
_REQS = (
    "Solid experience with {lang} in production.", "Hands-on experience with {tech} and {tech2}.",
    "You communicate clearly in writing; most of our decisions start as documents.", "You are comfortable owning a service in production, including on-call.",
    "A habit of testing your work and leaving code better than you found it.", "Experience working with product and design in a cross-functional team.",
    "Fluency in English; other languages are a plus.", "You care about the people who use what you build.",
    "Familiarity with distributed systems and their failure modes.", "Experience with cloud infrastructure, ideally {cloud}.",
)
_NICE = (
    "Experience in {industry}.", "Contributions to open source projects.", "Knowledge of {tech2} internals.",
    "Experience mentoring or leading a small team.", "Exposure to event-driven architectures.", "Some {lang2} experience.",
)
_ABOUT = (
    "{company} builds {industry} software for {users}.", "We were founded in {year} and are now a team of {size} people.",
    "Our customers range from small businesses to some of the largest companies in {region}.",
    "We raised our Series {series} last year and are profitable in our core market.",
    "Our product team works in small, autonomous squads that own their outcomes.",
    "We publish our engineering handbook and salary bands internally so everyone knows how decisions are made.",
    "We care about sustainable pace: no heroics, no weekend deploys.", "Diversity of background and thought makes our product better.",
)
_ROLE_P = (
    "As a {title} on the {team} team, you will help {company} grow its {industry} platform.",
    "The {team} team owns the services behind {users}, and this role sits at its centre.",
    "You'll join a group of {teamsize} engineers who ship several times a day.",
    "Our stack is mostly {lang} with {tech} and {tech2}, running on {cloud}.",
    "This is a hands-on role; you'll spend most of your time designing and writing code.",
    "In your first months you'll pair with the team, learn the domain and ship something real in week two.",
)
_USERS = ("millions of patients", "thousands of merchants", "small businesses", "logistics operators", "students and teachers",
          "our enterprise customers", "drivers and riders", "independent creators", "hospital staff", "energy traders")
_EEO = (
    "{company} is an equal opportunity employer. We welcome applicants of every background, identity and ability.",
    "We do not discriminate on the basis of race, religion, colour, national origin, gender, sexual orientation, age, marital status or disability.",
    "If you need an accommodation during the hiring process, tell us and we will make it happen.",
)
_HEADINGS = {
    "about": ("About {company}", "Who we are", "About us", "The company"),
    "role": ("The role", "About the role", "What this role is", "Your mission"),
    "duties": ("What you'll do", "Responsibilities", "Your responsibilities", "In this role you will"),
    "reqs": ("What we're looking for", "Requirements", "About you", "You have"),
    "nice": ("Nice to have", "Bonus points", "It's a plus if you have"),
    "benefits": ("Benefits", "What we offer", "Perks and benefits", "Why join us"),
    "pay": ("Compensation", "Salary", "Pay", "What we pay"),
    "where": ("Location", "Where you'll work", "Remote policy", "Working location"),
    "apply": ("How to apply", "Applying", "Next steps"),
    "legal": ("Equal opportunity", "Our commitment", "EEO statement"),
}


@dataclass
class GeneratedPosting:
    """What the generator knows about a posting it wrote: benchmarks ask questions with these answers."""

    file: str
    fmt: str
    company: str
    title: str
    city: str
    country: str
    workplace: str  # remote | hybrid | onsite
    office_days: int | None
    pay_text: str | None  # the amount exactly as written, or None when the posting states no pay
    currency: str | None
    unit: str | None
    languages: list[str] = field(default_factory=list)
    technologies: list[str] = field(default_factory=list)
    experience_years: int = 0
    pay_range: tuple[float, float] | None = None


def _money(amount: int, style: str) -> str:
    if style == "eu":
        return f"{amount:,}".replace(",", ".")
    return f"{amount:,}"


def _pay(rng: random.Random, currency: str, level: str) -> tuple[str | None, str | None, str | None, str, tuple[float, float] | None]:
    """(amount as written, currency, unit, the sentence that holds it, (min, max)); one in five states no pay."""
    bump = {"Junior": 0.65, "": 0.85, "Senior": 1.0, "Staff": 1.2, "Principal": 1.35, "Lead": 1.15}[level]
    roll = rng.random()
    if roll < 0.2:
        return None, None, None, rng.choice((
            "We'll share the salary band for this role in the first call.",
            "Compensation is competitive and depends on experience.",
            "We offer a competitive package including equity.",
        )), None
    if currency == "USD" and roll < 0.35:
        lo = round(rng.randrange(45, 95) * bump)
        hi = lo + rng.randrange(8, 25)
        text = rng.choice((f"${lo:.0f} - ${hi:.0f} per hour", f"${lo:.0f}/hr to ${hi:.0f}/hr", f"USD {lo:.0f}–{hi:.0f} hourly"))
        return text, "USD", "hour", f"This is a contract role paying {text}, depending on experience.", (round(lo), round(hi))
    if currency == "GBP" and roll < 0.5:
        lo = int(rng.randrange(45, 75) * 10 * bump)
        hi = lo + rng.randrange(5, 15) * 10
        text = rng.choice((f"£{lo} - £{hi} per day", f"£{lo}–£{hi}/day", f"£{hi} per day"))
        return text, "GBP", "day", f"Day rate: {text}, outside IR35, initial six-month contract.", (lo if "-" in text or "–" in text else hi, hi)
    base = {"USD": 150_000, "CAD": 140_000, "GBP": 85_000, "EUR": 80_000}[currency] * bump
    lo = int(round(base * rng.uniform(0.8, 1.05), -3))
    hi = lo + int(round(base * rng.uniform(0.12, 0.35), -3))
    if currency == "EUR":
        text = rng.choice((f"€{_money(lo, 'eu')} – €{_money(hi, 'eu')}", f"{_money(lo, 'eu')} € - {_money(hi, 'eu')} €",
                           f"EUR {_money(lo, 'eu')} to {_money(hi, 'eu')}"))
    elif currency == "GBP":
        text = rng.choice((f"£{lo:,} - £{hi:,}", f"£{lo // 1000}k–£{hi // 1000}k"))
    elif currency == "CAD":
        text = f"CA${lo:,} - CA${hi:,}"
    else:
        text = rng.choice((f"${lo:,} - ${hi:,}", f"${lo // 1000}k–${hi // 1000}k", f"USD {lo:,} to {hi:,}"))
    sentence = rng.choice((
        f"The base salary range for this role is {text} per year.",
        f"Salary: {text} annually, plus equity and benefits.",
        f"We expect to pay {text} a year for this position, depending on level and location.",
    ))
    return text, currency, "year", sentence, (lo, hi)


def _sentences(rng: random.Random, pool: tuple[str, ...], k: int, fill: dict[str, str]) -> list[str]:
    return [s.format(**fill) for s in rng.sample(pool, min(k, len(pool)))]


def _one(rng: random.Random, index: int, company: str) -> tuple[GeneratedPosting, str, str]:
    """One posting: its spec, its file name and its text."""
    level = rng.choice(_LEVELS)
    role = rng.choice(list(_ROLES))
    langs_pool, tech_pool = _ROLES[role]
    team = rng.choice(_TEAMS)
    title = " ".join(x for x in (level, role) if x)
    if rng.random() < 0.35:
        title += rng.choice((f", {team}", f" - {team}", f" ({team})"))
    city, country, currency, region = rng.choice(_PLACES)
    workplace = rng.choices(("remote", "hybrid", "onsite"), weights=(4, 4, 2))[0]
    office_days = rng.choice((2, 3, 4)) if workplace == "hybrid" else None
    langs = rng.sample(langs_pool, min(len(langs_pool), rng.choice((1, 2))))
    techs = rng.sample(tech_pool, min(len(tech_pool), rng.choice((2, 3, 4))))
    years = rng.choice((1, 2, 3, 4, 5, 6, 7, 8)) if level != "Junior" else rng.choice((0, 1))
    pay_text, pay_cur, unit, pay_sentence, pay_range = _pay(rng, currency, level)
    suffix = company.split()[-1]
    fill = {
        "company": company, "industry": _INDUSTRY.get(suffix, "software"), "users": rng.choice(_USERS), "team": team,
        "title": title, "lang": langs[0], "lang2": rng.choice(langs_pool), "tech": techs[0], "tech2": techs[-1],
        "cloud": rng.choice(("AWS", "GCP", "Azure")), "year": str(rng.randrange(2008, 2023)),
        "size": str(rng.randrange(20, 900)), "region": region, "series": rng.choice("ABCD"), "teamsize": str(rng.randrange(4, 14)),
    }
    where = {
        "remote": f"This role is fully remote; you can work from anywhere in {region}. We meet in person twice a year.",
        "hybrid": f"This is a hybrid role: {office_days} days a week in our {city} office, the rest from home.",
        "onsite": f"This role is based on-site in our {city} office, five days a week.",
    }[workplace]
    loc_line = {"remote": f"Remote ({country})", "hybrid": f"{city}, {country} (Hybrid)", "onsite": f"{city}, {country}"}[workplace]
    exp = f"{years}+ years of professional software engineering experience." if years else "No professional experience required; we'll teach you."
    sections: list[tuple[str, list[str], bool]] = [  # (kind, lines, bullets?)
        ("about", [" ".join(_sentences(rng, _ABOUT, rng.randrange(3, 6), fill))], False),
        ("role", [" ".join(_sentences(rng, _ROLE_P, rng.randrange(3, 6), fill)), where], False),
        ("duties", _sentences(rng, _DUTIES, rng.randrange(4, 8), fill), True),
        ("reqs", [exp] + _sentences(rng, _REQS, rng.randrange(3, 7), fill), True),
    ]
    if rng.random() < 0.6:
        sections.append(("nice", _sentences(rng, _NICE, rng.randrange(2, 4), fill), True))
    sections.append(("benefits", _sentences(rng, _BENEFITS, rng.randrange(3, 8), fill), True))
    pay_first = rng.random() < 0.3
    pay_block = ("pay", [pay_sentence], False)
    if pay_first:
        sections.insert(2, pay_block)
    else:
        sections.append(pay_block)
    if rng.random() < 0.5:
        sections.append(("where", [where], False))
    slug = f"{company}-{title}".lower()
    slug = "".join(c if c.isalnum() else "-" for c in slug)
    slug = "-".join(p for p in slug.split("-") if p)
    url = f"https://careers.example.com/{slug}-{index:05d}"
    sections.append(("apply", [f"Apply at {url} with your CV; we reply to every application within two weeks."], False))
    if rng.random() < 0.7:
        sections.append(("legal", _sentences(rng, _EEO, rng.randrange(1, 4), fill), False))

    fmt = rng.choices(("md", "html", "txt"), weights=(70, 15, 15))[0]
    file = f"{index:05d}-{slug}.{fmt}"[:120]
    if not file.endswith(f".{fmt}"):
        file = file.rsplit("-", 1)[0] + f".{fmt}"
    headed = [(rng.choice(_HEADINGS[kind]).format(company=company), lines, bullets) for kind, lines, bullets in sections]
    spec = GeneratedPosting(
        file=file, fmt=fmt, company=company, title=title, city=city, country=country, workplace=workplace,
        office_days=office_days, pay_text=pay_text, currency=pay_cur, unit=unit, languages=langs, technologies=techs,
        experience_years=years, pay_range=pay_range,
    )
    render = {"md": _markdown, "html": _html, "txt": _text}[fmt]
    return spec, file, render(spec, headed, loc_line, url)


def _markdown(spec: GeneratedPosting, sections: list[tuple[str, list[str], bool]], loc: str, url: str) -> str:
    out = ["---", f"title: {spec.title}", f"company: {spec.company}", f"location: {loc}", f"url: {url}", f"apply_url: {url}", "---", "",
           f"# {spec.title} — {spec.company}", "", f"{loc} · Full-time", ""]
    for heading, lines, bullets in sections:
        out += [f"## {heading}", ""]
        out += [f"- {line}" for line in lines] if bullets else [p + "\n" for p in lines]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _text(spec: GeneratedPosting, sections: list[tuple[str, list[str], bool]], loc: str, url: str) -> str:
    out = [f"{spec.title}", f"{spec.company} | {loc}", ""]
    for heading, lines, bullets in sections:
        out += [f"{heading.upper()}", ""]
        out += [f"* {line}" for line in lines] if bullets else [p + "\n" for p in lines]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _html(spec: GeneratedPosting, sections: list[tuple[str, list[str], bool]], loc: str, url: str) -> str:
    jsonld: dict[str, object] = {
        "@context": "https://schema.org/", "@type": "JobPosting", "title": spec.title,
        "hiringOrganization": {"@type": "Organization", "name": spec.company},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": spec.city, "addressCountry": spec.country}},
        "employmentType": "CONTRACTOR" if spec.unit in ("hour", "day") else "FULL_TIME",
        "datePosted": "2025-05-12",
    }
    if spec.workplace == "remote":
        jsonld["jobLocationType"] = "TELECOMMUTE"
    if spec.pay_range and spec.currency:
        jsonld["baseSalary"] = {"@type": "MonetaryAmount", "currency": spec.currency, "value": {
            "@type": "QuantitativeValue", "minValue": spec.pay_range[0], "maxValue": spec.pay_range[1], "unitText": (spec.unit or "year").upper()}}
    e = html.escape
    body = [f"<h1>{e(spec.title)}</h1>", f"<ul class=\"meta\"><li>{e(spec.company)}</li><li>{e(loc)}</li></ul>"]
    for heading, lines, bullets in sections:
        body.append(f"<h2>{e(heading)}</h2>")
        if bullets:
            body.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>")
        else:
            body += [f"<p>{e(p)}</p>" for p in lines]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{e(spec.title)} | {e(spec.company)} Careers</title>\n"
        f"<script type=\"application/ld+json\">\n{json.dumps(jsonld, indent=2)}\n</script>\n</head>\n"
        "<body>\n<nav><a href=\"/\">Home</a> <a href=\"/careers\">Careers</a></nav>\n<main>\n"
        + "\n".join(body)
        + f"\n<p><a class=\"apply\" href=\"{e(url)}\">Apply now</a></p>\n</main>\n<footer>&copy; {e(spec.company)}</footer>\n</body>\n</html>\n"
    )


def companies(rng: random.Random, n: int) -> list[str]:
    """n company names, some hiring for several roles (as real boards look)."""
    pool = [f"{a} {b}" for a in _PREFIXES for b in _SUFFIXES]
    rng.shuffle(pool)
    distinct = pool[: max(1, int(n * 0.7))]
    return [distinct[i] if i < len(distinct) else rng.choice(distinct) for i in range(n)]


def generate(dest: Path, n: int = 2000, seed: int = 7) -> list[GeneratedPosting]:
    """Write n postings into ``dest`` (created; existing generated files are overwritten) and return their specs."""
    rng = random.Random(seed)
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    specs: list[GeneratedPosting] = []
    for index, company in enumerate(companies(rng, n)):
        # Re-roll a posting until it is 2-6 KB: the pools make most land there on the first try.
        for _ in range(20):
            spec, file, text = _one(rng, index, company)
            if 2048 <= len(text.encode("utf-8")) <= 6144:
                break
        (dest / file).write_text(text, encoding="utf-8")
        specs.append(spec)
    return specs


def specs_to_json(specs: list[GeneratedPosting]) -> list[dict[str, object]]:
    return [asdict(s) for s in specs]


def specs_from_json(data: list[dict[str, object]]) -> list[GeneratedPosting]:
    return [GeneratedPosting(**d) for d in data]  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic corpus of job postings.")
    parser.add_argument("dest", type=Path)
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    specs = generate(args.dest, args.n, args.seed)
    print(f"wrote {len(specs)} postings to {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
