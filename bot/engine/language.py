"""Which language a posting is written in, and which spoken languages a question asks about.

Function words decide the written language: a posting has hundreds of them, so counting a few dozen per language
is reliable without a model, and Chinese is told by its script.
"""

from __future__ import annotations

import re

# Spoken languages people ask for, with the names postings in that language use for it ("Deutsch").
LANGUAGES: dict[str, tuple[str, ...]] = {
    "english": ("english", "englisch", "anglais", "inglés", "ingles", "英语"),
    "german": ("german", "deutsch", "deutschkenntnisse", "allemand"),
    "french": ("french", "français", "francais", "französisch"),
    "spanish": ("spanish", "español", "espanol", "spanisch"),
    "dutch": ("dutch", "nederlands", "niederländisch"),
    "portuguese": ("portuguese", "português", "portugues"),
    "italian": ("italian", "italiano"),
    "polish": ("polish", "polski"),
    "chinese": ("chinese", "mandarin", "cantonese", "中文", "普通话"),
    "japanese": ("japanese", "日本語"),
    "lithuanian": ("lithuanian", "lietuvių"),
}
_CODES = {"english": "en", "german": "de", "french": "fr", "spanish": "es", "dutch": "nl", "portuguese": "pt", "chinese": "zh"}
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and to of you we with for our in is are will your this that be on as".split()),
    "de": frozenset("und der die das wir mit für du sie ist bei ein eine nicht auf dich dein deine zu den von".split()),
    "fr": frozenset("le la les et des nous vous pour avec une est du au dans sur votre vos un".split()),
    "es": frozenset("el los las y para con una que del en por su sus es un como".split()),
    "nl": frozenset("het een en van wij voor met je jouw ons onze is zijn op".split()),
    "pt": frozenset("o os as e para com uma você que do da em um no na".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def written_language(text: str) -> str:
    """ISO 639-1 code of the language most of ``text`` is written in ("en" when it can't tell)."""
    sample = text[:20000]
    if len(_CJK.findall(sample)) > 200:
        return "zh"
    counts = {code: 0 for code in _FUNCTION_WORDS}
    for w in _WORD.findall(sample.lower()):
        for code, fw in _FUNCTION_WORDS.items():
            if w in fw:
                counts[code] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] > 1.3 * counts["en"] else "en"


def language_code(name: str) -> str | None:
    return _CODES.get(name)


_NAMES = "|".join(LANGUAGES)
# "jobs where I'd need to speak German", "German-speaking roles", "fluent French required"
SPOKEN_ASK = re.compile(
    rf"\b(?:speak|speaks|speaking|fluent|fluency|native|proficien\w*|knowledge of|command of)\s+(?:in\s+)?({_NAMES})\b|"
    rf"\b({_NAMES})[- ](?:speaking|speaker|speakers|fluency|skills|language|proficiency)\b|"
    rf"\b({_NAMES})\s+(?:is\s+)?(?:required|needed|a must|mandatory)\b"
)
# "which postings aren't in English?", "postings written in French"
WRITTEN_ASK = re.compile(
    rf"\b(?:not|n't|non|isn't|aren't)[- ]?(?:written |posted )?(?:in )?english\b|\bnon[- ]english\b|\bin a language other than english\b|"
    rf"\b(?:written|posted|published)\s+in\s+({_NAMES})\b|\b(?:postings?|ads?|descriptions?|listings?)\s+in\s+({_NAMES})\b"
)
# A sentence that asks for a spoken language: the name next to words about speaking it.
_SKILL_WORDS = re.compile(
    r"\b(?:fluent|fluency|fluently|speak\w*|native|proficien\w*|written|verbal|spoken|business|professional|skills?|"
    r"language|level|kenntnisse|sprachkenntnisse|verhandlungssicher|fließend|flie(?:ss|ß)end|c1|c2|b1|b2|courant|maîtrise)\b", re.I)


_NOT_REQUIRED = re.compile(r"\bnot (?:required|needed|necessary|a must|mandatory)\b|\boptional\b|\bnice to have\b|\ba plus\b|"
                           r"\bwelcome\b|\bbonus\b|\bno need\b|\bdon't need\b|\bdo not need\b", re.I)


def asks_for_language(sentence: str, language: str) -> bool:
    """Whether a sentence requires the spoken language (a language that is "welcome but not required" is not)."""
    names = LANGUAGES.get(language, (language,))
    low = sentence.lower()
    if _NOT_REQUIRED.search(sentence):
        return False
    if not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", low) for n in names):
        return False
    return bool(_SKILL_WORDS.search(sentence)) or any(n in low for n in names[1:])


__all__ = ["LANGUAGES", "SPOKEN_ASK", "WRITTEN_ASK", "written_language", "language_code", "asks_for_language"]
