"""The intro a newsreader would say: the headline, the publisher and the byline, reconciled from a page's facts.

A page names its headline several times (JSON-LD `headline`, `og:title`, `<title>`, the visible `<h1>`), each with
its own extras: the site's name or slogan on the `<title>`, an SEO wording on `og:title`, a section label before the
`<h1>`. The visible `<h1>` is what a reader sees, so it wins when the structured titles agree with it; otherwise the
structured headline, with separator-parts that name the site taken off. The publisher is the name the page gives
itself, else its registered domain; the byline lists people, and names an agency as the source.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations
from urllib.parse import urlsplit

from .assemble import comparable
from .boilerplate import is_boilerplate
from .metadata import clean_byline, clean_name, clean_publisher, clean_title, outlet_in_capitals
from .structured import PageFacts

H1_PRECISION = 0.8  # share of an <h1>'s words that a structured title must have for the <h1> to be the headline
H1_RECALL = 0.6  # share of that structured title's words the <h1> must have
HEADLINE_WORDS = 6  # an <h1> this long is the page's headline even when the structured titles reword it
_PARTS = re.compile(r"\s+[|–—·•»:/~-]\s+|\s+l\s+|:\s+")
_DOMAIN = re.compile(r"(?i)\w\.(?:com|org|net|co|uk|ca|au|in|info|news|us)\b")
_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "le", "la", "bin", "al", "el",
              "ibn", "ter", "te", "y", "e", "dos", "das", "do", "st", "mc", "mac", "o'"}
# A company's legal form after its name: the owner of record ("Wikimedia Foundation, Inc."), not the masthead.
_LEGAL_FORM = re.compile(r"(?:,?\s+(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|plc|PLC|GmbH|Corp|Corporation|"
                         r"S\.A|AG|Pty Ltd))\.?$")
_COPYRIGHT = re.compile(r"(?i)(?:\b(?:copyright|all rights reserved)\b|©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*")
_FUNCTION_WORDS = {"that", "this", "with", "from", "your", "have", "they", "what", "when", "will", "about", "their",
                   "there", "these", "those", "which", "were", "been", "into", "over", "after", "more", "than", "just",
                   "here", "then", "them", "does", "why", "how", "who", "where", "could", "would", "should", "some"}
# Words of a byline's furniture (buttons, links, labels) that are never part of a person's name.
_NOT_NAMES = frozenset({"twitter", "facebook", "instagram", "linkedin", "email", "mail", "follow", "view", "profile",
                        "posts", "articles", "stories", "more", "updated", "published", "posted", "link", "copied",
                        "share", "bio", "contact", "read", "see", "all", "latest", "comments", "comment", "photo",
                        "photos", "video", "edited", "reviewed", "by", "and", "staff", "news", "fellow", "team"})
_JOB_WORDS = frozenset({"senior", "correspondent", "editor", "reporter", "writer", "columnist", "contributor",
                        "producer", "executive", "editorial", "analyst", "intern"})  # a job title run on after a name
_NO_NAME_WORDS = frozenset({"inc", "ltd", "llc", "corp", "gmbh", "plc", "limited", "incorporated",  # companies
                            "com", "org", "net", "www",  # an address run into the byline ("Mcason Com")
                            # what an organisation's name ends in, never a person's ("Northeast Ohio Media Group",
                            "news", "media", "group", "network", "newspapers", "publishing", "publications",  # "Love
                            "communications", "magazine", "productions", "studios", "syndicate", "newswire",  # News")
                            "broadcasting", "television", "foundation", "institute", "association", "university"})
_SURNAME_FIRST = re.compile(r"\s*([A-Z][a-z'’-]+),\s*([A-Z][a-z'’-]+)\s*")
_PAPER_AFTER = re.compile(r"([A-Z][\w'’-]+ [A-Z][\w'’-]+) ((?:The )?(?:[A-Z][a-z]+ ){0,2}(?:Post|Times|Tribune|Journal|"
                          r"Herald|Gazette|Chronicle|Telegraph|Globe|Guardian|Inquirer|Examiner))")
# Platforms that host many sites, each under its own name ("lostinjit.blogspot.com", "example.github.io").
_BLOG_HOSTS = frozenset({"blogspot.com", "wordpress.com", "tumblr.com", "github.io", "substack.com", "typepad.com",
                         "livejournal.com", "blogger.com", "wixsite.com", "weebly.com", "gitlab.io", "netlify.app"})
_BLOG_HOST_NAMES = frozenset({"blogspot"})  # under every country's domain ("blogspot.fr", "blogspot.co.uk")
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"}
# News agencies: said as the source of a story ("for the Associated Press"), never as a co-author.
AGENCIES = {
    "associated press": "the Associated Press", "ap": "the Associated Press", "the associated press":
    "the Associated Press", "reuters": "Reuters", "thomson reuters": "Reuters", "afp": "AFP",
    "agence france-presse": "AFP", "agence france presse": "AFP", "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg", "pa": "PA Media", "pa media": "PA Media", "press association": "PA Media",
    "aap": "AAP", "australian associated press": "AAP", "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press", "upi": "UPI", "united press international": "UPI", "dpa": "dpa",
    "xinhua": "Xinhua", "pti": "PTI", "press trust of india": "PTI", "ians": "IANS", "ani": "ANI", "efe": "EFE",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap", "tass": "TASS", "cnn wire": "CNN Wire",
    "tribune news service": "Tribune News Service", "bloomberg businessweek": "Bloomberg",
}
# Bylines that credit a desk rather than people: said as nothing (the publisher is already named).
_DESK = re.compile(r"(?i)^(?:the\s+)?(?:[\w.]+\s+){0,3}(?:staff|desk|bureau|team|newsroom|editors?|online|"
                   r"agencies|wires?|reports?|reporters?|correspondents?|web\s?desk|news\s?desk|digital)$")


_NO_HEADLINE = re.compile(r"\s*[|–—·•»:/-]")  # a title that opens with a separator: its headline part is empty


def words(text: str | None) -> list[str]:
    return comparable(text or "").split()


def choose_title(facts: PageFacts, extracted: str | None, publisher: str | None, *,
                 authors: str | None = None) -> str | None:
    """The headline: a visible <h1> the structured titles agree with, else the best structured title, cleaned
    (`authors`: trafilatura's, "A, B")."""
    # trafilatura's own title may be an <h1> already: a fallback, not a witness for one
    people = (*facts.authors, *facts.byline_names, *(authors or "").split(", "))  # a blog's title ends with its
    #                                                                               author's name as its site's
    titles = [t if t and not _NO_HEADLINE.match(t) else None  # "| What's Cooking": the headline left out, the
              for t in (facts.headline, facts.og_title, extracted, facts.html_title)]  # rest names the site
    witnesses = [w for t in (titles[0], titles[1], titles[3]) if t
                 and not slogan(w := core_title(t, publisher, facts.url, people))
                 and not names_site(w, publisher, facts.url)]
    cores = [core_title(t, publisher, facts.url, people) for t in titles if t]
    if titles[2] and is_boilerplate(titles[2]):  # trafilatura's pick of a box on the page: "Get X in your inbox"
        cores.remove(core_title(titles[2], publisher, facts.url, people))
    if (h1 := _agreed_h1(facts, publisher, witnesses)) is not None:
        return clean_title(h1, publisher=publisher)
    if (headline := _lone_headline(facts, publisher, witnesses)) is not None:
        return clean_title(headline, publisher=publisher)
    return _structured_title(facts, extracted, publisher, witnesses, cores)


def _agreed_h1(facts: PageFacts, publisher: str | None, witnesses: list[str]) -> str | None:
    """The <h1>, or a part of one (three words or more), that the structured titles (`witnesses`) agree with best;
    None when they agree with none."""
    best: tuple[float, str] | None = None
    for h1, pieces in zip(facts.h1, facts.h1_parts):
        if names_site(h1, publisher, facts.url):
            continue  # the site's name set as an <h1> ("Rolling Stone", "POLITICO Politico Logo")
        for variant in [h1, *[p for p in _PARTS.split(h1) + pieces if len(p.split()) >= 3],
                        *_without_children(h1, pieces, witnesses)]:
            if len(set(words(variant))) < 2:
                continue
            for core in witnesses:
                score = _agreement(variant, core, witnesses)
                if score is not None and (best is None or score > best[0]):  # (a <title> cut short counts too)
                    best = (score, variant)
    return best[1] if best is not None else None


def _without_children(h1: str, pieces: list[str], witnesses: list[str]) -> list[str]:
    """The <h1> without its child elements that no structured title shares: a button or a label set inside it
    ("... in storms Add to ..."); [] when it has none."""
    shared = {w for t in witnesses for w in words(t)}
    kept = h1
    for piece in pieces:
        if piece in kept and not set(words(piece)) <= shared:
            kept = kept.replace(piece, " ")
    kept = " ".join(kept.split())
    return [kept] if kept != h1 and kept else []


def _agreement(variant: str, core: str, witnesses: list[str]) -> float | None:
    """How well an <h1> wording and a structured title agree (precision + recall of the title's words), None when
    they do not."""
    v, c = set(words(variant)), set(words(core))
    if not c:
        return None
    precision, recall = len(v & c) / len(v), len(v & c) / len(c)
    agrees = (precision >= H1_PRECISION and recall >= H1_RECALL) or (recall == 1.0 and precision >= 0.5) \
        or (len(v) >= 3 and words(core)[:len(words(variant))] == words(variant))  # the title's opening
    if not agrees and all(any(words(variant) == words(part) for part in _PARTS.split(w))
                          for w in witnesses):  # "<h1> – Site" in every title (not the blog's name)
        agrees, precision, recall = True, 1.0, 0.0
    return precision + recall if agrees else None


def _lone_headline(facts: PageFacts, publisher: str | None, witnesses: list[str]) -> str | None:
    """A visible headline the SEO titles reword: one <h1> long enough to be a headline, not the site's name, on the
    same story as the structured titles."""
    site_words = set(words(publisher)) | set(words(domain_name(facts.url) or ""))
    headlines = [h for h in facts.h1 if len(words(h)) >= HEADLINE_WORDS and not set(words(h)) <= site_words
                 and not names_site(h, publisher, facts.url)]
    if (len(headlines) == 1 and len(facts.h1) <= 2  # (a page of many <h1>s uses them for its sections)
            and (not witnesses or any(_topics(headlines[0]) & _topics(w) for w in witnesses))):  # the same story
        return headlines[0]
    return None


def _structured_title(facts: PageFacts, extracted: str | None, publisher: str | None, witnesses: list[str],
                      cores: list[str]) -> str | None:
    """With no <h1> to go by: the structured titles (`cores`, cleaned of their site parts), else an <h1>."""
    # trafilatura's title that is an <h1> a structured headline (three words or more) disagrees with: a section label
    if extracted and any(words(extracted) == words(h) for h in facts.h1) and any(
            len(words(w)) >= 3 for w in witnesses):
        cores = [c for c in cores if words(c) != words(extracted)]
    # shorter structured titles that open a longer one: the longer one carries a suffix
    for core in cores:
        if core and any(o != core and words(o)[:len(words(core))] == words(core) for o in cores):
            return clean_title(core, publisher=publisher)
    if cores:
        return clean_title(cores[0], publisher=publisher)
    return next((clean_title(h, publisher=publisher) for h in facts.h1 if len(h.split()) >= 3
                 and not names_site(h, publisher, facts.url)), None)


def names_site(text: str, publisher: str | None, url: str | None) -> bool:
    """Whether a title part (or an <h1>) is the site's name: the publisher's words, or a short text whose letters
    spell its domain's name ("Rolling Stone" on rollingstone.com, "The Political Insider", "POLITICO Logo")."""
    letters = _letters(text)
    if publisher and letters == _letters(publisher):
        return True
    label = _letters(domain_name(url) or "")
    if len(label) < 3 or len(text.split()) > 4 or not letters:
        return letters in _host_names(url) if letters and len(text.split()) <= 2 else False
    return label in letters or (letters.removeprefix("the") in label and len(letters) >= 0.6 * len(label)) \
        or _abbreviates(text, label) or letters in _host_names(url)


def _host_names(url: str | None) -> set[str]:
    """The names in an address's host before its registered domain: "espn" of sports.espn.go.com (a site under a
    portal's domain), without the generic ones ("www", "news", "m")."""
    host = urlsplit(url if url and "://" in url else "http://" + (url or "")).hostname or ""
    return {x for x in host.lower().split(".")[:-2] if len(x) >= 3 and x not in _GENERIC_HOSTS}


_GENERIC_HOSTS = frozenset({"www", "www2", "news", "mobile", "edition", "amp", "blog", "blogs", "sports", "sport",
                            "en", "eu", "us", "uk", "int", "global", "web", "online", "home", "static", "cdn"})


def _abbreviates(text: str, label: str) -> bool:
    """Whether a domain's name is a name with its first words cut to initials: "nytimes" for "The New York Times",
    "latimes" for "Los Angeles Times" (the last word stays whole), or all of them ("oann" for "One America News
    Network", three words or more); or its first and last words, with words between left
    out: "dallasnews" for "Dallas Morning News"."""
    words = [_letters(w) for w in text.split() if _letters(w)]
    if words and words[0] == "the":
        words = words[1:]
    if any(label == "".join(w[0] for w in words[:k]) + "".join(words[k:]) for k in range(1, len(words))):
        return True
    if len(words) >= 3 and label == "".join(w[0] for w in words):  # "oann": "One America News Network"
        return True
    if 3 <= len(words) <= 4 and any(label == words[0] + "".join(w) for n in range(1, len(words) - 1)
                                    for w in combinations(words[1:], n)):  # "dallasnews": "Dallas Morning News"
        return True
    return 2 <= len(words) <= 4 and _clipped(label, words)  # "infoproc": "Information Processing"


def _clipped(label: str, words: list[str]) -> bool:
    """Whether `label` is the opening letters (three or more) of each of `words` in turn: "natgeo", "infoproc"."""
    if not words:
        return not label
    return any(words[0].startswith(label[:n]) and _clipped(label[n:], words[1:])
               for n in range(3, min(len(words[0]), len(label)) + 1))


def title_site_name(facts: PageFacts, url: str | None) -> str | None:
    """The site's name as its own <title> (or og:title) writes it after the headline: "... - Rolling Stone" on
    rollingstone.com (the letters must spell the domain's name)."""
    for title in (facts.html_title, facts.og_title):
        parts = _PARTS.split(title or "")
        if len(parts) >= 2:
            for part in (parts[-1], parts[0], *parts[1:-1]):  # (a middle part: "Headline ~ Blog Name - Slogan")
                if 1 <= len(part.split()) <= 4 and names_site(part, None, url or facts.url) \
                        and re.search(r"[A-Z]", part) and not re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", part):
                    return _without_section(part.strip(" -|·•"), domain_name(url or facts.url) or "")
    return None


def _without_section(name: str, label: str) -> str:
    """ "CNN Politics" -> "CNN", "POPSUGAR Home" -> "POPSUGAR": the words that spell the domain, without the section
    after them ("The Motley Fool" stays whole)."""
    label = _letters(label)
    parts = name.split()
    for n in range(1, len(parts) + 1):
        if label and label in _letters(" ".join(parts[:n])):
            return " ".join(parts[:n])
    return name


def _letters(text: str) -> str:
    """ "The Political Insider" -> "thepoliticalinsider": a name as its domain would spell it."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _topics(title: str) -> set[str]:
    """A title's content words, cut to four letters ("cards" and "card" meet): what two wordings of a story share."""
    return {w[:4] for w in words(title) if len(w) >= 4 and w not in _FUNCTION_WORDS}


def core_title(title: str, publisher: str | None, url: str | None, people: Sequence[str] = ()) -> str:
    """A title without separator-parts that name the site (its name, its domain's name, or after the headline one
    of `people`, the page's authors: a blog named for its author) or are its slogan ("..., Watch News Videos
    Online", "Yahoo News, Latest News and Headlines" has no headline left)."""
    title = clean_title(title, publisher=publisher) or title
    head, sep, tail = title.rpartition(", ")
    if sep and slogan(tail) and (len(words(head)) >= 3 or names_site(head, publisher, url)):
        title = head  # "Council votes to close bridge, Watch News Videos Online"; "Yahoo News, Latest News ..."
    site_words = set(words(publisher)) | set(words(domain_name(url) or "")) - {"the", "news", "com"}
    parts = _PARTS.split(title)
    if len(parts) < 2:
        return title
    kept = [p for i, p in enumerate(parts) if not _site_part(p, i, site_words, publisher, url, people)]
    if kept and len(kept) < len(parts):
        # keep the headline as written between the parts that go
        first, last = title.find(kept[0]), title.rfind(kept[-1]) + len(kept[-1])
        return title[first:last].strip(" |–—·•-:") or title
    return title


def _site_part(part: str, i: int, site_words: set[str], publisher: str | None, url: str | None,
               people: Sequence[str]) -> bool:
    """Whether title part `i` names the site (half its words the site's, or its name), or, after the first part,
    is a slogan or one of `people`, "by" or not (a label before the headline stays: "VIDEO:")."""
    own = set(words(part))
    return (bool(site_words and own and len(own & site_words) / len(own) >= 0.5)
            or names_site(part, publisher, url) or bool(i and slogan(part))
            or bool(i and any(words(part) in (words(name), ["by", *words(name)]) for name in people)))


# Words of a site's own slogans and section names ("Latest News and Headlines", "Watch News Videos Online").
_SLOGAN_WORDS = frozenset("""news latest breaking headlines headline video videos watch online live updates update today
daily official site website web home homepage top stories world local national international politics business sport
sports entertainment opinion tv radio channel network magazine blog source leading best trusted information all from
around and the of for in on your with more analysis coverage events""".split())


# Words of the names of a paper's sections and blogs ("Letters to the Editor", "Opinion Blog").
_SECTION_WORDS = frozenset("""letters letter editor editors editorial column columns columnists views commentary
features lifestyle culture science health travel food style arts books tech technology money finance markets weather
obituaries blogs voices to""".split())


def _section(name: str) -> bool:
    """A name made only of the words of a site's sections: what a blog of the paper calls itself."""
    w = words(name)
    return bool(w) and all(x in _SLOGAN_WORDS or x in _SECTION_WORDS for x in w)


def slogan(text: str) -> bool:
    """A title part made only of a site's slogan and section words: not a headline."""
    w = words(text)
    return bool(w) and all(x in _SLOGAN_WORDS for x in w) and any(x not in _FUNCTION_WORDS | {"and", "the", "of"}
                                                                  for x in w)


def choose_publisher(facts: PageFacts, extracted: str | None, url: str | None) -> str | None:
    """The publisher as the page names itself (og:site_name, JSON-LD publisher), else its registered domain."""
    label = _letters(domain_name(url or facts.url) or "")
    for name, guessed in ((facts.site_name, False), (extracted, True)):
        written, name = _candidate(name, guessed, facts, url, label)
        if not name or _other_script(name, facts):
            continue
        if (chosen := _titled_publisher(name, written, guessed, facts, url, label)) is not None:
            return chosen
        if _edition_label(name, url or facts.url, facts):
            continue
        if re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", name):  # a host name: the name in the <title>, else the domain
            return title_site_name(facts, url or "http://" + name) or _masthead(facts) or \
                domain_name(name, keep_suffix=True)
        if (spelt := _address_in_words(name, facts, url)) is not None:
            return spelt
        if not _is_url(name):
            return _as_the_site_writes(name, guessed, facts, url)
    return title_site_name(facts, url) or _author_site(facts, label) or _masthead(facts) or \
        domain_name(url or facts.url, keep_suffix=True)


def _masthead(facts: PageFacts) -> str | None:
    """The site's name where the <title> is it and the headline ("The Grumpy Economist: Free Market Vaccines" with
    og:title "Free Market Vaccines") and the page prints it as an <h1> (a blog's masthead); else None."""
    headline, title = facts.og_title or facts.headline, facts.html_title or ""
    if not headline or headline == title or headline not in title:
        return None
    other = " ".join(p for p in _PARTS.split(title.replace(headline, "\0")) if p and p != "\0")
    return other if other in facts.h1 and 1 <= len(other.split()) <= 5 else None


def _author_site(facts: PageFacts, label: str) -> str | None:
    """The author's name where the site's address is that name ("Robin Wieruch" on robinwieruch.de), else None."""
    return next((name for name in (*facts.authors, *facts.byline_names) if label and _letters(name) == label), None)


def _candidate(name: str | None, guessed: bool, facts: PageFacts, url: str | None,
               label: str) -> tuple[str | None, str | None]:
    """A site name as written (cleaned) and as the briefing would say it: a social-media handle ("Reuters_Co_Uk",
    "Grazia_Live") becomes the name the <title> gives, else the handle's words that spell the domain, else no name
    to say; trafilatura's guess of a handle run on into an edition ("ReutersIndia") becomes the brand."""
    written = clean_site_name(name)
    name = _without_address(written)
    if name and _HANDLE.fullmatch(name):
        titled = title_site_name(facts, url)
        name = _without_address(titled) if titled else _title_host(facts, url) or _spelt_out(name, label)
    elif guessed and name and name.isalpha() and (spelt := _spelt_out(name, label)) and spelt != name:
        name = spelt
    return written, name


def _title_host(facts: PageFacts, url: str | None) -> str | None:
    """The page's own address where its <title> ends with it as the site's name ("... - realestate.com.au"): a brand
    that is its address, said as one; None otherwise."""
    parts = _PARTS.split(facts.html_title or "")
    host = parts[-1].strip().lower() if len(parts) >= 2 else ""
    if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", host):
        return None
    return host if domain_name(host, keep_suffix=True) == domain_name(url or facts.url, keep_suffix=True) else None


def _titled_publisher(name: str, written: str | None, guessed: bool, facts: PageFacts, url: str | None,
                      label: str) -> str | None:
    """The publisher where a candidate name says too little and the <title> (else the address) names the site:
    a slug, a name unrelated to the address, a name of one or two letters. None when the name stands."""
    if (host := _slug_host(name, facts, url, label)) is not None:
        return host
    owner = bool(_LEGAL_FORM.search(facts.site_name or "")) and not guessed
    if label and (guessed or owner or _section(name)) and not names_site(name, None, url or facts.url) and \
            (titled := title_site_name(facts, url) or _author_site(facts, label)):
        return _without_address(titled)  # a name unrelated to the address, where the <title> (or the author's
    #  name, on a blog named for its author) names the site: a guess ("CondéNet", the owner, "Rwieruch", a handle)
    #  or a section's name as og:site_name ("Letters to the Editor"), or the owner's legal name
    brand = name == written and name.isupper() and _letters(name) == label  # "GQ" on gq.com, as the page writes it
    if sum(ch.isalpha() for ch in name) <= 2 and not brand:
        return title_site_name(facts, url) or domain_name(url or facts.url, keep_suffix=True) or name  # "al"
    return None


def _slug_host(name: str, facts: PageFacts, url: str | None, label: str) -> str | None:
    """For a slug ("canada") where the <title> names the site by its address ("Canada.Com"), that address; else
    None."""
    if name.islower() and _letters(name) == label and (titled := title_site_name(facts, url)) and \
            (host := domain_name(url or facts.url, keep_suffix=True)) and titled.lower() == host.lower():
        return host
    return None


def _address_in_words(name: str, facts: PageFacts, url: str | None) -> str | None:
    """For a name that is an address ("Dailystar.co.uk"), the name its <title> spells in words ("Daily Star");
    None otherwise ("Space.com" stays)."""
    if (address := re.fullmatch(r"([A-Za-z0-9-]+)(?:\.[a-z]{2,3}){1,2}", name)) and \
            (titled := title_site_name(facts, url)) and titled != address.group(1) and \
            _letters(titled) == _letters(address.group(1)):
        return titled
    return None


def _other_script(name: str, facts: PageFacts) -> bool:
    """A name in a script the page's headline is not written in ("台北時報" over an English story): the briefing
    says the name the page uses in its own language (its <title>'s, else its domain)."""
    title = facts.html_title or facts.og_title or facts.headline or ""
    latin = sum(ch.isascii() and ch.isalpha() for ch in title)
    foreign = not any(ch.isascii() and ch.isalpha() for ch in name)
    return foreign and latin >= 0.5 * sum(ch.isalpha() for ch in title) > 0


# A handle: one word joined by underscores, as social media write a name ("Grazia_Live", "Reuters_Co_Uk").
_HANDLE = re.compile(r"@?[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+_?")


def _without_address(name: str | None) -> str | None:
    """ "MSNBC.com", "CBSSports.com": the brand, without its address ("Space.com" keeps it)."""
    if name and (m := re.fullmatch(r"([\w-]*[A-Z][\w-]*[A-Z][\w-]*)\.(?i:com|org|net)", name)):
        stem = m.group(1)
        return stem.capitalize() if stem.isupper() and stem.isascii() and len(stem) > 5 else stem  # (no acronym)
    return name


def _spelt_out(handle: str, label: str) -> str | None:
    """The first words of a handle that spell the domain's name ("ReutersIndia" on reuters.com -> "Reuters",
    "LinkedInEditors" -> "LinkedIn"), the whole handle when it spells it ("TeenVogue"), else None."""
    parts = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", handle.lstrip("@"))
    if " " in handle or not label:
        return None
    for n in range(1, len(parts) + 1):
        if _letters("".join(parts[:n])) == label:
            return handle.lstrip("@") if n == len(parts) and "_" not in handle else "".join(parts[:n])
    return None


def _as_the_site_writes(name: str, guessed: bool, facts: PageFacts, url: str | None) -> str:
    """A site name as the page's <title> writes it, where that is the same name styled ("pcgamer": "PC Gamer"), or
    words run together as a handle writes them ("TheAVClub": "The A.V. Club"), or `name` is trafilatura's guess
    from the address (`guessed`: "Nytimes")."""
    styled = title_site_name(facts, url) if name.islower() or _RUN_TOGETHER.fullmatch(name) else None
    if styled and _letters(styled) in (_letters(name), "the" + _letters(name)):  # ("BostonGlobe": "The Boston Globe")
        return styled
    label = domain_name(url or facts.url) or ""
    if guessed and name in (label, label.capitalize()):
        return title_site_name(facts, url) or name
    return name


_RUN_TOGETHER = re.compile(r"[A-Z]?[a-z]*(?:[A-Z]+[a-z]*){2,}")  # capitals inside one word: "TheAVClub", "TeenVogue"


def clean_site_name(name: str | None) -> str | None:
    """ "WSVN 7News | Miami News, Weather" -> "WSVN 7News"; "Yahoo News, Latest News and Headlines" -> "Yahoo News"."""
    if not name:
        return None
    name = _COPYRIGHT.sub("", name).strip(" _.,;:|-")  # "Copyright 2014" is a notice, "Wday_" a handle
    name = re.sub(r"\s+(?:19|20)\d\d$", "", name)  # "CondéNet 2015": a copyright line's holder and year
    name = _LEGAL_FORM.sub("", name)  # "Spiceworks Inc": the company's legal form is not said
    if not re.search(r"[^\W\d_]", name):
        return None
    first = re.split(r"\s+[|–—·•:-]\s+", name.strip())[0]
    head, sep, rest = first.partition(", ")
    if sep and len(head.split()) <= 4 and len(rest.split()) >= 2:
        first = head
    return clean_publisher(first.strip())


def domain_name(url: str | None, keep_suffix: bool = False) -> str | None:
    """The registered domain of a URL: "https://news.example.co.uk/x" -> "example.co.uk" (or "example"); None for
    an IP address, which names no site."""
    if not url:
        return None
    host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    if host.replace(".", "").isdigit() or ":" in host:
        return None
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) < 2:
        return None
    n = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    if (".".join(labels[-n:]) in _BLOG_HOSTS or labels[-2] in _BLOG_HOST_NAMES) and len(labels) > n:
        return labels[-n - 1]  # a blog on a hosting platform: its own name ("lostinjit" of lostinjit.blogspot.fr)
    reg = labels[-n:]
    return ".".join(reg) if keep_suffix else reg[0]


def _edition_label(name: str, url: str | None, facts: PageFacts) -> bool:
    """A short name that is not the site's: an edition or section label in og:site_name ("U.S." on reuters.com).

    A name of up to four letters is the site's only when its domain spells it ("BBC" on bbc.com, "KBS" on kbs.co.kr)
    or the page's <title> ends with it ("... - CNA" on channelnewsasia.com).
    """
    letters = _letters(name)
    label = _letters(domain_name(url) or "")
    if not (label and 0 < len(letters) <= 4 and letters not in label):
        return False
    parts = _PARTS.split(facts.html_title or "")
    return len(parts) < 2 or _letters(parts[-1]) != letters


def _is_url(text: str) -> bool:
    return "://" in text or text.lower().startswith("www.")


def choose_byline(facts: PageFacts, extracted: str | None, *, publisher: str | None, title: str | None) -> str | None:
    """People first ("A, B and C"), then an agency as the source ("A, for the Associated Press"); no desks.

    The names come from the first of these that names a person or an agency: the structured data (whose author is
    often the desk: "ABC News"; a name the page credits with another role, "Photographed by Sharokh Mirzai", left
    out), the byline printed on the page (read part by part, so its date, job title and buttons stay out),
    trafilatura's author field (where a lone word, "Follow" or "Jdadmin", is no name)."""
    people: list[str] = []
    agencies: list[str] = []
    structured = facts.authors
    if facts.other_roles:  # the structured data lists every contributor: not those the page credits otherwise
        others = {" ".join(words(n)) for n in facts.other_roles}
        structured = [", ".join(n for n in re.split(r"\s*,\s*", a) if " ".join(words(n)) not in others)
                      for a in facts.authors]
        structured = [a for a in structured if a]
    for raw, guessed in ((structured, False), (facts.byline_names, False), ([extracted] if extracted else [], True)):
        people, agencies = _people(raw, publisher, guessed=guessed)  # ("ABC News" as the author: a desk, next)
        if people or agencies:
            break
    agencies += _people(facts.agency_authors, publisher, guessed=False)[1]
    byline = clean_byline(", ".join(dict.fromkeys(people)), publisher=publisher, title=title) if people else None
    agency = next(iter(dict.fromkeys(agencies)), None)
    if agency and publisher and words(agency.removeprefix("the ")) == words(publisher):
        agency = None  # the agency's own site: "From Reuters ... By Reuters" says it twice
    if byline and agency:
        return f"{byline}, for {agency}"
    return byline or agency


def _people(values: list[str], publisher: str | None, *, guessed: bool) -> tuple[list[str], list[str]]:
    """The people and the news agencies that a list of author fields names, desks left out; a lone word is no name
    in a `guessed` field (trafilatura's)."""
    people: list[str] = []
    agencies: list[str] = []
    for value in values:
        if m := _SURNAME_FIRST.fullmatch(value):
            value = f"{m.group(2)} {m.group(1)}"  # "Gillman, Steve": one person, surname first
        for part in re.split(r"\s*(?:[,;|&·•/]|\band\b|\bwith\b)\s*", value):
            part = re.sub(r"[\w.+-]+@[\w-]+\.[\w.]+", "", part).strip(" .-–—")
            if (paper := _PAPER_AFTER.fullmatch(part)) and _person(paper.group(1)):
                part = paper.group(1)  # "Joe Davidson Washington Post": the paper he wrote it for, run on
                agencies.append("the " + paper.group(2).removeprefix("The "))
            key = re.sub(r"^by\s+", "", part.lower()).strip()
            if not key:
                continue
            if key in AGENCIES:
                agencies.append(AGENCIES[key])
            elif _is_desk(part, publisher):
                continue
            elif outlet := outlet_in_capitals(part):
                agencies.append(outlet)  # "A, B, C | USA TODAY": the outlet the people wrote for
            elif (name := clean_name(part)) and (cut := _before_buttons(name)) != name and (
                    len(cut.split()) >= 2 or name.split()[len(cut.split())].lower() in _JOB_WORDS):
                if len(cut.split()) >= 2 and _person(cut):  # a name run on into the page's buttons or a job title:
                    people.append(cut)  # "Steven Shepard Link Copied", "Andrea Stone Senior Washington Correspondent"
            elif name and _person(name) and not (guessed and len(name.split()) < 2):
                people.append(name)
    return people, agencies


def byline_part(text: str) -> str | None:
    """The person's name (or the news agency) that `text` is, wholly ("Emily Kirkpatrick", "The Associated Press"),
    or None ("Updated on May 2", "Link Copied", "Sam Stein Senior Politics Editor", a lone "Prince" that may be a
    tag): what a part of a printed byline must be to be read."""
    if text.lower() in AGENCIES:
        return text
    name = clean_name(text)
    half = len(name.split()) // 2 if name else 0
    if name and half and name.split()[:half] == name.split()[half:]:
        name = " ".join(name.split()[:half])  # "Code Sync Code Sync": two parts of one name, run together
        text = name
    if (not name or len(name.split()) != len(text.split()) or not 2 <= len(name.split()) <= 4 or not _person(name)
            or set(words(name)) & _NOT_NAMES):
        return None
    return name


def _before_buttons(name: str) -> str:
    """A name up to the first word that is no part of a name ("Steven Shepard Link Copied" -> "Steven Shepard"), or
    that begins a job title ("Andrea Stone Senior Washington Correspondent" -> "Andrea Stone")."""
    parts = name.split()
    cut = next((i for i, w in enumerate(parts) if w.lower().strip(".,:") in _NOT_NAMES | _JOB_WORDS), len(parts))
    return " ".join(parts[:cut])


def _person(name: str) -> bool:
    """A person's name: capitalised words (particles such as "de" or "van" aside); a lone word only when it is
    written as a name ("Ela", not "mcupdate" or "IWB")."""
    parts = name.split()
    if parts[0].lower() == "the" or any(not w[0].isupper() and w.lower() not in _PARTICLES for w in parts):
        return False
    if {w.lower().rstrip(".") for w in parts} & _NO_NAME_WORDS:
        return False  # "Mediagene Inc"
    return len(parts) > 1 or (parts[0][0].isupper() and not parts[0].isupper())


def _is_desk(name: str, publisher: str | None) -> bool:
    """A newsroom credit, not a person: the publisher's own name, "Staff", "News Nation Bureau", "Cleveland.com"."""
    w = words(name)
    if not w:
        return True
    if publisher:
        p = words(publisher)
        if w == p or (len(w) <= len(p) + 2 and set(p) <= set(w)) or (set(w) <= set(p) | {"com", "staff", "news"}):
            return True
        if _letters(name) == _letters(domain_name(publisher) or publisher):
            return True  # "USA TODAY" on usatoday.com: the name its address spells
    return bool(_DESK.match(name.strip()) or _DOMAIN.search(name))
