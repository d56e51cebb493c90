"""Transcription: a video or audio voiceover -> a structured Article (faster-whisper or openai-whisper).

Heavy libraries (faster_whisper, ctranslate2, torch, whisper, and numpy here) are imported only when used, so that
the CLI can read the backend list (`backends.CHOICES`) without loading them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .options import TranscribeOptions

if TYPE_CHECKING:
    from .pipeline import transcribe, transcribe_audio

__all__ = ["transcribe", "transcribe_audio", "TranscribeOptions"]


def __getattr__(name: str) -> Any:
    if name in ("transcribe", "transcribe_audio"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
