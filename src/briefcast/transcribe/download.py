"""URL input: yt-dlp downloads the best audio into the cache, with its info.json beside it (sidecar.py reads it).

An optional extra (`pip install 'briefcast[download]'`). A download is kept per URL: a second run finds it and needs
no network; an interrupted one resumes from its `.part` file.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError, ToolMissingError
from ..fetch import is_url as is_url  # re-exported: one test of "is this a URL" for both sides

log = logging.getLogger(__name__)

_PARTIAL = (".part", ".ytdl", ".json", ".description", ".temp")


def download_dir() -> Path:
    """$BRIEFCAST_CACHE_DIR/downloads, else the user cache folder's."""
    env = os.environ.get("BRIEFCAST_CACHE_DIR")
    if env:
        return Path(env) / "downloads"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefcast")) / "downloads"


def _done(folder: Path) -> Path | None:
    """The finished media file in a URL's folder (its info.json beside it), or None."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.endswith(_PARTIAL) and (folder / (path.stem + ".info.json")).is_file():
            return path
    return None


class _Log:
    """yt-dlp's messages to our logger (its own printing would mix with an article written to standard output)."""

    def debug(self, msg: str) -> None:
        log.debug("yt-dlp: %s", msg)

    def info(self, msg: str) -> None:
        log.debug("yt-dlp: %s", msg)

    def warning(self, msg: str) -> None:
        log.warning("yt-dlp: %s", msg)

    def error(self, msg: str) -> None:
        log.debug("yt-dlp: %s", msg)


def download(url: str, *, folder: Path | None = None, progress: bool = True) -> Path:
    """The best audio of `url` as a file in the cache (downloaded once; resumed if interrupted).

    `progress` draws a bar on standard error. InputError when the URL cannot be downloaded; ToolMissingError without
    the `download` extra.
    """
    try:
        import yt_dlp
    except ImportError as e:
        raise ToolMissingError("downloading a URL needs yt-dlp", hint="pip install 'briefcast[download]'") from e
    target = (folder or download_dir()) / hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    if found := _done(target):
        log.info("%s: already downloaded to %s", url, found)
        return found
    target.mkdir(parents=True, exist_ok=True)
    bar: Any = None

    def hook(d: dict[str, Any]) -> None:
        nonlocal bar
        if not progress:
            return
        if bar is None and d.get("status") == "downloading":
            from tqdm import tqdm

            bar = tqdm(total=d.get("total_bytes") or d.get("total_bytes_estimate"), unit="B", unit_scale=True,
                       desc="download", leave=False, file=sys.stderr, initial=d.get("downloaded_bytes") or 0)
        if bar is not None:
            bar.update((d.get("downloaded_bytes") or 0) - bar.n)

    options = {
        "format": "bestaudio/best", "outtmpl": str(target / "%(title).80B [%(id).40B].%(ext)s"),
        "writeinfojson": True, "writedescription": False, "continuedl": True, "noplaylist": True,
        "quiet": True, "no_warnings": True, "noprogress": True, "logger": _Log(), "progress_hooks": [hook],
        "restrictfilenames": False, "windowsfilenames": True, "retries": 3, "socket_timeout": 30,
    }
    try:
        with yt_dlp.YoutubeDL(options) as ydl:
            info = ydl.extract_info(url, download=True)
    except yt_dlp.utils.DownloadError as e:
        message = re.sub(r"^ERROR:\s*", "", str(e)).splitlines()[0]
        raise InputError(f"{url}: cannot download ({message})", hint="check the URL and the network") from e
    finally:
        if bar is not None:
            bar.close()
    files = [Path(d["filepath"]) for d in (info or {}).get("requested_downloads") or [] if d.get("filepath")]
    path = files[0] if files else _done(target)
    if path is None or not path.is_file():
        raise InputError(f"{url}: the download left no media file", hint="check the URL points to audio or video")
    return path
