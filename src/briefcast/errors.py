"""One error hierarchy for the library; the CLI turns each into a single line and a non-zero exit code."""
from __future__ import annotations

from dataclasses import dataclass


class BriefcastError(Exception):
    """Base error: `message` says what went wrong, `hint` what to do about it, `detail` carries tool stderr."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.message}: {self.hint}" if self.hint else self.message


class InputError(BriefcastError):
    """The input cannot be used: missing, empty, binary, undecodable, corrupt or silent."""


class ToolMissingError(BriefcastError):
    """A system tool (espeak-ng, ffmpeg) or an optional Python package is not installed."""


class EngineError(BriefcastError):
    """The speech engine or recogniser failed."""


class ModelError(BriefcastError):
    """A recognition model cannot be found or loaded."""


class OutputError(BriefcastError):
    """An output cannot be written (unwritable folder, path is a directory, ...)."""


class UsageError(BriefcastError):
    """Options that do not make sense together, or out of range."""

    exit_code = 2


class Stopped(KeyboardInterrupt):
    """A stop signal (SIGTERM, SIGHUP) turned into an interruption, so that it unwinds like Ctrl-C: workers end,
    temporary files go, finished outputs stay. `signum` gives the exit code, 128 + signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def from_os_error(error: OSError, where: object = None) -> BriefcastError:
    """One clear error for a failed read or write: a full disk, a read-only or unwritable place, or else the
    system's own words, naming `where` (the error's file name when not given)."""
    import errno

    place = where if where is not None else (error.filename or "the output")
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(f"{place}: the disk is full", hint="free some space or choose another output folder",
                           detail=str(error))
    if error.errno == errno.EROFS:
        return OutputError(f"{place}: the file system is read-only", hint="choose a writable output folder",
                           detail=str(error))
    if error.errno in (errno.EACCES, errno.EPERM):
        return OutputError(f"{place}: permission denied", hint="check its permissions, or choose another place",
                           detail=str(error))
    if error.errno == errno.ELOOP:
        return InputError(f"{place}: too many levels of symbolic links", hint="fix or remove the symlink loop",
                          detail=str(error))
    return BriefcastError(f"{place}: {reason}", detail=str(error))


@dataclass(frozen=True)
class Failure:
    """One input of several that failed, and why; the others go on (narrate, transcribe)."""

    source: str  # the input as the user named it
    error: BriefcastError
