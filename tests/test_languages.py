"""What the English-first readers make of a stored language label (review s22 L2): a store labelled by an older
detector or another tool must not lose its English articles' briefs."""
import pytest

from storyline.languages import primary_language, read_in_english


@pytest.mark.parametrize("label", ["en", "EN", "en-US", "en_GB", " en ", "", None,
                                   # the older detector's codes outside ISO 639-1 (an English text in capitals)
                                   "pcm", "sco", "wuu", "zxx"])
def test_english_and_unknown_labels_are_read_in_english(label):
    assert read_in_english(label)


@pytest.mark.parametrize("label", ["fr", "FR", "de-AT", "zh_Hans", "ar"])
def test_another_language_is_not_read_in_english(label):
    assert not read_in_english(label)


@pytest.mark.parametrize("label, code", [("en-US", "en"), ("PT-br", "pt"), ("", None), ("  ", None), (None, None)])
def test_a_label_is_reduced_to_its_primary_language(label, code):
    assert primary_language(label) == code


def test_letter_pairs_write_unspaced_runs_as_overlapping_pairs():
    from storyline.languages import has_unspaced, letter_pairs

    assert letter_pairs("桥梁坍塌 in Dunmore").split() == ["桥梁", "梁坍", "坍塌", "in", "Dunmore"]
    assert letter_pairs("COVID-19疫情，桥").split() == ["COVID-19", "疫情", "，", "桥"]
    assert letter_pairs("กินข้าว").split() == ["กิ", "ิน", "นข", "ข้", "้า", "าว"]
    assert letter_pairs("Straße 2024") == "Straße 2024"
    assert has_unspaced("Tokyo 東京") and has_unspaced("서울에서") and not has_unspaced("Привет, مرحبا")


def test_sentences_in_chinese_or_japanese_are_joined_without_a_space():
    from storyline.languages import joined_sentences

    assert joined_sentences(["桥梁坍塌。", "12人死亡。", "Officials said so."]) == "桥梁坍塌。12人死亡。Officials said so."
    assert joined_sentences(["One.", "Two?", "「三。」", "四。"]) == "One. Two? 「三。」四。"
    assert joined_sentences([]) == ""


@pytest.mark.parametrize("text", ["Tokyo 東京", "서울에서", "เชียงใหม่", "ᄀ", "ㄱ", "ㇰ", "㐀", "豈", "ཀ", "က", "ក", "ກ"])
def test_every_unspaced_script_is_found(text):
    from storyline.languages import has_unspaced
    assert has_unspaced(text) and has_unspaced(None, "", text)
    assert not has_unspaced("“Quoted” — it’s café 。、", None)


def test_the_unspaced_scripts_are_listed_once_and_counted_alike():
    # a review: extract.metadata's count of CJK letters left out the Korean jamo and the katakana extensions that
    # the letter pairs and the language detector count as Korean and Japanese
    from storyline.extract.metadata import cjk_words, count_words
    from storyline.languages import CJK_LETTERS, HAN_LETTERS, SCRIPT_LETTERS, UNSPACED_LETTERS
    assert count_words("ㄱㄴㄷㄹㅁㅂ") == 3 and cjk_words("ᄀᄁᄂᄃ") == 2 and count_words("ㇰㇱㇲㇳ") == 2
    assert count_words("東京都で大雨による洪水") == 5 and count_words("two plain words 東京") == 4
    assert set(CJK_LETTERS) <= set(UNSPACED_LETTERS) and HAN_LETTERS + "".join(SCRIPT_LETTERS.values()) == UNSPACED_LETTERS
