"""The recogniser interface: audio in, segments of timed words out (what every backend returns)."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..document import Word

if TYPE_CHECKING:
    import numpy as np

    from .options import TranscribeOptions

Span = tuple[float, float]  # (start, end) in seconds
Chunk = tuple[Span, ...]  # speech spans decoded together, the silences between them left out (<= 30 s of speech)


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

    def shifted(self, offset: float) -> Segment:
        """The same segment `offset` seconds later (a window's times -> the recording's)."""
        return self.moved(lambda t, is_end=False: t + offset)

    def moved(self, when: Callable[..., float]) -> Segment:
        """The same segment with every time t put at `when(t, is_end=...)`."""
        return Segment(when(self.start), when(self.end, is_end=True), self.text, self.avg_logprob,
                       self.compression_ratio, self.no_speech_prob,
                       [Word(w.text, when(w.start), when(w.end, is_end=True), w.probability) for w in self.words])


class Recogniser(Protocol):
    """A loaded speech recogniser."""

    name: str  # backend name, e.g. "faster-whisper"

    def recognise(self, audio: np.ndarray, options: TranscribeOptions,
                  progress: Callable[[float], None] | None = None) -> tuple[str | None, Iterator[Segment]]:
        """(language, segments) for 16 kHz mono float32 `audio` decoded in one sequence (Whisper's long-form
        decoding, each window prompted with the previous text); `progress` gets the audio position (s)."""
        ...

    def recognise_chunks(self, audio: np.ndarray, chunks: Sequence[Chunk], options: TranscribeOptions,
                         *, retry: bool = False) -> tuple[str | None, list[list[Segment]]]:
        """(language, segments of each chunk) for speech chunks of `audio`, each decoded on its own (see
        windows.Layout), times relative to `audio`. `retry`: the chunks came back empty; decode them another way."""
        ...


@runtime_checkable
class Scorer(Protocol):
    """A recogniser that can say how likely given words are in given audio (teacher-forced decoding)."""

    def log_probs(self, audio: np.ndarray, before: str, texts: Sequence[str]) -> list[float]:
        """The log probability (nats per token) of each of `texts` said after the words `before` in 16 kHz mono
        float32 `audio` (at most 30 s): the mean over the text's own tokens (a name of three tokens against one of
        one)."""
        ...


def english_only(language: str | None, task: str) -> None:
    """ModelError unless an English-only model can do this: English speech (or undetected), transcribed."""
    from ..errors import ModelError

    if language not in (None, "en"):
        raise ModelError(f"this model is English-only; it cannot transcribe language {language!r}",
                         hint="pass a multilingual model with --model, e.g. base (briefcast models install base)")
    if task != "transcribe":
        raise ModelError(f"this model is English-only; it cannot {task} speech into English",
                         hint="pass a multilingual model with --model, e.g. base (briefcast models install base)")


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
