"""Property tests: the record and date parsers never crash, whatever the input."""
from hypothesis import given, settings, strategies as st

from storyline.errors import InputError
from storyline.extract.metadata import normalise_date
from storyline.ingest.decode import decode_text
from storyline.ingest.files import read_records_text
from storyline.records import RawDocument


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.booleans())
def test_record_parser_yields_documents_or_errors_only(text, jsonl):
    for item in read_records_text(text, "f.jsonl", jsonl=jsonl):
        assert isinstance(item, (RawDocument, InputError))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decoding_any_bytes_gives_text_or_a_clear_error(data):
    try:
        text, warning = decode_text(data, "f.txt")
    except InputError as exc:
        assert exc.source == "f.txt" and exc.reason
    else:
        assert isinstance(text, str)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_date_normaliser_never_raises(text):
    value = normalise_date(text)
    assert value is None or value[:4].isdigit()


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["2025-03-04T10:00:00", "Tue, 04 Mar 2025 10:00:00 ", "March 4, 2025 10:00 "]),
       st.sampled_from("+-"), st.integers(0, 99), st.integers(0, 59), st.booleans())
def test_any_written_offset_gives_a_date_or_none(moment, sign, hours, minutes, colon):
    value = normalise_date(f"{moment}{sign}{hours:02d}{':' if colon else ''}{minutes:02d}")
    assert (value is None) == (hours >= 24)  # no zone is a day or more from UTC
