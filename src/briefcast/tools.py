"""System tools both sides run (ffmpeg, ffprobe, espeak-ng): found on PATH, or one error naming the package."""
from __future__ import annotations

import shutil

from .errors import ToolMissingError

DEBIAN_PACKAGE = {"ffmpeg": "ffmpeg", "ffprobe": "ffmpeg", "espeak-ng": "espeak-ng"}


def require(name: str) -> str:
    """The path of executable `name`, or ToolMissingError with the Debian package to install."""
    path = shutil.which(name)
    if path is None:
        package = DEBIAN_PACKAGE.get(name, name)
        raise ToolMissingError(f"{name} is not installed",
                               hint=f"install the Debian package {package} (apt-get install {package})")
    return path
