"""Speech normalisation (placeholder until the real normaliser lands)."""
from __future__ import annotations


def speak(text: str) -> str:
    return " ".join(text.split())
