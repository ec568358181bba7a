"""One outlet, however it is written: the key independent sources are counted by.

An outlet reaches a record as a name ("The Dunmore Star", "DUNMORE STAR") or, when a page names none, as the
host of its URL (``extract.metadata.outlet_from_url``: "dunmorestar.example"). ``outlet_key`` maps every
spelling of one outlet to one key, so that the facts (two or more independent outlets make a fact
``agreed``), the "N independent sources" of a story and the ``outlet=`` filters count and match outlets, not
spellings. The key is for comparing only: what is shown is the outlet as a record wrote it.

Conservative on purpose: a false merge makes two outlets one, so what they both report looks single-source and
a conflict between them vanishes (facts compare outlets with each other); a false split only counts one outlet
twice. So only what is clearly one outlet's spelling is folded. "The Times" and "The New York Times" stay two,
and so do "BBC News" and "bbc.co.uk", "independent.co.uk" and "independent.ie" (no brand lists are guessed; a
country's domain keeps its code).

A name and a host are compared among the outlets they are counted with (``outlet_keys``): a name carries no
country and a host often does, so "Le Monde" is not lemonde.fr by key alone. Among a story's outlets, a name
whose letters spell exactly one host's name ("Le Monde" ~ lemonde.fr, "El País" ~ elpais.com, "The Hindu" ~
thehindu.com), or give it with its leading words as initials ("The New York Times" ~ nytimes.com), is that host's
outlet (a one-word name only with a host that spells its "the": "The Tribune" is not tribune.com.pk); a name that fits two hosts ("The Independent" beside
independent.co.uk and independent.ie) is kept apart from both, since either could be its paper.
"""
from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

__all__ = ["outlet_key", "outlet_keys", "same_outlet", "first_spellings", "count_sources", "registrable_host",
           "outlet_host"]

# A host as outlets are written: labels of letters, digits and hyphens, at least one dot, the last label
# alphabetic (an IP address, "4.5", is not a host); an optional port and trailing dot.
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)\.?(?::\d+)?")
_HOST_PREFIX = re.compile(r"^(?:www\d?|m|amp|mobile)\.")  # the prefixes ``outlet_from_url`` drops too
# A subdomain that is an edition of its site, not a site of its own: edition.cnn.com and uk.reuters.com are CNN's
# and Reuters', where abcnews.go.com and espn.go.com are two outlets of one owner (and news.google.com is no Google)
_EDITION_LABEL = re.compile(r"www\d?|m|amp|mobile|edition|editions|uk|us|eu|en|international|intl|global")
# The public suffix of a host, by a small rule rather than the Public Suffix List: neither list package is
# a dependency of storyline (``tld`` comes with courlan and fetches the list when its copy is missing;
# ``tldextract`` comes only with a dev tool), and the key must never touch the network. The rule: the
# last label (``.com``, ``.uk``, ``.example``: reserved names are not in the list anyway), and before a
# two-letter country code one of the second-level labels registries sell under ("co.uk", "com.au",
# "ne.jp"). A suffix the rule misses leaves a label in the key: two spellings stay two outlets, which is
# the safe side.
_SECOND_LEVEL = frozenset("co com net org gov edu ac ltd plc me ne or go gob gouv nic sch nom mil info biz "
                          "press news".split())
_THE_NAME = re.compile(r"^the\s+")  # "The Dunmore Star" -> "dunmore star"
_GLUED_THE = 6  # a host label "the" + at least this many letters drops it: theguardian.com, not theatre.com


def outlet_key(name: str | None) -> str:
    """The key of an outlet's name or host: "The Dunmore Star", "DUNMORE STAR", "dunmorestar.example",
    "www.dunmorestar.example", "edition.dunmorestar.example" and "dunmore-star.com" all give "dunmorestar"
    ("dunmorestar.co.uk" gives "dunmorestaruk": a country's domain is kept apart; "dunmore.blogspot.com" gives
    "dunmoreblogspot": a shared host's users are outlets of their own).

    Casefolded (Unicode, NFKC); a leading "the" dropped; for a host (or a URL, whose host is read), the
    ``www.``/``m.``/``amp.``/``mobile.`` prefix, an edition subdomain (``outlet_host``: "edition.", "uk.") and a generic suffix
    dropped; then everything but letters
    and digits. Never raises; "" only for a name with nothing but spaces (no outlet). A name of punctuation
    alone keys as itself, casefolded and spaced once: it is still an outlet, and not every other one."""
    if not name:
        return ""
    return _key(name)


@lru_cache(maxsize=4096)  # the same few outlets are keyed over and over (every sentence of a story)
def _key(name: str) -> str:
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    text = " ".join(text.split())
    if not text:
        return ""
    host = _host_of(text)
    if host is not None:
        labels = _registrable(host)
        if labels[0].startswith("the") and len(labels[0]) - 3 >= _GLUED_THE:
            labels[0] = labels[0][3:]
        words = ".".join(labels)
    else:
        words = _THE_NAME.sub("", text)
    key = "".join(ch for ch in words if ch.isalnum())
    return key or text


def _host_of(text: str) -> str | None:
    """The host ``text`` is, or the host of the URL it is; None for a name."""
    if "://" in text:
        text = text.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
    if not _HOST.fullmatch(text):
        return None
    return text.split(":", 1)[0].rstrip(".")


# Hosts that give their users subdomains, one site each, beyond those the Public Suffix List's private section names
# (blogspot.com and github.io are there; wordpress.com, substack.com and medium.com are not)
SHARED_HOSTS = frozenset("blogspot.com wordpress.com substack.com medium.com github.io tumblr.com typepad.com "
                         "livejournal.com".split())
# A second level under a country's domain that is no one's site ("co.uk", "com.au", "net.au"): where the suffix
# list has no answer (its copy missing, a reserved name such as ".example"), the hosts news sits under
_COUNTRY_SECOND_LEVEL = re.compile(r"^(?:co|com|net|org|gov|ac|edu|ne|or|go|nic|gob)\.[a-z]{2}$")


@lru_cache(maxsize=4096)
def registrable_host(host: str) -> str:
    """``host`` without its subdomains, the site one owner registered: "edition.cnn.com" -> "cnn.com",
    "news.bbc.co.uk" -> "bbc.co.uk"; a user's site on a shared host keeps its own name ("dunmore.blogspot.com",
    "tideline.substack.com"). Read by the Public Suffix List with its private section (the copy in ``tld``, which
    comes with trafilatura's courlan; never fetched: without the copy, a small rule stands in)."""
    host = host.lower().rstrip(".")
    labels = host.split(".")
    for n in range(1, len(labels)):
        if ".".join(labels[n:]) in SHARED_HOSTS:
            return ".".join(labels[n - 1:])
    listed = _listed_site(host)
    if listed:
        return listed
    while len(labels) > 2 and not _COUNTRY_SECOND_LEVEL.match(".".join(labels[1:])):
        labels = labels[1:]
    return ".".join(labels)


@lru_cache(maxsize=4096)
def outlet_host(host: str) -> str:
    """``host`` as its outlet: without edition-like subdomains (``_EDITION_LABEL``) before its registrable host
    ("edition.cnn.com" -> "cnn.com", "www.abcnews.go.com" -> "abcnews.go.com"), any other subdomain kept: one
    owner's subdomains are often outlets of their own (abcnews.go.com and espn.go.com), and a false merge hides the
    conflicts between them."""
    host = _HOST_PREFIX.sub("", host.lower().rstrip("."))  # www.nhs.uk too, whose registrable host is itself
    site = registrable_host(host)
    labels = host.split(".")
    sub = labels[:len(labels) - len(site.split("."))]
    while sub and _EDITION_LABEL.fullmatch(sub[0]):
        sub = sub[1:]
    return ".".join([*sub, site])


def _listed_site(host: str) -> str | None:
    """The registrable host by ``tld``'s copy of the Public Suffix List; None without the copy (``tld`` would fetch
    a missing one from the network) or for a host under no listed suffix."""
    try:
        from tld import get_fld
        from tld.helpers import project_dir
        from tld.utils import MozillaTLDSourceParser
    except ImportError:
        return None
    if not os.path.exists(project_dir(MozillaTLDSourceParser.local_path)):
        return None
    return get_fld(host, fix_protocol=True, fail_silently=True, search_private=True) or None


def _registrable(host: str) -> list[str]:
    """The labels of ``host`` without its prefix and a generic suffix ("dunmorestar.com" -> ["dunmorestar"]), a
    country's suffix kept as its code ("independent.co.uk" -> ["independent", "uk"]): one name under two countries'
    domains is often two papers (independent.co.uk and independent.ie, thestar.com in Toronto and thestar.com.my),
    and a false merge hides the conflicts between them (facts compare outlets with each other), where a false split
    only counts one paper twice. Never none: "co.uk" keeps "co"."""
    labels = outlet_host(host).split(".")  # an edition is its site's outlet: edition.cnn.com; espn.go.com is not
    if len(labels) > 1:
        country = labels.pop() if len(labels[-1]) == 2 else None
        if country is None:
            labels.pop()
        elif len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
            labels.pop()
        if country is not None:
            labels.append(country)
    return labels


_SHORTEST_INITIALS = 3  # "nyt", "smh", "wsj": two letters ("ft") would fit too many names


def outlet_keys(names) -> dict[str, str]:
    """Each spelling among ``names`` (None and blank ones skipped) -> the key it is counted by among them: its
    ``outlet_key``, except that a name fitting exactly one of the hosts' keys (``_fits``) takes that key. The
    same names give the same keys in any order; the company matters only to a name that fits a host."""
    keys = {name: outlet_key(name) for name in names if name and outlet_key(name)}
    is_host = {name: _host_of(_folded(name)) is not None for name in keys}
    hosts = {key for name, key in keys.items() if is_host[name]}
    spelt_by: dict[str, set[str]] = {}  # a form a name may spell a host by -> the hosts' keys (the store's list)
    for name in (n for n in keys if is_host[n]):
        for form in _host_forms(name):
            spelt_by.setdefault(form, set()).add(keys[name])
    if not spelt_by:
        return keys
    for name, key in keys.items():
        if is_host[name] or key in hosts:
            continue
        fits = set().union(*(spelt_by.get(form, ()) for form in _name_forms(name)))
        if len(fits) == 1:
            keys[name] = fits.pop()
    return keys


def _folded(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _letters(text: str) -> str:
    """Letters and digits only, accents dropped: "El País" -> "elpais", as a host spells it."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if ch.isalnum() and ch.isascii())


def _host_forms(host: str) -> set[str]:
    """What a host's name is, without its country or a glued "the": lemonde.fr -> {"lemonde"}, thehindu.com ->
    {"thehindu", "hindu"}; a subdomain site's also by its subdomain and by its registrable host: abcnews.go.com ->
    {"abcnewsgo", "abcnews", "go", "goabcnews"}, news.yahoo.com -> {..., "yahoonews"}."""
    host = _host_of(_folded(host)) or ""
    forms = {_host_name(_registrable(host))}
    own, site = outlet_host(host), registrable_host(host)
    if own != site:  # a subdomain site: "ABC News" spells abcnews.go.com by its subdomain, a name may spell its site
        site_name, country = _host_name(_registrable(site))
        sub = _letters(own[:-len(site) - 1])
        forms |= {(sub, country), (site_name, country), (site_name + sub, country)}  # "Yahoo News": news.yahoo.com
    return set().union(*(_glued_the(form, country) for form, country in forms)) - {""}


def _host_name(labels: list[str]) -> tuple[str, bool]:
    """A host's name from its key labels, and whether a country's code was among them."""
    country = len(labels) > 1 and len(labels[-1]) == 2
    return _letters("".join(labels[:-1] if country else labels)), country


def _glued_the(name: str, country: bool) -> set[str]:
    if not name.startswith("the"):
        return {name}
    # the glued "the" is what a one-word name fits by (``_name_forms``); a country's "thestar" (.com.my) is not
    # every "The Star"
    return {name[3:]} - {""} if country else {name, name[3:]} - {""}


def _name_forms(name: str) -> set[str]:
    """How a host may spell a name: its words squashed ("lemonde"), or its leading words as initials and the last
    ones squashed ("The New York Times" -> "nytimes", "New York Post" -> "nypost"). A one-word name ("The
    Tribune", "Metro", "ABC") fits only a host that glues its "the" to it (thehindu.com): many papers in many
    countries share such a name, and a false merge hides their conflicts. Initials alone ("npr", "smh") are no
    spelling: "Nevada Public Radio" is not npr.org."""
    folded = _folded(name)
    words = [w for w in (_letters(w) for w in _THE_NAME.sub("", folded).split()) if w]
    if len(words) < 2:
        return {"the" + words[0]} if words and _THE_NAME.match(folded) else set()
    forms = {"".join(words)}
    for k in range(2, len(words)):
        form = "".join(w[0] for w in words[:k]) + "".join(words[k:])
        if len(form) >= _SHORTEST_INITIALS:
            forms.add(form)
    return forms


def same_outlet(name: str | None, other: str | None, *, url: str | None = None) -> bool:
    """Whether two spellings name one outlet, as they are counted beside each other (``outlet_keys``: "Le Monde" and
    lemonde.fr are one). The host of the page both were read from (``url``) is a spelling of its outlet too: a feed
    item or a record of the page is named by it (bbc.co.uk), the page read by its own name (og:site_name "BBC
    News"); a name that only fits the host ("The Courier" at courier.example) is no such stand-in, and stays apart
    from another name. Two articles without an outlet are of one, an article without one and another with one are
    not: nothing says they are."""
    keys = outlet_keys([name, other])
    key, other_key = keys.get(name or "", ""), keys.get(other or "", "")
    if key == other_key:
        return True
    host = outlet_key(url) if url and key and other_key else ""
    return bool(host) and any(n and _host_of(_folded(n)) is not None and outlet_key(n) == host for n in (name, other))


def first_spellings(names) -> list[str]:
    """``names`` (None and blank ones skipped) with each outlet once (``outlet_keys``), as first written, in
    order."""
    names = list(names)
    keys = outlet_keys(names)
    seen: dict[str, str] = {}
    for name in names:
        key = keys.get(name) if name else None
        if key and key not in seen:
            seen[key] = name
    return list(seen.values())


def count_sources(outlets) -> int:
    """Independent sources among articles with these ``outlets`` (one per independent article, None for one
    without): each outlet once, however written (``outlet_keys``), and each article without one a source of
    its own (two unsigned reports cannot be told to be one outlet's)."""
    outlets = list(outlets)
    keys = outlet_keys(outlets)
    counted = [keys.get(o, "") if o else "" for o in outlets]
    return len({k for k in counted if k}) + sum(1 for k in counted if not k)
