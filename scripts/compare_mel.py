#!/usr/bin/env python
"""Check briefcast's numpy mel input to the voice encoder against librosa's (not a test: librosa is no dependency).

resemblyzer computes its encoder's input with `librosa.feature.melspectrogram(wav, 16000, n_fft=400, hop_length=160,
n_mels=40)`; briefcast computes it with numpy (transcribe/voice.py). This script reads real speech from
../shared/data/speech, computes both (librosa in another Python that has it, given by --librosa-python, with today's
zero padding and with the reflect padding of the librosa resemblyzer was trained with), and prints the largest
relative difference of the spectrograms and the smallest cosine similarity of the embeddings they give.

    python -m venv /tmp/lv && /tmp/lv/bin/pip install librosa
    .venv/bin/python scripts/compare_mel.py --librosa-python /tmp/lv/bin/python
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "src"))

LIBROSA = """
import sys, numpy as np, librosa
clips = np.load(sys.argv[1], allow_pickle=True)
for mode in ("constant", "reflect"):
    mels = [librosa.feature.melspectrogram(y=c.astype(np.float32), sr=16000, n_fft=400, hop_length=160, n_mels=40,
                                           pad_mode=mode).astype(np.float32).T for c in clips]
    np.save(sys.argv[2] + mode + ".npy", np.array(mels, dtype=object), allow_pickle=True)
print(librosa.__version__)
"""


def main() -> int:
    import torch

    from briefcast.media import SAMPLE_RATE, decode
    from briefcast.transcribe.voice import VoiceEncoder, louder, mel_frames

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--librosa-python", required=True, help="a Python interpreter that can import librosa")
    ap.add_argument("--data", type=Path, default=ROOT.parents[1] / "shared" / "data" / "speech")
    args = ap.parse_args()
    files = sorted(f for f in args.data.rglob("*") if f.suffix in (".wav", ".flac"))[:12]
    clips = [louder(decode(f)[: SAMPLE_RATE * 8]) for f in files]
    with tempfile.TemporaryDirectory() as d:
        np.save(Path(d) / "clips.npy", np.array(clips, dtype=object), allow_pickle=True)
        version = subprocess.run([args.librosa_python, "-c", LIBROSA, str(Path(d) / "clips.npy"), d + "/lib_"],
                                 check=True, capture_output=True, text=True).stdout.strip()
        model = VoiceEncoder().model
        print(f"{len(clips)} clips of real speech; librosa {version}")
        for mode in ("constant", "reflect"):
            theirs = np.load(Path(d) / f"lib_{mode}.npy", allow_pickle=True)
            rel, cos = [], []
            for clip, b in zip(clips, theirs):
                a = mel_frames(clip).astype(np.float64)
                rel.append(float(np.max(np.abs(a - b)) / np.max(np.abs(b))))
                with torch.no_grad():
                    ea, eb = (model(torch.from_numpy(m[None, :160].astype(np.float32))).numpy()[0] for m in (a, b))
                cos.append(float(ea @ eb / np.linalg.norm(ea) / np.linalg.norm(eb)))
            print(f"  librosa pad_mode={mode}: largest relative difference {max(rel):.1e}, "
                  f"smallest embedding cosine {min(cos):.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
