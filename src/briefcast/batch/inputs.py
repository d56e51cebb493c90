"""Batch inputs: expand files, folders, globs and `@list.txt` files; route each by type; give it a unique output stem.

A line of an @list may pair a recording with its printed article, `MEDIA<TAB>ARTICLE`: the recording is aligned
with that article (as `transcribe --script`), as it is with a `NAME.article.*` beside it.

Pure planning, no conversion: the result is a list of `Planned` inputs, each with its route (`narrate`, `transcribe`,
`segment`) or the one-line reason it cannot be converted.
"""
from __future__ import annotations

import errno
import fnmatch
import glob as globlib
import hashlib
import logging
import os
import stat
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import BriefcastError, InputError, UsageError
from ..fileio import read_bytes
from ..names import MAX_STEM, safe_stem
from ..transcribe.download import download, is_url
from ..transcribe.options import SCRIPT_SUFFIXES, script_beside

log = logging.getLogger(__name__)

TEXT_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
AUDIO_EXTENSIONS = frozenset({".mp3", ".wav", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".wma", ".aif",
                              ".aiff", ".amr"})
VIDEO_EXTENSIONS = frozenset({".mp4", ".mkv", ".webm", ".mov", ".avi", ".m4v", ".mpg", ".mpeg", ".ts", ".flv",
                              ".3gp", ".wmv"})
MEDIA_EXTENSIONS = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS
TARGETS = ("auto", "audio", "text")
MAX_LIST_BYTES = 32 * 2**20  # an @list file larger than this is refused while reading (about 300,000 paths)


@dataclass(frozen=True)
class Planned:
    """One input file: where it came from, how it is converted (`route`), or why not (`error`)."""

    path: Path  # absolute, resolved
    rel: Path  # path relative to the folder argument it was found in (just the name for a file argument)
    route: str | None  # "narrate", "transcribe", "segment"; None when the input cannot be converted
    error: str | None = None  # one-line reason when route is None
    script: Path | None = None  # a recording's printed article (resolved): paired in an @list, or beside it


class InputPlan(NamedTuple):
    """What plan_inputs found: the inputs to convert, those inside OUTDIR (left out), and the @list files read."""

    planned: list[Planned]
    ignored: list[str]
    lists: list[Path]  # resolved; inputs too, so never an output's place


class Expanded(NamedTuple):
    """What expand_inputs found: (file, relative path) pairs, (input, reason) misses, the @list files read
    (resolved), and the printed article an @list pairs with a recording (both resolved)."""

    found: list[tuple[Path, Path]]
    missing: list[tuple[str, str]]
    lists: list[Path]
    scripts: dict[Path, Path]


def expand_inputs(inputs: Sequence[str | os.PathLike[str]], *, pattern: str | None = None, recursive: bool = False,
                  to: str = "auto", reading: Any = None) -> Expanded:
    """Expand inputs into (file, relative path) pairs, in order and without duplicates, plus (input, reason) misses,
    the list files read (resolved) and the printed articles the lists pair with recordings.

    A folder gives its files (its whole tree with `recursive`), filtered by `pattern` (a glob on the name, or on the
    relative path when it holds a `/`); hidden files are left out. A glob gives what it matches; `@list.txt` gives the
    inputs listed in it, one a line (`#` starts a comment; relative paths are relative to the list file), or a
    recording and its printed article separated by a tab (InputError for a bad pairing line). A URL gives
    its best audio, downloaded into the cache by yt-dlp (once) with its info.json beside it; with `to` "audio", a URL
    is an article page or a feed instead, and it, or the feed's chosen items (`reading`: stories.ReadOptions), are
    saved into the cache as .html pages. A feed file named as an input (.rss, .atom, .xml) gives its items so too.
    """
    from ..stories import ReadOptions, is_feed_file, page_files, pages_dir

    reading = reading or ReadOptions()
    found: list[tuple[Path, Path]] = []
    missing: list[tuple[str, str]] = []
    lists_read: list[Path] = []
    scripts: dict[Path, Path] = {}
    seen: set[Path] = set()

    def add(path: Path, rel: Path) -> None:
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError) as e:  # a symlink loop or a dangling link: one failed entry, not the batch
            loop = isinstance(e, RuntimeError) or getattr(e, "errno", None) == errno.ELOOP
            reason = "a symlink loop" if loop else f"cannot be read ({getattr(e, 'strerror', None) or e})"
            missing.append((str(path), reason))
            return
        special = _not_a_file(resolved)
        if special is not None:  # a pipe or a device named as an input: it would block, or never end
            missing.append((str(path), special))
            return
        if resolved not in seen:
            seen.add(resolved)
            found.append((resolved, rel))

    def visit(item: str, base: Path | None, lists: tuple[Path, ...] = ()) -> None:
        if item.startswith("@") and len(item) > 1:
            list_path = Path(item[1:])
            if base is not None and not list_path.is_absolute():
                list_path = base / list_path
            here = list_path.resolve()
            if here in lists:  # lists may nest, but a list reached again through itself is a cycle
                raise InputError(f"{list_path}: the list file names itself (through {len(lists)} list"
                                 f"{'s' if len(lists) > 1 else ''})", hint="remove the @line that leads back to it")
            lines = _read_list(list_path)
            if here not in lists_read:
                lists_read.append(here)
            for n, line in lines:
                if "\t" in line:
                    media, script = _paired(list_path, n, line, to)
                    if scripts.setdefault(media, script) != script:
                        raise InputError(f"{list_path}:{n}: {media.name} is paired with two articles "
                                         f"({scripts[media]}, {script})", hint="pair each recording once")
                    add(media, Path(media.name))
                else:
                    visit(line.strip(), list_path.parent, (*lists, here))
            return
        if (is_url(item) and to == "audio") or (base is None and to != "text" and is_feed_file(item)):
            try:  # an article page or a feed: its stories as pages in the cache, narrated like any .html
                pages = page_files(item, pages_dir(), options=reading)
            except BriefcastError as e:
                missing.append((item, str(e).removeprefix(f"{item}: ")))
            else:
                for page in pages:
                    add(page, Path(page.name))
            return
        if is_url(item):
            try:
                downloaded = download(item, progress=sys.stderr.isatty())
            except BriefcastError as e:
                missing.append((item, str(e).removeprefix(f"{item}: ")))
            else:
                add(downloaded, Path(downloaded.name))
            return
        path = Path(item)
        if base is not None and not path.is_absolute():
            path = base / path
        if path.is_dir():
            files = _walk(path, recursive)
            if pattern:
                files = [f for f in files if _matches(f.relative_to(path), pattern)]
            for f in files:
                add(f, f.relative_to(path))
        elif path.exists() or path.is_symlink():
            add(path, Path(path.name))
        elif globlib.has_magic(item):
            matches = sorted(globlib.glob(str(path), recursive=True))
            if not matches:
                missing.append((item, "no file matches this pattern"))
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    visit(m, None)
                elif mp.is_file():
                    add(mp, Path(mp.name))
        else:
            missing.append((item, "no such file or folder"))

    for item in inputs:
        visit(os.fspath(item), None)
    return Expanded(found, missing, lists_read, scripts)


def _paired(list_path: Path, n: int, line: str, to: str) -> tuple[Path, Path]:
    """The recording and its printed article (both resolved) that line `n` of an @list pairs, `MEDIA<TAB>ARTICLE`
    (relative to the list file); InputError naming the line when either is not what it should be."""
    where = f"{list_path}:{n}"
    fields = [f.strip() for f in line.split("\t")]
    hint = "write a recording and its printed article a line, separated by one tab: video.mp4<TAB>page.html"
    if len(fields) != 2 or not all(fields):
        raise InputError(f"{where}: a pairing line holds a recording and its article, separated by one tab",
                         hint=hint)
    if to == "audio":
        raise InputError(f"{where}: pairs a recording with its article, but --to audio narrates articles only",
                         hint="leave out --to audio, or the pairing lines")
    media, script = ((p if p.is_absolute() else list_path.parent / p) for p in map(Path, fields))
    if media.suffix.lower() not in MEDIA_EXTENSIONS:
        raise InputError(f"{where}: {fields[0]} is not audio or video", hint=hint)
    if script.suffix.lower() not in SCRIPT_SUFFIXES:
        raise InputError(f"{where}: {fields[1]} is not an article (.html, .htm, .md, .txt)", hint=hint)
    for path, what in ((media, "recording"), (script, "article")):
        if not path.is_file():
            raise InputError(f"{where}: no such {what} file {path}", hint=hint)
    return media.resolve(), script.resolve()


def _not_a_file(path: Path) -> str | None:
    """Why `path` (resolved) is no input a batch can take, if it is not a regular file: a batch reads each input
    twice (to hash it, then to convert it), which a named pipe cannot give, and a device never ends."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file: a batch reads each input twice (give it to narrate or transcribe alone)"
    return "not a regular file (a device or a socket)"


def _read_list(path: Path) -> list[tuple[int, str]]:
    """The lines of an @list file with their numbers (from 1; blank and `#` lines left out), read with a cap while
    reading (fileio.read_bytes: /dev/zero ends at the cap, a named pipe with no writer after PIPE_WAIT)."""
    if not path.exists():
        raise InputError(f"{path}: no such list file", hint="write one input path a line into it")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a list file", hint="pass the folder itself, without the @")
    data = read_bytes(path, limit=MAX_LIST_BYTES, what="a list file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: cannot read the list file ({e})", hint="it must be UTF-8 text") from e
    return [(n, s) for n, s in enumerate((line.strip(" \f\v") for line in text.splitlines()), 1)  # (tabs pair)
            if s.strip() and not s.lstrip().startswith("#")]


def _walk(folder: Path, recursive: bool) -> list[Path]:
    """Files in `folder` (its whole tree when recursive), hidden files and folders left out, in sorted order."""
    if not recursive:
        try:
            return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file())
        except OSError as e:
            raise InputError(f"{folder}: cannot list the folder ({e.strerror})", hint="check its permissions") from e
    out: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
    return out


def _matches(rel: Path, pattern: str) -> bool:
    target = rel.as_posix() if "/" in pattern else rel.name
    return fnmatch.fnmatch(target, pattern) or (pattern.startswith("**/") and fnmatch.fnmatch(target, pattern[3:]))


def route(path: Path, to: str = "auto") -> tuple[str | None, str | None]:
    """(route, reason): articles are narrated (`--to text` segments them), audio and video are transcribed."""
    if to not in TARGETS:
        raise UsageError(f"unknown target {to!r}", hint="choose audio, text or auto")
    ext = path.suffix.lower()
    if ext in TEXT_EXTENSIONS:
        return ("segment", None) if to == "text" else ("narrate", None)
    if ext in MEDIA_EXTENSIONS:
        if to == "audio":
            return None, "is already audio or video: --to audio narrates articles only"
        return "transcribe", None
    return None, (f"unsupported file type {ext or '(no extension)'!r}: briefcast converts articles (.txt, .md, .html) "
                  "and audio or video (.mp3, .wav, .flac, .mp4, .mkv, .webm, ...)")


def plan_inputs(inputs: Sequence[str | os.PathLike[str]], outdir: Path, *, to: str = "auto",
                pattern: str | None = None, recursive: bool = False, reading: Any = None) -> InputPlan:
    """Expand and route every input; inputs inside `outdir` are left out (listed in `ignored`). `reading`: how URLs
    and feeds are read (stories.ReadOptions)."""
    found, missing, lists, paired = expand_inputs(inputs, pattern=pattern, recursive=recursive, to=to,
                                                  reading=reading)
    out_resolved = outdir.resolve()
    planned: list[Planned] = []
    ignored: list[str] = []
    media = {p.with_suffix("") for p, _ in found if p.suffix.lower() in MEDIA_EXTENSIONS}
    scripts = set(paired.values())
    for path, rel in found:
        if path == out_resolved or out_resolved in path.parents:
            ignored.append(str(path))
            continue
        if path in scripts or (path.name.lower().endswith(tuple(f".article{s}" for s in SCRIPT_SUFFIXES)) and
                               path.with_suffix("").with_suffix("") in media):  # NAME.article.md beside NAME.mp4
            log.info("%s is the printed article of a recording: aligned with it, not narrated", path)
            continue
        r, reason = route(path, to)
        script = paired.get(path) or (script_beside(path) if r == "transcribe" else None)
        planned.append(Planned(path, rel, r, reason, script))
    for item, reason in missing:
        planned.append(Planned(Path(item).absolute(), Path(item), None, reason))
    if ignored:
        log.info("left out %d input(s) inside the output folder %s", len(ignored), outdir)
    return InputPlan(planned, ignored, lists)


def assign_stems(planned: Iterable[Planned], reserved: Mapping[str, str]) -> dict[Path, str]:
    """A unique output stem for every routable input, stable across runs.

    `reserved` maps inputs already in the manifest to their stems: they keep them, and no other input takes them.
    Duplicate names get their relative sub-path folded in (`a/news.md` -> `a-news`), then a short hash suffix.
    Stems are compared case-insensitively, so outputs never collide on case-insensitive filesystems either.
    """
    stems: dict[Path, str] = {}
    taken: set[str] = {s.lower() for s in reserved.values()}
    todo = [p for p in planned if p.route is not None]
    for p in todo:
        if str(p.path) in reserved:
            stems[p.path] = reserved[str(p.path)]
    fresh = [p for p in todo if p.path not in stems]
    base = {p.path: safe_stem(p.rel.stem if p.rel.stem else p.path.stem) for p in fresh}
    counts: dict[str, int] = {}
    for p in fresh:
        counts[base[p.path].lower()] = counts.get(base[p.path].lower(), 0) + 1
    for p in fresh:
        stem = base[p.path]
        if counts[stem.lower()] > 1 or stem.lower() in taken:
            parts = [*p.rel.parent.parts, p.rel.stem] if p.rel.parent.parts else [stem]
            stem = safe_stem("-".join(parts))
            if stem.lower() in taken:
                digest = hashlib.sha1(str(p.path).encode("utf-8")).hexdigest()[:6]
                stem = f"{stem[: MAX_STEM - 7]}-{digest}"
                n = 2
                while stem.lower() in taken:
                    stem = f"{stem[: MAX_STEM - 7]}-{digest}{n}"
                    n += 1
        taken.add(stem.lower())
        stems[p.path] = stem
    return stems
