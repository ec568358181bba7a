import gzip
import json
import os
import random

import pytest

from storyline.errors import InputError
from storyline.ingest import iter_raw_documents
from storyline.ingest.decode import decode_text, valid_unicode
from storyline.ingest.files import InputWarning
from storyline.records import RawDocument

LIMIT = 1_000_000


def collect(paths):
    items = list(iter_raw_documents([str(p) for p in paths], max_bytes=LIMIT))
    docs = [i for i in items if isinstance(i, RawDocument)]
    problems = [i for i in items if isinstance(i, InputError) and not isinstance(i, InputWarning)]
    warnings = [i for i in items if isinstance(i, InputWarning)]
    return docs, problems, warnings


def test_directory_is_walked_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second file body.")
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "notes.csv").write_text("ignored")
    docs, problems, _ = collect([tmp_path])
    assert [d.kind for d in docs] == ["html", "text"]
    assert docs[0].source.endswith("a.html") and docs[1].source.endswith("two.txt")
    assert problems == []


def test_gzipped_html_is_read(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>Hello</p></body></html>"))
    docs, problems, _ = collect([path])
    assert docs[0].kind == "html" and "Hello" in docs[0].body and not problems


def test_jsonl_bad_line_is_reported_and_the_rest_kept(tmp_path):
    path = tmp_path / "records.jsonl"
    good = {"id": "a1", "title": "T", "text": "Body", "outlet": "X", "authors": "Jane Doe and John Roe"}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "a2", "html": "<p>x</p>"}) + "\n")
    docs, problems, _ = collect([path])
    assert [d.record_id for d in docs] == ["a1", "a2"]
    assert docs[0].authors == ("Jane Doe", "John Roe")
    assert docs[1].kind == "html"
    assert len(problems) == 1 and problems[0].source.endswith("records.jsonl:2")
    assert "invalid JSON" in problems[0].reason


def test_json_nested_past_the_parsers_depth_is_named_as_such_and_the_rest_kept(tmp_path):
    """Tester s35: "[[[[...]]]]" 100,000 deep raised a RecursionError, reported by ingest as its repr ("could not be
    read: RecursionError('maximum recursion depth exceeded while decoding a JSON array ...')")."""
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(deep)
    good = {"id": "a1", "title": "T", "text": "Body"}
    (tmp_path / "lines.jsonl").write_text(json.dumps(good) + "\n" + deep + "\n")
    docs, problems, _ = collect([tmp_path / "deep.json", tmp_path / "lines.jsonl"])
    assert [d.record_id for d in docs] == ["a1"]
    assert [(p.source.rsplit("/", 1)[-1], p.reason) for p in problems] == [
        ("deep.json", "invalid JSON: nested too deeply to read (no record is)"),
        ("lines.jsonl:2", "invalid JSON: nested too deeply to read (no record is)")]


def test_a_saved_page_is_decoded_as_its_meta_charset_declares_without_a_warning(tmp_path):
    """Tester s35: a page saved from a Latin-1 or Cyrillic site was "not valid UTF-8" with a warning and read as
    charset_normalizer guessed, where the same page fetched is read as it declares; Latin-1 is read as browsers read
    it, Windows-1252, so its curly quotes are quotes, not control characters then removed."""
    french = ("<html><head><meta charset=\"iso-8859-1\"><title>Incendie à Montréal</title></head><body><p>Les "
              "pompiers ont maîtrisé l’incendie, a dit le «\u00a0chef\u00a0» : “c’est fini”.</p></body></html>")
    (tmp_path / "fr.html").write_bytes(french.encode("cp1252"))
    russian = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head>"
               "<body><p>Пожар на складе потушен.</p></body></html>")
    (tmp_path / "ru.html").write_bytes(russian.encode("cp1251"))
    (tmp_path / "liar.html").write_bytes(french.replace("iso-8859-1", "utf-8").encode("cp1252"))
    docs, problems, warnings = collect([tmp_path / "fr.html", tmp_path / "liar.html", tmp_path / "ru.html"])
    assert not problems and [d.body for d in docs] == [french, french.replace("iso-8859-1", "utf-8"), russian]
    assert [w.source.rsplit("/", 1)[-1] for w in warnings] == ["liar.html"]  # a charset that does not fit: a guess


def test_json_list_and_wrapped_forms(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"text": "one"}, {"text": "two"}]))
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [{"text": "three"}]}))
    docs, problems, _ = collect([tmp_path / "list.json", tmp_path / "wrapped.json"])
    assert [d.body for d in docs] == ["one", "two", "three"]
    assert docs[0].locator != docs[1].locator
    assert not problems


def test_record_without_text_is_an_error(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "x", "title": "only a title"}) + "\n")
    docs, problems, _ = collect([path])
    assert not docs and "neither 'text' nor 'html'" in problems[0].reason


def test_a_text_or_html_that_is_no_string_is_named(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ({"id": "n", "text": 12345}, {"id": "l", "html": ["<p>x</p>"]},
                                                            {"id": "b", "text": True, "html": "<p>x</p>"})))
    docs, problems, _ = collect([path])
    assert not docs
    assert [(p.source[-2:], p.reason) for p in problems] == [(":1", "'text' must be a string, not a number"),
                                                             (":2", "'html' must be a string, not a list"),
                                                             (":3", "'text' must be a string, not true or false")]


def test_bad_inputs_each_get_a_clear_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (LIMIT // 5 + 10))
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b" " * (LIMIT * 3)))
    docs, problems, _ = collect([tmp_path / "empty.txt", tmp_path / "binary.txt", big, bomb, tmp_path / "missing.txt"])
    reasons = {p.source.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert docs == []
    assert reasons["empty.txt"] == "file is empty"
    assert "binary" in reasons["binary.txt"]
    assert "over the" in reasons["big.txt"]
    assert "decompresses to more than" in reasons["bomb.html.gz"]
    assert "no such file" in reasons["missing.txt"]


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café owners in Zürich protested on Monday.".encode("latin-1"))
    docs, problems, warnings = collect([path])
    assert not problems and len(docs) == 1
    assert "Zürich" in docs[0].body
    assert "not valid UTF-8" in warnings[0].reason


# Legacy code pages, one sentence or two as a short page gives: Western texts whose first guess was another code
# page giving the same letters but one or two (cp1250 "Seńor", Baltic cp775 "Cafķ"), and texts whose own code page
# ties with Windows-1252 on garbling but holds their letters (they must keep it; a review found them read as 1252)
WESTERN = [
    ("latin-1", "Café owners in Zürich protest new tax. The café owners of Zürich protested on Monday."),
    ("latin-1", "Señor García visitó Málaga el martes. El alcalde dijo que la fiesta será el sábado."),
    ("cp1252", "Genève déplace la fête. Le maire de Genève a annoncé mercredi que la fête aura lieu en août, a-t-il "
               "dit « c'est mieux »."),
    ("latin-1", "O governo anunciou na quinta-feira que as negociações continuarão em São Paulo, disse o ministro."),
    ("latin-1", "Die Bürger in Köln äußerten sich am Dienstag über die Straßenbahn.")]
OTHERS = [
    ("cp1250", "Vlada je u četvrtak objavila da će pregovori o proračunu biti nastavljeni sljedeći tjedan u Zagrebu, "
               "rekao je ministar financija."),
    ("cp1250", "Guvernul a anunţat joi că negocierile privind bugetul vor continua săptămâna viitoare la Bucureşti, a "
               "declarat ministrul."),
    ("cp1250", "Česká vláda ve čtvrtek oznámila, že jednání o rozpočtu budou pokračovat příští týden v Praze, řekl "
               "ministr."),
    ("cp1250", "A kormány csütörtökön bejelentette, hogy a költségvetési tárgyalások jövő héten folytatódnak "
               "Budapesten."),
    ("cp1250", "Lech Wałęsa przemawiał w Gdańsku."),
    ("cp1254", "Bakan perşembe günü yaptığı açıklamada müzakerelerin gelecek hafta süreceğini söyledi. Görüşmeler "
               "İstanbul'da yapılacak."),
    ("cp1251", "Президент России заявил во вторник, что переговоры продолжатся в Москве."),
    ("cp1253", "Ο πρωθυπουργός δήλωσε την Τρίτη ότι οι διαπραγματεύσεις θα συνεχιστούν.")]


@pytest.mark.parametrize("codec, text", WESTERN)
def test_legacy_western_text_is_read_as_windows_1252(codec, text):
    decoded, warning = decode_text(text.encode(codec), "old.txt")
    assert decoded == text and warning.endswith("decoded as cp1252")


@pytest.mark.parametrize("codec, text", OTHERS)
def test_text_in_another_code_page_keeps_it(codec, text):
    decoded, warning = decode_text(text.encode(codec), "old.txt")
    assert decoded == text and warning.endswith(f"decoded as {codec}")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text_not_binary(codec):
    text = "Café owners in Zürich protested on Monday, the police said."
    data = text.encode(codec) if codec != "utf-16-be" else b"\xfe\xff" + text.encode(codec)
    assert decode_text(data, "wide.txt") == (text, None)


def test_lone_surrogates_become_replacement_characters_and_split_pairs_join():
    assert valid_unicode("a\ud800b\udfff") == "a\ufffdb\ufffd"
    assert valid_unicode("\udc00\ud800") == "\ufffd\ufffd"
    assert valid_unicode("smile \ud83d\ude00") == "smile \U0001f600"  # a pair given as two escapes is one character
    plain = "Zürich \U0001f600"
    assert valid_unicode(plain) is plain


def test_a_file_name_that_is_not_utf8_is_read_under_an_escaped_label(tmp_path):
    folder = bytes(tmp_path)
    for name in (b"caf\xe9.txt", b"caf\xe8.txt"):
        with open(folder + b"/" + name, "wb") as fh:
            fh.write(b"The council met on Tuesday.")
    docs, problems, _ = collect([tmp_path])
    assert not problems and len({d.source for d in docs}) == 2
    for doc in docs:
        doc.source.encode("utf-8")  # a label every encoder takes (the id's hash, the store)
        assert "caf\\udce" in doc.source


def test_a_list_valued_title_is_read_as_its_first_string_with_a_warning_naming_the_record(tmp_path):
    path = tmp_path / "r.jsonl"
    records = [{"id": "a", "text": "t", "title": ["Storm closes schools", "Subtitle"]},
               {"id": "b", "text": "t", "title": ["", "Only headline"], "outlet": ["Lakeshore Gazette"]},
               {"id": "c", "text": "t", "title": {"en": "Storm"}, "url": ["https://example.com/a", "https://m.example.com/a"]},
               {"id": "d", "text": "t", "title": 1917, "published": True, "authors": [{"name": "Jane Doe"}, "John Roe", 7]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    docs, problems, warnings = collect([path])
    assert not problems
    assert [d.title for d in docs] == ["Storm closes schools", "Only headline", None, "1917"]  # never "['A', 'B']"
    assert docs[1].outlet == "Lakeshore Gazette" and docs[2].url == "https://example.com/a"
    assert docs[3].published is None and docs[3].authors == ("Jane Doe", "John Roe")
    assert [(w.source.rsplit("/", 1)[-1], w.reason) for w in warnings] == [
        ("r.jsonl:1", "'title' is a list of 2; its first string 'Storm closes schools' used"),
        ("r.jsonl:2", "'title' is a list of 2; its first string 'Only headline' used"),
        ("r.jsonl:3", "'url' is a list of 2; its first string 'https://example.com/a' used"),
        ("r.jsonl:3", "'title' must be a string, not an object; ignored"),
        ("r.jsonl:4", "'published' must be a string, not true or false; ignored"),
        ("r.jsonl:4", "'authors' holds 1 entry with no name; ignored"),
    ]


def test_a_record_s_warnings_reach_the_ingest_report():
    from storyline.config import Settings
    from storyline.ingest.files import read_record
    from storyline.pipeline import IngestReport, extract_all

    report = IngestReport()
    record = {"id": "x", "title": ["Storm closes schools", "Subtitle"], "text": "Schools were closed on Monday."}
    articles = list(extract_all(read_record(record, "api#1", "api"), Settings(), report))
    assert [a.title for a in articles] == ["Storm closes schools"]
    assert [(w.source, w.reason) for w in report.warnings] == [
        ("api#1", "'title' is a list of 2; its first string 'Storm closes schools' used")]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_what_is_not_a_regular_file_is_reported_with_its_real_reason_named_or_inside_a_directory(tmp_path):
    # an exploratory tester's: a link to /dev/zero was "no such file or directory", and inside a directory links
    # to devices and to nothing were passed over without a word
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.csv").symlink_to("/dev/zero")  # a file the walk would not read anyway stays unmentioned
    (folder / "a.txt").write_text("The bridge reopened on Monday.")
    for given in ([folder], sorted(folder.glob("*.txt")) + [folder / "pipe.jsonl"]):
        docs, problems, _ = collect(given)
        reasons = {p.source.rsplit("/", 1)[-1]: p.reason for p in problems}
        assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["a.txt"]
        assert reasons == {"zero.txt": reasons["zero.txt"], "dangling.txt": reasons["dangling.txt"],
                           "pipe.jsonl": reasons["pipe.jsonl"]}
        assert "character device" in reasons["zero.txt"] and "named pipe" in reasons["pipe.jsonl"]
        assert "link to a file that does not exist" in reasons["dangling.txt"]


def test_an_unknown_type_is_refused_with_what_ingest_reads(tmp_path):
    from storyline.config import Settings
    from storyline.ingest.fetch import Fetcher
    from storyline.ingest.sources import iter_inputs

    odd = tmp_path / "notes.docx"
    odd.write_text("Some text that is not read.")
    with Fetcher(Settings()) as fetcher:
        [error] = list(iter_inputs([str(odd)], Settings(), fetcher=fetcher))
    assert str(error).endswith("unsupported file type .docx; use .html, .txt, .json, .jsonl, "
                               ".rss/.atom/.xml/.opml or .warc")


def test_an_exports_versions_are_read_earlier_version_first_with_their_reading_time():
    """An export's `fetched` and `revises` were written and never read back; a version must come after the
    version it corrects, whatever the export's order, and a link is kept only to the same export's same URL."""
    from storyline.ingest.files import read_records_text

    url = "https://courier.example/fire"
    newer = {"id": "v2", "url": url, "text": "Fire kills 14.", "fetched": "2026-03-11T04:32:00+00:00", "revises": "v1"}
    older = {"id": "v1", "url": url, "text": "Fire kills 12.", "fetched": "2026-03-11T04:30:00Z", "revises": None}
    stray = {"id": "v3", "url": "https://courier.example/other", "text": "Other.", "revises": "v1", "fetched": "soon"}
    export = {"stories": [{"articles": [newer, older, stray]}]}
    items = list(read_records_text(json.dumps(export), "e.json", jsonl=False))
    docs = [d for d in items if isinstance(d, RawDocument)]
    assert [(d.record_id, d.revises, d.fetched, d.locator) for d in docs] == [
        ("v1", None, "2026-03-11T04:30:00+00:00", "#2"), ("v2", "v1", "2026-03-11T04:32:00+00:00", "#1"),
        ("v3", None, None, "#3")]
    warned = [w.reason for w in items if isinstance(w, InputWarning)]
    assert any("'fetched' 'soon'" in w for w in warned) and any("'revises' 'v1' names no other article" in w for w in warned)
    plain = list(read_records_text(json.dumps([newer]), "r.json", jsonl=False))  # a record's own are not read
    assert [(d.revises, d.fetched) for d in plain if isinstance(d, RawDocument)] == [(None, None)]


def test_an_exports_version_link_is_kept_only_to_the_same_outlets_text_of_the_page():
    """One page, two outlets' records of it: the later is no version of the other outlet's (a link kept whatever the
    outlet); the outlet however written ("courier.example" beside "The Courier") is one."""
    from storyline.ingest.files import read_records_text

    url = "https://courier.example/fire"
    older = {"id": "v1", "url": url, "outlet": "The Courier", "text": "Fire kills 12."}
    newer = {"id": "v2", "url": url, "outlet": "courier.example", "text": "Fire kills 14.", "revises": "v1"}
    other = {"id": "v3", "url": url, "outlet": "Harbour Post", "text": "Fire kills 15.", "revises": "v1"}
    items = list(read_records_text(json.dumps({"stories": [{"articles": [older, newer, other]}]}), "e.json", jsonl=False))
    assert [(d.record_id, d.revises) for d in items if isinstance(d, RawDocument)] == [
        ("v1", None), ("v2", "v1"), ("v3", None)]
    [warned] = [w.reason for w in items if isinstance(w, InputWarning)]
    assert warned.startswith("'revises' 'v1' names no other article of this export at its URL and of its outlet")


def test_an_exports_reading_time_past_the_calendar_in_utc_is_refused_with_a_warning():
    """Review of trip25, bug 2: "9999-12-31T23:59:59-14:00" was taken, then overflowed when its page's versions
    were compared (the version not stored, and every later reading of the page failing alike)."""
    from storyline.ingest.files import read_records_text

    url = "https://courier.example/fire"
    export = {"stories": [{"articles": [
        {"id": "v1", "url": url, "text": "Fire kills 12.", "fetched": "9999-12-31T23:59:59-14:00"},
        {"id": "v2", "url": url, "text": "Fire kills 14.", "fetched": "9999-12-31T23:59:59+14:00", "revises": "v1"}]}]}
    items = list(read_records_text(json.dumps(export), "e.json", jsonl=False))
    assert [(d.record_id, d.fetched) for d in items if isinstance(d, RawDocument)] == [
        ("v1", None), ("v2", "9999-12-31T23:59:59+14:00")]
    warned = [w.reason for w in items if isinstance(w, InputWarning)]
    assert sum("past the calendar's end or start in UTC; ignored" in w for w in warned) == 1


def test_an_exports_version_link_is_kept_between_two_spellings_of_one_pages_url():
    """Review of trip25, bug 3: links inside an export were checked by the exact URL string, the store's by page
    (``urls.same_page``), so http and https, or other tracking parameters, dropped a version's link."""
    from storyline.ingest.files import read_records_text

    export = {"stories": [{"articles": [
        {"id": "v1", "url": "https://courier.example/fire?utm_source=rss&utm_campaign=a", "text": "Fire kills 12."},
        {"id": "v2", "url": "http://courier.example/fire?utm_source=rss&utm_campaign=b", "text": "Fire kills 14.",
         "revises": "v1"},
        {"id": "n1", "url": "notes.txt", "text": "A note."},  # no web page: no version, as in the store
        {"id": "n2", "url": "notes.txt", "text": "A note, edited.", "revises": "n1"}]}]}
    items = list(read_records_text(json.dumps(export), "e.json", jsonl=False))
    assert [(d.record_id, d.revises) for d in items if isinstance(d, RawDocument)] == [
        ("v1", None), ("n1", None), ("v2", "v1"), ("n2", None)]


def test_a_float_past_the_exact_whole_numbers_keeps_its_float_spelling_as_an_id():
    """Review of trip25, bug 6: 1e23 was named "99999999999999991611392", 1e308 a 309-digit id, and
    9007199254740993.0 (read as ...992.0) the integer 9007199254740992's id."""
    from storyline.ingest.files import id_text, record_to_raw

    assert [id_text(n) for n in (12.0, -12.0, 2.0 ** 53 - 1, 1e23, 1e308, 9007199254740993.0, 9007199254740992)] == [
        "12", "-12", "9007199254740991", "1e+23", "1e+308", "9007199254740992.0", "9007199254740992"]
    raw = record_to_raw({"id": json.loads("9007199254740993.0"), "text": "Fire kills 12."}, "r#1", "r")
    assert raw.record_id == "9007199254740992.0"
    too_long = record_to_raw({"id": 10 ** 600, "text": "Fire kills 12."}, "r#2", "r")
    assert str(too_long).endswith("'id' is 601 characters long (at most 512)")


def test_an_exports_long_chain_of_versions_is_ordered_in_linear_time():
    """Review of trip25, bug 7: each article's chain was walked whole, so 8,000 versions of one page (a page
    polled for months) took 16 s to order; 20,000 would take minutes."""
    import time

    from storyline.ingest.files import versions_in_order

    chain = [{"id": f"v{n}", "revises": f"v{n - 1}" if n else None} for n in range(20_000)][::-1]
    loop = [{"id": "a", "revises": "b"}, {"id": "b", "revises": "a"}, {"id": "c", "revises": "a"}]
    started = time.perf_counter()
    ordered = [item["id"] for _, item in versions_in_order(chain + loop)]
    assert time.perf_counter() - started < 5
    assert [i for i in ordered if i.startswith("v")] == [f"v{n}" for n in range(20_000)]
    assert sorted(i for i in ordered if not i.startswith("v")) == ["a", "b", "c"]


def test_an_exports_version_link_is_kept_when_the_later_id_is_storylines_version_id_or_its_outlet_the_host():
    """Review of misc26: storyline's own version id of the earlier article (``{revises}-v{hash}``) is the store's
    link whatever the outlets' spellings; and a page's URL host is a spelling of its outlet (a record's "bbc.co.uk"
    beside the page's own "BBC News"). Another outlet's name stays refused."""
    from storyline.ingest.files import read_records_text

    url = "https://www.bbc.co.uk/news/uk-1"
    older = {"id": "uk-1", "url": url, "outlet": "bbc.co.uk", "text": "Bridge approved."}
    by_host = {"id": "b", "url": url, "outlet": "BBC News", "text": "Bridge approved 7-2.", "revises": "uk-1"}
    own_id = {"id": "b-v0123456789", "url": url, "outlet": "BBC", "text": "Bridge approved 7-3.", "revises": "b"}
    other = {"id": "c", "url": url, "outlet": "Harbour Post", "text": "Bridge approved 8-1.", "revises": "b"}
    export = {"stories": [{"articles": [older, by_host, own_id, other]}]}
    items = list(read_records_text(json.dumps(export), "e.json", jsonl=False))
    assert [(d.record_id, d.revises) for d in items if isinstance(d, RawDocument)] == [
        ("uk-1", None), ("b", "uk-1"), ("b-v0123456789", "b"), ("c", None)]


def test_a_markdown_file_is_read_as_markdown(tmp_path) -> None:
    from storyline.ingest.files import read_file
    path = tmp_path / "ellery-weekly-levy.md"
    path.write_text("# Ellery council approves transit levy 7-2\n\n*By Jo Park — Ellery Weekly — Nov. 26*\n\n"
                    "The Port Ellery City Council voted **7-2** on Tuesday night to put a $310 million transit levy "
                    "on the February ballot.\n")
    [doc] = read_file(str(path), path, max_bytes=100_000)
    assert doc.kind == "text" and doc.title == "Ellery council approves transit levy 7-2"
    assert doc.body.startswith("By Jo Park — Ellery Weekly — Nov. 26\n\nThe Port Ellery City Council voted 7-2")


def test_storyline_s_markdown_export_is_refused_with_the_way_to_move_a_store(tmp_path) -> None:
    from storyline.ingest.files import read_file
    path = tmp_path / "export.md"
    path.write_text("# Rush-hour horror as Stort bridge collapses\n\n*Story sbfa9a384d1 · updated "
                    "2026-12-02T01:47:08+00:00 · 10 independent sources (14 articles)*\n\n## Summary\n\n"
                    "- The death toll has risen to seven. [1]\n")
    [refused] = read_file(str(path), path, max_bytes=100_000)
    assert isinstance(refused, InputError) and refused.source == str(path)
    assert "a storyline export" in refused.reason and "use --format json to move a store" in refused.reason


def test_a_binary_file_in_a_folder_is_named_as_when_given_alone(tmp_path) -> None:
    from storyline.ingest.files import iter_files
    (tmp_path / "fire.txt").write_text("Fire destroys warehouse. About 500 residents were evacuated.")
    (tmp_path / "random.bin").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(500))  # a saved page's picture: passed over
    found = list(iter_files([str(tmp_path)]))
    assert found[0] == (str(tmp_path / "fire.txt"), tmp_path / "fire.txt")
    [refused] = found[1:]
    assert refused.source == str(tmp_path / "random.bin") and "looks like a binary file" in refused.reason


def _noise(seed: int, size: int) -> str:
    """Text gzip cannot shrink much, so that a cut falls where the test means it to."""
    return random.Random(seed).randbytes(size).hex()


def _cut_gzip(text: str, keep: float) -> bytes:
    data = gzip.compress(text.encode(), mtime=0)
    return data[:int(len(data) * keep)]


def test_a_truncated_jsonl_gz_keeps_its_whole_lines_and_says_where_it_was_cut(tmp_path):
    """Tester s31 #3: the cut was the last record's "invalid JSON line", not the file's damage."""
    lines = [json.dumps({"id": f"r{n}", "text": f"Report {n} of the fire on Quay Street: {_noise(n, 60)}."})
             for n in range(30)]
    cut = tmp_path / "records.jsonl.gz"
    cut.write_bytes(_cut_gzip("\n".join(lines) + "\n", 0.5))
    docs, problems, warnings = collect([cut])
    assert 5 < len(docs) < 30 and [d.record_id for d in docs] == [f"r{n}" for n in range(len(docs))]
    assert not problems
    [warning] = warnings
    assert warning.source == str(cut) and warning.reason == (
        f"damaged: truncated gzip stream after {len(docs)} records (line {len(docs)}): the file is cut short and the "
        "rest is missing; the records before the cut are read")


def test_a_gzipped_document_cut_short_or_cut_before_its_first_line_is_refused_saying_so(tmp_path):
    page = tmp_path / "page.html.gz"
    page.write_bytes(_cut_gzip("<html><body><p>" + _noise(1, 3000) + "</p></body></html>", 0.5))
    one = tmp_path / "one.jsonl.gz"
    one.write_bytes(_cut_gzip(json.dumps({"id": "r1", "text": _noise(2, 3000)}) + "\n", 0.5))
    docs, problems, warnings = collect([page, one])
    reasons = {p.source.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert not docs and not warnings
    assert reasons["page.html.gz"].startswith("truncated gzip stream: the file is cut short after ")
    assert reasons["one.jsonl.gz"] == "truncated gzip stream: the file is cut short within its first line; " \
                                      "no record read"


def test_a_jsonl_gz_cut_within_a_multibyte_character_keeps_its_records_exact(tmp_path):
    """Review s31: the bytes before the cut were decoded whole, the half line's partial UTF-8 character with them, so
    the file was no valid UTF-8 and every kept record was read in a guessed code page ("StraĂźe" for "Straße", cp1250),
    said only as a "not valid UTF-8" warning (and not at all by ``read_records_file``)."""
    import zlib

    from storyline.ingest import read_records_file
    rng = random.Random(1)
    words = ["Feuer", "im", "Lagerhaus", "in", "Zürich", "Feuerwehrleute", "verletzt", "café", "Straße", "früh"]
    texts = [" ".join(rng.choice(words) for _ in range(300)) for _ in range(5)]
    lines = [json.dumps({"id": f"r{n}", "text": text}, ensure_ascii=False) for n, text in enumerate(texts)]
    # a download cut right after the first byte of "ü" (the stream flushed there: the cut falls where meant)
    head = ("\n".join(lines) + '\n{"id": "r9", "text": "Z').encode() + "ü".encode()[:1]
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH))
    docs, problems, warnings = collect([cut])
    assert [(d.record_id, d.body) for d in docs] == [(f"r{n}", text) for n, text in enumerate(texts)]
    assert not problems
    [warning] = warnings
    assert warning.reason.startswith("damaged: truncated gzip stream after 5 records (line 5)")
    records = list(read_records_file(str(cut), max_bytes=LIMIT))
    assert [(d.record_id, d.body) for d in records if isinstance(d, RawDocument)] == [
        (f"r{n}", text) for n, text in enumerate(texts)]


def test_a_jsonl_gz_cut_anywhere_reads_its_kept_records_exactly(tmp_path):
    """Cyrillic records (two bytes a letter) cut at many points: where the cut falls within a character, the kept
    records are still read exactly and no "not valid UTF-8" warning is given."""
    from storyline.ingest.decode import TruncatedGzip, read_bytes
    rng = random.Random(1)
    words = ["Пожар", "на", "складе", "в", "Валехейвене", "трое", "пожарных", "пострадали", "Zürich", "café"]
    texts = [" ".join(rng.choice(words) for _ in range(200)) for _ in range(20)]
    whole = gzip.compress(("\n".join(json.dumps({"id": f"r{n}", "text": text}, ensure_ascii=False)
                                     for n, text in enumerate(texts)) + "\n").encode(), mtime=0)
    cut = tmp_path / "cut.jsonl.gz"
    within_a_character = 0
    for at in range(len(whole) // 2, len(whole) // 2 + 300, 5):
        cut.write_bytes(whole[:at])
        with pytest.raises(TruncatedGzip) as raised:
            read_bytes(cut, str(cut), LIMIT)
        try:
            raised.value.data.decode()
        except UnicodeDecodeError:
            within_a_character += 1
        docs, problems, warnings = collect([cut])
        assert docs and not problems, at
        assert [(d.record_id, d.body) for d in docs] == [(f"r{n}", texts[n]) for n in range(len(docs))], at
        assert [w.reason for w in warnings if "UTF-8" in w.reason] == [], at
    assert within_a_character > 5  # the cuts the test is for were met


def test_every_member_of_a_gzip_file_is_read(tmp_path):
    """`cat a.jsonl.gz b.jsonl.gz` is one gzip file of two members; zlib stopped at the first member's end, so the
    second's records were left unread without a word."""
    joined = tmp_path / "joined.jsonl.gz"
    joined.write_bytes(b"".join(gzip.compress((json.dumps({"id": i, "text": "Three firefighters were hurt."}) + "\n")
                                              .encode()) for i in ("a", "b")) + b"\0\0")  # (padding after: ignored)
    docs, problems, warnings = collect([joined])
    assert [d.record_id for d in docs] == ["a", "b"] and not problems and not warnings


def test_read_records_file_says_what_ingest_says(tmp_path):
    """``read_records_file`` reads as ``read_file`` does (session 33: it had a path of its own, which left out the
    decoding warning): a file in another encoding is read and said to be, an empty one is refused."""
    from storyline.ingest import read_records_file
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(json.dumps({"id": "r1", "text": "Le café de la gare a brûlé."}, ensure_ascii=False)
                      .encode("cp1252") + b"\n")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    for path in (latin, empty):
        read = list(read_records_file(str(path), max_bytes=LIMIT))
        docs, problems, warnings = collect([path])
        assert [d.body for d in read if isinstance(d, RawDocument)] == [d.body for d in docs]
        assert [(type(x).__name__, x.reason) for x in read if isinstance(x, InputError)] == \
            [(type(x).__name__, x.reason) for x in [*warnings, *problems]]
    assert [type(x).__name__ for x in read_records_file(str(latin), max_bytes=LIMIT)] == ["InputWarning", "RawDocument"]


def test_read_records_file_reads_any_other_name_as_json_lines(tmp_path):
    from storyline.ingest import read_records_file
    named = tmp_path / "records.txt"
    named.write_text(json.dumps({"id": "r2", "text": "Two ferries collided."}) + "\n")
    [doc] = read_records_file(str(named), max_bytes=LIMIT)
    assert (doc.record_id, doc.body) == ("r2", "Two ferries collided.")


def test_a_record_s_character_references_are_read(tmp_path):
    # scrapers hand on a page's text still escaped; only whole references are read ("AT&T", "&notable" stay)
    record = {"id": "e1", "title": "Tom &amp; Jerry&#39;s &quot;big&quot; day", "outlet": "Smith &amp; Sons",
              "authors": "Ann O&#8217;Neil and Bo Li", "url": "https://example.com/a?x=1&amp;y=2",
              "text": "Tom &amp; Jerry met AT&T &notable people on Monday; &ENews; reported it. Say &amp;amp; once."}
    (tmp_path / "r.jsonl").write_text(json.dumps(record))
    [doc], problems, warnings = collect([tmp_path / "r.jsonl"])
    assert doc.title == "Tom & Jerry's \"big\" day" and doc.outlet == "Smith & Sons"
    assert doc.authors == ("Ann O\u2019Neil", "Bo Li") and doc.url == "https://example.com/a?x=1&y=2"
    assert doc.body == "Tom & Jerry met AT&T &notable people on Monday; &ENews; reported it. Say &amp; once."
    assert not problems and not warnings


def test_an_html_record_s_references_are_left_to_its_parser(tmp_path):
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "h1", "html": "<p>&lt;b&gt; is a tag</p>"}))
    [doc], _, _ = collect([tmp_path / "r.jsonl"])
    assert doc.body == "<p>&lt;b&gt; is a tag</p>"


def test_a_record_s_fields_past_their_length_are_cut_or_ignored_with_a_warning(tmp_path):
    record = {"id": "long", "text": "Words of the report.", "title": "Council approves budget " * 30,
              "outlet": "O" * 121, "url": "https://example.com/" + "a" * 2100, "published": "2026-01-01" + " " * 10 + "x" * 60,
              "authors": ["Jane Doe", "N" * 121] + [f"Writer {i}" for i in range(40)]}
    (tmp_path / "r.jsonl").write_text(json.dumps(record))
    [doc], problems, warnings = collect([tmp_path / "r.jsonl"])
    assert len(doc.title) <= 300 and doc.title.endswith(" Council\u2026") and record["title"].startswith(doc.title[:-1])
    assert doc.outlet is None and doc.url is None and doc.published is None
    assert doc.authors[0] == "Jane Doe" and len(doc.authors) == 30 and "N" * 121 not in doc.authors
    said = " | ".join(w.reason for w in warnings)
    for part in ("'title' is 719 characters long; cut to 300", "'outlet' is 121 characters long (at most 120)",
                 "'url' is 2,120 characters long", "'published' is", "1 name longer than 120 characters",
                 "'authors' names 41; the first 30 kept"):
        assert part in said
    assert not problems
