"""File I/O at the edges: reading text inputs robustly and writing outputs atomically."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError, OutputError, from_os_error

MAX_TEXT_BYTES = 50 * 1024 * 1024  # refuse text inputs above 50 MB


def read_text(path: str | os.PathLike[str] | None, data: bytes | None = None) -> str:
    """Read a text input (a path, or raw bytes from stdin) as str, detecting non-UTF-8 encodings.

    Raises InputError for a missing file, a directory, an empty or binary file, or undecodable bytes.
    """
    name = "standard input" if path is None or str(path) == "-" else str(path)
    if data is None:
        p = Path(path)  # type: ignore[arg-type]
        if not p.exists():
            raise InputError(f"{name}: no such file", hint="check the path")
        if p.is_dir():
            raise InputError(f"{name}: is a directory", hint="pass a file, or use `briefcast batch` for folders")
        try:
            data = p.read_bytes()
        except OSError as e:
            raise InputError(f"{name}: cannot read ({e.strerror})", hint="check its permissions") from e
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{name}: {len(data) // 2**20} MB is too large for an article", hint="split it first")
    if not data.strip():
        raise InputError(f"{name}: is empty", hint="pass an article with some text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", name)
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        raise InputError(f"{name}: looks like a binary file, not text", hint="pass a .txt, .md or .html article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from .segmenter.parse import decode_legacy  # Windows-1252 for Western text, else the detector

    return decode_legacy(data, name) or ""


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: invalid {encoding} text", hint="convert it to UTF-8 (e.g. with iconv)") from e


def _looks_binary(head: bytes) -> bool:
    """True when many bytes are control characters that text never contains."""
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(head) > 0.05


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to `path`; on success rename it over `path`, on failure delete it.

    A failure never leaves a truncated or partial output behind.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory", hint="give a file name, e.g. out/briefing.mp3")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.exists():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"{parent}: cannot create the folder ({e.strerror})",
                              hint="choose a writable place") from e
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part" + target.suffix, dir=parent)
    except OSError as e:
        raise OutputError(f"{parent}: cannot write here ({e.strerror})", hint="choose a writable output folder") from e
    os.close(fd)
    tmp_path = Path(tmp)
    with contextlib.suppress(OSError):  # mkstemp makes 0600 files; give the output the usual umask mode
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except OSError as e:  # a full disk, a place that turned read-only: one clear error naming the output
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise from_os_error(e, target) from e
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` to `path` as UTF-8, atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def data_digest(*parts: object) -> str:
    """sha256 of the JSON of `parts`: a key that is stable across runs and machines."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def file_digest(path: str | os.PathLike[str]) -> str:
    """sha256 of a file's bytes, read a megabyte at a time."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def check_targets(targets: Iterable[str | os.PathLike[str]], *, force: bool,
                  inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Fail before any work when an output would replace a file: an input never (even with `force`), any other
    existing file only with `force`. A folder in the way is always an error."""
    sources = {_identity(p) for p in inputs if str(p) != "-"}
    sources.discard(None)
    for t in targets:
        path = Path(t)
        if _identity(path) in sources:
            raise OutputError(f"{path}: is an input of this command", hint="choose another output name; "
                              "briefcast never writes over its input, even with --force")
        if path.is_dir():
            raise OutputError(f"{path}: is a directory", hint="remove it or choose another output name")
        if (path.exists() or path.is_symlink()) and not force:
            raise OutputError(f"{path}: already exists", hint="pass --force to overwrite it")


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(device, inode) of an existing file, so that links and other spellings of one file compare equal."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def unique_path(path: Path, taken: set[Path]) -> Path:
    """`path`, or `STEM-2.EXT`, `STEM-3.EXT`... when an earlier output of the same run already took that name."""
    candidate, n = path, 2
    while candidate.absolute() in taken:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    taken.add(candidate.absolute())
    return candidate
