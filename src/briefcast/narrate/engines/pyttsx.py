"""pyttsx3 with the espeak-ng driver (on Windows and macOS, the system voices pyttsx3 drives there).

Fast and tireless, every espeak-ng language; each engine runs in a worker process (../worker.py) because pyttsx3's
run loop can hang and its driver prints on stdout.
"""
from __future__ import annotations

import ctypes
import functools
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import EngineError, ToolMissingError
from ...tools import require
from .. import engine as pool
from . import Voice

if TYPE_CHECKING:
    from ..options import NarrateOptions

WORKER = Path(__file__).parent.parent / "worker.py"
ESPEAK_HINT = "install the Debian package espeak-ng (apt-get install espeak-ng)"
DEFAULT_RATE = 175  # words per minute when none is asked for


@functools.cache
def _espeak_version(exe: str) -> str:
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=10).stdout
    return " ".join(out.split()[:5]) or "unknown"


class Pyttsx3Engine:
    """The pyttsx3 engine: --voice is an espeak-ng voice id, short id or name ("gmw/en-us", "en-us")."""

    name = "pyttsx3"
    rates = (80, 450)
    summary = "espeak-ng"
    voice_hint = "an espeak-ng voice such as en-us"

    def installed(self) -> bool:
        try:
            self.check()
        except ToolMissingError:
            return False
        return True

    def check(self) -> None:
        if sys.platform.startswith("linux"):
            require("espeak-ng")
            try:
                ctypes.CDLL("libespeak-ng.so.1")
            except OSError as e:
                raise ToolMissingError("the espeak-ng library (libespeak-ng.so.1) is missing",
                                       hint=ESPEAK_HINT) from e
        if find_spec("pyttsx3") is None:
            raise ToolMissingError("the Python package pyttsx3 is not installed", hint="pip install pyttsx3")

    def owns(self, voice: str) -> bool:
        return not voice.lower().endswith((".onnx", ".json"))  # names are checked by the worker

    def version(self, voice: str | None) -> str:
        from importlib.metadata import version

        self.check()
        espeak = _espeak_version(shutil.which("espeak-ng") or "espeak-ng")
        return f"pyttsx3 {version('pyttsx3')}; {espeak}; voice {voice or ''}"

    def spec(self, voice: str | None, rate: int, volume: float) -> pool.WorkerSpec:
        return pool.WorkerSpec((sys.executable, str(WORKER), voice or "", str(rate), str(volume)), self.name,
                               hint=ESPEAK_HINT, say_hint="check that espeak-ng can say it: espeak-ng {text}",
                               reusable=shutil.which("espeak-ng") is not None)  # a fresh espeak-ng per text

    def voices(self) -> list[Voice]:
        self.check()
        reply, default = pool.ask(self.spec(None, DEFAULT_RATE, 1.0), {"voices": True}, "voices")
        voices = reply["voices"]
        if not isinstance(voices, list):  # the worker answers a JSON list of voices (see worker.py)
            raise EngineError(f"{self.name} answered {voices!r} when asked for its voices")
        return [Voice(str(v["id"]), str(v["name"]), tuple(v.get("languages") or ()), v.get("gender"),
                      default=str(v["id"]) == default) for v in voices]

    def phonemes(self, phonemes: str, voice: str | None) -> str:
        """As written: pyttsx3 hands espeak-ng its text without the phoneme flag, so the worker has espeak-ng's
        own command line (which reads [[...]]) say a sentence that holds phonemes, with the same voice, rate and
        volume (worker.py)."""
        return f"[[{phonemes}]]"

    def synthesize(self, texts: list[str], folder: Path, *, options: NarrateOptions,
                   on_done: Callable[[int, Path], None] | None = None) -> list[Path]:
        return pool.speak(self, texts, folder, options=options, on_done=on_done)


ENGINE = Pyttsx3Engine()
