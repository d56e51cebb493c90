"""Output planning: where each command writes, worked out from plain values (the -o given, the inputs, the formats
and options) and checked before any work, so that nothing existing is replaced without --force and no input ever.

The CLI hands these functions its parsed values and reports what they raise (UsageError, OutputError); nothing here
reads the CLI's state. Narration: audio_folder, audio_format, audio_target. An episode: episode_format. A word said:
said_format. Transcription: text_targets, check_writable. Segmenting: segment_format. A feed: feed_target. A
converted model: checkpoint_paths.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError, UsageError
from .formats import AUDIO_FORMATS

if TYPE_CHECKING:
    from .document import Article
    from .narrate.options import NarrateOptions

__all__ = ["audio_folder", "audio_format", "audio_target", "episode_format", "said_format", "text_targets",
           "check_writable", "segment_format", "feed_target", "checkpoint_paths"]


def audio_folder(output: str | None, inputs: Sequence[str]) -> bool:
    """Whether -o `output` names a folder for the narrations of `inputs` (it ends with a slash, has no extension,
    or is a folder not named like audio); UsageError for a file of an unknown audio extension, or one file for
    several inputs."""
    if output is None:
        return False
    p = Path(output)
    audio = p.suffix.lower().lstrip(".") in AUDIO_FORMATS
    folder = output.endswith(("/", os.sep)) or not p.suffix or (p.is_dir() and not audio)
    if not folder and not audio:
        raise UsageError(f"-o {output}: unknown audio extension {p.suffix!r}",
                         hint="name it .mp3, .ogg, .opus, .m4a or .wav, or give a folder ending in /")
    if len(inputs) > 1 and not folder:
        raise UsageError("several files need -o to be a folder", hint="e.g. -o podcast/")
    return folder


def audio_format(output: str | None, inputs: Sequence[str]) -> str | None:
    """The audio format -o's extension names ("briefing.opus": "opus"); None for no -o or a folder (the options'
    format then). UsageError as audio_folder."""
    if output is None or audio_folder(output, inputs):
        return None
    return Path(output).suffix.lower().lstrip(".")


def said_format(output: str | None, *, play: bool) -> str:
    """The format `say` writes: -o's extension, else wav (a temporary file to play). UsageError with nothing to do
    (no -o and no --play) or for an extension that is no audio format."""
    if output is None and not play:
        raise UsageError("nothing to do", hint="give -o FILE to write the audio, or --play to hear it")
    if output is None:
        return "wav"
    chosen = Path(output).suffix.lower().lstrip(".")
    if chosen not in AUDIO_FORMATS:
        raise UsageError(f"-o {output}: unknown audio extension {Path(output).suffix!r}",
                         hint="name it .wav, .mp3, .ogg, .opus or .m4a")
    return chosen


def episode_format(output: str) -> str:
    """The format of a brief's episode file from its extension; mp3 for a name without one."""
    return Path(output).suffix.lower().lstrip(".") or "mp3"


def audio_target(article: Article, source: str, output: str | None, folder: bool, options: NarrateOptions,
                 taken: set[Path], inputs: Sequence[str]) -> Path:
    """The audio path for one article: named after its title in a folder (distinct within this run), or the -o file;
    checked before any work so that nothing existing is replaced without --force, and no input ever."""
    from .fileio import check_targets, unique_path
    from .narrate.narrator import default_output
    from .narrate.tags import sidecar_paths

    if output is not None and folder:
        Path(output).mkdir(parents=True, exist_ok=True)
    if output is None or folder:
        where = None if output is None else output.rstrip("/") + "/"
        target = unique_path(default_output(article, source, where, options), taken)
    else:
        target = Path(output)
    check_targets([target, *sidecar_paths(target, options.sidecar_kinds).values()], force=options.force,
                  inputs=inputs)
    return target


def text_targets(media: Sequence[str], output: str | None,
                 fmt: str | None) -> tuple[list[str], Callable[[str], dict[str, Path | None]]]:
    """The formats to write and, per input, a mapping format -> output path (None: standard output); two inputs
    with the same name get distinct outputs (`talk.md`, `talk-2.md`)."""
    from .fileio import unique_path
    from .writers import get_writer

    out_dir, formats = _text_formats(media, output, fmt)
    check_writable(out_dir if out_dir is not None else Path(output).parent if output else None)
    taken: set[Path] = set()

    def plan(item: str) -> dict[str, Path | None]:
        stem, item = _text_stem(item)
        if out_dir is not None:
            paths = {f: out_dir / f"{stem}.{get_writer(f).extension}" for f in formats}
        elif output is not None:
            return {formats[0]: Path(output)}
        elif len(media) == 1:
            return {formats[0]: None}
        else:
            paths = {f: Path(item).with_suffix("." + get_writer(f).extension) for f in formats}
        return {f: unique_path(p, taken) for f, p in paths.items()}

    return formats, plan


def _text_formats(media: Sequence[str], output: str | None, fmt: str | None) -> tuple[Path | None, list[str]]:
    """The folder -o names (None for a file or standard output) and the formats to write; UsageError for what
    cannot be written so (several inputs or formats to one file, an unknown extension, several formats or a
    nameless input to standard output)."""
    from .writers import format_for_suffix, format_list, format_names, suffixes

    out_dir = _text_folder(media, output)
    chosen = format_for_suffix(Path(output).suffix) if output is not None and out_dir is None else "md"
    if chosen is None and output is not None:
        raise UsageError(f"-o {output}: unknown extension {Path(output).suffix!r}",
                         hint=f"name it {format_list(suffixes())}, or give a folder ending in /")
    formats = format_names(fmt) if fmt else [chosen or "md"]
    if output and out_dir is None and len(formats) > 1:
        raise UsageError(f"-o {output}: one file for {len(formats)} formats", hint="give a folder, e.g. -o out/")
    if output is None and len(formats) > 1 and len(media) == 1:
        raise UsageError(f"{len(formats)} formats cannot all go to standard output", hint="add -o FOLDER")
    if output is None and "-" in media and len(media) > 1:
        raise UsageError("standard input has no name to write beside", hint="add -o FOLDER")
    return out_dir, formats


def _text_folder(media: Sequence[str], output: str | None) -> Path | None:
    """The folder -o names (an existing folder, a name ending in a slash or without an extension); None for a file
    or standard output; UsageError for one file for several inputs."""
    if output is None:
        return None
    p = Path(output)
    if p.is_dir() or output.endswith(("/", os.sep)) or not p.suffix:
        return p
    if len(media) > 1:
        raise UsageError(f"-o {output}: one file for {len(media)} inputs", hint="give a folder, e.g. -o out/")
    return None


def _text_stem(item: str) -> tuple[str, str]:
    """The name an input's transcript takes, and the path it is written beside: a URL is named for the last part of
    its path and written in the current folder; standard input is "stdin"."""
    from .transcribe.download import is_url

    stem = Path(item).stem if item != "-" else "stdin"
    if is_url(item):
        from .names import safe_stem

        stem = safe_stem(Path(item.split("?")[0].rstrip("/")).stem, default="video")
        item = stem + ".url"
    return stem, item


def check_writable(folder: Path | None) -> None:
    """Fail before the (slow) transcription when the output cannot be written."""
    if folder is None:
        return
    p = folder if str(folder) else Path(".")
    while not p.exists() and p != p.parent:
        p = p.parent
    if not p.is_dir() or not os.access(p, os.W_OK):
        raise OutputError(f"{folder}: cannot write here", hint="choose a writable output folder")


def segment_format(output: str | None, fmt: str | None, source: str, *, force: bool) -> str:
    """The format `segment` writes: `fmt` (--format), else -o's extension (an untimed format), else md. -o is checked
    before any work: UsageError for an unknown extension, OutputError for an existing file without --force or for
    the input itself."""
    from .fileio import check_targets
    from .writers import format_for_suffix, format_list, suffixes

    if output is not None:
        suffix = Path(output).suffix.lower()
        chosen = format_for_suffix(suffix, timed=False)
        if chosen is None:
            raise UsageError(f"-o {output}: unknown extension {suffix or '(none)'!r}",
                             hint=f"name it {format_list(suffixes(timed=False))}")
        fmt = fmt or chosen
        check_targets([output], force=force, inputs=[source])
    return fmt or "md"


def feed_target(folder: str, output: str | None, *, force: bool) -> Path:
    """Where a feed of `folder` is written: -o, else FOLDER/feed.xml. UsageError unless it is named *.xml or *.rss;
    OutputError for an existing file without --force, except a feed briefcast wrote (replacing it loses nothing)."""
    from .feed import FEED_NAME, written_by_briefcast
    from .fileio import check_targets

    target = Path(output) if output else Path(folder) / FEED_NAME
    if target.suffix.lower() not in (".xml", ".rss"):
        raise UsageError(f"-o {output}: a feed is named *.xml or *.rss", hint=f"e.g. -o {target.with_suffix('.xml')}")
    check_targets([target], force=force or written_by_briefcast(target))
    return target


def checkpoint_paths(paths: Sequence[str], *, bundled: bool, force: bool) -> tuple[Path, Path]:
    """`models convert`'s CTranslate2 model and the checkpoint to write from it: CT2_DIR OUT.pt, or with `bundled`
    the bundled model and OUT.pt (default: where transcription looks for it). UsageError for other paths or a name
    not *.pt; OutputError for an existing file without `force`, or one of the model's own files."""
    from .fileio import check_targets
    from .transcribe.models import bundled_model_dir, default_checkpoint_path

    if bundled:
        if len(paths) > 1:
            raise UsageError("with --bundled give only the output file",
                             hint="briefcast models convert --bundled OUT.pt")
        src, out = bundled_model_dir(), Path(paths[0]) if paths else default_checkpoint_path()
    else:
        if len(paths) != 2:
            raise UsageError("give CT2_DIR and OUT.pt (or --bundled OUT.pt)",
                             hint="briefcast models convert ./model-ct2 model.pt")
        src, out = Path(paths[0]), Path(paths[1])
    if out.suffix.lower() != ".pt":
        raise UsageError(f"{out}: an openai-whisper checkpoint is named *.pt", hint=f"e.g. {out.with_suffix('.pt')}")
    check_targets([out], force=force, inputs=[src, *(src.glob("*") if src.is_dir() else [])])
    return src, out
