"""Inputs as stories: an article file, an article page's URL, or an RSS/Atom feed (a URL or a file) read into
Articles, each with where it came from and the name its source is said by.

A feed means its items, newest first, chosen with `latest` and `since`. An item's own full text (content:encoded,
Atom content) is read when it is the whole article; otherwise its link is fetched. A page's URL becomes the
Article's URL (and the segmenter's evidence for its site); a feed's title names the source when the page does not.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html as htmllib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .dates import as_datetime
from .document import Article
from .errors import InputError, ToolMissingError, UsageError
from .fetch import FetchOptions, Response, fetch, is_url
from .optionspec import option, setting

log = logging.getLogger(__name__)

READING = ("narrate", "batch", "brief")  # the commands that read URLs and feeds
FEED_EXTENSIONS = (".rss", ".atom", ".xml")
FULL_TEXT_WORDS = 150  # an item's own text of fewer words is a teaser: its link is fetched instead
_TAGS = re.compile(r"<[^>]+>")


def parse_since(text: str) -> str:
    """--since: an ISO date or date-time, checked and kept as written."""
    if as_datetime(text) is None:
        raise UsageError(f"--since {text!r}: not a date", hint="write it like 2024-05-01 or 2024-05-01T08:00")
    return text


@dataclass(frozen=True)
class ReadOptions:
    """Which feed items are read, and how pages are fetched."""

    latest: int | None = option(  # of each feed, its N newest items; None: all
        None, "--latest", type=int, range=(1, None), metavar="N", show_default=False, commands=READING,
        help="Of each feed, only its N newest items.")
    since: str | None = option(  # of each feed, the items published at or after this ISO date (UTC without zone)
        None, "--since", metavar="DATE", parse=parse_since, show_default=False, commands=READING,
        help="Of each feed, only the items published on or after DATE (2024-05-01, or 2024-05-01T08:00Z).")
    timeout: float = option(  # seconds a web page or feed may take to answer
        20.0, "--timeout", type=float, range=(0.1, 600.0), commands=READING,
        help="Seconds a web page or feed may take to answer (pages are cached: a second run asks again only "
             "after an hour, and then only whether they changed).")
    fetch: FetchOptions = setting(FetchOptions())  # size cap, redirects, cache; `timeout` above overrides its own

    @property
    def fetching(self) -> FetchOptions:
        return dataclasses.replace(self.fetch, timeout=self.timeout)


@dataclass
class Story:
    """One article read from an input: the Article, the input it came from, and the name of its source."""

    article: Article
    origin: str  # the file or URL given (a feed's item: the feed's)
    feed: str | None = None  # the feed's title, for an item of a feed
    link: str | None = None  # the address it was read from (after redirects); None for a file

    @property
    def url(self) -> str | None:
        """Where a listener can read the story: the address it was read from, else the one the page gives."""
        return self.link or self.article.url

    @property
    def source(self) -> str:
        """The name the story is credited to: the publisher, else the feed's title, else the site's host; "" when
        nothing names it (a file without a publisher)."""
        host = urlsplit(self.url or "").hostname or ""
        return self.article.publisher or self.feed or host.removeprefix("www.")


def read_stories(inputs: Sequence[str], *, options: ReadOptions = ReadOptions()) -> list[Story]:
    """Every story the inputs hold, in order: a file or page gives one, a feed its chosen items."""
    stories: list[Story] = []
    for item in inputs:
        stories.extend(read_input(item, options=options))
    return stories


def read_input(item: str, *, options: ReadOptions = ReadOptions()) -> list[Story]:
    """The stories of one input: an article file ("-": standard input), a page's URL, or a feed's URL or file."""
    if is_url(item) or is_feed_file(item):
        return [page.story() for page in read_pages(item, options=options)]
    from .segmenter.parse import read_article

    return [Story(read_article(item), item)]


@dataclass(frozen=True)
class Page:
    """An HTML page a story is read from: fetched, or a feed item's own full text set as a page."""

    html: str
    url: str | None  # where it was read from (after redirects), or the item's link
    origin: str  # the input given: the page's URL, or the feed's
    feed: str | None = None  # the feed's title
    when: dt.datetime | None = None  # the feed item's publication time

    def story(self) -> Story:
        """The page read as a Story; the feed's title names the publisher, and its item's date the date, when the
        page does not say them."""
        from .segmenter.parse import parse_html

        article = parse_html(self.html, url=self.url)
        if not article.publisher and self.feed:
            article.publisher = self.feed
            article.provenance["publisher"] = "feed"
        if not article.published and self.when is not None:
            article.published = self.when.date().isoformat()
            article.provenance["published"] = "feed"
        return Story(article, self.origin, self.feed, self.url)

    def with_address(self) -> str:
        """The HTML with its address as a canonical link when it names none, so that a file keeps where it came
        from (batch workers read the page from a file)."""
        if not self.url or re.search(r"""rel\s*=\s*["']?canonical""", self.html[:200_000], re.I):
            return self.html
        link = f'<link rel="canonical" href="{htmllib.escape(self.url, quote=True)}">'
        head = re.search(r"<head[^>]*>", self.html, re.I)
        return self.html[:head.end()] + link + self.html[head.end():] if head else link + self.html


def read_pages(item: str, *, options: ReadOptions = ReadOptions()) -> list[Page]:
    """The pages of a page's URL (one) or of a feed's URL or file (its chosen items)."""
    if is_url(item):
        response = fetch(item, options=options.fetching)
        if response.is_feed:
            return _feed_pages(response.data, item, options)
        return [Page(response.text, response.url, item)]
    from .fileio import read_bytes

    return _feed_pages(read_bytes(item, what="a feed"), item, options)


def page_files(item: str, folder: Path, *, options: ReadOptions = ReadOptions()) -> list[Path]:
    """The pages of a URL or feed input saved as .html files in `folder` (named for their addresses), for readers
    of files: each keeps its address as its canonical link."""
    from .fileio import atomic_path, data_digest
    from .names import safe_stem

    paths = []
    for page in read_pages(item, options=options):
        address = page.url or page.origin
        name = safe_stem(urlsplit(address).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0], default="page")
        path = folder / data_digest(address)[:16] / f"{name}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            tmp.write_text(page.with_address(), encoding="utf-8")
        paths.append(path)
    return paths


def pages_dir() -> Path:
    """Where page_files keeps pages for batch: $BRIEFCAST_CACHE_DIR/pages, else the user cache folder's."""
    import os

    env = os.environ.get("BRIEFCAST_CACHE_DIR")
    if env:
        return Path(env) / "pages"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefcast")) / "pages"


def is_feed_file(item: str) -> bool:
    """A file named like a feed (.rss, .atom, .xml) or whose first bytes say it is one (<rss>, <feed>, <rdf:RDF>)."""
    if item == "-" or is_url(item):
        return False
    if Path(item).suffix.lower() in FEED_EXTENSIONS:
        return True
    if not Path(item).is_file():
        return False
    try:
        with open(item, "rb") as f:
            head = f.read(2048)
    except OSError:
        return False
    return Response(item, head, "").is_feed


def _feed_pages(data: bytes, origin: str, options: ReadOptions) -> list[Page]:
    """The chosen items of a feed, newest first, each as the page its story is read from."""
    try:
        import feedparser
    except ImportError as e:  # pragma: no cover - feedparser is a dependency
        raise ToolMissingError("reading feeds needs feedparser", hint="pip install feedparser") from e
    parsed: Any = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            raise InputError(f"{origin}: not a feed that can be read ({parsed.get('bozo_exception')})",
                             hint="pass an RSS or Atom feed, or an article")
        raise InputError(f"{origin}: the feed has no items", hint="pass a feed with items, or an article")
    title = _plain(parsed.feed.get("title", "")) or None
    entries = sorted(parsed.entries, key=lambda e: _when(e) or dt.datetime.min.replace(tzinfo=dt.timezone.utc),
                     reverse=True)
    since = as_datetime(options.since)
    if since is not None:
        entries = [e for e in entries if (when := _when(e)) is not None and when >= since]
    if options.latest is not None:
        entries = entries[:options.latest]
    if not entries:
        raise InputError(f"{origin}: no items of the feed are as recent as asked",
                         hint="give an earlier --since, or leave it out")
    return [_item(e, title, origin, options) for e in entries]


def _item(entry: Any, feed: str | None, origin: str, options: ReadOptions) -> Page:
    """One feed item's page: its own full text when it is the whole article, else its link's page."""
    link = entry.get("link") or None
    content = max((c.get("value", "") for c in entry.get("content", [])), key=len, default="")
    full = _words(content) >= FULL_TEXT_WORDS and _words(content) > _words(entry.get("summary", "")) * 1.5
    if full or not (link and is_url(link)):
        text = content or entry.get("summary", "")
        if not _words(text):
            raise InputError(f"{origin}: the item {entry.get('title', '')!r} has no text and no link",
                             hint="pass the article's address instead")
        return Page(_item_html(entry, text, link), link, origin, feed, _when(entry))
    response = fetch(link, options=options.fetching)
    return Page(response.text, response.url, origin, feed, _when(entry))


def _item_html(entry: Any, content: str, link: str | None) -> str:
    """A feed item's own HTML set as the page it stands for: its title, author, date and link as the page's
    metadata, its content as the article, for the same segmenter as a fetched page."""
    def esc(value: Any) -> str:
        return htmllib.escape(_plain(str(value or "")), quote=True)

    when = _when(entry)
    head = [f"<title>{esc(entry.get('title'))}</title>"]
    if entry.get("author"):
        head.append(f'<meta name="author" content="{esc(entry.get("author"))}">')
    if when is not None:
        head.append(f'<meta property="article:published_time" content="{when.isoformat()}">')
    if link:
        head.append(f'<link rel="canonical" href="{esc(link)}">')
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{''.join(head)}</head><body><article>"
            f"<h1>{esc(entry.get('title'))}</h1>{content}</article></body></html>")


def _when(entry: Any) -> dt.datetime | None:
    """An item's publication (else update) time, in UTC."""
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            year, month, day, hour, minute, second = t[:6]
            return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.timezone.utc)
    return None


def _plain(text: str) -> str:
    return " ".join(htmllib.unescape(_TAGS.sub(" ", text)).split())


def _words(text: str) -> int:
    return len(_plain(text).split())
