"""File I/O at the edges: reading text inputs robustly and writing outputs atomically."""
from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import io
import json
import logging
import os
import re
import secrets
import select
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import InputError, OutputError, from_os_error

log = logging.getLogger(__name__)

MAX_TEXT_BYTES = 50 * 1024 * 1024  # refuse text inputs above 50 MB
TEMPORARY_MARK = ".part"  # atomic_path's temporary files are `.NAME.<8 hex>.part.EXT`
PIPE_WAIT = 10.0  # seconds a named pipe (FIFO) given as input may wait for its writer


def read_bytes(path: str | os.PathLike[str] | None, *, limit: int = MAX_TEXT_BYTES, what: str = "an article") -> bytes:
    """The bytes of a text input (a path, or standard input for None or "-"), read with a cap WHILE reading: more
    than `limit` bytes (e.g. /dev/zero) is an InputError after reading at most limit + 1 bytes. A named pipe with no
    writer fails after PIPE_WAIT seconds instead of blocking forever; a closed standard input is an InputError."""
    if path is None or str(path) == "-":
        return _read_capped(stdin_reader(), "standard input", limit, what)
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{name}: no such file", hint="check the path")
    if p.is_dir():
        raise InputError(f"{name}: is a directory", hint="pass a file, or use `briefcast batch` for folders")
    fd = open_input(p, name)
    try:
        return _read_capped(functools.partial(os.read, fd), name, limit, what)
    finally:
        os.close(fd)


def open_input(path: Path, name: str) -> int:
    """A blocking descriptor for reading `path`; a named pipe (FIFO) waits at most PIPE_WAIT seconds for its writer
    (an InputError then), never forever."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once; its writer is awaited below
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror})", hint="check its permissions") from e
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            ready, _, _ = select.select([fd], [], [], PIPE_WAIT)
            if not ready:
                raise InputError(f"{name}: a named pipe with no writer for {PIPE_WAIT:g} s",
                                 hint="start the program that writes to it first, or pass a regular file")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def is_pipe(path: str) -> bool:
    """Whether `path` names a FIFO (which ffmpeg would block on, and cannot seek)."""
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def stdin_reader() -> Callable[[int], bytes]:
    """`read(n)` of standard input's bytes, or an InputError when standard input is closed (`<&-`)."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:
            raise ValueError
        with contextlib.suppress(io.UnsupportedOperation):  # a stream without a descriptor (tests) is open
            os.fstat(stream.fileno())
    except (OSError, ValueError) as e:
        raise InputError("standard input is closed", hint="pipe something in (cmd | briefcast ... -) or pass a "
                         "file name") from e
    read: Callable[[int], bytes] = getattr(stream, "read1", stream.read)
    return read


def _read_capped(read: Callable[[int], bytes], name: str, limit: int, what: str) -> bytes:
    chunks: list[bytes] = []
    _pump(read, chunks.append, name, limit, what, hint="split it first")
    return b"".join(chunks)


@contextlib.contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A new temporary folder, removed on the way out however the way out comes: a stop signal (SIGTERM, SIGHUP)
    is held while the folder is made, so one that lands then stops the program inside the clean-up, not between
    the folder's making and it (which left the folder behind)."""
    import shutil
    import signal
    import tempfile

    held = {s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, held) if hasattr(signal, "pthread_sigmask") else None
    folder: str | None = None
    try:
        folder = tempfile.mkdtemp(prefix=prefix)
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            mask = None
        yield Path(folder)
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def copy_capped(read: Callable[[int], bytes], target: Path, name: str, limit: int, what: str) -> None:
    """Copy what `read` gives to `target`, a megabyte at a time, refusing more than `limit` bytes (target removed)."""
    try:
        with open(target, "wb") as out:
            def write(block: bytes) -> None:  # /dev/zero: no media container starts with 4 kB of zeros
                if not out.tell() and len(block) >= 4096 and not block.strip(b"\x00"):
                    raise InputError(f"{name}: starts with zero bytes, not {what}",
                                     hint="pipe in a media file (mp4, mp3, wav, ...)")
                out.write(block)

            _pump(read, write, name, limit, what, hint="pass the file by name, or cut it first")
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise


def _pump(read: Callable[[int], bytes], sink: Callable[[bytes], object], name: str, limit: int, what: str, *,
          hint: str) -> None:
    """Hand what `read` gives to `sink`, a megabyte at a time, with the cap checked WHILE reading: more than `limit`
    bytes is an InputError (with `hint`) after reading at most limit + 1 bytes; so is a read that fails."""
    size = 0
    while True:
        try:
            block = read(min(1 << 20, limit + 1 - size))
        except OSError as e:
            raise InputError(f"{name}: cannot read ({e.strerror})", hint="check that it is a readable file") from e
        if not block:
            return
        size += len(block)
        if size > limit:
            raise InputError(f"{name}: more than {_megabytes(limit)} is too large for {what}", hint=hint)
        sink(block)


def _megabytes(n: int) -> str:
    return f"{n / 2**30:g} GB" if n >= 2**30 else f"{n // 2**20} MB"


def read_text(path: str | os.PathLike[str] | None, data: bytes | None = None) -> str:
    """Read a text input (a path, or raw bytes from stdin) as str, detecting non-UTF-8 encodings.

    Raises InputError for a missing file, a directory, an empty or binary file, or undecodable bytes.
    """
    name = "standard input" if path is None or str(path) == "-" else str(path)
    if data is None:
        data = read_bytes(path)
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{name}: more than {_megabytes(MAX_TEXT_BYTES)} is too large for an article",
                         hint="split it first")
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
    return decode_legacy(data, name) or ""  # Windows-1252 for Western text, else the detector


_WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸ"
                     "“”‘’–—…€£¥°©®•·«»¡¿§¶½¼¾×±¢¤¦¨ª¬¯²³´µ¸¹º")
_LEGACY_SHARE = 0.5  # at most this share of the letters non-ASCII: Western text in cp1252, not another script


def decode_legacy(data: bytes, name: str = "text") -> str | None:
    """Text in a legacy 8-bit encoding, decoded; None for UTF-8 and UTF-16 (read_text decodes those).

    Windows-1252 (a superset of Latin-1's printable characters) is tried first: when every character beyond ASCII
    is a Western letter or punctuation mark and such letters are a minority, it is the encoding. Otherwise
    charset-normalizer guesses, and a weak guess is logged as a warning (convert the file to UTF-8 to be sure).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:  # Latin-1's printable characters are Windows-1252's; bytes it leaves undefined are C1 controls: not text
        text = data.decode("cp1252")
        western = True
    except UnicodeDecodeError:
        text, western = data.decode("cp1252", errors="replace"), False
    beyond = [ch for ch in text if ord(ch) > 127]
    letters = sum(ch.isalpha() for ch in text)
    share = sum(ch.isalpha() for ch in beyond) / max(letters, 1)
    if western and all(ch in _WESTERN for ch in beyond) and share <= _LEGACY_SHARE:
        log.info("%s: not UTF-8; read as Windows-1252", name)
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        log.warning("%s: the text encoding could not be detected; read as Windows-1252 (convert it to UTF-8 if "
                    "the words look wrong)", name)
        return text
    if best.chaos > 0.1 or best.coherence < 0.3:
        log.warning("%s: the text encoding is a weak guess (%s); convert it to UTF-8 if the words look wrong",
                    name, best.encoding)
    return str(best)


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
    tmp_path = _create_temporary(target, parent)
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


def _create_temporary(target: Path, parent: Path) -> Path:
    """A new empty file `.NAME.<8 hex>.part.EXT` beside `target` (mode 0666 less the umask)."""
    for _ in range(100):
        tmp = parent / f".{target.name}.{secrets.token_hex(4)}{TEMPORARY_MARK}{target.suffix}"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        except OSError as e:
            raise OutputError(f"{parent}: cannot write here ({e.strerror})",
                              hint="choose a writable output folder") from e
        return tmp
    raise OutputError(f"{parent}: cannot make a temporary file here", hint="choose another output folder")


def temporaries_of(target: str | os.PathLike[str]) -> list[Path]:
    """The temporary files atomic_path made for `target` that are still there (a killed write's leftovers): names
    `.NAME.<8 hex>.part.EXT`, and files named after one of them (`....part.m4a.ffmeta`). Nothing else is matched,
    so a user's `.notes.partial.txt` beside it is never taken for one."""
    path = Path(target)
    own = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{8}}{re.escape(TEMPORARY_MARK + path.suffix)}(\.[a-z0-9]+)?")
    try:
        return sorted(p for p in path.parent.glob(f".{glob.escape(path.name)}.*{TEMPORARY_MARK}*")
                      if own.fullmatch(p.name) and p.is_file() and not p.is_symlink())
    except OSError:
        return []


def remove_temporaries(targets: Iterable[str | os.PathLike[str]]) -> int:
    """Delete the leftovers of atomic_path for each of `targets` (see temporaries_of); returns how many went."""
    removed = 0
    for target in targets:
        for p in temporaries_of(target):
            with contextlib.suppress(OSError):
                p.unlink()
                removed += 1
    return removed


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
    sources = identities(inputs)
    for t in targets:
        path = Path(t)
        if file_identity(path) in sources:
            raise OutputError(f"{path}: is an input of this command", hint="choose another output name; "
                              "briefcast never writes over its input, even with --force")
        if path.is_dir():
            raise OutputError(f"{path}: is a directory", hint="remove it or choose another output name")
        if (path.exists() or path.is_symlink()) and not force:
            raise OutputError(f"{path}: already exists", hint="pass --force to overwrite it")


def identities(paths: Iterable[str | os.PathLike[str]]) -> frozenset[tuple[int, int]]:
    """The file_identity of each existing file among `paths` ("-", standard input, is no file)."""
    return frozenset(i for p in paths if str(p) != "-" and (i := file_identity(p)) is not None)


def file_identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(device, inode) of an existing file, so that links and other spellings of one file compare equal."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def canonical(path: str | os.PathLike[str]) -> Path:
    """`path` with its folder's symlinks and `..` resolved (a link as the last part stays itself): one spelling for
    one place, so that `out/a.md`, `out/../out/a.md` and `link-to-out/a.md` compare equal."""
    p = Path(path).absolute()
    return p.parent.resolve() / p.name


def unique_path(path: Path, taken: set[Path]) -> Path:
    """`path`, or `STEM-2.EXT`, `STEM-3.EXT`... when an earlier output of the same run already took that name."""
    candidate, n = path, 2
    while candidate.absolute() in taken:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    taken.add(candidate.absolute())
    return candidate
