"""`storyline watch` end to end over a real feed file (tester s27, minor): a `javascript:` item is skipped at every
poll but said at the first only, while the poll's count still counts it; the feed's good item is stored once."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
QUAKE = ("An earthquake of magnitude 6.1 shook the Arequipa region of southern Peru before dawn on Friday, killing "
         "four people, authorities said. The quake struck at 4:48 a.m. local time, according to civil defence "
         "officials, and was centred near the Colca Canyon. \"The houses here are made of adobe and they simply "
         "collapsed,\" said Chivay mayor Elmer Caceres. Regional governor Rohel Sanchez said rescuers were still "
         "searching several collapsed homes in the villages of Madrigal and Lari, where landslides had blocked the "
         "roads. About 12,000 homes lost power, and schools across the region were closed for the day. The government "
         "said it would send tents, blankets and water to the worst-hit villages, and army helicopters flew injured "
         "people to hospitals in Arequipa city. Dozens of aftershocks rattled the region through the morning, the "
         "strongest measuring 4.6, and many families spent the day outside in the plaza rather than return to their "
         "homes. Tourists in the Colca Canyon were safe, the tourism ministry said, though the road to Chivay stayed "
         "closed while crews cleared the rocks. The Geophysical Institute of Peru said the quake was 35 km deep.")


def test_a_javascript_item_is_said_at_the_first_poll_only(tmp_path, monkeypatch) -> None:
    import storyline.cli.watch as watch

    feed = tmp_path / "andeantimes.json"
    feed.write_text(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Andean Times", "home_page_url": "https://andeantimes.example/",
        "items": [
            {"id": "https://andeantimes.example/quake-arequipa", "url": "https://andeantimes.example/quake-arequipa",
             "title": "Quake of magnitude 6.1 shakes Arequipa; four dead", "date_published": "2026-11-27T09:00:00Z",
             "content_text": QUAKE},
            {"id": "evil-1", "url": "javascript:alert(1)", "title": "Click here for the latest toll",
             "content_text": "Click."},
        ]}))
    polls: list[float] = []

    def sleep(seconds: float) -> None:  # between polls: a third one is not waited for
        polls.append(seconds)
        if len(polls) == 3:
            raise KeyboardInterrupt
    monkeypatch.setattr(watch.time, "sleep", sleep)
    result = runner.invoke(app, ["watch", str(feed), "--interval", "1", "--db", str(tmp_path / "w.db"), "-q"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count("item 2: not an http(s) URL: 'javascript:alert(1)'") == 1, out  # said at the first poll only
    assert out.count("1 input skipped") == 3  # and counted at each of the three
    assert out.count("1 article added") == 1 and out.count("1 already stored") == 2
    assert out.rstrip().endswith("stopped.")
