"""Sentence splitting (placeholder until the real splitter lands)."""
from __future__ import annotations


def split_sentences(text: str) -> list[str]:
    import pysbd

    return [s.strip() for s in pysbd.Segmenter(language="en", clean=False).segment(text) if s.strip()]
