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


def narrated(folder: Path, engine: str, *flags: str) -> np.ndarray:
    """The bundled sample article narrated by `engine`."""
    out = folder / f"{engine}{''.join(flags)}.wav"
    if not out.exists():
        sample = ROOT / "src/briefcast/data/sample-article.md"
        subprocess.run([str(Path(sys.executable).parent / "briefcast"), "narrate", str(sample), "-o", str(out),
                        "--engine", engine, "--no-outro", "-q", *flags], check=True)
    return decode(out)


def piper_voice(folder: Path) -> np.ndarray:
    """The bundled sample article's body in Piper's voice."""
    return narrated(folder, "piper", "--no-intro")


def briefing(folder: Path) -> Conversation:
    """Our own briefing: its intro (up to the first pause of 0.5 s after 8 s) in Piper's voice, then the body in
    espeak-ng's (pyttsx3)."""
    piper, espeak = narrated(folder, "piper"), narrated(folder, "pyttsx3", "--no-intro")
    n = len(piper) // 160
    quiet = np.mean(piper[:n * 160].reshape(n, 160) ** 2, axis=1) < 1e-6
    run = np.convolve(quiet, np.ones(50), mode="valid") == 50  # 0.5 s of silence from this frame on
    cut = (int(np.flatnonzero(run[800:])[0]) + 800 + 25) * 160
    intro, body = trimmed(piper[:cut]), trimmed(espeak)
    gap = np.zeros(int(0.6 * RATE), np.float32)
    t = len(intro) / RATE
    return Conversation(np.concatenate([intro, gap, body]), [(0.0, t, "piper"), (t + 0.6, t + 0.6 + len(body) / RATE,
                                                                               "espeak")], True)


def sentence_accuracy(convs: list[Conversation]) -> float:
    """Share of the transcribed sentences whose speaker is the voice holding most of the sentence's span (the
    transcript's speakers mapped one-to-one to the voices by the largest overlap)."""
    from scipy.optimize import linear_sum_assignment

    from briefcast.transcribe import TranscribeOptions
    from briefcast.transcribe.pipeline import transcribe_audio

    right = total = 0
    for conv in convs:
        article = transcribe_audio(conv.audio, options=TranscribeOptions(speakers=True))
        voices = sorted({v for _, _, v in conv.turns})
        names = [s.name for s in article.speakers]
        overlap = np.zeros((len(names), len(voices)))
        truth = []
        for s in article.sentences:
            if s.start is None or s.end is None or s.speaker is None:
                continue
            held = [sum(max(0.0, min(b, s.end) - max(a, s.start)) for a, b, v in conv.turns if v == voice)
                    for voice in voices]
            truth.append((names.index(s.speaker), int(np.argmax(held))))
            overlap[names.index(s.speaker)] += held
        rows, cols = linear_sum_assignment(-overlap)
        mapping = dict(zip(rows.tolist(), cols.tolist()))
        right += sum(mapping.get(h) == v for h, v in truth)
        total += len(truth)
    return right / max(total, 1)


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
    order: list[str] = list(rng.permutation(names))  # everyone speaks once first, then anyone but the last
    parts: list[np.ndarray] = []
    turns: list[tuple[float, float, str]] = []
    t = 0.0
    while len(turns) < len(names) or t < length:
        others = [n for n in names if not turns or n != turns[-1][2]]
        name = order[len(turns)] if len(turns) < len(order) else str(rng.choice(others))
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


def diarize(audio: np.ndarray, num: int | None, prints=None, **tuning):  # type: ignore[no-untyped-def]
    from briefcast.transcribe.speakers import VoicePrints
    from briefcast.transcribe.windows import speech_spans

    prints = prints or VoicePrints()
    if not prints.times:
        prints.add(audio, speech_spans(audio), 0.0)
    return prints, prints.turns(num, **tuning)


def frame_labels(conv: Conversation, prints, turns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore
    """Reference and hypothesis labels per frame (-1: no speech), and the scored-frame mask."""
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
    if len(turns):
        speech = np.zeros(n, bool)
        for a, b in prints.speech:
            speech[(t >= a) & (t < b)] = True
        for i in np.flatnonzero(speech):
            hyp[i] = turns.at(float(t[i]))
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


def load_prints(convs: list[Conversation], path: Path) -> None:
    import pickle

    if path.exists():
        for conv, prints in zip(convs, pickle.loads(path.read_bytes())):
            PRINTS[id(conv)] = prints


def save_prints(convs: list[Conversation], path: Path) -> None:
    import pickle

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps([PRINTS[id(c)] for c in convs]))


def score(convs: list[Conversation], tuning: dict[str, float], verbose: bool = False) -> dict[str, float]:
    ders, confs, right = [], [], 0
    rows: dict[str, list[float]] = {}
    for conv in convs:
        prints, turns = diarize(conv.audio, None, PRINTS.get(id(conv)), **tuning)
        PRINTS[id(conv)] = prints
        found = len(turns.speakers)
        ref, hyp, scored = frame_labels(conv, prints, turns)
        d, c = der(ref, hyp, scored)
        ders.append(d)
        confs.append(c)
        right += found == conv.speakers
        if verbose:
            time = {v: round(sum(b - a for a, b, w in conv.turns if w == v)) for _, _, v in conv.turns}
            print(f"      {conv.speakers} -> {found}  DER {d:.1%}  {'pauses' if conv.pauses else ''} {time}")
        key = f"{conv.speakers} speakers, {'pauses' if conv.pauses else 'no pauses'}"
        rows.setdefault(key, []).extend([d, float(found == conv.speakers)])
    for key in sorted(rows):
        v = rows[key]
        print(f"    {key:<26} DER {np.mean(v[0::2]):6.1%}   right count {np.mean(v[1::2]):5.0%}  (n={len(v) // 2})")
    return {"der": float(np.mean(ders)), "confusion": float(np.mean(confs)), "count": right / len(convs)}


COST = """
import json, resource, sys, time
from briefcast.transcribe import TranscribeOptions, transcribe
t0 = time.perf_counter()
article = transcribe(sys.argv[1], options=TranscribeOptions(speakers=sys.argv[2] == "1"))
print(json.dumps({"wall": time.perf_counter() - t0, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "speakers": len(article.speakers)}))
"""


def write_wav(path: Path, audio: np.ndarray) -> None:
    import wave

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())


def cost(minutes: float, folder: Path) -> None:
    """Time per audio minute and peak memory of transcription with and without speakers, each in its own process,
    on one recording of `minutes` (three voices in turns, with pauses)."""
    voices = material("check", folder, synthetic=False)
    conv = conversation(np.random.default_rng(7), voices, k=3, pauses=True, length=minutes * 60)
    path = folder / "long.wav"
    write_wav(path, conv.audio)
    audio_min = len(conv.audio) / RATE / 60
    runs = {}
    for mode in ("0", "1"):
        out = subprocess.run([sys.executable, "-c", COST, str(path), mode], check=True, capture_output=True,
                             text=True).stdout
        runs[mode] = json.loads(out.splitlines()[-1])
    plain, spk = runs["0"], runs["1"]
    print(f"{audio_min:.1f} min, {conv.speakers} voices: transcription {plain['wall'] / audio_min:.1f} s per audio "
          f"minute, peak {plain['peak'] / 2**20:.0f} MB; with --speakers {spk['wall'] / audio_min:.1f} s per audio "
          f"minute ({spk['wall'] / plain['wall']:.2f}x), peak {spk['peak'] / 2**20:.0f} MB, "
          f"{spk['speakers']} speakers found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "check", "both"), default="both")
    parser.add_argument("--n", type=int, default=40, help="conversations per split")
    parser.add_argument("--threshold", type=float, nargs="*", help="cosine distance cut(s) to try")
    parser.add_argument("--min-speaker", type=float, nargs="*", help="least seconds of a found speaker, to try")
    parser.add_argument("--cache", type=Path, help="a folder keeping the embeddings between runs (for tuning)")
    parser.add_argument("--verbose", action="store_true", help="each conversation's count and DER")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sentences", type=int, default=0, help="check conversations transcribed (tiny.en)")
    parser.add_argument("--briefing", action="store_true", help="our briefing: intro in Piper, body in espeak-ng")
    parser.add_argument("--long", type=float, help="minutes of one recording of three voices: DER and count")
    parser.add_argument("--cost", type=float, help="minutes of one recording: time and memory against transcription")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.cost:
            cost(args.cost, folder)
            return
        if args.long:
            voices = material("check", folder, synthetic=False)
            conv = conversation(np.random.default_rng(7), voices, k=3, pauses=True, length=args.long * 60)
            prints, turns = diarize(conv.audio, None)
            d, c = der(*frame_labels(conv, prints, turns))
            print(f"{len(conv.audio) / RATE / 60:.1f} min, {conv.speakers} voices: DER {d:.1%} (confusion {c:.1%}), "
                  f"{len(turns.speakers)} speakers found")
            return
        if args.briefing:
            conv = briefing(folder)
            prints, turns = diarize(conv.audio, None)
            d, c = der(*frame_labels(conv, prints, turns))
            print(f"briefing ({len(conv.audio) / RATE:.0f} s, intro in Piper, body in espeak-ng): DER {d:.1%} "
                  f"(confusion {c:.1%}), {len(turns.speakers)} speakers found; sentences with the right "
                  f"speaker {sentence_accuracy([conv]):.0%}")
        if args.sentences:
            convs = conversations("check", args.sentences, folder, args.seed + 1)
            print(f"check: sentences with the right speaker {sentence_accuracy(convs):.1%} "
                  f"(of {len(convs)} conversations transcribed by tiny.en)")
            return
        for split in ("tune", "check") if args.split == "both" else (args.split,):
            convs = conversations(split, args.n, folder, args.seed + (split == "check"))
            if args.cache:
                load_prints(convs, args.cache / f"{split}-{args.seed}-{args.n}.pickle")
            minutes = sum(len(c.audio) for c in convs) / RATE / 60
            from briefcast.transcribe import speakers

            for th in args.threshold or [speakers.THRESHOLD]:
                for least in args.min_speaker or [speakers.MIN_SPEAKER]:
                    t0 = time.perf_counter()
                    s = score(convs, {"threshold": th, "min_speaker": least}, args.verbose)
                    wall = time.perf_counter() - t0
                    if args.cache:
                        save_prints(convs, args.cache / f"{split}-{args.seed}-{args.n}.pickle")
                    print(f"{split}: threshold {th}, min speaker {least} s: DER {s['der']:.1%} "
                          f"(confusion {s['confusion']:.1%}), right count {s['count']:.0%} of {len(convs)}, "
                          f"{minutes:.1f} min of audio, {wall / minutes:.1f} s per audio minute")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
