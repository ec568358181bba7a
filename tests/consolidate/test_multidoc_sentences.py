"""Sentences of plain articles: a span too long to be one sentence is split again, not dropped."""
from storyline.consolidate.multidoc import article_sentences, sentence_splitter
from storyline.enrich.nlp import load_nlp

GLUED = ("Sureshbhai Patel, 57, had recently arrived in the United States to help his son and daughter-in-law "
         "care for their 17-month-old child and to see the city he had heard so much about over the years from "
         "his family, the Madison police said on Monday.Less than a week later, Patel was approached by the police "
         "on the street near the house where he was walking alone in the morning, as he did every day.")


def test_sentences_glued_without_a_space_are_split_and_kept_with_their_offsets():
    nlp = sentence_splitter(load_nlp())
    sents = article_sentences([("a", GLUED)], nlp)
    assert [s.text[:10] for s in sents] == ["Sureshbhai", "Less than "]
    assert [s.position for s in sents] == [0, 1]
    for s in sents:
        assert " ".join(GLUED[s.start:s.end].split()) == s.text


# `summarize` on a Chinese record printed an empty summary (tester's report, session 22, item 5): spaCy's English
# segmenter does not end a sentence at "。", and a whole Chinese text was one "word", too short to be a sentence.
CHINESE = ("据当地官员称，宾夕法尼亚州邓莫尔市的哈洛街大桥于周二晚间坍塌，坠入拉克瓦纳河，造成12人死亡，30人受伤。"
           "市长埃伦·帕克表示，救援人员连夜工作，搜救被困车辆。州长汤姆·沃尔夫宣布将对事故展开调查。"
           "这座桥建于1958年，在2019年的一次检查中被评为状况不佳。")
JAPANESE = ("東京都で月曜日の夜、大雨による洪水が発生し、およそ三千人の住民が近くの学校に避難した。"
            "気象庁によると、雨は水曜日まで続く見込みで、川の水位はさらに上がるおそれがある。")
ARABIC = ("انهار جسر هارلو ستريت في مدينة دنمور بولاية بنسلفانيا الأمريكية مساء الثلاثاء في نهر لاكاوانا، ما أسفر عن "
          "مقتل 12 شخصا وإصابة 30 آخرين، بحسب مسؤولين محليين. وقالت رئيسة البلدية إلين بارك إن فرق الإنقاذ عملت "
          "طوال الليل للوصول إلى السيارات العالقة. وأعلن الحاكم توم وولف فتح تحقيق في الحادث.")


def test_chinese_and_japanese_are_split_at_their_full_stops_into_usable_sentences():
    nlp = sentence_splitter(load_nlp())
    for text, first in ((CHINESE, "据当地官员称"), (JAPANESE, "東京都で")):
        sents = article_sentences([("a", text)], nlp)
        assert len(sents) >= 2 and sents[0].text.startswith(first)
        assert all(s.text.endswith("。") and text[s.start:s.end] == s.text for s in sents)


def test_an_arabic_sentence_is_not_cut_at_its_commas():
    sents = article_sentences([("a", ARABIC)], sentence_splitter(load_nlp()))
    assert len(sents) == 3
    assert sents[0].text.startswith("انهار") and "،" in sents[0].text and sents[0].text.endswith(".")


def test_a_summary_of_chinese_articles_is_whole_sentences_within_the_budget():
    from storyline.consolidate.multidoc import summarise_articles
    from storyline.extract.metadata import count_words

    second = CHINESE[:CHINESE.index("。") + 1] + "另有两人失踪，救援仍在进行之中。"
    summary = summarise_articles([("桥梁坍塌", CHINESE), (None, second)],
                                 sentence_splitter(load_nlp()), words=40)
    assert summary and all(s.text.endswith("。") and s.text in CHINESE + second for s in summary)
    assert sum(count_words(s.text) for s in summary) <= 50


def test_a_closing_quote_stays_with_the_sentence_it_closes():
    # a review: pysbd's Chinese rules end a sentence before the "”" in "。”", which began the next sentence
    text = "市长埃伦·帕克表示：“救援人员连夜工作，搜救被困车辆。”州长汤姆·沃尔夫宣布将对事故展开调查。"
    sents = article_sentences([("a", text)], sentence_splitter(load_nlp()))
    assert [s.text for s in sents] == ["市长埃伦·帕克表示：“救援人员连夜工作，搜救被困车辆。”", "州长汤姆·沃尔夫宣布将对事故展开调查。"]
    assert all(text[s.start:s.end] == s.text for s in sents)


ARCHIVE_NOTE = ("These crawls are part of an effort to archive pages as they are created and archive the pages that "
                "they refer to. That way, as the pages that are referenced are changed or taken from the web, a link to "
                "the version that was live when the page was written will be preserved.Then the Internet Archive hopes "
                "that references to these archived pages will be put in place of a link that would be otherwise be "
                "broken. Crawls of supported \"No More 404\" sites.")


def test_an_article_of_furniture_only_adds_nothing_to_a_summary():
    # a Multi-News source that is the Internet Archive's placeholder: ingestion stores no article for it, and the
    # summary took it for what the sources agree on when two of a cluster's sources were such scrapes
    from storyline.consolidate.multidoc import clean_text

    assert clean_text(ARCHIVE_NOTE) == ""
    assert clean_text(ARCHIVE_NOTE + "\n\nThe storm closed every school in the county on Monday.") == (
        "The storm closed every school in the county on Monday.")
