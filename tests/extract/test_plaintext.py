"""Tests for storyline.extract.plaintext: scraped ECB+ fixtures, edge cases and properties."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.plaintext import TextPiece, parse_plain_text

TEXT_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"
EXPECTED: dict[str, dict] = json.loads((TEXT_FIXTURES / "expected.json").read_text(encoding="utf-8"))


def _read(name: str) -> str:
    # Bytes first: read_text() would translate the CRLF fixture's line endings for us.
    return (TEXT_FIXTURES / name).read_bytes().decode("utf-8")


def test_every_fixture_has_expectations() -> None:
    on_disk = {path.name for path in TEXT_FIXTURES.glob("*.txt")}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 8
    assert sum(len(spec["pieces"]) > 1 for spec in EXPECTED.values()) >= 2


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    spec = EXPECTED[name]
    pieces = parse_plain_text(_read(name))
    assert [p.title for p in pieces] == [want["title"] for want in spec["pieces"]]
    for piece, want in zip(pieces, spec["pieces"]):
        assert piece.published == want["published"]
        assert piece.authors == tuple(want["authors"])
        for sentence in want["must_contain"]:
            assert sentence in piece.text, f"{name}: lost body sentence {sentence!r}"
        for furniture in want["must_not_contain"]:
            assert furniture not in piece.text, f"{name}: furniture {furniture!r} left in the body"
        assert "\n\n\n" not in piece.text and piece.text == piece.text.strip()


def test_crlf_fixture_really_uses_crlf_and_nbsp() -> None:
    raw = _read("palin_church_crlf.txt")
    assert "\r\n" in raw and "\u00a0" in raw
    assert parse_plain_text(raw) == parse_plain_text(raw.replace("\r\n", "\n").replace("\u00a0", " "))


def test_text_piece_is_frozen() -> None:
    piece = parse_plain_text("Police arrested a man on Friday.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        piece.title = "x"  # type: ignore[misc]


@pytest.mark.parametrize("raw", ["", "   \n\n \t", "\r\n\r\n"])
def test_empty_text_gives_no_pieces(raw: str) -> None:
    assert parse_plain_text(raw) == []


def test_only_furniture_gives_no_pieces() -> None:
    raw = ("Skip to main content\nShare\nTweet\nEmail\nAdvertisement\n"
           "Photo: AP\nSign up for our newsletter\nFollow us on Twitter\nComments\n"
           "Recommended Articles\nFive things to know today\nWeather for the weekend\n")
    assert parse_plain_text(raw) == []


def test_first_sentence_is_not_a_headline() -> None:
    raw = "Police arrested a man on Friday.\n\nHe was released on bail on Saturday morning."
    (piece,) = parse_plain_text(raw)
    assert piece.title is None
    assert piece.text == "Police arrested a man on Friday.\n\nHe was released on bail on Saturday morning."


def test_single_line_is_body_not_title() -> None:
    (piece,) = parse_plain_text("Storm closes schools across the state")
    assert piece.title is None and piece.text == "Storm closes schools across the state"


def test_headline_needs_following_text_and_no_sentence_end() -> None:
    (piece,) = parse_plain_text("Storm closes schools\nSchools across the state were closed on Monday.")
    assert piece.title == "Storm closes schools"
    (piece,) = parse_plain_text("Storm closes schools!\nSchools across the state were closed on Monday.")
    assert piece.title is None


def test_crlf_and_single_newlines_make_paragraphs() -> None:
    raw = ("Storm closes schools\r\nSchools across the state were closed on Monday.\r\n"
           "Officials said they would reopen on Wednesday.\r\n")
    (piece,) = parse_plain_text(raw)
    assert piece.title == "Storm closes schools"
    assert piece.text.split("\n\n") == ["Schools across the state were closed on Monday.",
                                         "Officials said they would reopen on Wednesday."]


def test_hard_wrapped_lines_are_joined_and_spaces_normalised() -> None:
    raw = "Storm closes schools\n\nSchools\u00a0across  the state were\nclosed on Monday,\nofficials said."
    (piece,) = parse_plain_text(raw)
    assert piece.text == "Schools across the state were closed on Monday, officials said."


def test_short_real_paragraph_is_kept() -> None:
    raw = ("Storm closes schools\n\nSchools across the state were closed on Monday after the storm.\n\n"
           "Nobody was hurt.\n\nPrint.\n\nOfficials said they would reopen on Wednesday.")
    (piece,) = parse_plain_text(raw)
    assert "Nobody was hurt." in piece.text.split("\n\n")
    assert "Print." in piece.text.split("\n\n")  # a full stop makes it a sentence, not a button


def test_related_list_items_dropped_until_normal_paragraph() -> None:
    raw = ("Storm closes schools\n\nSchools across the state were closed on Monday after the storm.\n"
           "Related stories\nWinter storm warning issued\nHow to prepare your home\nSnow days: a history\n"
           "Officials said the schools would reopen on Wednesday if the roads are clear.\n")
    (piece,) = parse_plain_text(raw)
    assert piece.text == ("Schools across the state were closed on Monday after the storm.\n\n"
                          "Officials said the schools would reopen on Wednesday if the roads are clear.")


def test_duplicate_caption_without_credit_is_dropped() -> None:
    raw = ("Storm closes schools\n\nA snow plough clears a road in Boston.\n"
           "A snow plough clears a road in Boston. REUTERS/Jane Doe\n"
           "Schools across the state were closed on Monday after the storm.")
    (piece,) = parse_plain_text(raw)
    assert piece.text == "Schools across the state were closed on Monday after the storm."


def test_repeated_line_is_dropped() -> None:
    raw = "Schools were closed on Monday.\nA bus is stuck in snow.\nA bus is stuck in snow.\nThey reopen Wednesday."
    (piece,) = parse_plain_text(raw)
    assert piece.text.count("A bus is stuck in snow.") == 1


@pytest.mark.parametrize(("line", "published"), [
    ("Updated 3:45 PM ET, Tue March 3, 2009", "2009-03-03T15:45:00-05:00"),
    ("Published: 2009-03-03", "2009-03-03"),
    ("Last modified on Tue 3 Mar 2009 15.45 GMT", "2009-03-03T15:45:00+00:00"),
    ("Posted May 2, 2013 at 12:50 p.m.", "2013-05-02T12:50:00"),
    ("Updated 3 hours ago", None),
    ("Updated 3:45 PM ET, Tue March 3", None),  # no year: never guessed
    ("UPDATE: November 8, 8:25 AM CST", None),  # multinews-validation-166's first line, its title before
    ("Update: March 3, 2009 3:45 PM ET", "2009-03-03T15:45:00-05:00"),
])
def test_timestamp_lines(line: str, published: str | None) -> None:
    (piece,) = parse_plain_text(f"Storm closes schools\n{line}\nSchools were closed on Monday after the storm.")
    assert piece.published == published
    assert line not in piece.text and piece.title == "Storm closes schools"


@pytest.mark.parametrize(("line", "published"), [
    ("Published 3:15 p.m. PST, Dec. 13, 2008", "2008-12-13T15:15:00-08:00"),
    ("Updated: 12/13/2008 10:02 PM EST", "2008-12-13T22:02:00-05:00"),
    ("Posted 9:30 a.m. AKST, Feb. 2, 2010", "2010-02-02T09:30:00-09:00"),
    ("Published 10:00 JST, March 11, 2011", "2011-03-11T10:00:00+09:00"),
    ("Last updated 18:20 CET, 4 March 2009", "2009-03-04T18:20:00+01:00"),
    ("Published 14:05 IST, 4 March 2009", "2009-03-04T14:05:00"),  # India, Ireland or Israel: no offset
    ("Published 14:05 BST, 4 March 2009", "2009-03-04T14:05:00"),  # British Summer or Bangladesh
    ("Updated 3:45 PM ET, Tue March 3, 2009", "2009-03-03T15:45:00-05:00"),  # New York's offset that day: EST
    ("Posted: Sat, 7 Jul 2012 18:30 ET", "2012-07-07T18:30:00-04:00"),  # EDT (the demo's Ringside Report)
    ("Updated 9:10 a.m. PT, Aug. 1, 2016", "2016-08-01T09:10:00-07:00"),
    ("Published: Dec. 13, 2008 PST", "2008-12-13"),  # a day alone takes no offset
])
def test_a_timestamp_line_s_zone_abbreviation_gives_its_offset_unless_ambiguous(line: str, published: str) -> None:
    (piece,) = parse_plain_text(f"Storm closes schools\n{line}\nSchools were closed on Monday after the storm.")
    assert piece.published == published


def test_published_line_beats_updated_line() -> None:
    raw = "Updated: March 4, 2009\nPublished: March 3, 2009\nSchools were closed on Monday after the storm."
    assert parse_plain_text(raw)[0].published == "2009-03-03"


def test_date_inside_body_is_text_not_a_timestamp() -> None:
    raw = "Schools were closed on Monday after the storm.\nFeb. 5, 2018:\nThe first storm of the year hit."
    (piece,) = parse_plain_text(raw)
    assert piece.published is None and "Feb. 5, 2018:" in piece.text


@pytest.mark.parametrize(("line", "authors"), [
    ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    ("By Jane Doe, Associated Press", ("Jane Doe",)),
    ("BY JANE DOE | Updated 3:45 PM ET, Tue March 3, 2009", ("JANE DOE",)),
    ("By Reuters", ()),
])
def test_byline(line: str, authors: tuple[str, ...]) -> None:
    (piece,) = parse_plain_text(f"Storm closes schools\n{line}\nSchools were closed on Monday after the storm.")
    assert piece.authors == authors
    assert "By" not in piece.text and "BY" not in piece.text


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    raw = "By the end of the day, police had arrested two men.\nBoth were released."
    (piece,) = parse_plain_text(raw)
    assert piece.authors == () and piece.text.startswith("By the end of the day")


def test_next_article_marker_splits_pieces() -> None:
    raw = ("Storm closes schools\nSchools across the state were closed on Monday after the storm.\n"
           "Up next\nCity council approves budget\n"
           "The city council approved the budget for next year on Tuesday evening after a long debate "
           "about road repairs and the cost of new buses for the schools.\n")
    first, second = parse_plain_text(raw)
    assert first.title == "Storm closes schools" and "council" not in first.text
    assert second.title == "City council approves budget"
    assert second.text.startswith("The city council approved the budget")


def test_teaser_list_after_read_more_is_not_a_piece() -> None:
    raw = ("Schools across the state were closed on Monday after the storm.\nRead more\n"
           "Winter storm warning issued\nHow to prepare your home for snow\nSnow days: a history\n")
    (piece,) = parse_plain_text(raw)
    assert piece.text == "Schools across the state were closed on Monday after the storm."


def test_read_more_teaser_line_is_dropped_not_split() -> None:
    raw = ("Schools across the state were closed on Monday.\nRead more: Winter storm warning issued\n"
           "Officials said they would reopen on Wednesday.")
    (piece,) = parse_plain_text(raw)
    assert piece.text.split("\n\n") == ["Schools across the state were closed on Monday.",
                                         "Officials said they would reopen on Wednesday."]


def _words_of_input(raw: str) -> str:
    # The only characters the parser deletes outright (rather than treating as whitespace).
    text = raw.replace("\ufeff", "").replace("\u200b", "")
    return text + "\n" + _drop_caps_joined(text)


def _drop_caps_joined(text: str) -> str:
    """The input with every one-letter line put back onto the next line's first word, as a drop cap is ("T" +
    "he most likely ..."): the only words the parser makes of two."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    present = [line for line in lines if line]
    # each one-letter line with the next (past empty lines), whatever came before it: ["0", "B", "a"] gives "Ba", which
    # joining greedily from the start ("0B", then "a") missed (hypothesis found it)
    return "\n".join(one + line for one, line in zip(present, present[1:]) if len(one) == 1)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_only_keeps_input_words(raw: str) -> None:
    source = _words_of_input(raw)
    for piece in parse_plain_text(raw):
        assert isinstance(piece, TextPiece)
        assert piece.text
        for word in piece.text.split() + (piece.title or "").split():
            assert word in source


_LINE = st.one_of(
    st.sampled_from(["Share", "Tweet", "Advertisement", "Related stories", "Next Article", "Read more", "",
                     "Updated 3:45 PM ET, Tue March 3, 2009", "By Jane Doe and John Roe", "Photo: AP",
                     "Police arrested a man on Friday.", "Storm closes schools", "Sign up for our newsletter"]),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=30), st.sampled_from(["\n", "\r\n", "\n\n", "\r"]))
def test_line_structured_text_keeps_only_input_words(lines: list[str], newline: str) -> None:
    raw = newline.join(lines)
    source = _words_of_input(raw)
    for piece in parse_plain_text(raw):
        for paragraph in piece.text.split("\n\n"):
            assert paragraph and all(word in source for word in paragraph.split())


def test_byline_outlet_and_footer_lines() -> None:
    text = (
        "Lohan heads to rehab\n"
        "By Ruth Pennington, Lakeshore Gazette\n\n"
        "Lindsay Lohan checked into a rehab facility in Newport Beach on Thursday, her lawyer told the court.\n\n"
        "The actress must stay for 90 days under the terms of a plea deal reached in March.\n\n"
        "Sign up for our newsletter\n"
        "The Courier Daily: the news you need, every morning.\n\n"
        "Lakeshore Gazette · Contact · Privacy · Terms\n"
        "© Metro Courier Media Group. All rights reserved.\n"
    )
    [piece] = parse_plain_text(text)
    assert piece.authors == ("Ruth Pennington",)
    assert piece.outlet == "Lakeshore Gazette"
    assert piece.text.endswith("reached in March.")
    assert parse_plain_text("By Reuters\n\n" + text.split("\n\n", 1)[1])[0].outlet == "Reuters"


def test_masthead_line_names_the_outlet_and_is_not_text() -> None:
    # the demo corpus's Ringside Report pages: "<outlet> | <section>" between the headline and the byline
    text = ("Klitschko beats Thompson again, retains titles in Switzerland\n"
            "Ringside Report | Heavyweights\n"
            "By Eddie Marsh\n\n"
            "BERN, Switzerland — Wladimir Klitschko retained his heavyweight world titles on Saturday.\n\n"
            "Klitschko, 36, stopped the 40-year-old Thompson in the sixth round.\n")
    [piece] = parse_plain_text(text)
    assert piece.outlet == "Ringside Report"
    assert piece.title == "Klitschko beats Thompson again, retains titles in Switzerland"
    assert piece.text.startswith("BERN, Switzerland")
    # a headline that ends with the outlet's name stays the headline; a "|" in the story stays text
    [piece] = parse_plain_text("Klitschko wins in six | Boxing News\n\n" + text.split("\n\n", 1)[1]
                               + "\nFans chanted | Klitschko | as he left.\n")
    assert piece.title == "Klitschko wins in six | Boxing News"
    assert piece.outlet is None and "Fans chanted | Klitschko | as he left." in piece.text
    # a section bar names no outlet (a review's "World News | Europe" became the outlet "World News")
    for bar in ("World News | Europe", "Sports Report | Boxing"):
        assert parse_plain_text(text.replace("Ringside Report | Heavyweights", bar))[0].outlet is None


def test_tag_lines_and_reprint_links_are_furniture() -> None:
    raw = ("Schools across the state were closed on Monday after the storm.\n"
           "Tags: storm, schools, weather\nFiled under: Weather\nOrder Reprints\nPrint Article\n"
           "Categories That Shaped the Storm Season\n"
           "Officials said the schools would reopen on Wednesday if the roads are clear.")
    (piece,) = parse_plain_text(raw)
    assert piece.text == ("Schools across the state were closed on Monday after the storm.\n\n"
                          "Categories That Shaped the Storm Season\n\n"  # a heading, not a tag list
                          "Officials said the schools would reopen on Wednesday if the roads are clear.")


def test_bare_tags_label_opens_a_list() -> None:
    raw = ("Schools across the state were closed on Monday after the storm.\n\n"
           "Tags\ncalendario stock car 2018, stock car brasil, stock car cascavel")
    (piece,) = parse_plain_text(raw)
    assert piece.text == "Schools across the state were closed on Monday after the storm."


# Multi-News sources whose first line became a story's title although it was page furniture (brief review, kind 4).
@pytest.mark.parametrize("label", ["World", "ABC", "Your Health", "Abstract and Introduction\n\nAbstract",
                                   "Materials and Methods"])  # a paper's sections (multinews-validation-118)
def test_a_section_or_site_label_is_no_headline(label: str) -> None:
    (piece,) = parse_plain_text(f"{label}\n\nOn Monday, the Supreme Court handed down its decision in Kimble v. Marvel.")
    assert piece.title is None
    assert piece.text == "On Monday, the Supreme Court handed down its decision in Kimble v. Marvel."


def test_the_headline_under_a_section_label_is_the_title() -> None:
    raw = ("Your Health\n\nNeurologists Warn Against ADHD Drugs To Help Kids Study\n\n"
           "Adderall and other ADHD medications are among the most prescribed drugs for children.")
    (piece,) = parse_plain_text(raw)
    assert piece.title == "Neurologists Warn Against ADHD Drugs To Help Kids Study"
    assert piece.text == "Adderall and other ADHD medications are among the most prescribed drugs for children."


def test_a_short_headline_is_still_a_headline() -> None:
    (piece,) = parse_plain_text("Storm closes schools\n\nSchools across the state were closed on Monday.")
    assert piece.title == "Storm closes schools"


LEDE = ("The U.S. trade deficit in goods hit a record in 2018, defying President Trump’s efforts to narrow the gap, as "
        "imports jumped and some exports got hammered by retaliation against U.S. trade policies.")


# AllSides and its NeuS triples end their headlines with a full stop
@pytest.mark.parametrize("headline", ["U.S. Posts Record Annual Trade Deficit.",
                                      "Pro-Trump protesters push back on stay-at-home orders.",
                                      "Sanders sends Democratic establishment into panic mode."])
def test_a_headline_ending_in_a_full_stop_is_a_headline(headline: str) -> None:
    (piece,) = parse_plain_text(f"{headline}\n\n{LEDE}\n\nThe deficit rose 12.5% to $621 billion.")
    assert piece.title == headline
    assert piece.text.startswith("The U.S. trade deficit")


# a short first paragraph of the story: a dateline, a day, a speaker, two sentences, a long sentence, an ellipsis,
# or no full paragraph after it
@pytest.mark.parametrize("first", ["LONDON — Michael Kors has picked out some new shoes to go with its handbags.",
                                   "The Fed raised interest rates on Wednesday.",
                                   "Investigators said they still don't know why he jumped.",
                                   "It happened again. Nobody was surprised.",
                                   "If wedding costs are an indicator of consumer confidence, Americans must be feeling "
                                   "pretty good about the economy.",
                                   "Penalty run-ups are just getting ridiculous ..."])
def test_a_short_first_paragraph_is_no_headline(first: str) -> None:
    (piece,) = parse_plain_text(f"{first}\n\n{LEDE}")
    assert piece.title is None
    assert piece.text.startswith(first)


def test_a_long_first_word_is_read_at_once() -> None:
    # a first paragraph of few words, one of them huge: no headline, and no scan of it for sentence ends per character
    (piece,) = parse_plain_text("Short " + "x" * 200_000 + " word.\n\n" + LEDE)
    assert piece.title is None


def test_a_full_stop_headline_needs_a_full_paragraph_after_it() -> None:
    (piece,) = parse_plain_text("Storm closes schools.\n\nMore soon.")
    assert piece.title is None


@pytest.mark.parametrize("first", ["Please enable Javascript to watch this video", "2 years ago", "3 months ago",
                                   "Your browser does not support the video tag."])
def test_player_prompts_and_ages_are_furniture(first: str) -> None:
    (piece,) = parse_plain_text(f"{first}\n\n(CNN) - The swell of online support for Gov. Nikki Haley grew on Friday.")
    assert piece.title is None
    assert piece.text == "(CNN) - The swell of online support for Gov. Nikki Haley grew on Friday."


# a page's forms printed as text (Multi-News sources: WRAL's e-mail-a-friend box and its test, WordPress share buttons)
@pytest.mark.parametrize("form", ["You must enter the characters with black color that stand out from the other characters",
                                  "Message: * A friend wanted you to see this item from WRAL.com: http://wr.al/13gnP",
                                  "Click to email this to a friend (Opens in new window)",
                                  "Click to share on Twitter (Opens in new window)", "Email this to a friend"])
def test_share_and_e_mail_forms_are_furniture(form: str) -> None:
    raw = (f"{form}\n\nA Cumberland County judge sentenced veteran Joseph Serna to spend one night in jail.\n\n{form}\n\n"
           "Serna is a former Special Forces soldier who has been deployed four times.")
    (piece,) = parse_plain_text(raw)
    assert piece.title is None
    assert piece.text == ("A Cumberland County judge sentenced veteran Joseph Serna to spend one night in jail.\n\n"
                          "Serna is a former Special Forces soldier who has been deployed four times.")


# a site's sign-in and registration box printed as text (a Multi-News source was a whole page of Janrain's)
@pytest.mark.parametrize("form", ["Sign in using you account with: {* loginWidget *}", "Sign in using your wfxt profile",
                                  "Welcome back. Please sign in", "Why are we asking this?",
                                  "By submitting your registration information, you agree to our Terms of Service and "
                                  "Privacy Policy .", "Thank you for registering!", "Forgot your password?",
                                  "We have sent a confirmation email to {* data_emailAddress *}. Please check your email "
                                  "and click on the link to activate your account.",
                                  "We look forward to seeing you on [website] frequently. Visit us and sign in to "
                                  "update your profile.", "Click here to return to the page you were visiting.",
                                  "Hello, {{ user.first_name }}!", "ON A MOBILE DEVICE? CLICK HERE TO SEE THE VIDEO.",
                                  "CLICK HERE TO GET THE FOX NEWS APP",
                                  "Click through the slideshow below for Oscar de la Renta’s best moments in Vogue.",
                                  "Are you there? Send us your images or video."])
def test_sign_in_and_registration_forms_are_furniture(form: str) -> None:
    raw = (f"{form}\n\nA Cumberland County judge sentenced veteran Joseph Serna to spend one night in jail.\n\n{form}\n\n"
           "Serna is a former Special Forces soldier who has been deployed four times.")
    (piece,) = parse_plain_text(raw)
    assert piece.title is None
    assert piece.text == ("A Cumberland County judge sentenced veteran Joseph Serna to spend one night in jail.\n\n"
                          "Serna is a former Special Forces soldier who has been deployed four times.")


def test_a_page_of_sign_in_forms_is_no_article() -> None:
    raw = "\n\n".join(["Sign in using you account with: {* loginWidget *}", "Welcome back. Please sign in",
                       "Why are we asking this?", "Already have an account?", "Thank you for registering!",
                       "Click here to return to the page you were visiting."])
    assert parse_plain_text(raw) == []


def test_sentences_about_accounts_and_registering_are_kept() -> None:
    raw = ("Users who sign in with their Facebook account were told to change passwords, the company said.\n\n"
           "Thank you for registering to vote, the mayor told the crowd on Monday.\n\n"
           "He said he did not have an account at the bank, and the court accepted that.")
    (piece,) = parse_plain_text(raw)
    assert piece.text == raw


def test_a_mailing_list_box_is_furniture_and_news_of_one_is_kept() -> None:
    raw = ("Just fill in your contact details in the form below to join our mailing list and keep up to date with the "
           "Good Country as it develops.\n\nThe Good Country Index doesn’t measure what countries do at home.\n\n"
           "The group urged supporters to join its mailing list before the vote.")
    (piece,) = parse_plain_text(raw)
    assert piece.text == ("The Good Country Index doesn’t measure what countries do at home.\n\n"
                          "The group urged supporters to join its mailing list before the vote.")


def test_a_sentence_about_a_friend_or_a_code_is_kept() -> None:
    raw = ("A friend wanted you to see this, she told the court, and so she sent the video on Monday.\n\n"
           "A friend wanted you to see this item from the archive, Smith said.\n\n"
           "Officers asked him to enter the code on the door, which he refused to do.")
    (piece,) = parse_plain_text(raw)
    assert piece.text == raw


def test_a_wire_and_its_timestamp_are_furniture() -> None:
    raw = ("Associated Press Tue Feb 19, 2013 7:44 PM\n\n"
           "Arizona took center stage in the national immigration debate Tuesday.")
    (piece,) = parse_plain_text(raw)
    assert piece.title is None
    assert piece.text == "Arizona took center stage in the national immigration debate Tuesday."
    assert piece.published == "2013-02-19T19:44:00" and piece.outlet == "Associated Press"


def test_a_drop_cap_goes_back_onto_its_word() -> None:
    raw = "T\n\nhe most likely person to replace retiring Sen. Jim DeMint is Rep. Tim Scott.\n\nHe was elected in 2010."
    (piece,) = parse_plain_text(raw)
    assert piece.title is None
    assert piece.text.startswith("The most likely person to replace")


@pytest.mark.parametrize("caption", [
    "Menasha Police Chief Tim Styka, right, speaks during a press conference, Monday May 4, 2015, in Neenah,... "
    "(Associated Press)",
    "NBC10's George Spencer has the latest on the investigation. (Published Thursday, July 24, 2014)",
    "White House counselor Kellyanne Conway speaks in support of Jay Webber in Wayne, N.J., on Oct. 22, 2018. "
    "(Seth Wenig/AP)",
    "A 2003 photo of Juan McCullum when he was a student body vice president. (Joe Ellis/The Clarion Ledger/via AP)",
])
def test_captions_and_video_blurbs_are_furniture(caption: str) -> None:
    body = "Police continue to investigate a shooting that left four people dead."
    (piece,) = parse_plain_text(f"{body}\n\n{caption}\n\n{body[:-1]} on Monday.")
    assert caption not in piece.text and body in piece.text


def test_a_long_sign_up_box_is_furniture() -> None:
    box = ("The most reliable politics newsletter. Sign up for POLITICO Playbook and get the latest news, every "
           "morning — in your inbox. Email Sign Up By signing up you agree to receive email newsletters or alerts "
           "from POLITICO. You can unsubscribe at any time.")
    body = "The Senate is expected to vote on the pact on Thursday, according to Senate aides who spoke today."
    (piece,) = parse_plain_text(f"Lawmakers struck a budget deal on Wednesday.\n\n{box}\n\n{body}")
    assert "Sign Up" not in piece.text and body in piece.text


@pytest.mark.parametrize("text, title", [
    # the review of session 20: a headline ending like an outlet's name, or one word, is no label above a body
    ("Trump Attacks Fake News\n\nThe president said on Monday that the media lied about the crowd, aides said.",
     "Trump Attacks Fake News"),
    ("Brexit\n\nThe government said on Monday that talks would resume in the spring, officials said.", "Brexit"),
    # above a headline, a section is still a label
    ("World\n\nPrices Rise Again\n\nPrices rose on Monday for the third week in a row, officials said.",
     "Prices Rise Again"),
    ("Harvard Law Record\n\nCourt Rules On Patent Case\n\nThe Supreme Court handed down its decision on Monday.",
     "Court Rules On Patent Case"),
])
def test_a_label_is_dropped_only_above_a_headline(text, title):
    assert parse_plain_text(text)[0].title == title


def test_a_drop_cap_is_not_joined_across_a_dropped_line():
    text = "B\nShare\neBay shares rose 5% on Monday after the company beat forecasts, analysts said."
    assert "BeBay" not in parse_plain_text(text)[0].text


def test_a_body_paragraph_ending_in_an_agency_credit_is_kept():
    body = ("The road was closed for repairs on Monday and will stay closed for at least two more weeks, according "
            "to the state transport department (AP)")
    text = f"Road Closed For Repairs\n\n{body}\n\nDrivers were told to use the bypass, officials said."
    assert "state transport department" in parse_plain_text(text)[0].text


def test_a_photo_gallery_run_into_one_line_is_dropped() -> None:
    # CNN's gallery as Multi-News scraped it (session 21, kind I): its captions became timeline events dated by the
    # captions' own days
    gallery = ("Photos: The search for MH370 Two years after the flight went missing, a relative of one of the "
               "passengers burns incense in Beijing on March 8, 2016. Hide Caption 1 of 43 Photos: The search for "
               "MH370 On July 29, police carry a piece of debris on Reunion Island. Hide Caption 2 of 43 Photos: The "
               "search for MH370 A relative of a passenger cries at a hotel in Beijing. Hide Caption 3 of 43")
    body = ("The search for the missing airliner will end in June, the three countries leading it said on Friday.\n\n"
            "Officials said the families of the passengers had been told first.")
    piece = parse_plain_text(f"Search for MH370 to end\n\n{body[:body.index(chr(10))]}\n\n{gallery}\n\n"
                             f"{body[body.rindex(chr(10)) + 1:]}")[0]
    assert "Hide Caption" not in piece.text and "Reunion" not in piece.text
    assert piece.text == body


def test_a_sentence_that_counts_photos_is_kept() -> None:
    line = "The agency released 3 of 40 photos taken by the crew on Monday, a spokesman said."
    assert parse_plain_text(f"Crew photos released\n\n{line}")[0].text == line


# The tester's ninth report (session 25): a CNN page's "Story highlights" label became the article's and the
# story's title ("Story highlights CNN aviation analyst says ...").
HIGHLIGHTS = ("{label} CNN aviation analyst says surface slick could be fluid leaking from underwater plane\n\n"
              "Cell phone tower detected the co-pilot's phone around time of disappearance, official says\n\n"
              "The phone of the first officer of Malaysia Airlines Flight 370 was on and made contact with a cell tower"
              " in Malaysia about the time the plane disappeared from radar, a U.S. official told CNN on Monday.\n\n"
              "However, the official said it was not clear whether the phone was on or had been switched off.")


@pytest.mark.parametrize("label", ["Story highlights", "STORY HIGHLIGHTS", "Key points:"])
def test_a_summary_box_label_is_no_headline_and_no_text(label: str) -> None:
    piece = parse_plain_text(HIGHLIGHTS.format(label=label))[0]
    assert piece.title is None
    assert piece.text.startswith("CNN aviation analyst says surface slick") and label.rstrip(":") not in piece.text


def test_a_sentence_opening_with_highlights_is_kept() -> None:
    text = ("Highlights of the budget were read to the council on Monday, and members said they would vote on it in "
            "the spring after hearing from residents. The mayor said the plan would cut the city's debt by a third.")
    assert parse_plain_text(text)[0].text == text


_FIRE = ("Port Ellery warehouse fire forces evacuation of 500 residents\n"
         "About 500 residents of Port Ellery's harbor district were evacuated early Wednesday as a fire destroyed a "
         "cold-storage warehouse and officials feared an ammonia leak.\n\n"
         "The fire broke out at around 3 a.m. and three firefighters were injured, Fire Chief Dana Whitcomb said.\n")
_ALVAREZ = ("Councilman Ray Alvarez on Wednesday launched his campaign for mayor of Port Ellery, promising to fix "
            "potholes, expand bus service and hire 40 more police officers. Alvarez, 52, has served on the council "
            "for eight years and is the first candidate to enter the race.\n")


@pytest.mark.parametrize("marker", ["Read more: ", "READ MORE: ", "Read more - ", "Related: ", "Next article: "])
def test_a_marker_and_headline_on_one_line_split_off_the_appended_story(marker: str) -> None:
    fire, alvarez = parse_plain_text(f"{_FIRE}Related: City approves new harbor plan\n"
                                     f"{marker}Councilman Alvarez launches bid for mayor\n{_ALVAREZ}")
    assert fire.title.startswith("Port Ellery warehouse fire") and "Alvarez" not in fire.text
    assert "City approves" not in fire.text  # the teaser link above stays furniture
    assert alvarez.title == "Councilman Alvarez launches bid for mayor"
    assert alvarez.text.startswith("Councilman Ray Alvarez on Wednesday")


def test_a_lone_marker_s_next_line_headline_is_the_appended_story_s_title() -> None:
    fire, alvarez = parse_plain_text(f"{_FIRE}Read more\nCouncilman Alvarez launches bid for mayor\n{_ALVAREZ}")
    assert alvarez.title == "Councilman Alvarez launches bid for mayor" and "Alvarez" not in fire.text


def test_a_related_link_mid_article_keeps_the_rest_of_the_article() -> None:
    (piece,) = parse_plain_text(f"{_FIRE}Related: City approves new harbor plan\n"
                                "\"We were lucky the wind was blowing out to the water,\" Whitcomb said.\n")
    assert piece.text.endswith("\"We were lucky the wind was blowing out to the water,\" Whitcomb said.")
    assert "City approves" not in piece.text


def test_a_pipe_byline_gives_author_and_outlet() -> None:
    (piece,) = parse_plain_text(f"Storm closes schools\nBy Ana Lindqvist | Harbor Daily News\n"
                                "Schools were closed on Monday after the storm.")
    assert piece.authors == ("Ana Lindqvist",) and piece.outlet == "Harbor Daily News"
    assert "Lindqvist" not in piece.text


def test_a_timestamp_line_without_a_year_is_kept_aside_not_guessed() -> None:
    (piece,) = parse_plain_text(f"Storm closes schools\nUpdated 9:10 a.m. PT Nov. 25\n"
                                "Schools were closed on Monday after the storm.")
    assert piece.published is None and piece.yearless == "Updated 9:10 a.m. PT Nov. 25"
    (dated,) = parse_plain_text(f"Storm closes schools\nUpdated 9:10 a.m. PT Nov. 25, 2026\n"
                                "Schools were closed on Monday after the storm.")
    assert dated.published == "2026-11-25T09:10:00-08:00" and dated.yearless is None


@pytest.mark.parametrize("reference, expected", [
    ("2026-12-01T10:00:00+00:00", "2026-11-25T09:10:00-08:00"),
    ("2026-11-25T23:00:00+00:00", "2026-11-25T09:10:00-08:00"),
    ("2026-11-20T10:00:00+00:00", "2025-11-25T09:10:00-08:00"),  # not after the fetch: last year's
])
def test_date_from_yearless_takes_the_latest_year_not_after_the_reference(reference: str, expected: str) -> None:
    from datetime import datetime

    from storyline.extract.plaintext import date_from_yearless
    assert date_from_yearless("Updated 9:10 a.m. PT Nov. 25", datetime.fromisoformat(reference)) == expected
    assert date_from_yearless("Updated 9:10 a.m.", datetime.fromisoformat(reference)) is None


def test_a_byline_bar_with_dashes_gives_author_and_outlet() -> None:
    (piece,) = parse_plain_text("Council approves levy\nBy Jo Park — Ellery Weekly — Nov. 26\n"
                                "The council voted 7-2 on Tuesday night.")
    assert piece.authors == ("Jo Park",) and piece.outlet == "Ellery Weekly" and "Jo Park" not in piece.text


@pytest.mark.parametrize(("line", "authors", "outlet"), [
    ("By Jane Doe — Staff Writer", ("Jane Doe",), None),  # no author at all: "Doe — Staff Writer" an affiliation
    ("By Jane Doe — PERSON", ("Jane Doe",), None),  # the line stayed in the text: "—" is no name
    ("By JANE DOE – NEW YORK", ("JANE DOE",), None),
    ("By Jane Doe and John Roe — Staff Writers", ("Jane Doe", "John Roe"), None),  # John Roe was dropped
    ("By Jane Doe — Valehaven Courier", ("Jane Doe",), "Valehaven Courier"),
])
def test_a_byline_with_a_role_or_place_after_a_dash_gives_the_names(line, authors, outlet) -> None:
    """Tester s35 #4: an HTML byline's "&mdash;" is such a dash once decoded."""
    (piece,) = parse_plain_text(f"Storm closes schools\n{line}\nSchools were closed on Monday after the storm.")
    assert (piece.authors, piece.outlet) == (authors, outlet) and line not in piece.text


def test_a_dash_in_a_sentence_starting_with_by_is_text() -> None:
    (piece,) = parse_plain_text("By Tuesday — two days after the storm — most roads had reopened.\nMore rain is due.")
    assert piece.authors == () and piece.text.startswith("By Tuesday — two days after the storm")


# Review of fixingest27: a teaser link mid-article below clutter (an ad slot, a caption, share buttons) split the
# article in two, the rest of it becoming a "story" titled by the teaser.
_LEVY = ("Port Ellery council approves transit levy\n"
         "The city council voted 7-2 on Tuesday night to approve a $310 million transit levy for the February ballot, "
         "after a four-hour hearing.\n\n{clutter}\n{marker}Transit agency faces $40 million budget gap\n\n"
         "Council President Maria Santos said the levy would pay for three new bus rapid transit lines and more "
         "frequent service on existing routes.\n\n"
         "Opponents said the tax would fall hardest on renters and small businesses, and promised to campaign against "
         "it before the vote in February.\n")


@pytest.mark.parametrize("clutter", ["Advertisement\n", "Share on Facebook\nShare on Twitter",
                                     "The council chamber on Tuesday. (Photo: Jo Park/Ellery Weekly)"])
@pytest.mark.parametrize("marker", ["RELATED: ", "READ MORE: ", "Read more: "])
def test_a_teaser_below_clutter_mid_article_keeps_the_article_whole(clutter: str, marker: str) -> None:
    (piece,) = parse_plain_text(_LEVY.format(clutter=clutter, marker=marker))
    assert piece.title == "Port Ellery council approves transit levy"
    assert piece.text.count("\n\n") == 2 and piece.text.endswith("before the vote in February.")
    assert "budget gap" not in piece.text


@pytest.mark.parametrize("end", ["© 2026 Ellery Weekly. All rights reserved.", "Tags: transit, council, levy",
                                 "Share this article", "(Reporting by Jo Park; Editing by Ana Lindqvist)"])
def test_a_teaser_after_the_article_s_end_material_splits_off_a_pasted_story(end: str) -> None:
    levy, pasted = parse_plain_text(_LEVY.format(clutter=f"{end}\nAdvertisement", marker="Related: "))
    assert "Santos" not in levy.text
    assert pasted.title == "Transit agency faces $40 million budget gap" and pasted.text.startswith("Council President")


# Review of fixingest27: the article's local date was compared with the fetch time's UTC date, so a time east of UTC
# (its local day already the next) was put a year back.
@pytest.mark.parametrize("line, reference, expected", [
    ("Updated 8:00 a.m. AEDT Nov. 26", "2026-11-25T23:30:00+00:00", "2026-11-26T08:00:00+11:00"),
    ("Updated 10:00 a.m. AEDT Jan. 1", "2026-12-31T23:30:00+00:00", "2027-01-01T10:00:00+11:00"),  # New Year
    ("Updated 11:30 p.m. ET Dec. 31", "2027-01-01T05:00:00+00:00", "2026-12-31T23:30:00-05:00"),
    ("Updated 9:10 a.m. PT Nov. 25", "2026-11-23T10:00:00+00:00", "2025-11-25T09:10:00-08:00"),  # days ahead: last year
])
def test_date_from_yearless_compares_moments_with_their_offsets(line: str, reference: str, expected: str) -> None:
    from datetime import datetime

    from storyline.extract.plaintext import date_from_yearless
    assert date_from_yearless(line, datetime.fromisoformat(reference)) == expected


@pytest.mark.parametrize("date_line", ["Published 23/11/2026\n", ""])
def test_a_byline_naming_a_standard_or_a_record_gives_the_outlet_not_a_second_author(date_line):
    text = ("Road bridge at Harlow Ferry to reopen on 3 December\n\n"
            f"By Neil Ashby, Fenland Standard\n{date_line}\n"
            "The Harlow Ferry road bridge, closed since a barge struck it last week, will reopen on the 3rd, the "
            "county council said on Monday. Engineers found only minor damage to one pier.\n")
    [piece] = parse_plain_text(text)
    assert piece.authors == ("Neil Ashby",) and piece.outlet == "Fenland Standard"
    assert piece.published == ("2026-11-23" if date_line else None)
    [piece] = parse_plain_text(text.replace("Fenland Standard", "Harlow Daily Record"))
    assert piece.authors == ("Neil Ashby",) and piece.outlet == "Harlow Daily Record"


def test_a_headline_with_a_question_for_its_kicker_is_a_headline():
    # a NeuS headline: "The Trump Effect? After Carrier pledge ..." had been read as the article's first paragraph
    raw = ("The Trump Effect? After Carrier pledge to keep jobs in US, more companies may follow.\n\n"
           "President-elect Donald Trump didn't wait to be sworn in to stop an air conditioner manufacturer from "
           "pulling out of America, and his top aides say he'll turn up the heat on other companies.")
    (piece,) = parse_plain_text(raw)
    assert piece.title == "The Trump Effect? After Carrier pledge to keep jobs in US, more companies may follow."
    # a question of more words is a paragraph's sentence
    raw = raw.replace("The Trump Effect?", "Will the president keep his promise to the workers?")
    (piece,) = parse_plain_text(raw)
    assert piece.title is None


# a sentence of the story repeated without its full stop is a photo's caption (the Daily Mail's, read from its page)
_JARED = "Jared also shared photos from the visit on Instagram, sharing a similar sentiment as his wife of 14 years"


@pytest.mark.parametrize("structured", [True, False])
def test_a_caption_repeating_a_sentence_of_the_story_is_dropped(structured: bool) -> None:
    text = (f"Ivanka Trump visited Israel this week and met families of the hostages in Kfar Aza.\n\n{_JARED}.\n\n"
            f"'Ivanka and I traveled to Israel to bear witness,' he wrote.\n\n{_JARED}\n\nThe couple also met President "
            "Herzog and the First Lady on the last day of the trip.")
    (piece,) = parse_plain_text(text, structured=structured)
    assert piece.text.count("Jared also shared photos") == 1 and f"{_JARED}." in piece.text


def test_repeated_rows_and_questions_of_a_page_stay() -> None:
    row = "1 scoop Shakeology, 1 cup strawberries, 8 oz. unsweetened almond milk (or 1 tsp. nut butter and 8 oz. water)"
    question = "Which cuisine do you like yourself, and are there any dishes or products that you do not like at all?"
    text = "\n".join(["Meal 1", row, f"A chef answers: {question}", "Meal 2", row, question, "Answer in her own words.",
                      question])
    (piece,) = parse_plain_text(text, structured=True)
    assert piece.text.count(row) == 2 and piece.text.count(question) == 3


def test_a_run_of_page_slots_before_continue_reading_is_furniture_not_a_headline() -> None:
    # multinews-validation-72 (a New York Times page): "Photo Advertisement Continue reading the main story" opened the
    # text and became the story's title; "Advertisement Continue reading the main story" stayed between paragraphs
    raw = ("Photo Advertisement Continue reading the main story \n \n WASHINGTON — Around 8 p.m. Thursday, Senator "
           "Harry Reid called Senator Charles E. Schumer into his office. He planned to retire, aides said.\n\n"
           " Advertisement Continue reading the main story \n\nMore text follows about the succession in the Senate.\n")
    (piece,) = parse_plain_text(raw)
    assert piece.title is None
    assert "Continue reading" not in piece.text and piece.text.startswith("WASHINGTON")


def test_a_platforms_notice_to_the_reader_is_furniture() -> None:
    # seven Multi-News dev pages are only Twitter's notice on an embedded post's location; each had been a story
    raw = ("Tweet with a location \n \n You can add location information to your Tweets, such as your city or precise "
           "location, from the web and via third-party applications. You always have the option to delete your Tweet "
           "location history. Learn more")
    assert parse_plain_text(raw) == []
    kept = "Residents were told they can add location information to their reports of damage, officials said."
    assert parse_plain_text(kept)[0].text == kept


@pytest.mark.parametrize("blurb", [
    "CLOSE Four Reno dispensaries begin sales of recreational marijuana. Jason Bean",  # multinews-validation-77
    "CLOSE Skip in Skip x Embed x Share A former Massachusetts police officer was found dead in his home Thursday. "
    "Video provided by Newsy Newslook",  # multinews-validation-246
])
def test_a_video_players_blurb_above_the_story_is_no_headline(blurb: str) -> None:
    body = "Nevada dispensaries licensed to sell recreational marijuana are running out of pot, the state said."
    (piece,) = parse_plain_text(f"{blurb}\n\n{body}")
    assert piece.title is None and piece.text == body


def test_a_headline_in_capitals_opening_with_close_is_kept() -> None:
    (piece,) = parse_plain_text("CLOSE CALL FOR THE MAYOR\n\nThe mayor survived a recall vote by 41 votes on Tuesday.")
    assert piece.title == "CLOSE CALL FOR THE MAYOR"


@pytest.mark.parametrize("page", [
    # Multi-News sources that are the Internet Archive's collection pages (multinews-validation-99, -133, -175)
    "Web wide crawl with initial seedlist and crawler configuration from March 2011. This uses the new HQ software.\n\n"
    "What’s in the data set:\n\nCrawl start date: 09 March, 2011\n\nThe seed list for this crawl was a list of Alexa’s "
    "top 1 million web sites, retrieved close to the crawl start date.",
    "Crawl of outlinks from wikipedia.org started March, 2016. These files are currently not publicly accessible.",
    "this data is currently not publicly accessible.\n\nStarting in 1996, Alexa Internet has been donating their crawl "
    "data to the Internet Archive.\n\nSorry, the page you requested could not be found.",
])
def test_an_internet_archive_collection_page_is_no_article(page: str) -> None:
    assert parse_plain_text(page) == []


def test_a_report_about_a_web_crawl_is_an_article() -> None:
    raw = "The archive said its wide crawl with initial seed lists from Alexa had captured 2.7 billion pages by Monday."
    assert [p.text for p in parse_plain_text(raw)] == [raw]


@pytest.mark.parametrize("line, outlet", [
    ("By Dominic Casciani, BBC Home Affairs correspondent", "BBC"),  # multinews-validation-27: an outlet of its own
    ("By Jane Doe, Associated Press Writer", "Associated Press"),
    ("By Jane Doe, Lakeshore Gazette", "Lakeshore Gazette"),
])
def test_a_bylines_outlet_is_without_the_writers_role(line: str, outlet: str) -> None:
    (piece,) = parse_plain_text(f"Storm closes schools\n{line}\nSchools were closed on Monday after the storm.")
    assert piece.outlet == outlet and piece.authors == (line.split(",")[0].removeprefix("By "),)
