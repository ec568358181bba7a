"""An age set after a name between commas ("Anthony Phillip LaSalle, 36, of Bloomington") counts years of age."""
from storyline.consolidate.disagreement import at_odds
from storyline.consolidate.quantities import quantities


def test_an_age_after_a_name_is_an_age():
    (age,) = quantities("Anthony Phillip LaSalle, 36, of Bloomington, was stopped.")
    assert age.head == "year-old" and age.value == 36
    assert quantities("LuAnn Marie Johnson, 66, of Burnsville was killed.")[0].head == "year-old"


def test_an_age_is_no_count_of_blocks():
    # ecbplus-21 (a Bloomington hit-and-run): a conflict between "two blocks away" and the driver's age
    a = ("Police stopped LaSalle, of Bloomington, when he hit another vehicle two blocks away at the intersection of "
         "American Boulevard and Lyndale Avenue.")
    b = ("Police stopped Anthony Phillip LaSalle, 36, of Bloomington, when he hit another vehicle at the intersection "
         "of American Boulevard and Lyndale Avenue.")
    assert at_odds(a, b) is None
    # two ages still differ
    assert at_odds("Anthony LaSalle, 36, of Bloomington, was arrested.",
                   "Anthony LaSalle, 38, of Bloomington, was arrested.") == "number"


def test_a_figure_between_commas_after_a_lower_case_word_is_no_age():
    # "In the end, 36, not 40, were rescued": a count
    figures = quantities("In the end, rescuers said, 36, not 40, were rescued.")
    assert all(q.head != "year-old" for q in figures)
