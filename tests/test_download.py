"""URL input through yt-dlp, against a local HTTP server on 127.0.0.1 (no test touches the internet)."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.transcribe.download import download, is_url

pytest.importorskip("yt_dlp")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, served folder): a local web server in a thread."""
    served = tmp_path / "www"
    served.mkdir()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", served
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFCAST_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def tone(path: Path, seconds: float = 2.0) -> Path:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                    f"sine=frequency=300:sample_rate=16000:duration={seconds}", str(path)], check=True)
    return path


def test_urls_are_told_from_paths():
    assert is_url("https://example.org/watch?v=1") and is_url("http://127.0.0.1:8000/a.mp3")
    assert not is_url("video.mp4") and not is_url("ftp://x/y") and not is_url("./https:/x")


def test_a_direct_link_is_downloaded_once_into_the_cache_with_its_info_json(server, cache: Path):
    base, served = server
    tone(served / "evening-news.mp3")
    path = download(f"{base}/evening-news.mp3", progress=False)
    assert path.is_file() and cache in path.parents and path.suffix == ".mp3"
    info = json.loads(path.with_name(path.stem + ".info.json").read_text(encoding="utf-8"))
    assert info["webpage_url"] == f"{base}/evening-news.mp3" and info["title"] == "evening-news"
    (served / "evening-news.mp3").unlink()  # gone from the server: the second run needs no network
    assert download(f"{base}/evening-news.mp3", progress=False) == path


def test_a_missing_url_is_one_clear_error(server, cache: Path):
    base, _ = server
    result = CliRunner().invoke(main, ["transcribe", f"{base}/nothing-here.mp3"])
    assert result.exit_code == 1
    assert result.output.startswith(f"briefcast: error: {base}/nothing-here.mp3: cannot download (")
    assert len(result.output.strip().splitlines()) == 1


def test_without_the_extra_a_url_names_the_extra_to_install(cache: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "yt_dlp", None)  # as if yt-dlp were not installed
    result = CliRunner().invoke(main, ["transcribe", "https://example.org/watch?v=1"])
    assert result.exit_code == 1
    assert result.output.strip() == ("briefcast: error: downloading a URL needs yt-dlp: "
                                     "pip install 'briefcast[download]'")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_transcribe_a_url(server, cache: Path, tmp_path: Path):
    base, served = server
    wav = tmp_path / "s.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), "The river rose overnight. The barrier held."], check=True)
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(wav), str(served / "river-report.m4a")],
                   check=True)
    out = tmp_path / "river.json"
    result = CliRunner().invoke(main, ["transcribe", f"{base}/river-report.m4a", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    article = json.loads(out.read_text(encoding="utf-8"))
    text = " ".join(s["text"] for sec in article["sections"] for p in sec["paragraphs"] for s in p["sentences"])
    assert "river rose" in text.lower()
    assert article["url"] == f"{base}/river-report.m4a" and article["provenance"]["url"] == "info.json"
    assert article["title"] == "river-report"


def test_batch_inputs_take_urls_directly_and_in_list_files(server, cache: Path, tmp_path: Path):
    from briefcast.batch.inputs import plan_inputs

    base, served = server
    tone(served / "morning-bulletin.mp3")
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# today\n{base}/morning-bulletin.mp3\n{base}/gone.mp3\n", encoding="utf-8")
    planned = plan_inputs([f"@{listing}"], tmp_path / "out").planned
    ok = [p for p in planned if p.route]
    assert [(p.rel.suffix, p.route) for p in ok] == [(".mp3", "transcribe")] and cache in ok[0].path.parents
    assert ok[0].rel.name.startswith("morning-bulletin")
    failed = [p for p in planned if not p.route]
    assert len(failed) == 1 and (failed[0].error or "").startswith("cannot download (")
