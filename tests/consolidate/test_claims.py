"""Claims: a sentence is cut into clauses, but never inside a quotation nor at a scraper's HTML entity (kind K of
the session-21 brief review: 'Agreed: "We might have yelled and screamed at each other' and "...the '60s R\\&B")."""
from storyline.consolidate.facts import split_claims
from storyline.consolidate.sentences import StorySentence


def _claims(text: str) -> list[str]:
    return [c.text for c in split_claims([StorySentence("a", "a", 0, text, 0, len(text))])]


def test_a_quoted_but_does_not_cut_the_quote():
    text = ('"We might have yelled and screamed at each other, but we were always brothers," Havoc said of the '
            "rapper he had known since high school.")
    assert _claims(text) == [text]


def test_the_semicolon_of_an_html_entity_does_not_cut_a_claim():
    # from a Multi-News source: "R&amp;B" came through the scraper as "R&B;"
    text = ("Prodigy's mother, Fatima Johnson, was a member of the '60s R&B; group The Crystals, and also served as "
            "Mobb Deep's first manager.")
    assert _claims(text) == [text]


def test_two_reported_clauses_are_still_two_claims():
    text = "The navy captured twenty pirates on Saturday; the crew of the merchant ship was unharmed by the attack."
    assert _claims(text) == ["The navy captured twenty pirates on Saturday",
                             "The crew of the merchant ship was unharmed by the attack."]


def test_a_semicolon_after_a_closed_quote_still_cuts():
    text = ('"We are ready for the storm," the mayor said on Monday; schools across the county will stay closed '
            "until Wednesday.")
    assert _claims(text) == ['"We are ready for the storm," the mayor said on Monday',
                             "Schools across the county will stay closed until Wednesday."]


def test_a_stray_quotation_mark_does_not_stop_the_cut():
    # an inch mark, and a quotation the sentence never closes, quote nothing: the clauses are still claims
    for text in ("The storm dropped 6\" of snow on Denver overnight; schools across the county will stay closed.",
                 "He called the plan \"a disaster for the city council; the vote was held on Tuesday evening."):
        assert len(_claims(text)) == 2, text


def test_a_company_name_left_as_an_entity_remnant_does_not_cut_a_claim():
    # Multi-News sources write "AT&T" as "AT&T;" (as "R&B;"): the semicolon is the scraper's, not a clause's end
    text = ("After years of heavy data use by its iPhone customers, AT&T; relented and switched to a tiered pricing "
            "plan.")
    assert _claims(text) == [text]
