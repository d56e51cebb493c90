"""The news pages of ../shared/data/articles with their gold, and a split of their sites into tune and check halves.

Shared by scripts/measure_listener.py and the tests: every page is loaded the same way, and a site is in one half
only (split by registered domain, never by file), so what is tuned on one half is checked on the other.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SETS = ("trafilatura_eval", "trafilatura_eval_en", "mozilla_readability", "mozilla_readability_more",
        "scrapinghub_aeb", "scrapinghub_aeb_more")
_CANONICAL = re.compile(r"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)|"""
                        r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)""", re.IGNORECASE)


@dataclass
class Page:
    """One page and its gold: snippets to keep and to drop, metadata, or a whole gold body."""

    set: str
    name: str
    domain: str
    path: Path
    url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    date: str | None = None
    keep: list[str] = field(default_factory=list)  # `with` snippets: must be spoken
    drop: list[str] = field(default_factory=list)  # `without` snippets: must not be spoken
    body: str | None = None  # a gold body (paragraphs separated by blank lines)

    @property
    def html(self) -> str:
        raw = gzip.open(self.path).read() if self.path.suffix == ".gz" else self.path.read_bytes()
        text = raw.decode("utf-8", "replace")
        if self.set == "postlight":  # its fixtures were saved with <meta ... value=...> where the page had content=
            text = _META_VALUE.sub(r"\1content=", text)
        return text

    @property
    def half(self) -> str:
        return half(self.domain)


_META_VALUE = re.compile(r"(<meta\b[^>]*?\s)value=", re.I)


def registered_domain(host: str) -> str:
    """ "news.example.co.uk" -> "example.co.uk"; "www.bbc.com" -> "bbc.com"; a blogspot blog keeps its own name
    (as the data's README splits them)."""
    from briefcast.segmenter.masthead import domain_name

    labels = host.lower().split(":")[0].strip(".").split(".")
    if labels[-2:] == ["blogspot", "com"] and len(labels) > 2:
        return ".".join(labels[-3:])
    return domain_name(host, keep_suffix=True) or host


def half(domain: str) -> str:
    """ "tune" or "check": a fixed split of sites by the SHA-256 of the registered domain."""
    return "tune" if hashlib.sha256(domain.encode()).digest()[0] % 2 == 0 else "check"


def _domain_of(url: str | None, fallback: str) -> str:
    host = urlsplit(url).hostname if url and "://" in url else None
    return registered_domain(host) if host else fallback


def _page_url(html: str) -> str | None:
    m = _CANONICAL.search(html[:200_000])
    return (m.group(1) or m.group(2)) if m else None


def _authors(value: object) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, list) else re.split(r"\s*[;|]\s*", str(value))
    return [" ".join(str(a).split()) for a in items if str(a).strip()]


def load(data: Path, sets: tuple[str, ...] = SETS) -> Iterator[Page]:
    """Every page of the named sets under `data` (../shared/data/articles), with its gold."""
    for name in sets:
        root = data / name
        if not root.is_dir():
            continue
        if name.startswith("trafilatura_eval"):
            for url, item in json.loads((root / "evaldata.json").read_text(encoding="utf-8")).items():
                path = root / "html" / (item["file"] if item["file"].endswith(".gz") else item["file"] + ".gz")
                if path.exists():
                    yield Page(name, item["file"].removesuffix(".gz").removesuffix(".html"),
                               item.get("domain") or _domain_of(url, item["file"]), path, url,
                               item.get("title"), _authors(item.get("author")), None, item.get("date"),
                               list(item.get("with", [])), list(item.get("without", [])))
        elif name.startswith("mozilla_readability"):
            yield from _readability_pages(name, root)
        else:
            truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
            for key, item in sorted(truth.items()):
                path = root / "html" / f"{key}.html.gz"
                if path.exists():
                    yield Page(name, key[:12], _domain_of(item.get("url"), key[:12]), path, item.get("url"),
                               body=item["articleBody"])


def _readability_pages(name: str, root: Path, skip: frozenset[str] = frozenset()) -> Iterator[Page]:
    """The test pages in `root` (one folder each: source.html or source.html.gz, expected.html and
    expected-metadata.json), but those named in `skip`."""
    from lxml import html as lxml_html

    for d in sorted(root.iterdir()):
        source = next((d / f for f in ("source.html.gz", "source.html") if (d / f).exists()), None)
        if source is None or d.name in skip or not (d / "expected-metadata.json").exists():
            continue
        meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
        body = lxml_html.fromstring((d / "expected.html").read_text(encoding="utf-8")).text_content()
        raw = gzip.open(source).read() if source.suffix == ".gz" else source.read_bytes()
        url = _page_url(raw.decode("utf-8", "replace"))
        yield Page(name, d.name, _domain_of(url, re.sub(r"-\d+$", "", d.name)), source, url, meta.get("title"),
                   _authors(meta.get("byline")), meta.get("siteName"), meta.get("publishedTime"), body=body)


def load_readability(checkout: Path, data: Path) -> Iterator[Page]:
    """The test pages of a mozilla/readability checkout that `data` (../shared/data/articles) does not hold."""
    shared = frozenset(d.name for name in SETS if name.startswith("mozilla_readability") and (data / name).is_dir()
                       for d in (data / name).iterdir())
    yield from _readability_pages("readability", checkout / "test" / "test-pages", shared)


def load_omnivore(root: Path) -> Iterator[Page]:
    """The English test pages of Omnivore's Readability fork (omnivore-app/omnivore, a `git archive` of
    packages/readabilityjs/test/test-pages at `root`): news sites, magazines, newsletters and blogs of 2016-2024, with
    the fork's body, title and site name as gold. Its bylines and dates are the fork's own guesses ("03:23pm",
    "View my complete profile", years of 2001 on pages that give none), so only a byline of plain names is kept and
    no date."""
    from lxml import html as lxml_html

    pages = root / "packages" / "readabilityjs" / "test" / "test-pages"
    for d in sorted(p for p in pages.iterdir() if (p / "source.html").exists()):
        if not (d / "expected-metadata.json").exists() or not (d / "expected.html").exists():
            continue
        meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
        body = lxml_html.fromstring((d / "expected.html").read_text(encoding="utf-8") or "<p/>").text_content()
        if not _english(body):
            continue
        url = ((d / "url.txt").read_text(encoding="utf-8").split() or [None])[0] if (d / "url.txt").exists() else None
        byline = meta.get("byline") or ""
        plain = re.fullmatch(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)+(?:(?:, | and )[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)+)*",
                             byline)
        site = meta.get("siteName") if meta.get("siteName") != "fakehost" else None
        yield Page("omnivore", d.name, _domain_of(url, d.name), d / "source.html", url, meta.get("title"),
                   _authors(re.split(r", | and ", byline)) if plain else [], site, None, body=body)


_JS_STRING = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`"""


def _js_value(source: str, name: str) -> str | None:
    """The string a postlight test asserts `name` equals (string pieces joined with +), or None."""
    m = re.search(r"assert\.equal\(\s*" + name + r"\s*,\s*((?:(?:" + _JS_STRING + r")\s*\+?\s*)+)\)", source)
    if not m:
        return None
    pieces = re.findall(_JS_STRING, m.group(1))
    text = "".join(piece[1:-1] for piece in pieces)
    return json.loads('"' + text.replace('"', '\\"') + '"') if "\\u" in text else text.replace("\\'", "'")


def load_postlight(root: Path) -> Iterator[Page]:
    """The fixtures of postlight/parser (a checkout or `git archive` of it at `root`, nothing of it in this project):
    each custom extractor's test names its fixture page, the title and author it must find, and the story's first
    words, kept here as a `with` snippet (the lede must be said)."""
    import html as html_lib

    for test in sorted((root / "src" / "extractors" / "custom").glob("*/index.test.js")):
        source = test.read_text(encoding="utf-8", errors="replace")
        fixture = re.search(r"readFileSync\(\s*'\./(fixtures/[^']+)'", source)
        url = re.search(r"url\s*=\s*'([^']+)'", source)
        if not fixture or not (root / fixture.group(1)).exists():
            continue
        first = _js_value(source, r"first\d+")
        author = _js_value(source, "author")
        title = _js_value(source, "title")
        host = test.parent.name
        yield Page("postlight", host, registered_domain(host), root / fixture.group(1), url.group(1) if url else None,
                   html_lib.unescape(title) if title else None, _authors(author),
                   keep=[html_lib.unescape(first)] if first and len(first.split()) >= 6 else [])


_NOT_ENGLISH = ("arabic", "chinese", "japanese", "spanish", "thai", "vogue.de")
_NOT_ARTICLES = ("cnn_main_site", "yahoo_main_site", "google_meta_refresh", "ap_meta_refresh")  # front pages, redirects


def load_newspaper(root: Path) -> Iterator[Page]:
    """The full-text fixtures of newspaper (AndyTheFactory/newspaper4k at 79553f6, `git archive` of tests/data at
    `root`): about 75 English news and magazine sites of 2014, most with two pages each. The gold body is newspaper's
    own expected text (its maintainers' reviewed output, which keeps some captions and teasers), so "lost" is
    meaningful and "extra" is an upper bound to read, not a count of clutter."""
    data = root / "tests" / "data"
    for path in sorted((data / "html").glob("*.html")):
        name = path.stem
        text = data / "text" / f"{name}.txt"
        if not text.exists() or name.startswith(_NOT_ENGLISH) or name in _NOT_ARTICLES:
            continue
        site = re.sub(r"\d+$", "", name)
        html = path.read_bytes().decode("utf-8", "replace")
        yield Page("newspaper", name, registered_domain(site), path, _page_url(html),
                   body=text.read_text(encoding="utf-8", errors="replace"))


_GOOSE_SKIP = ("bbc_chinese", "cnn_arabic", "donga_korean", "elmondo1", "elpais", "issue4", "lefigaro", "liberation",
               "wiwo",  # not English
               "articlebody_attribute", "articlebody_itemprop", "articlebody_tag", "pattern_config", "retry_top_node",
               "get_canonical_url", "okaymarketing", "issue24")  # synthetic pages, copies of another page, a bug page


def load_goose(root: Path) -> Iterator[Page]:
    """The content fixtures of goose3 (goose3/goose3, a `git archive` of tests/data/content at `root`): about 35
    English news pages of 2010-2014, each with the start of its story as goose's maintainers expect it, kept here as
    a `with` snippet: the lede must be said. (Its titles are goose's own output, site suffixes and all: not gold.)"""
    for path in sorted((root / "tests" / "data" / "content").glob("test_*.html")):
        name = path.stem.removeprefix("test_")
        gold = path.with_suffix(".json")
        if name in _GOOSE_SKIP or not gold.exists():
            continue
        data = json.loads(gold.read_text(encoding="utf-8"))
        expected = data.get("expected", {})
        url = data.get("url") or expected.get("final_url")
        first = next((x for x in expected.get("cleaned_text", "").split("\n") if len(x.split()) >= 6), "")
        keep = [" ".join(first.split()[:15])] if first else []
        yield Page("goose", name, _domain_of(url, name), path, url, keep=keep)


_ENGLISH = frozenset("the and of to in is that for was with on he it as at by said are have from".split())


def _english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) >= 50 and sum(w in _ENGLISH for w in words) >= 0.12 * len(words)


def load_fundus(root: Path) -> Iterator[Page]:
    """The parser fixtures of fundus (flairNLP/fundus, a `git archive` of tests/resources/parser/test_data at `root`):
    news pages of 2023-2026, one to three per publisher, each with the publisher's hand-written parser's output as
    gold (title, authors, date, the summary and the sections' headlines and paragraphs). Only English pages are read
    (the gold body's common English words decide, not the page's `lang`, which some Zulu and Xhosa sites set to
    "en"). A publisher's fixtures are matched to its gold versions in date order, the latest file to the latest
    version."""
    data = root / "tests" / "resources" / "parser" / "test_data"
    for country in sorted(p for p in data.iterdir() if p.is_dir()):
        info = country / "meta.info"
        meta = json.loads(info.read_text(encoding="utf-8")) if info.exists() else {}
        for gold_path in sorted(country.glob("*.json")):
            versions = json.loads(gold_path.read_text(encoding="utf-8"))
            files = sorted(country.glob(f"{gold_path.stem}_*.html.gz"))
            urls = [meta.get(path.name, {}).get("url") for path in files]
            domain = _domain_of(next((u for u in urls[::-1] if u), None), gold_path.stem)  # one half per publisher
            for path, item in zip(files[::-1], [versions[k] for k in sorted(versions, key=_version)][::-1]):
                body = "\n\n".join(_fundus_body(item.get("body") or {}))
                if not _english(body):
                    continue
                url = meta.get(path.name, {}).get("url")
                yield Page("fundus", path.name.removesuffix(".html.gz"), domain, path, url,
                           item.get("title"), _authors(item.get("authors")), None, item.get("publishing_date"),
                           body=body)


_MEDIACLOUD_NOT_ARTICLES = ("twitter.com", "hypixel.net", "96fm.ie", "jstor.org")  # a tweet, a forum, a home page


def load_mediacloud(root: Path) -> Iterator[Page]:
    """The MediaCloud 2020 sample of htmldate's evaluation (adbar/htmldate, a `git archive` of tests/test_set and
    tests/eval_mediacloud_2020.json at `root`): pages that news feeds linked in 2020, mostly US local papers, British,
    Indian, Canadian and Australian sites. Only English article pages are read (the common English words of
    trafilatura's extraction decide). The gold is the publication date only; the rest is for reading."""
    import trafilatura

    gold = json.loads((root / "tests" / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    for url, item in gold.items():
        path = root / "tests" / "test_set" / item["file"]
        html = path.read_bytes().decode("utf-8", "replace")
        if not _english(trafilatura.extract(html) or ""):
            continue
        canonical = _page_url(html)
        page_url = canonical if canonical and canonical.startswith("http") else url
        domain = _domain_of(page_url, item["file"])
        if domain in _MEDIACLOUD_NOT_ARTICLES:
            continue
        date = item.get("date")
        yield Page("mediacloud", path.stem, domain, path, page_url,
                   date=date if isinstance(date, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", date) else None)


# Not articles: code, social posts, profiles, home and section pages, podcast players, a car listing, an encyclopaedia.
_METASCRAPER_NOT_ARTICLES = ("acast", "github", "instagram", "learnnode", "linkedin-company", "milanocittastato",
                             "qz", "reactpodcast", "teslahunt", "transistor", "twitter-gif", "twitter-image", "vimeo",
                             "wikipedia", "yandex")
_SNAPSHOT_FIELD = re.compile(r"^\s+(\w+): (null|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"),$", re.M)


def load_metascraper(root: Path) -> Iterator[Page]:
    """The integration pages of metascraper (microlinkhq/metascraper, a `git archive` of
    packages/metascraper/test/integration at `root`): one saved page per site, mostly US tech and business news, with
    the metadata metascraper extracts as a snapshot. Only its date is taken as gold (its titles keep site suffixes and
    its authors are often a desk or an e-mail address); the rest is for reading. English article pages only."""
    import trafilatura

    folder = root / "packages" / "metascraper" / "test" / "integration"
    for page in sorted(p for p in folder.iterdir() if p.is_dir()):
        path, snapshot = page / "input.html", page / "snapshots" / "index.js.md"
        if page.name in _METASCRAPER_NOT_ARTICLES or not path.exists() or not snapshot.exists():
            continue
        html = path.read_bytes().decode("utf-8", "replace")
        if not _english(trafilatura.extract(html) or ""):
            continue
        fields = {k: None if v == "null" else v[1:-1] for k, v in _SNAPSHOT_FIELD.findall(snapshot.read_text())}
        url = fields.get("url") or _page_url(html)
        date = fields.get("date")
        yield Page("metascraper", page.name, _domain_of(url, page.name), path, url,
                   date=date[:10] if date and re.match(r"\d{4}-\d\d-\d\d", date) else None)


def _version(key: str) -> int:
    return int(re.sub(r"\D", "", key) or 0)


def _fundus_body(body: dict) -> Iterator[str]:
    yield from body.get("summary") or []
    for section in body.get("sections") or []:
        yield from section.get("headline") or []
        yield from section.get("paragraphs") or []

