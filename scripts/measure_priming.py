#!/usr/bin/env python3
"""Measure priming the recogniser with a video's metadata (not a test; prints a report).

(a) The sample article is narrated (`briefcast narrate`), its tags stripped, and given an info.json whose description
    is the article's text, as yt-dlp leaves a "video with voiceover"; it is transcribed with and without priming:
    body WER and the share of the article's proper nouns recovered.
(b) The real clips of ../shared/data/speech (no metadata) with the default (priming on when metadata exists) and
    with --no-prime: WER must be identical, as nothing primes them.

    .venv/bin/python scripts/measure_priming.py [--model PATH] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "raqqa-video-voiceover.txt"
SPEECH = SHARED / "data" / "speech"


def names_in(article_text: str) -> list[str]:
    """The article's proper nouns: capitalised words (runs of them) that do not just open a sentence."""
    from briefcast.transcribe.sidecar import proper_nouns

    return proper_nouns(article_text)


def recovered(names: list[str], text: str) -> list[str]:
    def clean(t: str) -> str:
        return " " + " ".join(re.sub(r"[^\w\s]", " ", t.lower()).split()) + " "
    hay = clean(text)
    return [n for n in names if clean(n) in hay]


def narrated_video(folder: Path) -> tuple[Path, str]:
    """The sample narrated, without its tags, plus an info.json holding the article; (media, body text)."""
    from briefcast.segmenter.parse import read_article

    mp3 = folder / "narrated.mp3"
    subprocess.run([str(ROOT / ".venv" / "bin" / "briefcast"), "narrate", str(SAMPLE), "-o", str(mp3), "-q"],
                   check=True)
    media = folder / "Syrian army advancing [x1].m4a"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(mp3), "-map_metadata", "-1",
                    "-map_chapters", "-1", "-vn", "-c:a", "aac", str(media)], check=True)
    article = read_article(SAMPLE)
    info = {"id": "x1", "title": article.title, "channel": article.byline, "upload_date": "20170610",
            "webpage_url": "https://video.example.org/watch?v=x1",
            "description": SAMPLE.read_text(encoding="utf-8"), "tags": ["Syria", "Raqqa", "ISIS"]}
    (folder / (media.stem + ".info.json")).write_text(json.dumps(info), encoding="utf-8")
    return media, article.body_text


def run_sample(folder: Path, model: str | None) -> None:
    from briefcast.roundtrip import score
    from briefcast.segmenter.parse import read_article
    from briefcast.transcribe import TranscribeOptions, transcribe
    from briefcast.transcribe.sidecar import priming_prompt, read_metadata

    media, body = narrated_video(folder)
    reference = read_article(SAMPLE)
    names = names_in(body)
    prompt = priming_prompt(read_metadata(media))
    print(f"sample: {len(body.split())} words, {len(names)} proper nouns; "
          f"prompt {len(prompt or '')} chars:\n  {prompt}")
    for prime in (False, True):
        began = time.perf_counter()
        article = transcribe(media, options=TranscribeOptions(model=model, prime=prime, allow_download=False))
        took = time.perf_counter() - began
        report = score(reference, article)
        got = recovered(names, article.body_text)
        print(f"  prime={'on ' if prime else 'off'}  body WER {100 * report.wer:5.1f}%  names recovered "
              f"{len(got)}/{len(names)} ({100 * len(got) / max(1, len(names)):.0f}%)  {took:.1f} s")
        if prime:
            print("    still missed:", ", ".join(n for n in names if n not in got))


def run_clips(model: str | None) -> None:
    import jiwer
    from whisper.normalizers import EnglishTextNormalizer

    from briefcast.transcribe import TranscribeOptions, transcribe

    norm = EnglishTextNormalizer()
    clips = json.loads((SPEECH / "index.json").read_text(encoding="utf-8"))
    refs = [norm(c["text"]) for c in clips]
    for prime in (True, False):
        hyps = [norm(transcribe(SPEECH / c["file"], options=TranscribeOptions(
            model=model, prime=prime, allow_download=False)).body_text) for c in clips]
        print(f"real clips ({len(clips)}, no metadata): prime={'default' if prime else 'off    '} "
              f"WER {100 * jiwer.wer(refs, hyps):.2f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model folder or checkpoint (default: the bundled tiny.en)")
    parser.add_argument("--keep", help="keep the narrated media in this folder")
    parser.add_argument("--skip-clips", action="store_true", help="only the narrated sample")
    args = parser.parse_args()
    if not SAMPLE.exists():
        sys.exit(f"{SAMPLE} is missing: run beside ../shared")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        run_sample(folder, args.model)
    if not args.skip_clips:
        run_clips(args.model)
    print("(timings are noisy: the machine's 2 cores are shared)")


if __name__ == "__main__":
    main()
