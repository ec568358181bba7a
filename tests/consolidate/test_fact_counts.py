"""Two outlets' tolls of one event, each in its own words, are compared (the session 24 tester's bus crash: 12 killed
and 30 injured / 14 killed and 28 injured, both single-source, no conflict), without comparing counts of other things."""
from storyline.consolidate.facts import group_facts
from storyline.consolidate.sentences import StorySentence

REUTERS = ("12 people were killed and 30 injured when a passenger bus collided with a fuel truck on the A7 motorway "
           "near Lyon on Tuesday morning, French police said.")
AP = ("14 people were killed and 28 injured Tuesday when a bus hit a fuel tanker on a motorway south of Lyon, "
      "officials said, in France's worst road accident in years.")
REUTERS_REST = ["The bus, carrying 52 passengers from Marseille to Paris, caught fire after the crash.",
                "Interior Minister Claire Martin said an investigation had been opened.",
                "The motorway was closed in both directions for most of the day."]
AP_REST = ["The coach was travelling from Marseille to Paris when it struck the tanker and burst into flames.",
           "Rescue teams worked for hours at the site, the regional prefecture said.",
           "Families gathered at the main hospital in Lyon waiting for news."]


def story(*articles):
    out = []
    for n, texts in enumerate(articles):
        for pos, text in enumerate(texts):
            out.append(StorySentence(f"a{n}", f"outlet{n}", pos, text, 0, len(text), f"Outlet {n}",
                                     "2026-11-10T10:00:00Z"))
    return out


def status_of(sentences, text):
    claims, groups = group_facts(sentences)
    return next(g.status for g in groups if any(claims[i].text == text for i in g.claims))


def test_two_tolls_of_one_crash_worded_differently_conflict():
    sentences = story([REUTERS, *REUTERS_REST], [AP, *AP_REST])
    assert status_of(sentences, REUTERS) == "conflict"


def test_tolls_in_words_and_other_event_words_conflict():
    a = REUTERS.replace("12", "Twelve")
    b = ("Fourteen people died and 28 were hurt Tuesday when a bus hit a fuel tanker on a motorway south of Lyon, "
         "officials said.")
    assert status_of(story([a, *REUTERS_REST], [b, *AP_REST]), a) == "conflict"


def test_one_toll_in_other_words_is_agreed():
    b = AP.replace("14", "12").replace("28", "30")
    assert status_of(story([REUTERS, *REUTERS_REST], [b, *AP_REST]), REUTERS) == "agreed"


def test_an_earlier_crash_given_as_background_is_not_the_toll():
    background = "Three people were killed in a crash on the same stretch of road in 2019, local media said."
    sentences = story([REUTERS, *REUTERS_REST], [AP, *AP_REST, background])
    claims, groups = group_facts(sentences)
    holding = next(g for g in groups if any(claims[i].text == background for i in g.claims))
    assert holding.status != "conflict"


def test_counts_of_other_things_are_not_compared():
    a = "12 soldiers were killed when their convoy was ambushed near the border on Tuesday, the army said."
    b = "14 civilians were killed Tuesday when a market was shelled in the border town, officials said."
    assert status_of(story([a, *REUTERS_REST], [b, *AP_REST]), a) == "single_source"
    c = "30 people were injured when a passenger bus collided with a fuel truck near Lyon, police said."
    d = "14 people were killed Tuesday when a bus hit a fuel tanker on a motorway south of Lyon, officials said."
    assert status_of(story([c, *REUTERS_REST], [d, *AP_REST]), c) != "conflict"


def test_a_figure_after_its_verb_counts_that_verb_not_the_next():
    # review of session 24: "killed 12 people and injured dozens" had been read as 12 injured, a conflict with 30
    from storyline.consolidate.facts import _counted
    from storyline.consolidate.quantities import quantities
    text = "The attack killed 12 people and wounded 30."
    assert _counted(text, quantities(text)) == {("people", "killed"), ("injured", "injured")}
    a = "A bomb killed 12 people and injured dozens at a crowded Kano market on Tuesday."
    b = "Officials said 30 people were injured in the explosion, which struck at midday."
    market = "Police cordoned off the area around the central market in Kano after the explosion on Tuesday."
    assert status_of(story([a, market], [b, market]), a) == "single_source"


def test_a_background_toll_in_the_lead_is_not_aligned_by_its_count():
    # review of session 24: another crash's toll among an article's first claims had been forced into a conflict
    a = "Twelve people were killed on Tuesday when a bus hit a fuel tanker outside Lyon."
    b_lead = "A bus and a fuel truck collided on the A7 near Lyon on Tuesday morning, officials said."
    b_past = "Last year, 3 people were killed in a similar crash on the motorway."
    sentences = story([a, *REUTERS_REST], [b_lead, b_past, *AP_REST])
    assert status_of(sentences, a) == "single_source" and status_of(sentences, b_past) == "single_source"
    # nor when its own wording is close: another crash "in March" is no version of Tuesday's toll
    c = "12 people were killed when a passenger bus collided with a fuel truck on the A7 motorway near Lyon on Tuesday."
    d = ("In an earlier crash, 3 people were killed when a passenger bus collided with a truck on the A7 motorway "
         "near Lyon in March.")
    sentences = story([c, *REUTERS_REST], [d, *AP_REST])
    assert status_of(sentences, c) == "single_source" and status_of(sentences, d) == "single_source"


def test_a_background_word_in_one_claim_does_not_hide_a_negation():
    # as the facts dev set's multinews-validation-40 ("since" in one outlet's wording only, the names still conflict)
    a = ("The carmaker said on Monday it would not close its assembly plant in Ohio this year, since demand for its "
         "trucks had recovered.")
    b = "The carmaker said on Monday it would close its assembly plant in Ohio this year."
    assert status_of(story([a, *REUTERS_REST], [b, *AP_REST]), a) == "conflict"
