"""A preview server for a site folder: 127.0.0.1 only, byte ranges (so an audio player can seek), nothing else.

Python's own `http.server` answers every request with the whole file; a browser seeking in an MP3 asks for a
range (`Range: bytes=N-`) and needs `206 Partial Content` back. Not for production: serve the folder with any
web server there.
"""
from __future__ import annotations

import functools
import http.server
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, OutputError
from .optionspec import option

PORT = 8000  # on 127.0.0.1, when not told (serve --port)

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")
CHUNK = 1 << 16  # bytes copied at a time


@dataclass(frozen=True)
class ServeOptions:
    """How `briefcast serve` serves (declared once, see briefcast.optionspec)."""

    port: int = option(  # on 127.0.0.1; 0: any free port
        PORT, "-p", "--port", type=int, range=(0, 65535), commands=("serve",),
        help="Port on 127.0.0.1 (0: any free port).")


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, honouring a single `Range: bytes=a-b` (or `a-`, `-n`)."""

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self) -> Any:
        wanted = _RANGE.match(self.headers.get("Range", "").strip())
        path = Path(self.translate_path(self.path))
        if wanted is None or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first, last = wanted.groups()
        if first:
            a, b = int(first), min(int(last), size - 1) if last else size - 1
        elif last:
            a, b = max(size - int(last), 0), size - 1
        else:
            a, b = 0, size - 1
        if a >= size or a > b:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        f = open(path, "rb")
        f.seek(a)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {a}-{b}/{size}")
        self.send_header("Content-Length", str(b - a + 1))
        self.end_headers()
        self._left: int | None = b - a + 1
        return f

    def copyfile(self, source: Any, outputfile: Any) -> None:
        left = getattr(self, "_left", None)
        if left is None:
            return super().copyfile(source, outputfile)
        while left > 0:
            chunk = source.read(min(CHUNK, left))
            if not chunk:
                break
            outputfile.write(chunk)
            left -= len(chunk)
        self._left = None

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)


def make_server(folder: str | os.PathLike[str], port: int = PORT) -> http.server.ThreadingHTTPServer:
    """A server for `folder` on 127.0.0.1:`port` (0: any free port), not yet serving; InputError for a missing
    folder, OutputError when the port is taken."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{folder}: no such folder", hint="pass the folder `briefcast site` wrote into")
    handler = functools.partial(RangeHandler, directory=str(root))
    try:
        return http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as e:
        raise OutputError(f"cannot serve on {HOST}:{port} ({e.strerror or e})",
                          hint="choose another port with --port, or --port 0 for any free one") from e
