"""Words as a voice says them, comparable across texts: the printed words of a sentence paired with its spoken ones.

Both directions use it: transcription aligns the words it heard with a printed script, and narration times each
printed word from the spoken words the engine reports ('$4 billion' is said 'four billion dollars': the spoken
words are aligned with the printed ones said one by one).
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from ..document import Word
from .speech import speak

_NOT_WORD = re.compile(r"[^\w']+")


def keys_of(text: str, *, spoken: bool = False) -> list[str]:
    """The comparable words of `text`: said as the speech normaliser says it (unless already `spoken`), in lower
    case, without punctuation ('Mr. Smith-Jones, 1961' -> mister smith jones nineteen sixty one)."""
    said = text if spoken else speak(text)
    return [k for k in (w.strip("'") for w in _NOT_WORD.sub(" ", said.lower().replace("_", " ")).split()) if k]


def token_of_each(tokens: list[str], keys: list[str]) -> list[int]:
    """For each spoken word (`keys`) of a sentence, the index of the printed word (`tokens`, its text split at
    spaces) it says: the printed words are said one by one and the two runs aligned."""
    said = [(i, k) for i, t in enumerate(tokens) for k in keys_of(t)]
    owner = [0] * len(keys)
    matcher = difflib.SequenceMatcher(None, [k for _, k in said], keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            if tag == "equal":
                owner[j] = said[i1 + j - j1][0]
            elif i2 > i1:
                owner[j] = said[i1 + (j - j1) * (i2 - i1) // (j2 - j1)][0]
            elif said:
                owner[j] = said[max(i1 - 1, 0)][0]
    return owner


def timed_words(printed: str, said: Sequence[tuple[str, tuple[float, float] | None]], start: float) -> list[Word]:
    """Every printed word of a sentence (`printed` split at spaces) timed from the spoken words said for it: `said`
    is each spoken word (its text split at spaces) with its (start, end) seconds, None for one without sound. A
    spoken word that says several printed ones shares its time among them by length; a printed word nothing
    said ('—') takes no time, where the word before it ends (the sentence's `start` for the first)."""
    tokens = printed.split()
    keys: list[str] = []
    spans: list[tuple[float, float] | None] = []
    for text, span in said:
        parts = keys_of(text, spoken=True)
        keys += parts
        if span is None:
            spans += [None] * len(parts)
            continue
        size, t = sum(map(len, parts)), span[0]
        for part in parts:
            end = t + (span[1] - span[0]) * len(part) / size
            spans.append((t, end))
            t = end
    owned: dict[int, tuple[float, float]] = {}
    for owner, span in zip(token_of_each(tokens, keys), spans):
        if span is not None:
            old = owned.get(owner, span)
            owned[owner] = (min(old[0], span[0]), max(old[1], span[1]))
    words: list[Word] = []
    t = start
    for i, token in enumerate(tokens):
        a, b = owned.get(i, (t, t))
        a = max(a, words[-1].start) if words else a  # in order, whatever the alignment did
        words.append(Word(token, round(a, 3), round(max(a, b), 3)))
        t = max(a, b)
    return words
