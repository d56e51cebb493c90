"""Article pages and news feeds over HTTP: one well-behaved GET with a timeout, a size cap, a redirect limit, a user
agent that says who is asking, the charset from the headers or the page, and an HTTP cache in the user cache folder.

A cached page is used without asking again for FRESH seconds (or the server's `max-age`); after that it is asked
for again with its ETag and Last-Modified, and a 304 answer reuses it. So a second run needs no network, and a later
one only a short answer. Every failure is an InputError naming the URL: not found, a server error, no answer in
time, not a page, too large.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError, ToolMissingError
from .fileio import atomic_path, data_digest, decode_legacy

log = logging.getLogger(__name__)

USER_AGENT = f"briefcast/{__version__} (+https://pypi.org/project/briefcast/; reads articles aloud, offline)"
MAX_BYTES = 10 * 2**20  # bytes of one page or feed; a larger answer is refused while it is read
MAX_REDIRECTS = 5
TIMEOUT = 20.0  # seconds to connect, and between bytes received
FRESH = 3600  # seconds a cached answer is used without asking the server (its own max-age wins)
CHUNK = 64 * 1024
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json")
_URL = re.compile(r"^https?://\S+$", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_MAX_AGE = re.compile(r"max-age\s*=\s*(\d+)", re.I)


def is_url(text: str) -> bool:
    """Whether an input is an http(s) URL rather than a file path."""
    return bool(_URL.match(text.strip()))


@dataclass(frozen=True)
class FetchOptions:
    """How pages and feeds are fetched (seconds and bytes)."""

    timeout: float = TIMEOUT  # seconds to connect, and between bytes received
    max_bytes: int = MAX_BYTES  # a larger answer is an error, found while reading
    max_redirects: int = MAX_REDIRECTS
    fresh: float = FRESH  # seconds a cached answer is reused without a request
    cache: bool = True  # False: always ask the server, keep nothing
    cache_dir: str | None = None  # None: $BRIEFCAST_CACHE_DIR/http, else the user cache folder's
    user_agent: str = USER_AGENT

    def replace(self, **changes: Any) -> FetchOptions:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Response:
    """What a URL gave: the final URL (after redirects), its bytes, media type and charset (None: unstated)."""

    url: str
    data: bytes
    media_type: str
    charset: str | None = None
    cached: bool = False  # served from the cache (fresh, or confirmed by a 304)

    @property
    def is_feed(self) -> bool:
        """An RSS or Atom feed: said by its media type, or an XML answer whose root is <rss>, <feed> or <rdf>."""
        if self.media_type in FEED_TYPES[:3]:
            return True
        head = self.data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if self.media_type in PAGE_TYPES and not head.startswith(b"<?xml"):
            return False
        return bool(re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head))

    @property
    def text(self) -> str:
        """The body as text: the header's charset, else the page's own <meta charset> or XML declaration, else
        UTF-8, else a legacy encoding detected (fileio.decode_legacy)."""
        for charset in (self.charset, _declared(self.data)):
            if charset:
                try:
                    return self.data.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    log.info("%s: not %s as it says; detecting the encoding", self.url, charset)
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return decode_legacy(self.data, self.url) or ""


def fetch(url: str, *, options: FetchOptions = FetchOptions(), accept: tuple[str, ...] = PAGE_TYPES + FEED_TYPES,
          ) -> Response:
    """GET `url` (through the cache): an HTML page or a feed. Raises InputError for an answer that is not one of the
    media types in `accept`, or that fails (HTTP 4xx/5xx, no answer in time, too many redirects, too large)."""
    store = _Cache(_cache_root(options)) if options.cache else None
    entry = store.get(url) if store else None
    if entry is not None and time.time() - entry["time"] < entry.get("fresh", options.fresh):
        log.info("%s: taken from the HTTP cache", url)
        return _checked(_response(entry, store, cached=True), accept)
    headers = {"User-Agent": options.user_agent, "Accept": ", ".join((*PAGE_TYPES, *FEED_TYPES, "*/*;q=0.1"))}
    if entry is not None:
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
    status, final, head, data = _get(url, headers, options)
    if status == 304 and entry is not None and store is not None:
        log.info("%s: unchanged since it was cached (HTTP 304)", url)
        entry["time"] = time.time()
        store.put(url, entry, None)
        return _checked(_response(entry, store, cached=True), accept)
    media_type, charset = _content_type(head.get("content-type", ""))
    response = Response(final, data, media_type, charset)
    _checked(response, accept)
    control = head.get("cache-control", "").lower()
    if store is not None and "no-store" not in control:
        age = _MAX_AGE.search(control)
        entry = {"url": final, "media_type": media_type, "charset": charset, "time": time.time(),
                 "etag": head.get("etag"), "last_modified": head.get("last-modified")}
        if "no-cache" in control:
            entry["fresh"] = 0
        elif age:
            entry["fresh"] = int(age.group(1))
        store.put(url, entry, data)
    return response


def _get(url: str, headers: dict[str, str], options: FetchOptions) -> tuple[int, str, dict[str, str], bytes]:
    """One GET, redirects followed to the limit, the body read in chunks up to the cap: (status, final URL, lower-case
    headers, body). HTTP errors, time-outs and refused connections are InputErrors."""
    try:
        import requests
    except ImportError as e:  # pragma: no cover - requests is a dependency
        raise ToolMissingError("fetching pages needs requests", hint="pip install requests") from e
    session = requests.Session()
    session.max_redirects = options.max_redirects
    try:
        with session.get(url, headers=headers, timeout=options.timeout, stream=True, allow_redirects=True) as r:
            head = {k.lower(): v for k, v in r.headers.items()}
            if r.status_code >= 400:
                raise _http_error(url, r.status_code, r.reason)
            declared = head.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise _too_large(url, options.max_bytes)
            chunks, size = [], 0
            for chunk in r.iter_content(CHUNK):
                size += len(chunk)
                if size > options.max_bytes:
                    raise _too_large(url, options.max_bytes)
                chunks.append(chunk)
            return r.status_code, r.url, head, b"".join(chunks)
    except requests.TooManyRedirects as e:
        raise InputError(f"{url}: more than {options.max_redirects} redirects",
                         hint="check the address in a browser and pass the page it ends at") from e
    except requests.Timeout as e:
        raise InputError(f"{url}: no answer within {options.timeout:g} seconds",
                         hint="try again later, or pass --timeout with more seconds", detail=str(e)) from e
    except requests.ConnectionError as e:
        raise InputError(f"{url}: cannot connect", hint="check the address and the network", detail=str(e)) from e
    except requests.RequestException as e:
        raise InputError(f"{url}: the request failed ({type(e).__name__})", hint="check the address",
                         detail=str(e)) from e
    finally:
        session.close()


def _http_error(url: str, status: int, reason: str | None) -> InputError:
    said = f"HTTP {status}" + (f" {reason}" if reason else "")
    if status in (404, 410):
        return InputError(f"{url}: not found ({said})", hint="check the address")
    if status in (401, 403):
        return InputError(f"{url}: access refused ({said})",
                          hint="the site does not let this page be read; save it from a browser and pass the file")
    if status == 429:
        return InputError(f"{url}: too many requests ({said})", hint="wait a while and try again")
    if status >= 500:
        return InputError(f"{url}: the server failed ({said})", hint="try again later")
    return InputError(f"{url}: the server refused the request ({said})", hint="check the address")


def _too_large(url: str, cap: int) -> InputError:
    size = f"{cap / 2**20:g} MB" if cap >= 2**20 else f"{cap / 2**10:g} kB"
    return InputError(f"{url}: larger than {size}, too large for an article page or feed",
                      hint="save the article's text and pass the file")


def _checked(response: Response, accept: tuple[str, ...]) -> Response:
    """The response, when it is a media type `accept` holds (a feed served as text/html or XML is recognised)."""
    kind = response.media_type or "no media type"
    if response.media_type in accept or (response.is_feed and any(t in FEED_TYPES for t in accept)):
        return response
    if not response.media_type and response.data.lstrip()[:1] == b"<":
        return response
    wanted = "an HTML page or a feed" if any(t in FEED_TYPES for t in accept) else "an HTML page"
    raise InputError(f"{response.url}: is {kind}, not {wanted}",
                     hint="pass the address of an article page or an RSS/Atom feed; media go to briefcast transcribe")


def _content_type(value: str) -> tuple[str, str | None]:
    """'text/html; charset=ISO-8859-1' -> ('text/html', 'iso-8859-1')."""
    parts = [p.strip() for p in value.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ").lower() for p in parts[1:] if p.lower().startswith("charset=")),
                   None)
    return parts[0].lower(), charset or None


def _declared(data: bytes) -> str | None:
    """The charset a page or feed declares in its first bytes: <meta charset>, or the XML declaration."""
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _response(entry: dict[str, Any], store: _Cache | None, *, cached: bool) -> Response:
    assert store is not None
    return Response(entry["url"], store.body(entry), entry["media_type"], entry.get("charset"), cached)


def _cache_root(options: FetchOptions) -> Path:
    """options.cache_dir, else $BRIEFCAST_CACHE_DIR/http, else the user cache folder's."""
    if options.cache_dir:
        return Path(options.cache_dir)
    env = os.environ.get("BRIEFCAST_CACHE_DIR")
    if env:
        return Path(env) / "http"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefcast")) / "http"


class _Cache:
    """Answers kept by URL: KEY.json (URL, media type, charset, validators, when) and KEY.body, each written atomically.
    An unreadable or half-written entry is a miss."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _key(self, url: str) -> Path:
        return self.root / data_digest("http", url)[:32]

    def get(self, url: str) -> dict[str, Any] | None:
        path = self._key(url)
        try:
            entry = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            if not path.with_suffix(".body").is_file() or not isinstance(entry, dict):
                return None
        except (OSError, ValueError):
            return None
        entry["_path"] = str(path.with_suffix(".body"))
        return entry

    def body(self, entry: dict[str, Any]) -> bytes:
        return Path(entry["_path"]).read_bytes()

    def put(self, url: str, entry: dict[str, Any], data: bytes | None) -> None:
        path = self._key(url)
        entry = {k: v for k, v in entry.items() if not k.startswith("_")}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if data is not None:
                with atomic_path(path.with_suffix(".body")) as tmp:
                    tmp.write_bytes(data)
            with atomic_path(path.with_suffix(".json")) as tmp:
                tmp.write_text(json.dumps(entry), encoding="utf-8")
        except OSError as e:
            log.warning("%s: cannot keep the page in the HTTP cache (%s)", url, e.strerror or e)

