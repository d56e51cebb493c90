#!/usr/bin/env python3
"""Measure speaker detection (`transcribe --speakers`) on conversations built from real recordings (not a test).

The voices: the LJ Speech reader, the two LibriVox readers (Sense and Sensibility, the Sonnets), JFK, all from
../shared/data/speech; five-speaker conversations add the bundled Piper voice (the only fifth voice on the machine).
Each voice's recordings are laid end to end and cut in two halves by time: conversations for tuning THRESHOLD are
built from the first halves only, those for checking from the second halves only. A conversation has 2 to 5 speakers
taking turns of 2-20 s (random pieces of their half, trimmed to speech), either with a pause of 0.3-1.2 s between
turns or none; the truth is where each piece was put.

Scores (our own implementation, no model): the diarization error rate, DER = (missed + false alarm + confusion) /
reference speech, on 10 ms frames, the reference speech being each turn's span, with a collar of 0.25 s either side of
every reference boundary left unscored (pyannote.metrics' collar=0.5) and hypothesis labels mapped one-to-one to the
truth by the largest overlap (Hungarian); the confusion part is printed on its own. Count: whether the number of
speakers found equals the truth. With --sentences, the full pipeline (tiny.en) runs on the check conversations and
the share of sentences given the right speaker is printed (a sentence's true speaker holds most of its span).
Also: our own briefing with the intro in Piper's voice and the body in espeak-ng's (two speakers, exact truth), and
the time per audio minute and peak memory of speaker detection next to transcription's own (--cost, a 60 min file).

    .venv/bin/python scripts/measure_speakers.py [--split tune|check|both] [--n 40] [--threshold 0.4]
    .venv/bin/python scripts/measure_speakers.py --sentences 12 --briefing
    .venv/bin/python scripts/measure_speakers.py --cost 60
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SPEECH = ROOT.parent / "shared" / "data" / "speech"
RATE = 16_000
FRAME = 0.01  # s: DER frames
COLLAR = 0.25  # s either side of a reference boundary
VOICES = {"lj": "ljspeech_lj001/", "austen": "librivox_sense_and_sensibility/",
          "sonnets": "librivox_shakespeare_sonnets/", "jfk": "jfk/"}


@dataclass
class Conversation:
    audio: np.ndarray
    turns: list[tuple[float, float, str]]  # (start, end, voice)
    pauses: bool

    @property
    def speakers(self) -> int:
        return len({v for _, _, v in self.turns})


def decode(path: Path) -> np.ndarray:
    from briefcast.media import decode as dec

    return dec(path)


def trimmed(audio: np.ndarray, floor_db: float = -35.0) -> np.ndarray:
    """`audio` without its quiet start and end (frames 35 dB under its loudest)."""
    n = len(audio) // 160
    if n == 0:
        return audio
    db = 10 * np.log10(np.mean(audio[:n * 160].reshape(n, 160) ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(db > db.max() + floor_db)
    return audio[loud[0] * 160:(loud[-1] + 1) * 160] if len(loud) else audio


def piper_voice(folder: Path) -> np.ndarray:
    """The bundled sample article narrated by the default engine (Piper), body only."""
    out = folder / "piper.wav"
    if not out.exists():
        sample = ROOT / "src/briefcast/data/sample-article.md"
        subprocess.run([str(Path(sys.executable).parent / "briefcast"), "narrate", str(sample), "-o", str(out),
                        "--engine", "piper", "--no-intro", "--no-outro", "-q"], check=True)
    return decode(out)


def material(split: str, folder: Path, synthetic: bool) -> dict[str, np.ndarray]:
    """Each voice's recordings end to end (each trimmed, 0.3 s apart), and the half of them `split` names."""
    index = json.loads((SPEECH / "index.json").read_text(encoding="utf-8"))
    voices: dict[str, np.ndarray] = {}
    gap = np.zeros(int(0.3 * RATE), np.float32)
    for name, prefix in VOICES.items():
        parts = [trimmed(decode(SPEECH / c["file"])) for c in index if c["file"].startswith(prefix)]
        voices[name] = np.concatenate([x for p in parts for x in (p, gap)])
    if synthetic:
        voices["piper"] = piper_voice(folder)
    half = {k: len(v) // 2 for k, v in voices.items()}
    return {k: (v[:half[k]] if split == "tune" else v[half[k]:]) for k, v in voices.items()}


def conversation(rng: np.random.Generator, voices: dict[str, np.ndarray], k: int, pauses: bool,
                 length: float = 60.0) -> Conversation:
    names = [str(x) for x in rng.choice(sorted(v for v in voices if v != "piper"), size=min(k, 4), replace=False)]
    if k == 5:
        names.append("piper")
    order: list[str] = list(rng.permutation(names))
    parts: list[np.ndarray] = []
    turns: list[tuple[float, float, str]] = []
    t = 0.0
    while len(order) < 40:
        order.append(str(rng.choice([n for n in names if n != order[-1]])))
    for i, name in enumerate(order):
        if i >= len(names) and t >= length:
            break
        src = voices[name]
        dur = float(rng.uniform(2.0, 20.0))
        n = min(int(dur * RATE), len(src) - RATE)
        a = int(rng.integers(0, len(src) - n))
        piece = trimmed(src[a:a + n])
        if pauses and parts:
            gap = np.zeros(int(rng.uniform(0.3, 1.2) * RATE), np.float32)
            parts.append(gap)
            t += len(gap) / RATE
        parts.append(piece)
        turns.append((t, t + len(piece) / RATE, name))
        t += len(piece) / RATE
    return Conversation(np.concatenate(parts).astype(np.float32), turns, pauses)


def diarize(audio: np.ndarray, num: int | None, prints=None, threshold=None):  # type: ignore[no-untyped-def]
    from briefcast.transcribe.speakers import VoicePrints
    from briefcast.transcribe.windows import speech_spans

    prints = prints or VoicePrints()
    if not prints.times:
        prints.add(audio, speech_spans(audio), 0.0)
    return prints, prints.turns(num, threshold)


def frame_labels(conv: Conversation, prints, turns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore
    """Reference and hypothesis labels per frame (-1: no speech), and the scored-frame mask."""
    from briefcast.transcribe.speakers import speaker_at

    n = int(len(conv.audio) / RATE / FRAME)
    t = (np.arange(n) + 0.5) * FRAME
    names = sorted({v for _, _, v in conv.turns})
    ref = np.full(n, -1)
    scored = np.ones(n, bool)
    for a, b, v in conv.turns:
        ref[(t >= a) & (t < b)] = names.index(v)
        for edge in (a, b):
            scored[np.abs(t - edge) < COLLAR] = False
    hyp = np.full(n, -1)
    if turns:
        speech = np.zeros(n, bool)
        for a, b in prints.speech:
            speech[(t >= a) & (t < b)] = True
        for i in np.flatnonzero(speech):
            hyp[i] = speaker_at(turns, float(t[i]))
    return ref, hyp, scored


def der(ref: np.ndarray, hyp: np.ndarray, scored: np.ndarray) -> tuple[float, float]:
    """(DER, its confusion part) with hypothesis labels mapped to the reference by the largest overlap."""
    from scipy.optimize import linear_sum_assignment

    r, h = ref[scored], hyp[scored]
    nr, nh = max(r.max() + 1, 1), max(h.max() + 1, 1)
    overlap = np.zeros((nr, nh))
    both = (r >= 0) & (h >= 0)
    np.add.at(overlap, (r[both], h[both]), 1)
    rows, cols = linear_sum_assignment(-overlap)
    mapping = dict(zip(cols.tolist(), rows.tolist()))
    mapped = np.array([mapping.get(int(x), -2) if x >= 0 else -1 for x in h])
    total = max(int((r >= 0).sum()), 1)
    miss = int(((r >= 0) & (h < 0)).sum())
    fa = int(((r < 0) & (h >= 0)).sum())
    conf = int(((r >= 0) & (h >= 0) & (mapped != r)).sum())
    return (miss + fa + conf) / total, conf / total


def conversations(split: str, n: int, folder: Path, seed: int) -> list[Conversation]:
    voices = material(split, folder, synthetic=True)
    rng = np.random.default_rng(seed)
    return [conversation(rng, voices, k=2 + i % 4, pauses=bool((i // 4) % 2)) for i in range(n)]


PRINTS: dict[int, object] = {}  # each conversation's embeddings, kept while thresholds are tried


def score(convs: list[Conversation], threshold: float | None) -> dict[str, float]:
    ders, confs, right = [], [], 0
    rows: dict[str, list[float]] = {}
    for conv in convs:
        prints, turns = diarize(conv.audio, None, PRINTS.get(id(conv)), threshold)
        PRINTS[id(conv)] = prints
        found = len({k for _, k in turns})
        ref, hyp, scored = frame_labels(conv, prints, turns)
        d, c = der(ref, hyp, scored)
        ders.append(d)
        confs.append(c)
        right += found == conv.speakers
        key = f"{conv.speakers} speakers, {'pauses' if conv.pauses else 'no pauses'}"
        rows.setdefault(key, []).extend([d, float(found == conv.speakers)])
    for key in sorted(rows):
        v = rows[key]
        print(f"    {key:<26} DER {np.mean(v[0::2]):6.1%}   right count {np.mean(v[1::2]):5.0%}  (n={len(v) // 2})")
    return {"der": float(np.mean(ders)), "confusion": float(np.mean(confs)), "count": right / len(convs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "check", "both"), default="both")
    parser.add_argument("--n", type=int, default=40, help="conversations per split")
    parser.add_argument("--threshold", type=float, nargs="*", help="cosine distance cut(s) to try (tune split)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for split in ("tune", "check") if args.split == "both" else (args.split,):
            convs = conversations(split, args.n, folder, args.seed + (split == "check"))
            minutes = sum(len(c.audio) for c in convs) / RATE / 60
            for th in args.threshold or [None]:
                t0 = time.perf_counter()
                s = score(convs, th)
                wall = time.perf_counter() - t0
                print(f"{split}: threshold {th or 'default'}: DER {s['der']:.1%} (confusion {s['confusion']:.1%}), "
                      f"right count {s['count']:.0%} of {len(convs)}, {minutes:.1f} min of audio, "
                      f"{wall / minutes:.1f} s per audio minute")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
