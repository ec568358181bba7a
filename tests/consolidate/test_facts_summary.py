"""Summary and facts over real-looking story sentences (ECB+ wording, not copyrighted)."""
from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.quantities import quantities
from storyline.records import Annotations, Article, Sentence, StoredArticle


def member(aid, outlet, sentences, dup=None):
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append(Sentence(pos, pos + len(s)))
        pos += len(s) + 1
    art = Article(id=aid, source=aid, text=text, title=f"Headline of article {aid}", outlet=outlet)
    return StoredArticle(art, Annotations(sentences=spans), "s", dup)


A = member("a", "Ledger", [
    "Indian Navy commandos captured 23 pirates in the Gulf of Aden on Saturday after a distress call.",
    "The pirates had tried to board an Ethiopian-flagged merchant vessel, the navy said in a statement.",
    "The destroyer INS Mysore answered the call and sent a helicopter with marine commandos.",
])
B = member("b", "Courier", [
    "The Indian Navy captured 23 pirates in the Gulf of Aden on Saturday after answering a distress call.",
    "The pirates had tried to board an Ethiopian-flagged merchant ship, a navy statement said.",
    "Weapons including rifles and a rocket launcher were seized from the pirate boats.",
])
C = member("c", "Gazette", [
    "Indian Navy commandos captured 26 pirates in the Gulf of Aden on Saturday after a distress call.",
])
COPY = member("d", "Wire Mirror", A.article.text.split(". "), dup="a")


def test_paraphrases_from_two_outlets_are_agreed_and_a_number_mismatch_is_a_conflict():
    brief = build_brief([A, B, C, COPY], Settings())
    statuses = {f.status for f in brief.facts}
    agreed = [f for f in brief.facts if f.status == "agreed"]
    conflicts = [f for f in brief.facts if f.status == "conflict"]
    assert any("board an Ethiopian-flagged" in f.text for f in agreed)
    assert conflicts and {v["outlet"] for v in conflicts[0].versions} >= {"Gazette"}
    assert "single_source" in statuses
    single = [f for f in brief.facts if f.status == "single_source"]
    assert any("rocket launcher" in f.text for f in single)


def test_duplicates_are_cited_but_never_counted_as_a_source():
    brief = build_brief([A, COPY], Settings())
    assert all(f.status == "single_source" for f in brief.facts)  # one independent outlet
    assert any("d" in f.article_ids for f in brief.facts)


def test_summary_cites_every_supporting_article_within_budget():
    brief = build_brief([A, B, C], Settings(summary_words=40))
    assert 0 < sum(len(s.text.split()) for s in brief.summary) <= 50
    assert any(len(s.article_ids) >= 2 for s in brief.summary)
    # C's "26 pirates" is not supported by A's and B's "23 pirates", however alike the rest of the sentence
    assert all(s.article_ids == ["c"] for s in brief.summary if "26 pirates" in s.text)
    assert brief.title.startswith("Headline of article")


def numbers(text):
    return {q.value for q in quantities(text)}


def test_numbers_are_normalised():
    assert numbers("1,500 people") == numbers("fifteen hundred people") == {1500.0}
    assert numbers("in 2008 about 3 million") == {3_000_000.0}


def dated(aid, outlet, sentences, published):
    m = member(aid, outlet, sentences)
    art = m.article
    return StoredArticle(Article(id=art.id, source=art.source, text=art.text, title=art.title, outlet=outlet,
                                 published=published), m.annotations, "s")


def test_a_rising_toll_in_a_later_report_is_an_update_not_a_conflict():
    early = dated("e", "Ledger", ["At least 12 people were killed when the bridge collapsed in Genoa on Tuesday.",
                                  "Rescue teams worked through the night under heavy rain."], "2018-08-14")
    late = dated("l", "Courier", ["The number of people killed when the bridge collapsed in Genoa on Tuesday rose to 35.",
                                  "Officials promised an inquiry into the motorway operator."], "2018-08-15")
    brief = build_brief([early, late], Settings())
    assert not [f for f in brief.facts if f.status == "conflict"]
    updated = [f for f in brief.facts if f.update]
    assert updated and updated[0].status == "agreed"
    assert [v["article_id"] for v in updated[0].versions] == ["e", "l"]  # oldest first


def test_a_hedged_figure_holding_the_other_is_agreed():
    a = member("a", "Ledger", ["Police said at least 20 protesters were arrested outside the parliament building."])
    b = member("b", "Courier", ["Police said 23 protesters were arrested outside the parliament building on Friday."])
    brief = build_brief([a, b], Settings())
    assert [f.status for f in brief.facts if len(f.article_ids) == 2] == ["agreed"]


def test_figures_written_differently_agree_and_different_counted_things_do_not_clash():
    from storyline.consolidate.quantities import disagree, quantities

    assert not disagree(quantities("fifteen hundred people fled"), quantities("1,500 people fled"))
    assert not disagree(quantities("1.5 million residents"), quantities("1,500,000 residents"))
    assert disagree(quantities("23 pirates were held"), quantities("twenty-six pirates were held"))
    assert not disagree(quantities("23 pirates were held"), quantities("3 boats were seized"))
    assert not disagree(quantities("at least 20 people"), quantities("23 people"))
    assert disagree(quantities("more than 50 people"), quantities("23 people"))


def test_a_summary_sentence_never_cites_an_article_that_gives_another_figure_for_it():
    fifty = member("oak", "Oakridge News", [
        "About 50 residents were evacuated from the Millbrook estate on Tuesday after the river burst its banks.",
        "Emergency crews worked through the night to shore up the flood defences."])
    eighty = member("river", "River Times", [
        "About 80 residents were evacuated from the Millbrook estate on Tuesday after the river burst its banks.",
        "Emergency crews worked through the night to shore up the flood defences."])
    brief = build_brief([fifty, eighty], Settings())
    assert any(f.status == "conflict" for f in brief.facts)
    cited = {s.text: s.article_ids for s in brief.summary}
    figures = [text for text in cited if "evacuated" in text]
    assert figures and all(cited[t] == (["oak"] if "50" in t else ["river"]) for t in figures)
    assert cited.get(fifty.article.text.split(". ")[1]) in (None, ["oak", "river"])  # agreement still cites both


def test_a_summary_sentence_never_cites_an_article_the_facts_list_as_giving_another_year():
    # a bug once: the summary's support compared figures only, the facts compared years too
    built_62 = ["The bridge, built in 1962, carried about 8,000 vehicles a day across the Wren River.",
                "Rescue crews pulled 30 people from the water after the collapse on Monday."]
    sixty_two = member("a1", "Harbor Times", built_62)
    seventy_two = member("b1", "Metro Courier", [
        "The bridge, which was built in 1972, carried roughly 8,000 vehicles daily over the Wren River.",
        "Rescue crews pulled 30 people from the water after the collapse on Monday."])
    also_62 = member("c1", "Lakeview Post", built_62)
    brief = build_brief([sixty_two, seventy_two, also_62], Settings())
    conflict = [f for f in brief.facts if f.status == "conflict"]
    assert conflict and any("1972" in v["text"] for v in conflict[0].versions)
    cited = {s.text: s.article_ids for s in brief.summary}
    years = [t for t in cited if "built in" in t]
    assert years and all(cited[t] == (["a1", "c1"] if "1962" in t else ["b1"]) for t in years)


def fire(aid, outlet, n):
    """A report of the Kestrel plant fire that gives ``n`` residents evacuated."""
    return member(aid, outlet, [
        f"A fire broke out at the Kestrel chemical plant in Dunmore on Friday, forcing {n} residents to evacuate.",
        "The plant makes fertiliser and employs 120 people."])


def test_every_distinct_version_of_a_conflict_is_listed_with_all_its_sources():
    # a bug once: only the first conflicting pair was kept, so a third outlet's 700 went unshown
    brief = build_brief([fire("k0", "Dunmore Star", 300), fire("k1", "County Echo", 500),
                         fire("k2", "Valley Voice", 700), fire("k3", "Hill Herald", 500)], Settings())
    conflict = [f for f in brief.facts if f.status == "conflict"]
    assert len(conflict) == 1
    versions = {n: v for v in conflict[0].versions for n in ("300", "500", "700") if f"{n} residents" in v["text"]}
    assert len(versions) == len(conflict[0].versions) == 3
    assert [versions[n]["article_ids"] for n in ("300", "500", "700")] == [["k0"], ["k1", "k3"], ["k2"]]
    assert versions["500"]["outlets"] == ["County Echo", "Hill Herald"]


def test_one_outlet_written_two_ways_is_one_source():
    # "Ledger" and the host of its site are one outlet: what both say is single-source, named as first written
    b_from_the_site = member("b", "www.ledger.example", B.article.text.split(". "))
    brief = build_brief([A, b_from_the_site], Settings())
    assert brief.facts and all(f.status == "single_source" for f in brief.facts)
    assert {v["outlet"] for f in brief.facts for v in f.versions} <= {"Ledger", "www.ledger.example"}
    # the same articles under two outlets are cross-checked
    assert "agreed" in {f.status for f in build_brief([A, B], Settings()).facts}


def test_a_name_and_its_sites_country_host_are_one_source():
    # "Dunmore Ledger" from its record, the other article's outlet only its site's host under a country's domain:
    # by key alone two outlets (a host keeps its country), in one story one outlet, so what both say is single-source
    # (a one-word name, "Ledger", is many countries' paper: kept apart, tests/test_outlets.py)
    a_named = member("a", "Dunmore Ledger", A.article.text.split(". "))
    b_from_the_site = member("b", "www.dunmoreledger.fr", B.article.text.split(". "))
    brief = build_brief([a_named, b_from_the_site], Settings())
    assert brief.facts and all(f.status == "single_source" for f in brief.facts)


def test_a_conflict_version_lists_a_name_and_its_host_once():
    brief = build_brief([fire("k0", "Dunmore Star", 300), fire("k1", "County Echo", 500),
                         fire("k3", "countyecho.co.uk", 500)], Settings())
    [conflict] = [f for f in brief.facts if f.status == "conflict"]
    five = next(v for v in conflict.versions if "500 residents" in v["text"])
    assert five["article_ids"] == ["k1", "k3"] and five["outlets"] == ["County Echo"]


def test_a_conflict_version_lists_an_outlet_once_as_first_written():
    brief = build_brief([fire("k0", "Dunmore Star", 300), fire("k1", "County Echo", 500),
                         fire("k3", "countyecho.example", 500)], Settings())
    conflict = [f for f in brief.facts if f.status == "conflict"]
    assert len(conflict) == 1
    five = next(v for v in conflict[0].versions if "500 residents" in v["text"])
    assert five["article_ids"] == ["k1", "k3"] and five["outlets"] == ["County Echo"]


def test_one_fact_in_other_words_is_agreed():
    # two outlets' wording of one charge (the facts set's real pairs): agreed since SAME_FACT is 0.45, two
    # single-source lines at 0.5
    a = member("w1", "Wire Daily", ["White is charged with first-degree possession of marijuana and possession of a "
                                    "firearm by a violent felon.", "Wages rose in most industries over the summer months."])
    b = member("w2", "Market Post", ["Authorities have arrested 49-year-old Kenneth White and charged him with "
                                     "first-degree possession of marijuana.",
                                     "Economists had expected a smaller gain after a weak August."])
    agreed = [f for f in build_brief([a, b], Settings()).facts if f.status == "agreed"]
    assert [sorted(f.article_ids) for f in agreed] == [["w1", "w2"]]


def test_loosely_aligned_claims_with_other_figures_are_not_agreed():
    # the review's case: aligned at a cosine of 0.49, below the bar at which figures are compared; one agreed fact
    # would have hidden 40 against 12 dead
    a = member("q1", "Wire Daily", ["The earthquake killed 12 people in the northern province of Herat on Saturday, "
                                    "officials said.", "Rescue teams searched collapsed homes through the night."])
    b = member("q2", "Market Post", ["The earthquake in Herat province on Saturday killed 40 people and flattened "
                                     "villages, according to the Red Crescent.",
                                     "Aid agencies warned that winter was approaching fast."])
    assert not [f for f in build_brief([a, b], Settings()).facts if f.status == "agreed" and len(f.article_ids) == 2]
