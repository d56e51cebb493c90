"""Writers keyed by format: a small class per format with its `extension`; `get_writer(name)`, `"all"` supported."""
from __future__ import annotations

from pathlib import Path

from ..document import Article
from ..errors import UsageError
from ..fileio import write_text_atomic
from .subtitles import SrtWriter, VttWriter
from .text import JsonWriter, MarkdownWriter, ScriptWriter, TextWriter, Writer

WRITERS: dict[str, type[Writer]] = {
    w.name: w for w in (MarkdownWriter, TextWriter, JsonWriter, ScriptWriter, SrtWriter, VttWriter)
}
ALIASES = {"text": "txt", "markdown": "md"}
ALL = ("md", "txt", "json", "srt", "vtt")  # what `all` means for transcription


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


__all__ = ["Writer", "get_writer", "format_names", "write", "WRITERS", "ALL"]
