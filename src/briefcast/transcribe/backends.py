"""The recogniser interface: audio in, segments of timed words out; real backends load lazily and are cached."""
from __future__ import annotations

import functools
import importlib.util
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ..document import Word
from ..errors import ToolMissingError
from .options import TranscribeOptions

log = logging.getLogger(__name__)


@dataclass
class Segment:
    """One recognised segment (seconds) with the decoder's own quality signals."""

    start: float
    end: float
    text: str
    avg_logprob: float = 0.0  # mean token log probability; < -1 is doubtful
    compression_ratio: float = 1.0  # gzip ratio of the text; > 2.4 means repetitive output
    no_speech_prob: float = 0.0  # probability the window held no speech
    words: list[Word] = field(default_factory=list)


class Recogniser(Protocol):
    """A loaded speech recogniser."""

    name: str  # backend name, e.g. "faster-whisper"

    def recognise(self, audio: np.ndarray, options: TranscribeOptions,
                  progress: Callable[[float], None] | None = None) -> tuple[str | None, Iterator[Segment]]:
        """(language, segments) for 16 kHz mono float32 `audio`; `progress` gets the audio position (s)."""
        ...


def join_words(raw: list[tuple[str, float, float, float]]) -> list[Word]:
    """Words from (token text with its leading space, start, end, probability); a piece without a leading space
    ("-substantial" after " self") continues the previous word."""
    words: list[Word] = []
    for text, start, end, prob in raw:
        if not text.strip():
            continue
        if words and not text[:1].isspace():
            w = words[-1]
            words[-1] = Word(w.text + text.strip(), w.start, float(end), min(w.probability or 1.0, round(prob, 4)))
        else:
            words.append(Word(text.strip(), float(start), float(end), round(float(prob), 4)))
    return words


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def choose_backend(options: TranscribeOptions) -> str:
    """The backend `options.backend` names; "auto" prefers faster-whisper, or openai-whisper for a .pt file."""
    if options.backend != "auto":
        return options.backend
    if options.model and str(options.model).endswith((".pt", ".pth")):
        return "openai-whisper"
    if installed("faster_whisper"):
        return "faster-whisper"
    if installed("whisper"):
        return "openai-whisper"
    raise ToolMissingError("no speech recogniser is installed",
                           hint="pip install faster-whisper (a dependency of briefcast), or 'briefcast[whisper]'")


def get_recogniser(options: TranscribeOptions) -> Recogniser:
    """A loaded recogniser for the options, cached by (backend, model, compute type, threads)."""
    from .models import resolve_model

    backend = choose_backend(options)
    model = resolve_model(options.model, backend, allow_download=options.allow_download)
    return _load(backend, model, options.compute_type, options.threads)


@functools.lru_cache(maxsize=4)
def _load(backend: str, model: str, compute_type: str, threads: int) -> Recogniser:
    log.info("loading %s model %s", backend, model)
    if backend == "faster-whisper":
        from .faster import FasterWhisper

        return FasterWhisper(model, compute_type=compute_type, threads=threads)
    from .openai import OpenAIWhisper

    return OpenAIWhisper(model, threads=threads)
