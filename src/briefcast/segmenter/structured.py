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
    agency_authors: list[str] = field(default_factory=list)  # authors that are organisations (JSON-LD @type)
    site_name: str | None = None  # og:site_name, else JSON-LD publisher name, else application-name
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
        facts.types |= {t.lower() for t in _types(item)}
    article = next((i for i in items if {t.lower() for t in _types(i)} & ARTICLE_TYPES - {"webpage"}), None)
    article = article or next((i for i in items if {t.lower() for t in _types(i)} & {"webpage"}), None)
    video = next((i for i in items if {t.lower() for t in _types(i)} & VIDEO_TYPES), None)
    if article is not None:
        facts.headline = _text(article.get("headline")) or _text(article.get("name"))
        for author in _as_list(article.get("author")) + _as_list(article.get("creator")):
            name = _text(author.get("name")) if isinstance(author, dict) else _text(author)
            if not name:
                continue
            if isinstance(author, dict) and {t.lower() for t in _types(author)} & ORGANISATION_TYPES:
                facts.agency_authors.append(name)
            else:
                facts.authors.append(name)
        publisher = article.get("publisher")
        publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
        facts.site_name = _text(publisher.get("name")) if isinstance(publisher, dict) else _text(publisher)
        facts.published = _text(article.get("datePublished")) or _text(article.get("dateCreated"))
        facts.description = _text(article.get("description"))
        facts.article_body = _text(article.get("articleBody"), limit=None)
    if video is not None:
        facts.video_description = _text(video.get("description"))
        facts.headline = facts.headline or _text(video.get("name"))
        facts.published = facts.published or _text(video.get("uploadDate"))
    facts.og_title = meta.get("og:title") or meta.get("twitter:title")
    facts.site_name = meta.get("og:site_name") or facts.site_name or meta.get("application-name")
    if not facts.authors and not facts.agency_authors:
        author = meta.get("article:author") or meta.get("author") or meta.get("byl") or meta.get("parsely-author")
        if author and "://" not in author:
            facts.authors = [a for a in re.split(r"\s*[;|]\s*", author) if a]
    facts.published = facts.published or meta.get("article:published_time") or meta.get("date")
    facts.description = facts.description or meta.get("og:description") or meta.get("description")
    facts.og_type = meta.get("og:type")
    facts.url = meta.get("og:url") or _canonical(tree)
    title = tree.find(".//title")
    facts.html_title = _clean(title.text_content()) if title is not None else None
    for h in list(tree.iter("h1"))[:8]:
        if text := _clean(" ".join(h.itertext())):  # "<span>Open Progress</span>Why ..." keeps its space
            facts.h1.append(text)
            facts.h1_parts.append([t for c in h if (t := _clean(" ".join(c.itertext())))])
    return facts


def _meta(tree: Any) -> dict[str, str]:
    """<meta property|name|itemprop=... content=...> by lower-cased key; the first value of a key wins."""
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = _clean(el.get("content"))
        if key and value and key not in out:
            out[key] = value
    return out


def _canonical(tree: Any) -> str | None:
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            return str(el.get("href")).strip()
    return None


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD item of the page, graphs and nested lists flattened (nested values stay in their item)."""
    for el in tree.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (el.text or "")[:_MAX_SCRIPT].strip().rstrip(";")
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
    if "<" in value and ">" in value:
        value = re.sub(r"<[^>]+>", " ", value)
    value = _clean(html.unescape(value))
    if value and limit is not None and len(value) > limit:
        return None
    return value


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
