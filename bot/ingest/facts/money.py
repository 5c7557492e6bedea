"""Every money amount and bare number in a text, with its span, currency and value.

Shared by the salary parser and the LLM answer verifier ("every number in the answer appears in a cited
source"), so it is deliberately permissive: it finds numbers; deciding which one is a salary is salary.py's job.

Text is first *folded* (markdown emphasis ``*``/``_`` and backslash escapes removed, non-breaking spaces made
plain) so that ``**US$** **35/hr**`` reads as ``US$ 35/hr``; spans are mapped back to the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Symbols and codes -> ISO 4217. "$" alone is USD but flagged as not explicit (see Amount.explicit).
_SYMBOLS = {
    "US$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "HK$": "HKD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₪": "ILS",
    "zł": "PLN",
    "元": "CNY",
}
CODES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "PLN", "CHF", "SGD", "HKD", "CNY", "RMB", "INR", "JPY", "BRL",
    "MXN", "SEK", "NOK", "DKK", "CZK", "ILS", "ZAR", "RON", "HUF", "UAH", "TRY", "ARS", "COP", "CLP", "PHP",
)  # fmt: skip
_CODE_ALIASES = {"RMB": "CNY"}

_SYM_RE = r"US\$|CA\$|C\$|AU\$|A\$|NZ\$|S\$|HK\$|R\$|\$|€|£|¥|₹|₪"
_CODE_RE = "|".join(CODES)
_NUM_RE = (
    r"\d{1,3}(?:(?P<gsep>[,.'’ ])\d{3})(?:(?P=gsep)\d{3})*(?:[.,]\d{1,2}(?!\d))?"
    r"|\d+(?:[.,]\d{1,2}(?!\d))?"
)


def _amount_re(group_seps: str) -> re.Pattern[str]:
    num = _NUM_RE.replace("[,.'’ ]", group_seps)
    return re.compile(
        r"(?<![\w.,])"
        r"(?:(?P<pcode>" + _CODE_RE + r")\s?(?:(?P<psym1>" + _SYM_RE + r")\s?)?|(?P<psym>" + _SYM_RE + r")\s?)?"
        r"(?P<num>" + num + r")"
        r"(?P<suf>\s?(?:million|billion|thousand|mio\.?|Mio\.?|mn|bn)\b|(?<=\d)[kKmMbB](?![a-zA-Z0-9]))?"
        r"(?:\s?(?P<xcode>" + _CODE_RE + r")\b|\s?(?P<xsym>€|£|zł|元|¥|\$(?!\d)))?",
    )


_AMOUNT_RE = _amount_re("[,.'’ ]")
_AMOUNT_NOSPACE_RE = _amount_re("[,.'’]")
_SUFFIX = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mio": 1e6, "mn": 1e6, "b": 1e9, "billion": 1e9,
           "bn": 1e9}  # fmt: skip
_CURRENCY_NEAR_RE = re.compile(r"(?:" + _SYM_RE + r"|€|£|zł|元|\b(?:" + _CODE_RE + r")\b)")


@dataclass(frozen=True)
class Amount:
    """A number as found: ``start``/``end`` index the original text, ``text`` is it as written.

    ``currency`` is the ISO code when a symbol or code is attached; ``explicit`` is False when it was only a
    bare "$" (which other evidence, e.g. "Currency: CAD", may override). ``suffix`` is the multiplier
    letter/word as written ("k", "M") or None; ``value`` already includes it.
    """

    start: int
    end: int
    text: str
    value: float
    currency: str | None
    explicit: bool
    suffix: str | None
    has_symbol: bool


_DROP = re.compile(r"[*_]|\\(?=[\W_])")  # emphasis marks, and a backslash escaping a non-alphanumeric
_SPACES = str.maketrans("\u00a0\u202f\u2009", "   ")


def fold(text: str) -> tuple[str, list[int]]:
    """Drop markdown emphasis and escapes; return the folded text and, per folded char, its original index.

    Copies the runs between dropped characters in slices (a per-character loop cost milliseconds per posting)."""
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _DROP.finditer(text):
        start = m.start()
        if start > pos:
            out.append(text[pos:start])
            index.extend(range(pos, start))
        pos = m.end()
    out.append(text[pos:])
    index.extend(range(pos, len(text)))
    index.append(len(text))
    folded = "".join(out)
    if "\u00a0" in folded or "\u202f" in folded or "\u2009" in folded:
        folded = folded.translate(_SPACES)
    return folded, index


def _value(num: str, gsep: str | None) -> float:
    if gsep:
        grouped = re.match(r"\d{1,3}(?:" + re.escape(gsep) + r"\d{3})+", num)
        assert grouped is not None
        digits = grouped.group(0).replace(gsep, "")
        decimal = num[grouped.end() + 1 :]
        return float(f"{digits}.{decimal}" if decimal else digits)
    return float(num.replace(",", "."))


def _matches(folded: str):
    """Regex matches, except that "in 2 000 cities" is two numbers: a space only groups thousands when a
    currency is attached (or on the other end of a range: "181 000 - 271 000 PLN")."""
    pos = 0
    while True:
        m = _AMOUNT_RE.search(folded, pos)
        if m is None:
            return
        if m.group("gsep") == " " and not _has_currency_near(folded, m):
            m = _AMOUNT_NOSPACE_RE.match(folded, m.start()) or m
        yield m
        pos = m.end()


def _has_currency_near(folded: str, m: re.Match[str]) -> bool:
    if m.group("pcode") or m.group("psym") or m.group("xcode") or m.group("xsym"):
        return True
    tail = folded[m.end() : m.end() + 30]
    return bool(re.match(r"\s?(?:-|–|—|~|to|and|bis)\s?", tail) and _CURRENCY_NEAR_RE.search(tail))


def find_amounts(text: str) -> list[Amount]:
    """Every number in ``text`` (money or not), left to right, with spans into the original ``text``."""
    folded, index = fold(text)
    out: list[Amount] = []
    for m in _matches(folded):
        num = m.group("num")
        value = _value(num, m.group("gsep"))
        suf_raw = (m.group("suf") or "").strip()
        if suf_raw:
            key = suf_raw.lower().rstrip(".")
            if num == "401" and key == "k":  # 401(k) retirement plan, never money
                suf_raw = ""
            else:
                value *= _SUFFIX.get(key, 1.0)
        currency, explicit, has_symbol = _currency(m.groupdict())
        start, end = index[m.start()], index[m.end() - 1] + 1
        out.append(
            Amount(
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                currency=currency,
                explicit=explicit,
                suffix=suf_raw or None,
                has_symbol=has_symbol,
            )
        )
    return out


def _currency(groups: dict[str, str | None]) -> tuple[str | None, bool, bool]:
    code = groups.get("xcode") or groups.get("pcode")
    sym = groups.get("psym") or groups.get("psym1") or groups.get("xsym")
    has_symbol = bool(code or sym)
    if code:
        return _CODE_ALIASES.get(code, code), True, has_symbol
    if sym:
        iso = _SYMBOLS[sym]
        return iso, sym != "$", has_symbol
    return None, False, has_symbol


def normalize_number(token: str) -> float | None:
    """The value of one written number ("155,000", "€80.000", "$120k"), or None if it is not one."""
    found = find_amounts(token)
    return found[0].value if len(found) == 1 else None
