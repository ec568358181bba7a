"""One definition of the page furniture extraction and the brief both drop (``storyline.furniture``): the lines
where the two stages' own rules disagreed, each now read alike by both."""
import pytest

from storyline.consolidate.sentences import is_furniture
from storyline.extract.plaintext import parse_plain_text

STORY = ("Storm closes schools\n\nSchools across the state were closed on Monday after the storm.\n\n"
         "Officials said the schools would reopen on Wednesday if the roads are clear.\n\n")


def extracted(*paragraphs: str) -> list[str]:
    [piece] = parse_plain_text(STORY + "\n\n".join(paragraphs))
    return piece.text.split("\n\n")


@pytest.mark.parametrize("line", [
    # a bakery uses butter, not cookies: extraction read "uses" beside a cookie as a site's notice
    "The bakery uses butter from the dairy next door in every cookie it sells, the owner said.",
    # a credit's opening that goes on to report: extraction dropped it at the end of a text
    "Reporting by The Washington Post found that the agency had ignored the warnings for years.",
    # a share button run into the story, which names no one to write to (the clustering dev set)
    "Email This Even at 88, Betty White has the ambition of a 20-something!",
    # cookies a company's or a group's website names are food (a review of the merged rule)
    "The Girl Scouts sold 200 million boxes of cookies last year, according to the organization's website.",
    "The bakery said customers who ordered cookies through its website would receive refunds.",
    # "reached at" in reporting
    "Negotiators said an agreement may be reached at the summit in Geneva next week.",
    "The summit can be reached at low tide by a causeway from the village.",
])
def test_reporting_both_stages_keep(line: str) -> None:
    assert line in extracted(line) and not is_furniture(line)


@pytest.mark.parametrize("line", [
    # a site's notice in words extraction did not know ("personalise", "tracking")
    "Cookies and similar tracking technologies personalise the ads and the content you see here.",
])
def test_a_cookie_notice_both_stages_drop(line: str) -> None:
    assert line not in extracted(line, "The roads were cleared by Tuesday night, the county said.")
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    # credits extraction kept at the end of a text: a writer's, a dateline's
    "(Writing by Lincoln Feast and Alex Richardson; Editing by Dean Yates)",
    "— Reporting by Jane Doe in Boston; editing by Tom Heneghan",
    "Lucey reported from Washington.",
    # ... and credits the brief kept: a place or the writer's address after "contributed" (the clustering dev set)
    "Associated Press reporter Paul J. Weber and Chris Sherman contributed to this story from McAllen, Texas.",
    "Reporter Stephen Hudak contributed to this report. echerney@orlandosentinel.com or 352-742-5930",
    # sign-offs the brief kept as sentences: a desk's note, how to reach the writer
    "This story has been updated to include a statement from the governor's office.",
    "Contact the reporter at the newsroom on Main Street between nine and five.",
    "Contact Tracey Kaplan at 408-278-3482.",
    "Jane Doe can be reached at the Boston bureau on weekdays.",
    "He can be reached at jdoe@example.com.",
    "Follow Jane Doe on Twitter @janedoe.",
])
def test_a_credit_or_a_sign_off_after_the_story_both_stages_drop(line: str) -> None:
    assert extracted(line)[-1] == "Officials said the schools would reopen on Wednesday if the roads are clear."
    assert is_furniture(line)


def test_a_saying_about_following_on_twitter_is_no_sign_off_to_the_brief() -> None:
    # (extraction's whole-line rule for "Follow X on Twitter" lines is its own, and drops such a line as a paragraph)
    assert not is_furniture("Follow the money on Twitter, he said, and you will find the people behind the campaign.")
