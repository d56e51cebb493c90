"""The faster-whisper backend (CTranslate2, int8 on CPU): the default, because it is the fastest on CPU."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from ..errors import EngineError, ModelError, ToolMissingError
from .backends import Segment, join_words
from .options import TranscribeOptions


class FasterWhisper:
    """A faster-whisper model loaded once; `recognise` streams segments as they are decoded."""

    name = "faster-whisper"

    def __init__(self, model: str, *, compute_type: str = "int8", threads: int = 0) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError as e:
            raise ToolMissingError("faster-whisper is not installed",
                                   hint="pip install faster-whisper (a dependency of briefcast)") from e
        try:
            self.model = WhisperModel(model, device="cpu", compute_type=compute_type, cpu_threads=threads,
                                      local_files_only=True)
        except ValueError as e:
            raise ModelError(f"cannot load faster-whisper model {model}: {e}",
                             hint="check --compute-type (int8, int8_float32, float32)") from e
        except (RuntimeError, OSError) as e:
            raise ModelError(f"cannot load faster-whisper model {model}: {e}",
                             hint="pass a CTranslate2 Whisper model folder (with model.bin)") from e
        self.multilingual = bool(self.model.model.is_multilingual)

    def recognise(self, audio: np.ndarray, options: TranscribeOptions,
                  progress: Callable[[float], None] | None = None) -> tuple[str | None, Iterator[Segment]]:
        language = options.language
        if not self.multilingual:
            if language not in (None, "en"):
                raise ModelError(f"this model is English-only; it cannot transcribe language {language!r}",
                                 hint="pass a multilingual model with --model, e.g. small")
            language = "en"
        import ctranslate2

        # Whisper falls back to sampling at higher temperatures on hard segments; a fixed seed makes the same
        # audio give the same text every run.
        ctranslate2.set_random_seed(0)
        try:
            segments, info = self.model.transcribe(
                audio, language=language, beam_size=options.beam_size, word_timestamps=True,
                vad_filter=options.vad, initial_prompt=options.initial_prompt)
        except ValueError as e:
            raise EngineError(f"faster-whisper failed: {e}") from e
        return info.language, self._segments(segments, progress)

    @staticmethod
    def _segments(segments: Iterator, progress: Callable[[float], None] | None) -> Iterator[Segment]:
        for s in segments:
            words = join_words([(w.word, w.start, w.end, w.probability) for w in (s.words or [])])
            yield Segment(float(s.start), float(s.end), s.text.strip(), float(s.avg_logprob),
                          float(s.compression_ratio), float(s.no_speech_prob), words)
            if progress:
                progress(float(s.end))
