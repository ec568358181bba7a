"""Through the CLI (ingest, then export json): three outlets' reports of one hurricane that give another landfall
time, another category and a denied toll, and print one short line alike; then a later report of one outlet. A
tester's case (session 25): all of it had been agreed or missing."""
from __future__ import annotations

RECORDS = [
    ("h1", "Gulf Herald", "2026-08-30T10:00:00Z", "Hurricane hits Port Carver",
     "Hurricane Lena made landfall near Port Carver at 9:30 a.m. on Sunday, flooding 200 homes, the governor said. "
     "No one was killed. Forecasters said the storm came ashore as a Category 4 hurricane. "
     "The port handles 40,000 containers a week."),
    ("h2", "Bay Times", "2026-08-30T11:00:00Z", "Lena floods Port Carver",
     "Hurricane Lena made landfall near Port Carver at 11:10 a.m. on Sunday, flooding 200 homes, the governor said. "
     "Three people were killed. Forecasters said the storm came ashore as a Category 3 hurricane. "
     "The port handles 40,000 containers a week."),
]


def test_another_time_category_or_toll_is_a_conflict_and_a_short_shared_line_is_agreed(ingested_story):
    facts = ingested_story(RECORDS)[0]["facts"]
    for words in ("landfall", "killed", "Category"):
        [fact] = [f for f in facts if any(words in v.get("text", "") for v in f["versions"]) or words in f["text"]]
        assert fact["status"] == "conflict", (words, fact)
    [port] = [f for f in facts if "40,000 containers" in f["text"]]
    assert port["status"] == "agreed" and port["article_ids"] == ["h1", "h2"]
    assert not [f for f in facts if f["status"] == "agreed" and ("a.m." in f["text"] or "Category" in f["text"])]
