#!/usr/bin/env python3
"""Measure `brief` on real pages served over HTTP: length against the budget, stories in the chapters, what was cut,
and the cost of the episode against its stories narrated one by one.

    .venv/bin/python scripts/measure_brief.py [--pages 5] [--max-minutes 4] [--engine pyttsx3|piper] [--speed]
                                              [--transcribe] [--mos] [--rounds 2] [--music none]

Serves the shortest N mozilla_readability pages of ../shared/data on 127.0.0.1 with an RSS feed of them, and makes
an episode of the feed with --max-minutes (a fresh sentence cache and HTTP cache). Prints the duration against the
budget (target: within 5% below it whenever the stories are longer), the chapters (one per story, each with its
URL), and the paragraphs each story lost. --transcribe transcribes the episode back (tags and chapters stripped, so
the stories must be found from the audio alone): story boundary F1 at the sentence (each story's section must open
at the first sentence heard from the story's start in STEM.brief.json on), each story's heading and source as heard,
and the rundown's headlines heard (most of each headline's words in the show's opening as transcribed). --speed
also times, with fresh caches in the same run, the episode without a budget against the sum of its stories narrated
one by one, each with the sting too (target: at most 1.1x). --mos scores the episode with DistillMOS
(../shared/tools/voice-mos, as scripts/measure_voice.py does; the default engine's target: at least 4.3).
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PAGES = ROOT.parent / "shared" / "data" / "articles" / "mozilla_readability"
HEARD = 0.6  # share of a headline's words (4 letters or more) that must be in the rundown as transcribed


def serve(names: list[str]) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The pages at /NAME.html and a feed of them at /feed.xml (newest first, a day apart)."""
    pages = {f"/{n}.html": gzip.decompress((PAGES / n / "source.html.gz").read_bytes()) for n in names}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # http.server's name
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                items = "".join(f"<item><title>{n}</title><link>{base}/{n}.html</link>"
                                f"<pubDate>Mon, {10 - i:02d} Jun 2024 08:00:00 GMT</pubDate></item>"
                                for i, n in enumerate(names))
                body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Measured Wire</title>'
                        f"{items}</channel></rss>").encode()
                kind = "application/rss+xml"
            elif self.path in pages:
                body, kind = pages[self.path], "text/html"
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def shortest(n: int) -> list[str]:
    """The n mozilla_readability pages with the fewest words in their gold text."""
    import re

    sizes = []
    for folder in sorted(PAGES.iterdir()):
        gold = folder / "expected.html"
        if gold.is_file():
            sizes.append((len(re.sub(r"<[^>]+>", " ", gold.read_text(encoding="utf-8")).split()), folder.name))
    return [name for _, name in sorted(sizes)[:n]]


def transcribed_back(result: object, folder: Path) -> None:
    """Transcribe the episode without its tags and chapters; story boundary F1 against the listing, the stories'
    headings and sources, and the rundown's headlines."""
    import re
    import subprocess

    from briefcast.transcribe import transcribe

    bare = folder / "bare.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(result.path), "-map_metadata", "-1",  # type: ignore[attr-defined]
                    "-map_chapters", "-1", str(bare)], check=True)
    t0 = time.perf_counter()
    heard = transcribe(bare)
    took = time.perf_counter() - t0
    listing = json.loads(result.listing.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    stories = listing["stories"]
    f1, hits, found, opens = story_boundaries(heard, stories)
    print(f"transcribed back ({took:.0f} s): {len(heard.sections)} sections; story boundaries (a section opening at "
          f"the first sentence heard from a story's start in {result.listing.name}): {hits} of {len(found)} "  # type: ignore[attr-defined]
          f"sections, {hits} of {len(opens)} stories, F1 {f1:.2f}")
    for story, section in zip(stories, heard.sections):
        print(f"  {story['source'][:16]:<16} {story['title'][:44]:<44} heard: {str(section.source)[:16]:<16} "
              f"{str(section.heading)[:44]}")
    opening = next((r.text for r in heard.removed if r.kind == "intro"), "") if len(heard.sections) > 1 else ""
    rundown_words = set(re.findall(r"[a-z]+", (opening or " ".join(
        s.text for s in heard.sentences if s.start is not None and s.start < stories[0]["start"])).lower()))
    named = 0
    for r in stories:
        words = [w for w in re.findall(r"[a-z]+", r["title"].lower()) if len(w) >= 4]
        share = sum(w in rundown_words for w in words) / max(1, len(words))
        named += share >= HEARD
        print(f"  rundown: {share:.2f} of the words of {r['title'][:60]!r}")
    print(f"rundown: {named} of {len(stories)} headlines heard")


def story_boundaries(heard: object, stories: list[dict]) -> tuple[float, int, set[int], set[int]]:
    """Story boundary F1 at the sentence: the sentence that opens each story is the first one transcribed from its
    start (seconds, in the listing) on; the sentences that open the transcript's sections are the boundaries found.
    (F1, hits, found, true), the sentences as indices into the transcript's sentences."""
    said = list(heard.sentences)  # type: ignore[attr-defined]
    index = {id(s): k for k, s in enumerate(said)}
    opens = {k for story in stories
             if (k := next((k for k, s in enumerate(said) if (s.start or 0.0) >= story["start"]), None)) is not None}
    found = {index[id(sec.paragraphs[0].sentences[0])] for sec in heard.sections  # type: ignore[attr-defined]
             if sec.paragraphs and sec.paragraphs[0].sentences}
    hits = len(found & opens)
    precision, recall = hits / max(1, len(found)), hits / max(1, len(opens))
    return 2 * precision * recall / max(1e-9, precision + recall), hits, found, opens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--max-minutes", type=float, default=4.0)
    parser.add_argument("--engine", default="pyttsx3")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--transcribe", action="store_true")
    parser.add_argument("--mos", action="store_true")
    parser.add_argument("--rounds", type=int, default=2, help="--speed: alternated rounds, each with fresh caches")
    parser.add_argument("--music", help="the sting between stories: a file, default or none (default: brief's own)")
    args = parser.parse_args()
    import logging

    logging.basicConfig(level=logging.INFO, format="  log: %(name)s: %(message)s")
    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer", "urllib3", "briefcast.segmenter"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if not PAGES.is_dir():
        sys.exit(f"{PAGES} is absent: the real test data lives in ../shared beside the clone")

    from briefcast.brief import BriefOptions, brief
    from briefcast.fetch import FetchOptions
    from briefcast.narrate import NarrateOptions, narrate
    from briefcast.stories import ReadOptions, read_input

    names = shortest(args.pages)
    server, base = serve(names)
    with tempfile.TemporaryDirectory(prefix="measure-brief-") as tmp:
        folder = Path(tmp)

        def options(cache: str, **changes: object) -> BriefOptions:
            reading = ReadOptions(fetch=FetchOptions(cache_dir=str(folder / "http")))
            narration = BriefOptions().narration.replace(engine=args.engine, cache_dir=str(folder / cache),
                                                         force=True, chapters_json=True)
            if args.music is not None:
                narration = narration.replace(music=args.music)
            return BriefOptions(title="Measured Briefing", date="2024-06-10", narration=narration, reading=reading,
                                **changes)

        t0 = time.perf_counter()
        result = brief([f"{base}/feed.xml"], folder / "episode.mp3",
                       options("tts-budget", max_minutes=args.max_minutes))
        took = time.perf_counter() - t0
        budget = args.max_minutes * 60
        chapters = json.loads((folder / "episode.chapters.json").read_text(encoding="utf-8"))["chapters"]
        print(f"pages: {', '.join(names)} ({args.engine})")
        print(f"episode: {result.duration:.1f} s for a budget of {budget:.0f} s: {result.duration / budget:.3f} of it "
              f"({took:.1f} s to make)")
        with_url = [c for c in chapters if c.get("url")]
        print(f"chapters: {len(chapters)}, of which stories with their URL: {len(with_url)} of {len(result.stories)}")
        for r in result.stories:
            print(f"  {r.start:7.1f}-{r.end:7.1f} s  {r.source[:16]:<16} {r.title[:50]:<50} "
                  f"said {r.paragraphs}, left out {r.left_out}")
        if args.transcribe:
            transcribed_back(result, folder)
        if args.mos:
            from measure_voice import TARGET, scores  # this folder's: the DistillMOS scorer

            mos = scores([result.path])
            said = mos if isinstance(mos, str) else ", ".join(f"{v:.2f}" for v in mos.values()) or "no score"
            print(f"DistillMOS of the episode: {said} (target for the default engine: at least {TARGET})")
        if not args.speed:
            return
        ratios = []
        for round_ in range(args.rounds):  # alternated, fresh sentence caches each time; the HTTP cache holds the pages
            t0 = time.perf_counter()
            whole = brief([f"{base}/feed.xml"], folder / "whole.mp3", options(f"tts-whole{round_}"))
            episode_s = time.perf_counter() - t0
            single = options(f"tts-single{round_}").narration.replace(
                intro_template=NarrateOptions().intro_template, outro_template=NarrateOptions().outro_template)
            # each story with the sting too (at its ends): music makes the mix run at the output rate, on both sides
            t0 = time.perf_counter()  # reading the pages counts on both sides
            stories = read_input(f"{base}/feed.xml", options=options("x").reading)
            for i, story in enumerate(stories):
                narrate(story.article, folder / f"story{i}.mp3", options=single)
            singles_s = time.perf_counter() - t0
            ratios.append(episode_s / singles_s)
            print(f"speed: the whole episode ({whole.duration:.0f} s of audio, sting between stories) took "
                  f"{episode_s:.1f} s; its stories one by one {singles_s:.1f} s: {ratios[-1]:.2f}x")
        print(f"speed: {min(ratios):.2f}x at best (target: at most 1.1x)")
    server.shutdown()


if __name__ == "__main__":
    main()
