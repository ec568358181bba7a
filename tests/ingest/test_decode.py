from __future__ import annotations

import pytest

from storyline.errors import InputError
from storyline.ingest.decode import printable, read_bytes, readable_size, size_over_limit

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"


def test_bidi_embeddings_overrides_and_isolates_are_removed():
    """An unclosed right-to-left override laid out everything after it backwards ("Evil\u202egnp.exe" read as
    "Evilexe.png"): the explicit bidi formatting characters go with the control characters."""
    assert printable(f"Evil{RLO}gnp.exe") == "Evilgnp.exe"
    assert printable(f"a\u202ab\u202bc{PDF}d\u202de{LRI}f\u2067g\u2068h{PDI}") == "abcdefgh"


def test_the_marks_arabic_and_hebrew_text_needs_are_kept():
    # RLM and LRM order a number or a Latin name inside right-to-left text; ALM does so in Arabic
    hebrew = "\u05e0\u05e4\u05d2\u05e2\u05d5 12\u200f \u05d0\u05e0\u05e9\u05d9\u05dd \u200eCNN\u200e"
    arabic = "\u0642\u062a\u0644 \u061c12 \u0634\u062e\u0635\u0627"
    assert printable(hebrew) == hebrew and printable(arabic) == arabic
    assert printable("zero\u200dwidth joiner\u200c kept") == "zero\u200dwidth joiner\u200c kept"


def test_sizes_read_at_their_scale():
    assert [readable_size(n) for n in (0, 1, 999, 1000, 11_234, 20_000_000, 1_500_000_000)] == \
        ["0 bytes", "1 byte", "999 bytes", "1 kB", "11.2 kB", "20 MB", "1.5 GB"]


def test_a_size_over_its_limit_never_reads_equal_to_it():
    """One decimal of MB made "file is 0.0 MB, over the 0 MB limit" and "20.0 MB, over the 20 MB limit"."""
    assert size_over_limit(11_234, 1000) == ("11.2 kB", "1 kB")
    assert size_over_limit(20_040_000, 20_000_000) == ("20.04 MB", "20 MB")
    assert size_over_limit(20_000_001, 20_000_000) == ("20.000001 MB", "20 MB")
    assert size_over_limit(1001, 1000) == ("1.001 kB", "1 kB")
    assert size_over_limit(1000, 999) == ("1 kB", "999 bytes")
    assert size_over_limit(999_999, 999_000) == ("1 MB", "999 kB")  # the unit chosen after rounding: not "1000 kB"
    for size, limit in ((1_234_567_891, 1_234_567_890), (5_001, 4_999), (10**6 + 1, 10**6)):
        said_size, said_limit = size_over_limit(size, limit)
        assert said_size != said_limit


def test_a_file_over_a_small_limit_says_its_size_in_bytes_or_kb(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1500)
    with pytest.raises(InputError, match=r"file is 1\.5 kB, over the 1 kB limit"):
        read_bytes(path, "a.txt", 1000)
    path.write_bytes(b"x" * 1001)
    with pytest.raises(InputError, match=r"file is 1\.001 kB, over the 1 kB limit"):
        read_bytes(path, "a.txt", 1000)


def test_a_gzip_stream_cut_short_gives_what_came_before_the_cut_with_its_error():
    import gzip

    from storyline.ingest.decode import TruncatedGzip, gunzip_capped
    data = gzip.compress(b"line one\nline two\n", mtime=0)
    with pytest.raises(TruncatedGzip) as cut:
        gunzip_capped(data[:-4], "a.jsonl.gz", 1000)  # the trailer's size field gone
    assert cut.value.data == b"line one\nline two\n" and cut.value.source == "a.jsonl.gz"
    assert cut.value.reason == "truncated gzip stream: the file is cut short after 18 bytes of data, its end missing"
    assert gunzip_capped(data + gzip.compress(b"line three\n"), "a.jsonl.gz", 1000).endswith(b"two\nline three\n")
