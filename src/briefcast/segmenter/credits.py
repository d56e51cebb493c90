"""Credit roles in one table: the key in `Article.credits`, the phrase the outro speaks ("Edited by Jane Doe"), and
the phrasings that name the role in article text and in recognised speech, so that a credit survives the round trip.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    """One credit role."""

    key: str  # the key in Article.credits
    spoken: str  # the outro and the comment tag say "{spoken} by {name}"
    pattern: str  # regex (case-insensitive) of the words naming the role; a lookahead may demand "by" after them
    in_text: bool = True  # False: article text names it another way (the author: a byline, "Articles by X")
    heard: bool = True  # False: it credits what a listener never sees (the pictures): tagged, not said


ROLES: tuple[Role, ...] = (
    Role("voiceover", "Voiceover", r"voice[\s-]?over"),
    Role("narrator", "Narrated", r"narrat(?:ed|ion|or)|read(?=\s+by\b)"),
    Role("video_editing", "Video editing", r"video editing"),
    Role("editor", "Edited", r"edit(?:ed|or)|editing(?=\s+by\b)"),
    Role("producer", "Produced", r"produc(?:ed|er)|production(?=\s+by\b)"),
    Role("translator", "Translated", r"translat(?:ed|or)|translation(?=\s+by\b)"),
    Role("additional_reporting", "Additional reporting", r"additional reporting"),
    Role("reporting", "Reporting", r"reporting"),
    Role("music", "Music", r"music"),
    Role("fact_check", "Fact-checked", r"fact[\s-]?checked"),
    Role("research", "Research", r"research"),
    Role("video", "Video", r"video(?=\s+by\b)"),  # "Photo: X" or "Video: X" is a caption, "Photos by X" a credit
    Role("photography", "Photography", r"(?:photos?|photography)(?=\s+by\b)", heard=False),
    Role("illustration", "Illustrations", r"illustrations?(?=\s+by\b)", heard=False),
    Role("camera", "Filmed", r"(?:filmed|camera)(?=\s+by\b)"),
    Role("author", "Written", r"written(?=\s+by\b)", in_text=False),
)
BY_KEY = {r.key: r for r in ROLES}

TEXT_ROLES = "|".join(r.pattern for r in ROLES if r.in_text)  # a regex alternation for article text
SPOKEN_ROLES = "|".join(r.pattern for r in ROLES)  # and for recognised speech


def role_key(phrase: str) -> str:
    """The credits key for the words that named a role: "Edited" -> "editor", "voice over" -> "voiceover";
    an unknown phrase becomes a key of its own ("Sound design" -> "sound_design")."""
    words = " ".join(phrase.split())
    for role in ROLES:
        m = re.match(role.pattern, words + " by", re.IGNORECASE)
        if m and m.end() == len(words):
            return role.key
    return re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")


def credit_line(key: str, name: str) -> str:
    """How a credit is spoken and tagged: "Edited by Jane Doe"; an unknown key reads as words ("Sound design by")."""
    role = BY_KEY.get(key)
    return f"{role.spoken if role else key.replace('_', ' ').capitalize()} by {name}"
