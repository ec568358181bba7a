"""``Store.articles_at_page``: an outlet's earlier records of one page, whatever their ids, found at a bounded cost."""
from storyline.records import Annotations, Article, StoredArticle
from storyline.store.sqlite import PAGE_ROWS


def _put(store, article_id: str, url: str) -> None:
    text = f"Report {article_id}: the council met on Monday and voted on the harbour plan."
    with store.transaction():
        store.add_article(StoredArticle(Article(id=article_id, source=url, text=text, url=url, outlet="Metro Courier"),
                                        Annotations(), "s1", None, "2026-11-23T00:00:00"),
                          text_hash=f"h-{article_id}", signature=b"\x00" * 8, band_keys=[1])


def test_a_front_page_is_no_articles_page_and_a_page_read_often_is_read_to_its_newest_rows(store):
    for n in range(3):  # feed items that all link the site's front page (review of s27: each was compared with all)
        _put(store, f"item-{n}", "https://www.metrocourier.example/")
    assert store.articles_at_page("Metro Courier", "https://www.metrocourier.example/") == []
    page = "https://www.metrocourier.example/news/harbour-plan"
    for n in range(PAGE_ROWS + 5):  # a live page read again and again
        _put(store, f"live-{n}", page)
    found = store.articles_at_page("Metro Courier", page + "?utm_source=feed")
    assert len(found) == PAGE_ROWS and found[0] == f"live-{PAGE_ROWS + 4}"  # the newest first
    assert store.articles_at_page("Lakeshore Gazette", page) == []
