"""Issue 3: enrichment stays English-first. An article labelled with another language keeps its clustering terms
(a French report still joins its event's story) but the English readers (sentences, entity mentions, quotes, time
expressions) leave it alone: an English model reads "el" as a person and cuts a German sentence mid-way."""
import pytest

from storyline.records import Article

GERMAN = ("In der amerikanischen Stadt Dunmore ist am Dienstagabend die Harlow-Street-Brücke in den Fluss "
          "Lackawanna gestürzt. Zwölf Menschen kamen ums Leben, teilten die Behörden mit. Die Brücke aus dem Jahr "
          "1958 war bei einer Inspektion im Jahr 2019 als mangelhaft eingestuft worden. „Wir geben nicht auf“, "
          "sagte Bürgermeisterin Ellen Park.")
SPANISH = ("El puente de Harlow Street, en Dunmore, se derrumbó el martes por la noche sobre el río Lackawanna. "
           "\"Seguiremos buscando toda la noche\", dijo la alcaldesa Ellen Park a los periodistas.")
ENGLISH = ("The Harlow Street bridge in Dunmore collapsed into the Lackawanna River late on Tuesday, killing 12 "
           "people. \"We will not stop until every family has an answer,\" Mayor Ellen Park said on Wednesday.")


def _annotations(enricher, text, language):
    article = Article(id="t", source="t", text=text, title="Dunmore bridge", published="2026-03-11",
                      language=language)
    return next(enricher.enrich([article])).annotations


@pytest.mark.parametrize("text, language", [(GERMAN, "de"), (SPANISH, "es")])
def test_the_english_readers_leave_another_language_alone(enricher, text, language):
    ann = _annotations(enricher, text, language)
    assert ann.sentences == [] and ann.mentions == [] and ann.quotes == [] and ann.times == []
    assert ann.terms and ann.views  # still clustered with its event's story


@pytest.mark.parametrize("language", ["en", None])
def test_english_and_unlabelled_text_is_read_as_before(enricher, language):
    ann = _annotations(enricher, ENGLISH, language)
    assert len(ann.sentences) == 2 and ann.quotes and ann.times
    assert "Ellen Park" in {m.text for m in ann.mentions}


def test_terms_of_another_language_are_those_read_before_labels_mattered(enricher):
    assert _annotations(enricher, GERMAN, "de").terms == _annotations(enricher, GERMAN, None).terms


QUOTING_FRENCH = ("A strike by metro workers shut down most lines across the capital on Wednesday. Transport minister "
                  "Claire Dubois told reporters: « Nous ne céderons pas à la pression des syndicats, cette réforme "
                  "est nécessaire. » Union leader Marc Lefèvre said the walkout would continue on Thursday.")


def test_an_english_report_quoting_french_keeps_the_quote_but_no_entity_read_inside_it(enricher):
    ann = _annotations(enricher, QUOTING_FRENCH, "en")
    french = next(q for q in ann.quotes if "Nous ne céderons" in q.text)
    assert french.speaker and "Dubois" in french.speaker
    assert not [m.text for m in ann.mentions if french.start <= m.start < french.end]
    assert {"Claire Dubois", "Marc Lefèvre"} <= {m.text for m in ann.mentions}


def test_entities_inside_a_short_or_english_quotation_are_kept(enricher):
    text = ('"We met Governor Tom Wolfe in Harrisburg on Tuesday to ask for more money," Mayor Ellen Park said. '
            '"Tom Wolfe agreed," she added.')
    ann = _annotations(enricher, text, "en")
    assert sum(m.text == "Tom Wolfe" for m in ann.mentions) == 2 and "Harrisburg" in {m.text for m in ann.mentions}
