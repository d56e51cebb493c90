"""`briefcast site` and `serve` on a real narration: the pages, their read-along in a real browser (Debian's
chromium through Playwright, which never downloads a browser), and byte ranges from the preview server."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.narrate import NarrateOptions, narrate_file

ARTICLE = """# Floods & <Barriers>: What Held

By Harbour Desk

Coastline Review, March 14, 2024

The barrier closed on Wednesday, as the river rose to 7.4 metres.

Engineers said the gates held for nine hours. The closure cost about $45,000.
"""


@pytest.fixture(scope="module")
def podcast(tmp_path_factory) -> Path:
    """A real Piper narration (every sidecar) and its site, in a folder of their own."""
    root = tmp_path_factory.mktemp("site")
    (root / "floods.md").write_text(ARTICLE, encoding="utf-8")
    folder = root / "podcast"
    folder.mkdir()
    narrate_file(root / "floods.md", folder / "floods.mp3",
                 options=NarrateOptions(engine="piper", subtitles=("srt", "vtt", "json"),
                                        outro_template="Thanks for listening.", cache_dir=str(root / "cache")))
    result = CliRunner().invoke(main, ["site", str(folder), "--title", "Morning Briefing"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.slow
def test_the_site_has_an_index_an_episode_page_and_an_embed(podcast):
    index = (podcast / "index.html").read_text(encoding="utf-8")
    assert '<a href="floods.html">Floods &amp; &lt;Barriers&gt;: What Held</a>' in index
    page = (podcast / "floods.html").read_text(encoding="utf-8")
    assert 'src="floods.mp3"' in page and 'href="floods.vtt" download' in page and "data-seek=" in page
    assert page.count('class="s"') == 3 + 4 and page.count('<p class="said">') == 2  # the body; intro, outro
    assert page.count('class="w"') == 12 + 8 + 5 + 8 + 5 + 3 + 3  # every word timed (Piper)
    embed = (podcast / "embed" / "floods.html").read_text(encoding="utf-8")
    assert 'src="../floods.mp3"' in embed and "<style>" in embed and "<script>" in embed and "site.js" not in embed
    assert "http://" not in page + embed and "https://" not in page + embed  # nothing from elsewhere


@pytest.mark.slow
def test_pages_briefcast_wrote_are_replaced_any_other_file_only_with_force(podcast, tmp_path):
    folder = tmp_path / "p"
    shutil.copytree(podcast, folder)
    css = folder / "site.css"
    css.write_text(css.read_text(encoding="utf-8").split("\n")[0] + "\nbody { color: red }\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["site", str(folder)]).exit_code == 0  # an earlier version's: replaced
    assert "color: red" not in css.read_text(encoding="utf-8")
    (folder / "floods.html").write_text("my own page", encoding="utf-8")
    result = CliRunner().invoke(main, ["site", str(folder)])
    assert result.exit_code == 1 and "floods.html: already exists" in result.output
    assert (folder / "floods.html").read_text(encoding="utf-8") == "my own page"
    assert CliRunner().invoke(main, ["site", str(folder), "--force"]).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["site", str(empty)])
    assert result.exit_code == 1 and "no audio briefings found" in result.output and not list(empty.iterdir())


@pytest.mark.slow
def test_serve_answers_byte_ranges(podcast):
    from briefcast.serve import make_server

    server = make_server(podcast, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/floods.mp3"
        data = (podcast / "floods.mp3").read_bytes()
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Range": "bytes=100-199"})) as r:
            assert r.status == 206 and r.read() == data[100:200]
            assert r.headers["Content-Range"] == f"bytes 100-199/{len(data)}"
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Range": "bytes=-50"})) as r:
            assert r.read() == data[-50:]
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/index.html") as r:
            assert r.status == 200 and b"Morning Briefing" in r.read()
    finally:
        server.shutdown()
        server.server_close()


def test_serve_stops_cleanly_on_ctrl_c_and_a_taken_port_is_one_error_line(tmp_path):
    (tmp_path / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("briefcast")), "serve", str(tmp_path), "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1))
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html") as r:
            assert r.read() == b"<p>hello</p>"
        taken = CliRunner().invoke(main, ["serve", str(tmp_path), "--port", str(port)])
        assert taken.exit_code == 1 and f"cannot serve on 127.0.0.1:{port}" in taken.output
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0 and "stopped" in proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()


def test_sentences_without_word_times_are_highlighted_whole():
    """pyttsx3 times sentences, not words: the transcript has sentence spans only."""
    from briefcast.document import Article, Paragraph, Section, Sentence, Word
    from briefcast.site import transcript_html

    timed = Sentence("It held.", start=1.0, end=2.0, words=[Word("It", 1.0, 1.2), Word("held.", 1.3, 2.0)])
    page = transcript_html(Article(sections=[Section(paragraphs=[Paragraph([Sentence("A & B.", start=0.2, end=0.9),
                                                                            timed])])]))
    assert '<span class="s" tabindex="0" data-start="0.200" data-end="0.900" title="Play from 00:00">A &amp; B.' \
        in page
    assert page.count('class="w"') == 2 and '<span class="w" data-start="1.300" data-end="2.000">held.</span>' in page


def test_the_intro_headings_and_outro_a_narration_said_are_in_the_transcript_where_they_were_said():
    from briefcast.document import Article, Paragraph, Section, Sentence, Word
    from briefcast.site import transcript_html

    def said(text: str, start: float) -> Sentence:
        return Sentence(text, start=start, end=start + 0.5)

    article = Article(sections=[Section(None, [Paragraph([said("The river rose.", 2.0)])]),
                                Section("Next", [Paragraph([said("A review follows.", 4.0)]),
                                                 Paragraph([Sentence("print('hi')", "")], kind="code")]),
                                Section("Code", [Paragraph([Sentence("exit()", "")], kind="code")])],
                      narration=[said("Test Briefing.", 0.0), said("By Desk.", 1.0), said("Next", 3.0),
                                 said("Code", 5.0), said("Voiceover by Maya Okafor.", 6.0)])
    article.narration[0].words = [Word("Test", 0.0, 0.2), Word("Briefing.", 0.25, 0.5)]
    page = transcript_html(article)
    at = 0
    for text in ['<p class="said">', ">Briefing.<", "By Desk.", "<p>", "The river rose.", '<h3><span class="s"',
                 "Next</span></h3>", "A review follows.", "print(", '<h3><span class="s"', "Code</span></h3>",
                 "exit()", '<p class="said">', "Voiceover by"]:
        at = page.index(text, at)  # in this order
    assert '<p class="said"><span class="s" tabindex="0" data-start="0.000" data-end="0.500" ' in page
    assert '<span class="w" data-start="0.250" data-end="0.500">Briefing.</span>' in page
    assert page.count('class="s"') == 7 and page.count("<h3>") == 2
    assert transcript_html(Article(sections=article.sections)).count("<h3>Next</h3>") == 1  # not narrated


# -- in a real browser --------------------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, driven by Playwright (skipped where absent, except under CI)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if CHROMIUM is None or sync_playwright is None:
        why = "chromium (Debian package) or the playwright package is not installed: run scripts/setup"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(why)
        pytest.skip(why)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--autoplay-policy=no-user-gesture-required"])
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path, request) -> Path:
    """Where screenshots go: a temporary folder, or BRIEFCAST_SCREENSHOTS to keep them."""
    kept = os.environ.get("BRIEFCAST_SCREENSHOTS")
    folder = Path(kept) if kept else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(browser, url: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.problems, page.requests = [], []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(url)
    page.wait_for_function("document.getElementById('audio').readyState >= 1")
    return page


NOW = "(() => { const s = document.querySelector('.s.now'); return s ? s.dataset.start : null })()"
WORD = "(() => { const w = document.querySelector('.w.now'); return w ? w.textContent : null })()"


@pytest.mark.slow
def test_read_along_highlights_seeks_and_starts_at_the_linked_moment(browser, podcast, shots):
    from briefcast.feed import read_sidecar

    article = read_sidecar(podcast / "floods.json")
    sentences = article.sentences
    page = _open(browser, (podcast / "floods.html").as_uri())
    assert page.evaluate(NOW) is None
    second = sentences[1]
    page.evaluate(f"document.getElementById('audio').currentTime = {second.start}")
    page.wait_for_function(f"{NOW} === '{second.start:.3f}'")
    assert page.evaluate("document.querySelectorAll('.s.now').length") == 1
    assert page.evaluate(WORD) == second.words[0].text
    word = second.words[3]
    page.evaluate(f"document.getElementById('audio').currentTime = {word.start}")
    page.wait_for_function(f"{WORD} === {word.text!r}")
    intro = article.narration[0]  # the title, said before the body: highlighted as it is said, word by word
    assert article.narration[0].start < sentences[0].start and len(intro.words) > 1
    page.evaluate(f"document.getElementById('audio').currentTime = {intro.words[1].start}")
    page.wait_for_function(f"{NOW} === '{intro.start:.3f}'")
    assert page.evaluate(WORD) == intro.words[1].text
    outro = article.narration[-1]
    assert outro.text == "Thanks for listening." and outro.start > sentences[-1].end
    page.evaluate(f"document.getElementById('audio').currentTime = {outro.start + 0.01}")
    page.wait_for_function(f"{NOW} === '{outro.start:.3f}'")

    third = sentences[2]
    page.click(f".s[data-start='{third.start:.3f}']")  # seeks there and plays
    assert 0 <= page.evaluate("document.getElementById('audio').currentTime") - third.start < 0.5
    page.evaluate("document.getElementById('audio').pause()")
    chapter = page.locator("[data-seek]").nth(1)
    at = float(chapter.get_attribute("data-seek"))
    chapter.click()
    assert 0 <= page.evaluate("document.getElementById('audio').currentTime") - at < 0.5
    page.evaluate("document.getElementById('audio').pause()")
    page.screenshot(path=str(shots / "episode-1280.png"), full_page=True)
    assert page.problems == []
    assert all(u.startswith(podcast.as_uri() + "/") for u in page.requests), page.requests

    at = round(third.start + 0.2, 1)
    moment = _open(browser, (podcast / "floods.html").as_uri() + f"#t={at}", width=390)
    assert abs(moment.evaluate("document.getElementById('audio').currentTime") - at) < 0.01
    moment.wait_for_function(f"{NOW} === '{third.start:.3f}'")
    assert moment.get_attribute("[data-moment]", "href") == f"#t={int(at)}"  # "Link to this moment"
    moment.screenshot(path=str(shots / "episode-390.png"), full_page=True)
    assert moment.problems == [] and (shots / "episode-390.png").stat().st_size > 10_000


@pytest.mark.slow
def test_the_index_lists_the_episode_and_the_embed_plays_inside_an_iframe(browser, podcast, shots):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto((podcast / "index.html").as_uri())
    assert page.locator(".episode h2 a").all_inner_texts() == ["Floods & <Barriers>: What Held"]
    host = podcast / "host.html"
    host.write_text('<!DOCTYPE html><title>A news story</title><p>Listen to this article:</p>'
                    '<iframe src="embed/floods.html" title="Listen" width="360" height="420"></iframe>',
                    encoding="utf-8")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        problems = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(host.as_uri())
        frame = page.frame_locator("iframe")
        frame.locator("#audio").evaluate("a => new Promise(r => a.readyState >= 1 ? r() : "
                                         "a.addEventListener('loadedmetadata', r))")
        first = frame.locator(".s").first
        start = float(first.get_attribute("data-start"))
        first.click()
        assert 0 <= frame.locator("#audio").evaluate("a => a.currentTime") - start < 0.5
        assert "now" in first.get_attribute("class")
        frame.locator("[data-speed]").select_option("1.5")
        assert frame.locator("#audio").evaluate("a => a.playbackRate") == 1.5
        frame.locator("#audio").evaluate("a => a.pause()")
        page.screenshot(path=str(shots / "embed-1280.png"))
        assert problems == []
    finally:
        host.unlink()
