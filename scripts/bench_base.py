#!/usr/bin/env python3
"""Whisper base (`--model base`, after `briefcast models install base`) against the bundled tiny.en on the real
speech clips of ../shared/data/speech: WER per corpus and time (not a test; prints a report). Then base on French and
German sentences spoken by espeak-ng, with the language detected.

    BRIEFCAST_MODEL_DIR=/tmp/models .venv/bin/python scripts/bench_base.py [--backend faster-whisper]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEECH = ROOT.parent / "shared" / "data" / "speech"
FOREIGN = {
    "fr": "Bonjour à tous. Le gouvernement a annoncé hier une nouvelle réforme des retraites. "
          "Les syndicats appellent à la grève.",
    "de": "Guten Abend. Die Regierung hat heute ein neues Gesetz beschlossen. Die Opposition kritisiert den Plan.",
}


def main() -> None:
    import jiwer
    from whisper.normalizers import BasicTextNormalizer, EnglishTextNormalizer

    from briefcast.transcribe import TranscribeOptions, transcribe
    from briefcast.transcribe.models import install_base

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="faster-whisper")
    args = parser.parse_args()
    install_base(convert_checkpoint=args.backend == "openai-whisper")
    norm = EnglishTextNormalizer()
    clips = json.loads((SPEECH / "index.json").read_text(encoding="utf-8"))
    models = {"tiny.en": None, "base": "base"}
    refs: dict[str, list[str]] = defaultdict(list)
    hyps: dict[tuple[str, str], list[str]] = defaultdict(list)
    took: dict[str, float] = defaultdict(float)
    for model in models.values():  # warm up: load both models before timing
        transcribe(SPEECH / clips[0]["file"], options=TranscribeOptions(backend=args.backend, model=model))
    for i, clip in enumerate(clips):
        corpus = clip["file"].split("/")[0]
        refs[corpus].append(norm(clip["text"]))
        order = list(models.items()) if i % 2 == 0 else list(reversed(models.items()))
        for name, model in order:
            began = time.perf_counter()
            article = transcribe(SPEECH / clip["file"], options=TranscribeOptions(backend=args.backend, model=model))
            took[name] += time.perf_counter() - began
            hyps[(name, corpus)].append(norm(article.body_text))
    audio = sum(c["duration_s"] for c in clips)
    print(f"{len(clips)} clips, {audio:.0f} s of real speech, backend {args.backend}, beam 5")
    print(f"{'corpus':34} " + " ".join(f"{n:>9}" for n in models))
    for corpus in refs:
        print(f"{corpus:34} " + " ".join(f"{100 * jiwer.wer(refs[corpus], hyps[(n, corpus)]):8.1f}%" for n in models))
    every = [r for c in refs for r in refs[c]]
    print(f"{'all':34} " + " ".join(
        f"{100 * jiwer.wer(every, [h for c in refs for h in hyps[(n, c)]]):8.1f}%" for n in models))
    print(f"{'time (s), real-time factor':34} " + " ".join(f"{took[n]:6.1f} {took[n] / audio:.2f}" for n in models))
    print(f"base / tiny.en time: {took['base'] / took['tiny.en']:.2f}x")
    if shutil.which("espeak-ng"):
        basic = BasicTextNormalizer()
        with tempfile.TemporaryDirectory() as tmp:
            for lang, text in FOREIGN.items():
                wav = Path(tmp) / f"{lang}.wav"
                subprocess.run(["espeak-ng", "-v", lang, "-w", str(wav), text], check=True)
                for given in (None, lang):
                    article = transcribe(wav, options=TranscribeOptions(backend=args.backend, model="base",
                                                                        language=given))
                    print(f"espeak-ng {lang} (--language {given or 'detect'}): detected {article.language}, "
                          f"WER {100 * jiwer.wer(basic(text), basic(article.body_text)):.0f}%: {article.body_text!r}")
    print("(timings are noisy: the machine's 2 cores are shared)")


if __name__ == "__main__":
    main()
