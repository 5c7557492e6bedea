"""Base salary from free text: amounts as written, never converted, and only from compensation statements.

A wrong salary is worse than none, so an amount must earn its place: it sits in a compensation-like clause
(salary/pay/base/range/rate/OTE..., a pay unit like "/hr" or "a year", or a "💰" header) and nothing near it
says it is something else (stipend, bonus, budget, funding raised, revenue, 401(k) ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...injection import addresses_a_model
from ...models import Salary
from .money import Amount, find_amounts, fold

# ---- where a sentence / clause starts and ends --------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"\n|<p>|(?<=[.!?])\s+(?=[A-Z¡¿*_\[(\"“])|(?<=[.!?])$")
_CLAUSE_BREAK = re.compile(r"\||;|\n|<p>|(?<=[.!?])\s|•|·| \* ")

# ---- what makes a clause about pay -------------------------------------------------------------------------

_POSITIVE = re.compile(
    r"salar|\bpay\b|\bpaid\b|compensation|\bcomp\b|\bbase\b|\brange\b|\brate\b|\bOTE\b|\bwage|\bTC\b|"
    r"hourly|per hour|an hour|annual|per annum|\bgross\b|\bbrutto\b|gehalt|vergütung|pro jahr|"
    r"salaire|rémunération|\bCDI\b|\bfreelance\b|\bCTC\b|\bLPA\b|薪|待遇|招聘|💰|💵|\bearn\b",
    re.IGNORECASE,
)
# words that, next to an amount, say it is not this role's base pay
_NEGATIVE = re.compile(
    r"stipend|bonus|allowance|budget|benefit|reimburs|\bmatch|contribution|\bgrant|fund|raised|\braise\b|"
    r"revenue|valuation|\bvalued|worth|donat|company|companies|customer|users|\bARR\b|investment|investor|"
    r"\bRSUs?\b|stock|shares?\b|options|equity|sign-?on|signing|referral|relocation|learning|education|"
    r"professional development|training|conference|home.?office|internet|commut|transit|parking|gym|"
    r"wellness|lifestyle|vacation|holiday|insurance|\bHSA\b|\bFSA\b|401|pension|retirement|per employee|"
    r"gift|prize|award|fee\b|fine\b|loan|deductible|credit|spend|equipment|setup|set-up|towards|"
    r"to connect|per (?:user|seat|transaction|month per)|donation|sales|contract value|deal|million (?:users|people)",
    re.IGNORECASE,
)
# "Interns are paid a stipend of $4,500 per month": here the stipend *is* the pay
_PAID = re.compile(r"\b(?:are|is|will be|you'll be|you will be|gets?|get) paid\b", re.I)
_CUT_AFTER = re.compile(r"[+➕;|\n]|\.(?=\s|$)|\bplus\b|\band\b|\bwith\b|<p>", re.IGNORECASE)

# ---- pay units ----------------------------------------------------------------------------------------------

_UNIT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("hour", r"/\s?h(?:ou)?r\b|/\s?h\b|per\s+hour|an\s+hour|a\s+hour|hourly|/\s?stunde|pro\s+stunde|de\s+l'heure|/heure|时薪"),
    ("day", r"/\s?day\b|per\s+day|a\s+day\b|day\s+rate|daily\s+rate|/\s?j(?:our)?\b|par\s+jour|/\s?tag\b|pro\s+tag|日薪"),
    ("week", r"/\s?w(?:ee)?k\b|per\s+week|a\s+week\b|weekly"),
    ("month", r"/\s?mo(?:nth)?\b|per\s+month|a\s+month\b|monthly|/\s?monat|pro\s+monat|par\s+mois|/\s?mois|月薪|每月"),
    ("year", r"/\s?y(?:ea)?r\b|per\s+year|a\s+year\b|annual(?:ly)?|per\s+annum|p\.\s?a\b|yearly|/\s?jahr|pro\s+jahr|"
             r"jährlich|brut\s+annuel|par\s+an\b|gross/year|/\s?an\b|年薪"),
)  # fmt: skip
_UNIT_RES = tuple((unit, re.compile(pat, re.IGNORECASE)) for unit, pat in _UNIT_PATTERNS)

_RANGE_GAP = re.compile(
    r"^\s*(?:/\s?(?:hr|hour|h|yr|year|month|mo|day|j)\b\s*)?(?:(?:EUR|USD|GBP)?\s*(?:gross|brutto|net)?\s*)?"
    r"(?:-|–|—|~|to|and|bis|à|a|au|until)\s*(?:up\s+to\s*)?"
    r"(?:(?:min(?:imum)?|mid(?:point)?|max(?:imum)?)\s*:?\s*)?$",
    re.IGNORECASE,
)
# "starts at 3500 €": a floor, so the maximum is unknown
_FLOOR = re.compile(r"(?:starts?|starting)\s+(?:at|from)\s*$|\bfrom\s*$|\bat least\s*$|\bminimum(?: of)?\s*:?\s*$|\bab\s*$|\bà partir de\s*$", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class _Candidate:
    amounts: list[Amount]
    start: int
    end: int
    min: float
    max: float | None
    currency: str | None
    explicit: bool
    unit: str | None
    text: str
    quote: str


def parse_salaries(text: str) -> list[Salary]:
    """Every base-pay statement in ``text``, in order. Amounts as written; unknown parts are None."""
    return [_to_salary(c) for c in _candidates(text)]


def best_salary(text: str) -> Salary | None:
    """The posting's base salary: the first statement, widened over the other ranges in the same currency and
    unit (location-based bands: min of mins, max of maxes), with ``text`` listing them as written."""
    cands = _candidates(text)
    if not cands:
        return None
    _resolve_bare_dollars(cands)
    first = cands[0]
    same = [c for c in cands if c.currency == first.currency and c.unit == first.unit]
    texts: list[str] = []
    seen: set[tuple[float, float]] = set()
    for c in same:
        if (c.min, c.max) not in seen:
            seen.add((c.min, c.max))
            texts.append(c.text)
    floors = any(c.max is None for c in same)
    return Salary(
        min=_num(min(c.min for c in same)),
        max=None if floors else _num(max(c.max for c in same if c.max is not None)),
        currency=first.currency,
        unit=first.unit,
        text="; ".join(texts),
        quote=first.quote,
    )


# ---- internals ----------------------------------------------------------------------------------------------


def _num(v: float) -> float:
    return float(int(v)) if v == int(v) else v


def _to_salary(c: _Candidate) -> Salary:
    return Salary(min=_num(c.min), max=None if c.max is None else _num(c.max), currency=c.currency, unit=c.unit, text=c.text, quote=c.quote)


def _resolve_bare_dollars(cands: list[_Candidate]) -> None:
    """A bare "$" range restated elsewhere with a code ("... Currency: CAD") takes that code."""
    for c in cands:
        if c.currency == "USD" and not c.explicit:
            for other in cands:
                if other.explicit and other.currency and (other.min, other.max) == (c.min, c.max):
                    c.currency, c.explicit = other.currency, True
                    break


def _groups(text: str, amounts: list[Amount]) -> list[list[Amount]]:
    """Chain amounts joined by range connectors ("-", "to", "~", "and", "- MID:")."""
    groups: list[list[Amount]] = []
    for a in amounts:
        if groups:
            prev = groups[-1][-1]
            gap = text[prev.end : a.start]
            if len(gap) <= 24 and _RANGE_GAP.match(fold(gap)[0]):
                groups[-1].append(a)
                continue
        groups.append([a])
    return groups


def _bounds(text: str, pos: int, pattern: re.Pattern[str]) -> tuple[int, int]:
    """(end of the last break before ``pos``, start of the first break at or after it). Both break patterns
    break at every newline, so only ``pos``'s own line is scanned (scanning from the top of the posting for
    every amount was most of the cost of salary extraction)."""
    start = text.rfind("\n", 0, pos) + 1
    for m in pattern.finditer(text, start, pos):
        start = m.end()
    m = pattern.search(text, pos)
    end = m.start() if m else len(text)
    return start, end


def _candidates(text: str) -> list[_Candidate]:
    amounts = find_amounts(text)
    cjk_posting = bool(_CJK.search(text))
    out: list[_Candidate] = []
    for group in _groups(text, amounts):
        cand = _candidate(text, group, cjk_posting)
        if cand is not None:
            out.append(cand)
    return out


def _candidate(text: str, group: list[Amount], cjk: bool) -> _Candidate | None:
    first, last = group[0], group[-1]
    values = [a.value for a in group]
    # "20-30k", "$170-225K": the multiplier written once applies to the whole range
    suffixed = [a for a in group if a.suffix]
    if suffixed and len(suffixed) < len(group):
        mult = suffixed[-1].value / float(_strip_suffix(suffixed[-1]))
        values = [v * mult if not a.suffix and v * mult <= suffixed[-1].value else v for a, v in zip(group, values)]
    currency = next((a.currency for a in group if a.currency and a.explicit), None) or next(
        (a.currency for a in group if a.currency), None
    )
    explicit = any(a.explicit for a in group)
    # the sentence (for the quote) and the clause (for the evidence)
    s_start, s_end = _bounds(text, first.start, _SENTENCE_BREAK)
    s_end = max(s_end, _bounds(text, last.end, _SENTENCE_BREAK)[1])
    c_start, c_end = _bounds(text, first.start, _CLAUSE_BREAK)
    c_end = max(c_end, _bounds(text, last.end, _CLAUSE_BREAK)[1])
    sentence = text[s_start:s_end]
    clause = text[c_start:c_end]
    before = fold(text[max(c_start, first.start - 45) : first.start])[0]
    after_raw = fold(text[last.end : min(len(text), last.end + 60)])[0]
    cut = _CUT_AFTER.search(after_raw)
    after = after_raw[: cut.start()] if cut else after_raw
    line_start = text.rfind("\n", 0, first.start) + 1
    prev_line = _previous_line(text, line_start)

    # "Currency: CAD" on the same line names the currency of bare "$" amounts
    if not explicit:
        m = re.search(r"(?i:currency)\s*:?\s*([A-Z]{3})\b", clause + " " + sentence)
        if m:
            currency, explicit = m.group(1), True
    if currency is None and cjk and suffixed:
        currency, explicit = "CNY", True

    money_like = bool(currency) or bool(suffixed)
    if not money_like:
        return None
    if addresses_a_model(sentence) or addresses_a_model(clause):
        return None
    paid = bool(_PAID.search(before))
    if (_NEGATIVE.search(before) and not paid) or _NEGATIVE.search(after):
        return None
    if any(a.suffix and a.suffix.lower() in ("b", "bn", "billion") for a in group):
        return None

    unit = _unit(after[:40], before) or _unit_in(sentence)
    positive = bool(_POSITIVE.search(clause) or _POSITIVE.search(sentence) or _POSITIVE.search(prev_line))
    two_sided = len(group) > 1
    if not positive:
        # a bare range with a currency and a multiplier/unit reads as pay in a header line ("$170-225K + equity")
        addon = re.match(r"\s*\+?\s*(?:\+|➕|plus)\s*(?:equity|bonus|benefits|share|stock|options)", after_raw, re.I)
        if not (unit or addon or (two_sided and (suffixed or min(values) >= 10_000) and len(clause) < 90)):
            return None
    if cjk and suffixed and unit is None:
        unit = "month"  # Chinese postings quote "20-30k" monthly
    if unit is None:
        unit = _default_unit(values, bool(suffixed))
    lo, hi = min(values), max(values)
    if lo <= 0 or not _plausible(lo, hi, unit):
        return None
    floor = not two_sided and bool(_FLOOR.search(before[-30:]))
    return _Candidate(
        amounts=group,
        start=first.start,
        end=last.end,
        min=values[0] if not two_sided else lo,
        max=None if floor else (values[-1] if not two_sided else hi),
        currency=currency,
        explicit=explicit,
        unit=unit,
        text=text[first.start : _unit_tail(text, last.end)],
        quote=sentence.strip(),
    )


def _unit_tail(text: str, end: int) -> int:
    """Extend "US$54" to "US$54/hr" so ``text`` reads as written."""
    m = re.match(r"\s?/\s?[a-zA-Z]{1,5}\b", text[end : end + 10])
    return end + m.end() if m else end


def _strip_suffix(a: Amount) -> float:
    # value before the multiplier: digits of the written number
    m = re.search(r"\d[\d,.' ’]*", fold(a.text)[0])
    raw = m.group(0).strip() if m else "1"
    raw = raw.rstrip(".,' ’")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    return float(raw.replace(",", ".")) or 1.0


def _previous_line(text: str, line_start: int) -> str:
    """A short line just above ("**COMPENSATION**", "Salary Range:") counts as the amount's context."""
    end = line_start - 1
    hops = 0
    while end > 0 and hops < 6:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line:
            if len(line) <= 60:
                return line
            if not any(a.currency for a in find_amounts(line)):
                return ""
            hops += 1  # another line of the same list of amounts: keep looking for its heading
        end = start - 1
    return ""


def _unit(after: str, before: str) -> str | None:
    for unit, rx in _UNIT_RES:
        m = rx.search(after)
        if m and m.start() <= 25:
            return unit
    for unit, rx in _UNIT_RES:
        if rx.search(before[-30:]):
            return unit
    return None


def _unit_in(sentence: str) -> str | None:
    found = {unit for unit, rx in _UNIT_RES if rx.search(sentence)}
    return found.pop() if len(found) == 1 else None


def _default_unit(values: list[float], suffixed: bool) -> str | None:
    """No unit written: 5-6 digit amounts (or "120k") are yearly salaries; smaller ones stay unknown."""
    if suffixed or min(values) >= 10_000:
        return "year"
    return None


def _plausible(lo: float, hi: float, unit: str | None) -> bool:
    limits = {"hour": (1, 2_000), "day": (10, 20_000), "week": (50, 50_000), "month": (100, 500_000),
              "year": (1_000, 10_000_000), None: (1, 10_000_000)}  # fmt: skip
    low, high = limits[unit]
    return low <= lo and hi <= high and hi >= lo
