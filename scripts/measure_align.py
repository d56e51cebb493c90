#!/usr/bin/env python3
"""Measure `transcribe --script`: timing against narration's exact times, the changes report against known edits,
and real readers against their reference texts.

1. Timing: each article is narrated (briefcast narrate records every sentence's start in the audio), then aligned
   with its own text; the sentence-start errors' median and 95th percentile (goal: <= 50 ms and <= 150 ms).
2. Changes: the printed text is edited (a sentence dropped, a clause added, a name changed, two paragraphs swapped)
   and aligned with the narration of the original: how many edits the changes report finds (recall) and how many
   of its items are edits (precision); goal >= 0.95 each.
   With --names, every name of the print (a capitalised word after a space) is changed in turn to 'Pemberton':
   how many of those changes are found, and how many items are reported besides (slow: one alignment each).
3. Real readers (../shared/data/speech): the LJ Speech passage (16 clips joined with 0.5 s pauses) and the Sense and
   Sensibility clips with the printed wording: every sentence timed; the changes report empty, except the reader's
   repetition in clip 0920 ('a more a amiable'), which must be found.

    PYTHONPATH=src .venv/bin/python scripts/measure_align.py [--articles A.md B.txt] [--names] [--json]
"""
from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = [ROOT / "src/briefcast/data/sample-article.md", SHARED / "samples/raqqa-video-voiceover.txt"]
SENSE = [(c["clip"], c["printed"]) for c in  # the printed wording of the Sense and Sensibility clips
         json.loads((ROOT / "tests" / "data" / "sense_printed.json").read_text("utf-8"))["clips"]]


def changes(article) -> list:
    from briefcast.writers.changes import CHANGE

    return [q for q in article.qa if q.severity == CHANGE]


def narrated(path: Path, folder: Path):
    """(article as printed, narration audio path, the narration's timed article)."""
    from briefcast.narrate.narrator import narrate
    from briefcast.narrate.options import NarrateOptions
    from briefcast.segmenter.parse import read_article

    article = read_article(path)
    options = NarrateOptions(format="wav", jobs=1)  # one job: the same audio each run, so runs compare
    result = narrate(article, folder / f"{path.stem}.wav", options=options)
    return article, result.path, result.article


def timing(article, audio: Path, truth, recognised) -> list[float]:
    from briefcast.transcribe.align import align_script

    got = align_script(audio, article, recognised=recognised)
    errors = [abs(a.start - b.start) for a, b in zip(truth.sentences, got.sentences)
              if a.start is not None and b.start is not None]
    untimed = sum(a.start is not None and b.start is None for a, b in zip(truth.sentences, got.sentences))
    print(f"  {audio.name}: {len(errors)} sentences timed, {untimed} not; invented changes: {len(changes(got))}")
    for q in changes(got):
        print(f"    {q.kind} at {q.start:.1f}: {q.text!r} {q.message}")
    return errors


def edits(article) -> list[tuple[str, str, object]]:
    """(name, expected kind, edited article): one edit each, chosen from the body's middle."""
    out = []
    body = [(pi, p) for pi, p in enumerate(article.paragraphs) if not p.kind and p.sentences]
    sentences = [s for _, p in body for s in p.sentences]
    mid = sentences[len(sentences) // 2]
    a = copy.deepcopy(article)
    for p in a.paragraphs:
        p.sentences = [s for s in p.sentences if s.text != mid.text]
    out.append(("drop a sentence", "not_printed", a))
    a = copy.deepcopy(article)
    target = next(s for s in a.sentences if s.text == mid.text)
    target.text = target.text.rstrip(".") + ", according to a statement released on Tuesday evening."
    target.spoken = ""
    out.append(("add a clause", "not_said", a))
    a = copy.deepcopy(article)
    import re

    for s in a.sentences[len(a.sentences) // 3:]:
        names = re.findall(r"(?<=\s)[A-Z][a-z]{3,}", s.text)
        if names:
            s.text = s.text.replace(names[0], "Pemberton", 1)
            s.spoken = ""
            break
    out.append(("change a name", "said_differently", a))
    a = copy.deepcopy(article)
    for sec in a.sections:
        pars = [i for i, p in enumerate(sec.paragraphs) if not p.kind and p.sentences]
        if len(pars) >= 2:
            i, j = pars[len(pars) // 2 - 1], pars[len(pars) // 2]
            sec.paragraphs[i], sec.paragraphs[j] = sec.paragraphs[j], sec.paragraphs[i]
            break
    out.append(("swap two paragraphs", "moved", a))
    return out


def names_changed(article) -> list[tuple[str, object]]:
    """(name, the article with it changed to 'Pemberton'): every name of every sentence in turn."""
    import re

    out = []
    for n, sentence in enumerate(article.sentences):
        for name in dict.fromkeys(re.findall(r"(?<=\s)[A-Z][a-z]{3,}", sentence.text)):
            a = copy.deepcopy(article)
            a.sentences[n].text = a.sentences[n].text.replace(name, "Pemberton", 1)
            a.sentences[n].spoken = ""
            out.append((name, a))
    return out


def joined(paths: list[Path], folder: Path, name: str, pause: float = 0.5) -> Path:
    """The clips joined with `pause` seconds of silence between them, as one 16 kHz WAV."""
    from briefcast.media import SAMPLE_RATE, decode

    gap = np.zeros(int(pause * SAMPLE_RATE), dtype=np.float32)
    audio = np.concatenate([x for p in paths for x in (decode(p), gap)])
    out = folder / f"{name}.wav"
    import wave

    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", nargs="*", type=Path, default=ARTICLES)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    parser.add_argument("--names", action="store_true", help="also change every name in turn (slow)")
    args = parser.parse_args()
    from briefcast.segmenter.parse import parse_article
    from briefcast.transcribe.align import align_script
    from briefcast.transcribe.pipeline import recognise_words

    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="measure-align-") as tmp:
        folder = Path(tmp)
        errors: list[float] = []
        found = made = reported = 0
        names = {"made": 0, "found": 0, "reported": 0}
        print("1. timing against the narration, 2. edits")
        began = time.perf_counter()
        for path in [p for p in args.articles if p.exists()]:
            article, audio, truth = narrated(path, folder)
            recognised = recognise_words(audio)
            errors += timing(article, audio, truth, recognised)
            for name, kind, edited in edits(article):
                got = align_script(audio, edited, recognised=recognised)
                items = changes(got)
                hit = [q for q in items if q.kind == kind]
                made += 1
                found += bool(hit)
                reported += len(items)
                print(f"  {name}: {'found' if hit else 'MISSED'}; {len(items) - bool(hit)} other item(s)"
                      + "".join(f"\n    {q.kind} at {q.start:.1f}: {q.text!r} {q.message}" for q in items))
            for name, edited in names_changed(article) if args.names else []:
                items = changes(align_script(audio, edited, recognised=recognised))
                hit = any(q.kind == "said_differently" and "Pemberton" in q.text for q in items)
                names["made"] += 1
                names["found"] += hit
                names["reported"] += len(items)
                print(f"  name {name}: {'found' if hit else 'MISSED'}; {len(items) - hit} other item(s)")
        errors.sort()
        p95 = errors[min(len(errors) - 1, int(np.ceil(0.95 * len(errors))) - 1)] if errors else float("nan")
        figures["sentence_start_ms"] = {"n": len(errors), "median": round(1000 * statistics.median(errors), 1),
                                        "p95": round(1000 * p95, 1)}
        figures["edits"] = {"made": made, "found": found, "reported": reported,
                            "recall": round(found / made, 3) if made else None,
                            "precision": round(found / reported, 3) if reported else None}
        if names["made"]:
            figures["names"] = {**names, "recall": round(names["found"] / names["made"], 3),
                                "precision": round(names["found"] / max(names["reported"], 1), 3)}
            print(f"  every name changed in turn: {figures['names']}")
        print(f"  sentence starts: {figures['sentence_start_ms']}; edits: {figures['edits']} "
              f"({time.perf_counter() - began:.0f} s)")

        speech = SHARED / "data" / "speech"
        if speech.exists():
            print("3. real readers")
            index = {c["file"]: c for c in json.loads((speech / "index.json").read_text(encoding="utf-8"))}
            lj = sorted(f for f in index if f.startswith("ljspeech_lj001/"))
            audio = joined([speech / f for f in lj], folder, "lj001")
            text = " ".join(index[f]["text"] for f in lj)
            got = align_script(audio, parse_article(text))
            untimed = [s.text for s in got.sentences if s.start is None]
            figures["ljspeech"] = {"sentences": len(got.sentences), "untimed": len(untimed),
                                   "changes": [f"{q.kind}: {q.text} ({q.message})" for q in changes(got)]}
            print(f"  LJ001 passage: {figures['ljspeech']}")
            clips = [speech / "librivox_sense_and_sensibility" / f"sense_and_sensibility_01_austen_64kb-{n}.wav"
                     for n, _ in SENSE]
            audio = joined(clips, folder, "sense")
            got = align_script(audio, parse_article(" ".join(t for _, t in SENSE)))
            items = changes(got)
            repetition = [q for q in items if 20.0 <= q.start]  # 0920 starts after ~17.9 s
            figures["sense_and_sensibility"] = {
                "sentences": len(got.sentences), "untimed": sum(s.start is None for s in got.sentences),
                "changes": [f"{q.kind} at {q.start:.1f}: {q.text} ({q.message})" for q in items],
                "repetition_found": any(q.kind == "not_printed" and q.text.lower().strip(" .") == "a"
                                        for q in repetition)}
            print(f"  Sense and Sensibility: {figures['sense_and_sensibility']}")
    if args.json:
        print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
