"""The pause grammar: named break levels and their silences, in both directions.

Narration renders a break between two sentences as silence of the level's duration; transcription reads a measured
silence back as the most likely level. Durations are seconds.
"""
from __future__ import annotations

import enum
import math
from dataclasses import dataclass


class Break(enum.IntEnum):
    """Structural breaks between spoken sentences, weakest first."""

    SENTENCE = 1
    PARAGRAPH = 2
    SECTION = 3
    STORY = 4


@dataclass(frozen=True)
class PauseGrammar:
    """Silence (seconds) rendered for each break level.

    Neighbouring levels differ by >= 1.8x, so each reads back as itself through +/-25% of jitter.
    """

    sentence: float = 0.35  # between sentences of one paragraph
    paragraph: float = 1.0  # between paragraphs
    section: float = 1.8  # between sections, and after the intro
    story: float = 3.3  # between stories, before the outro

    def silence(self, level: Break) -> float:
        """Seconds of silence to render for `level`."""
        return {Break.SENTENCE: self.sentence, Break.PARAGRAPH: self.paragraph,
                Break.SECTION: self.section, Break.STORY: self.story}[Break(level)]

    def thresholds(self) -> list[tuple[float, Break]]:
        """Boundaries between neighbouring levels: the geometric mean of their silences (pauses vary by ratio)."""
        levels = list(Break)
        return [(math.sqrt(self.silence(a) * self.silence(b)), b) for a, b in zip(levels, levels[1:])]

    def classify(self, gap: float, *, scale: float = 1.0) -> Break:
        """The break level a measured silence of `gap` seconds most likely encodes.

        `scale` stretches the grammar for speakers who pause longer or shorter than it (1.0: as rendered).
        """
        level = Break.SENTENCE
        for boundary, upper in self.thresholds():
            if gap >= boundary * scale:
                level = upper
        return level


DEFAULT_GRAMMAR = PauseGrammar()
