"""Options for transcription: one frozen dataclass, a comment per field."""
from __future__ import annotations

from dataclasses import dataclass

from ..segmenter.pauses import DEFAULT_GRAMMAR, PauseGrammar
from .backends import CHOICES as BACKENDS


@dataclass(frozen=True)
class TranscribeOptions:
    """How to recognise speech and assemble the article."""

    backend: str = "auto"  # one of backends.CHOICES; "auto": faster-whisper if importable, else openai-whisper
    model: str | None = None  # None: the bundled tiny.en; else a model name, a CTranslate2 folder or a .pt checkpoint
    language: str | None = None  # ISO 639-1 code; None: detect (the bundled tiny.en model is English-only)
    compute_type: str = "int8"  # CTranslate2 quantisation on CPU (faster-whisper only): int8, int8_float32, float32
    beam_size: int = 5  # beam search width; 1 is greedy decoding (faster, slightly less accurate)
    vad: bool = False  # short input only: skip non-speech with the Silero VAD first (faster-whisper only)
    batch_size: int = 4  # long input: VAD speech chunks decoded at once (faster-whisper); 1: one at a time
    initial_prompt: str | None = None  # text that primes the vocabulary and style, e.g. names in the story
    prime: bool = True  # without initial_prompt, prime names from the media's metadata (title, tags, description)
    threads: int = 0  # CPU threads for the recogniser; 0: all cores
    max_paragraph_sentences: int = 6  # split a run of sentences no paragraph pause divided beyond this many
    grammar: PauseGrammar = DEFAULT_GRAMMAR  # the pause grammar read backwards: silence (s) -> break level
    allow_download: bool = True  # a model name not on disk may be fetched when the network answers (never in tests)

    def __post_init__(self) -> None:
        from ..errors import UsageError

        if self.backend not in BACKENDS:
            raise UsageError(f"unknown backend {self.backend!r}", hint=f"choose one of {', '.join(BACKENDS)}")
        if self.beam_size < 1:
            raise UsageError(f"beam size must be at least 1, not {self.beam_size}")
        if self.batch_size < 1:
            raise UsageError(f"batch size must be at least 1, not {self.batch_size}")
        if self.threads < 0:
            raise UsageError(f"threads must be 0 (all cores) or more, not {self.threads}")
        if self.max_paragraph_sentences < 1:
            raise UsageError("max paragraph sentences must be at least 1")
