"""The wording a brief shows for an attribution's content (``enrich.quotes.quote_text``)."""
from storyline.enrich.quotes import quote_text


def spans(text, *parts):
    return [(text.index(p), text.index(p) + len(p)) for p in parts]


def test_a_direct_quote_shows_only_the_quoted_words_not_the_narration_the_content_ran_into():
    # reviewers' briefs: LeBron James "I’m going to take my talents to South Beach … he was leaving the Cleveland
    # Cavaliers ...", Karen Hinton "... until Monday … Sandy Hook", Jack Whelan 'a hospital employee "actually opened'
    text = ("“In this fall, I’m going to take my talents to South Beach,” James said in 2010 when he announced he was "
            "leaving the Cleveland Cavaliers.")
    frags = spans(text, "“In this fall, I’m going to take my talents to South Beach,”",
                  "he was leaving the Cleveland Cavaliers")
    assert quote_text(text, frags, direct=True) == "In this fall, I’m going to take my talents to South Beach"
    # the narration the longer part: the content as a whole is not direct, its quotation still is what was said
    text = ("“I’m going to take my talents to South Beach,” James said in 2010 when he announced he was leaving the "
            "Cleveland Cavaliers after seven seasons to sign with Miami, and punctuated his first championship")
    frags = spans(text, "“I’m going to take my talents to South Beach,”",
                  "he was leaving the Cleveland Cavaliers after seven seasons to sign with Miami")
    assert quote_text(text, frags, direct=False) == "I’m going to take my talents to South Beach"
    text = "The plan, he said, “is dead on arrival in the Senate.”"
    frags = spans(text, "The plan,", "“is dead on arrival in the Senate.”")
    assert quote_text(text, frags, direct=False) == "The plan … is dead on arrival in the Senate."
    text = "“We are not going to be speaking about that until Monday,” Hinton said of Sandy Hook."
    frags = spans(text, "“We are not going to be speaking about that until Monday,”", "Sandy Hook")
    assert quote_text(text, frags, direct=True) == "We are not going to be speaking about that until Monday"
    text = 'Whelan said a hospital employee "actually opened the door, saw him pointing a gun at the doctor."'
    frags = spans(text, 'a hospital employee "actually opened the door, saw him pointing a gun at the doctor."')
    assert quote_text(text, frags, direct=True) == "actually opened the door, saw him pointing a gun at the doctor."


def test_reported_speech_keeps_its_words_and_its_pieces():
    text = "The chancellor, Seibert said, will not accept any change to the border agreement."
    frags = spans(text, "The chancellor,", "will not accept any change to the border agreement")
    assert quote_text(text, frags, direct=False) == \
        "The chancellor … will not accept any change to the border agreement"
