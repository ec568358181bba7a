"""Two reports of one fire that count a named kind of people otherwise ("injuring two firefighters" / "three
firefighters were injured"; a chief's "We evacuated about 300 residents" / a lead's "About 500 residents ... were
evacuated") are compared however few other words their sentences share, and an undated report with no outlet is
still a source of its own."""
import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.facts import Claim, _count_one_thing, _lead_counts
from storyline.consolidate.quantities import quantities

from .sentences_of import member
from .test_tolls_over_days import report

COURIER = ["A four-alarm fire tore through a cold-storage warehouse in Port Ellery's harbor district early Wednesday, "
           "injuring two firefighters and sending a plume of smoke over nearby homes.",
           "The fire was reported at 2:17 a.m., Fire Chief Dana Whitcomb said.",
           "\"The ammonia refrigeration system was our biggest concern,\" Whitcomb said.",
           "\"We evacuated about 300 residents as a precaution, and we're asking people to keep their windows closed.\""]
HARBOR = ["About 500 residents of Port Ellery's harbor district were evacuated early Wednesday as a fire destroyed a "
          "cold-storage warehouse.",
          "Three firefighters were injured, Port Ellery Fire Chief Dana Whitcomb said.",
          "\"We were lucky the wind was blowing out to the water,\" Whitcomb said."]


def test_the_verb_of_a_figures_own_clause_says_what_it_counts() -> None:
    assert [(q.value, q.event) for q in quantities(HARBOR[0])] == [(500.0, "evacuated")]
    assert [(q.value, q.event) for q in quantities("The bus carried 52 passengers and two were killed.")] == \
        [(52.0, None), (2.0, "killed")]


@pytest.mark.parametrize("dated", [True, False])
def test_counts_of_a_named_kind_of_people_are_compared(dated: bool) -> None:
    harbor = report("harbor", "Harbor Daily News", HARBOR, "2026-11-25T17:10:00Z") if dated else \
        member("harbor", None, HARBOR)
    brief = build_brief([report("courier", "Coastal Courier", COURIER, "2026-11-25T15:45:00Z"), harbor], Settings())
    conflicts = [{v["article_id"]: v["text"] for v in f.versions} for f in brief.facts if f.status == "conflict"]
    assert {"courier": COURIER[0], "harbor": HARBOR[1]} in conflicts


def test_a_count_after_the_lead_is_compared_with_another_leads_count_of_the_same_people() -> None:
    courier = [COURIER[0].replace("injuring two firefighters and ", ""), *COURIER[1:]]
    brief = build_brief([report("courier", "Coastal Courier", courier, "2026-11-25T15:45:00Z"),
                         report("harbor", "Harbor Daily News", [HARBOR[0], HARBOR[2]], "2026-11-25T17:10:00Z")],
                        Settings())
    conflicts = [{v["article_id"]: v["text"] for v in f.versions} for f in brief.facts if f.status == "conflict"]
    assert {"courier": COURIER[3], "harbor": HARBOR[0]} in conflicts


def test_an_age_is_no_named_kind_of_people() -> None:
    # (the facts set's multinews-validation-180: two outlets' arrests of two men aligned by their ages)
    white = "Authorities have arrested 49-year-old Kenneth White and charged him with possession of marijuana."
    brown = "Investigators also arrested 23-year-old Terry Brown and charged him with possession of drug paraphernalia."
    claims = [Claim(0, white), Claim(1, brown)]
    counted = _lead_counts(claims, ["waff", "al"], quantities)
    assert not _count_one_thing(0, 1, claims, counted, named=True)
    crews = [Claim(0, "The blaze injured two firefighters."), Claim(1, "Three firefighters were injured, the chief said.")]
    assert _count_one_thing(0, 1, crews, _lead_counts(crews, ["waff", "al"], quantities), named=True)
