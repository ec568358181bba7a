from __future__ import annotations

from storyline.ingest.decode import printable

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
