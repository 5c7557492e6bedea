"""Perks and conditions people ask about across postings ("who offers equity?", "which roles can't sponsor visas?").

Each topic pairs how a question names it with how a posting says it. A table, like the intents: the words postings
use for these are few and stable ("stock options", "RSUs", "parental leave"), and a sentence that says it is the
quote the answer cites. A topic can be asked in the negative ("can't sponsor"): its ``denies`` pattern tells a
posting that rules the thing out from one that offers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NEG = r"(?:not|no|unable|cannot|can[’']t|can not|won[’']t|will not|don[’']t|do not|doesn[’']t|does not|isn[’']t|is not|aren[’']t|never|neither|nor|without)"


@dataclass(frozen=True)
class Topic:
    name: str
    noun: str  # how an answer names it: "equity", "visa sponsorship"
    verb: str  # how a list names its matches: "offering" (equity)
    asked: re.Pattern[str]  # on the normalized question
    says: re.Pattern[str]  # on a posting sentence
    denies: re.Pattern[str] | None = None  # a sentence that rules it out ("we are unable to sponsor visas")
    bears_on: re.Pattern[str] | None = None  # quoted for one posting, never a list match ("willing to move to Lisbon")
    # Unsaid about one posting: "intent" lets a workplace, location or employment ask go on to its facts;
    # "look_further" always goes on (company facts: "where's HQ?"); "not_stated" never does ("relocation help?")
    unsaid: str = "intent"
    # a narrower ask of another topic ("RSUs" of equity, "dental" of health cover): asked together, the narrower
    # is what is asked ("does the health plan cover dental?"), unless they are alternatives ("health or dental?")
    narrows: str | None = None

    @property
    def broader(self) -> tuple[str, ...]:
        """The topics this one narrows ("dental" -> ("health",))."""
        return tuple(self.narrows.split("|")) if self.narrows else ()

    @property
    def label(self) -> str:
        return f"{self.verb} {self.noun}".strip()


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


EQUITY_SAYS = _re(
    r"\b(?:stock|share|equity) (?:options?|grants?|awards?|plan|units?|compensation|package|stake)\b|\brsus?\b|\besops?\b|\besos\b|"
    r"\bequity\b(?! and inclusion)(?<!diversity and equity)(?<!diversity, and equity)(?<!diversity, equity)|\b(?:restricted|employee|company) stock\b|\bstock[- ]based\b|"
    r"\bshare options?\b|\bv?sops?\b|\bvirtual (?:stock|share)s?(?: options?)?\b|\bphantom (?:stock|shares?|equity)\b|\bespp\b"
)
BONUS_SAYS = _re(r"\b(?:bonus|bonuses)\b(?! points)|\bincentive (?:pay|plan|program|compensation)|\bcommission\b|\bprofit[- ]shar\w*")

TOPICS: tuple[Topic, ...] = (
    Topic("equity", "equity", "offering", _re(r"\b(?:equity|stock(?! management| levels?| control| keeping| exchanges?| markets?| tickers?)|stocks|stock options?|share options?|shares|rsus?|esops?|ownership)\b"),
          EQUITY_SAYS, _re(r"\b(?:not|no|don't|do not|doesn't|does not|excluding|exclude|excludes|without)\b[^.\n]{0,50}\b(?:equity|stock|rsus?)\b")),
    Topic("signing_bonus", "a signing bonus", "offering",
          _re(r"\b(?:sign(?:ing)?[- ]?on|signing|joining|welcome|hiring) bonus(?:es)?\b"),
          _re(r"\b(?:sign(?:ing)?[- ]?on|signing|joining|welcome) bonus(?:es)?\b"), narrows="bonus", unsaid="not_stated"),
    Topic("company_car", "a company car", "offering", _re(r"\bcompany cars?\b|\bcar allowance\b|\b(?:lease|leased) cars?\b|\bcar lease\b"),
          _re(r"\bcompany cars?\b|\bcar allowance\b|\b(?:lease|leased) cars?\b|\bcar lease\b"), unsaid="not_stated"),
    Topic("breakfast", "free breakfast", "with", _re(r"\bbreakfasts?\b"), _re(r"\bbreakfasts?\b"), narrows="meals"),
    Topic("bonus", "a bonus", "mentioning", _re(r"\b(?:bonus|bonuses|commission|incentive pay|profit[- ]shar\w*)\b|\bshares? (?:of|in) (?:the )?profits?\b"), BONUS_SAYS),
    Topic("take_home", "a take-home exercise", "with",
          _re(r"\btake[- ]home\b|\b(?:async\w*\s+)?(?:coding|code|technical|home) (?:exercise|challenge|test|assignment|task)s?\b"),
          _re(r"\btake[- ]home\b|\b(?:coding|code|technical|home|practical) (?:exercise|challenge|test|assignment|task)s?\b")),
    Topic("gym", "a gym or fitness benefit", "with",
          _re(r"\b(?:gym|gyms|gympass|wellhub|classpass|urban sports club|fitness)\b"),
          _re(r"\b(?:gym|gyms|gympass|wellhub|classpass|urban sports club|fitness)\b|\bsports? (?:club|membership|allowance|budget)\b")),
    Topic("wellness", "a wellness benefit", "with",
          _re(r"\b(?:wellness|well-?being)\b"),
          _re(r"\b(?:gym|gyms|gympass|wellhub|classpass|urban sports club|fitness|wellness|well-?being|sport\w*)\b|\bmental health days?\b")),
    Topic("parental_leave", "parental leave", "mentioning",
          _re(r"\b(?:parental|maternity|paternity|family leave|new parents?|baby|babies|caregiv\w*|carer'?s? leave)\b"),
          _re(r"\b(?:parental|maternity|paternity|family|caregiv\w*|adoption|parent|parents)\b[^.\n]{0,30}\bleave\b|\bparental\b|"
              r"\bleave\b[^.\n]{0,30}\b(?:caregiv\w*|new parents?|maternity|paternity|adoption|birth)")),
    Topic("relocation", "relocation help", "mentioning", _re(r"\brelocat\w*|\bmov(?:e|ing) (?:help|support|costs?|package)\b|"
                                                             r"\b(?:pay|pays|paying|cover|covers|help|helps) (?:for |with )?(?:my|your|the|a) (?:move|moving)\b|\bhousing\b(?!\s+(?:associations?|market|crisis|sector|providers?|authorit\w+))"),
          _re(r"\brelocat\w*"), _re(rf"\b{_NEG}\b[^.\n]{{0,40}}\brelocat\w*|\brelocat\w*[^.\n]{{0,30}}\b(?:not (?:offered|available|provided|possible)|unavailable)\b"),
          # "be willing to move to the Lisbon area" answers "can I relocate?" for one posting; it offers no help
          _re(r"\b(?:willing|able|happy|ready|need|needs|required|expected) to (?:move|relocate)\b|\bmov(?:e|ing) to (?:the )?\w+ (?:area|region|city)\b"),
          unsaid="not_stated"),
    # "which states won't they hire in?", "which places do they exclude?": the places a remote role rules out
    Topic("excluded_places", "places it can't hire in", "excluding",
          _re(r"\b(?:which|what|any) (?:places|states|countries|provinces|regions|locations|areas)\b[^?]{0,30}\b(?:exclude[sd]?|excluding|"
              r"not (?:eligible|allowed|hire|hiring)|won'?t (?:hire|take)|can'?t (?:hire|work)|ruled? out)\b|"
              r"\b(?:states|countries|places|provinces) (?:they|you) (?:won'?t|can'?t|don'?t|cannot|do not) (?:hire|work|employ)\b|"
              r"\b(?:places|states|countries|regions|areas|provinces)\b[^?]{0,20}\b(?:are |get |being )?(?:excluded|excepted|ruled out)\b"),
          _re(r"\bexclud(?:e|es|ed|ing)\b[^.\n]{0,60}\b(?:states?|countries|provinces?|regions?|areas?|metro|locations?)\b|\bnot (?:able|eligible) to (?:hire|employ)\b[^.\n]{0,40}\bin\b|"
              r"\b(?:don'?t|don’t|do not|can'?t|can’t|cannot|won'?t|unable to|not able to) (?:currently )?(?:hire|employ|recruit) (?:in|from)\b"),
          unsaid="look_further"),
    Topic("visa", "visa sponsorship", "mentioning", _re(r"\b(?:visas?|sponsor\w*|work permits?|h-?1b)\b"),
          _re(r"\bvisas?\b|\bwork permits?\b|\bh-?1bs?\b|\bimmigration\b|\bsponsor(?:s|ed|ing|ship)?\b[^.\n]{0,40}\b(?:visas?|work permits?|h-?1bs?|"
              r"immigration|employment|candidates|applicants|relocation|right to work)\b|\b(?:employment|work|visa) sponsorship\b|\bsponsorship\b(?! (?:of|for) (?:events?|conferences?|meetups?))"),
          _re(rf"\b{_NEG}\b[^.\n]{{0,60}}\b(?:visas?|sponsor\w*|work permits?|h-?1b)|\b(?:visas?|sponsorship)\b[^.\n]{{0,40}}\b(?:not (?:available|offered|provided|possible)|unavailable)\b|"
              r"\b(?:must|need to|required to|should) (?:already )?(?:be|have)\b[^.\n]{0,40}\b(?:authori[sz]ed|eligible|right to work|citizens?|permanent residen\w*)\b")),
    Topic("on_call", "on-call duty", "with", _re(r"\bon[- ]?call\b|\bpager\b|\bpaging\b|\bout[- ]of[- ]hours\b"),
          _re(r"\bon[- ]call\b|\bpager (?:duty|rotation)\b|\bout[- ]of[- ]hours (?:support|work|cover)\b")),
    Topic("unlimited_pto", "unlimited time off", "offering",
          _re(r"\b(?:unlimited|flexible|uncapped) (?:pto|vacation|holidays?|time[- ]off|paid time[- ]off|leave|days off)\b|"
              r"\bno (?:cap|limit|max\w*) on (?:the )?(?:pto|vacation|holidays?|time[- ]off|leave|days off)"),
          _re(r"\b(?:unlimited|uncapped)\b[^.\n]{0,40}\b(?:pto|vacation|holidays?|time[- ]off|leave|days off)\b|"
              r"\b(?:pto|vacation|time[- ]off|holiday)\b[^.\n]{0,25}\b(?:unlimited|uncapped)\b|\bno (?:set|fixed) (?:number of )?(?:vacation|holiday|pto)|\btake (?:the )?time off (?:you|when you) need\b"), narrows="pto"),
    Topic("home_office", "money for a home-office set-up", "offering",
          _re(r"\bhome[- ]office\b|\b(?:wfh|remote|work from home|equipment|desk|set-?up|workspace)\s+(?:stipend|budget|allowance|money|reimbursement|costs?|expenses?)\b|"
              r"\b(?:wfh|work from home|remote)\s+(?:set-?up|desk|equipment|workspace)\b|"
              r"\bmoney for (?:a |your )?(?:home|desk|equipment|set-?up|workspace)\b"),
          _re(r"\b(?:home[- ]office|wfh|work[- ]from[- ]home|remote[- ]work(?:ing)?|workspace|desk|equipment|set[- ]?up)\b[^.\n]{0,60}"
              r"\b(?:stipend|budget|allowance|reimburs\w*|funds?|money|covered|bonus)\b|"
              r"\b(?:stipend|budget|allowance|reimburs\w*)\b[^.\n]{0,60}\b(?:home[- ]office|wfh|equipment|workspace|desk|set[- ]?up|remote)\b")),
    Topic("401k", "a 401(k)", "with", _re(r"\b401\s?\(?k\)?"), _re(r"\b401\s?\(?k\)?")),
    Topic("retirement", "a retirement plan", "with", _re(r"\b(?:retirement|pension|pensions|rrsp|superannuation|kiwisaver)\b"),
          _re(r"\b401\s?\(?k\)?|\b(?:retirement|pension|pensions|rrsp|superannuation|kiwisaver)\b")),
    Topic("learning", "a learning budget", "with",
          _re(r"\b(?:learning|education|training|development|conference|book|books)"
              r"(?:\s*(?:/|or|and|&)\s*(?:learning|education|training|development|conferences?|books?))?\s+(?:budget|stipend|allowance|fund|money)\b|"
              r"\b(?:pay|pays|paid|budget|money|stipend|allowance) for (?:learning|training|courses|conferences|books|education)"
              r"(?:(?:,\s*|\s+or\s+|\s+and\s+|\s*/\s*)(?:learning|training|courses|conferences?|books|education))*\b"),
          _re(r"\b(?:learning|education|educational|training|development|conference|book|books)\b[^.\n]{0,30}\b(?:budget|stipend|allowance|fund|reimburs\w*)\b|"
              r"\b(?:budget|stipend|allowance)\b[^.\n]{0,30}\b(?:learning|training|courses|conferences|books|education)\b")),
    Topic("health", "health cover", "with",
          _re(r"\b(?:health|healthcare|medical|dental|vision)\s+(?:insurance|coverage|cover|benefits?|plans?)\b|\bhealth ?care (?:benefits?|coverage|plans?)\b|"
              r"\b(?:offer|offers|provide|provides|give|gives|with|pay|pays|covers?)\s+(?:health ?care|medical)\b"),
          _re(r"\b(?:health|healthcare|health care|medical|dental|vision)\b[^.\n]{0,30}\b(?:insurance|coverage|cover|plans?|benefits?)\b|"
              r"\b(?:private|comprehensive|full|free|premium|employer[- ]paid|top[- ]tier) (?:health ?care|medical|health)\b")),
    Topic("start_date", "a start date", "with",
          _re(r"\bstart(?:ing)? date\b|\bkick-?off date\b|\b(?:first|last) day of (?:the )?(?:program|programme|internship|contract|summer)\b|"
              r"\bfirst (?:and|&) last days?\b|\bwhen (?:does|do|would|will|can|could)\s+(?:(?:it|i|the|this|that|you|they|we|he|she)\b)?[^?]*\b(?:start|begin|kick off)\b|"
              r"\bstarting when\b|\bwhen is the start\b|\bstart (?:and|&|n|/|or) end (?:dates?|days?)\b|\b(?:start|end) dates\b"),
          _re(r"\b(?:start|starts|starting|begin|begins|beginning|commenc\w*|kicks? off|runs?)\b[^.\n]{0,40}"
              r"\b(?:\d{1,2}(?:st|nd|rd|th)?|january|february|march|april|may|june|july|august|september|october|november|december|asap|immediately|q[1-4])\b|"
              r"\bstart(?:ing)? date\b[^.\n]{0,5}\b(?:as soon as possible|asap|immediately|flexible|negotiable)\b")),
    Topic("reporting", "who the role reports to", "saying",
          _re(r"\breport(?:s|ing)? (?:to|into)\b|\breporting line\b|\bwho(?:'s| is| would be| will be)? (?:my|the|their|his|her) (?:manager|boss|line manager)\b"),
          _re(r"\breport(?:s|ing)? (?:to|into|directly)\b|\breporting (?:line|to)\b")),
    Topic("interview", "the interview process", "describing",
          _re(r"\binterview\w*|\b(?:hiring|selection|recruiting|recruitment) process\b|\bhow many rounds\b|\btake[- ]home\b"),
          _re(r"\b(?:employment|reference|background) (?:verification|checks?)\b|\binterview(?:s|ing)? (?:process|stages?|steps?|rounds?|loop|consists?|includes?|will|with (?:the|our|a|an|two|three))\b|"
              r"\b(?:first|second|third|final|technical|culture|behaviou?ral|phone|video|onsite|on-site|panel) interviews?\b|"
              r"\b(?:hiring|selection|recruiting|recruitment) process\b|\btake[- ]home\b|\btechnical (?:test|challenge|exercise|assignment)\b|"
              r"\b(?:our|the) process (?:is|has|includes|consists|involves|looks)\b|\b(?:intro|screening|phone|final|technical|recruiter) (?:call|chat|interview|conversation)\b|"
              r"\bpairing (?:session|exercise|interview)\b|\bsystem design (?:conversation|interview|session|round)\b|\binterview\s*:|"
              r"\b(?:code|coding|technical|take[- ]home) (?:exercise|challenge|test|assessment)\b|\blive[- ]cod(?:e|ing)\b|\b(?:initial|intro) chat\b")),
    Topic("travel", "travel", "with", _re(r"\btravel\w*"), _re(r"\btravel\w*\b[^.\n]{0,40}\b(?:required|requirement|expected|occasional\w*|may be|per year|a year|times|percent|quarterly|"
              r"to (?:our|the|an?|offices?|customers?|clients?|sites?|meet|attend)|costs?|expenses?)|"
              r"\b(?:occasional|some|limited|frequent|domestic|international|business|regular) travel\b|\bwilling(?:ness)? to travel\b|\b\d+\s?% (?:of )?(?:the time )?travel"),
          _re(r"\bno travel\b|\btravel\w* (?:is )?(?:not|never) (?:required|needed|expected)\b")),
    Topic("time_zone", "time zone requirements", "with",
          _re(r"\btime ?zones?\b|\btz\b|\boverlap\b|\bwork(?:ing)? hours\b|\bcore hours\b|\b(?:what|which) hours\b|\b(?:be|being|expect \w+) (?:online|available|reachable)\b"),
          re.compile(r"\b(?:[Tt]ime ?[Zz]ones?|UTC|GMT|CET|CEST|EST|EDT|CST|PST|PDT|PT|ET|CT|BST)\b|\boverlap\b|\b[Ww]ork(?:ing)? hours\b|\b[Cc]ore hours\b|\b(?:Eastern|Pacific|Central|Mountain|Western Europe|Central Europe)\b|\b(?:[Ee]astern|[Pp]acific|[Cc]entral|[Mm]ountain) [Tt]ime\b")),
    Topic("hours", "the weekly hours", "with",
          _re(r"\bhow many (?:hours|hrs)\b|\b(?:hours|hrs) (?:a|per|each) week\b|\bweekly (?:hours|hrs)\b|\b(?:hours|hrs) do (?:i|you|they)\b"),
          _re(r"\b\d{1,2}\s?(?:hours|hrs|h)\s?(?:a|per|/|each)\s?week\b|\bhours\b[^.\n]{0,40}\bweek\b|\bweek\b[^.\n]{0,30}\bhours\b")),
    Topic("commute", "commuting or bike perks", "with",
          _re(r"\b(?:transit|commut\w* (?:benefits?|perks?|allowance|stipend|costs?|support|subsid\w*|pass\w*|cards?)|bike (?:perks?|scheme|allowance|lease|leasing|parking|to work|stipend|benefits?)|bike-to-work|"
              r"subway|metro|(?:train|bus|tube|subway) (?:fare|ticket|pass)s?|fares?|getting to (?:the )?office|"
              r"cycl(?:e|ing) to work|public transport\w*|travel ?card|train pass|metro ?card|parking)\b"),
          _re(r"\b(?:transit|commut\w*|bikes?|bicycles?|cycle[- ]to[- ]work|public transport\w*|travel ?card|business card for train|train|metro ?card|"
              r"season ticket|parking|deutschlandticket|ov[- ]chipkaart)\b")),
    Topic("meals", "free meals", "with",
          _re(r"\b(?:lunch|lunches|meals?|food|snacks?|catered|dinners?|breakfasts?|feeds? (?:you|us|them|staff|the team))\b"),
          _re(r"\b(?:lunch|lunches|meals?|snacks?|catered|dinners?|breakfasts?|food (?:stipend|allowance|budget))\b")),
    # Spoken languages for one posting ("do you need French?"); list questions read them with language.SPOKEN_ASK
    Topic("spoken_language", "language requirements", "with",
          _re(r"\b(?:french|german|spanish|dutch|portuguese|italian|polish|mandarin|japanese|lithuanian)\b(?! (?:roles?|jobs?|companies|company|market|office))"),
          _re(r"\b(?:french|français|german|deutsch\w*|spanish|español|dutch|nederlands|portuguese|português|italian|polish|mandarin|chinese|japanese|lithuanian)\b")),
    Topic("conversion", "a route to a permanent job", "with",
          _re(r"\b(?:lead|leads|turn|turns|convert\w*|become|becomes)\s+(?:in)?to\s+(?:a\s+)?(?:full[- ]time|permanent|perm|real)\b|\breturn offers?\b|"
              r"\bfull[- ]time (?:offer|conversion)\b|\bhired? (?:on )?(?:full[- ]time|permanently) after\b"),
          _re(r"\bfull[- ]time (?:offer|role|position|employment|job|hire)s?\b|\breturn offers?\b|\bconver(?:t|ts|ted|sion)\b|"
              r"\bno expectation\b|\bhire (?:you|interns?|apprentices?) (?:full[- ]time|permanently|afterwards)\b")),
    Topic("union", "a union or collective bargaining", "with",
          _re(r"\bunion(?:s|i[sz]ed|i[sz]ation)?\b(?! square| station| street)|\bcollective bargaining\b|\bbargaining unit\b"),
          _re(r"\bunion(?:s|i[sz]ed|i[sz]ation)?\b(?! square| station| street)|\bcollective bargaining\b|\bbargaining (?:unit|agent|agreement)\b|"
              r"\bworkers of america\b")),
    Topic("headquarters", "where the company is headquartered", "saying",
          _re(r"\bhq\b|\bheadquarter\w*|\bhead office\b|\bmain office\b|(?<!\bbe )\bbased out of(?=\s*[?.!]|\s*$)"),
          _re(r"\bheadquarter\w*|\bhq\b|\bhead office\b|\bmain office\b"), unsaid="look_further"),
    Topic("founded", "when or where the company was founded", "saying",
          _re(r"\bfounded\b|\bfounding (?:year|date|story)\b|\bwhen (?:was|did) [\w .&'-]{1,40} (?:start|started|begin|began)\b"),
          _re(r"\bfounded\b|\bstarted\b[^.\n]{0,30}\b(?:19|20)\d\d\b|\bsince (?:19|20)\d\d\b"), unsaid="look_further"),
    # "5 days a week in the office": on-site is implied by many postings; this reads the ones that say the five days
    Topic("five_days", "five office days a week", "saying",
          _re(r"\b(?:5|five) days (?:a |per |each )?(?:week )?(?:in (?:the |an )?office|on-?site|in person)\b|"
              r"\b(?:in (?:the |an )?office|on-?site|in person) (?:5|five) days\b|\b(?:in (?:the )?office|on-?site) every day\b"),
          _re(r"\b(?:5|five) days (?:a |per |each |in a )?week\b|\bevery (?:day|weekday)\b[^.\n]{0,30}\b(?:office|on-?site)\b|"
              r"\b(?:office|on-?site)\b[^.\n]{0,30}\bevery (?:day|weekday)\b|\bmonday (?:to|through|-) friday\b"), unsaid="look_further"),
    # "mental health days", "global wellness days": days off of their own, not the holiday allowance nor a therapy app
    Topic("wellness_days", "wellness or mental-health days off", "with",
          _re(r"\b(?:wellness|wellbeing|well-being|mental[- ]health|recharge|reset|self-care) days?\b"),
          _re(r"\b(?:wellness|wellbeing|well-being|mental health|recharge|reset|self-care) days?\b"), narrows="pto|wellness|mental_health"),
    Topic("mental_health", "mental health support", "with",
          _re(r"\b(?:therapy|therapist|therapists|mental[- ]health|counsel(?:l)?ing|meditation|mindfulness|employee assistance|eap)\b"),
          _re(r"\bmental health\b|\btherap\w*|\bcounsel(?:l)?ing\b|\btalkspace\b|\bheadspace\b|\bcalm\b|\bmeditation\b|\blyra\b|"
              r"\b(?:spring|modern) health\b|\bemployee assistance\b|\beap\b")),
    Topic("hardship", "a hardship or emergency fund", "with",
          _re(r"\bhardship\b|\bemergency fund\b|\bfinancial(?:ly)? (?:emergenc\w*|hardship|trouble|help|difficult\w*)|\brough patch\b|"
              r"\bpot of money\b|\brelief fund\b|\bfamily fund\b|\bhit (?:a )?(?:financial|money)\b"),
          _re(r"\b(?:family|hardship|emergency|relief|assistance) fund\b|\bhardship\b|\bfinancial (?:emergenc\w*|hardship|assistance)\b")),
    Topic("listed", "a stock-exchange listing", "with",
          _re(r"\bstock exchange\b|\bpublicly (?:traded|listed)\b|\b(?:a |is a )?public company\b|\bnyse\b|\bnasdaq\b|\bticker\b|"
              r"\blisted (?:on|company)\b|\bipo'?d\b|\bgone public\b|\bwent public\b"),
          _re(r"\((?:NYSE|NASDAQ|LSE|TSX|ASX)\s*:\s*[A-Z.]+\)|\bpublicly (?:traded|listed)\b|\blisted on the\b[^.\n]{0,30}\b(?:exchange|NYSE|NASDAQ)\b"),
          unsaid="look_further"),
    Topic("funding", "the company's funding", "saying",
          _re(r"\bfunding\b|\bfunded\b|\braised\b|\bvc\b|\bventure\b|\binvestors?\b|\bseries [a-e]\b|\bbacked by\b|\bvaluation\b|\bpulled in\b"),
          _re(r"\braised\b|\bfunding\b|\bfunded\b|\bseries [a-e]\b|\binvestors?\b|\bbacked by\b|\bventure\b|\bvaluation\b"), unsaid="look_further"),
    Topic("offices", "where its offices are", "saying",
          _re(r"\b(?:which|what|where(?:'s| are| is)?) (?:[\w'’]+ ){0,5}offices\b|\boffice locations?\b|\b(?:which|what) building\b|\boffice address\b|"
              r"\bwhere(?: exactly)? (?:is|are) (?:their|the|its) (?:\w+ )?office\b"),
          _re(r"\boffices?\b[^.\n]{0,10}\b(?:in|at|located|based)\b|\b(?:in|at)\b[^.\n]{0,40}\boffices?\b|\b(?:located|based|headquartered) (?:in|at)\b|"
              r"\bhq\b|\b(?:world trade center|plaza|tower|floor|suite)\b|\b\d+\s+\w+\s+(?:street|st|avenue|ave|road|rd|boulevard|blvd|way|lane)\b"), unsaid="look_further"),
    Topic("news", "news subscriptions", "with",
          _re(r"\bnewspapers?\b|\b(?:news|newspaper|magazine|media|digital) subscriptions?\b|"
              r"\bnews(?: outlets?| sites?)?\b[^?]*\b(?:pay|read|subscri\w*|cover|free)\b|\b(?:pay|read|subscri\w*|cover|free)\b[^?]*\bnews\b"),
          _re(r"\bnewspapers?\b|\bnews subscriptions?\b|\bsubscriptions? to\b[^.\n]{0,40}\b(?:times|globe|post|journal|economist|news)\b|"
              r"\b(?:new york times|nyt|washington post|boston globe|wall street journal|the economist|financial times)\b")),
    Topic("response_time", "how soon applicants hear back", "saying",
          _re(r"\bget back to (?:me|you|us|candidates|applicants)\b|\bhear back\b|\bresponse time\b|\bhow (?:long|soon|fast|quickly)\b[^?]{0,40}\b(?:reply|respond|answer|hear|get back)\w*"),
          _re(r"\b(?:get back to|reply|replies|respond|response|hear (?:back )?from us)\b[^.\n]{0,50}\b(?:within|in)\b[^.\n]{0,20}\b(?:days?|weeks?|hours?)\b|"
              r"\bwithin (?:\w+ ){1,2}(?:working |business )?(?:days|weeks)\b")),
    Topic("sabbatical", "a sabbatical", "with",
          _re(r"\bsabbaticals?\b|\b(?:extended|long) (?:paid )?(?:break|leave|time off)\b|\bcareer breaks?\b|\blong[- ]service leave\b"),
          _re(r"\bsabbaticals?\b|\bcareer breaks?\b|\blong[- ]service leave\b|\bextended (?:paid )?leave\b")),
    Topic("background_check", "a background check", "with",
          _re(r"\bbackground (?:checks?|screening)\b|\bpre-?hire (?:screening|checks?)\b|\bscreening\b|\bcriminal (?:record|check|background)\b|"
              r"\bcredit (?:check|history)\b|\breference checks?\b"),
          _re(r"\bbackground (?:checks?|screening|investigation)\b|\bcriminal (?:background|record|history)\b|\bcredit history\b|\breference checks?\b|"
              r"\bpre-?employment screening\b")),
    Topic("requisition", "a requisition or reference number", "with",
          _re(r"\brequisition\b|\breq(?:uisition)? (?:number|no|id|#)\b|\bjob (?:id|number|code|ref\w*)\b|\breference (?:number|no|code)\b|\bref(?:erence)? (?:no|#)\b|"
              r"\b(?:what|which) (?:ref|reference|code)\b[^?]{0,30}\bquote\b|\bquote (?:a |the |which |what )?(?:ref|reference)\b"),
          _re(r"\b(?:req(?:uisition)?|job|reference|ref)(?: id| number| no\.?| code|#)?\s*[:#]?\s*[A-Z]{0,4}-?\d{3,}\b|\bquoting reference\b")),
    Topic("email_subject", "an email subject line", "with",
          _re(r"\bsubject(?: line)?\b|\bemail (?:title|heading)\b|\btitle (?:of|for) (?:the|my) email\b"),
          _re(r"\bsubject(?: line)?\b")),
    Topic("recruiter", "the recruiter's name", "naming",
          _re(r"\brecruiters?\b|\btalent partner\b|\bpoint of contact\b|\bwho(?:'s| is) (?:the )?(?:\w+/)?(?:recruiter|consultant|talent partner)\b|"
              r"\bconsultant (?:named|on|handling|for (?:the|this))\b|\bwho(?:'s| is) (?:handling|running) (?:the )?(?:search|hiring|role)\b"),
          re.compile(r"\b(?:[Rr]ecruiter|[Cc]onsultant|[Tt]alent (?:[Pp]artner|[Aa]cquisition)|[Cc]ontact)\b\W{1,6}[A-Z][a-z]+ [A-Z][a-z]+\b|"
                     r"\b[A-Z][a-z]+ [A-Z][a-z]+,? (?:our|the|a) (?:[Rr]ecruiter|[Tt]alent [Pp]artner)\b")),
    Topic("birthday", "a birthday off", "with", _re(r"\b(?:b-?day|birthday)s?\b"), _re(r"\bbirthday")),
    Topic("work_authorization", "a right-to-work requirement", "with",
          _re(r"\bright to work\b|\bwork(?:ing)? (?:authori[sz]ation|permit)\b|\bauthori[sz]ed to work\b|\beligible to work\b|\blegally (?:entitled|allowed|able) to work\b"),
          _re(r"\bright to work\b|\bwork(?:ing)? (?:authori[sz]ation|permit)\b|\bauthori[sz](?:ed|ation) to work\b|\beligib\w* to work\b|"
              r"\blegally (?:entitled|allowed|able) to work\b|\bwithout (?:visa )?sponsorship\b")),
    Topic("permanent", "a permanent contract", "with",
          _re(r"\bpermanent (?:contract|position|role|job|employment|hire)\b|\bperm (?:role|job|position)\b|\bunbefristet|"
              r"\b(?:convert|conversion|turn)\w* (?:in)?to (?:a )?(?:full[- ]time|permanent|perm)\b"),
          _re(r"\bpermanent\b(?! residen)|\bunbefristet\w*|\bCDI\b|\bopen-ended contract\b|"
              r"\bconver(?:t|ts|ted|ting|sion)\b[^.\n]{0,20}\b(?:to|into) (?:a )?(?:full[- ]time|permanent)\b")),
    Topic("conversion", "a return offer or conversion", "with",
          _re(r"\breturn offers?\b|\b(?:full[- ]time|permanent|perm) (?:conversion|offer|role) (?:after|at the end|once)\b|\b(?:full[- ]time|permanent) conversion\b"),
          _re(r"\breturn offers?\b|\bconver(?:t|ts|ted|ting|sion)\b[^.\n]{0,30}\b(?:full[- ]time|permanent)\b|\b(?:full[- ]time|permanent) (?:offer|conversion)\b"),
          unsaid="not_stated"),
    Topic("extension", "an extension", "with",
          _re(r"\bextend(?:ed|s|ing)?\b(?! (?:team|family|benefits?|(?:paid |unpaid )?(?:breaks?|leave|time off|holidays?|vacation|sabbatical)))|"
              r"\bextension\b|\brenew(?:ed|al|able)?\b"),
          _re(r"\b(?:extend(?:ed|able)?|extension|renew(?:ed|al|able)?)\b[^.\n]{0,40}\b(?:contract|term|months?|role|engagement|possib\w*)\b|"
              r"\b(?:possibility|option|chance|view) (?:of|to|for) (?:an? )?(?:extension|extend\w*|renewal)\b"),
          unsaid="not_stated"),
    Topic("rsu", "RSUs", "offering", _re(r"\brsus?\b|\brestricted stock\b"), _re(r"\brsus?\b|\brestricted stock"), narrows="equity"),
    Topic("dental", "dental cover", "with", _re(r"\bdental\b(?! (?:jobs?|roles?|practices?|clinics?|offices?|hygien\w*|assistants?))|\borthodont\w* (?:cover|coverage|care)\b"), _re(r"\bdental\b|\bdentists?\b|\borthodont\w*"),
          narrows="health", unsaid="not_stated"),
    # the Dutch "vakantiegeld": a sum paid on top of salary, not days off
    Topic("holiday_pay", "holiday pay", "with",
          _re(r"\bholiday (?:pay|bonus|money)\b|\bvakantiegeld\b|\burlaubsgeld\b|"
              r"\bholiday allowance\b(?=[^?]{0,40}\b(?:on top|salary|paid out|pay(?:s|ing)? out|percent|%|how much))"),
          _re(r"\bholiday (?:allowance|pay|bonus|money)\b[^.\n]{0,30}(?:\bon top\b|\bpaid in\b|%)|\d+ ?% holiday (?:allowance|pay)\b|"
              r"\bvakantiegeld\b|\burlaubsgeld\b")),
    Topic("pto", "paid time off", "with",
          _re(r"\bpaid time[- ]off\b|\bpto\b|\bvacation(?: days)?\b|\bannual leave\b|\bdays off\b|"
              r"\bholiday (?:allowance|days|entitlement)\b(?![^?]{0,40}\b(?:on top|salary|paid out|pay(?:s|ing)? out|percent|%|how much))|"
              r"\b(?:tak\w*|use|using|get|getting) (?:some |a (?:week|few days) )?time off\b"),
          _re(r"\bpaid time[- ]off\b|\bpto\b|\bvacation\b|\bannual leave\b|\bdays? off\b|\btime[- ]off\b|\bdays? of (?:paid )?holiday|\bholidays?\b")),
    Topic("four_day_week", "a four-day week", "with", _re(r"\b(?:four|4)[- ]day (?:work ?)?weeks?\b"), _re(r"\b(?:four|4)[- ]day\b")),
    Topic("laptop", "a laptop or equipment", "providing",
          _re(r"\b(?:laptops?|macbooks?|(?:a|your|my) mac\b|(?:work )?computers? (?:to work on|provided)|equipment)\b|"
              r"\bhardware\b(?=[^?]*\b(?:give|gives|get|provide\w*|offer\w*|issue\w*|budget|stipend|allowance|choose|choice|hand|hands|ship|ships|send|sends)\b)"),
          _re(r"\b(?:laptops?|macbook\w*|(?:new|your|a|latest|top[- ]spec) (?:mac|computer|equipment|hardware))\b(?! science)|"
              r"\b(?:equipment|hardware)\b[^.\n]{0,30}\b(?:provided|of your choice|budget|stipend|you need)\b")),
    Topic("hsa", "a health savings account", "with", _re(r"\bhsa\b|\bhealth savings\b"), _re(r"\bhsa\b|\bhealth savings\b")),
    Topic("pets", "pets at work", "with",
          _re(r"\bdogs?\b|\bpet[- ]friendly\b|\bbring (?:my|your|a|our|their) (?:pets?|cats?)\b|\bpets? (?:allowed|welcome|in the office|at work|to work)\b"),
          _re(r"\bdogs?\b|\bpet[- ]friendly\b|\bbring (?:your|their) (?:pets?|cats?)\b|\bpets? (?:allowed|welcome)\b")),
    Topic("offsite", "team offsites or retreats", "with",
          _re(r"\boff-?sites?\b|\bretreats?\b|\b(?:company|team|in[- ]person|annual) (?:meet-?ups?|gatherings?|get-?togethers?|summits?)\b"),
          _re(r"\boff-?sites?\b|\bretreats?\b|\bmeet-?ups?\b|\bget-?togethers?\b|\b(?:company|team|in[- ]person|annual|yearly) (?:gatherings?|summits?|events?)\b")),
    Topic("volunteer", "volunteering time", "with", _re(r"\bvolunteer\w*"), _re(r"\bvolunteer\w*|\bvto\b")),
    Topic("life_insurance", "life insurance", "with", _re(r"\blife (?:insurance|assurance|cover)\b"),
          _re(r"\blife (?:insurance|assurance|cover)\b|\bdeath in service\b")),
    Topic("nonprofit", "being a nonprofit", "", _re(r"\bnon[- ]?profits?\b|\bnot[- ]for[- ]profits?\b|\bcharit(?:y|ies|able)\b"),
          _re(r"\bnon[- ]?profit\b|\bnot[- ]for[- ]profit\b|\bcharit(?:y|ies|able)\b")),
    Topic("crypto", "crypto or blockchain work", "in", _re(r"\bcrypto\w*|\bblockchains?\b|\bweb3\b|\bdefi\b"),
          _re(r"\bcrypto\w*|\bblockchains?\b|\bweb3\b|\bdefi\b|\bon-chain\b|\bsmart contracts?\b")),
)

_NEGATED_ASK = re.compile(rf"\b{_NEG}\b|\bn't\b|\bunable\b|\brefus\w*|\brules? out\b|\bruling out\b|\bexclud\w*")


def topics_asked(question: str) -> list[Topic]:
    """The topics a (normalized) question names, a broader one dropped for the narrower asked with it."""
    found = [t for t in TOPICS if t.asked.search(question)]
    alternatives = bool(re.search(r"\bor\b", question))
    drop: set[str] = set()
    for narrow in (t for t in found if t.broader):
        spans = [m.span() for m in narrow.asked.finditer(question)]
        for broad in (t for t in found if t.name in narrow.broader):
            # "mental-health days off": the broader words are inside the narrower phrase, "or" or not
            inside = any(s <= a and b <= e for m in broad.asked.finditer(question) for a, b in [m.span()] for s, e in spans)
            if inside or not alternatives:
                drop.add(broad.name)
    return [t for t in found if t.name not in drop]


def asks_negative(question: str, topic: Topic) -> bool:
    """"which roles can't sponsor visas?": asked in the negative (a negation shortly before the topic's first
    word), and the topic can be denied. "RSUs (restricted stock, not options)" negates something else."""
    if topic.denies is None:
        return False
    # any mention asked in the negative: "i'll need sponsorship: which say they won't sponsor a visa?"
    return any(_NEGATED_ASK.search(question[max(0, m.start() - 30) : m.start()]) for m in topic.asked.finditer(question))


def sentence_says(sentence: str, topic: Topic, negative: bool) -> bool:
    """Whether one posting sentence says the topic (or, ``negative``, rules it out)."""
    if not topic.says.search(sentence):
        return False
    denied = topic.denies is not None and bool(topic.denies.search(sentence))
    return denied if negative else not denied


__all__ = ["Topic", "TOPICS", "EQUITY_SAYS", "BONUS_SAYS", "topics_asked", "asks_negative", "sentence_says"]
