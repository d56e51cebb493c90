#!/usr/bin/env python3
"""Benchmark transcription on the real speech clips in ../shared/data/speech (not a test; prints a report).

(a) our pipeline's time over a raw faster-whisper call with the same model and settings (target overhead <= 5%);
(b) faster-whisper vs openai-whisper on the checkpoint converted from the same model (target >= 3x faster, WER
    within 1 point); (c) real-time factor and peak memory of each. Each backend runs in its own process so that
    peak memory is its own.

(d) long recordings: the clips looped into one recording of --long minutes, twice: "paused" (1 s of silence after
    each clip) and "continuous" (clips back to back, as a programme of several readers sounds: no pause hides a
    seam); WER, wall and peak memory of our pipeline against raw sequential faster-whisper (`WhisperModel.transcribe`,
    beam 5) and raw batched faster-whisper (`BatchedInferencePipeline`, Silero VAD chunks) on the same file, each in
    its own process, with the load average; then our pipeline's peak memory at each of --memory minutes (flat in
    duration, target <= 1 GiB).

    .venv/bin/python scripts/bench_transcribe.py [--beam-size 5] [--clips 24] [--threads 0]
    .venv/bin/python scripts/bench_transcribe.py --section long [--long 10] [--memory 10,30,60] [--batch-size 4]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SPEECH = ROOT.parent / "shared" / "data" / "speech"


def clips(n: int) -> list[dict]:
    return json.loads((SPEECH / "index.json").read_text(encoding="utf-8"))[:n]


def wer(refs: list[str], hyps: list[str]) -> float:
    import jiwer
    from whisper.normalizers import EnglishTextNormalizer

    norm = EnglishTextNormalizer()
    return 100 * jiwer.wer([norm(r) for r in refs], [norm(h) for h in hyps])


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def long_recording(items: list[dict], out: Path) -> Path:
    """The clips joined into one recording (1 s of silence between), like one long voiceover."""
    import wave

    import numpy as np

    from briefcast.media import SAMPLE_RATE, decode

    gap = np.zeros(SAMPLE_RATE, np.float32)
    audio = np.concatenate([x for c in items for x in (decode(SPEECH / c["file"]), gap)])
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SAMPLE_RATE)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return out


PAUSE = {"paused": 1.0, "continuous": 0.0}  # seconds of silence after each clip in the long recordings (d); the
#                                            continuous one also cuts each clip's own silent edges (trimmed)


EDGE_DB = -40.0  # dBFS: a clip's leading and trailing 10 ms frames quieter than this are cut ("continuous")


def trimmed(audio: np.ndarray) -> np.ndarray:
    """A clip without the silence at its start and end (10 ms frames under EDGE_DB)."""
    import numpy as np

    from briefcast.media import SAMPLE_RATE

    frame = SAMPLE_RATE // 100
    n = len(audio) // frame
    rms = np.sqrt(np.mean(np.square(audio[:n * frame].reshape(n, frame), dtype=np.float64), axis=1))
    loud = np.flatnonzero(20 * np.log10(np.maximum(rms, 1e-10)) > EDGE_DB)
    return audio[loud[0] * frame:(loud[-1] + 1) * frame] if len(loud) else audio[:0]


def looped_recording(minutes: float, out: Path, *, gap: float = 1.0) -> tuple[Path, str]:
    """The clips joined (`gap` seconds of silence after each; none: back to back, each clip's silent edges cut) and
    looped to at least `minutes`, written as 16-bit WAV a clip at a time; returns the file and its reference text."""
    import wave

    import numpy as np

    from briefcast.media import SAMPLE_RATE, decode

    items = clips(10_000)
    audio = [decode(SPEECH / c["file"]) for c in items]
    if not gap:
        audio = [trimmed(x) for x in audio]
    gap_samples = np.zeros(int(gap * SAMPLE_RATE), np.float32)
    texts, done = [], 0.0
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SAMPLE_RATE)
        while done < minutes * 60:
            for c, x in zip(items, audio):
                w.writeframes((np.clip(np.concatenate([x, gap_samples]), -1, 1) * 32767).astype("<i2").tobytes())
                texts.append(c["text"])
                done += (len(x) + len(gap_samples)) / SAMPLE_RATE
                if done >= minutes * 60:
                    break
    return out, " ".join(texts)


def long_child(kind: str, media: Path, reference: str, beam: int, batch: int) -> dict:
    """One decoder on the long recording, in this process alone: WER, wall seconds, peak memory."""
    from briefcast.transcribe import TranscribeOptions, transcribe
    from briefcast.transcribe.backends import get_recogniser
    from briefcast.transcribe.models import bundled_checkpoint

    options = TranscribeOptions(beam_size=beam, batch_size=batch)
    if kind == "openai":
        options = TranscribeOptions(backend="openai-whisper", model=str(bundled_checkpoint()), beam_size=beam)
    recogniser = get_recogniser(options)  # model load is not timed
    began = time.perf_counter()
    if kind in ("pipeline", "openai"):
        article = transcribe(media, options=options)
        text = " ".join(s.text for s in article.sentences)
        missed = sum(q.kind == "missed_speech" for q in article.qa)
    else:
        model = recogniser.model  # type: ignore[attr-defined]
        if kind == "sequential":
            segments, _ = model.transcribe(str(media), language="en", beam_size=beam, word_timestamps=True)
        else:
            from faster_whisper import BatchedInferencePipeline

            segments, _ = BatchedInferencePipeline(model).transcribe(str(media), language="en", beam_size=beam,
                                                                     word_timestamps=True, batch_size=batch)
        text = " ".join(s.text.strip() for s in segments)
        missed = 0
    wall = time.perf_counter() - began
    return {"kind": kind, "wer": round(wer([reference], [text]), 2), "wall_s": round(wall, 1),
            "peak_mb": round(peak_mb()), "missed_speech": missed}


def long_section(args: argparse.Namespace) -> None:
    common = ["--beam-size", str(args.beam_size), "--batch-size", str(args.batch_size)]

    def run(kind: str, media: Path, reference: Path) -> dict:
        proc = subprocess.run([sys.executable, __file__, "--long-child", kind, str(media), str(reference), *common],
                              capture_output=True, text=True, check=True)
        return json.loads(proc.stdout.strip().splitlines()[-1])

    kinds = ["sequential", "batched", "pipeline"] + (["openai"] if args.openai else [])
    with tempfile.TemporaryDirectory() as tmp:
        ref = Path(tmp) / "long.txt"
        for material in args.material:
            media, text = looped_recording(args.long, Path(tmp) / "long.wav", gap=PAUSE[material])
            ref.write_text(text, encoding="utf-8")
            load = os.getloadavg()[0]
            r = {k: run(k, media, ref) for k in kinds}
            seq = r["sequential"]
            how = f"{PAUSE[material]:g} s of silence after each" if PAUSE[material] else "back to back, edges cut"
            print(f"(d) {args.long} min of real read speech, {material} (the clips looped, {how}), bundled "
                  f"tiny.en, beam {args.beam_size}, batch {args.batch_size}; load average {load:.1f} -> "
                  f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            for k in kinds:
                x = r[k]
                print(f"    {k:10s} WER {x['wer']:5.2f}%  wall {x['wall_s']:6.1f} s "
                      f"({x['wall_s'] / seq['wall_s']:.2f}x sequential)  peak {x['peak_mb']} MB  "
                      f"missed_speech flags {x['missed_speech']}")
            print(f"    pipeline vs sequential: WER {r['pipeline']['wer'] - seq['wer']:+.2f} points (target <= 0); "
                  f"wall {r['pipeline']['wall_s'] / seq['wall_s']:.2f}x (target <= 0.75)")
            media.unlink()
        for minutes in args.memory:
            media, text = looped_recording(minutes, Path(tmp) / f"long{minutes}.wav", gap=0.0)
            ref.write_text(text, encoding="utf-8")
            x = run("pipeline", media, ref)
            print(f"    pipeline {minutes:4g} min continuous: peak {x['peak_mb']} MB (target <= 1024), wall "
                  f"{x['wall_s']} s, WER {x['wer']}%")
            media.unlink()


def child(backend: str, model: str | None, media: Path, n: int, beam: int, threads: int) -> dict:
    """Run one backend on the recording; for faster-whisper also the raw library call with the same settings."""
    from briefcast.transcribe import TranscribeOptions, transcribe
    from briefcast.transcribe.backends import get_recogniser

    reference = " ".join(c["text"] for c in clips(n))
    options = TranscribeOptions(backend=backend, model=model, beam_size=beam, threads=threads)
    began = time.perf_counter()
    recogniser = get_recogniser(options)
    load = time.perf_counter() - began
    transcribe(SPEECH / clips(1)[0]["file"], options=options)  # warm-up
    out: dict = {"backend": backend, "load_s": round(load, 2)}
    runs: dict[str, list[float]] = {"pipeline": [], "raw": [], "own": []}
    inside = [0.0]  # seconds spent inside the recogniser during the current pipeline run
    recognise = recogniser.recognise

    def timed_recognise(*a, **k):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        language, segments = recognise(*a, **k)
        inside[0] += time.perf_counter() - began

        def timed():  # type: ignore[no-untyped-def]
            it = iter(segments)
            while True:
                began = time.perf_counter()
                try:
                    seg = next(it)
                except StopIteration:
                    inside[0] += time.perf_counter() - began
                    return
                inside[0] += time.perf_counter() - began
                yield seg
        return language, timed()

    recognise_chunks = recogniser.recognise_chunks

    def timed_chunks(*a, **k):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        result = recognise_chunks(*a, **k)
        inside[0] += time.perf_counter() - began
        return result

    recogniser.recognise = timed_recognise  # type: ignore[method-assign]
    recogniser.recognise_chunks = timed_chunks  # type: ignore[method-assign]
    for _ in range(3 if backend == "faster-whisper" else 1):  # alternate, keep the best of each (shared CPUs)
        for kind in ("raw", "pipeline") if backend == "faster-whisper" else ("pipeline",):
            began = time.perf_counter()
            if kind == "pipeline":
                inside[0] = 0.0
                article = transcribe(media, options=options)
                runs["own"].append(time.perf_counter() - began - inside[0])
                text = " ".join(s.text for s in article.sentences)
            else:
                segments, _ = recogniser.model.transcribe(str(media), language="en", beam_size=beam,
                                                          word_timestamps=True)
                text = " ".join(s.text.strip() for s in segments)
            runs[kind].append(time.perf_counter() - began)
            out[f"{kind}_wer"] = round(wer([reference], [text]), 2)
    out["audio_s"] = round(article.duration or 0.0, 1)
    out["pipeline_s"] = round(min(runs["pipeline"]), 2)
    out["rtf"] = round(out["pipeline_s"] / out["audio_s"], 4)
    out["paragraphs"] = len(article.paragraphs)
    if runs["raw"]:
        out["raw_s"] = round(min(runs["raw"]), 2)
        out["overhead_pct"] = round(100 * (out["pipeline_s"] / out["raw_s"] - 1), 1)
    out["own_s"] = round(min(runs["own"]), 3)  # decoding, guards, assembly: the pipeline's work around the model
    out["own_pct"] = round(100 * out["own_s"] / out["pipeline_s"], 1)
    out["peak_mb"] = round(peak_mb())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--beam-size", type=int, default=5)
    ap.add_argument("--clips", type=int, default=24, help="how many clips of index.json (24: all, about 4 min)")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--section", choices=("short", "long", "all"), default="all")
    ap.add_argument("--long", type=float, default=10.0, help="minutes of the long recording (d)")
    ap.add_argument("--memory", type=lambda v: [float(x) for x in v.split(",") if x], default=[10.0, 30.0, 60.0],
                    help="minutes at which to measure the pipeline's peak memory (d)")
    ap.add_argument("--batch-size", type=int, default=4, help="chunks decoded at once (d)")
    ap.add_argument("--material", type=lambda v: [x for x in v.split(",") if x], default=list(PAUSE),
                    help="long recordings to run (d): paused, continuous, or both (the default)")
    ap.add_argument("--openai", action="store_true", help="also run openai-whisper on the long recording (d)")
    ap.add_argument("--long-child", nargs=3, metavar=("KIND", "MEDIA", "REFERENCE"), help=argparse.SUPPRESS)
    ap.add_argument("--child", nargs=3, metavar=("BACKEND", "MODEL", "MEDIA"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        backend, model, media = args.child
        result = child(backend, None if model == "-" else model, Path(media), args.clips, args.beam_size, args.threads)
        print(json.dumps(result))
        return
    if args.long_child:
        kind, media, reference = args.long_child
        print(json.dumps(long_child(kind, Path(media), Path(reference).read_text(encoding="utf-8"), args.beam_size,
                                    args.batch_size)))
        return
    if args.section in ("long", "all"):
        long_section(args)
    if args.section == "long":
        return

    from briefcast.transcribe.models import bundled_checkpoint

    ckpt = str(bundled_checkpoint())
    common = ["--clips", str(args.clips), "--beam-size", str(args.beam_size), "--threads", str(args.threads)]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        media = long_recording(clips(args.clips), Path(tmp) / "speech.wav")
        for backend, model in (("faster-whisper", "-"), ("openai-whisper", ckpt)):
            proc = subprocess.run([sys.executable, __file__, "--child", backend, model, str(media), *common],
                                  capture_output=True, text=True, check=True)
            results[backend] = json.loads(proc.stdout.strip().splitlines()[-1])
    fw, ow = results["faster-whisper"], results["openai-whisper"]
    print(f"audio: one {fw['audio_s']} s recording of {args.clips} real clips; bundled tiny.en; "
          f"beam size {args.beam_size}")
    print(f"(a) pipeline {fw['pipeline_s']} s vs raw faster-whisper {fw['raw_s']} s end to end: "
          f"{fw['overhead_pct']:+}% (noisy on shared CPUs); the pipeline's own work (probe, decode, guards, "
          f"assembly) {fw['own_s']} s = {fw['own_pct']}% (target <= 5%); WER pipeline {fw['pipeline_wer']}% vs raw "
          f"{fw['raw_wer']}%; {fw['paragraphs']} paragraphs")
    speedup = ow["pipeline_s"] / fw["pipeline_s"]
    print(f"(b) faster-whisper {fw['pipeline_s']} s, WER {fw['pipeline_wer']}% vs openai-whisper {ow['pipeline_s']} s, "
          f"WER {ow['pipeline_wer']}%: {speedup:.1f}x faster (target >= 3x), WER difference "
          f"{abs(fw['pipeline_wer'] - ow['pipeline_wer']):.2f} points (target <= 1)")
    for r in (fw, ow):
        print(f"(c) {r['backend']:15s} real-time factor {r['rtf']:.3f}, model load {r['load_s']} s, "
              f"peak memory {r['peak_mb']} MB")


if __name__ == "__main__":
    main()
