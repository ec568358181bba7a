"""One outlet, however written: ``outlet_key``."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.metadata import outlet_from_url
from storyline.outlets import count_sources, first_spellings, outlet_key, outlet_keys


@pytest.mark.parametrize("spelling", [
    "The Dunmore Star", "Dunmore Star", "DUNMORE STAR", "the dunmore star", "  The  Dunmore   Star ",
    "dunmorestar.example", "www.dunmorestar.example", "m.dunmorestar.example", "amp.dunmorestar.example",
    "WWW.DunmoreStar.Example.", "dunmore-star.com", "dunmorestar.com", "dunmorestar.example:8080",
    "https://www.dunmorestar.example/news/2024/fire",
])
def test_every_spelling_of_one_outlet_is_one_key(spelling):
    assert outlet_key(spelling) == "dunmorestar"


@pytest.mark.parametrize("a, b", [
    ("Reuters", "reuters.com"), ("Reuters", "www.reuters.com"), ("The Guardian", "theguardian.com"),
    ("bbc.co.uk", "www.bbc.co.uk"), ("independent.co.uk", "independent.uk"),
    # an edition of a site is its outlet: a page without a site name on edition.cnn.com is CNN's, as www.cnn.com's are
    ("CNN", "edition.cnn.com"), ("https://edition.cnn.com/2026/05/11/x", "cnn.com"), ("uk.reuters.com", "reuters.com"),
    ("www.abcnews.go.com", "abcnews.go.com"), ("www.nhs.uk", "nhs.uk"),
])
def test_same_outlet(a, b):
    assert outlet_key(a) == outlet_key(b)


@pytest.mark.parametrize("a, b", [
    ("The Times", "The New York Times"), ("Times", "New York Times"), ("nytimes.com", "The New York Times"),
    ("BBC News", "bbc.co.uk"),  # no brand lists: "news" is part of a name
    # a shared host's users are outlets of their own (the Public Suffix List's private section, and the hosts it lacks)
    ("alice.blogspot.com", "bob.blogspot.com"), ("alice.wordpress.com", "bob.wordpress.com"),
    ("alice.substack.com", "substack.com"), ("ann.github.io", "bob.github.io"), ("Reuters", "Thomson Reuters"), ("!!!", "???"),
    ("Theatre Weekly", "Atre Weekly"),  # "the" is a word of a name, glued only in a host
    ("theatre.com", "Atre"),  # and only before a long enough rest
    # a review's false merges: a country's domain is kept apart, so two papers of one name stay two
    ("independent.co.uk", "independent.ie"), ("thestar.com", "thestar.com.my"), ("abc.net.au", "abc.com"),
    ("times.co.za", "The Times"), ("bbc.co.uk", "bbc.com"), ("lemonde.fr", "Le Monde"),
    # a subdomain other than an edition's is a site of its own: one owner's outlets (ABC News and ESPN on go.com),
    # or a service that is no outlet of its host's name (news.google.com is not Google's reporting)
    ("abcnews.go.com", "espn.go.com"), ("abcnews.go.com", "go.com"), ("news.google.com", "google.com"),
    ("https://news.google.com/articles/x", "https://www.google.com/"), ("news.bbc.co.uk", "bbc.co.uk"),
])
def test_different_outlets(a, b):
    assert outlet_key(a) != outlet_key(b)


def test_no_outlet_is_the_empty_key():
    assert outlet_key(None) == outlet_key("") == outlet_key("  \n") == ""
    assert outlet_key("The") == "the"  # a name that is all article is still a name


def test_a_url_host_keys_as_its_outlet():
    assert outlet_key(outlet_from_url("https://amp.dunmorestar.example/x")) == outlet_key("The Dunmore Star")


def test_outlets_of_one_owner_on_its_subdomains_count_apart():
    """ABC News (abcnews.go.com) and ESPN (espn.go.com) are two sources, though Disney's go.com holds both; a page
    named "ABC News" and one of abcnews.go.com naming no site are one."""
    assert count_sources(["abcnews.go.com", "espn.go.com"]) == 2
    assert count_sources(["ABC News", "abcnews.go.com"]) == 1
    assert count_sources(["ABC News", "abcnews.go.com", "espn.go.com", "ESPN"]) == 3  # "ESPN": one word, no fit
    assert outlet_keys(["news.google.com", "google.com"]) == {"news.google.com": "newsgoogle", "google.com": "google"}


def test_a_site_without_a_name_on_a_subdomain_counts_once_beside_its_named_pages():
    """"CNN" (og:site_name on www.cnn.com) and edition.cnn.com (a page naming no site) are one source; a site name
    other than the host's stays its own outlet."""
    assert count_sources(["CNN", "edition.cnn.com", "www.cnn.com"]) == 1
    assert count_sources(["CNN", "edition.cnn.com", "CNN Travel Weekly"]) == 2


def test_first_spellings_list_each_outlet_once_as_first_written():
    names = ["Dunmore Star", None, "dunmorestar.example", "Reuters", "", "reuters.com", "The Dunmore Star"]
    assert first_spellings(names) == ["Dunmore Star", "Reuters"]


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_key_never_raises_and_is_stable(name):
    key = outlet_key(name)
    assert isinstance(key, str)
    assert outlet_key(key) == key  # a key is its own key: keys can be compared with keys
    assert bool(key) == bool(name.strip())  # only a blank name is no outlet


@settings(max_examples=200, deadline=None)
# (a label that is itself a prefix is left out: "www.com" is a host whose name is "www", and "www.www.com" is its
# www host, not the host "www.com" reached with "www." twice; hypothesis found that example; "mobile" the same)
@given(st.from_regex(r"[a-z][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True).filter(lambda s: s not in ("www", "amp", "mobile")),
       st.sampled_from(["", "www.", "m.", "amp."]), st.sampled_from(["com", "example", "co.uk", "org"]))
def test_a_host_keys_as_its_name(label, prefix, suffix):
    assert outlet_key(f"{prefix}{label}.{suffix}") == outlet_key(f"{label}.{suffix}")
    assert outlet_key(f"{label}.{suffix}").isalnum()


@pytest.mark.parametrize("name, host", [
    ("Le Monde", "lemonde.fr"), ("Le Monde", "www.lemonde.fr"), ("Le Monde", "https://www.lemonde.fr/x/1"),
    ("El País", "elpais.com"), ("The Hindu", "thehindu.com"), ("The Guardian", "theguardian.com"),
    ("The New York Times", "nytimes.com"), ("New York Post", "nypost.com"),
])
def test_a_name_is_the_one_host_it_spells_among_the_outlets_counted(name, host):
    # a name carries no country, a host often does: by key alone they are two ("Le Monde" / lemonde.fr)
    keys = outlet_keys([name, host, "Reuters"])
    assert keys[name] == keys[host] == outlet_key(host) != keys["Reuters"]
    assert count_sources([name, host, None, "Reuters"]) == 3
    assert first_spellings([host, name, "Reuters"]) == [host, "Reuters"]


@pytest.mark.parametrize("names", [
    ["The Independent", "independent.co.uk", "independent.ie"],  # either could be its paper: kept apart from both
    ["Financial Times", "ft.com"],  # two initials fit too many names
    ["Toronto Star", "thestar.com"], ["BBC News", "bbc.co.uk"],  # no brand guessed
    ["independent.co.uk", "independent.ie"],  # two hosts are compared by key, as before
    # a one-word name is many countries' paper (the review's false merges hid a conflict between two of them)
    ["The Tribune", "tribune.com.pk"], ["The Guardian", "guardian.ng"], ["The Independent", "independent.ie"],
    ["The Star", "thestar.com.my"], ["Metro", "metro.us"], ["ABC", "abc.net.au"], ["The Times", "times.co.zm"],
    # initials alone are no spelling
    ["Nevada Public Radio", "npr.org"], ["New York Post", "nyp.com"], ["Sydney Morning Herald", "smh.com.au"],
    ["Wall Street Journal", "wsj.com"],
])
def test_a_name_and_a_host_stay_apart_unless_the_name_spells_one_host(names):
    assert count_sources(names) == len(names)


def test_keys_in_company_do_not_depend_on_the_order():
    names = ["Le Monde", "lemonde.fr", "Dunmore Star", "dunmorestar.example", None, ""]
    assert outlet_keys(names) == outlet_keys(reversed(names))
    assert set(outlet_keys(names)) == {"Le Monde", "lemonde.fr", "Dunmore Star", "dunmorestar.example"}


@pytest.mark.parametrize("a, b, url, same", [
    ("bbc.co.uk", "BBC News", "https://www.bbc.co.uk/news/uk-1", True),  # a record's host beside the page's name
    ("BBC News", "bbc.co.uk", "https://www.bbc.co.uk/news/uk-1", True),
    ("bbc.co.uk", "BBC News", None, False),  # without the page, "news" is part of a name
    ("Harbour Post", "BBC News", "https://www.bbc.co.uk/news/uk-1", False),  # two names, neither the host
    ("The Courier", "Harbour Post", "https://courier.example/a", False),  # a name fitting the host is a name
])
def test_a_pages_host_is_a_spelling_of_its_outlet(a, b, url, same):
    from storyline.outlets import same_outlet

    assert same_outlet(a, b, url=url) is same
