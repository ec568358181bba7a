"""Extractive multi-document summary with citations.

Each sentence is scored by closeness to the story centroid, a lead bonus (news puts the essentials
first), its cross-document support (the share of other articles carrying a similar sentence: what
several sources report) and a learned estimate of how much of a human summary it carries (scorer.py).
When most outlets open with the same statement in some version (the story's lede, ``lede``), it is picked
first and opens the summary. Other sentences are picked greedily under a word budget; each step also rewards the
story's key words and word pairs (found in two or more articles) the sentence adds that the summary
does not hold yet, and redundant sentences are skipped. A picked sentence that other outlets contradict
(another figure, date, name for the same thing) gives way to the version most outlets give
(``majority_version``): the summary states no lone dissent as plain fact. Each picked sentence then cites
every article that carries a sentence saying the same thing, not only the one it was taken from, never one
that gives another value.
"""
from __future__ import annotations

import re

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.consolidate.disagreement import CHECK_STRICT, at_odds_figures, disputes, frame_overlap, states_figures
from storyline.consolidate.quantities import disagree, quantities
from storyline.consolidate.scorer import SentenceModel, features, load_model
from storyline.consolidate.sentences import SentenceSpace
from storyline.extract.metadata import count_words
from storyline.records import Fact, SummarySentence

# the weights were chosen on the even half of multinews-dev and checked on the odd half
# (benchmarks/tune_summary.py, docs/benchmarks.md)
QUOTE_MARK = re.compile("[\"“”]")
LEAD_BONUS = 0.3
REDUNDANT = 0.4  # cosine above which a sentence repeats one already picked
SUPPORTS = 0.45  # cosine above which another article's sentence supports a picked one
SUPPORT = 0.3  # weight of cross-document support in the score
COVERAGE = 0.6  # weight of new key-word coverage at each greedy step
BIGRAMS = True  # key words also as pairs of words in a row
LENGTH = 0.0  # weight of sentence length (up to FULL_LENGTH words) in the score
FULL_LENGTH = 30
SUPPORT_SIM = 0.3  # cosine at which another article carries a similar sentence
LEARNED = 0.5  # weight of the learned sentence score (scorer.py), standardised within the story
# a quotation whose only speaker is a pronoun ('“There are not ten dead. There are four,” he said.'): out of its
# article, "he" is whoever the summary line before names (the tester's report of s27 showed a bare "he said")
_PRONOUN_SAID = re.compile(r"(?i:\b(?:he|she|they)\s+(?:\w+ly\s+)?(?:said|says|added|adds|told|tells|stated|"
                           r"explained|insisted|warned|continued|noted|wrote)\b|\b(?:said|says|added)\s+(?:he|she)\b)")


def _pick(space: SentenceSpace, score: np.ndarray, sim: np.ndarray, *, words: int, redundant: float,
          coverage: float, found: list[set[str]], weights: dict[str, float], first: int | None = None,
          barred: np.ndarray | None = None) -> list[int]:
    """Greedy selection under the word budget. With ``coverage`` > 0 each step also rewards the share of
    the story's still-uncovered key words (content words found in several articles) a sentence adds:
    concept coverage in the manner of Gillick & Favre (2009), greedily instead of by ILP. ``first``: a sentence
    picked before any other (the story's lede, ``lede``); ``barred``: sentences never picked
    (``unresolved_quotation``)."""
    sents = space.sentences
    n_words = np.array([count_words(s.text) for s in sents])
    covered: set[str] = set()
    picked: list[int] = []
    # no more than every sentence's words: the same picks, and a budget past numpy's integers (a user's "--words
    # 99999999999999999999999", asking for all) no OverflowError
    budget = min(words, int(n_words.sum()))
    open_ = np.ones(len(sents), dtype=bool) if barred is None else ~barred
    if first is not None and open_[first] and n_words[first] <= budget + 10:  # (the slack every other pick gets)
        picked.append(first)
        covered |= found[first]
        budget -= n_words[first]
        open_[first] = False
    while open_.any() and budget > 0:
        gain = np.zeros(len(sents))
        if coverage:
            gain = np.array([sum(weights[c] for c in found[i] - covered) for i in range(len(sents))], dtype=float)
            top = gain[open_].max() if open_.any() else 0.0
            gain = gain / top if top > 0 else gain
        total = np.where(open_, score + coverage * gain, -np.inf)
        i = int(np.argmax(total))
        open_[i] = False
        if n_words[i] > budget + 10:  # a sentence may overrun the budget slightly, never by much
            continue
        if picked and sim[i, picked].max() > redundant:
            continue
        picked.append(i)
        covered |= found[i]
        budget -= n_words[i]
    return picked


def unresolved_quotation(text: str) -> bool:
    """Whether a sentence quotes or reports someone it names only by a pronoun ('“...,” he said.', "He said the effort
    to find the box could take years."): the summary leaves it out (a reader of the summary cannot tell who "he" is;
    the brief's Quotes section names the speaker). Reported speech was let in until session 32, when a Multi-News
    story's summary read "He said he could not confirm they were debris from the plane." beside two other "he"s."""
    return bool(_PRONOUN_SAID.search(text))


# a short sentence that only answers the one before it ("But that's not a bad thing!", "And it worked.", "So it is."):
# out of its article it says nothing (a Multi-News summary of a product's launch had "But that's not a bad thing!")
_ANSWERS_BEFORE = re.compile(r"^(?:but|and|so|yet|still|or)\W+(?:that|this|it|they|these|those|which)\b", re.I)
SHORT_ANSWER_WORDS = 10


def answers_the_sentence_before(text: str) -> bool:
    """Whether a sentence of ``SHORT_ANSWER_WORDS`` or fewer opens with a joining word and a pronoun for what came
    before it: the summary leaves it out, as it does a quotation by "he"."""
    return count_words(text) <= SHORT_ANSWER_WORDS and bool(_ANSWERS_BEFORE.search(text.strip("\"“”'‘’ ")))


def sentence_concepts(text: str, bigrams: bool) -> set[str]:
    """A sentence's content words and, with ``bigrams``, its pairs of words in a row (not two stop words)."""
    tokens = re.findall(r"[a-z][a-z'-]+", text.lower())
    content = {w for w in tokens if len(w) > 2 and w not in ENGLISH_STOP_WORDS}
    if bigrams:  # pairs of words in a row, the concepts of Gillick & Favre
        content |= {f"{a} {b}" for a, b in zip(tokens, tokens[1:])
                    if not (a in ENGLISH_STOP_WORDS and b in ENGLISH_STOP_WORDS)}
    return content


def concepts(sents) -> tuple[list[set[str]], dict[str, float]]:
    """Every sentence's concepts, and the weight (number of articles) of those found in two or more."""
    words = [sentence_concepts(s.text, bigrams=True) for s in sents]
    articles: dict[str, set[str]] = {}
    for s, ws in zip(sents, words):
        for w in ws:
            articles.setdefault(w, set()).add(s.article_id)
    n_articles = len({s.article_id for s in sents})
    least = 2 if n_articles > 1 else 1
    return words, {w: float(len(a)) for w, a in articles.items() if len(a) >= least}


def statements_at_odds(space: SentenceSpace, close: np.ndarray) -> np.ndarray:
    """Which pairs among ``close`` (a boolean matrix of sentence pairs) give different values for the same
    thing ("about 50 residents" / "about 80 residents", "built in 1962" / "built in 1972"): such a sentence
    does not support the other, however alike the rest of its words. Decided by ``disagreement.at_odds``, as
    the facts' conflicts are, names and negation only between sentences nearly the same otherwise."""
    sents = space.sentences
    found = [quantities(s.text) for s in sents]
    odds = np.zeros(close.shape, dtype=bool)
    for i, j in zip(*np.nonzero(np.triu(close, 1))):
        a, b = sents[i], sents[j]
        if a.article_id == b.article_id:  # an article always vouches for its own sentences
            continue
        strict = frame_overlap(a.text, b.text, a, b) >= CHECK_STRICT
        if at_odds_figures(a.text, b.text, found[i], found[j], a, b, strict=strict)[0]:
            odds[i, j] = odds[j, i] = True
    return odds


def cross_support(space: SentenceSpace, sim: np.ndarray, threshold: float,
                  odds: np.ndarray | None = None) -> np.ndarray:
    """Share of the other articles that carry a sentence like this one (what several sources report), not
    counting one that gives another value for the same thing (``odds``: statements_at_odds at this threshold or
    a lower one, computed here when None)."""
    articles = sorted({s.article_id for s in space.sentences})
    if len(articles) < 2:
        return np.zeros(len(space.sentences))
    column = {a: i for i, a in enumerate(articles)}
    owner = np.array([column[s.article_id] for s in space.sentences])
    hits = np.zeros((len(space.sentences), len(articles)), dtype=bool)
    if odds is None:
        odds = statements_at_odds(space, sim >= threshold)
    close = (sim >= threshold) & ~odds
    for a, k in column.items():
        hits[:, k] = close[:, owner == k].any(axis=1)
    hits[np.arange(len(owner)), owner] = False
    return hits.sum(axis=1) / (len(articles) - 1)


def sentence_features(space: SentenceSpace, sim: np.ndarray | None = None, every: list[set[str]] | None = None,
                      weights: dict[str, float] | None = None, odds: np.ndarray | None = None) -> np.ndarray:
    """The learned scorer's features (scorer.FEATURES) of every sentence of the space (``odds`` as for
    cross_support at SUPPORT_SIM)."""
    sim = space.similarity() if sim is None else sim
    if every is None or weights is None:
        every, weights = concepts(space.sentences)
    return features(space, sim, cross_support(space, sim, SUPPORT_SIM, odds), every, weights)


# a sentence that goes on from the one before it ("But ...", "And ...", "So ..."): no summary's first line
GOES_ON = re.compile(r"(?:Which|And|But|Or|So|Yet|Also|Still|However|Meanwhile)\b")


def lede(space: SentenceSpace, sim: np.ndarray, odds: np.ndarray, score: np.ndarray) -> int | None:
    """The story's lede, what happened, when most outlets open with it in some version (their first sentence close
    to one opening at ``SUPPORT_SIM``, whatever figures it gives); None when no opening is shared by most. Of the
    openings close to that one, the one most other openings support as it stands (close at ``SUPPORTS``, no other
    figure: ``odds``), ties by score. A developing story's reports give the toll or the magnitude each their own way,
    so each version of its lede is supported by few outlets and scored below the shared background sentences of
    later paragraphs: the summary then never said what happened."""
    sents = space.sentences
    first: dict[str, int] = {}  # each outlet's opening: its earliest sentence the brief may use
    for i, s in enumerate(sents):
        if s.source not in first or (s.position, s.article_id) < (sents[first[s.source]].position,
                                                                   sents[first[s.source]].article_id):
            first[s.source] = i
    if len(first) < 2:
        return None
    openings = np.array(list(first.values()))
    among = np.ix_(openings, openings)
    reach = (sim[among] >= SUPPORT_SIM).sum(axis=1)
    if 2 * reach.max() <= len(openings):
        return None
    widest = max(range(len(openings)), key=lambda k: (reach[k], score[openings[k]]))
    backing = ((sim[among] >= SUPPORTS) & ~odds[among]).sum(axis=1)
    versions = [k for k in range(len(openings)) if sim[openings[widest], openings[k]] >= SUPPORT_SIM]
    return int(openings[max(versions, key=lambda k: (backing[k], score[openings[k]]))])


def majority_version(i: int, space: SentenceSpace, sim: np.ndarray, odds: np.ndarray, score: np.ndarray,
                     picked: list[int], redundant: float = REDUNDANT) -> int:
    """The sentence to state in place of picked sentence ``i``: ``i`` itself, unless another outlet's version of
    it (a close sentence at odds with it) is contradicted by fewer outlets. Each outlet among the sentences close
    to ``i`` counts against a version the values (``disagreement.disputes``) its nearest-agreeing sentence gives
    differently: with "7 to 2 ... $45 million on Tuesday" from two outlets and "8 to 1 ... $47 million" from a
    third, the third's is outvoted. A tie (two outlets, two versions) keeps ``i``, as does a version already
    picked or repeating another picked sentence."""
    sents = space.sentences
    close = [j for j in np.nonzero(sim[i] >= SUPPORTS)[0] if sents[j].source != sents[i].source]
    rivals = [int(j) for j in close if odds[i, j]]
    if not rivals:
        return i
    group = [i, *map(int, close)]
    found = {g: quantities(sents[g].text) for g in group}

    def against(c: int) -> int:
        worst: dict[str, int] = {}
        for d in group:
            if sents[d].source == sents[c].source:
                continue
            a, b = sents[c], sents[d]
            strict = frame_overlap(a.text, b.text, a, b) >= CHECK_STRICT
            n = disputes(a.text, b.text, found[c], found[d], a, b, strict=strict)
            worst[b.source] = min(worst.get(b.source, n), n)
        return sum(worst.values())

    others = [j for j in picked if j != i]
    best = min([i, *rivals], key=lambda c: (against(c), c != i, -score[c]))
    if best == i or best in picked or (others and sim[best, others].max() > redundant):
        return i
    return best


def summarise(space: SentenceSpace, *, words: int, duplicates_of: dict[str, list[str]],
              lead_bonus: float = LEAD_BONUS, redundant: float = REDUNDANT, support: float = SUPPORT,
              support_sim: float = SUPPORT_SIM, length: float = LENGTH,
              coverage: float = COVERAGE, bigrams: bool = BIGRAMS, learned: float = LEARNED,
              model: SentenceModel | None = None) -> list[SummarySentence]:
    """``learned``: weight of the learned sentence score (scorer.py, standardised within the story);
    ``model``: that scorer, the shipped one when None."""
    sents = space.sentences
    relevance = space.vectors @ space.centroid
    lead = np.array([lead_bonus / (1 + s.position) for s in sents])
    sim = space.similarity()
    # which sentence pairs give different values, once, at the lowest bar any use below reads (a superset)
    odds = statements_at_odds(space, sim >= min(support_sim, SUPPORT_SIM, SUPPORTS))
    shared = cross_support(space, sim, support_sim, odds)
    # cosine favours short sentences; a longer one carries more of the story per pick
    fullness = np.array([min(count_words(s.text), FULL_LENGTH) / FULL_LENGTH for s in sents])
    score = relevance + lead + support * shared + length * fullness
    every, weights = concepts(sents)
    model = model or (load_model() if learned else None)
    if learned and model is not None and len(sents) > 1:
        predicted = model.predict(sentence_features(space, sim, every, weights, odds))
        score = score + learned * (predicted - predicted.mean()) / (predicted.std() or 1.0)
    found = [{c for c in cs & weights.keys() if bigrams or " " not in c} for cs in every] if coverage \
        else [set() for _ in sents]
    opening = lede(space, sim, odds, score)
    barred = np.array([unresolved_quotation(s.text) or answers_the_sentence_before(s.text) for s in sents], dtype=bool)
    picked = _pick(space, score, sim, words=words, redundant=redundant, coverage=coverage, found=found,
                   weights=weights, first=opening, barred=barred)
    for k, i in enumerate(picked):  # in place: a version taken in is seen as picked by the next
        version = majority_version(i, space, sim, odds, score, picked, redundant)
        picked[k] = i if barred[version] else version
    opener = picked[0] if opening is not None and picked else None  # the lede's version stated
    # read in story order: the lede, then earlier positions first, ties by article
    picked.sort(key=lambda i: (i != opener, sents[i].position, sents[i].article_id))
    if opener is None and picked and GOES_ON.match(sents[picked[0]].text):
        # a summary opens with a sentence that stands alone ("But when the cell door closed behind that war veteran,
        # ..." went on from a sentence not picked): the earliest such one comes first
        alone = next((i for i in picked if not GOES_ON.match(sents[i].text)), None)
        if alone is not None:
            picked.remove(alone)
            picked.insert(0, alone)
    out = []
    for i in picked:
        # a sentence giving another value (a figure, a date) is a conflict to the facts: not cited for this one; nor
        # one that leaves out a figure this one gives (``states_figures``): it does not say it
        figures = quantities(sents[i].text)
        supporters = {sents[j].article_id for j in np.nonzero((sim[i] >= SUPPORTS) & ~odds[i])[0]
                      if states_figures(figures, quantities(sents[j].text))}
        supporters.add(sents[i].article_id)
        ids = set(supporters)
        for a in supporters:
            ids.update(duplicates_of.get(a, ()))
        out.append(SummarySentence(text=sents[i].text, article_ids=sorted(ids)))
    return out


def with_current_figures(summary: list[SummarySentence], facts: list[Fact],
                         outlet_of: dict[str, str]) -> list[SummarySentence]:
    """The summary with each line an outlet's own later report superseded (a conflict version's ``earlier``: "Seven
    people died ..." from two outlets that both report 11 since) stated as that version, cited by the articles giving
    it; a version the summary states already is stated once, where it comes first. The summary picks sentences before
    the facts tell an outlet's figure from its update, and had opened with the superseded toll. Only a line that states
    no other figure and that only such outlets' articles (``outlet_of``) are cited for is replaced: a line that says
    more ("... but helicopters rescued 40 passengers"), or that another outlet still vouches for, is kept as it was."""
    latest: dict[tuple[str, str], tuple[dict, dict]] = {}  # (article, claim) superseded -> (it, the version after it)
    for fact in facts:
        for version in fact.versions if fact.status == "conflict" else ():
            for old in version.get("earlier", ()):
                latest[(old["article_id"], old["text"])] = (old, version)
    risen: dict[tuple[str, str], tuple[dict, dict]] = {}  # an update's earlier version -> (it, the latest version)
    for fact in facts:
        if fact.update and fact.status != "single_source" and len(fact.versions) > 1:
            last = {**fact.versions[-1], "article_ids": [fact.versions[-1]["article_id"]]}
            for old in fact.versions[:-1]:  # (of an earlier day: an undated "has risen to 14" may be the same news)
                if old.get("published") and last.get("published") and old["published"][:10] < last["published"][:10]:
                    risen[(old["article_id"], old["text"])] = (old, last)
    out: list[SummarySentence] = []
    for line in summary:
        found = next((found for (article, text), found in latest.items()
                      if article in line.article_ids and text in line.text), None)
        rose = next((found for (article, text), found in risen.items()
                     if article in line.article_ids and text in line.text), None)
        if rose is not None and _states_only(line, *rose):  # a toll that rose since: the latest ("An eighth ...")
            line = SummarySentence(rose[1]["text"], rose[1]["article_ids"])
        elif found is not None and _only_superseded(line, *found, outlet_of):
            line = SummarySentence(found[1]["text"], sorted(found[1]["article_ids"]))
        if all(line.text != seen.text for seen in out):
            out.append(line)
    return out


def _states_only(line: SummarySentence, old: dict, version: dict) -> bool:
    """Whether a line states no figure but ``old``'s that ``version`` gives otherwise (and at least one)."""
    figures = quantities(line.text)
    return bool(figures) and all(states_figures([q], quantities(old["text"])) and
                                 disagree([q], quantities(version["text"])) for q in figures)


def _only_superseded(line: SummarySentence, old: dict, version: dict, outlet_of: dict[str, str]) -> bool:
    """Whether a line states no figure but the superseded claim's that the current version is at odds with, and
    cites only outlets whose own later reports superseded it ("Seven people died ..." from two outlets that both
    report 11 since)."""
    superseded = {outlet_of.get(e["article_id"]) for e in version.get("earlier", ())} - {None}
    return (all(outlet_of.get(a) in superseded for a in line.article_ids)
            and all(states_figures([q], quantities(old["text"])) and disagree([q], quantities(version["text"]))
                    for q in quantities(line.text)))
