"""An outlet's correction notice (the tester's #7): what its page said before is no fact of the brief, no summary line,
and "An earlier version of this article" is no quote's speaker."""
from __future__ import annotations

from storyline.consolidate.quotes import worth_showing
from storyline.consolidate.sentences import MIN_CLAIM_WORDS, is_furniture, usable
from storyline.pipeline import has_correction_notice
from storyline.records import Quote

NOTICE = "Correction: An earlier version of this article said five people had died."
AFTER = "Police have confirmed four deaths on Monday evening."


def test_a_correction_notice_is_no_fact_and_the_sentence_after_it_is():
    assert is_furniture(NOTICE) and not usable(NOTICE) and not usable(NOTICE, MIN_CLAIM_WORDS)
    assert not is_furniture("An earlier version of the plan was rejected by the council in March.")
    assert usable(AFTER, MIN_CLAIM_WORDS)  # the outlet's corrected report stays a fact


def test_an_earlier_version_of_this_article_is_no_speaker():
    reported = Quote(speaker="An earlier version of this article", text="five people had died", direct=False,
                     cue="said")
    assert not worth_showing(reported, reported.speaker, NOTICE)
    named = Quote(speaker="Marcia Bell", text="I don't know how long I held her. It felt like hours.", direct=True,
                  cue="said")
    assert worth_showing(named, named.speaker)


def test_a_text_with_a_correction_notice_is_the_later_version():
    assert has_correction_notice("Four people died ...\n\n" + NOTICE)
    assert not has_correction_notice("Five people died when the Stort footbridge collapsed on Monday.")


def test_news_of_an_earlier_version_of_a_report_is_no_notice():
    """Only a sentence that opens with the notice is one: an audit's "previous version of this report" is news."""
    for news in ("The inspector general said the previous version of this report understated the cost of the "
                 "bridge by $2 billion.",
                 "Auditors found that the original version of this report, delivered to the council in March, "
                 "omitted 14 contracts."):
        assert not is_furniture(news) and usable(news, MIN_CLAIM_WORDS)
        assert not has_correction_notice("The audit was published on Monday. " + news)
    assert has_correction_notice("Four people died. Clarification: The original version of this story misnamed "
                                 "the bridge.")
