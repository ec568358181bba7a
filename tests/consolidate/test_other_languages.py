"""Issue 3 in the brief: a report in another language is one of the story's sources, never read by the brief's
English readers, so its English-model junk ("Jahr 2019" a person, untranslated facts, a German timeline line cut
mid-way) stays out; a story of such reports only gets its headline for a title and no junk (qa s22 items 2, 5)."""
from dataclasses import replace

from storyline.config import Settings
from storyline.consolidate.brief import build_brief, story_title
from storyline.records import Article, StoredArticle

ENGLISH = [
    ("gaz", "Dunmore Gazette", "Bridge collapse kills 12 in Dunmore",
     "The Harlow Street bridge in Dunmore collapsed into the Lackawanna River late on Tuesday, killing 12 people. "
     "Mayor Ellen Park said rescuers worked through the night. Governor Tom Wolfe ordered an inquiry on Wednesday."),
    ("star", "Dunmore Star", "Twelve dead as Harlow Street bridge falls",
     "Twelve people died when the Harlow Street bridge gave way on Tuesday night. \"We will not stop until every "
     "family has an answer,\" Mayor Ellen Park said. The bridge, built in 1958, was rated poor in 2019."),
]
GERMAN = ("spiegel", "Der Spiegel", "Brückeneinsturz in Dunmore: zwölf Tote",
          "In der amerikanischen Stadt Dunmore ist am Dienstagabend die Harlow-Street-Brücke in den Fluss "
          "Lackawanna gestürzt. Zwölf Menschen kamen ums Leben, teilten die Behörden mit. Die Brücke aus dem Jahr "
          "1958 war bei einer Inspektion im Jahr 2019 als mangelhaft eingestuft worden.")
SPANISH = ("pais", "El País", "Se derrumba un puente en Dunmore: 15 muertos",
           "El puente de Harlow Street, en Dunmore, se derrumbó el martes por la noche sobre el río Lackawanna, "
           "causando la muerte de 15 personas, según las autoridades. El puente fue construido en 1958.")
CHINESE = ("xinhua", "新华社", "美国宾夕法尼亚州一座桥梁坍塌 造成12人死亡",
           "据当地官员称，美国宾夕法尼亚州邓莫尔市的哈洛街大桥于周二晚间坍塌，坠入拉克瓦纳河，造成12人死亡，30人受伤。"
           "市长埃伦·帕克表示，救援人员连夜工作，搜救被困车辆。州长汤姆·沃尔夫宣布将对事故展开调查。")


def _members(enricher, reports, language):
    """Members as a store built before labels mattered holds them: every text read by the English model."""
    articles = [Article(id=aid, source=aid, outlet=outlet, title=title, text=text, published="2026-03-11")
                for aid, outlet, title, text in reports]
    return [StoredArticle(replace(e.article, language=language(e.article.id)), e.annotations, "s")
            for e in enricher.enrich(articles)]


def _brief(members):
    return build_brief(members, Settings(embeddings="off", fact_embeddings="off"))


def _texts(brief):
    return ([s.text for s in brief.summary] + [f.text for f in brief.facts] + [t.text for t in brief.timeline]
            + [q.text for q in brief.quotes] + [e.name for e in brief.entities])


def test_reports_in_other_languages_add_no_junk_to_an_english_story(enricher):
    english = _members(enricher, ENGLISH, lambda _: "en")
    labels = {"spiegel": "de", "pais": "es"}
    mixed = english + _members(enricher, [GERMAN, SPANISH], labels.get)
    brief, alone = _brief(mixed), _brief(english)
    assert brief.title in {title for _, _, title, _ in ENGLISH}
    assert _texts(brief) == _texts(alone)
    assert not any(word in " ".join(_texts(brief)) for word in ("Jahr", "Brücke", "puente", "muerte"))


def test_a_story_of_chinese_reports_is_titled_by_its_headline_and_holds_no_junk(enricher):
    members = _members(enricher, [CHINESE], lambda _: "zh")
    brief = _brief(members)
    assert brief.title == CHINESE[2]
    assert brief.summary == [] and brief.facts == [] and brief.timeline == [] and brief.entities == []


def test_a_title_cut_from_unspaced_text_is_title_length(enricher):
    aid, outlet, _, text = CHINESE
    members = _members(enricher, [(aid, outlet, None, text)], lambda _: "zh")
    title = story_title(members, None)
    assert title.endswith("…") and len(title) <= 30 and text.startswith(title[:-1])


def test_a_title_cut_from_english_text_keeps_fourteen_words(enricher):
    aid, outlet, _, text = ENGLISH[0]
    members = _members(enricher, [(aid, outlet, None, text)], lambda _: "en")
    assert story_title(members, None) == " ".join(text.split()[:14]) + "…"


def test_a_story_labelled_by_an_older_detector_keeps_its_brief(enricher):
    """Review s22 L2: ``storyline refresh`` rebuilds briefs without relabelling, and the older detector labelled
    English text in capitals "pcm" (no ISO 639-1 code); other tools write "EN" or "en-US"."""
    labels = {"gaz": "pcm", "star": "en-US"}
    brief = _brief(_members(enricher, ENGLISH, labels.get))
    assert brief.summary and brief.entities
    assert _texts(brief) == _texts(_brief(_members(enricher, ENGLISH, lambda _: "en")))
