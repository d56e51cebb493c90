"""The batch manifest: one SQLite row per input in OUTDIR/.briefcast-manifest.sqlite (WAL mode).

Only the coordinating process writes it, and only after a job's outputs have been renamed into place, so a batch
killed at any moment leaves a manifest that never claims an output that is not complete.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..fileio import file_digest

MANIFEST_NAME = ".briefcast-manifest.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    input TEXT PRIMARY KEY,          -- absolute path of the input file
    route TEXT,                      -- narrate, transcribe, segment (NULL: cannot be converted)
    stem TEXT,                       -- output file stem inside OUTDIR
    size INTEGER,                    -- bytes, with mtime_ns a cheap check before re-hashing
    mtime_ns INTEGER,
    content_hash TEXT,               -- sha256 of the input's bytes
    settings_hash TEXT,              -- hash of the options that affect the outputs
    status TEXT NOT NULL,            -- done, failed
    outputs TEXT NOT NULL DEFAULT '[]',  -- JSON list of output paths
    error TEXT,                      -- one-line reason when failed
    audio_seconds REAL,              -- duration of the narration or of the transcribed media
    elapsed_seconds REAL,            -- wall time of the conversion
    started_at REAL,                 -- Unix time
    finished_at REAL
)
"""


@dataclass(frozen=True)
class Record:
    """One manifest row."""

    input: str
    route: str | None
    stem: str | None
    size: int | None
    mtime_ns: int | None
    content_hash: str | None
    settings_hash: str | None
    status: str
    outputs: tuple[str, ...]
    error: str | None
    audio_seconds: float | None
    elapsed_seconds: float | None
    started_at: float | None
    finished_at: float | None

    def outputs_exist(self) -> bool:
        return bool(self.outputs) and all(Path(o).is_file() for o in self.outputs)


class Manifest:
    """The manifest of one output folder; use as a context manager."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / MANIFEST_NAME
        try:
            self.db = sqlite3.connect(self.path, timeout=30.0)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(_SCHEMA)
            self.db.commit()
        except sqlite3.Error as e:
            raise OutputError(f"{self.path}: cannot open the batch manifest ({e})",
                              hint="check that the output folder is writable, or delete a corrupt manifest") from e

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def get(self, input_path: str) -> Record | None:
        row = self.db.execute("SELECT * FROM inputs WHERE input = ?", (input_path,)).fetchone()
        return _record(row) if row else None

    def all(self) -> dict[str, Record]:
        return {r.input: r for r in map(_record, self.db.execute("SELECT * FROM inputs ORDER BY input"))}

    def stems(self) -> dict[str, str]:
        """Input -> output stem of every input that ever got one (they keep it on later runs)."""
        return {i: s for i, s in self.db.execute("SELECT input, stem FROM inputs WHERE stem IS NOT NULL")}

    def record(self, *, input: str, status: str, route: str | None = None, stem: str | None = None,
               size: int | None = None, mtime_ns: int | None = None, content_hash: str | None = None,
               settings_hash: str | None = None, outputs: list[str] | tuple[str, ...] = (), error: str | None = None,
               audio_seconds: float | None = None, elapsed_seconds: float | None = None,
               started_at: float | None = None, finished_at: float | None = None) -> None:
        """Insert or replace the row of one input, and commit."""
        self.db.execute(
            "INSERT OR REPLACE INTO inputs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (input, route, stem, size, mtime_ns, content_hash, settings_hash, status, json.dumps(list(outputs)),
             error, audio_seconds, elapsed_seconds, started_at, finished_at if finished_at else time.time()),
        )
        self.db.commit()

    def record_many(self, rows: list[dict[str, Any]]) -> None:
        """Record many rows in one transaction (failures found while planning, e.g. 1,000 unsupported files)."""
        now = time.time()
        self.db.executemany(
            "INSERT OR REPLACE INTO inputs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(r["input"], r.get("route"), r.get("stem"), r.get("size"), r.get("mtime_ns"), r.get("content_hash"),
              r.get("settings_hash"), r["status"], json.dumps(list(r.get("outputs", ()))), r.get("error"),
              r.get("audio_seconds"), r.get("elapsed_seconds"), r.get("started_at"), now) for r in rows],
        )
        self.db.commit()


def _record(row: tuple[Any, ...]) -> Record:
    values = list(row)
    values[8] = tuple(json.loads(values[8] or "[]"))
    return Record(*values)


def content_hash(path: Path, previous: Record | None = None) -> tuple[str, int, int]:
    """(sha256, size, mtime_ns) of a file; reuses the manifest's hash when size and mtime are unchanged."""
    st = path.stat()
    if previous is not None and previous.content_hash and previous.size == st.st_size \
            and previous.mtime_ns == st.st_mtime_ns:
        return previous.content_hash, st.st_size, st.st_mtime_ns
    return file_digest(path), st.st_size, st.st_mtime_ns
