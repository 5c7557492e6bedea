"""Perks, conditions and multi-part asks, through the real engine over a real index of knowledge/.

Each case names the postings or sentences the sample postings hold (checked by hand against knowledge/), so a
regression in the topic table, the list filters or the ask splitter changes an answer here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.intents import classify, split_asks
from bot.engine.language import written_language
from bot.engine.topics import sentence_says, topics_asked


def _names(answer) -> set[str]:
    return {Path(s.source).name for s in answer.sources}


@pytest.fixture(scope="module")
def engine(engine_env):
    return engine_env[2]


# -- topics, pure -----------------------------------------------------------------------------------------------
def test_topic_said_and_denied() -> None:
    visa = next(t for t in topics_asked("can they sponsor a visa?") if t.name == "visa")
    assert sentence_says("We can sponsor a highly skilled migrant visa.", visa, negative=False)
    assert not sentence_says("We can't sponsor visas for this role.", visa, negative=False)
    assert sentence_says("We can\u2019t sponsor visas for this role.", visa, negative=True)  # curly apostrophe
    assert not sentence_says("Pro-actively mentor, sponsor and up-level engineers.", visa, negative=False)


def test_equity_is_not_inventory_or_inclusion() -> None:
    equity = next(t for t in topics_asked("who offers equity?") if t.name == "equity")
    assert not sentence_says("la maintenance de l'application de gestion de stock", equity, negative=False)
    assert not sentence_says("We value diversity, equity and inclusion.", equity, negative=False)
    assert not sentence_says("Pay shown is base only and does not include equity.", equity, negative=False)
    assert sentence_says("Salary plus stock options and a bonus.", equity, negative=False)


def test_written_language() -> None:
    assert written_language("Wir suchen dich für unser Team und bieten dir ein tolles Umfeld mit flachen Hierarchien.") == "de"
    assert written_language("We are looking for an engineer to join our team and build the platform with us.") == "en"


def test_asks_split_only_at_a_new_question() -> None:
    assert split_asks("is the axios role remote and what's the pay?") == ["is the axios role remote", "what's the pay"]
    assert split_asks("does it need go and rust?") == ["does it need go and rust?"]
    assert split_asks("free bookkeeping?? whats that about") == ["free bookkeeping?? whats that about"]


def test_descriptor_words_do_not_set_the_intent() -> None:
    assert classify("what's the data stack on the part-time gig?") == "stack"
    assert classify("is the gig part-time?") == "employment_type"
    assert classify("the remote rails shop - do they give equity?") == "pay"
    assert classify("is the cobblestone role remote or hybrid?") == "workplace"


# -- lists over knowledge/ ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which roles say they can't sponsor visas?", {"harbourline-staff-platform-engineer.md"}),
        ("who can sponsor a visa?", {"polder-backend-engineer-java.md"}),
        ("which roles have on-call duty?", {"kiezwerk-senior-rust-engineer.html", "ledgerly-engineering-manager-payments.html",
                                            "polder-backend-engineer-java.md"}),
        ("which applications close in june?", {"fernhill-contract-python-developer.txt", "harbourline-staff-platform-engineer.md",
                                               "maplecraft-junior-frontend-developer.txt", "mares-lead-ios-engineer.md"}),
        ("hybrid roles in the office 3 or more days a week?", {"brightwave-software-engineering-intern.pdf",
                                                              "harbourline-staff-platform-engineer.md", "mares-lead-ios-engineer.md"}),
        ("part time or contract work?", {"fernhill-contract-python-developer.txt", "tidewater-part-time-data-engineer.txt"}),
    ],
)
def test_list_by_topic_and_filter(engine, question: str, expected: set[str]) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.text
    assert _names(answer) == expected, answer.text


def test_leftover_word_must_meet_the_filter_in_one_sentence(engine) -> None:
    names = _names(engine.answer("hybrid roles where tuesday is an office day?"))
    assert {"harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html"} <= names
    assert "northgate-embedded-software-engineer.md" not in names  # on-site; its Tuesdays are lunches


def test_years_of_experience_bounds(engine) -> None:
    at_least = _names(engine.answer("which roles need at least 8 years of experience?"))
    assert "harbourline-staff-platform-engineer.md" in at_least  # "8+ years"
    assert "polder-backend-engineer-java.md" not in at_least  # "3+ years"
    at_most = _names(engine.answer("roles for someone with 3 years experience?"))
    assert "polder-backend-engineer-java.md" in at_most and "harbourline-staff-platform-engineer.md" not in at_most


def test_holiday_days_and_email_applications(engine) -> None:
    days = _names(engine.answer("who gives 25+ days of holiday?"))
    assert {"harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html"} <= days
    assert "axios-senior-backend-engineer.md" not in days  # 12 weeks for caregivers is parental leave, not holiday
    email = _names(engine.answer("which ones can I apply to just by emailing my CV?"))
    assert {"fernhill-contract-python-developer.txt", "mares-lead-ios-engineer.md"} <= email


def test_role_kinds_and_places_do_not_match_passing_mentions(engine) -> None:
    assert not engine.answer("we hiring electricians?").answered  # maplecraft's learners are electricians
    assert not engine.answer("anything in singapore?").answered


def test_best_paid_never_compares_currencies(engine) -> None:
    answer = engine.answer("what's the highest paying role?")
    assert answer.answered and answer.sources
    assert "highest stated yearly pay in each currency" in answer.text


# -- single postings -------------------------------------------------------------------------------------------
def test_multi_part_question_answers_both_parts(engine) -> None:
    answer = engine.answer("how big is harbourline and where's their HQ?")
    assert "140 people" in answer.text and "headquartered in Shoreditch" in answer.text


def test_topic_asked_but_absent_is_not_stated(engine) -> None:
    answer = engine.answer("parental leave at tidewater?")
    assert answer.answered and "doesn't state" in answer.text and "raising kids" not in answer.text


def test_topic_sentences(engine) -> None:
    assert "RRSP matching up to 4%" in engine.answer("northgate robotics - any retirement matching?").text
    assert "system design" in engine.answer("whats the interview loop at harbourline like?").text
    assert "June 9" in engine.answer("when does the brightwave internship start?").text
    assert "BPSS" in engine.answer("does the leeds consultancy contract need any security clearance?").text


def test_described_and_clipped_postings_link(engine) -> None:
    answer = engine.answer("maple craft junior FE - what do they use for testing?")
    assert _names(answer) == {"maplecraft-junior-frontend-developer.txt"}
    answer = engine.answer("do you need french for the toronto junior frontend job?")
    assert _names(answer) == {"maplecraft-junior-frontend-developer.txt"} and "French" in answer.text


def test_named_contract_terms_are_answered_or_not_stated(engine) -> None:
    assert "outside IR35" in engine.answer("is the fernhill contract inside ir35?").text
    assert "limited company" in engine.answer("is the fernhill contract W2 or through a limited company?").text
    assert "doesn't state" in engine.answer("is the tidewater job W2 or 1099?").text


# -- asks the rules used to misread --------------------------------------------------------------------------------
def _filter(question: str):
    from bot.engine.lists import parse_filter

    return parse_filter(question, technologies=lambda _text: [], places=set())


def test_sentences_with_the_asked_words_answer(engine) -> None:
    # "travel" is also a topic (business travel); the sentence naming train travel is the answer
    assert "NS Business Card" in engine.answer("polder java - do they pay for train travel?").text
    assert "Médis" in engine.answer("who's the health insurer for the lisbon ios lead gig?").text
    # one shared word is no evidence: Cobblestone's "recruiter call" says nothing about on-call
    assert "doesn't state" in engine.answer("is there on-call at cobblestone?").text


def test_company_money_is_not_the_roles_pay() -> None:
    assert classify("how much funding has stream raised?") == "general"
    assert classify("how much money does ledgerly move for its customers per year?") == "general"
    assert classify("what does the ledgerly EM role pay?") == "pay"


def test_a_place_that_names_the_posting_is_no_place(engine) -> None:
    answer = engine.answer("who would i actually be working w day to day in cobblestones squad?")
    assert _names(answer) == {"cobblestone-senior-rails-engineer.md"} and "designer" in answer.text


def test_a_definite_description_is_one_posting_not_a_list() -> None:
    from bot.engine.lists import looks_like_list

    assert not looks_like_list("which payments thing does the surf-school booking platform integrate with?")
    assert looks_like_list("what's the highest paying role?")
    assert looks_like_list("which roles are fully remote?")


def test_list_filters_read_more_shapes() -> None:
    assert set(_filter("anything paying in zloty or aussie dollars?").currency.split("|")) == {"AUD", "PLN"}
    assert _filter("which ones pay in something other than US dollars?").currency == "!USD"
    assert _filter("which roles want 5 or more yrs of experience?").min_years == 5
    assert _filter("anything asking 3 or fewer years of experience?").max_years == 3
    assert _filter("can i bring my dog to work anywhere?").locations == []  # "anywhere": at any company
    assert _filter("remote jobs i could do from anywhere?").locations == ["anywhere"]
    assert _filter("which ones don't mention health insurance at all?").topics_absent


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which ones pay in something other than US dollars?",
         {"fernhill-contract-python-developer.txt", "harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html",
          "maplecraft-junior-frontend-developer.txt", "mares-lead-ios-engineer.md", "northgate-embedded-software-engineer.md",
          "polder-backend-engineer-java.md"}),  # euros a month
        ("where do they hand you a laptop (macbook etc)?", {"brightwave-software-engineering-intern.pdf", "mares-lead-ios-engineer.md"}),
    ],
)
def test_lists_over_new_shapes(engine, question: str, expected: set[str]) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.text
    assert _names(answer) == expected, answer.text


def test_postings_silent_on_a_topic(engine) -> None:
    names = _names(engine.answer("which ones don't mention health insurance at all?"))
    assert {"fernhill-contract-python-developer.txt", "kiezwerk-senior-rust-engineer.html"} <= names
    assert not names & {"medium-principal-backend-engineer.md", "mares-lead-ios-engineer.md"}  # both name their cover


# -- session 4: answers that do not deny what they quote, more asks and list shapes ------------------------------
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("the kiezwerk rust role, what's the pay?", "65.000"),  # the first part only names the posting
        ("maplecraft junior FE - is there a conference budget? when does it kick in", "after your first six months"),
        ("medium - any mental health benefit? which provider", "Talkspace"),  # a follow-on leans on the ask before
        ("how many holiday days at ondaviva?", "27 working days"),  # the figure is five words from "holiday"
        ("how much PTO does medium give?", "Unlimited PTO"),  # unlimited is an amount
        ("is the tidewater gig full time?", "part-time"),  # "time" is a title word and the ask
        ("tidewater data eng - how many hrs a week is it?", "20 hours a week"),
    ],
)
def test_answers_state_the_fact_without_denying_it(engine, question: str, fact: str) -> None:
    answer = engine.answer(question)
    assert fact.lower() in answer.text.lower(), answer.text
    assert "doesn't state" not in answer.text and "does not state" not in answer.text, answer.text


def test_a_missing_ask_is_said_after_the_answered_one(engine) -> None:
    text = engine.answer("is the polder role hybrid, and is there a gym stipend?").text
    assert text.startswith("*Medior Backend Engineer (Java)* at Polder Mobility is hybrid"), text
    assert "doesn't state anything about a gym or fitness benefit" in text
    quoting = engine.answer("polder java - is there a pension, and is there a gym stipend?").text
    assert "doesn't state anything about a gym or fitness benefit; on the rest," in quoting and "PFZW" in quoting, quoting


def test_asks_that_look_like_other_intents() -> None:
    from bot.engine.offline import _asks_salary

    assert not _asks_salary("do they give tokens or equity on top of base?")
    assert _asks_salary("what's the base?")
    assert classify("how much travel is involved?") != "pay"
    assert classify("mews .net backend job - which city is the office in?") == "location"
    assert classify("which office days are required at harbourline?") == "workplace"


def test_exclusions_unions_and_numbered_steps() -> None:
    from bot.engine.offline import _NOT_HIRING_ASK, _NOT_HIRING_SAYS
    from bot.engine.text import sentences

    assert _NOT_HIRING_ASK.search("which states won't they hire in?")
    assert _NOT_HIRING_SAYS.search("Note: We currently don't hire in Colorado, California, Seattle area, or New York metro")
    assert not _NOT_HIRING_SAYS.search("We hire in every US state.")
    union = next(t for t in topics_asked("is the analytics job unionized?") if t.name == "union")
    assert sentence_says("subject to a collective bargaining agreement with the Communications Workers of America", union, negative=False)
    assert not sentence_says("Interns work from our Manhattan office near Union Square three days a week,", union, negative=False)
    steps = "3. Interview with an Engineering Manager or an Engineering Team Leader\n4. (async) Code exercise\n7. Interview with our VP"
    assert sentences(steps) == ["Interview with an Engineering Manager or an Engineering Team Leader", "(async) Code exercise",
                                "Interview with our VP"]  # one item each, however long the line before


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which ones offer visa sponsorship or relocation support?",  # topics joined by "or": either matches
         {"ledgerly-engineering-manager-payments.html", "polder-backend-engineer-java.md"}),
        ("which ones mention parental or caregiver leave?",
         {"axios-senior-backend-engineer.md", "harbourline-staff-platform-engineer.md", "ledgerly-engineering-manager-payments.html",
          "medium-principal-backend-engineer.md"}),
        ("who has a learning / training budget?",
         {"axios-senior-backend-engineer.md", "harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html",
          "maplecraft-junior-frontend-developer.txt", "medium-principal-backend-engineer.md", "ondaviva-senior-elixir-engineer.md"}),
        ("any fully in-office jobs, zero remote days?",
         {"ledgerly-engineering-manager-payments.html", "northgate-embedded-software-engineer.md"}),
        ("where's kafka mentioned?",
         {"harbourline-staff-platform-engineer.md", "ledgerly-engineering-manager-payments.html", "medium-principal-backend-engineer.md",
          "polder-backend-engineer-java.md"}),
    ],
)
def test_lists_over_session_four_shapes(engine, question: str, expected: set[str]) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.text
    assert _names(answer) == expected, answer.text


def test_a_typo_of_an_ask_does_not_link_a_company(engine) -> None:
    answer = engine.answer("which companies would sponser my visa?")
    assert answer.text.startswith("Open roles"), answer.text
    assert "polder-backend-engineer-java.md" in _names(answer)


@pytest.mark.parametrize(
    ("question", "posting", "fact"),
    [
        # a title word ("Payments Platform") links one posting; the rare words describe another
        ("which payments thing does the surf-school booking platform integrate with?", "ondaviva-senior-elixir-engineer.md", "Stripe Connect"),
        # nothing named, retrieval without a clear leader: the description decides
        ("whats the interview process like at the amsterdam e-bike company?", "polder-backend-engineer-java.md", "visit to our workshop"),
        # a statement around the question is context, not a second ask
        ("friend is on a student visa, does the brightwave internship need US work authorization?",
         "brightwave-software-engineering-intern.pdf", "Authorization to work in the United States"),
        # "how much" on its own leans on the ask before it
        ("axios news backend gig - do they chip in for wfh costs? how much", "axios-senior-backend-engineer.md", "$100 monthly"),
        ("where was the outdoor adventure booking startup founded + how many ppl now?", "ondaviva-senior-elixir-engineer.md", "started in Porto in 2019"),
        ("how many yrs xp for the ledgerly EM job?", "ledgerly-engineering-manager-payments.html", "7+ years"),  # shorthand
        ("how many weeks of parental leave at axios?", "axios-senior-backend-engineer.md", "12 weeks"),
    ],
)
def test_described_postings_and_follow_ons(engine, question: str, posting: str, fact: str) -> None:
    answer = engine.answer(question)
    assert Path(answer.sources[0].source).name == posting, answer.text
    assert fact in answer.text and "doesn't state" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("how much extra do u get paid for on-call weeks at kiezwerk?", "doesn't state the amount"),  # "(one week in six, paid)"
        ("how much is maplecraft's conference budget?", "doesn't state the amount"),  # not the $1,000 learning allowance
        ("how many days a week in the office at cobblestone?", "doesn't state how many days a week"),
    ],
)
def test_amounts_and_office_days_not_stated(engine, question: str, missing: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and missing in answer.text, answer.text


def test_a_perk_word_is_no_workplace_filter(engine) -> None:
    names = _names(engine.answer("which postings have a home office allowance or wfh stipend?"))
    assert names == {"axios-senior-backend-engineer.md", "cobblestone-senior-rails-engineer.md", "maplecraft-junior-frontend-developer.txt",
                     "medium-principal-backend-engineer.md", "ondaviva-senior-elixir-engineer.md"}
    remote_only = _names(engine.answer("which remote roles have a wfh stipend?"))
    assert "maplecraft-junior-frontend-developer.txt" not in remote_only and "axios-senior-backend-engineer.md" in remote_only


@pytest.mark.parametrize(
    ("question", "posting", "fact"),
    [
        ("what does the senior backend role pay?", "axios-senior-backend-engineer.md", "$155,000 - $190,000"),  # the README's own ask
        ("which testing libs does the toronto junior frontend team use pls", "maplecraft-junior-frontend-developer.txt", "Vitest"),
        ("applying to mares by email - what should i send?", "mares-lead-ios-engineer.md", "jobs@mares.studio"),  # "Marés"
        ("medium principal backend - will they pay for a coworking space?", "medium-principal-backend-engineer.md", "co-working"),
        ("medium principal BE - what therapy app do they cover?", "medium-principal-backend-engineer.md", "Talkspace"),
        ("how much money does the nyc payables/receivables fintech hiring a payments EM move in a year?",
         "ledgerly-engineering-manager-payments.html", "$38 billion"),
    ],
)
def test_generic_titles_descriptions_accents_and_perks(engine, question: str, posting: str, fact: str) -> None:
    answer = engine.answer(question)
    assert Path(answer.sources[0].source).name == posting, answer.text
    assert fact in answer.text and "doesn't state" not in answer.text, answer.text


def test_a_generic_title_names_each_posting_that_holds_it(engine) -> None:
    names = _names(engine.answer("what does the backend role pay?"))
    assert names == {"axios-senior-backend-engineer.md", "medium-principal-backend-engineer.md", "polder-backend-engineer-java.md"}


@pytest.mark.parametrize(
    "question",
    ["what's the max you can borrow on the harbourline oyster season ticket loan?", "what's the conference budget amount at maplecraft?"],
)
def test_an_amount_named_without_a_sum_is_not_stated(engine, question: str) -> None:
    assert "doesn't state the amount" in engine.answer(question).text


def test_company_size_lists(engine) -> None:
    small = engine.answer("which companies say they have fewer than 50 people?")
    assert _names(small) == {"fernhill-contract-python-developer.txt", "kiezwerk-senior-rust-engineer.html", "mares-lead-ios-engineer.md",
                             "ondaviva-senior-elixir-engineer.md", "tidewater-part-time-data-engineer.txt"}, small.text
    assert "50" not in small.text  # the asker's threshold is not echoed as if a posting said it
    assert _names(engine.answer("any companies with more than 100 employees?")) == {
        "harbourline-staff-platform-engineer.md", "ledgerly-engineering-manager-payments.html"}


def test_pay_ceilings_and_floors_read_their_direction() -> None:
    from bot.engine.lists import parse_filter

    above = parse_filter("which jobs have a US-dollar pay range that tops out above $200k?", technologies=lambda _t: [],
                         places={"united states"})  # "US-dollar" is a currency, not the place
    assert (above.min_salary, above.max_salary, above.currency, above.locations) == (200000.0, None, "USD", [])
    below = _filter("salaried USD jobs where the band tops out at 170k or less?")
    assert (below.min_salary, below.max_salary) == (None, 170000.0)


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("if i apply to kiezwerk how long before they get back to me?", "within ten working days"),
        ("is cobblestone actually making money or are they still burning through funding?", "profitable since 2021"),  # not pay
        ("which data warehouse do the part-time data engineer's airflow pipelines load into?", "Snowflake"),  # one posting, no list
    ],
)
def test_company_facts_and_possessive_roles(engine, question: str, fact: str) -> None:
    answer = engine.answer(question)
    assert fact in answer.text and len(answer.sources) == 1, answer.text


def test_a_description_never_swallows_the_ask(engine) -> None:
    from bot.engine.lists import without_descriptions

    assert without_descriptions("whats the interview process for the surf app lead ios role?").startswith("whats the interview process for")
    assert "doesn't state anything about the interview process" in engine.answer("whats the interview process for the surf app lead ios role?").text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which roles include equity, stock or share options in the package?",  # "package" is no place
         {"harbourline-staff-platform-engineer.md", "ledgerly-engineering-manager-payments.html", "northgate-embedded-software-engineer.md"}),
        ("which jobs come with money for learning, courses or conferences?",
         {"axios-senior-backend-engineer.md", "harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html",
          "maplecraft-junior-frontend-developer.txt", "medium-principal-backend-engineer.md", "ondaviva-senior-elixir-engineer.md"}),
    ],
)
def test_lists_that_read_the_whole_perk(engine, question: str, expected: set[str]) -> None:
    assert _names(engine.answer(question)) == expected


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("brightwave summer intern - which days do they have to be in the office?", "Tuesday to Thursday"),  # the days, not the count
        ("how often would the berlin rust forecasting person be carrying the pager?", "one week in six"),  # pager is on-call
        ("axios - is there some kind of wellbeing day off? how often do you get one", "one mental health day every quarter"),
    ],
)
def test_days_pagers_and_wellbeing(engine, question: str, fact: str) -> None:
    assert fact in engine.answer(question).text


def test_counted_perks_and_metro_areas(engine) -> None:
    from bot.engine.lists import parse_filter

    assert _names(engine.answer("which postings spell out how many weeks of parental/caregiver leave you get?")) == {
        "axios-senior-backend-engineer.md", "harbourline-staff-platform-engineer.md", "ledgerly-engineering-manager-payments.html"}
    area = parse_filter("anything in or around Chicago?", technologies=lambda _t: [], places={"chicago"})
    assert area.locations == ["chicago area"]
    assert parse_filter("anything in chicago?", technologies=lambda _t: [], places={"chicago"}).locations == ["chicago"]
    assert parse_filter("which jobs rule out sponsoring work visas?", technologies=lambda _t: [], places=set()).topics_negative


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # who asks is not the ask: "recruiter" must not read as "how do I apply", and the question is echoed as asked
        ("recruiter q: for the axios senior backend opening, what levels could the hire end up being slotted at?", "Senior II or Staff"),
        ("cobblestone mentions a share of the profits for staff - what time of year does that money land?", "paid out each spring"),
        ("applying to the lisbon ios lead job by email - is there a specific subject line they want?", '"Lead iOS"'),
        ("can i relocate for the marés job?", "move to the Lisbon area"),
    ],
)
def test_preambles_profit_shares_subjects_and_moving(engine, question: str, fact: str) -> None:
    answer = engine.answer(question)
    assert fact in answer.text, answer.text
    assert answer.question == question


def test_relocation_help_unsaid_is_not_answered_by_a_move_of_databases(engine) -> None:
    text = engine.answer("recruiter here - does harbourline offer relocation help for the staff platform role?").text
    assert "doesn't state anything about relocation help" in text and "Postgres" not in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which of our postings let you take a day off on your birthday?",  # "a day off" is no day rate
         {"harbourline-staff-platform-engineer.md", "mares-lead-ios-engineer.md"}),
        ("manager here - which roles are hybrid, i.e. some set office days and the rest from home?",  # not REST, not remote
         {"brightwave-software-engineering-intern.pdf", "harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html",
          "maplecraft-junior-frontend-developer.txt", "mares-lead-ios-engineer.md", "polder-backend-engineer-java.md"}),
    ],
)
def test_lists_after_a_preamble(engine, question: str, expected: set[str]) -> None:
    assert _names(engine.answer(question)) == expected


def test_a_named_posting_before_a_colon_is_no_list_and_bonus_can_mean_nice_to_have(engine) -> None:
    single = engine.answer("medium principal BE perks: who provides the mental health support?")
    assert "Talkspace" in single.text and _names(single) == {"medium-principal-backend-engineer.md"}, single.text
    kafka = engine.answer("kafka - which of our openings mention it, required or bonus?")
    assert _names(kafka) == {"harbourline-staff-platform-engineer.md", "ledgerly-engineering-manager-payments.html",
                             "medium-principal-backend-engineer.md", "polder-backend-engineer-java.md"}, kafka.text
    assert _names(engine.answer("which companies get everyone together in person for offsites or retreats?")) == {
        "medium-principal-backend-engineer.md", "ondaviva-senior-elixir-engineer.md"}


def test_words_of_scope_are_no_places_and_no_criteria() -> None:
    from bot.engine.lists import looks_like_list, parse_filter

    comp = parse_filter("which postings include equity / stock options / share options in the comp", technologies=lambda _t: [], places=set())
    assert comp.locations == [] and comp.topics == ["equity"]
    assert parse_filter("anything for someone basically fresh out of school / no real experience?", technologies=lambda _t: [],
                        places=set()).seniority == "junior"
    assert looks_like_list("where is vacation literally uncapped (unlimited PTO)?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "(not profit sharing)" rules a perk out, it asks for none; Harbourline's share options count
        ("which of these come with equity — stock options, share options, that kind of thing (not profit sharing)",
         {"harbourline-staff-platform-engineer.md", "ledgerly-engineering-manager-payments.html", "northgate-embedded-software-engineer.md"}),
        # "aren't a regular full-time job, like contracts, part-time or internships": full-time is ruled out
        ("which ones aren't a regular permanent full-time salaried job, like contracts, part-time or internships",
         {"brightwave-software-engineering-intern.pdf", "fernhill-contract-python-developer.txt", "tidewater-part-time-data-engineer.txt"}),
        # "match" and "contribution" are how pensions are asked, not a word each posting must use
        ("retirement stuff: which roles mention a pension, 401k or RRSP match?",
         {"axios-senior-backend-engineer.md", "harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html",
          "ledgerly-engineering-manager-payments.html", "northgate-embedded-software-engineer.md", "polder-backend-engineer-java.md"}),
        # in-person offsites are a perk, not a workplace filter
        ("which companies do whole-company in-person offsites or retreats?",
         {"medium-principal-backend-engineer.md", "ondaviva-senior-elixir-engineer.md"}),
        # "be" is a verb here, not "backend": a list, not the one backend title
        ("remote roles where i'd actually be writing python?",
         {"axios-senior-backend-engineer.md", "fernhill-contract-python-developer.txt", "tidewater-part-time-data-engineer.txt"}),
        # "zero wfh" and "butt-in-seat every weekday" are on-site
        ("need to know which of our roles are butt-in-seat every weekday — zero wfh",
         {"ledgerly-engineering-manager-payments.html", "northgate-embedded-software-engineer.md"}),
        ("hybrid ones where it's only 2 days a week in the office?",
         {"kiezwerk-senior-rust-engineer.html", "maplecraft-junior-frontend-developer.txt", "polder-backend-engineer-java.md"}),
        # the word after a perk ("on-call rotation or escalation path") belongs to it
        ("which of our roles put you on an on-call rotation or escalation path?",
         {"kiezwerk-senior-rust-engineer.html", "ledgerly-engineering-manager-payments.html", "polder-backend-engineer-java.md"}),
        ("moving to europe next year (uk counts) - which of our postings are based over there",
         {"fernhill-contract-python-developer.txt", "harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html",
          "mares-lead-ios-engineer.md", "ondaviva-senior-elixir-engineer.md", "polder-backend-engineer-java.md"}),
    ],
)
def test_lists_that_rule_out_and_lists_that_read_their_asides(engine, question: str, expected: set[str]) -> None:
    answer = engine.answer(question)
    assert _names(answer) == expected, answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("lisbon surf-forecast app, lead ios: what hardware do they hand you", "MacBook Pro and iPhone"),
        ("polder holiday pay?", "8% holiday allowance on top, paid in May"),  # the Dutch holiday allowance is money
        ("how many days of holiday allowance does polder give?", "26 vacation days"),
    ],
)
def test_hardware_and_holiday_pay(engine, question: str, fact: str) -> None:
    assert fact in engine.answer(question).text


def test_list_cues_scope_words_and_asides() -> None:
    from bot.engine.intents import asked_part
    from bot.engine.lists import looks_like_list, parse_filter

    assert asked_part("international student here - which internships offer visa?") == "which internships offer visa?"
    assert asked_part("how is it here: remote?") == "how is it here: remote?"  # a question word opens no preamble
    assert "scraped" not in asked_part("which of the scraped postings list mongodb?")
    for q in ("every posting that mentions rust", "google cloud / GCP shops ?", "contractor / freelance gigs (incl ones that offer it)",
              "android work? any role where you'd be building apps"):
        assert looks_like_list(q), q
    def read(q: str):
        return parse_filter(q, technologies=lambda _t: [], places=set())
    assert read("which ones explicitly rule out remote - in the office every day?").workplace == "onsite"
    assert read("which jobs need at least 3 days a week in the office?").office_days_cmp == ">="
    assert read("anything android-related - ICs, managers, apprentices, whatever") is None  # no level, no filter
    assert read("which companies are publicly traded?").topics == ["listed"]
    assert read("which postings say how long the parental leave is (weeks or months)?").topics_counted


def test_a_narrower_perk_unsaid_quotes_the_broader_one(engine) -> None:
    text = engine.answer("does the health plan at marés cover dental too? need to know before i move").text
    assert "doesn't state dental cover" in text and "Médis" in text, text
    assert [t.name for t in topics_asked("which roles give rsus, not options?")] == ["rsu"]
    assert {t.name for t in topics_asked("health or dental insurance?")} == {"health", "dental"}  # alternatives stay


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # after a dash, the ask; the bracketed description before it names the posting
        ("harbourline (container freight) staff eng — what's the pay?", "£85,000"),
        ("fernhill python contract - what's the contract length", "6 months"),
        ("harbourline interview stages?", "system design conversation"),
    ],
)
def test_asks_after_a_dash_and_process_steps(engine, question: str, fact: str) -> None:
    assert fact in engine.answer(question).text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # the definite description names the posting; "e-bike" is one word
        ("how long's the trial/probation before the amsterdam e-bike company makes the contract permanent", "two months"),
        ("how many devs are on the engineering team at the trades e-learning co in toronto?", "15 of them in engineering"),
        # a page break mid-sentence in the PDF no longer cuts the office days off
        ("for the clinic-scheduling startup's summer intern gig, which weekdays do you have to be in manhattan", "Tuesday to Thursday"),
        ("when's the kick-off date on that 6 month python contract for the housing association repairs project", "14 July 2025"),
    ],
)
def test_descriptions_compounds_and_page_breaks(engine, question: str, fact: str) -> None:
    answer = engine.answer(question)
    assert fact in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "unsaid"),
    [
        ("fernhill python contract - could it get extended past the six months?", "an extension"),
        ("will mares pay for my move to lisbon if i get the lead ios job", "relocation help"),  # not "willing to move"
    ],
)
def test_unsaid_extensions_and_moving_help(engine, question: str, unsaid: str) -> None:
    assert f"doesn't state anything about {unsaid}" in engine.answer(question).text


def test_lists_of_what_is_not_and_thresholds_that_define_the_most(engine) -> None:
    not_us = _names(engine.answer("which roles aren't in the US at all"))
    assert "ledgerly-engineering-manager-payments.html" not in not_us and "polder-backend-engineer-java.md" in not_us
    assert _names(engine.answer("which ones pay the most - i.e. a base salary that can go above $150k a year")) == {
        "axios-senior-backend-engineer.md", "ledgerly-engineering-manager-payments.html"}
    assert _names(engine.answer("which positions aren't ordinary permanent full-time jobs (internships, contracts, part-time etc)")) == {
        "brightwave-software-engineering-intern.pdf", "fernhill-contract-python-developer.txt", "tidewater-part-time-data-engineer.txt"}
    assert _names(engine.answer("I want at least 25 days of annual leave. Which postings actually promise that many?")) == {
        "harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html", "mares-lead-ios-engineer.md",
        "ondaviva-senior-elixir-engineer.md", "polder-backend-engineer-java.md"}


def test_descriptions_by_clause_and_workplaces_either_way(engine) -> None:
    pay = engine.answer("whats the pay for the junior frontend spot at the company that makes online courses for electricians & plumbers")
    assert "CA$68,000" in pay.text, pay.text  # "the pay for the spot" is the salary, "courses" no learning perk
    from bot.engine.lists import parse_filter
    either = parse_filter("which postings are located in germany (city or germany-remote)", technologies=lambda _t: [], places={"germany"})
    assert either.workplace is None and either.locations == ["germany"]
    assert parse_filter("which postings are tied to a german city, not just 'remote germany'", technologies=lambda _t: [],
                        places={"germany"}).workplace == "office"


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Kiezwerk senior rust: minimum amount of backend experience they're asking for?", "At least 5 years of professional backend"),
        ("emailing the leeds consultancy about their django contract - what ref do i need to quote", "FD-2291"),
        ("my friend might take the EM job at ledgerly's payments platform group. how many enginers are on it right now?", "eight engineers"),
    ],
)
def test_experience_in_prose_references_and_typos(engine, question: str, fact: str) -> None:
    assert fact in engine.answer(question).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("lol random one - where do you get a free day off on your bday?", {"harbourline-staff-platform-engineer.md", "mares-lead-ios-engineer.md"}),
        ("I'll need visa sponsorship to move - which companies say they can sponsor?", {"polder-backend-engineer-java.md"}),  # "move" is no Move
        ("which jobs need me in the office every single weekday",
         {"ledgerly-engineering-manager-payments.html", "northgate-embedded-software-engineer.md"}),
        ("which of our european jobs are hybrid, i.e. a few fixed office days in a city over there + rest from home",
         {"harbourline-staff-platform-engineer.md", "kiezwerk-senior-rust-engineer.html", "mares-lead-ios-engineer.md", "polder-backend-engineer-java.md"}),
    ],
)
def test_lists_in_shorthand_and_europe(engine, question: str, expected: set[str]) -> None:
    answer = engine.answer(question)
    assert _names(answer) == expected, answer.text


def test_parental_leave_of_at_least_a_length_and_return_offers(engine) -> None:
    from bot.engine.lists import parse_filter

    f = parse_filter("which jobs offer four months or more of paid parental leave?", technologies=lambda _t: [], places=set())
    assert f.min_parental_weeks and round(f.min_parental_weeks) == 17 and "four" not in f.description
    assert _names(engine.answer("which jobs give 16+ weeks of parental leave?")) == {  # Axios's 12 weeks are too few
        "harbourline-staff-platform-engineer.md", "ledgerly-engineering-manager-payments.html"}
    text = engine.answer("brightwave intern: is there a return offer or full-time conversion after the summer?").text
    assert "doesn't state" in text and "return offer" in text


def test_a_company_with_one_role_is_no_list_and_asides_name_it(engine) -> None:
    paid = engine.answer("medium (the blogging site) principal backend: does the ad print a base salary band anywhere? need numbers")
    assert _names(paid) == {"medium-principal-backend-engineer.md"} and "doesn't state the pay" in paid.text, paid.text
    bonus = engine.answer("harbourline staff platform eng — is there an annual bonus as well as the share options?").text
    assert "doesn't state a bonus" in bonus and "share options" in bonus, bonus
    assert "June 9 to August 29" in engine.answer("summer internship at the clinic scheduling startup in nyc - what are the first and last days?").text
    assert [t.name for t in topics_asked("which give mental-health days off?")] == ["wellness_days"]
    assert {t.name for t in topics_asked("health or dental insurance?")} == {"health", "dental"}


@pytest.mark.parametrize(
    "question",
    [
        "which of our openings pay a sign-on bonus",  # Ledgerly's annual bonus is no signing bonus
        "is there a role that comes with a company car",
        "any job that gives you free breakfast at the office?",  # lunch is no breakfast
    ],
)
def test_narrow_perks_nobody_offers_match_nothing(engine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered and answer.sources == [], answer.text


def test_lists_asked_as_who_on_our_list_and_of_ours(engine) -> None:
    assert _names(engine.answer("who on our list will actually sponsor a visa")) == {"polder-backend-engineer-java.md"}
    assert _names(engine.answer("of ours, which quote an hourly or daily rate rather than annual pay")) == {
        "fernhill-contract-python-developer.txt", "tidewater-part-time-data-engineer.txt"}
    assert _names(engine.answer("unlimited PTO anywhere in our openings?")) == {"medium-principal-backend-engineer.md"}
    learning = _names(engine.answer("where would i get a yearly budget or stipend for learning / training / courses?"))
    assert "maplecraft-junior-frontend-developer.txt" in learning and "tidewater-part-time-data-engineer.txt" not in learning
