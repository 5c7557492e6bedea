"""How a list question's words divide into what it asks for and how it asks.

"Which roles involve machine learning?" asks for "machine learning"; "which", "roles" and "involve" only say it is
a list. These tables and helpers decide which words are the criterion, which name a kind of role or a place, and
which are talk around a filter, so the engine can look the criterion up in titles or text.
"""

from __future__ import annotations

import re

from .text import STOPWORDS, normalize, stem, words

LIST_WORDS = frozenset(
    """
    which what any anything anyone who whose list show roles role jobs job positions position openings opening
    postings posting companies company ones one hiring hire hired got open available currently now do does we you
    have there is are mention mentions mentioning mentioned say says talk reference references at all gig gigs
    dev devs people person someone looking for want wants need needs require requires something vacancy vacancies
    work working team teams give me find search
    """.split()
)
ALL_ROLES = re.compile(r"\b(?:all|every|open|what|which|list)\b.*\b(?:roles|jobs|positions|openings|postings)\b|\blist\b")

# "go" in lower case is the verb unless it stands next to another language or a role noun ("go or rust roles?").
GO_AS_LANGUAGE = re.compile(
    r"\bgo\s*(?:/|,|\bor\b|\band\b)\s*(?:rust|python|java|kotlin|elixir|ruby|scala|typescript|c\+\+|c#|node)\b|"
    r"\b(?:rust|python|java|kotlin|elixir|ruby|scala|typescript|c\+\+|c#|node)\s*(?:/|,|\bor\b|\band\b)\s*go\b|"
    r"\bgo\s+(?:roles?|jobs?|positions?|developers?|devs?|engineers?|engineering|backend|services?|code|experience|shops?|openings?|gigs?)\b",
    re.I,
)


# Words that carry how a list question asks, not what it asks for ("which roles involve machine learning?").
ASKING_WORDS = frozenset(
    """involve involves involving include includes including come comes coming with offer offers offering provide
    provides providing give gives allow allows let lets expect expects ask asks asking require
    requires required requiring need needs needed use uses using used deal deals touch touches focus focused focuses
    list lists listed mention mentions mentioned mentioning say says said talk talks reference references where
    you'd youd you'll i'd id be being do doing done get gets getting have having has would will could should can
    kind kinds sort type types some other else more roles role jobs job positions position openings opening postings
    posting gigs gig companies company ones one people someone somebody anyone folks""".split()
)
ROLE_NOUNS = (r"(?:roles?|jobs?|openings?|positions?|gigs?|vacanc(?:y|ies)|engineers?|developers?|designers?|managers?|analysts?|"
               r"scientists?|testers?|consultants?|architects?|specialists?|administrators?|admins?|writers?|recruiters?|marketers?)")
ROLE_KIND = re.compile(rf"\b([\w+#.-]+) {ROLE_NOUNS}\b")
LOCATION_CONTEXT = re.compile(r"\b(?:offices?|based|located|locations?|hire in|hiring in|countries|headquarter\w*|relocat\w*|cities|remote)\b", re.I)


ROLE_NOUN_AFTER = re.compile(rf"\s+{ROLE_NOUNS}\b")


def names_role_kind(q: str) -> bool:
    """"any QA tester openings?": a word that is no list or asking word right before a role noun."""
    text = normalize(q)
    return bool(HIRING.search(text)) or any(m.group(1) not in STOPWORDS and m.group(1) not in LIST_WORDS and m.group(1) not in TEXT_VERBS
                                             for m in ROLE_KIND.finditer(text))


HIRING = re.compile(r"\b(?:hiring|hire|hires|recruiting|recruit)\b")  # "are we hiring any nurses?" asks for a kind of role
PLACE_ASK = re.compile(r"\b(?:in|near|around|based in|out of|located in)\s+(?:the\s+)?[\w .'-]+\??\s*$")
# Words that say how much or how good, not what: never a criterion of their own.
VAGUE = frozenset("""good great nice cool best top well really actually currently right now still real decent solid interesting
    fun exciting big small large lot lots place places folks friendly shop shops actual actually number numbers exact
    anywhere somewhere everywhere stuff things thing even already certain overall min explicitly explicit title titles
    just only really specifically literally main mainly primary primarily normal usual puts put hand hands handing gives
    give giving offers offer offering provides provide salaried owned backed run rate rates hard strict engagement engagements
    arrangement arrangements back backs provided included offered given name names named rest check ie everyone everybody
    together corpus stage stages step steps counts whole rule rules ruled ruling toward towards yourself myself next soon later there spot spots early promise promises promised posts""".split())
# Words list filters are asked in ("yearly base over $150k", "near Munich", "home office setup"): never leftovers.
FILTER_TALK = frozenset("""yearly annual annually hourly monthly daily weekly base salary salaries pay paying paid money
    near nearby around close within outside inside setup set-up set plus top bottom band range ranges usd eur gbp cad per
    hour hours day days week weeks month months year years over under above below least most more less than based
    located living live moving move perks perk options option package stipend budget allowance policy plan plans
    level levels experience exp yoe language languages written speak speaking require required requirement pass card
    cover covers covered steps step process unlimited membership memberships closing close closes date dates deadline
    deadlines due match matching matched contribution contributions goes go going hits hit reach reaches tops zero one two three four five six seven eight nine
    ten twelve twenty thirty""".split())
# Verbs that ask about the work, not the title: "roles that involve machine learning" reads the text.
TEXT_VERBS = frozenset("involve involves involving include includes need needs require requires use uses using want wants ask asks expect expects deal touch touches".split())
# Phrases whose first word is a stopword elsewhere: kept whole ("open source", "on call").
KEPT_PHRASES = re.compile(r"\b(?:open[- ]source|on[- ]call|full[- ]stack|front[- ]end|back[- ]end|real[- ]time|part[- ]time|full[- ]time)\b")


def criterion_words(q: str) -> list[str]:
    """The words a list question's criterion is made of, in order."""
    text = normalize(q)
    kept = [m.group(0).replace(" ", "-") for m in KEPT_PHRASES.finditer(text)]
    text = KEPT_PHRASES.sub(" ", text)
    out = [w for w in words(text) if w not in STOPWORDS and w not in LIST_WORDS and stem(w) not in LIST_WORDS
           and w not in ASKING_WORDS and w not in VAGUE and len(w) > 1]
    for phrase in kept:
        out += [p for p in phrase.split("-") if p]
    return list(dict.fromkeys(out))


def only_criterion(via: list[str], q: str) -> bool:
    """Whether every word a title link was made by is part of a list question's criterion, not a name."""
    crit = {stem(w) for w in criterion_words(q)}
    return all(stem(w) in crit for v in via for w in words(v))
