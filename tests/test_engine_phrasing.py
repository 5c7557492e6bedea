"""Phrasings people use in Slack that the list parser, intent table and sentence splitter must read right.

Pure functions only (no index): each case fails if the parser regresses to the old reading.
"""

from __future__ import annotations

from bot.engine.intents import classify
from bot.engine.lists import _contains_place, _place_words, parse_filter
from bot.engine.text import sentences


def _parse(question: str):
    return parse_filter(question, technologies=lambda text: [], places={"berlin", "toronto", "london"})


def test_under_amount_is_a_ceiling_not_a_floor():
    f = _parse("which roles pay under 100k?")
    assert f is not None and f.max_salary == 100000 and f.min_salary is None


def test_roles_not_listing_pay():
    f = _parse("which roles don't list pay")
    assert f is not None and f.pay_unstated and f.currency is None and f.min_salary is None


def test_not_remote_and_remote_or_hybrid():
    assert _parse("which roles aren't remote?").workplace == "office"
    assert _parse("any roles that are remote or hybrid in germany?").workplace == "flexible"


def test_currency_named_in_words():
    assert _parse("which jobs pay in canadian dollars?").currency == "CAD"
    assert _parse("any roles in euros?").currency == "EUR"


def test_place_inside_a_longer_place_is_not_another_place():
    assert _parse("what jobs are open to people in latin america?").locations == ["latin america"]


def test_eu_excludes_uk_only_roles():
    f = _parse("which roles are in the EU?")
    assert f.locations == ["european union"]
    assert not _contains_place("London, UK", _place_words("european union"))
    assert _contains_place("Berlin, Germany", _place_words("european union"))


def test_home_office_is_not_office_time():
    f = _parse("who provides a home office stipend?")
    assert f is None or f.workplace is None


def test_open_in_a_city_is_a_list():
    f = _parse("what's open in berlin")
    assert f is not None and f.locations == ["berlin"]


def test_intent_typos_and_benefit_how_much():
    assert classify("whats the salery for the job") == "pay"
    assert classify("how much pto do they give?") == "benefits"
    assert classify("how many yrs of exp do they want") == "seniority"


def test_hard_wrapped_sentence_stays_whole():
    text = "Send your CV to\njobs@example.com. We reply.\n- Kotlin\n- Java"
    assert sentences(text) == ["Send your CV to\njobs@example.com.", "We reply.", "- Kotlin", "- Java"]
