"""Questions over all postings ("which roles are fully remote?", "anything paying over $150k?", "who wants Rust?").

They are answered from every posting's structured facts, never from top-k chunks: a list built from the eight
best passages silently drops the ninth matching role. A question is parsed into a ``ListFilter``; each posting
is matched against it and cited with the fact quote that made it match. Salaries are compared only within the
same currency and a comparable unit; nothing is converted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from ..models import PostingRecord, Salary
from .context import ListFilter
from .intents import fix_typos
from .language import SPOKEN_ASK, WRITTEN_ASK, language_code
from .text import NUMBER_WORDS, expand_abbreviations, normalize, stem, words
from .topics import Topic, asks_negative, topics_asked

# --- list cues ------------------------------------------------------------------------------------------------

_LIST_CUE = re.compile(
    r"^\s*(?:which|any|anything|anyone|list|show|are there|is there|do we have|do you have|got any|got anything|"
    r"all|roles|jobs|positions|openings|postings|companies|give me|find|search|looking for|i'm looking for)\b"
    r"|\b(?:anywhere|anyone|anybody)\s*(?:[?.!]*\s*$|\?)|^\s*whose\b|^\s*whos\b|^\s*who\s+(?!is\b|was\b|does\b)[a-z]+s\s+(?:in|with|on)\b|^\s*what(?:'ve| have)\s+(?:we|you)\s+got\b|^\s*who(?:'ll|'d| will| would)\b|^\s*(?:hiring|recruiting)\b|\bhiring an?\b|^\s*where (?:would|will|could|can|should|might) (?:i|you|we|someone) (?:be|work|go|live)\b(?![^?]*\b(?:for|at|with) the\b)|^\s*who(?:'s| has| have)\s+got\b|"
    r"^(?!\s*(?:is|are|does|do|did|can|could|will|would|what|how|where|when|who|which|should)\b)[^?]{0,40}\b(?:work|gigs?|opportunities)\s*[?.!]*\s*$|"
    r"\b(?:best|highest|top)[- ](?:paying|paid)\b|\bhighest (?:salary|pay|paying)\b|\bpays? the most\b|"
    r"^\s*what(?:'s| has| have)?\s+(?:got |been |was |were |just )?(?:posted|published|added|opened|listed|went up)\b|\b(?:we|you|they|y'?all) (?:hiring|recruiting)\b|\b(?:we|you) got (?:any|anything)\b|^\s*anywhere\b|\bhiring (?:any|for)\b"
    r"|^\s*who\s+(?:wants?|needs?|mentions?|uses?|pays?|offers?|is hiring|hires|asks|requires|lists|quotes|is looking|"
    r"can|will|could|would|does|do|helps?|gives?|provides?|covers?|runs?|builds?|works?|writes?|sponsors?|allows?|lets?|expects?|"
    r"puts?|matches|funds?|contributes?|hands?|throws?|feeds?|supports?|includes?|has|have)\b(?! (?:the|this|that) (?:role|job|posting|gig)\b)"
    r"|^\s*where(?:'s| is| are|'re)\s+[\w+#. -]{1,30}?\s+(?:mentioned|used|listed|asked for|wanted|required|needed|on offer|offered|available|uncapped|unlimited|allowed|covered|"
    r"included|provided)\b"
    r"|^\s*where (?:do|does|will|would|can) (?:they|you|companies|employers|i get)\b(?![^?]*\b(?:the|this|that) (?:role|job|gig|position)\b)"
    r"|^\s*who(?:'s| is|'re| are)\s+(?:using|running|on|building|writing|working|doing|into|big on|all in on|okay with|fine with|ok with)\b"
    r"|^\s*(?:what|how many)\s+(?:other\s+|open\s+|remote\s+)?(?:roles|jobs|positions|openings|postings|companies|ones)\b"
    r"|\b(?:which|any|all|other|what) (?:\w+ ){0,3}(?:roles|jobs|positions|openings|postings|posts|ones|companies|titles|listings|employers|internships|apprenticeships|gigs|contracts)\b"
    r"|\bevery (?:\w+ )?(?:posting|role|job|position|opening|listing|company|employer|one|post)\b"
    r"|^\s*who (?:on|in|among|of) (?:our|the|this|these) (?:list|openings|roles|postings|jobs|set|corpus)\b"
    r"|\bany (?:role|job|posting|position|opening|company|gig)s? (?:where|that|which|with|for)\b"
    r"|\b(?:can|could|do|does|are|will) any (?:of (?:these|them|those|the (?:roles|jobs|postings|openings)))\b|^\s*who (?:says?|states?|claims?)\b"
    r"|\b(?:roles|jobs|positions|openings|postings|companies)\s+(?:in|that|which|with|where|paying|offering|for|based)\b"
    r"|\b(?:roles|jobs|positions|openings|postings|gigs|internships|shops|employers|companies)\s*[?.!)]*\s*$"
    r"|\b(?:gigs|roles|jobs)\?"
    r"|^\s*(?:[\w+#.'/-]+\s+){0,4}(?:roles|jobs|positions|openings|gigs|postings|vacancies|stuff|shops|ones)\b(?!\s+(?:is|are)\s+(?:the|this|that)\b)"
    r"|^\s*what(?:'s| is| else is)?\s+(?:open|available|out there|on offer|going)\b"
    r"|^\s*(?:what|anything)\s+(?:is\s+)?(?:there\s+)?(?:open\s+)?(?:in|at|near|around|for|based in|out of)\s"
    r"|^\s*who(?:'s| is|'re| are)\s+(?:hiring|looking|recruiting|paying|offering|open to|accepting)\b"
    r"|^\s*what(?:'s| is| are|'re)\s+(?:hiring|recruiting)\b"
    r"|^\s*(?:who|which companies|what companies)\s+(?:hire|hires|recruit|recruits|sponsor|sponsors|provides?|gives?|covers?|includes?|supports?)\b"
)
_MENTION = re.compile(r"\b(?:mention|mentions|mentioning|mentioned|say|says|talk about|reference|references)\b")
# "which roles offer relocation?": a perk asked for by a verb, looked up in the postings' text like a mention.
_OFFER_CUE = re.compile(r"\b(?:offer|offers|offering|provide|provides|providing|support|supports|cover|covers|include|includes)\b")

# --- filter vocab ----------------------------------------------------------------------------------------------

_WORKPLACE = (
    ("remote", re.compile(r"\b(?:fully remote|100% remote|remote[- ]first|remote|work from home|wfh|from home|(?:work|working|live|living) from anywhere|"
                          r"(?:fully )?distributed (?:team|teams|company|companies|workforce)|fully distributed)\b")),
    ("hybrid", re.compile(r"\bhybrid\b")),
    # "in-office every day", "full-time in the office": the whole week in the office is on-site, not hybrid
    ("onsite", re.compile(r"\b(?:on[- ]?site|fully in[- ]office|five days (?:a|per) week in|"
                          r"in[- ]?(?:the )?office (?:every day|daily|full[- ]time|all week|every weekday)|"
                          r"(?:every day|daily|full[- ]time|all week) in (?:the )?office|no remote|not remote at all|"
                          r"(?:in[- ]person|in[- ]office|in the office|office)[- ]only|only in[- ](?:person|office)|fully in[- ]person)\b")),
    ("office", re.compile(r"\b(?:in[- ]office|in the office|in[- ]person|(?<!home )(?<!home-)offices?)\b")),  # not "home office"
)
_ALL_OFFICE = re.compile(r"\b(?:zero|0|without any) remote(?: days?| work)?\b|\bno remote days?\b|\bfully in[- ](?:office|person)\b|"
                         r"\b(?:rule|rules|ruling|ruled) out (?:remote|wfh|working from home)\b|\b(?:zero|no|0) (?:wfh|work from home|working from home)\b|"
                         r"\bbutt[- ]in[- ](?:the[- ])?seat\b|\bevery single (?:week)?day\b|"
                         r"\bin[- ]?(?:the )?office (?:every day|daily|all week|every weekday)\b|\b(?:every day|daily|all week) in (?:the )?office\b")
_NOT_REMOTE = re.compile(r"\b(?:not|non|isn't|aren't|never|no)[- ]?(?:just |only |fully |100% )?['\"‘“]?remote\b")
# "(city or germany-remote)": either workplace will do, so the word asks no workplace
_EITHER_WORKPLACE = re.compile(r"\b((?:city|office|on-?site|in[- ]person)\s+or\s+(?:[a-z]+[- ])?)remote\b|\bremote((?:[- ][a-z]+)?\s+or\s+(?:an? |in an? )?(?:city|office)\b)")
_REMOTE_OR_HYBRID = re.compile(r"\bremote\s*(?:or|/|and|&)\s*hybrid\b|\bhybrid\s*(?:or|/|and|&)\s*remote\b")
_OFFICE_DAYS = re.compile(r"\b(\d|one|two|three|four|five)\s*(?P<more>\+|or more|plus|or (?:fewer|less))?\s*(?:office\s+|in-office\s+)?(?:days?|x)\s*(?:a|per|each|/)?\s*week\b|"
                          r"\b(\d|one|two|three|four|five) (?:office )?days\b")

_EMPLOYMENT = (
    ("INTERN", re.compile(r"\b(?:intern|interns|internship|internships|apprentice|apprenticeship|apprenticeships|co-?op|"
                          r"students?|still (?:in|at) (?:school|university|college))\b")),
    ("CONTRACTOR", re.compile(r"\b(?:contract|contracts|contractor|contractors|freelance|freelancer|b2b|1099)\b")),
    ("PART_TIME", re.compile(r"\bpart[- ]?time\b")),
    ("TEMPORARY", re.compile(r"\b(?:temporary|temp|fixed[- ]term)\b")),
    ("FULL_TIME", re.compile(r"\bfull[- ]?time\b")),
)
_SENIORITY = (
    ("intern", re.compile(r"\b(?:intern|interns|internship|internships)\b")),
    ("junior", re.compile(r"\b(?:junior|juniors|entry[- ]level|(?:new|recent|fresh) grads?|graduates?|jr|early[- ]career|beginners?|"
                          r"(?:little|no|zero) (?:real |prior |professional )?experience|(?:fresh|straight) out of (?:school|college|uni\w*|a bootcamp))\b")),
    ("senior", re.compile(r"\b(?:senior|sr)\b")),
    ("staff", re.compile(r"\bstaff\b")),
    ("principal", re.compile(r"\bprincipal\b")),
    ("lead", re.compile(r"\b(?:lead|tech lead|leadership|leaders?)\b")),
    ("manager", re.compile(r"\b(?:manager|managers|management|managerial|leadership|people leaders?|direct reports|"
                           r"manage (?:people|a team|teams|engineers|others)|managing (?:people|a team|teams|engineers))\b")),
    ("director", re.compile(r"\b(?:director|directors|leadership)\b")),
)
_UNITS = (
    ("hour", re.compile(r"\b(?:by the hour|per hour|an hour|hourly|/ ?h(?:ou)?r)\b")),
    ("day", re.compile(r"\b(?:by the day|per day|a day(?! off)|daily rate|day rate)\b")),
    ("week", re.compile(r"\b(?:pay|pays|paid|paying|salary|rate|wage)\b[^?]{0,30}\b(?:per week|a week|weekly)\b|\bweekly (?:pay|rate|wage)\b")),
    ("month", re.compile(r"\b(?:per month|a month|monthly|by the month|/ ?mo(?:nth)?)\b")),
    ("year", re.compile(r"\b(?:per year|a year|annual(?! leave| holidays?| vacation| pto)|annually|yearly|per annum|/ ?yr)\b"
                        r"(?! (?:budget|stipend|allowance|bonus|learning|training|leave|holidays?|pto|vacation))")),
)
_CURRENCY_WORDS = {
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us$": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    "cad": "CAD", "c$": "CAD", "ca$": "CAD", "chf": "CHF", "aud": "AUD", "nzd": "NZD", "pln": "PLN", "inr": "INR",
    "canadian dollar": "CAD", "canadian dollars": "CAD", "australian dollar": "AUD", "australian dollars": "AUD",
    "aussie dollars": "AUD", "nz dollars": "NZD", "new zealand dollars": "NZD", "sterling": "GBP", "quid": "GBP",
    "cny": "CNY", "rmb": "CNY", "yuan": "CNY", "renminbi": "CNY", "zloty": "PLN", "złoty": "PLN", "swiss francs": "CHF",
    "francs": "CHF", "rupees": "INR", "us dollars": "USD", "us-dollar": "USD", "us-dollars": "USD", "american dollars": "USD",
}  # fmt: skip
# A currency named as the ask ("any roles in euros?", "paid in sterling") is a pay filter even without "pay".
_CURRENCY_CUE = re.compile(
    r"\b(?:in|with|using)\s+(?:\w+\s+)?(?:euros?|pounds?|sterling|quid|dollars?|usd|eur|gbp|cad|aud|nzd|chf|pln|inr|cny|"
    r"yuan|rmb|zloty|francs|rupees)\b"
)
# "which roles don't list pay?", "jobs with no salary info", "postings without a range"
_NO_PAY = re.compile(
    r"\b(?:don't|dont|do not|doesn't|doesnt|does not|didn't|without|no|not|never|missing|lacking|hide|hides|omit\w*)\b"
    r"[^?.!]{0,25}?\b(?:pay|salary|salaries|compensation|comp|range|ranges|rate|rates|numbers|figures?)\b"
)
_MONEY = re.compile(
    r"(?P<cmp>under|below|less than|lower than|no more than|at most|up to|maximum|max\.?|south of|<=?|"
    r"over|above|more than|greater than|at least|minimum|min\.?|upwards of|north of|>=?|paying|pays|pay|from|starting at)?\s*"
    r"(?P<cur1>us\$|ca\$|c\$|\$|€|£|usd|eur|gbp|cad|chf|aud|nzd|pln)?\s?(?P<num>\d[\d,.]*)\s?(?P<k>k|thousand|m|million)?\b\s*"
    r"(?P<cur2>usd|eur|gbp|cad|chf|aud|nzd|pln|dollars?|euros?|pounds?)?",
)
_PAY_FILTER_CUE = re.compile(r"\b(?:pay|pays|paying|salary|salaries|compensation|comp|earn|make|over|above|more than|at least|upwards|north of|band|range|tops? out|base|"
                             r"under|below|less than|at most|south of)\b|[$€£]")
_UNDER = re.compile(r"under|below|less|lower|no more|at most|up to|max|south|<")

# "which companies have fewer than 50 people?", "startups under 100 employees", "more than 1,000 staff"
_HEADCOUNT_ASK = re.compile(r"\b(?P<cmp>fewer than|less than|under|below|smaller than|at most|more than|over|above|bigger than|larger than|at least)\s+"
                            r"(?P<n>\d[\d,]*)\s*(?:people|employees|staff|persons|folks|headcount|person)\b")
_LEAVE_ASK = re.compile(r"\b(\d{1,2})\s*\+?\s*(?:or more\s+)?(?:working\s+|paid\s+)?days?\s+(?:of\s+)?(?:paid\s+)?(?:holidays?|vacation|pto|annual leave|leave|time off|off)\b")
# "four months or more", "16+ weeks", "at least 16 weeks" of parental leave
_PARENTAL_AT_LEAST = re.compile(
    r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen|twenty)\s*(?:\+\s*(?P<unit3>weeks?|months?)\b|"
    r"(?P<unit>weeks?|months?)\b(?=\s*(?:\+|or more|or longer|plus|minimum)|[^?]{0,3}$))|"
    r"\b(?:at least|minimum(?: of)?|over|more than|up to)\s+(?P<n2>\d{1,2}|one|two|three|four|five|six|twelve|sixteen|twenty)\s*(?P<unit2>weeks?|months?)\b")
_APPLY_EMAIL_ASK = re.compile(r"\b(?:apply|applying|application|send|sending)\b[^?]{0,40}\b(?:by|via|through|over|with an?|just)?\s*e-?mail(?:ing)?\b|\be-?mail(?:ing)? (?:my |your |a |the )?(?:cv|resume|résumé|application)\b")
_NOT_MONEY_AFTER = re.compile(r"\s*\+?\s*(?:(?:-|–|to)\s*\d+\s*)?(?:years?|yrs?|yoe|days?|weeks?|months?|hours?|hrs?|people|person|employees|%|percent)\b")
# "at least 5 years", "8+ years", "someone with 2 years", "0-2 years of experience" ("the years given" is never echoed)
_YEARS_ASK = re.compile(
    r"(?:(?P<who>\b(?:with|have|having|got|i've got|i have|only)\s+(?:only\s+|just\s+|about\s+|around\s+)?)|"
    r"(?P<cmp>\b(?:at least|more than|over|minimum|min\.?|less than|under|fewer than|up to|at most|no more than|maximum|max\.?)\s+))?"
    r"(?P<n>\d{1,2})\s*(?:(?:-|–|to)\s*(?P<m>\d{1,2})\s*)?\+?\s*(?:(?P<orless>or (?:less|fewer|under|below)\s+)|or (?:more|above|greater|over)\s+)?(?:years?|yrs?|yoe)\b"
)
_OR_LESS = re.compile(r"\s*(?:of\s+)?(?:experience\s+|exp\s+)?(?:or (?:less|fewer|under|below|lower)|max\b|at most|tops)")
_YEARS_UNDER = ("less than", "under", "fewer than", "up to", "at most", "no more than", "maximum", "max", "max.")
_DEADLINE_ASK = re.compile(r"\b(?:clos(?:e|es|ing)|deadlines?|due|apply by|applications? (?:end|ends)|valid (?:until|through)|expir\w*)\b")
_NOT_IN = re.compile(r"(?:n't (?:living |being |based |located )?in|\b(?:without (?:living|being|moving|relocating)|not (?:living |being |based |located )?in|"
                     r"outside(?: of)?|except|excluding|other than|non-?))\s*(?:in\s+)?(?:the\s+)?$")
# "in <words>" closing a list question: a place, when nothing else reads those words
_UNKNOWN_PLACE = re.compile(r"\b(?:in|near|around|based in|located in)\s+(?:the\s+)?([a-z][a-z .'-]{2,30}?)\s*[?.!]*\s*$")
_NOT_A_PLACE = frozenset("""general particular total person office house advance mind future past field industry tech team teams
    engineering backend frontend product data design finance fintech healthcare health education security infra infrastructure
    stack code python java go rust ruby english german french spanish dutch remote hybrid hand hands charge time months years
    weeks days general addition short it this that them those these any all some the a an title titles name names description
    process interview interviews loop pipeline package packages plan plans comp compensation corpus ad ads itself posting postings
    listing listings text openings roles jobs list ours""".split())
_OTHER_THAN = re.compile(r"\b(?:other than|not in|non|except|besides|apart from|anything but|instead of)[- ]+(?:\w+\s+)?$")
# "which ones don't mention health insurance at all?": postings silent on a topic, not ones that rule it out
# "which postings put an actual number of weeks on parental leave?": the perk said with a count, not "generous"
_COUNTED_ASK = re.compile(r"\b(?:actual|specific|exact|concrete|real|hard)\s+(?:number|figure|count)s?\b|\bput(?:s|ting)? (?:a|an actual) (?:number|figure)\b|"
                          r"\bnumber of (?:weeks|days)\b|\bhow many (?:weeks|days|months)\b|\b(?:actual|specific|exact|concrete) (?:length|duration)\b|"
                          r"\b(?:say|says|state|states|give|gives|list|lists|spell out|spells out)\s+how (?:long|many (?:weeks|days|months))\b|\(weeks or months\)")
_SAYS_NOTHING = re.compile(r"\b(?:don'?t|doesn'?t|do not|does not|never|no)\s+(?:even\s+)?(?:mention|say|list|talk about|bring up|include)\w*\b|"
                           r"\b(?:no|without (?:any )?)mention of\b|\bsilent (?:on|about)\b")
_TOP_PAY = re.compile(r"\b(?:best|highest|top|most)[- ](?:paying|paid|salary|salaries|pay|comp)\b|\bpays? (?:the )?(?:most|best)\b|\bhighest (?:salary|salaries|pay|comp|band)\b")
_POSTED_ASK = re.compile(r"\b(?:posted|published|went (?:up|live|out)|listed|opened|added|new)\b")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
                    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b")

# Role families asked for by name ("backend roles", "mobile jobs"): the words a posting's title uses for them.
# Read from titles, not text: every backend posting mentions a frontend somewhere. Android/iOS name a family only
# before a role noun ("android jobs"); alone they stay a technology to look for ("who mentions android?").
_ROLE_NOUN = r"(?:\s+(?:software\s+)?(?:engineering|development|dev|developer|developers|engineer|engineers))?\s+(?:roles?|jobs?|positions?|openings?|gigs?|work|postings?|ones)\b"
_FAMILIES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("backend", re.compile(r"\b(?:back[- ]?end|server[- ]side)\b"), re.compile(r"\bback[- ]?end\b|后端")),
    ("frontend", re.compile(r"\b(?:front[- ]?end|ui)\b"), re.compile(r"\bfront[- ]?end\b|\breact\b|前端")),
    ("full-stack", re.compile(r"\bfull[- ]?stack\b"), re.compile(r"\bfull[- ]?stack\b")),
    ("mobile", re.compile(r"\b(?:mobile|app developer|app engineer)\b"), re.compile(r"\b(?:mobile|ios|android|react native|flutter)\b")),
    ("android", re.compile(r"\bandroid" + _ROLE_NOUN), re.compile(r"\bandroid\b")),
    ("ios", re.compile(r"\bios" + _ROLE_NOUN), re.compile(r"\bios\b")),
    ("embedded", re.compile(r"\b(?:embedded|firmware)\b"), re.compile(r"\b(?:embedded|firmware)\b")),
)
_FAMILY_TECH = {"android": "Android", "ios": "iOS"}
_FAMILY_WORK = {family: re.compile(rf"\b(?:work on|working on|build|building|develop|developing|ship|shipping|maintain|maintaining|write|writing)\b"
                                   rf"[^.\n]{{0,40}}\b{word}\b(?! team)", re.I)
                for family, word in (("android", "android"), ("ios", "ios"), ("embedded", "(?:firmware|embedded)"))}
# "which roles list their pay?", "roles with a salary range listed": any pay stated at all
_PAY_STATED = re.compile(
    r"\b(?:list|lists|listing|listed|state|states|stated|show|shows|shown|post|posts|posted|give|gives|given|include|includes|included|publish\w*|"
    r"disclose\w*|with|have|has)\s+(?:a\s+|the\s+|their\s+|its\s+|any\s+)?(?:pay|salary|salaries|compensation|comp|pay range|salary range|salary ranges|"
    r"salary band|range|ranges|rates?)\b(?!\s+(?:over|above|under|below|of|in|more|less|at)\b)"
    r"|\b(?:pay|salary|salary range|salary ranges|range|comp)\s+(?:listed|stated|shown|posted|included|disclosed|given)\b"
)

# Place names people ask about -> words that, found in a posting's location facts, mean "yes".
_CEE = ("poland", "czech", "czechia", "czech republic", "slovakia", "hungary", "romania", "bulgaria", "lithuania", "latvia", "estonia", "ukraine",
        "serbia", "croatia", "slovenia", "moldova", "warsaw", "krakow", "kraków", "wroclaw", "wrocław", "gdansk", "prague", "brno", "bratislava",
        "budapest", "bucharest", "cluj", "sofia", "vilnius", "kaunas", "riga", "tallinn", "kyiv", "lviv", "belgrade", "zagreb", "ljubljana")
_PLACE_GROUPS: dict[str, tuple[str, ...]] = {
    "germany": ("germany", "deutschland", "berlin", "munich", "münchen", "hamburg", "frankfurt", "cologne", "köln", "garching", "stuttgart", "düsseldorf", "leipzig", "dresden"),
    "united states": ("united states", "usa", "u.s.", "us", "new york", "nyc", "san francisco", "chicago", "seattle", "austin", "boston", "los angeles", "denver",
                      "palo alto", "california", "illinois", "oak brook", "rosemont", "brooklyn", "manhattan", "washington", "texas", "massachusetts", "colorado", "atlanta", "miami", "portland", "philadelphia"),
    "new york": ("new york", "nyc", "manhattan", "brooklyn"),
    # Metro areas, read only when asked as one ("in or around chicago", "the munich area")
    "chicago area": ("chicago", "oak brook", "rosemont", "evanston", "schaumburg", "naperville", "oak park", "skokie", "des plaines", "elmhurst"),
    "new york area": ("new york", "nyc", "manhattan", "brooklyn", "queens", "jersey city", "hoboken", "newark", "white plains", "stamford"),
    "boston area": ("boston", "cambridge", "somerville", "waltham", "burlington"),
    "seattle area": ("seattle", "bellevue", "redmond", "kirkland"),
    "los angeles area": ("los angeles", "santa monica", "pasadena", "burbank", "culver city", "irvine"),
    "munich area": ("munich", "münchen", "garching", "unterföhring", "ismaning", "oberhaching"),
    "london area": ("london", "shoreditch", "canary wharf", "reading", "croydon"),
    "berlin area": ("berlin", "potsdam", "kreuzberg"),
    "san francisco": ("san francisco", "sf", "bay area"),
    "bay area": ("bay area", "san francisco", "sf", "oakland", "berkeley", "san jose", "palo alto", "mountain view", "sunnyvale", "menlo park",
                 "redwood city", "san mateo", "santa clara", "cupertino", "fremont", "foster city", "burlingame", "south san francisco", "emeryville"),
    # US states: the name, the postal code as addresses write it ("Chicago, IL") and the cities postings name.
    "california": ("california", ", ca", "san francisco", "sf", "los angeles", "san diego", "san jose", "palo alto", "oakland", "mountain view",
                   "sunnyvale", "menlo park", "santa clara", "berkeley", "irvine", "santa monica", "redwood city", "san mateo", "cupertino"),
    "illinois": ("illinois", ", il", "chicago", "oak brook", "rosemont", "evanston", "schaumburg", "naperville"),
    "texas": ("texas", ", tx", "austin", "dallas", "houston", "san antonio"),
    "washington state": ("washington state", ", wa", "seattle", "bellevue", "redmond", "kirkland"),
    "massachusetts": ("massachusetts", ", ma", "boston", "cambridge, ma"),
    "colorado": ("colorado", ", co", "denver", "boulder"),
    "florida": ("florida", ", fl", "miami", "tampa", "orlando"),
    "oregon": ("oregon", ", or", "portland, or"),
    "pennsylvania": ("pennsylvania", ", pa", "philadelphia", "pittsburgh"),
    "north carolina": ("north carolina", ", nc", "raleigh", "charlotte", "durham"),
    "new jersey": ("new jersey", ", nj", "jersey city", "newark", "hoboken"),
    "new york state": ("new york state", ", ny", "new york", "nyc", "brooklyn", "manhattan"),
    "utah": ("utah", ", ut", "salt lake city"),
    "arizona": ("arizona", ", az", "phoenix"),
    "virginia": ("virginia", ", va", "arlington", "reston"),
    "minnesota": ("minnesota", ", mn", "minneapolis"),
    "michigan": ("michigan", ", mi", "detroit", "ann arbor"),
    "ohio": ("ohio", ", oh", "columbus", "cleveland", "cincinnati"),
    "munich": ("munich", "münchen", "garching"),
    "united kingdom": ("united kingdom", "uk", "u.k.", "england", "london", "manchester", "edinburgh", "scotland", "britain", "great britain"),
    # Regions people ask by ("down under"): their countries and the cities postings name.
    "oceania": ("australia", "new zealand", "sydney", "melbourne", "brisbane", "auckland", "wellington", "apac"),
    "canada": ("canada", "north america", "toronto", "vancouver", "montreal", "ontario", "quebec", "ottawa", "calgary", "waterloo", "british columbia", "alberta"),
    "latin america": ("latin america", "latam", "south america", "central america", "brazil", "brasil", "uruguay", "argentina", "mexico", "colombia", "chile", "peru", "costa rica"),
    # A city stands for its region: "Toronto, Ontario" is in North America though it never says so.
    "north america": ("north america", "united states", "usa", "canada", "americas", "toronto", "vancouver", "montreal", "ontario", "ottawa", "new york", "nyc",
                      "san francisco", "chicago", "seattle", "austin", "boston", "palo alto", "california", "illinois", "oak brook", "rosemont", "mexico"),
    "italy": ("italy", "rome", "milan"),
    "sweden": ("sweden", "stockholm"),
    "slovakia": ("slovakia", "bratislava"),
    "switzerland": ("switzerland", "zurich", "zürich", "geneva"),
    "netherlands": ("netherlands", "amsterdam", "rotterdam", "utrecht", "holland"),
    "spain": ("spain", "madrid", "barcelona", "españa"),
    "france": ("france", "paris", "lyon"),
    "ireland": ("ireland", "dublin"),
    "poland": ("poland", "warsaw", "kraków", "krakow", "wroclaw"),
    "portugal": ("portugal", "lisbon", "porto"),
    "brazil": ("brazil", "brasil", "são paulo", "sao paulo"),
    "china": ("china", "shenzhen", "beijing", "shanghai"),
    "lithuania": ("lithuania", "vilnius"),
    "czech republic": ("czech", "czechia", "prague"),
    "new zealand": ("new zealand", "nz", "auckland", "wellington"),
    "baltics": ("baltics", "baltic", "estonia", "latvia", "lithuania", "tallinn", "riga", "vilnius", "kaunas"),
    "worldwide": ("worldwide", "anywhere", "anywhere in the world", "global", "globally", "world"),
    "australia": ("australia", "sydney", "melbourne", "brisbane"),
    "central and eastern europe": _CEE,
    "eastern europe": _CEE,
    "central europe": ("germany", "austria", "switzerland", "poland", "czech", "czechia", "czech republic", "slovakia", "hungary", "slovenia",
                       "berlin", "munich", "vienna", "zurich", "warsaw", "krakow", "kraków", "prague", "brno", "bratislava", "budapest", "ljubljana"),
    # The EU is not Europe: a UK-only role is in Europe but not in the EU; "Remote (Europe)" and EMEA roles are open to it.
    "european union": ("european union", "eu", "europe", "european", "emea", "germany", "spain", "france", "netherlands", "ireland", "poland", "portugal", "lithuania",
                       "czech", "czechia", "slovakia", "italy", "sweden", "austria", "belgium", "denmark", "finland", "greece", "croatia", "estonia", "latvia", "romania",
                       "bulgaria", "hungary", "slovenia", "luxembourg", "berlin", "munich", "münchen", "amsterdam", "dublin", "madrid", "barcelona", "paris", "lisbon", "porto",
                       "warsaw", "vilnius", "prague", "garching", "hamburg", "rotterdam", "milan"),
    "europe": ("europe", "emea", "eu", "european", "germany", "spain", "france", "netherlands", "ireland", "poland", "portugal", "lithuania", "uk", "united kingdom", "czech", "berlin", "munich", "amsterdam", "dublin", "london", "madrid", "paris", "lisbon", "warsaw"),
}  # fmt: skip
_PLACE_SYNONYMS = {"european": "europe", "cee": "central and eastern europe", "central or eastern europe": "central and eastern europe",
                   "central/eastern europe": "central and eastern europe", "central & eastern europe": "central and eastern europe",
                   "central-eastern europe": "central and eastern europe", "nyc": "new york", "new york city": "new york", "sf": "san francisco", "us": "united states", "usa": "united states", "america": "united states", "uk": "united kingdom",
                   "britain": "united kingdom", "england": "united kingdom", "eu": "european union", "emea": "europe",
                   "holland": "netherlands", "deutschland": "germany", "nz": "new zealand", "world": "worldwide", "the world": "worldwide", "the baltics": "baltics", "baltic states": "baltics",
                   "the states": "united states", "latam": "latin america", "south america": "latin america",
                   "down under": "oceania", "anz": "oceania", "aus": "australia", "north american": "north america", "canadians": "canada", "canadian": "canada", "americans": "united states",
                   "brits": "united kingdom", "british": "united kingdom", "germans": "germany", "europeans": "europe", "aussies": "australia",
                   "australians": "australia", "kiwis": "new zealand", "dutch people": "netherlands", "irish": "ireland", "spaniards": "spain", "stateside": "united states", "münchen": "munich"}  # fmt: skip


class PostingText(Protocol):
    """What matching needs to read of a posting beyond its facts, each answer remembered per generation by the
    engine (``engine._Derived``): its pay statements and the sentences that say a thing."""

    def salaries(self, record: PostingRecord) -> list[Salary]: ...
    def mention(self, record: PostingRecord, term: str) -> str | None: ...
    def says(self, record: PostingRecord, topic: str, negative: bool, counted: bool = False) -> str | None: ...
    def language(self, record: PostingRecord) -> str: ...
    def speaks(self, record: PostingRecord, language: str) -> str | None: ...
    def leave_days(self, record: PostingRecord, at_least: int) -> str | None: ...
    def headcount(self, record: PostingRecord) -> tuple[int, str] | None: ...
    def apply_email(self, record: PostingRecord) -> str | None: ...
    def sentence_with_all(self, record: PostingRecord, patterns: list[re.Pattern[str]]) -> str | None: ...
    def parental_leave(self, record: PostingRecord, at_least_weeks: float) -> str | None: ...


@dataclass
class ListMatch:
    record: PostingRecord
    quote: str  # the fact quote (or sentence) that made it match
    detail: str = ""  # e.g. the salary as written


# "equity (not profit sharing)", "a gym stipend, not just general wellness stuff": what is ruled out is no criterion
_EXCLUDED_ASIDE = re.compile(r"\(\s*(?:not|but not|excluding|except|no)\b[^)]*\)|\bnot just\b[^,.;?()]*|"
                             r"\b(?:but not|rather than|as opposed to)\b[^,.;?()]*")


# Slack shorthand a list is asked in; not "dev", "co" or "hr", which name roles and companies
_LIST_SHORTHAND = re.compile(r"(?<![\w/-])(?:wks?|yrs?|mos?|hrs|bday|b-day|xp|yoe|ppl|mgmt|k8s|dbs?)(?![\w/-])", re.I)
_ANY_KIND = re.compile(r"(?:\b[\w-]+,\s*){1,4}(?:or |and )?[\w-]+,?\s*(?:or |and )?(?:whatever|anything|all of (?:them|it))\b")


def looks_like_list(question: str) -> bool:
    text = normalize(question)
    return bool(_LIST_CUE.search(text)) and not _DEFINITE_ONE.search(text)  # preambles are gone (intents.asked_part)


# "the surf-school booking platform", "the pet wellness plan startup": one posting described, not a list asked for
_DEFINITE_ONE = re.compile(
    r"\b(?:the|this|that(?!\s+(?:want|wants|need|needs|use|uses|pay|pays|offer|offers|require|requires|have|has|are|is|do|does|let|lets|give|"
    r"gives|allow|allows|mention|mentions|say|says|list|lists|include|includes|sponsor|sponsors|hire|hires|come|comes|ask|asks)\b))\s+"
    r"(?![^?]*\b(?:highest|lowest|biggest|largest|smallest|newest|latest|oldest|fastest|greatest|top|most|best|least)\b)"
    r"(?:(?!(?:for|of|in|at|with|to|the|a|an|that|does|do|did|is|are|was|on|by|from|and|or)\b)[\w&.'/-]+\s+){1,5}(?:startup|company|co|fintech|platform|shop|firm|"
    r"agency|studio|outfit|app|team|business|consultancy|org|role|job|gig|posting|position|opening|internship|apprenticeship|contract|vacancy|"
    r"listing)\b(?!\s+(?:or|and)\b)|"
    r"\bthe\s+(?:[\w&.'/-]+\s+){0,5}(?:engineer|developer|dev|manager|intern|designer|lead|analyst|contractor)(?:'s|’s)\s|"  # "the part-time data engineer's"
    # "the company that makes online courses for electricians & plumbers"
    r"\b(?:the|that) (?:company|startup|firm|shop|org|outfit|agency|studio|business|place|team) (?:that|which|who|where) [^?,;]{3,80}?(?=\s*(?:[?,;]|$|\s[-–—]\s))"
)


def description_phrases(text: str) -> list[str]:
    """The phrases that only say which posting a question means ("the amsterdam e-bike company")."""
    return [m.group(0) for m in _DEFINITE_ONE.finditer(text)]


def without_descriptions(text: str) -> str:
    """The question without the phrases that only say which posting it means ("what time zone does the pet
    wellness-plan startup work in?" asks about time zones, not wellness)."""
    return _DEFINITE_ONE.sub(" ", text)


def _joined_by_or(text: str, topics: list[Topic]) -> bool:
    """"visa sponsorship or relocation support?", "parental / caregiver leave": topics asked as alternatives."""
    spans = sorted(m.span() for t in topics if (m := t.asked.search(text)))
    return len(spans) > 1 and all(re.search(r"\bor\b|/|\beither\b", text[a_end:b_start]) and not re.search(r"\band\b|&", text[a_end:b_start])
                                  for (_a, a_end), (b_start, _b) in zip(spans, spans[1:]))


def parse_filter(
    question: str,
    *,
    technologies: Callable[[str], list[str]],
    places: set[str],
) -> ListFilter | None:
    """The facts a list question asks for, or None when it names none."""
    # "which companies would sponser my visa?", "20 wks of parental leave", "a day off on your bday"
    text = fix_typos(normalize(_LIST_SHORTHAND.sub(lambda m: expand_abbreviations(m.group(0)), question))[:4000])
    text = _ANY_KIND.sub(" ", text)  # "ICs, managers, apprentices, whatever": every kind, so no filter
    f = ListFilter()
    parts: list[str] = []

    text = _EITHER_WORKPLACE.sub(lambda m: (m.group(1) or "") + (m.group(2) or ""), text)
    days = _OFFICE_DAYS.search(text)
    if days and re.search(r"\b(?:office|on[- ]?site|in person|in-person|hybrid|commute|commuting|go in|come in)\b", text):
        raw = days.group(1) or days.group(3)
        f.office_days = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        more = days.group("more") or ""
        before = text[max(0, days.start() - 16):days.start()]
        if re.search(r"\b(?:at least|minimum(?: of)?|min|no fewer than|no less than)\s*$", before):
            more = "or more"  # "at least 3 days a week in the office"
        elif re.search(r"\b(?:at most|up to|no more than|max(?:imum)?(?: of)?)\s*$", before):
            more = "or fewer"
        f.office_days_cmp = "<=" if ("less" in more or "fewer" in more) else ">=" if more else "="
        if f.office_days_cmp == ">=" and (f.office_days or 0) < 5 and "hybrid" not in text:
            f.workplace = "office"  # "4+ days a week": hybrid roles with that many days, and on-site ones
            parts.append(f"in the office {raw} or more days a week")
        elif f.office_days == 5 and f.office_days_cmp != "<=":  # the whole working week in the office is an on-site role
            f.office_days = None
            f.workplace = "onsite"
            parts.append("on-site")
        else:
            f.workplace = "hybrid"
            parts.append(f"in the office {raw}{' or more' if f.office_days_cmp == '>=' else ' or fewer' if f.office_days_cmp == '<=' else ''} days a week")
    elif _ALL_OFFICE.search(text):  # "fully in-office, zero remote days?": on-site, not merely some office time
        f.workplace = "onsite"
        parts.append("on-site")
    elif _NOT_REMOTE.search(text):  # "which roles aren't remote?": any office time
        f.workplace = "office"
        parts.append("not remote")
    elif _REMOTE_OR_HYBRID.search(text):  # "remote or hybrid": anything but fully on-site
        f.workplace = "flexible"
        parts.append("remote or hybrid")
    else:
        # "hybrid, i.e. some office days and the rest from home": the word asked beats the description of it
        order = sorted(_WORKPLACE, key=lambda vp: vp[0] != "hybrid") if re.search(r"\bhybrid\b", text) else _WORKPLACE
        for value, pattern in order:
            if pattern.search(text):
                f.workplace = value
                f.asked_words.update(words(" ".join(m.group(0) for m in pattern.finditer(text))))
                parts.append({"remote": "fully remote" if "fully" in text or "100%" in text else "remote",
                              "hybrid": "hybrid", "onsite": "on-site", "office": "with office time"}[value])
                break

    # "a real job, not an internship": a kind named only to rule it out is no filter
    kinds = [value for value, pattern in _EMPLOYMENT
             if any(not re.search(r"\b(?:not|no|non|aren't|isn't|except|excluding|rather than|instead of)\s+(?:an?\s+|the\s+)?"
                                  r"(?:(?:regular|normal|ordinary|standard|traditional|conventional|permanent|typical|usual|salaried)\s+){0,2}$", text[max(0, m.start() - 45):m.start()])
                    for m in pattern.finditer(text))]
    if kinds:
        # "part time or contract work?": any of the kinds named with "or"; otherwise the first, as before
        kinds = kinds if len(kinds) > 1 and re.search(r"\bor\b|/|\betc\b|\([^)]*,[^)]*\)", text) else kinds[:1]
        f.employment_type = "|".join(kinds)
        parts.append(" or ".join({"INTERN": "internships", "CONTRACTOR": "contract", "PART_TIME": "part-time",
                                  "TEMPORARY": "temporary", "FULL_TIME": "full-time"}[k] for k in kinds))
        for value, pattern in _EMPLOYMENT:
            if value in kinds:
                f.asked_words.update(words(" ".join(m.group(0) for m in pattern.finditer(text))))

    if _TOP_PAY.search(text):
        f.top_pay = True
        parts.append("with the highest stated yearly pay in each currency")

    units = [unit for unit, pattern in _UNITS if pattern.search(text) and (f.office_days is None or unit != "week")
             and not (unit == "year" and _LEAVE_ASK.search(text))]  # "25 days of paid holiday a year" is no salary
    if len(units) > 1 and re.search(r"\bor\b|/", text) and "year" not in units[:1]:
        units = [u for u in units if u != "year"]  # "per hour or per day instead of a yearly salary": the units asked for
    if units:
        f.salary_unit = "|".join(units) if len(units) > 1 and re.search(r"\bor\b|/", text) else units[0]
        parts.append(" or ".join({"hour": "paying by the hour", "day": "paying by the day", "week": "paying by the week",
                                  "month": "quoting pay per month", "year": "quoting a yearly salary"}[u] for u in f.salary_unit.split("|")))

    no_pay = bool(_NO_PAY.search(text))
    if no_pay:
        f.pay_unstated = True
        parts.append("not stating pay")
    if _PAY_FILTER_CUE.search(text) and not no_pay:
        for m in _MONEY.finditer(text):
            if _NOT_MONEY_AFTER.match(text, m.end()):
                continue  # "at least 5 years", "3 days a week": a count, not an amount
            num = m.group("num").rstrip(".,")
            cur = m.group("cur1") or m.group("cur2")
            if not (cur or m.group("k") or m.group("cmp")):
                continue
            if f.office_days is not None and m.start() >= days.start() and m.end() <= days.end() + 1:  # type: ignore[union-attr]
                continue
            try:
                value = float(num.replace(",", ""))
            except ValueError:
                continue
            mult = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}.get(m.group("k") or "", 1.0)
            value *= mult
            if value < 1:
                continue
            over = bool(m.group("cmp") and re.match(r"over|above|more than|greater than|at least|minimum|min|upwards|north|>", m.group("cmp")))
            # "tops out at 70k" is a ceiling; "tops out above $200k" asks for a top above it
            under = not over and (bool(m.group("cmp") and _UNDER.match(m.group("cmp"))) or bool(_OR_LESS.match(text, m.end())) or
                                  bool(re.search(r"\b(?:tops? out|maxes out|caps? out|capped|max(?:imum)?|top of the (?:band|range)) (?:at )?$",
                                                 text[max(0, m.start() - 30):m.start()])))
            if re.search(r"\b(?:bottom|low end|lower end|floor|minimum of the (?:range|band)|starts?(?: at| under| below| over| above)?|starting(?: at| salary)?)\b", text):
                f.min_on_floor = True
            if under:
                f.max_salary = value
                # "70k or less", "tops out at 70k", "up to 70k" include 70k; "under 80k" does not
                f.max_inclusive = not (m.group("cmp") and re.match(r"under|below|less than|lower than|<(?!=)", m.group("cmp")))
            else:
                f.min_salary = value
            f.currency = _CURRENCY_WORDS.get(cur) if cur else None
            if f.currency is None and "$" in text:
                f.currency = "USD"
            if f.salary_unit is None:
                f.salary_unit = "year" if value >= 1000 else "hour"
            # The threshold is the asker's number, not a posting's: it is never echoed (no uncited figures).
            if parts and parts[-1].startswith("quoting"):
                parts.pop()
            parts.append(f"paying {'less' if under else 'more'} than the amount asked" + (f", in {f.currency}" if f.currency else ""))
            if f.top_pay and not under:  # "which pay the most, i.e. above $150k": the threshold is what "the most" means
                f.top_pay = False
                parts[:] = [p for p in parts if not p.startswith("with the highest")]
            break

    if f.currency is None and not no_pay and (_PAY_FILTER_CUE.search(text) or _CURRENCY_CUE.search(text)):  # "pay in euros?"
        codes: list[str] = []
        excluded = False
        seen = text
        for word, code in sorted(_CURRENCY_WORDS.items(), key=lambda kv: -len(kv[0])):
            at = seen.find(word) if word in "$€£" else (m.start() if (m := re.search(rf"(?<![\w$]){re.escape(word)}\b", seen)) else -1)
            if at < 0:
                continue
            seen = seen[:at] + " " * len(word) + seen[at + len(word):]  # "aussie dollars" is not "dollars" again
            excluded = excluded or bool(_OTHER_THAN.search(text[max(0, at - 25) : at]))
            if code not in codes:
                codes.append(code)
        if codes and not (len(codes) > 1 and re.search(r"\bor\b|/", text)):
            codes = codes[:1]
        if codes:
            # "zloty or aussie dollars": any of them; "something other than US dollars": any currency but that one
            f.currency = ("!" if excluded else "") + "|".join(codes)
            parts.append(f"paying in a currency other than {codes[0]}" if excluded else f"paying in {' or '.join(codes)}")

    for name in technologies(question):
        if name not in f.technologies:
            f.technologies.append(name)
    if len(f.technologies) > 1 and re.search(r"[\s(](?:or|/)\s|\w/\w", text) and not re.search(r"\s(?:and|&|plus)\s", text):
        f.technologies_any = True
    if f.technologies:
        parts.append("mentioning " + (" or " if f.technologies_any else ", ").join(f.technologies))

    taken: list[tuple[int, int]] = []
    # Cities a group knows ("vancouver") are places too, even when no posting names them: a question about one
    # must not fall back to its country.
    group_words = {w for ws in _PLACE_GROUPS.values() for w in ws if len(w) >= 4 and w[0].isalpha()}  # not ", or"
    for place in sorted(places | set(_PLACE_GROUPS) | set(_PLACE_SYNONYMS) | group_words, key=len, reverse=True):
        if len(place) < 2 or place not in text:  # a substring test first: one regex per place thrashes re's cache
            continue
        span = re.search(rf"(?<![\w.]){re.escape(place)}(?![\w])", text)
        if span and any(a < span.end() and span.start() < b for a, b in taken):
            continue
        if span and re.match(r"\s*(?:time|timezone|tz|standard time|hours)\b", text[span.end():]):
            continue  # "eastern time hours" is a time zone, not the place "Eastern"
        if span and re.match(r"[\s-]*dollars?\b", text[span.end():]):
            continue  # "US dollars" is a currency, not a place
        if place == "anywhere" and span and not re.search(r"\b(?:from|live|living|based|located|reside|residing|remote(?:ly)?)\s+$", text[max(0, span.start() - 12):span.start()]):
            continue  # "ML engineers anywhere?", "can I bring my dog to work anywhere?": at any company, no place
        if len(place) <= 3:  # "US", "UK", "EU": only as written in capitals, or lowercase in "in the us"
            if not re.search(rf"(?<![\w.]){re.escape(place.upper())}(?![\w])", question) and not re.search(
                rf"\b(?:in|from|the)\s+{re.escape(place)}\b", text
            ):
                continue
        elif not re.search(rf"(?<![\w]){re.escape(place)}(?![\w])", text):
            continue
        if span:
            taken.append(span.span())
        canonical = _PLACE_SYNONYMS.get(place, place)
        if span and _NOT_IN.search(text[max(0, span.start() - 35) : span.start()]):
            # "remote jobs I could do without living in the US": roles open somewhere else too
            if canonical not in f.excluded_locations:
                f.excluded_locations.append(canonical)
            continue
        if canonical not in f.locations and not any(canonical in loc for loc in f.locations):
            f.locations.append(canonical)
    if not f.locations and not f.excluded_locations:
        unknown = _UNKNOWN_PLACE.search(text)
        said = unknown.group(1) if unknown else ""
        if unknown and not set(words(said)) & (_NOT_A_PLACE | {w for t in technologies(question) for w in words(t)}) \
                and not _MONTH.search(said) and not any(re.search(rf"(?<![\w$]){re.escape(c)}\b", said) for c in _CURRENCY_WORDS if c.isalpha()):
            # "any on-site jobs in oslo?": a place no posting names matches nothing, rather than being dropped
            f.locations.append(unknown.group(1).strip())
            f.unknown_place = unknown.group(1).strip()
    for i, loc in enumerate(f.locations):  # "in or around chicago", "the munich area": the metro's towns too
        if f"{loc} area" in _PLACE_GROUPS and re.search(rf"\b(?:area|around|near|nearby|suburbs?|greater|metro|outskirts|commut\w*)\b[^?.]{{0,25}}\b{re.escape(loc)}\b|"
                                                      rf"\b{re.escape(loc)}(?:land)?\b[^?.]{{0,15}}\b(?:area|suburbs?|metro|region|vicinity|nearby)\b", text):
            f.locations[i] = f"{loc} area"
    if f.locations:
        parts.append("in " + ", ".join(loc.title() if len(loc) > 3 else loc.upper() for loc in f.locations))
    if f.excluded_locations:
        parts.append("open outside " + ", ".join(loc.title() if len(loc) > 3 else loc.upper() for loc in f.excluded_locations))

    levels = [value for value, pattern in _SENIORITY if pattern.search(text)] if "INTERN" not in (f.employment_type or "") else []
    if f.employment_type == "INTERN" and re.search(r"\bor\b", text) and dict(_SENIORITY)["junior"].search(text):
        levels, f.kind_or_level = ["junior"], True  # "an internship or a junior role": either
    if levels:  # "staff or principal roles": any of the levels named
        f.seniority = "|".join(levels)
        parts.append(" or ".join(levels))

    if not _MENTION.search(text):
        for family, asked, _title in _FAMILIES:
            m = asked.search(text)
            if m:
                f.role_family = family
                f.family_work = bool(re.search(r"\b(?:work|working|related|building|build|development|folks|people)\b", text))
                f.asked_words.update(words(m.group(0)))
                tech = _FAMILY_TECH.get(family)
                if tech in f.technologies:  # "android jobs" asks for the role, not every posting naming Android
                    f.technologies.remove(tech)
                    parts[:] = [p for p in parts if not p.startswith("mentioning")]
                    if f.technologies:
                        parts.append("mentioning " + ", ".join(f.technologies))
                parts.append(f"{family} roles")
                break

    size = _HEADCOUNT_ASK.search(text)
    if size:
        n = int(size.group("n").replace(",", ""))
        cmp = "<" if re.match(r"fewer|less|under|below|smaller|max|at most", size.group("cmp")) else ">"
        f.headcount = (cmp, n)
        parts.append(f"with {'fewer' if cmp == '<' else 'more'} people than the number asked")  # the asker's number is not echoed
    leave = _LEAVE_ASK.search(text)
    if leave:
        f.min_leave_days = int(leave.group(1))
        parts.append("giving at least the days of holiday asked")
    if _APPLY_EMAIL_ASK.search(text):
        f.apply_by_email = True
        parts.append("taking applications by email")

    years = _YEARS_ASK.search(text)
    if years:
        low, high = int(years.group("n")), years.group("m")
        cmp = years.group("cmp") or ""
        if high:  # "0-2 years": someone with at most the top of the range
            f.max_years = int(high)
            parts.append("asking for at most the years of experience given")
        elif cmp in _YEARS_UNDER or years.group("who") or years.group("orless") or _OR_LESS.match(text, years.end()):
            f.max_years = low
            parts.append("asking for at most the years of experience given")
        else:
            f.min_years = low
            parts.append("asking for at least the years of experience given")

    if _POSTED_ASK.search(text) and _MONTH.search(text) and not _DEADLINE_ASK.search(text):
        month = _MONTH.search(text)
        f.posted_month = _MONTHS.index(month.group(1)[:3]) + 1  # type: ignore[union-attr]
        parts.append(f"posted in {month.group(1).title()}")  # type: ignore[union-attr]
    elif _DEADLINE_ASK.search(text):
        month = _MONTH.search(text)
        if month:
            f.closes_month = _MONTHS.index(month.group(1)[:3]) + 1
            parts.append(f"closing in {month.group(1).title()}")
        else:
            f.has_deadline = True
            parts.append("with an application deadline")

    written = WRITTEN_ASK.search(text)
    spoken = SPOKEN_ASK.search(text)
    if written:
        name = written.group(1) or written.group(2)
        f.written_in = (language_code(name) or name) if name else "other"
        parts.append(f"written in {name.title()}" if name else "not written in English")
    elif spoken:
        name = next(g for g in spoken.groups() if g)
        f.languages.append(name)
        parts.append(f"asking for {name.title()}")

    asked_topics = topics_asked(_EXCLUDED_ASIDE.sub(" ", text))
    if any(t.name == "retirement" for t in asked_topics):  # "401k / pension / RRSP": any retirement plan, 401(k)s included
        asked_topics = [t for t in asked_topics if t.name != "401k"]
    asked_topics = [t for t in asked_topics if t.name != "spoken_language"]  # read above, as SPOKEN_ASK
    if f.workplace == "onsite" and not re.search(r"\b(?:5|five)\b", text):  # "in the office every day" is the on-site filter
        asked_topics = [t for t in asked_topics if t.name != "five_days"]
    if any(t.name == "permanent" for t in asked_topics) and f.employment_type == "CONTRACTOR" and "permanent contract" in text:
        f.employment_type = None  # "a permanent contract" is no contractor role
        parts[:] = [p for p in parts if p != "contract"]
    if asked_topics and f.workplace == "office" and re.search(r"\b(?:at|in) the office\b|\b(?:dog|pet|family|kid)[- ]friendly offices?\b|"
                                                             r"\b(?:together|meet|meets|meeting|get-?togethers?) in[- ]person\b|"
                                                             r"\bin[- ]person (?:offsites?|off-sites?|retreats?|meetups?|gatherings?|events?|get-?togethers?|summits?)\b", text):
        f.workplace = None  # "free lunch at the office": where the perk is, not a workplace filter
        parts[:] = [p for p in parts if p != "with office time"]
    if f.workplace == "remote" and asked_topics:
        rest = text
        for perk in [m.group(0) for t in asked_topics for m in t.asked.finditer(text)]:
            rest = rest.replace(perk, " ")
        if not _WORKPLACE[0][1].search(rest):  # "a wfh stipend": the perk's own word, not a remote filter
            f.workplace = None
            parts[:] = [p for p in parts if p not in ("remote", "fully remote")]
    f.topics_absent = bool(asked_topics) and bool(_SAYS_NOTHING.search(text))
    f.topics_any = _joined_by_or(text, asked_topics)
    f.topics_counted = bool(asked_topics) and bool(_COUNTED_ASK.search(text))
    if any(t.name == "parental_leave" for t in asked_topics) and (least := _PARENTAL_AT_LEAST.search(text)):
        n, unit = least.group("n") or least.group("n2"), least.group("unit") or least.group("unit2") or least.group("unit3")
        count = int(n) if n.isdigit() else NUMBER_WORDS.get(n, 0)
        if count:  # "four months or more of parental leave": a sentence that says that long
            f.min_parental_weeks = count * (52 / 12 if unit.startswith("month") else 1)
            f.topics_counted = True
    for topic in asked_topics:
        if topic.name in ("equity", "bonus") and (f.min_salary is not None or f.max_salary is not None):
            continue  # "over $150k plus equity?" is a pay filter first; equity is read as a topic only alone
        f.topics.append(topic.name)
        if f.topics_absent:
            parts.append(f"not mentioning {topic.noun}")
            continue
        f.topics_negative = f.topics_negative or asks_negative(text, topic)
        label = f"ruling out {topic.noun}" if f.topics_negative and topic.denies is not None else topic.label
        if topic.name == "parental_leave" and f.min_parental_weeks:
            label = "giving at least the parental leave asked"  # the asker's length is not echoed
        elif f.topics_counted:
            label += " with a number of days or weeks"
        if f.topics_any and len(f.topics) > 1:
            parts[-1] += f" or {label}"
        else:
            parts.append(label)

    if not f.pay_unstated and f.min_salary is None and f.max_salary is None and f.currency is None and f.salary_unit is None \
            and _PAY_STATED.search(text):
        f.pay_stated = True
        parts.append("stating pay")

    if not parts:
        return None
    f.description = ", ".join(parts)
    return f


def filter_words(f: ListFilter) -> set[str]:
    """Every word the filter accounts for, place aliases included ("uk" for "United Kingdom"), so a title or
    file-name link made by those words ("..._solutions-engineer-uk.md") is recognised as the filter's, not a name."""
    out = set(words(f.description)) | f.asked_words
    for loc in f.locations:
        out.update(words(loc))
        for w in _place_words(loc):
            out.update(words(w))
        out.update(k for k, v in _PLACE_SYNONYMS.items() if v == loc)
    for tech in f.technologies:
        out.update(words(tech))
        out.add(re.sub(r"[^\w+#]", "", tech.lower()))  # "Node.js" links titles as "nodejs"
    return out | {stem(w) for w in out}  # a title linked by "apprenticeship" is the filter's "apprenticeships"


_LEVEL_WORDS = {"senior": r"senior|sr\.?", "staff": "staff", "principal": "principal", "lead": "lead"}
_ABOVE_SENIOR = ("staff", "principal", "lead")  # "senior roles" asks the title; "staff or principal" also the levels on offer


@lru_cache(maxsize=64)  # asked of every posting a list question matches
def _offered_levels(asked: str) -> re.Pattern[str] | None:
    """"Senior/Staff", "either senior or staff", "Senior / Principal": two levels offered together, one asked."""
    levels = [_LEVEL_WORDS[lv] for lv in asked.split("|") if lv in _ABOVE_SENIOR]
    if not levels:
        return None
    want, other = "|".join(levels), "|".join(_LEVEL_WORDS.values())
    return re.compile(rf"\b(?:{want})\s*(?:/|and|or|&)\s*(?:{other})\b(?!\s+(?:management|leadership|stakeholders?))|"
                      rf"\b(?:{other})\s*(?:/|and|or|&)\s*(?:{want})\s+(?:[\w-]+\s+){{0,3}}(?:engineers?|developers?|swes?|roles?|levels?)\b|"
                      rf"\b(?:{other})\s*/\s*(?:{want})\b", re.I)


def _place_words(place: str) -> tuple[str, ...]:
    return _PLACE_GROUPS.get(place, (place,))


def _location_facts(record: PostingRecord):
    return list(record.facts.job_locations) + list(record.facts.applicant_location_requirements)


def _contains_place(value: str, place_words: tuple[str, ...]) -> bool:
    return bool(place_words) and _place_pattern(place_words).search(_normalized(value)) is not None


# A list question tests every posting's location facts: the pattern is compiled and each value normalized once.
@lru_cache(maxsize=256)
def _place_pattern(place_words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words, whole (one alternation finds a match wherever any single word's pattern would)."""
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in place_words) + r")(?![\w])")


@lru_cache(maxsize=65536)
def _normalized(value: str) -> str:
    return normalize(value)


def match_posting(record: PostingRecord, f: ListFilter, text: PostingText) -> tuple[ListMatch | None, str | None]:
    """(match, reason it could not be judged): the second is e.g. "no pay stated" for salary filters."""
    facts = record.facts
    quotes: list[str] = []
    detail = ""
    if f.workplace:
        wt = facts.workplace_type
        wanted = {"office": {"onsite", "hybrid"}, "flexible": {"remote", "hybrid"}}.get(f.workplace, {f.workplace})
        if not wt or wt.value not in wanted:
            return None, None
        if f.office_days is not None:
            od = facts.office_days
            n = int(od.value) if od else (5 if wt.value == "onsite" else None)
            if n is None or not {"=": n == f.office_days, ">=": n >= f.office_days, "<=": n <= f.office_days}[f.office_days_cmp]:
                return None, None
            quotes.append(od.quote if od else wt.quote)
        else:
            quotes.append(wt.quote)
    if f.employment_type:
        et = facts.employment_type
        sen = facts.seniority
        ok, quote = False, ""
        for kind in f.employment_type.split("|"):
            if kind == "INTERN" and ((et and et.value == "INTERN") or (sen and sen.value == "intern")):
                ok, quote = True, (et.quote if et and et.value == "INTERN" else sen.quote if sen else "")
            elif kind != "INTERN" and et and et.value == kind:
                ok, quote = True, et.quote
            if ok:
                break
        level_ok = bool(f.kind_or_level and facts.seniority and facts.seniority.value in (f.seniority or "").split("|"))
        if not ok and not level_ok:
            return None, None
        quotes.append(quote if ok else facts.seniority.quote)  # type: ignore[union-attr]
    if f.seniority and not f.kind_or_level:
        sen = facts.seniority
        if not sen or sen.value not in f.seniority.split("|"):
            # "Senior/Staff Software Engineer", "Staff and Senior SWEs": the asked level is one of those on offer
            offered = _offered_levels(f.seniority)
            quote = text.sentence_with_all(record, [offered]) if offered else None
            if not quote:
                return None, None
            quotes.append(quote)
        else:
            quotes.append(sen.quote)
    if f.excluded_locations:
        # the places it names ("Remote" alone names none): if each is one the asker can't be in, it's out
        places = [p for p in _location_facts(record) if re.search(r"[a-z]", re.sub(r"remote|anywhere|worldwide|global", "", _normalized(str(p.value))))]
        if places and all(any(_contains_place(str(p.value), _place_words(loc)) for loc in f.excluded_locations) for p in places):
            return None, None  # every place it names is one the asker can't be in
    if f.locations:
        hit = None
        for loc in f.locations:
            for fact in _location_facts(record):
                if _contains_place(str(fact.value), _place_words(loc)):
                    hit = fact
                    break
            if hit:
                break
        if not hit and facts.title:  # "Lead Developer Frontend - 85748 Garching bei München": the title says where
            if any(_contains_place(str(facts.title.value), _place_words(loc)) for loc in f.locations):
                hit = facts.title
        if not hit:
            return None, None
        quotes.append(hit.quote)
    if f.technologies:
        hits = 0
        for tech in f.technologies:
            found = next(
                (x for x in list(facts.programming_languages) + list(facts.technologies) if _normalized(str(x.value)) == _normalized(tech)),
                None,
            )
            quote = found.quote if found else text.mention(record, tech)
            if not quote:
                if f.technologies_any:
                    continue
                return None, None
            hits += 1
            quotes.append(quote)
        if not hits:
            return None, None
    if f.role_family:
        title_pattern = next(t for fam, _a, t in _FAMILIES if fam == f.role_family)
        title = facts.title.value if facts.title else record.title
        if title_pattern.search(_normalized(f"{title} {record.title}")):
            quotes.append(facts.title.quote if facts.title else "")
        else:
            # "Work on Firefox for Android" in an OS-integrations role is Android work too; "our Android team" is not
            work = _FAMILY_WORK.get(f.role_family) if f.family_work else None
            quote = text.sentence_with_all(record, [work]) if work else None
            if not quote:
                return None, None
            quotes.append(quote)
    said_any = False
    for topic in f.topics:
        quote = text.says(record, topic, f.topics_negative, f.topics_counted)
        if quote and topic == "parental_leave" and f.min_parental_weeks:
            quote = text.parental_leave(record, f.min_parental_weeks)
        if f.topics_absent:  # "which ones don't mention health insurance?": silence is the match, the title the quote
            if quote:
                return None, None
            quote = facts.title.quote if facts.title else record.title
        if not quote:
            if f.topics_any:  # "visa sponsorship or relocation help?": one of them is enough
                continue
            return None, None
        said_any = True
        quotes.append(quote)
    if f.topics and not said_any:
        return None, None
    if f.written_in is not None or f.languages:
        lang = text.language(record)
        if f.written_in is not None and not (lang != "en" if f.written_in == "other" else lang == f.written_in):
            return None, None
        for name in f.languages:
            # a posting written in the language asks for it as surely as one that says so
            quote = (facts.title.quote if facts.title else record.title) if lang == language_code(name) else text.speaks(record, name)
            if not quote:
                return None, None
            quotes.append(quote)
        if f.written_in is not None:
            quotes.append(facts.title.quote if facts.title else record.title)
    if f.headcount is not None:
        said = text.headcount(record)
        if said is None:
            return None, None
        cmp, n = f.headcount
        if not (said[0] < n if cmp == "<" else said[0] > n):
            return None, None
        quotes.append(said[1])
    if f.min_leave_days is not None:
        quote = text.leave_days(record, f.min_leave_days)
        if not quote:
            return None, None
        quotes.append(quote)
    if f.apply_by_email:
        ap = facts.apply
        quote = ap.quote if ap and str(ap.value).startswith("mailto:") else text.apply_email(record)
        if not quote:
            return None, None
        quotes.append(quote)
    if f.min_years is not None or f.max_years is not None:
        ey = facts.experience_years
        if not ey:
            return None, None
        n = int(ey.value)
        if (f.min_years is not None and n < f.min_years) or (f.max_years is not None and n > f.max_years):
            return None, None
        quotes.append(ey.quote)
    if f.posted_month is not None:
        dp = facts.date_posted
        if not dp or str(dp.value)[5:7] != f"{f.posted_month:02d}":
            return None, None
        quotes.append(dp.quote)
    if f.closes_month is not None or f.has_deadline:
        vt = facts.valid_through
        if not vt or (f.closes_month is not None and not str(vt.value)[5:7] == f"{f.closes_month:02d}"):
            return None, None
        quotes.append(vt.quote)
    if f.pay_stated:
        cands = text.salaries(record)
        if not cands:
            return None, None
        quotes.append(cands[0].quote)
        detail = cands[0].text
    if f.pay_unstated:
        if text.salaries(record):
            return None, None
        quotes.append(facts.title.quote if facts.title else "")
    if f.salary_unit or f.min_salary is not None or f.max_salary is not None or f.currency:
        cands = text.salaries(record)
        if not cands:
            return None, "no pay stated"
        if f.currency and "USD" in f.currency.split("|") and _us_only(record):
            # "150-250k+" with no symbol, in a "Remote (US only)" posting: US dollars
            cands = [replace(s, currency="USD") if s.currency is None else s for s in cands]
        comparable = [s for s in cands if _comparable(s, f)]
        if not comparable:
            return None, "pay in another currency or unit"
        if f.min_salary is not None:
            # "at least $150k even at the bottom of the range": the floor must clear it, not just the top
            comparable = [s for s in comparable if ((s.min or s.max or 0) >= f.min_salary if f.min_on_floor else (s.max or s.min or 0) > f.min_salary)]
            if not comparable:
                return None, None
        if f.max_salary is not None:
            top = f.max_salary
            def value(s: Salary) -> float:  # "a band that starts under 100k" reads the bottom of the range
                return (s.min or s.max or 0) if f.min_on_floor else (s.max or s.min or 0)

            comparable = [s for s in comparable if 0 < value(s) and (value(s) <= top if f.max_inclusive else value(s) < top)]
            if not comparable:
                return None, None
        best = comparable[0]
        quotes.append(best.quote)
        detail = best.text
    # the title says least: "Software Engineering Intern" matched an internship filter, the visa sentence says more
    titles = {facts.title.quote if facts.title else "", record.title}
    quote = next((q for q in quotes if q and q not in titles), next((q for q in quotes if q), ""))
    return ListMatch(record, quote, detail), None


_UNIT_WORDS = {
    "hour": re.compile(r"hour|hourly|/\s?h(?:r|our)?\b|\bph\b|stunde|heure", re.I),
    "day": re.compile(r"\bday\b|daily|/\s?d\b|tag\b|jour", re.I),
    "week": re.compile(r"week|/\s?wk\b", re.I),
    "month": re.compile(r"month|/\s?mo\b|maand|monat|mois|mes\b|mensual|月", re.I),
    "year": re.compile(r"year|annual|annum|/\s?yr\b|\bp\.?a\.?\b|jahr|\bans?\b|年", re.I),
}


def _us_only(record: PostingRecord) -> bool:
    """Every place the posting names is in the United States (and it names one)."""
    places = [str(p.value) for p in _location_facts(record)]
    us = _place_words("united states")
    return bool(places) and all(_contains_place(p, us) for p in places)


def _comparable(s: Salary, f: ListFilter) -> bool:
    if f.currency and f.currency.startswith("!"):
        if s.currency is None or s.currency in f.currency[1:].split("|"):
            return False
    elif f.currency and s.currency not in f.currency.split("|"):
        return False
    if f.salary_unit:
        if s.unit in f.salary_unit.split("|"):
            # "which ones quote pay per month?": the posting must say the unit, not leave it to convention
            return f.min_salary is not None or f.max_salary is not None or bool(_UNIT_WORDS[s.unit].search(f"{s.text} {s.quote}"))
        # An unstated unit on a five-figure-plus amount reads as a yearly salary; never for hourly comparisons.
        return s.unit is None and f.salary_unit == "year" and (s.min or 0) >= 10000
    return True


def posting_words(text: str) -> set[str]:
    return set(words(text))
