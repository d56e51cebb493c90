"""Transcription: a video or audio voiceover -> a structured Article (faster-whisper or openai-whisper).

Heavy libraries (faster_whisper, ctranslate2, torch, whisper) are imported only when a model is loaded.
"""
from __future__ import annotations

from .options import TranscribeOptions
from .pipeline import transcribe, transcribe_audio

__all__ = ["transcribe", "transcribe_audio", "TranscribeOptions"]
