"""Tests for storyline.extract.dateline.find_dateline."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.dateline import Dateline, find_dateline


@pytest.mark.parametrize(("body", "text", "place", "agency"), [
    ("BERLIN (AP) — The German government said on Tuesday...", "BERLIN (AP)", "BERLIN", "AP"),
    ("WASHINGTON (Reuters) - The Federal Reserve held rates.", "WASHINGTON (Reuters)", "WASHINGTON", "Reuters"),
    ("LONDON, March 3 (Reuters) - British shares fell.", "LONDON, March 3 (Reuters)", "LONDON", "Reuters"),
    ("PARIS — France's president said on Monday...", "PARIS", "PARIS", None),
    ("NEW YORK, NY (CNN) -- A man was arrested.", "NEW YORK, NY (CNN)", "NEW YORK, NY", "CNN"),
    ("WOODBURN, Ore. (AP) — A bomb explosion at a bank...", "WOODBURN, Ore. (AP)", "WOODBURN, Ore.", "AP"),
    ("TEHRAN (Reuters) - A 5.6 magnitude earthquake hit...", "TEHRAN (Reuters)", "TEHRAN", "Reuters"),
    ("BEIJING, Dec. 14 (Xinhua) -- The election...", "BEIJING, Dec. 14 (Xinhua)", "BEIJING", "Xinhua"),
    ("HAMBURG (dpa) - Police said...", "HAMBURG (dpa)", "HAMBURG", "dpa"),
    ("WINSTON-SALEM, N.C. (AP) — A man...", "WINSTON-SALEM, N.C. (AP)", "WINSTON-SALEM, N.C.", "AP"),
    ("SÃO PAULO (AFP) – Brazil's central bank...", "SÃO PAULO (AFP)", "SÃO PAULO", "AFP"),
    ("(CNN) — President Obama said...", "(CNN)", None, "CNN"),
    ("  MIAMI — The Heat won.", "MIAMI", "MIAMI", None),
    ("By Jane Doe\nBERLIN (AP) — The government said...", "BERLIN (AP)", "BERLIN", "AP"),
    # a date where the place goes (a clustering dev page): the agency's dateline, no place
    ("MONDAY, July 2 (HealthDay News) -- Kids who...", "MONDAY, July 2 (HealthDay News)", None, "HealthDay News"),
    ("TUESDAY (AP) — The vote...", "TUESDAY (AP)", None, "AP"),
    ("EXCLUSIVE (Reuters) - The minister said...", "EXCLUSIVE (Reuters)", None, "Reuters"),
])
def test_dateline_found(body: str, text: str, place: str | None, agency: str | None) -> None:
    assert find_dateline(body) == Dateline(text=text, place=place, agency=agency)


@pytest.mark.parametrize("body", [
    "",
    "The AP reported that the minister resigned.",
    "In Berlin (the capital) officials said the vote was delayed.",
    "In Berlin (the capital) — officials said the vote was delayed.",
    "US (and allies) are preparing new sanctions.",
    "US (and allies) — preparing new sanctions.",
    "NASA - the space agency - said the launch was delayed.",  # a hyphen without an agency
    "BREAKING NEWS - 3 DEAD in bank fire",
    "Police said (AP) - nothing more.",
    "OK — so here is what happened.",
    "A 5.6 magnitude earthquake hit an island off Iran's southern coast on Sunday.",
    "Berlin (AP) — lower-case place names are not wire datelines.",
    "BERLIN (the capital) — officials said.",
    "BERLIN (AP) says the report was wrong.",  # no dash after the parentheses
    "MAY — the month of the vote.",  # a month is no place, and there is no agency
    "MONDAY, Ore. (AP) — a region after a weekday is no place either",
    "Yesterday (Tuesday) — a date word is no agency",  # the review: the outlet had become "Tuesday"
    "Today (Election Day) — lower-case date words are no dateline",
    "EXCLUSIVE — a kicker is no place",
])
def test_no_dateline(body: str) -> None:
    assert find_dateline(body) is None


def test_dateline_must_start_within_first_200_characters() -> None:
    lead = "A sentence without a dateline goes on and on. " * 5  # 230 characters
    assert find_dateline(lead + "\nBERLIN (AP) — Late dateline.") is None
    assert find_dateline("Short lead.\nBERLIN (AP) — Early dateline.") is not None


def test_dateline_in_mid_sentence_is_ignored() -> None:
    assert find_dateline("He said that BERLIN (AP) — was the source.") is None


def test_dateline_is_frozen() -> None:
    found = find_dateline("PARIS — France said.")
    assert found is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.place = "LYON"  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_text_is_from_the_input(body: str) -> None:
    found = find_dateline(body)
    if found is not None:
        assert found.text and found.text in body
        assert found.place is None or found.place.split(",")[0] in body
        assert found.agency is None or found.agency in body


def test_the_dateline_says_where_it_starts():
    assert find_dateline("By JEROME SMITH\nROME — Pope Francis said").start == 16
    assert find_dateline("  MIAMI — The Heat won.").start == 2
