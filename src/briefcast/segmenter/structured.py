"""What a page says about itself in structured data: JSON-LD, OpenGraph and meta tags, its <title> and <h1>s.

Pure reading of an lxml tree into `PageFacts`; `html.py` reconciles these with what the page shows. JSON-LD is read
from every `application/ld+json` script (graphs, lists and nested items included); a script that does not parse is
skipped, never fatal.
"""
from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .metadata import SPLIT_NAMES, TRAILING_DATE

log = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
    "techarticle", "scholarlyarticle", "report", "webpage", "medicalwebpage", "posting", "review", "recipe",
})
VIDEO_TYPES = frozenset({"videoobject", "clip", "episode", "movie", "broadcastevent"})
ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})
_MAX_SCRIPT = 2_000_000  # characters of one JSON-LD script read at most


@dataclass
class PageFacts:
    """The page's own claims about itself; every field is plain text, None (or empty) when the page says nothing."""

    headline: str | None = None  # JSON-LD headline (or name) of the article item
    og_title: str | None = None  # og:title, else twitter:title
    html_title: str | None = None  # <title>
    h1: list[str] = field(default_factory=list)  # the visible <h1> texts, in order
    h1_parts: list[list[str]] = field(default_factory=list)  # the texts of each <h1>'s child elements (a kicker)
    authors: list[str] = field(default_factory=list)  # JSON-LD author names, else article:author / meta author
    byline_names: list[str] = field(default_factory=list)  # the names in the byline printed on the page
    agency_authors: list[str] = field(default_factory=list)  # authors that are organisations (JSON-LD @type)
    site_name: str | None = None  # og:site_name, else JSON-LD publisher name, else application-name
    publisher_url: str | None = None  # JSON-LD publisher's url
    other_roles: list[str] = field(default_factory=list)  # people the page credits otherwise ("Photographed by X")
    answered_by: str | None = None  # the author of the answer a Q&A page's body is ("": one who is no named person)
    published: str | None = None  # datePublished / article:published_time, as written (ISO 8601 mostly)
    description: str | None = None  # JSON-LD description, else og:description, else meta description
    article_body: str | None = None  # JSON-LD articleBody
    video_description: str | None = None  # the description of a VideoObject
    types: set[str] = field(default_factory=set)  # JSON-LD @type values, lower case
    og_type: str | None = None
    url: str | None = None  # canonical or og:url

    @property
    def is_video(self) -> bool:
        """The page is a video page: JSON-LD says so (and no article item), or og:type is video."""
        return bool(self.types & VIDEO_TYPES and not self.types & (ARTICLE_TYPES - {"webpage"})) or (
            (self.og_type or "").startswith("video"))


def read_facts(tree: Any) -> PageFacts:
    """Gather the facts of an lxml HTML tree (as trafilatura loads it)."""
    facts = PageFacts()
    meta = _meta(tree)
    items = list(_json_ld(tree))
    for item in items:
        facts.types |= _type_set(item)
    article, video = _main_items(items)
    if article is not None:
        _read_article(facts, article)
    if video is not None:
        _read_video(facts, video)
    _read_meta(facts, tree, meta)
    _read_headings(facts, tree)
    facts.byline_names = printed_byline(tree)
    if len(facts.authors) > 1 or any("," in a for a in facts.authors):
        facts.other_roles = _credited_otherwise(tree)
    return facts


# A credit for work other than the writing, printed on the page: "Photographed by Sharokh Mirzai", "Modeled by ..."
_OTHER_ROLE = re.compile(r"\b(?:[Pp]hotograph(?:ed|y)|[Pp]hotos?|[Ii]llustrat(?:ed|ions?)|[Mm]odell?ed|[Mm]ake-?up|"
                         r"[Hh]air|[Nn]ails|[Ss]tyl(?:ed|ing)|[Ff]ilmed|[Vv]ideo|[Aa]rt direction|[Ss]et design)"
                         r"\s+by[:\s]+((?:[A-Z][\w'’.-]*\s?){1,4})")


def _credited_otherwise(tree: Any) -> list[str]:
    """The people the page's text credits with work other than the writing (photographs, styling, modelling)."""
    text = " ".join(t for t in tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
    return list(dict.fromkeys(m.group(1).strip() for m in _OTHER_ROLE.finditer(text)))


def _main_items(items: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The JSON-LD article item (an article of some kind, else a web page) and video item, None where absent."""
    article = next((i for i in items if _type_set(i) & ARTICLE_TYPES - {"webpage"}), None)
    article = article or next((i for i in items if _type_set(i) & {"webpage"}), None)
    video = next((i for i in items if _type_set(i) & VIDEO_TYPES), None)
    return article, video


def _read_video(facts: PageFacts, video: dict[str, Any]) -> None:
    """Take the description of the JSON-LD video item, and its name and upload date where the article gave none."""
    facts.video_description = _text(video.get("description"))
    facts.headline = facts.headline or _text(video.get("name"))
    facts.published = facts.published or _text(video.get("uploadDate"))


def _read_meta(facts: PageFacts, tree: Any, meta: dict[str, str]) -> None:
    """Take what the meta tags (OpenGraph, Parse.ly, author and date tags) and the canonical link say, each where
    the JSON-LD said nothing (og:site_name, og:title and og:type and the address always)."""
    parsely = _parsely(meta)
    facts.headline = facts.headline or _text(parsely.get("title"))
    facts.og_title = meta.get("og:title") or meta.get("twitter:title")
    if not (facts.site_name and _publication_on_platform(facts.publisher_url, meta.get("og:site_name"),
                                                         meta.get("og:url") or _canonical(tree))):
        facts.site_name = meta.get("og:site_name") or facts.site_name or meta.get("application-name")
    if not facts.authors and not facts.agency_authors:
        facts.authors = _meta_authors(tree, meta, parsely)
    facts.published = facts.published or _meta_published(tree, meta, parsely)
    facts.description = facts.description or meta.get("og:description") or meta.get("description")
    facts.og_type = meta.get("og:type")
    facts.url = meta.get("og:url") or _canonical(tree)


def _type_set(item: dict[str, Any]) -> set[str]:
    """A JSON-LD item's @type values, lower case."""
    return {t.lower() for t in _types(item)}


def _read_article(facts: PageFacts, article: dict[str, Any]) -> None:
    """Take the headline, authors (people and organisations apart), publisher, date, description and body of the
    JSON-LD article item."""
    facts.headline = _text(article.get("headline")) or _text(article.get("name"))
    for author in _as_list(article.get("author")) + _as_list(article.get("creator")):
        name = _text(author.get("name")) if isinstance(author, dict) else _text(author)
        if not name:
            continue
        if isinstance(author, dict) and _type_set(author) & ORGANISATION_TYPES:
            facts.agency_authors.append(name)
        else:
            facts.authors.append(name)
    publisher = article.get("publisher")
    publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
    facts.site_name = _text(publisher.get("name")) if isinstance(publisher, dict) else _text(publisher)
    facts.publisher_url = _text(publisher.get("url")) if isinstance(publisher, dict) else None
    facts.published = _text(article.get("datePublished")) or _text(article.get("dateCreated"))
    facts.description = _text(article.get("description"))
    facts.article_body = _paragraphs(article.get("articleBody"))


def _publication_on_platform(publisher_url: str | None, site_name: str | None, page: str | None) -> bool:
    """Whether the JSON-LD publisher is a publication hosted on the platform og:site_name names: its address is a
    subdomain ("debugger.medium.com") or a folder ("medium.com/walmartglobaltech") of the platform's domain, which
    og:site_name spells ("Medium"), and the page lies within it."""
    if not publisher_url or not site_name or not page:
        return False
    pub, at = urlsplit(publisher_url if "//" in publisher_url else "//" + publisher_url), urlsplit(page)
    host, page_host = (pub.hostname or "").removeprefix("www."), (at.hostname or "").removeprefix("www.")
    labels = page_host.split(".")
    platform = labels[-2] if len(labels) >= 2 else ""
    if not platform or re.sub(r"[^a-z0-9]", "", site_name.lower()) != platform:
        return False
    folder = pub.path.strip("/")
    if host == page_host and len(labels) == 2:  # medium.com/walmartglobaltech/...
        return bool(folder) and at.path.strip("/").startswith(folder + "/")
    return host == page_host and len(labels) > 2 and not folder  # debugger.medium.com


def _meta_authors(tree: Any, meta: dict[str, str], parsely: dict[str, Any]) -> list[str]:
    """The authors the meta tags name, for a page whose JSON-LD names none."""
    author = meta.get("article:author") or "; ".join(parsely.get("authors") or ()) or meta.get("author") or \
        meta.get("byl")
    if author and "://" not in author:
        return [a for a in re.split(r"\s*[;|]\s*", author) if a]
    # a paper's or a report's authors, one meta each and written "Last, First": "Jong, Michiel de"
    names = [_LAST_FIRST.sub(r"\2 \1", a) for a in _meta_values(tree, _CATALOGUE_AUTHOR)]
    return [n for n in names if len(n.split()) >= 2 and "&" not in n]  # people, not "Mac & i"


def _meta_published(tree: Any, meta: dict[str, str], parsely: dict[str, Any]) -> str | None:
    """The publication date the meta tags (or the page's microdata) give, for a page whose JSON-LD gives none."""
    return meta.get("article:published_time") or _text(parsely.get("pub_date")) or meta.get("datepublished") or \
        _microdata_date(tree) or meta.get("date")


def _read_headings(facts: PageFacts, tree: Any) -> None:
    """Take the page's <title> and its first eight <h1>s (a headline printed twice, for phones and for desktops,
    is one), with the texts of each <h1>'s parts."""
    title = tree.find(".//title")
    facts.html_title = _clean(title.text_content()) if title is not None else None
    for h in list(tree.iter("h1"))[:8]:
        text = _clean(" ".join(h.itertext()))  # "<span>Open Progress</span>Why ..." keeps its space
        if text and text not in facts.h1:
            facts.h1.append(text)
            facts.h1_parts.append([t for c in h if (t := _clean(" ".join(c.itertext())))])


# The printed byline: an element named for it (class, id, itemprop, rel, data-component), or a link to an author's
# page. Bylines of other stories (cards, teasers), comments and the page's furniture are not the story's.
_BYLINE_NAME = re.compile(r"(?i)author|byline|writer|contributor")
_AUTHOR_LINK = re.compile(r"(?i)/(?:authors?|by|people|profiles?|staff|contributors?|writers?|journalists?|"
                          r"reporters?|columnists?)/[^/?#]+/?(?:[?#].*)?$|/@[\w.-]+/?$")
_NOT_THE_STORY = re.compile(r"(?i)(?:^|[-_ ])(?:card|teaser|related|recirc|promo|comments?|disqus|footer|"
                            r"sidebar|rail|widget|newsletter|most-?read|popular|trending|more-?stories|"
                            r"latest|carousel|tile|list-?item)(?:$|[-_ ])|ProfilePopup|hovercard")
_BYLINE_PART = re.compile(r"(?i)author|byline")
_NAME_PART = re.compile(r"(?i)name|(?:^|\s)fn(?:\s|$)")  # (hCard's "fn": the formatted name)
_NOT_A_PERSON = re.compile(r"(?i)provider|publisher|site|brand|source|(?:^|[-_\s])org(?:$|[-_\s])")  # "provider-name"
_BY = re.compile(r"^(?:[Ww]ritten\s+)?(?:(?:[Bb]y|BY|[Pp]ar|[Vv]on|[Pp]or|[Dd]oor)\b|By(?=[A-Z]))[:\s]*")  # "ByJo"
_CARD_WORDS = 300  # an element around a byline holding more words than this is the story's container, not a card
_FURNITURE = frozenset({"nav", "footer", "aside", "form", "script", "style", "noscript", "template", "head"})
_BYLINE_WORDS = 12  # a byline element holds at most this many words (names, "By", a date); more is a bio or a list
BYLINE_NAMES = 4  # at most this many people in one byline
STORY_PARAGRAPH_WORDS = 25  # a <p> this long (words) is running text: the story has begun


def printed_byline(tree: Any) -> list[str]:
    """The names in the byline printed with the story, read down to the parts that each hold one person's name
    ("Emily Kirkpatrick", not "By Emily Kirkpatrick Updated on December 12"). The byline is looked for in the
    story's head: after the last <h1> before the story's first paragraph, and before that paragraph. Empty when the
    page prints none there."""
    from .masthead import byline_part  # (masthead reconciles these facts; the name rules live there)

    order = [el for el in tree.iter() if isinstance(el.tag, str)]
    first = next((i for i, el in enumerate(order) if el.tag == "p" and _story_paragraph(el)), len(order))
    start = max((i for i, el in enumerate(order[:first]) if el.tag == "h1"), default=-1)
    for el in order[start + 1:first]:
        if _byline_element(el) and not _out_of_story(el) and not _in_prose(el) and not _in_menu(el):
            if names := list(dict.fromkeys(_byline_names(_byline_block(el), byline_part)))[:BYLINE_NAMES]:
                return names
    return []


def _story_paragraph(el: Any) -> bool:
    """A paragraph of running text long enough to be the story's (not a caption, a teaser or a byline)."""
    return len(" ".join(el.itertext()).split()) >= STORY_PARAGRAPH_WORDS and not _out_of_story(el)


def _in_menu(el: Any) -> bool:
    """Inside a list that is an item of another list: a menu's drop-down (the site's columnists under "Voices"),
    not the story's byline."""
    lists = [a for a in el.iterancestors() if a.tag in ("ul", "ol")]
    return any(a.getparent() is not None and a.getparent().tag == "li" for a in lists)


def _in_prose(el: Any) -> bool:
    """A link inside a sentence of the story ("the American Theatre Wing said"), not a byline of its own."""
    return any(a.tag == "p" and len(" ".join(a.itertext()).split()) > _BYLINE_WORDS + 8
               for a in list(el.iterancestors())[:3] if isinstance(a.tag, str))


def _byline_block(el: Any) -> Any:
    """The whole byline around one of its parts (a link to one of several authors): up to three levels out, while
    the text stays as short as a byline."""
    block = el
    for _ in range(3):
        up = block.getparent()
        if up is None or not isinstance(up.tag, str) or up.tag in ("body", "html") or \
                len(" ".join(up.itertext()).split()) > _BYLINE_WORDS + 8:
            break
        block = up
    return block


def _byline_names(el: Any, person: Any) -> list[str]:
    """The names a byline element holds: its microdata authors' names when it has them, else those of its parts
    marked as names (class or itemprop "name") and of its links to authors' pages, else those of itself and its
    parts marked author or byline."""
    if microdata := _microdata_names(el, person):  # the page's own microdata: an author item and its name
        return microdata
    named = [d for d in el.iter() if (_marked(d, _NAME_PART) and not _marked(d, _NOT_A_PERSON)) or _author_link(d)]
    if names := [n for part in named for n in _names_in(part, person)]:
        return names
    parts = [el, *(d for d in el.iterdescendants() if _marked(d, _BYLINE_PART))]
    return [n for part in parts for n in _names_in(part, person)]


def _marked(el: Any, pattern: re.Pattern[str]) -> bool:
    """Whether an element's class or itemprop matches `pattern`."""
    return isinstance(el.tag, str) and bool(pattern.search(" ".join(el.get(a) or "" for a in ("class", "itemprop"))))


ANSWER_OPENING = 60  # characters of each of the body's first paragraphs looked for in an answer's text
ANSWER_PARAGRAPH_WORDS = 8  # a line this long (words) is a paragraph, not a heading or a caption


def answer_author(tree: Any, body: str) -> str | None:
    """On a question-and-answer page whose body is an answer (schema.org microdata: `acceptedAnswer` or
    `suggestedAnswer`), that answer's author ("" when it is no person's name, "e-satis"): the question's asker is not
    who wrote what is read. None elsewhere."""
    answers = tree.xpath("//*[@itemprop='acceptedAnswer' or @itemprop='suggestedAnswer']")
    if not answers:
        return None
    from .masthead import byline_part

    openings = [re.sub(r"[*_`>\[\]]", "", " ".join(line.split()))[:ANSWER_OPENING] for line in body.splitlines()
                if not line.lstrip().startswith("#") and len(line.split()) >= ANSWER_PARAGRAPH_WORDS][:3]
    for answer in answers:
        text = " ".join(" ".join(answer.itertext()).split())
        if openings and sum(o in text for o in openings) * 2 > len(openings):  # (most of the body's first paragraphs)
            names = _microdata_names(answer, byline_part)
            return names[0] if names else ""
    return None


def _microdata_names(el: Any, person: Any) -> list[str]:
    """The names of the microdata authors (itemprop "author") in a byline element: each one's itemprop "name" parts,
    else its whole text."""
    authors = [d for d in el.iter() if isinstance(d.tag, str) and (d.get("itemprop") or "").lower() == "author"]
    return [n for a in authors for d in (a.xpath(".//*[@itemprop='name']") or [a]) for n in _names_in(d, person)]


def _author_link(el: Any) -> bool:
    """A link to an author's page ("/author/jane-doe", "/by/jane-doe", "/@janedoe")."""
    return el.tag == "a" and bool(_AUTHOR_LINK.search(el.get("href") or ""))


def _byline_element(el: Any) -> bool:
    if _author_link(el):
        return True
    if (el.get("rel") or "").lower() == "author" or (el.get("itemprop") or "").lower() in ("author", "creator"):
        return True
    raw = " ".join(el.get(a) or "" for a in ("class", "id", "data-component", "data-testid"))
    return bool(_BYLINE_NAME.search(raw)) and len((el.text_content() or "").split()) <= _BYLINE_WORDS


def _out_of_story(el: Any) -> bool:
    for a in el.iterancestors():
        if not isinstance(a.tag, str):
            continue
        if a.tag in _FURNITURE:
            return True
        raw = " ".join(a.get(k) or "" for k in ("class", "id", "role"))
        furniture = _NOT_THE_STORY.search(raw) or raw.strip() in ("complementary", "navigation", "contentinfo")
        if furniture and not _BYLINE_NAME.search(raw) and len(a.text_content().split()) <= _CARD_WORDS:
            return True
    return False


def _names_in(el: Any, person: Any) -> list[str]:
    """The names an element's whole text is ("By A and B", "A"); none when it holds anything else."""
    text = _clean(" ".join(el.itertext()))  # (the parts' texts apart: "Andrew Husband" and "Twitter" are two)
    if not text or len(text.split()) > _BYLINE_WORDS:
        return []
    text = _BY.sub("", text)
    text = re.sub(r"\s*\([^)]*\)", "", text)  # "Cécile Ducourtieux (Bruxelles, bureau européen)"
    text = TRAILING_DATE.sub("", text).strip(" ,;:|·•")  # "A, B, The Associated Press October 11, 2022"
    parts = [p for p in SPLIT_NAMES.split(text) if p]
    names = [person(p) for p in parts]
    return [n for n in names if n] if parts and all(names) else []


def _meta(tree: Any) -> dict[str, str]:
    """<meta property|name|itemprop=... content=...> by lower-cased key; the first value of a key wins."""
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = _clean(el.get("content"))
        if key and value and key not in out:
            out[key] = value
    return out


def _microdata_date(tree: Any) -> str | None:
    """The date an element marked itemprop="datePublished" gives (<time itemprop=datePublished datetime=...>)."""
    for el in tree.iterfind(".//*[@itemprop]"):
        if (el.get("itemprop") or "").strip().lower() == "datepublished":
            if value := _clean(el.get("datetime") or el.get("content")):
                return value
    return None


def _parsely(meta: dict[str, str]) -> dict[str, Any]:
    """The story's Parse.ly analytics metadata, which many news sites print for their analytics: the JSON of
    `parsely-page` (title, author or authors, pub_date), else the `parsely-title`, `parsely-author` (one meta per
    author; the first is kept here) and `parsely-pub-date` metas. Authors come back as a list of names."""
    data: dict[str, Any] = {}
    if raw := meta.get("parsely-page"):
        try:
            loaded = json.loads(html.unescape(raw))
        except ValueError:
            loaded = None
        data = loaded if isinstance(loaded, dict) else {}
    data.setdefault("title", meta.get("parsely-title"))
    data.setdefault("pub_date", meta.get("parsely-pub-date"))
    authors = data.get("authors") or data.get("author") or meta.get("parsely-author")
    authors = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
    data["authors"] = [a for a in (_text(x) for x in authors) if a]
    return data


_CATALOGUE_AUTHOR = frozenset({"citation_author", "dc.creator", "dcterms.creator"})
_LAST_FIRST = re.compile(r"^([^,\d]+),\s*([^,\d]+)$")


def _meta_values(tree: Any, keys: frozenset[str]) -> list[str]:
    """Every value of the metas named by `keys` (lower-cased), in the page's order, without repeats."""
    values = (_clean(el.get("content")) for el in tree.iter("meta")
              if (el.get("name") or el.get("property") or "").strip().lower() in keys)
    return list(dict.fromkeys(v for v in values if v))


def _canonical(tree: Any) -> str | None:
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            return str(el.get("href")).strip()
    return None


# A script's JSON wrapped for old XHTML parsers: "<![CDATA[ {...} ]]>", "/*<![CDATA[*/ ... /*]]>*/", "<!-- ... -->".
_WRAPPER = re.compile(r"^\s*(?:/\*\s*|//\s*)?(?:<!\[CDATA\[|<!--)(?:\s*\*/)?"
                      r"|(?:/\*\s*|//\s*)?(?:\]\]>|-->)(?:\s*\*/)?\s*$")


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD item of the page, graphs and nested lists flattened (nested values stay in their item)."""
    for el in tree.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = _WRAPPER.sub("", (el.text or "")[:_MAX_SCRIPT]).strip().rstrip(";")
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            log.debug("a JSON-LD script does not parse; skipped")
            continue
        stack = [data]
        while stack:
            value = stack.pop(0)
            if isinstance(value, list):
                stack[:0] = value
            elif isinstance(value, dict):
                if "@graph" in value:
                    stack[:0] = _as_list(value["@graph"])
                if "@type" in value:
                    yield value
                main = value.get("mainEntity") or value.get("mainEntityOfPage")
                if isinstance(main, dict) and "@type" in main:
                    stack.append(main)


def _types(item: dict[str, Any]) -> list[str]:
    return [t for t in _as_list(item.get("@type")) if isinstance(t, str)]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any, limit: int | None = 500) -> str | None:
    """A JSON-LD value as one line of text: strings as they are, the first of a list, markup removed."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    value = _clean(_untagged(value))
    if value and limit is not None and len(value) > limit:
        return None
    return value


def _paragraphs(value: Any) -> str | None:
    """A JSON-LD text of several paragraphs (articleBody), its paragraphs kept apart by blank lines."""
    if not isinstance(value, str):
        return None
    value = re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n", value)
    paragraphs = [p for p in (_clean(line) for line in _untagged(value).splitlines()) if p]
    return "\n\n".join(paragraphs) or None


def _untagged(value: str) -> str:
    """A JSON-LD string without the markup some sites leave in it, its entities decoded."""
    if "<" in value and ">" in value:
        value = re.sub(r"<[^>]+>", " ", value)
    return html.unescape(value)


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
