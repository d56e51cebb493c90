"""Shared fixtures: the real test data in ../shared (skipped outside CI when absent), the bundled sample, and a
private cache and model folder for the whole session (tests never touch the user's own)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BUNDLED_SAMPLE = ROOT / "src" / "briefcast" / "data" / "sample-article.md"

# The files that take longest (openai-whisper on CPU, the base model, the hostile inputs) run first: scripts/test
# gives each pytest-xdist worker a file at a time, and the workers then finish together instead of one of them
# starting the slowest file when the other is nearly done.
SLOWEST_FILES = ("test_transcribe_long.py", "test_transcribe.py", "test_align.py", "test_speakers.py",
                 "test_hostile.py", "test_models_base.py", "test_brief.py")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOWEST_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file's tests stay together


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole run: with pytest-xdist, the parent of every worker's own folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """BRIEFCAST_CACHE_DIR, BRIEFCAST_CONFIG_DIR and BRIEFCAST_MODEL_DIR point into a temporary folder for every test
    (and every process a test starts): the cache and the config folder (its default lexicon) are each worker's own,
    the model folder is shared by the run's workers (models are written whole or not at all, and
    `whisper_checkpoint` builds the converted one once, under a lock)."""
    root = tmp_path_factory.mktemp("briefcast-home")
    folders = {"BRIEFCAST_CACHE_DIR": root / "cache", "BRIEFCAST_CONFIG_DIR": root / "config",
               "BRIEFCAST_MODEL_DIR": run_folder(tmp_path_factory) / "models"}
    with pytest.MonkeyPatch.context() as mp:
        for name, path in folders.items():
            mp.setenv(name, str(path))
        yield folders


def _require(path: Path) -> Path:
    if path.exists():
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{path} is missing: CI must run beside ../shared (the real test data)")
    pytest.skip(f"{path} is absent: real test data lives in ../shared beside the clone")


@pytest.fixture(scope="session")
def whisper_checkpoint(private_folders: dict[str, Path]) -> Path:
    """The openai-whisper checkpoint rebuilt from the bundled model in the private model folder, once per run:
    the first worker to need it builds it while the others wait."""
    from filelock import FileLock

    from briefcast.transcribe.models import bundled_checkpoint

    models = private_folders["BRIEFCAST_MODEL_DIR"]
    models.mkdir(parents=True, exist_ok=True)
    with FileLock(models.parent / "models.lock"):
        return bundled_checkpoint()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data: speech clips, news pages with gold extractions, sentence gold sets."""
    return _require(SHARED / "data")


@pytest.fixture(scope="session")
def raqqa_path() -> Path:
    """The real scraped video-with-voiceover article."""
    return _require(SHARED / "samples" / "raqqa-video-voiceover.txt")


@pytest.fixture(scope="session")
def raqqa_text(raqqa_path: Path) -> str:
    return raqqa_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The short article bundled with briefcast for the demo."""
    return BUNDLED_SAMPLE


def one_error_line(result, code: int, *needles: str) -> str:
    """The command exited with `code` and said exactly one line on stderr, a briefcast error holding `needles`."""
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("briefcast: error: "), result.stderr
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


# -- a local web server: real article pages, a feed of them, and the ways a fetch fails ---------------------------

SERVED = ("msn", "cnn", "buzzfeed-1")  # short real pages from mozilla_readability (277-345 words of story)


@pytest.fixture(scope="session")
def article_server(shared_data: Path) -> Iterator[Any]:
    """http://127.0.0.1:PORT serving /articles/NAME.html (real pages, with ETag and Last-Modified;
    cnn's with Cache-Control: no-cache), /feed.xml (an RSS
    feed of them: teasers, dated a day apart), /full.xml (one item whose content:encoded is the whole story),
    /roman.html (a page in Mac Roman, said only in the header), and the failures: /missing (404), /broken (503),
    /slow (answers after 3 s), /paper.pdf, /loop (redirects to itself), /moved (302 to an article). `.url(path)`
    gives an address, `.hits[path]` counts the requests (`.changed` the conditional ones answered 304)."""
    import gzip
    import http.server
    import threading
    import time
    from collections import Counter
    from email.utils import formatdate

    folder = shared_data / "articles" / "mozilla_readability"
    pages = {f"/articles/{name}.html": gzip.decompress((folder / name / "source.html.gz").read_bytes())
             for name in SERVED}
    roman = pages["/articles/msn.html"].decode("utf-8").replace('<meta charset="utf-8" />', "")
    stamp = formatdate(1_700_000_000, usegmt=True)
    hits: Counter[str] = Counter()
    not_modified: Counter[str] = Counter()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def send(self, status: int, body: bytes = b"", kind: str = "text/html", **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            hits[path] += 1
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if path in pages:
                etag = f'"{len(pages[path])}"'
                if self.headers.get("If-None-Match") == etag:
                    not_modified[path] += 1
                    return self.send(304, ETag=etag)
                fresh = {"Cache_Control": "no-cache"} if "cnn" in path else {}  # cnn: ask again every time
                return self.send(200, pages[path], "text/html", ETag=etag, Last_Modified=stamp, **fresh)
            if path == "/feed.xml":
                return self.send(200, _feed(base, full=False), "application/rss+xml")
            if path == "/full.xml":
                return self.send(200, _feed(base, full=True, stories=pages), "application/rss+xml")
            if path == "/roman.html":
                body = roman.encode("mac_roman", errors="xmlcharrefreplace")
                return self.send(200, body, "text/html; charset=macintosh")
            if path == "/missing":
                return self.send(404, b"<html>gone</html>")
            if path == "/broken":
                return self.send(503, b"<html>down</html>")
            if path == "/slow":
                time.sleep(3)
                return self.send(200, pages["/articles/msn.html"])
            if path == "/paper.pdf":
                return self.send(200, b"%PDF-1.4 not a page", "application/pdf")
            if path == "/loop":
                return self.send(302, Location=f"{base}/loop")
            if path == "/moved":
                return self.send(302, Location=f"{base}/articles/cnn.html")
            return self.send(404)

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client that gave up (the time-out and size-cap tests) is what those tests ask for

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    class Served:
        def url(self, path: str) -> str:
            return f"http://127.0.0.1:{server.server_address[1]}{path}"

    served = Served()
    served.hits, served.changed = hits, not_modified  # type: ignore[attr-defined]
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


FEED_DATES = ("Mon, 04 Dec 2023 09:00:00 GMT", "Sun, 03 Dec 2023 09:00:00 GMT", "Sat, 02 Dec 2023 09:00:00 GMT")


def _feed(base: str, *, full: bool, stories: dict[str, bytes] | None = None) -> bytes:
    """An RSS 2.0 feed of the served pages, newest first: teasers linking to the pages; or, `full`, one item carrying
    its whole story in content:encoded (the page's extracted paragraphs) and a link to nowhere."""
    from xml.sax.saxutils import escape

    items = []
    if full:
        import trafilatura

        body = trafilatura.extract(stories["/articles/cnn.html"].decode("utf-8"), output_format="html") or ""
        items.append(f"<item><title>The birth lottery and economic mobility</title><link>{base}/missing</link>"
                     f"<pubDate>{FEED_DATES[0]}</pubDate><description>A teaser.</description>"
                     f"<content:encoded>{escape(body)}</content:encoded></item>")
    else:
        for name, date in zip(SERVED, FEED_DATES):
            items.append(f"<item><title>Story {name}</title><link>{base}/articles/{name}.html</link>"
                         f"<pubDate>{date}</pubDate><description>A short teaser of {name}.</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test Wire</title>'
            f'<link>{base}/</link><description>Stories</description>{"".join(items)}</channel></rss>').encode()
