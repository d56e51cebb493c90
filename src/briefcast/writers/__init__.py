"""Writers keyed by format: a small class per format with its `extension`; `get_writer(name)`, `"all"` supported.

`WRITERS` is the one table of text formats: segment, transcribe and batch take their choices, the extensions -o
may have and the lists in their help from it, so a new format is one class and one entry here.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..document import Article
from ..errors import UsageError
from ..fileio import write_text_atomic
from .changes import ChangesWriter
from .subtitles import SrtWriter, VttWriter
from .text import JsonWriter, MarkdownWriter, ScriptWriter, TextWriter, Writer

WRITERS: dict[str, type[Writer]] = {
    w.name: w for w in (MarkdownWriter, TextWriter, JsonWriter, ScriptWriter, SrtWriter, VttWriter, ChangesWriter)
}
ALIASES = {"text": "txt", "markdown": "md"}
ALL = tuple(name for name, w in WRITERS.items() if w.in_all)  # what `all` means: md, txt, json, srt, vtt


def format_list(names: Sequence[str], last: str = "or") -> str:
    """`md, txt, json, srt or vtt`: names for a help text or a hint."""
    names = list(names)
    return ", ".join(names[:-1]) + f" {last} " + names[-1] if len(names) > 1 else "".join(names)


def untimed_names() -> tuple[str, ...]:
    """The formats an article read from text can be written in (no subtitles: it has no times)."""
    return tuple(name for name, w in WRITERS.items() if not w.timed)


def format_for_suffix(suffix: str, *, timed: bool = True) -> str | None:
    """The format an -o extension (`.md`, `.markdown`) chooses, or None; `timed=False`: subtitles choose none."""
    for name, w in WRITERS.items():
        if suffix.lower() in w.suffixes and (timed or not w.timed):
            return name
    return None


def suffixes(*, timed: bool = True) -> list[str]:
    """The -o extensions that choose a format (without subtitles when `timed` is False), one per format."""
    return [w.suffixes[0] for w in WRITERS.values() if w.suffixes and (timed or not w.timed)]


def get_writer(name: str, **options: object) -> Writer:
    """The writer for a format name or file extension (`md`, `txt`/`text`, `json`, `script`, `srt`, `vtt`)."""
    key = ALIASES.get(name.lower().lstrip("."), name.lower().lstrip("."))
    if key not in WRITERS:
        raise UsageError(f"unknown format {name!r}", hint=f"choose one of {', '.join(sorted(WRITERS))} or all")
    return WRITERS[key](**options)


def format_names(spec: str) -> list[str]:
    """Expand a comma-separated list of formats, with `all`, into canonical names (validated, unique, in order)."""
    names: list[str] = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        for name in ALL if part.lower() == "all" else (part,):
            w = get_writer(name)
            if w.name not in names:
                names.append(w.name)
    if not names:
        raise UsageError("no output format given", hint=f"choose from {', '.join(sorted(WRITERS))} or all")
    return names


def write(article: Article, path: str | Path, fmt: str | None = None, **options: object) -> Path:
    """Render `article` in `fmt` (default: from the extension) and write it to `path` atomically."""
    writer = get_writer(fmt or Path(path).suffix or "md", **options)
    return write_text_atomic(path, writer.render(article))


__all__ = ["Writer", "get_writer", "format_names", "format_for_suffix", "format_list", "suffixes", "untimed_names",
           "write", "WRITERS", "ALL"]
