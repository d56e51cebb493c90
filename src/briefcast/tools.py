"""System tools both sides run (ffmpeg, ffprobe, espeak-ng): found on PATH, or one error naming the package."""
from __future__ import annotations

import shutil
from typing import IO, TypeVar

from .errors import ToolMissingError

S = TypeVar("S", bound=IO)  # a text or binary stream

DEBIAN_PACKAGE = {"ffmpeg": "ffmpeg", "ffprobe": "ffmpeg", "espeak-ng": "espeak-ng"}


def require(name: str) -> str:
    """The path of executable `name`, or ToolMissingError with the Debian package to install."""
    path = shutil.which(name)
    if path is None:
        package = DEBIAN_PACKAGE.get(name, name)
        raise ToolMissingError(f"{name} is not installed",
                               hint=f"install the Debian package {package} (apt-get install {package})")
    return path


def pipe(stream: S | None) -> S:
    """A pipe of a subprocess started with it (Popen types its pipes as optional, though they are there)."""
    if stream is None:
        raise RuntimeError("the subprocess was started without this pipe")
    return stream
