"""Attribution tagging: a linear-chain CRF over spaCy tokens, trained on PolNeAR.

Every token of an article gets a BIO tag for Source, Cue or Content; a
small decoder then groups the tagged runs into attributions anchored on
their cue. The features lean on the dependency parse: for each token, the
nearest ancestor whose lemma is a likely cue verb and the relation under
which the token hangs from it ("nsubj" suggests the source, "ccomp" the
content), plus whether the token sits inside quotation marks. The model is
a python-crfsuite file shipped xz-compressed in the package (trained by
``benchmarks/train_quotes.py``); nothing is fetched at run time.
"""
from __future__ import annotations

import bisect
import lzma
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc, Token

from storyline.errors import StorylineError

MODEL_RESOURCE = "quotes.crfsuite.xz"
QUOTE_CHARS = set("\"“”")
OPENING_QUOTES = {'"', "“", "''", "``"}  # as spaCy tokenises them ('' and `` are one token)
CLOSING_QUOTES = {'"', "”", "''"}
SENTENCE_ENDS = {".", "?", "!"}
# how far a continuation's scans go (tokens): to its opening mark from the attribution, and to its closing mark; a
# paragraph without full stops or closing marks costs no more than this per attribution
CONTINUATION_REACH = 100
CONTINUATION_LENGTH = 400
MAX_ANCESTOR_HOPS = 6
# a cue the first pass leaves without content takes a content run no cue took within this many tokens (chosen on
# the held-out tenth of PolNeAR train; docs/benchmarks.md, "Quotes")
LEFTOVER_GAP = 10
STRONG = {"hi", "mid"}

# cue lemmas with their share of cue uses in PolNeAR train, bucketed; written
# into the model file's neighbour (quotes.lexicon) by training
Lexicon = dict[str, str]


@dataclass(frozen=True)
class Run:
    """A maximal run of tokens with one role: token indices [start, end)."""

    role: str
    start: int
    end: int


@dataclass(frozen=True)
class TaggedAttribution:
    """Cue run plus its source and content runs (token indices); content may be discontinuous."""

    cue: Run | None
    source: Run | None
    content: tuple[Run, ...]


def token_features(doc: Doc, lexicon: Lexicon) -> list[list[str]]:
    """One feature list per token (strings "name=value", as crfsuite takes them)."""
    inside = _inside_quotes(doc)
    base = [_own(tok, lexicon, inside[tok.i]) for tok in doc]
    where = _side_of_sentence_cue(doc, lexicon)
    feats = []
    for tok in doc:
        f = list(base[tok.i])
        f.append(f"scue={where[tok.i]}")
        for off in (-2, -1, 1, 2):
            j = tok.i + off
            if 0 <= j < len(doc):
                f.extend(f"{off}:{x}" for x in base[j][:8])
            else:
                f.append(f"{off}:pad")
        feats.append(f)
    return feats


def _own(tok: Token, lexicon: Lexicon, quoted: bool) -> list[str]:
    # the first eight features are also copied to the neighbours
    anc, rel, hops = _cue_ancestor(tok, lexicon)
    side = "L" if anc is not None and tok.i < anc.i else "R"
    f = [
        f"w={tok.lower_}" if tok.is_alpha or tok.is_punct else f"shape={tok.shape_}",
        f"pos={tok.pos_}",
        f"dep={tok.dep_}",
        f"cue={lexicon.get(tok.lemma_.lower(), 'no')}",
        f"q={int(quoted)}",
        f"anc={rel}:{side}" if anc is not None else "anc=none",
        f"sstart={int(tok.is_sent_start or False)}",
        f"ent={tok.ent_iob_}{tok.ent_type_}",
        # token-only features
        f"lemma={tok.lemma_.lower()}",
        f"tag={tok.tag_}",
        f"head={tok.head.lemma_.lower()}",
        f"headdep={tok.head.dep_}",
        f"dep+head={tok.dep_}:{tok.head.pos_}",
        f"headcue={lexicon.get(tok.head.lemma_.lower(), 'no')}",
        f"hops={min(hops, 4)}" if anc is not None else "hops=none",
        f"anclemma={anc.lemma_.lower()}" if anc is not None else "anclemma=none",
        f"send={int(tok.i + 1 == len(tok.doc) or bool(tok.doc[tok.i + 1].is_sent_start))}",
        f"para={int(tok.i > 0 and chr(10) in tok.doc[tok.i - 1].whitespace_ + tok.doc[tok.i - 1].text)}",
        f"kids={','.join(sorted({c.dep_ for c in tok.children if c.dep_ in _KID_DEPS}))}",
    ]
    if tok.i > 0:
        f.append(f"bigram={tok.doc[tok.i - 1].lower_}|{tok.lower_}")
    return f


_KID_DEPS = {"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "agent", "mark", "advcl"}


def _side_of_sentence_cue(doc: Doc, lexicon: Lexicon) -> list[str]:
    """Per token: is it before, at or after the sentence's first strong cue verb ("none" without one)."""
    out = ["none"] * len(doc)
    for sent in doc.sents:
        cue = next((t for t in sent if lexicon.get(t.lemma_.lower()) == "hi" and t.pos_ in {"VERB", "AUX"}), None)
        if cue is None:
            continue
        for t in sent:
            out[t.i] = "at" if t.i == cue.i else "before" if t.i < cue.i else "after"
    return out


def _cue_ancestor(tok: Token, lexicon: Lexicon) -> tuple[Token | None, str, int]:
    """Nearest ancestor (or the token itself) with a cue-like lemma and the relation of the path's last step."""
    child, node, hops = tok, tok, 0
    while hops <= MAX_ANCESTOR_HOPS:
        # only lemmas that are often cues: "lo" ones ("a", "and") would stop the climb at noise
        if lexicon.get(node.lemma_.lower()) in STRONG and node.pos_ in {"VERB", "AUX", "NOUN", "ADP"}:
            return node, ("self" if node is tok else child.dep_), hops
        if node.head is node:
            break
        child, node, hops = node, node.head, hops + 1
    return None, "", hops


def _inside_quotes(doc: Doc) -> list[bool]:
    """Whether each token sits between an opening and a closing quotation mark (reset at paragraphs)."""
    out, open_ = [], False
    for tok in doc:
        if "\n" in tok.text or (tok.i > 0 and "\n" in doc[tok.i - 1].whitespace_):
            open_ = False
        if tok.text in QUOTE_CHARS:
            if tok.text == "“":
                open_ = True
            elif tok.text == "”":
                open_ = False
            else:
                open_ = not open_
            out.append(False)
            continue
        out.append(open_)
    return out


def runs(tags: list[str]) -> list[Run]:
    """BIO tags -> maximal runs (an I- after a different role starts a run too)."""
    out: list[Run] = []
    role, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        kind, _, r = tag.partition("-")
        if role is not None and (kind != "I" or r != role):
            out.append(Run(role, start, i))
            role = None
        if kind in {"B", "I"} and role is None:
            role, start = r, i
    return out


def group_runs(doc: Doc, found: list[Run], joins_cue: Callable[[Doc, Run, Run], bool] | None = None,
               ) -> list[TaggedAttribution]:
    """Attach each source/content run to a cue: the cue it hangs from in the parse, else the nearest.

    A cue takes at most one source and one content run on each side, so
    '"A," he said, "B."' yields one content with two fragments. A left run
    joins a right one only when it ends in the cue's sentence with no line
    break in between: a run further back is usually an attribution of its own
    (a quote closing the previous paragraph), so it stands alone.
    ``joins_cue`` replaces that rule (``benchmarks/quotes_linking/rules.py`` compares candidates).
    """
    joins_cue = joins_cue or _joins_cue
    cues = [r for r in found if r.role == "Cue"]
    if not cues:
        return []
    slots: dict[Run, dict[str, list[Run]]] = {c: {"Source": [], "Content": []} for c in cues}
    nearest: list[tuple[Run, Run]] = []  # (content run, cue) where no cue governs the run in the parse
    for run in found:
        if run.role == "Cue":
            continue
        cue = _parse_cue(doc, run, cues)
        if cue is None:
            cue = min(cues, key=lambda c: _distance(run, c))
            if run.role == "Content":
                nearest.append((run, cue))
        if run.role == "Content":
            cue = _cue_of_its_sentence(doc, run, cue, cues)
        slots[cue][run.role].append(run)
    _keep_to_their_paragraphs(doc, nearest, cues, slots, joins_cue)
    out = []
    for cue in cues:
        sources = sorted(slots[cue]["Source"], key=lambda r: _distance(r, cue))
        contents = slots[cue]["Content"]
        left = [r for r in contents if r.end <= cue.start]
        right = [r for r in contents if r.start >= cue.end]
        before = [max(left, key=lambda r: r.end)] if left else []
        after = [min(right, key=lambda r: r.start)] if right else []
        if before and after and not joins_cue(doc, before[0], cue):
            before = []
        picked = before + after
        out.append(TaggedAttribution(cue, sources[0] if sources else None, tuple(picked)))
        out.extend(TaggedAttribution(None, extra, ()) for extra in sources[1:])  # scored as sources all the same
        for extra in contents:
            if extra not in picked:  # a second content on the same side stands alone
                out.append(TaggedAttribution(None, None, (extra,)))
    return _continue_quotes(doc, _pair_leftovers(out))


def _keep_to_their_paragraphs(doc: Doc, nearest: list[tuple[Run, Run]], cues: list[Run],
                              slots: dict[Run, dict[str, list[Run]]],
                              joins_cue: Callable[[Doc, Run, Run], bool]) -> None:
    """Content runs that went to the nearest cue across a paragraph break, moved to the nearest cue of their own
    paragraph when the cue they went to has content in its own paragraph already: '"We cannot rule it out," Patel
    said.\n\nAbout 200 homes were evacuated, the council said.' is the council's, not more of Patel's words (tester
    s30 #5b: his quotation ran on into the council's statement, and was read as indirect). A cue with no content of
    its own may introduce the next paragraph ('He said:\n\n"..."'), and keeps it. PolNeAR dev, what `storyline
    quotes` prints: Content F1 0.590 -> 0.596, Source and Cue within one attribution (docs/benchmarks.md)."""
    if not nearest:
        return
    paragraph = _paragraphs(doc)
    for run, cue in nearest:
        where = {paragraph[run.start], paragraph[run.end - 1]}
        if paragraph[cue.start] in where or run not in slots[cue]["Content"]:
            continue
        own_content = any(paragraph[r.start] == paragraph[cue.start] for r in slots[cue]["Content"] if r is not run)
        own_cues = [c for c in cues if paragraph[c.start] in where]
        if not own_content or not own_cues:
            continue
        target = min(own_cues, key=lambda c: _distance(run, c))
        # only to a cue that keeps it: a run before a cue with content after it must join that cue's sentence, or it
        # would stand alone and be lost ('"We will appeal," said Reed.\n\n"This is wrong." Lee said she was
        # disappointed': the quotation stays Reed's, review of fixquotes30)
        if run.end <= target.start and any(r.start >= target.end for r in slots[target]["Content"]) \
                and not joins_cue(doc, run, target):
            continue
        slots[cue]["Content"].remove(run)
        slots[target]["Content"].append(run)


def _paragraphs(doc: Doc) -> list[int]:
    """Each token's paragraph number: a line break (in a token or the space after it) starts the next one."""
    out, at = [], 0
    for tok in doc:
        out.append(at)
        if "\n" in tok.text_with_ws:
            at += 1
    return out


def _continue_quotes(doc: Doc, tagged: list[TaggedAttribution]) -> list[TaggedAttribution]:
    """Third pass: a direct quote's continuation joins its content. In '"A," he said. "B."' the quoted sentence
    after the attribution's own continues the quote (PolNeAR annotates A and B as one content in two fragments),
    unless a cue after it in its sentence attributes it otherwise ('"B," she added.'). The taggers often leave B
    untagged or hand it to a stray cue nearby. Chosen on PolNeAR train, exact offsets of the printed records
    (docs/benchmarks.md, "Quotes"): Content on the held-out tenth 0.609 -> 0.618 (mpnet), on the nine tenths
    0.562 -> 0.569 (their out-of-fold mpnet heads) and 0.925 -> 0.931 (gold tags through this decoder). Requiring
    the quote to close the content instead, or either, scored alike; crossing a paragraph break scored lower."""
    if not doc.has_annotation("SENT_START"):
        return tagged
    cue_starts = sorted(t.cue.start for t in tagged if t.cue is not None)
    # content runs are disjoint (one tag a token), so those a continuation overlaps are found by their starts
    held = sorted((r.start, r.end, m) for m, t in enumerate(tagged) for r in t.content)
    starts = [h[0] for h in held]
    out = list(tagged)
    claimed = bytearray(len(doc))  # tokens some attribution's continuation already took
    for k, t in enumerate(tagged):
        more = _continuation(doc, t, cue_starts)
        if more is None or any(claimed[more.start:more.end]):
            continue
        claimed[more.start:more.end] = b"\x01" * (more.end - more.start)
        first = bisect.bisect_left(starts, more.start)
        if first and held[first - 1][1] > more.start:
            first -= 1
        for *_, m in held[first:bisect.bisect_left(starts, more.end)]:
            if m != k:  # a stray attribution's hold on the continuation is dropped
                other = out[m]
                kept = tuple(r for r in other.content if not _overlaps(r, more))
                out[m] = TaggedAttribution(other.cue, other.source, kept)
        out[k] = TaggedAttribution(out[k].cue, out[k].source, out[k].content + (more,))
    return out


def _continuation(doc: Doc, t: TaggedAttribution, cue_starts: list[int]) -> Run | None:
    """The quoted sentence continuing ``t``'s content (a direct quote before its cue), if one follows in its
    paragraph and ends a sentence inside its closing mark with no cue after it."""
    if t.cue is None or len(t.content) != 1 or t.content[0].end > t.cue.start:
        return None
    if doc[t.content[0].start].text not in OPENING_QUOTES:
        return None
    # the end of the attribution's sentence: its first full stop (spaCy's sentences often take the next quote's
    # opening mark into this one: '... this week. \'\'' | 'I've got ...')
    anchor = max(t.cue.end, t.source.end if t.source else 0)
    start, end = anchor, min(len(doc), anchor + CONTINUATION_REACH)
    while start < end and doc[start].text not in SENTENCE_ENDS:
        if "\n" in doc[start].text_with_ws:
            return None
        start += 1
    start = _skip_spaces(doc, start + 1, end)
    if start >= end or doc[start].text not in OPENING_QUOTES:
        return None
    close, end = start + 1, min(len(doc), start + CONTINUATION_LENGTH)
    while close < end and doc[close].text not in CLOSING_QUOTES:
        if "\n" in doc[close].text_with_ws:
            return None
        close += 1
    if close >= end or doc[close - 1].text[-1:] not in SENTENCE_ENDS:
        return None
    # no cue after it in its sentence: spaCy's, or up to the next full stop when a lower-case word follows the mark
    # (spaCy often ends the sentence at '"Why would they?"' in '"Why would they?" she asked.')
    limit = doc[close].sent.end
    after = _skip_spaces(doc, close + 1, len(doc))
    if after < len(doc) and doc[after].is_lower and "\n" not in doc[close].text_with_ws:
        limit = after
        while limit < min(len(doc), after + CONTINUATION_REACH) and doc[limit].text not in SENTENCE_ENDS:
            limit += 1
    if bisect.bisect_right(cue_starts, close) < bisect.bisect_left(cue_starts, max(limit, close + 1)):
        return None
    return Run("Content", start, close + 1)


def _skip_spaces(doc: Doc, i: int, end: int) -> int:
    """The first token from ``i`` (before ``end``) that is not whitespace within the line."""
    while i < end and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    return i


def _overlaps(a: Run, b: Run) -> bool:
    return a.start < b.end and b.start < a.end


def _pair_leftovers(tagged: list[TaggedAttribution]) -> list[TaggedAttribution]:
    """Second pass: a cue left without content takes the nearest content run that stands alone, within
    ``LEFTOVER_GAP`` tokens. The first pass sends each run to one cue (its parse head, else the nearest), so a run
    can land on a cue that already has its content while the cue beside it gets none; the product prints only
    attributions with both. Held-out tenth of PolNeAR train, exact offsets of what `storyline quotes` prints:
    Source / Cue / Content +0.004 / +0.009 / +0.009; every gap from 3 to 100 tokens gains about as much."""
    alone = [k for k, t in enumerate(tagged) if t.cue is None and t.source is None and len(t.content) == 1]
    taken: set[int] = set()
    out = list(tagged)
    for k, t in enumerate(tagged):
        if t.cue is None or t.content:
            continue
        gap, nearest = min(((_distance(tagged[o].content[0], t.cue), o) for o in alone if o not in taken),
                           default=(LEFTOVER_GAP + 1, -1))
        if gap <= LEFTOVER_GAP:
            taken.add(nearest)
            out[k] = TaggedAttribution(t.cue, t.source, tagged[nearest].content)
    return [t for k, t in enumerate(out) if k not in taken]


def _joins_cue(doc: Doc, left: Run, cue: Run) -> bool:
    """Whether a content run left of the cue is a fragment of the same attribution as the run on its right.

    Chosen on the held-out tenth of PolNeAR train (docs/benchmarks.md, "Quotes"): it also raises the
    ceiling of gold tags through this decoder (Content 0.898 -> 0.911).
    """
    if "\n" in doc[left.end - 1:cue.start].text_with_ws[len(doc[left.end - 1].text):]:
        return False
    if not doc.has_annotation("SENT_START"):
        return True
    return doc[left.end - 1].sent.start == doc[cue.start].sent.start


def _cue_of_its_sentence(doc: Doc, run: Run, cue: Run, cues: list[Run]) -> Run:
    """The cue a content run goes to: not one in an earlier sentence when a cue of its own stands in its sentence.
    In '... Jean Dupont said. "The fire spread," Dupont told reporters.' the quote is told, not said: given to "said"
    (the nearest cue, or the parse's), it had been read as the end of the reported sentence before it."""
    if not doc.has_annotation("SENT_START") or cue.end > run.start:
        return cue
    sent = doc[run.start].sent
    if cue.end > sent.start:
        return cue
    own = [c for c in cues if sent.start <= c.start < sent.end and c is not cue]
    return min(own, key=lambda c: _distance(run, c)) if own else cue


def _parse_cue(doc: Doc, run: Run, cues: list[Run]) -> Run | None:
    """The cue run that governs the run's syntactic head, if any (within a few hops)."""
    head = min((doc[i] for i in range(run.start, run.end)), key=lambda t: len(list(t.ancestors)))
    for hops, anc in enumerate(head.ancestors):
        if hops > MAX_ANCESTOR_HOPS:
            break
        for cue in cues:
            if cue.start <= anc.i < cue.end:
                return cue
    return None


def _distance(a: Run, b: Run) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


class CrfModel:
    """A python-crfsuite model held in memory: its tags and marginals for one sequence of token features.

    Read whole, xz-compressed as shipped (a third of the size) or plain as
    training writes it; crfsuite keeps a pointer into the bytes, so they live
    as long as the tagger.
    """

    def __init__(self, path: Path):
        data = path.read_bytes()
        self._model = lzma.decompress(data) if path.suffix == ".xz" else data
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._model)
        self.labels = frozenset(self._tagger.labels())

    def tags(self, features: list) -> list[str]:
        return list(self._tagger.tag(pycrfsuite.ItemSequence(features)))

    def marginals(self, features: list, labels: Sequence[str]) -> list[list[float]]:
        """Per token, the marginal probability of each of ``labels`` (0 for a label the model never saw)."""
        self._tagger.set(pycrfsuite.ItemSequence(features))
        return [[self._tagger.marginal(label, t) if label in self.labels else 0.0 for label in labels]
                for t in range(len(features))]


class BioTagger:
    """A tagger that gives each token of a doc a BIO tag (``tags``); its attributions (``tag``) are the runs of
    those tags linked to their cues (``group_runs``). Every quote tagger is one."""

    def tags(self, doc: Doc) -> list[str]:
        raise NotImplementedError

    def tag(self, doc: Doc) -> list[TaggedAttribution]:
        return group_runs(doc, runs(self.tags(doc)))


class AttributionTagger(BioTagger):
    """Loads the shipped CRF once; ``tag(doc)`` gives grouped attributions."""

    def __init__(self, model_dir: Path | None = None):
        model_dir = model_dir or Path(str(resources.files("storyline.enrich") / "models"))
        model = model_dir / MODEL_RESOURCE
        if not model.exists():
            raise StorylineError(f"{model}: attribution model missing; run benchmarks/train_quotes.py")
        self.lexicon = read_lexicon(model_dir / "quotes.lexicon")
        self.crf = CrfModel(model)

    def tags(self, doc: Doc) -> list[str]:
        if len(doc) == 0:
            return []
        return self.crf.tags(token_features(doc, self.lexicon))

    def marginals(self, doc: Doc, labels: Sequence[str]) -> list[list[float]]:
        """Per token, the CRF's marginal probability of each label (0 for a label the model never saw)."""
        if len(doc) == 0:
            return []
        return self.crf.marginals(token_features(doc, self.lexicon), labels)


def read_lexicon(path: Path) -> Lexicon:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        lemma, _, bucket = line.partition("\t")
        if lemma:
            out[lemma] = bucket
    return out


def write_lexicon(lexicon: Lexicon, path: Path) -> None:
    path.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(lexicon.items())), encoding="utf-8")


def build_lexicon(cue_counts: dict[str, int], token_counts: dict[str, int], *, min_count: int = 2) -> Lexicon:
    """Cue lemmas bucketed by how often the lemma is a cue when it occurs (from training data)."""
    out = {}
    for lemma, n in cue_counts.items():
        if n < min_count:
            continue
        share = n / max(1, token_counts.get(lemma, n))
        out[lemma] = "hi" if share >= 0.5 else "mid" if share >= 0.15 else "lo"
    return out


def char_span(doc: Doc, run: Run) -> tuple[int, int]:
    return doc[run.start].idx, doc[run.end - 1].idx + len(doc[run.end - 1].text)


def iter_bio(doc: Doc, spans: Iterable[tuple[str, tuple[tuple[int, int], ...]]]) -> list[str]:
    """Gold BIO tags for a parsed doc from (role, fragments) spans; each fragment starts a run."""
    tags = ["O"] * len(doc)
    for role, frags in spans:
        for start, end in frags:
            span = doc.char_span(start, end, alignment_mode="expand")
            toks = list(span) if span is not None else []
            while toks and toks[0].is_space:
                toks = toks[1:]
            for k, tok in enumerate(toks):  # spaces inside ("\n\n" between paragraphs) continue the run
                tags[tok.i] = ("B-" if k == 0 else "I-") + role
    return tags
