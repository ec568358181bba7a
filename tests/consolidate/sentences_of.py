"""A stored article made of given sentences, each a stored sentence span, for brief-level tests."""
from storyline.records import Annotations, Article, Sentence, StoredArticle


def member(aid, outlet, sentences):
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append(Sentence(pos, pos + len(s)))
        pos += len(s) + 1
    return StoredArticle(Article(id=aid, source=aid, text=text, title=f"Title {aid}", outlet=outlet),
                         Annotations(sentences=spans), "s")
