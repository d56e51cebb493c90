#!/usr/bin/env python3
"""Measure narration's word times (Piper's phoneme alignments) against an independent reference: the briefing is
transcribed back with faster-whisper's word timestamps, the two runs of words are aligned on their spelling, and
the start differences over the words both agree on are reported: median and 95th percentile of |narrated - heard|
(goal: median <= 60 ms), and the median signed difference (narrated minus heard; negative: ours start earlier).
A second reference needs no recogniser: each word that follows a pause of at least 0.15 s inside a sentence against
the nearest onset of sound after silence (pydub, -45 dBFS, 60 ms of silence).

    PYTHONPATH=src .venv/bin/python scripts/measure_word_times.py [--articles A.md B.txt] [--model base] [--json]
"""
from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = [ROOT / "src/briefcast/data/sample-article.md", SHARED / "samples/raqqa-video-voiceover.txt"]


def _key(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def differences(narrated: list, heard: list) -> list[float]:
    """Start differences (s, narrated minus heard) of the words the two runs agree on, spelled alike."""
    a, b = [_key(w.text) for w in narrated], [_key(w.text) for w in heard]
    out = []
    for tag, i1, i2, j1, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [narrated[i].start - heard[j1 + i - i1].start for i in range(i1, i2) if a[i]]
    return out


def measure(path: Path, model: str | None) -> dict[str, object]:
    from briefcast import NarrateOptions, TranscribeOptions, narrate, read_article, transcribe

    article = read_article(path)
    with tempfile.TemporaryDirectory() as tmp:
        result = narrate(article, Path(tmp) / "b.wav", options=NarrateOptions(format="wav", engine="piper",
                                                                             cache_dir=tmp, intro=False,
                                                                             outro=False))
        heard = transcribe(result.path, options=TranscribeOptions(model=model))
        onsets = _onsets(result.path)
    narrated = [w for s in result.article.sentences for w in s.words]
    recognised = [w for s in heard.sentences for w in s.words]
    diffs = differences(narrated, recognised)
    gaps = sorted(abs(d) for d in diffs)
    resumed = sorted(min(abs(o - b.start) for o in onsets) for s in result.article.sentences
                     for a, b in zip(s.words, s.words[1:]) if b.start - a.end >= 0.15)
    return {"article": path.name, "narrated_words": len(narrated), "heard_words": len(recognised),
            "agreed": len(diffs), "median_ms": round(1000 * statistics.median(gaps), 1),
            "p95_ms": round(1000 * gaps[int(0.95 * (len(gaps) - 1))], 1),
            "signed_median_ms": round(1000 * statistics.median(diffs), 1),
            "after_pause": len(resumed), "onset_median_ms": round(1000 * statistics.median(resumed), 1),
            "onset_p95_ms": round(1000 * resumed[int(0.95 * (len(resumed) - 1))], 1)}


def _onsets(path: Path) -> list[float]:
    """Seconds where sound starts after at least 60 ms of silence (below -45 dBFS)."""
    from pydub import AudioSegment
    from pydub.silence import detect_nonsilent

    seg = AudioSegment.from_file(path)
    return [a / 1000 for a, _ in detect_nonsilent(seg, min_silence_len=60, silence_thresh=-45, seek_step=2)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", nargs="*", type=Path, default=[p for p in ARTICLES if p.is_file()])
    parser.add_argument("--model", default=None, help="recogniser model (default: the bundled tiny.en)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [measure(p, args.model) for p in args.articles]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for r in rows:
            print(f"{r['article']}: {r['agreed']} of {r['narrated_words']} words agreed; |start difference| "
                  f"median {r['median_ms']} ms, p95 {r['p95_ms']} ms; signed median {r['signed_median_ms']} ms; "
                  f"{r['after_pause']} words after a pause vs the sound's onset: median {r['onset_median_ms']} ms, "
                  f"p95 {r['onset_p95_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
