"""Safe output names derived from titles (shared by narration and batch)."""
from __future__ import annotations

import re
import unicodedata

MAX_STEM = 80  # characters in a derived file stem
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def printable(text: str) -> str:
    """`text` with every unprintable character quoted as an escape (`\\n`, `\\x1b`, `\\u2028`), as ls and git
    do: a file name can then neither drive the terminal nor forge a second `briefcast: error:` line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def safe_stem(title: str | None, *, default: str = "briefing", max_len: int = MAX_STEM) -> str:
    """A file stem from a title: ASCII letters, digits, '-' and '_' only; no path separators, no leading '-' or
    '.', at most `max_len` characters, cut at a word boundary; `default` when nothing usable is left.

    >>> safe_stem("Video: Syrian Army Advancing in Raqqa Province, Withdrawal of ISIS")
    'Video-Syrian-Army-Advancing-in-Raqqa-Province-Withdrawal-of-ISIS'
    """
    text = re.sub(r"['\u2019`]", "", title or "")
    text = re.sub(r"[^\w]+", " ", text)  # punctuation and dashes of any script become separators
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9_]+", "-", text).strip("-_.")
    if len(stem) > max_len:
        cut = stem[:max_len]
        stem = cut.rsplit("-", 1)[0] if "-" in cut[max_len // 2:] else cut
        stem = stem.strip("-_.")
    if not stem or stem.lower() in _RESERVED:
        return default
    return stem
