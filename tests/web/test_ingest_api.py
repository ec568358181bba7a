"""POST /api/ingest: only with --allow-ingest and a token; the same pipeline as `storyline ingest`."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app

from .conftest import FILLER

RECORD = {"id": "api-1", "title": "Harbour ferry terminal approved", "outlet": "Harbour Times",
          "published": "2024-03-05", "url": "https://harbour.example/a", "text": FILLER}


@pytest.fixture(scope="module")
def ingest_client(tmp_path_factory, enricher):
    app = create_app(str(tmp_path_factory.mktemp("ingest") / "i.db"), allow_ingest=True, token="s3cret")
    app.state.ingester.enricher = enricher  # the session's spaCy pipeline, instead of loading another
    with TestClient(app) as c:
        yield c


def test_ingest_needs_the_token(ingest_client):
    assert ingest_client.post("/api/ingest", json={"articles": [RECORD]}).status_code == 401
    wrong = ingest_client.post("/api/ingest", json={"articles": [RECORD]}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert ingest_client.post("/api/ingest", json={"bad": 1}).status_code == 401  # auth is checked before the body


def test_ingest_adds_articles_that_the_api_then_serves(ingest_client):
    auth = {"Authorization": "Bearer s3cret"}
    r = ingest_client.post("/api/ingest", json={"articles": [RECORD, {"id": "api-2"}]}, headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == ["api-1"] and body["new_stories"] == 1 and body["stories_updated"] == 0
    # named by the id the client gave it, with its place in the request
    assert body["problems"] == ["api#2 (id api-2): record has neither 'text' nor 'html'"]
    assert ingest_client.get("/api/articles/api-1").json()["outlet"] == "Harbour Times"
    assert ingest_client.get("/api/search", params={"q": "ferry terminal"}).json()["groups"]
    again = ingest_client.post("/api/ingest", json={"articles": [RECORD]}, headers=auth).json()
    assert again["added"] == [] and again["already_stored"] == 1


def test_lone_surrogates_in_a_record_are_replaced_and_the_request_goes_through(ingest_client):
    auth = {"Authorization": "Bearer s3cret", "Content-Type": "application/json"}
    bad = {**RECORD, "id": "api-surrogate", "url": "https://harbour.example/s", "title": "Ferry \ud800 vote",
           "text": FILLER.replace("budget", "budget \udc00")}
    good = {**RECORD, "id": "api-fine", "url": "https://harbour.example/f", "title": "Ferry vote",
            "text": FILLER.replace("Tuesday", "Wednesday")}
    body = json.dumps({"articles": [bad, good]}).encode()  # ASCII: the surrogates go as "\ud800" escapes
    r = ingest_client.post("/api/ingest", content=body, headers=auth)
    assert r.status_code == 200, r.text
    assert set(r.json()["added"]) == {"api-surrogate", "api-fine"}
    assert ingest_client.get("/api/articles/api-surrogate").json()["title"] == "Ferry \ufffd vote"


def test_lone_surrogates_in_a_record_without_an_id_are_replaced_before_it_is_named(ingest_client):
    """Its id is made of its text: the raw text's hash raised on the surrogate, a 500 for the whole request."""
    auth = {"Authorization": "Bearer s3cret", "Content-Type": "application/json"}
    bad = {"text": FILLER.replace("Tuesday", "Saturday \ud800"), "title": "Ferry \udc00 vote",
           "outlet": "Harbour \ud800 Times", "authors": ["Ann \ud800 Lee"], "published": "2024-03-05\ud800"}
    no_url = {**bad, "text": FILLER.replace("Tuesday", "Saturday \ud800 night")}
    with_url = {**bad, "text": FILLER.replace("Tuesday", "Saturday morning"), "url": "https://harbour.example/\ud800x"}
    wrong = {"id": ["\ud800"], "text": "\ud800"}  # refused, with a message that itself holds no surrogate
    r = ingest_client.post("/api/ingest", content=json.dumps({"articles": [no_url, with_url]}).encode(), headers=auth)
    assert r.status_code == 200, r.text
    added = r.json()["added"]
    assert len(added) == 2
    stored = [ingest_client.get(f"/api/articles/{i}").json() for i in added]
    assert {a["title"] for a in stored} == {"Ferry \ufffd vote"} and {a["outlet"] for a in stored} == {"Harbour \ufffd Times"}
    refused = ingest_client.post("/api/ingest", content=json.dumps({"articles": [wrong]}).encode(), headers=auth)
    assert refused.status_code == 422, refused.text


def test_a_numeric_id_is_read_as_storyline_ingest_reads_it(ingest_client):
    """README: an id that is not a string or a number is refused; a number was refused too (422)."""
    auth = {"Authorization": "Bearer s3cret"}
    records = [{"id": 123, "text": FILLER.replace("Tuesday", "Monday morning")},
               {"id": 4.5, "text": FILLER.replace("Tuesday", "Monday evening")}]
    r = ingest_client.post("/api/ingest", json={"articles": records}, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["added"] == ["123", "4.5"]
    assert ingest_client.get("/api/articles/123").json()["id"] == "123"
    for wrong in (True, [1], {"a": 1}):  # not read as 1 or as Python spells it
        refused = ingest_client.post("/api/ingest", json={"articles": [{"id": wrong, "text": FILLER}]}, headers=auth)
        assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][:4] == ["body", "articles", 0, "id"]
    for wrong in ("NaN", "Infinity"):  # JSON's non-finite numbers were stored as the ids "nan" and "inf"
        body = '{"articles": [{"id": %s, "text": %s}]}' % (wrong, json.dumps(FILLER))
        refused = ingest_client.post("/api/ingest", content=body, headers={**auth, "Content-Type": "application/json"})
        assert refused.status_code == 422, refused.text


def test_one_json_number_is_one_id_however_written(ingest_client):
    """12 was stored as "12", 12.0 as another article "12.0", and 1.2e1 was "already stored" (as 12.0)."""
    auth = {"Authorization": "Bearer s3cret", "Content-Type": "application/json"}
    twelve, half = (json.dumps(FILLER.replace("Tuesday", day)) for day in ("Midsummer Day at noon", "Midsummer Eve at dusk"))
    body = ('{"articles": [{"id": 12, "text": %s}, {"id": 12.0, "text": %s}, {"id": 1.2e1, "text": %s}, '
            '{"id": 12.50, "text": %s}, {"id": 1.25e1, "text": %s}]}' % (twelve, twelve, twelve, half, half))
    r = ingest_client.post("/api/ingest", content=body, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["added"] == ["12", "12.5"] and r.json()["already_stored"] == 3 and r.json()["id_taken"] == 0
    assert ingest_client.get("/api/articles/12.0").status_code == 404


def test_records_without_an_id_or_url_are_named_by_their_text_not_their_place_in_the_request(ingest_client):
    """Record 1 of every request used to get one id, so a later request's first article was taken as stored."""
    auth = {"Authorization": "Bearer s3cret"}
    first, second = ({"title": "Ferry vote", "text": FILLER.replace("Tuesday", day)} for day in ("Monday", "Friday"))
    one = ingest_client.post("/api/ingest", json={"articles": [first]}, headers=auth).json()
    two = ingest_client.post("/api/ingest", json={"articles": [second]}, headers=auth).json()
    again = ingest_client.post("/api/ingest", json={"articles": [second]}, headers=auth).json()
    assert len(one["added"]) == 1 and len(two["added"]) == 1 and one["added"] != two["added"]
    assert all(i.startswith("api-") for i in one["added"] + two["added"])
    assert again["added"] == [] and again["already_stored"] == 1 and not again["warnings"]  # the same article
    assert again["id_taken"] == 0 and again["stories_updated"] == 0  # a request that changed nothing says so
    other = ingest_client.post("/api/ingest", json={"articles": [{**second, "id": two["added"][0], "text": FILLER}]},
                               headers=auth).json()  # another text under that id: not "already stored"
    assert (other["added"], other["already_stored"], other["id_taken"]) == ([], 0, 1)
    assert "other text is stored under this id" in other["warnings"][0]
    assert ingest_client.get(f"/api/articles/{two['added'][0]}").json()["text"].count("Friday") == 1
    # one wire text from two outlets: two articles, the second a near-duplicate citing its outlet (a review found
    # the second taken as already stored)
    wire = FILLER.replace("Tuesday", "Sunday")
    both = ingest_client.post("/api/ingest", json={"articles": [{"text": wire, "outlet": "Harbour Times"},
                                                                {"text": wire, "outlet": "Coast Daily"}]},
                              headers=auth).json()
    assert len(both["added"]) == 2 and both["duplicates"] == 1 and both["already_stored"] == 0


def test_a_date_a_day_from_utc_is_no_date_with_a_warning_and_the_request_goes_through(ingest_client):
    auth = {"Authorization": "Bearer s3cret"}
    bad = {**RECORD, "id": "api-offset", "url": "https://harbour.example/o", "published": "2024-03-05T10:00:00+25:00",
           "text": FILLER.replace("Tuesday", "Thursday")}
    r = ingest_client.post("/api/ingest", json={"articles": [bad]}, headers=auth)  # was a 500: datetime raised
    assert r.status_code == 200, r.text
    assert r.json()["added"] == ["api-offset"] and ingest_client.get("/api/articles/api-offset").json()["published"] is None
    assert any("'2024-03-05T10:00:00+25:00' is not a valid date" in w for w in r.json()["warnings"])


def test_ingest_validates_and_limits_the_body(ingest_client):
    auth = {"Authorization": "Bearer s3cret"}
    assert ingest_client.post("/api/ingest", json={"articles": []}, headers=auth).status_code == 422
    assert ingest_client.post("/api/ingest", json={"articles": "x"}, headers=auth).status_code == 422
    many = ingest_client.post("/api/ingest", json={"articles": [{"text": "word " * 20}] * 1001}, headers=auth)
    assert many.status_code == 422 and "word" not in many.text  # the error says why, without echoing the body
    assert many.json()["detail"][0]["loc"] == ["body", "articles"] and "1000" in many.json()["detail"][0]["msg"]
    big = ingest_client.post("/api/ingest", content=b"{}", headers={**auth, "Content-Length": str(10**9)})
    assert big.status_code == 413 and "over" in big.json()["detail"]


def test_ingest_is_in_the_schema_only_when_enabled(ingest_client):
    assert "/api/ingest" in ingest_client.get("/openapi.json").json()["paths"]


def test_ingest_without_a_token_is_refused(tmp_path):
    with pytest.raises(ValueError, match="token"):
        create_app(str(tmp_path / "x.db"), allow_ingest=True)


def test_ingest_while_another_writer_holds_the_store_too_long_is_a_503(ingest_client):
    """`watch` or an `ingest` holding the writers' turn past the request's wait: 503 with Retry-After, no server
    path in the answer, and the same request goes through once the store is free."""
    from storyline.store.writelock import WriteLock

    ingester = ingest_client.app.state.ingester
    auth = {"Authorization": "Bearer s3cret"}
    record = {**RECORD, "id": "api-busy", "url": "https://harbour.example/busy"}
    other = WriteLock(ingester.db_path)
    other.acquire()
    ingester.write_wait = 0.2
    try:
        r = ingest_client.post("/api/ingest", json={"articles": [record]}, headers=auth)
        assert r.status_code == 503 and r.headers["retry-after"] == "30"
        assert "another writer" in r.json()["detail"] and ingester.db_path not in r.json()["detail"]
    finally:
        other.release()
        other.close()
    again = ingest_client.post("/api/ingest", json={"articles": [record]}, headers=auth)
    assert again.status_code == 200 and again.json()["added"] == ["api-busy"]
    ingester.write_wait = 60.0


def test_a_problem_names_a_record_without_a_usable_id_by_its_place(ingest_client):
    auth = {"Authorization": "Bearer s3cret"}
    records = [{"title": "no id, no text"}, {"id": "x" * 500}, {"id": 17}]
    problems = ingest_client.post("/api/ingest", json={"articles": records}, headers=auth).json()["problems"]
    assert [p.split(":")[0] for p in problems] == ["api#1", "api#2", "api#3 (id 17)"]


def test_authors_may_be_objects_with_a_name_as_storyline_ingest_reads_them(ingest_client):
    # schema.org's Person ({"name": ...}), which `storyline ingest` reads in a record: the API answered 422
    record = {**RECORD, "id": "api-person", "url": "https://harbour.example/p", "text": FILLER.replace("Tuesday", "Friday"),
              "authors": [{"name": "Jo Park", "url": "https://harbour.example/jo"}, "Ann Lee"]}
    r = ingest_client.post("/api/ingest", json={"articles": [record]}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200, r.text
    assert ingest_client.get("/api/articles/api-person").json()["authors"] == ["Jo Park", "Ann Lee"]


def test_a_field_given_as_a_list_is_read_as_storyline_ingest_reads_it(ingest_client):
    # the helper's front-end round (session 34): a title, url, outlet or published date as a list was a 422 here,
    # while `storyline ingest` takes the first string and says so
    record = {**RECORD, "id": "api-lists", "url": ["https://harbour.example/l", "https://harbour.example/l2"],
              "title": ["Port reopens", "Port reopens after storm"], "outlet": ["Harbour Times"],
              "text": FILLER.replace("Tuesday", "Saturday")}
    r = ingest_client.post("/api/ingest", json={"articles": [record]}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200, r.text
    assert r.json()["added"] == ["api-lists"] and any("title" in w for w in r.json()["warnings"])
    article = ingest_client.get("/api/articles/api-lists").json()
    assert (article["title"], article["url"], article["outlet"]) == (
        "Port reopens", "https://harbour.example/l", "Harbour Times")
