"""What a question asks about: a keyword/regex table, checked in order (first match wins).

A table rather than a model: it is predictable, testable and instant, and the writers only need a coarse label
to pick which structured fact to answer from.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .linking import _common_words
from .text import expand_abbreviations, normalize

# Order matters: more specific asks first ("how many years" is seniority, not pay's "how much").
_TABLE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "apply",
        re.compile(r"\b(?:apply|applying|application|applications(?! (?:called|named|they|we|you|i)\b)|how (?:do|can) i (?:get|send)|where do i send|"
                   r"recruiter|contact|hiring manager|careers page|write to|email|e-mail|reach out)\b"),
    ),
    (
        "seniority",
        re.compile(
            r"\b(?:how many (?:years|yrs)|(?:years|yrs) of (?:experience|exp)|(?:years|yrs)' experience|yrs (?:exp|experience)|yoe|how senior|seniority|what levels?|which levels?|"
            r"entry[- ]level|junior|(?:is|it) (?:a )?(?:senior|staff|principal|lead)\b|an? (?:senior|junior|staff|principal|lead|mid[- ]level) (?:position|role|job|gig)|level(?:l)?ed|experience (?:do|does|is|are) (?:they|required|needed|it)|"
            r"experience required|experience needed|how much experience|need (?:any )?experience|new grad|graduate(?! dates?| years?| in| by| between)|"
            r"(?:amount|level|length) of (?:\w+ )?experience|minimum (?:\w+ )?experience)\b"
        ),
    ),
    (
        "pay",
        re.compile(
            r"(?:\b(?:pay|pays|paid|paying|salary|salaries|compensation|comp|wage|wages|earn|earning|money|how much|"
            r"rate|hourly|per hour|an hour|a day|day rate|base|range|ote|stipend for pay|remuneration|bonus|equity|stock(?! management| levels?| control)|stocks|"
            r"stock options?|share options?|rsus?|esops?|"
            r"package|band|usd|eur|gbp|cad|aud|nzd|chf|pln|inr|sek|nok|dkk)\b|[$€£]\s?\d|\b\d+\s?k\b)"
        ),
    ),
    (
        "employment_type",
        re.compile(
            r"\b(?:full[- ]?time|part[- ]?time|contract|contractor|contracting|freelance|freelancer|intern|internship|"
            r"internships|apprenticeship|temporary|temp|permanent|employment type|w2|1099|b2b|fixed[- ]term|"
            r"employee or|as an employee)\b"
        ),
    ),
    (
        "benefits",
        re.compile(
            r"\b(?:benefit|benefits|perk|perks|pto|vacation|holiday|holidays|leave|parental|maternity|paternity|"
            r"insurance|health|dental|vision|401k|401\(k\)|pension|retirement|stipend|stipends|allowance|equipment|"
            r"learning budget|wellness|time off|sick)\b"
        ),
    ),
    (
        "workplace",
        re.compile(
            r"\b(?:remote|remotely|hybrid|on[- ]?site|in[- ]office|in the office|office|wfh|work from home|from home|"
            r"working from home|in[- ]person|distributed|days a week|days per week|commute|relocate from home|"
            r"come in|come into|go in|go into|how many days (?:do|must|should|would|will|a|per|in|on)|on-?prem)\b"
        ),
    ),
    (
        "location",
        re.compile(
            r"\b(?:where|location|located|locations|based|city|cities|country|countries|region|time ?zones?|"
            r"relocat\w*|visa|sponsorship|sponsor|work permit|eligible|from which|hire in|hiring in)\b|"
            # "can it be done from europe, or is it US only?"
            r"\b(?:done|do it|work|worked|working|apply|applying) from (?:the |a )?(?:europe|abroad|overseas|canada|the uk|uk|the us|us|latam|asia|"
            r"another country|outside|anywhere)\b|\b(?:us|uk|eu|europe|emea|canada|usa|u\.s\.)[- ]only\b"
        ),
    ),
    (
        "stack",
        re.compile(
            r"\b(?:stack|tech|technology|technologies|language|languages|framework|frameworks|tools|tooling|"
            r"library|libraries|database|databases|datastores?|data stores?|data warehouses?|warehouses?|cloud|infrastructure|written in|use|uses|using|code in|coding|build with|built with|built on|"
            r"building with|"
            r"programming|python|golang|go|rust|java|javascript|typescript|ruby|elixir|kotlin|swift|scala|os|oses|operating systems?|rtos|"
            r"c\+\+|c#|\.net|php|react|node|kubernetes|aws|gcp|azure|sql|postgres\w*|kafka)\b"
        ),
    ),
)


_BY_INTENT = dict(_TABLE)

# Words people misspell in Slack ("salery", "benifits", "hybird"): a typo of one of these is read as it.
_KEYWORDS = (
    "salary", "salaries", "compensation", "remote", "remotely", "hybrid", "onsite", "office", "benefits", "insurance",
    "vacation", "experience", "seniority", "location", "located", "sponsor", "sponsorship", "relocation", "relocate",
    "languages", "language", "technologies", "framework", "stack", "internship", "contract", "contractor",
    "freelance", "part-time", "full-time", "apply", "application", "pension", "parental", "remuneration",
    "allowance", "stipend", "equity", "reimbursement", "recruiter", "interview", "headquarters", "fitness", "wellness",
    "android", "python", "kubernetes", "javascript", "typescript", "postgres", "firmware", "embedded", "engineers",
)  # fmt: skip


def fix_typos(text: str) -> str:
    """Replace a word that is no English word but is one edit-ish away from an intent keyword."""
    common = _common_words()
    out = []
    for tok in re.split(r"(\W+)", text):
        if len(tok) >= 5 and tok.isalpha() and tok not in common and tok not in _KEYWORDS:
            hit = process.extractOne(tok, _KEYWORDS, scorer=fuzz.ratio, score_cutoff=80)
            if hit:
                tok = hit[0]
        out.append(tok)
    return "".join(out)


# Asks whose key word is also a title word ("how senior is the senior backend role?", "is the reddit job senior?"):
# checked on the question as typed, before the linked postings' names and title words are stripped from it.
_LEVEL_ASK = re.compile(
    r"\bhow (?:senior|junior|experienced)\b|\bwhat (?:level|seniority)\b|"
    r"\b(?:is|are) (?:the |this |that |it |they )?(?:[\w.&'-]+ ){0,5}?(?:role|job|position|gig|posting|opening|one|it|they) "
    r"(?:a |an )?(?:senior|junior|staff|principal|lead|entry[- ]level|mid[- ]level|mid|graduate|intern)\b"
    r"(?! (?:and |or )?(?:remote|hybrid|on-?site|full[- ]time|part[- ]time|contract|paid)\b)"
)
# "is it open to people in NZ?", "do they hire outside the US?", "can I work from Lisbon?": where applicants may be.
_WHERE_FROM_ASK = re.compile(
    r"\bopen to (?:\w+ ){0,2}?(?:in|from|outside|based in|living in|located in)\b|"
    r"\b(?:hire|hires|hiring|recruit\w*) (?:people |folks |candidates |anyone |engineers )?(?:in|from|outside)\b|"
    r"\b(?:work|apply|live) from (?!home\b|the office\b|an office\b|office\b|anywhere\b)\w+"
)


# Money that is the company's, not the role's: funding raised, revenue, money moved for customers.
_COMPANY_MONEY = re.compile(
    r"\bhow much (?:funding|capital|revenue|arr|volume|investment|vc money)\b|\b(?:valuation|revenue|funding round)\b|"
    r"\bmaking (?:any )?money\b|\bprofitab\w*|\bburn(?:ing)? (?:through )?(?:cash|money|funding)\b|\brunway\b|\bin the (?:black|red)\b|"
    r"\bhow much (?:money|cash)\b[^?]{0,80}\b(?:raise|raised|move|moves|moved|process|processes|processed|handle|handles|"
    r"generate|generates|manage|manages|invest|invested)\b"
)
_SOFTWARE_APPS = re.compile(r"\b((?:client'?s?|their|our|web|mobile|legacy|internal|in-house|business)\s+(?:\w+\s+)?)applications\b")
_PAYS_FOR = re.compile(r"(?<!\bthe )(?<!\bthe base )\bpay(?:s|ing)?\s+(?:for|towards?)\s+(?![^?.,;]{0,40}\b(?:role|job|position|gig|opening|senior|junior|staff|lead|principal|"
                       r"eng|engineer|developer|dev|manager|intern|designer|analyst|scientist|spot|seat|slot|post|vacancy|listing|one)s?\b)(?:(?:the|a|an|your|my|our|their)\s+)?"
                       r"(?!(?:the|your|our|their)\b)[a-z]{3,}|"
                       r"\bpay\s+(?:for\s+)?(?:you|u)\s+to\b")
_AMOUNT_OF_NOT_MONEY = re.compile(r"\bhow much (?:(?:is|of|of the|of my|time is|time)\s+)?(travel\w*|time|notice|overlap|flexib\w*|autonomy|on-?call|coding|meetings?|ownership|"
                                  r"hands-on|management|managing|mentoring|responsibility)\b")
_WHICH_PLACE = re.compile(r"\b(?:which|what) (?:city|cities|town|country|countries|state|states)\b"
                          r"(?! (?:mgmt|management|machines?|libs?|libraries|store|of)\b)")  # "which state mgmt libs?"
_BENEFIT_ASK = re.compile(r"\bpaid (?:time off|leave|holidays?|vacation|sick|parental)\b|\b(?:budget|stipend|allowance|reimburse\w*)\b")
_SALARY_WORDS = re.compile(r"\b(?:salary|salaries|base|compensation|comp|wage|rate|hourly|earn)\b")


def asks_benefit(question: str) -> bool:
    """"any paid time off?", "how much is the conference budget?": a benefit, read before title words are stripped
    (a "Part-Time" title would leave "paid off")."""
    text = normalize(question)[:4000]
    return bool(_BENEFIT_ASK.search(text)) and not _SALARY_WORDS.search(text)


def asks_level(question: str) -> bool:
    """Whether the question asks how senior a role is, read before title words are stripped from it."""
    return bool(_LEVEL_ASK.search(normalize(question)[:4000]))


def classify(question: str) -> str:
    """One of ``context.INTENTS``; "general" when nothing specific is asked."""
    text = fix_typos(normalize(expand_abbreviations(question))[:4000])
    text = _SOFTWARE_APPS.sub(r"\1apps", text)  # "the client's applications you'd maintain" are software, not applying
    if _WHERE_FROM_ASK.search(text) and not _BY_INTENT["pay"].search(text):
        return "location"
    if _COMPANY_MONEY.search(text):
        return "general"  # "how much funding has Stream raised?" asks about the company, not the role's pay
    if _PAYS_FOR.search(text):
        return "benefits"  # "will they pay for a coworking space?", "which news outlets do they pay for?": a perk
    if _AMOUNT_OF_NOT_MONEY.search(text):
        return classify(_AMOUNT_OF_NOT_MONEY.sub(r"what \1", text))  # "how much travel is involved?" is no pay ask
    if _WHICH_PLACE.search(text):
        return "location"  # "which city is the office in?" asks where, not whether there is an office
    if re.search(r"\b401\s?\(?k\)?", text):  # "401k" is a retirement benefit, not a "401k" salary
        return "benefits"
    if re.search(r"\b(?:benefits?|perks?) package\b", text):  # "package" alone is pay; a benefits package is not
        return "benefits"
    if _BENEFIT_ASK.search(text) and not _SALARY_WORDS.search(text):
        return "benefits"  # "any paid time off?", "how much is the conference budget?": a benefit, not the salary
    if re.search(r"\brelocation (?:package|assistance|support|help|budget|bonus|stipend)\b", text):
        return "location"  # help with moving is asked where the posting talks about moving, not in its pay
    if re.search(r"\b(?:can|could|may) (?:\w+ians?|\w+ans|\w+ese|people (?:from|in|outside)|someone (?:from|in|outside)|non-\w+|i|we) "
                 r"(?:apply|work|live|be based)(?: remotely| remote)? (?:from|in|outside)\b(?! (?:home|the office|an office|office)\b)"
                 r"|\b(?:can|could|may) \w+(?:ians?|ans|ese) apply\b", text):
        return "location"  # "can canadians apply?" asks where applicants may be
    described = _WORKPLACE_DESCRIPTOR.sub(" ", text)
    if described != text:
        # "the remote rails shop - free bookkeeping?": "remote" says which posting, the ask is what's left
        rest = classify(described)
        if rest != "general" or asks_something(described):
            return rest
    benefits = _BY_INTENT["benefits"]
    for intent, pattern in _TABLE:
        if pattern.search(text):
            if intent == "pay" and benefits.search(text) and not _STRONG_PAY.search(text):
                continue  # "how much pto?" asks about a benefit; "how much" alone is not pay
            if intent == "employment_type" and not _EMPLOYMENT_ASK.search(text):
                # "the tidewater part-time gig - what's the stack?": the word names the posting; ask what's left
                rest = pattern.sub(" ", text)
                later = classify(rest)
                if later != "general" or asks_something(rest):
                    return later
            return intent
    return "general"


# "the remote rails shop", "that hybrid berlin job": a workplace word naming the posting, not asking about it
_WORKPLACE_DESCRIPTOR = re.compile(
    r"\b(?:the|a|an|that|this|your|their|those|these)\s+(?:fully\s+|100%\s+)?(?:remote|hybrid|on-?site|in-office)\b(?=\s+[\w.+#-]+)"
    r"(?!\s+(?:or|and|roles?\?|jobs?\?|work|working|option|setup|policy|days?)\b)"
)
_ASK_FILLER = frozenset("heard hear whats what's thats that's about anything something really any idea thanks thx pls please".split())

# An employment word that is the ask itself: "is it a contract?", "full-time or part-time?", "what kind of employment".
_EMPLOYMENT_ASK = re.compile(
    r"\b(?:is|are|it|this|that|role|job|gig|position|posting|one)\s+(?:a\s+|an\s+|only\s+|just\s+)?(?:full|part|contract|perm|temp|"
    r"freelance|fixed|intern|permanent|w2|1099|b2b)|\bor\s+(?:a\s+)?(?:full|part|contract|perm|temp|freelance|fixed|intern)|"
    r"\b(?:full|part)[- ]?time\s+or\b|\bcontract\s+or\b|employment type|type of (?:employment|contract|role)|"
    r"kind of (?:employment|contract|role)|\b(?:w2|1099|b2b|ir35|employee or)\b|how long|duration|length of|"
    r"\b(?:contract|internship|apprenticeship) (?:length|term)\b"
)
_ASK_STOP = frozenset(
    """a an the is are was be it its this that these do does did i we you they he she any some of on in at for to
    from with by and or but what whats which who how when where why can could would will should there here than
    me my our your their them get got gig job role position posting opening one thing ones roles jobs""".split()
)


def asks_something(text: str) -> bool:
    """Whether words are left that ask something ("security clearance", "return offer") once names are gone."""
    return any(w not in _ASK_STOP and w not in _ASK_FILLER and (len(w) > 2 or w in _SHORT_ASKS)
               for w in re.findall(r"[a-z0-9][a-z0-9+#-]*", text) if not w.isdigit())  # "401k" asks, "2" doesn't


_SHORT_ASKS = frozenset("hq pto tz ai ml qa ui ux os go js ts db eu uk us".split())


_STRONG_PAY = re.compile(
    r"\b(?:pay|pays|paid|paying|salary|salaries|compensation|comp|wage|wages|earn|earning|money|rate|hourly|base|range|"
    r"band|ote|remuneration|bonus|equity)\b|[$€£]\s?\d|\b\d+\s?k\b"
)


# Where one message asks two things ("is it remote and what's the pay?"): a break before a new question word.
_ASK_BREAK = re.compile(
    r"\?\s+(?=\S)|;\s*|,?\s+(?:and|&|\+|plus|also|but)\s+(?=(?:is|are|does|do|did|what|whats|what's|how|hows|how's|where|wheres|where's|when|whens|"
    r"when's|who|whos|who's|which|can|could|will|would|any|is there|are there|should|has|have)\b)|,\s+(?=(?:is|are|does|do|what|whats|what's|how|"
    r"where|where's|when|when's|who|who's|which|can|could|will|would|any)\b)",
    re.I,
)


# Who is asking and where, said before the question: "recruiter q:", "manager here -", "candidate asked me",
# "in the corpus,": none of it is the ask, and "corpus" must not read as a place or a term ("which of our postings" stays: it lists).
_PREAMBLE = re.compile(
    r"^\s*(?:(?:quick |a )?(?:q|question)|recruiter(?: (?:here|q|question|asking))?|(?:hiring )?manager(?: here| asking)?|"
    r"(?:a )?candidate (?:asked|asking|wants to know)(?: me)?|(?:my )?friend (?:asked|asking|wants to know)(?: me)?|"
    r"(?:free food|sanity|quick) check|fyi|hey|hi|hello|ok|so|corpus(?: search| q| question| perks)?|(?:lol |haha )?random (?:one|q|question)|of ours)\s*(?:[:,\-–]\s*|\s(?=what|which|who|how|where|when|is|are|does|do|can|any))|"
    r"^\s*(?!(?:what|which|who|how|where|when|is|are|does|do|can|any|will|would)\b)(?:[\w'/]+ ){1,3}(?:here|question|q)(?: lol| lmao| tbh)?\s*[:\-–]\s*",  # "international student here -", "gym rat question lol:"
    re.I)
_SCOPE = re.compile(r"\b(?:looking )?(?:in|across|from|among|within) (?:the|our|your|these|all (?:the|our)) (?:big |bigger |wider |whole |entire |full )?(?:corpus|scraped (?:set|data|corpus)|posting set|set of postings)\b,?\s*|"
                    r"\bsearching (?:the )?(?:big |bigger |wider |whole |entire |full )?(?:corpus|posting set) for\s*|"
                    r"\bcorpus[- ]wide\b,?\s*|\bscraped\s+(?=(?:postings|ones|jobs|roles|ads|listings)\b)", re.I)


# "which JVM runtimes would count as a bonus?": a nice-to-have, not a pay bonus
_NICE_TO_HAVE = re.compile(r"\b(?:count|counts|counted|be|is|are|as)\s+(?:as\s+)?an?\s+bonus\b(?!\s+(?:scheme|plan|pool|target|payment|structure))|"
                           r"\b(?:required|must[- ]have|needed|essential) or (?:a |just )?(?:bonus|nice[- ]to[- ]have|plus)\b|\bbonus (?:skills?|points?)\b", re.I)


def asked_part(question: str) -> str:
    """The question without who asks and where ("recruiter q: for the axios opening, ..." -> "for the axios ..."),
    and with "would count as a bonus" read as the nice-to-have it is, not as pay."""
    text = _PREAMBLE.sub("", question, count=1)
    text = _SCOPE.sub("", text).lstrip(" :,-–")
    text = _NICE_TO_HAVE.sub("nice to have", text)
    return text if text.strip() else question


def split_asks(question: str) -> list[str]:
    """The separate asks of one question, in order; one item when it asks one thing."""
    q = question.strip()
    pieces: list[tuple[str, str]] = []  # (text, the break after it)
    start = 0
    for m in _ASK_BREAK.finditer(q):
        pieces.append((q[start : m.start()], m.group(0)))
        start = m.end()
    pieces.append((q[start:], ""))
    # "friend is on a student visa, does the internship need work authorization?", "... for? i finish in may 2026":
    # a statement around the question is context, not an ask
    asked = [text for text, brk in pieces if "?" in brk or text.rstrip().endswith("?") or _QUESTION_START.match(text)]
    parts = [p.strip(" ,?-") for p in (asked or [text for text, _ in pieces])]
    # "... free bookkeeping?? whats that about": a part that asks nothing of its own belongs to the one before
    parts = [p for p in parts if len(p.split()) >= 2 and asks_something(normalize(p))]
    merged: list[str] = []
    for part in parts:  # "any wfh stipend? how much", "mental health benefit? which provider": one ask, not two
        if merged and (_BARE_FOLLOW_ON.match(part) or (classify(part) == "general" and len(_own_words(part)) <= 1)
                       or not [w for w in _own_words(part) if w not in _AMOUNT_ONLY]):
            merged[-1] += "? " + part
        else:
            merged.append(part)
    return merged if len(merged) > 1 else [question]


# "how long and after how many yrs": amounts of the thing asked before, nothing of their own
_AMOUNT_ONLY = frozenset("long often much many soon after before until years yrs year months month weeks week days day hours exactly roughly about".split())
_BARE_FOLLOW_ON = re.compile(r"^\s*(?:and\s+)?(?:how (?:much|many|long|often)|which one|what kind|since when|until when|when)\s*(?:is it|are they|exactly|then)?\s*[?.!]*\s*$", re.I)


def _own_words(part: str) -> list[str]:
    """The words of a part that could name what it asks about."""
    return [w for w in re.findall(r"[a-z0-9][a-z0-9+#-]*", normalize(part))
            if w not in _ASK_STOP and w not in _ASK_FILLER and (len(w) > 2 or w in _SHORT_ASKS)]


# How a question opens, after an optional "<name> - " that says which posting it is about.
_QUESTION_START = re.compile(
    r"^\s*(?:[^?]{0,60}?(?:\s[-–—]|:)\s+)?(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have|what|whats|what's|how|hows|how's|"
    r"where|wheres|where's|when|whens|when's|who|whos|who's|which|why|any|anything|is there|are there)\b", re.I)
