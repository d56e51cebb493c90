#!/usr/bin/env python3
"""Measure narration's word times (Piper's phoneme alignments) against independent references.

Whisper: the briefing is transcribed back with faster-whisper's word timestamps (each --model), the two runs of
words are aligned on their spelling, and the start differences over the words both agree on are reported: median
and 95th percentile of |narrated - heard| (goal: median <= 60 ms), the median signed difference (narrated minus
heard; negative: ours start earlier) and the median left once that constant is taken out. The same by kind of word:
the first sound it is said with (plosive, fricative, nasal, approximant, vowel: espeak-ng's phonemes of its spoken
form), where it stands (a sentence's first word, after a pause of at least 0.15 s, inside a phrase), its length
(letters: 1-3, 4-6, 7 or more) and whether the speech normaliser says it otherwise than it is written ('2030' said
'twenty thirty', 'Dr.' 'doctor'), and over the words said as written alone. With two models, the models' own
disagreement over the words all three runs agree on is reported too: the precision of the reference. --backend
openai-whisper transcribes with the reference implementation instead (the same models, converted).
The sound itself: each sentence's first word, and each word that follows a pause of at least 0.15 s inside a
sentence, against the nearest onset of sound after silence (pydub, -45 dBFS, 60 ms of silence); and each word said
straight after a voiced one (the last letter a vowel, l, m, n, r, w or y, no punctuation) that starts with s or f
(not an acronym) against the start of its hiss (the first 5 ms whose energy above 3.5 kHz passes that below
1.5 kHz); and each word said straight after one ending in s, f or x that starts with a vowel, l, m, n, r, w or y
against the end of that hiss: |median|, p95 and signed median. --sound-only skips the recogniser.
--encoded FORMAT also narrates the article to that format (the clips cached) and reports how many samples its
decoded sound (ffmpeg, which honours the encoder's priming in the file's header) lags the WAV's.

    PYTHONPATH=src .venv/bin/python scripts/measure_word_times.py [--articles A.md B.txt] [--model tiny.en base]
        [--backend openai-whisper] [--sound-only] [--encoded mp3] [--json]
"""
from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BUNDLED = "tiny.en"  # the recogniser shipped with briefcast (no --model)
ARTICLES = [ROOT / "src/briefcast/data/sample-article.md", SHARED / "samples/raqqa-video-voiceover.txt"]


def _key(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def agreed(narrated: list, heard: list) -> dict[int, object]:
    """Index of each narrated word -> the heard word it is, over the runs of words spelled alike."""
    a, b = [_key(w.text) for w in narrated], [_key(w.text) for w in heard]
    out: dict[int, object] = {}
    for tag, i1, i2, j1, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.update({i: heard[j1 + i - i1] for i in range(i1, i2) if a[i]})
    return out


def differences(narrated: list, heard: list) -> list[float]:
    """Start differences (s, narrated minus heard) of the words the two runs agree on, spelled alike."""
    return [narrated[i].start - w.start for i, w in agreed(narrated, heard).items()]


CLASSES = {"plosive": "pbtdkgʔ", "fricative": "fvθðszʃʒh", "nasal": "mnŋ", "approximant": "lɹrwj"}  # else vowel


def kinds(sentences: list) -> list[dict[str, str]]:
    """For each narrated word: its first sound's class, its place, its length and whether the normaliser says it
    otherwise than it is written."""
    from piper.phonemize_espeak import EspeakPhonemizer

    from briefcast.segmenter.words import keys_of, token_of_each

    espeak = EspeakPhonemizer()
    out = []
    for s in sentences:
        tokens = [w.text for w in s.words]
        keys = keys_of(" ".join(tokens))
        owner = token_of_each(tokens, keys)
        for n, w in enumerate(s.words):
            said = [k for k, o in zip(keys, owner) if o == n]
            sounds = [p for ph in espeak.phonemize("en-us", said[0]) for p in ph if p.isalpha()] if said else []
            first = sounds[0] if sounds else ""
            place = "sentence start" if n == 0 else "after a pause" if w.start - s.words[n - 1].end >= 0.15 else \
                "inside a phrase"
            letters = len(_key(w.text))
            out.append({"first sound": next((c for c, ps in CLASSES.items() if first in ps), "vowel"),
                        "place": place, "letters": "1-3" if letters <= 3 else "4-6" if letters <= 6 else "7+",
                        "said": "as written" if said == [_key(w.text)] else "otherwise"})
    return out


def summary(diffs: list[float]) -> dict[str, float]:
    """|median| and p95 (ms) of differences, their signed median, and the |median| around that constant."""
    if not diffs:
        return {}
    gaps = sorted(abs(d) for d in diffs)
    middle = statistics.median(diffs)
    return {"median_ms": round(1000 * statistics.median(gaps), 1),
            "p95_ms": round(1000 * gaps[int(0.95 * (len(gaps) - 1))], 1),
            "signed_median_ms": round(1000 * middle, 1),
            "median_without_constant_ms": round(1000 * statistics.median(abs(d - middle) for d in diffs), 1)}


def measure(path: Path, models: list[str], encoded: str | None, backend: str = "faster-whisper") -> dict[str, object]:
    from briefcast import NarrateOptions, TranscribeOptions, narrate, read_article

    article = read_article(path)
    with tempfile.TemporaryDirectory() as tmp:
        options = NarrateOptions(format="wav", engine="piper", cache_dir=tmp, intro=False, outro=False)
        result = narrate(article, Path(tmp) / "b.wav", options=options)
        heard = {m: _heard(result.path, TranscribeOptions(model=None if m == BUNDLED else m, backend=backend))
                 for m in models}  # (none with --sound-only)
        onsets = _onsets(result.path)
        samples = _samples(result.path)
        lag = _lag(result.path, narrate(article, Path(tmp) / f"b.{encoded}",
                                        options=dataclasses.replace(options, format=encoded)).path) \
            if encoded else None
    narrated = [w for s in result.article.sentences for w in s.words]
    kind = kinds(result.article.sentences)
    row: dict[str, object] = {"article": path.name, "narrated_words": len(narrated)}
    matched = {}
    for name, words in heard.items():
        diffs = differences(narrated, words)
        matched[name] = agreed(narrated, words)
        row[name] = {"heard_words": len(words), "agreed": len(diffs), **summary(diffs),
                     "starts": [{"difference": narrated[i].start - h.start, **kind[i]}  # type: ignore[attr-defined]
                                for i, h in matched[name].items() if i > 0]}  # not the first: Whisper starts it at 0
    if len(heard) > 1:
        (a, x), (b, y) = list(matched.items())[:2]
        common = [i for i in x if i in y and i > 0]  # not the first word: Whisper starts it at 0
        row[f"{a} - {b}"] = {"agreed": len(common), **summary([x[i].start - y[i].start for i in common])}
    started = [s.words[0].start - min(onsets, key=lambda o: abs(o - s.words[0].start))
               for s in result.article.sentences if s.words]
    row["sentence_start"] = {"words": len(started), **summary(started)}
    resumed = [b.start - min(onsets, key=lambda o: abs(o - b.start)) for s in result.article.sentences
               for a, b in zip(s.words, s.words[1:]) if b.start - a.end >= 0.15]
    row["after_pause"] = {"words": len(resumed), **summary(resumed)}
    hissed = _hisses(result.article.sentences, samples)
    row["joined_hiss"] = {"words": len(hissed), **summary(hissed)}
    ended = _hiss_ends(result.article.sentences, samples)
    row["after_hiss"] = {"words": len(ended), **summary(ended)}
    if encoded:
        row[f"{encoded}_lag_samples"] = lag
    return row


def by_kind(starts: list[dict]) -> dict[str, dict[str, float]]:
    """summary() of the start differences of each kind of word (see kinds()), and of all of them."""
    groups: dict[str, list[float]] = {"all": [w["difference"] for w in starts]}
    for w in starts:
        for field, value in w.items():
            if field != "difference":
                groups.setdefault(f"{field}: {value}", []).append(w["difference"])
    return {name: {"agreed": len(groups[name]), **summary(groups[name])}
            for name in ["all", *sorted(k for k in groups if k != "all")]}


def _heard(path: Path, options: object) -> list:
    from briefcast import transcribe

    return [w for s in transcribe(path, options=options).sentences for w in s.words]


def _onsets(path: Path) -> list[float]:
    """Seconds where sound starts after at least 60 ms of silence (below -45 dBFS)."""
    from pydub import AudioSegment
    from pydub.silence import detect_nonsilent

    seg = AudioSegment.from_file(path)
    return [a / 1000 for a, _ in detect_nonsilent(seg, min_silence_len=60, silence_thresh=-45, seek_step=2)]


def _samples(wav: Path) -> tuple[object, int]:
    """The WAV's samples (float, mono) and rate."""
    import wave

    import numpy as np

    with wave.open(str(wav), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64) / 32768, w.getframerate()


def _hisses(sentences: list, samples: tuple) -> list[float]:
    """Start differences (s, narrated minus heard) of the words said straight after a voiced one that start with
    s or f, against the first 5 ms after the word before them ends (less 0.1 s) whose energy above 3.5 kHz passes
    that below 1.5 kHz."""
    import numpy as np

    x, rate = samples
    n = int(0.005 * rate)
    freqs = np.fft.rfftfreq(n, 1 / rate)
    out = []
    for s in sentences:
        for a, b in zip(s.words, s.words[1:]):
            if a.text[-1].lower() not in "aeioulmnrwy" or b.text[0] not in "sfSF" or b.text.isupper():
                continue
            t = max(a.start, a.end - 0.1)
            while t < b.start + 0.06:
                power = np.abs(np.fft.rfft(x[int(t * rate):int(t * rate) + n] * np.hanning(n))) ** 2
                if power[freqs > 3500].sum() > power[freqs < 1500].sum():
                    out.append(b.start - (t + n / rate / 2))
                    break
                t += 0.0025
    return out


def _hiss_ends(sentences: list, samples: tuple) -> list[float]:
    """Start differences (s, narrated minus heard) of the words said straight after one ending in s, f or x that
    start with a vowel, l, m, n, r, w or y (not an acronym), against the end of the hiss before them: from 0.1 s
    before the word, the first 5 ms that no longer hiss (energy above 3.5 kHz passing that below 1.5 kHz) after at
    least 20 ms that did."""
    import numpy as np

    x, rate = samples
    n = int(0.005 * rate)
    freqs = np.fft.rfftfreq(n, 1 / rate)

    def hisses(t: float) -> bool:
        power = np.abs(np.fft.rfft(x[int(t * rate):int(t * rate) + n] * np.hanning(n))) ** 2
        return bool(power[freqs > 3500].sum() > power[freqs < 1500].sum())

    out = []
    for s in sentences:
        for a, b in zip(s.words, s.words[1:]):
            if a.text[-1].lower() not in "sfx" or b.text[0].lower() not in "aeioulmnrwy" or b.text.isupper():
                continue
            t, since = max(a.start, b.start - 0.1), None
            while t < b.start + 0.1:
                if hisses(t):
                    since = t if since is None else since
                elif since is not None and t - since >= 0.02:
                    out.append(b.start - (t + n / rate / 2))
                    break
                else:
                    since = None
                t += 0.0025
    return out


def _lag(wav: Path, other: Path) -> int:
    """Samples by which `other`, decoded by ffmpeg at the WAV's rate, lags the WAV (its first 20 s compared)."""
    import wave

    import numpy as np

    with wave.open(str(wav), "rb") as w:
        rate, ref = w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64)
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(other), "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"],
                         capture_output=True, check=True).stdout
    got = np.frombuffer(pcm, "<i2").astype(np.float64)
    n = min(len(ref), len(got), 20 * rate)
    a, b, most = ref[:n], got[:n], rate // 20  # lags up to 50 ms either way

    def match(k: int) -> float:
        return float(np.dot(a[max(0, -k):n - max(0, k)], b[max(0, k):n - max(0, -k)]))

    return max(range(-most, most + 1), key=match)


def _line(v: dict) -> str:
    if "median_ms" not in v:
        return "no words"
    return (f"|start difference| median {v['median_ms']} ms, p95 {v['p95_ms']} ms; signed median "
            f"{v['signed_median_ms']} ms; without it, median {v['median_without_constant_ms']} ms")


def print_rows(rows: list[dict]) -> None:
    """The rows measure() made, as lines of text (what the script prints without --json)."""
    for r in rows:
        print(f"{r['article']}: {r['narrated_words']} words narrated")
        for name, v in r.items():
            if isinstance(v, dict):
                count = f"{v['agreed']} agreed" if "agreed" in v else f"{v['words']} words"
                print(f"  {name}: {count}; {_line(v)}")
            elif name.endswith("_lag_samples"):
                print(f"  {name.split('_')[0]} decoded vs the WAV: {v} samples")
    models = [name for name, v in rows[0].items() if isinstance(v, dict) and "starts" in v] if rows else []
    for name in models:
        print(f"{name}, the articles together, by kind of word (the first word of each article left out):")
        for kind, k in by_kind([w for r in rows for w in r[name]["starts"]]).items():
            print(f"  {kind}: {k['agreed']} agreed; {_line(k)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", nargs="*", type=Path, default=[p for p in ARTICLES if p.is_file()])
    parser.add_argument("--model", nargs="+", default=[BUNDLED],
                        help="recogniser models (tiny.en: the bundled one, the default); two are also compared")
    parser.add_argument("--backend", default="faster-whisper", choices=["faster-whisper", "openai-whisper"],
                        help="the recogniser's implementation (openai-whisper: the reference one)")
    parser.add_argument("--sound-only", action="store_true", help="no recogniser: the checks against the sound")
    parser.add_argument("--encoded", metavar="FORMAT", help="also narrate to FORMAT (mp3, ogg, ...) and report its lag")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    models = [] if args.sound_only else args.model
    rows = [measure(p, models, args.encoded, args.backend) for p in args.articles]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
