"""The batch manifest: one SQLite row per input in OUTDIR/.briefcast-manifest.sqlite (WAL mode).

Only the coordinating process writes it, and only after a job's outputs have been renamed into place, so a batch
killed at any moment leaves a manifest that never claims an output that is not complete.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import OutputError
from ..fileio import canonical, file_digest

MANIFEST_NAME = ".briefcast-manifest.sqlite"
log = logging.getLogger(__name__)

# The schema, as the steps that build it: a manifest records in PRAGMA user_version how many it has had, and
# opening one applies the rest, so an output folder made by an older briefcast keeps working. Append, never edit.
_MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema (manifests from before versioning have it, with user_version 0: IF NOT EXISTS)
    """
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
)""",
    # 2: which briefcast version wrote the row
    "ALTER TABLE inputs ADD COLUMN briefcast_version TEXT",
)
SCHEMA_VERSION = len(_MIGRATIONS)


@dataclass(frozen=True)
class Record:
    """One manifest row: an input, where it stands ("running", "done", "failed") and what is known of it (None:
    not known yet, e.g. an unsupported file has no route)."""

    input: str
    status: str
    route: str | None = None  # "narrate", "transcribe" or "segment"
    stem: str | None = None  # the outputs' file name stem
    size: int | None = None  # bytes of the input
    mtime_ns: int | None = None
    content_hash: str | None = None  # sha256 of the input
    settings_hash: str | None = None  # of the options that shape this input's outputs
    outputs: tuple[str, ...] = ()
    error: str | None = None
    audio_seconds: float | None = None
    elapsed_seconds: float | None = None  # wall time of the conversion
    started_at: float | None = None  # Unix time
    finished_at: float | None = None  # Unix time; recording sets it when None
    briefcast_version: str | None = None  # set when recorded; None in rows written before schema 2

    def outputs_exist(self) -> bool:
        return bool(self.outputs) and all(Path(o).is_file() for o in self.outputs)


_COLUMNS = tuple(f.name for f in fields(Record))
_INSERT = (f"INSERT OR REPLACE INTO inputs ({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join(':' + c for c in _COLUMNS)})")


class Manifest:
    """The manifest of one output folder; use as a context manager."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / MANIFEST_NAME
        reason = _untrusted(self.path, outdir)
        if reason is not None:
            _set_aside(self.path, reason)
        try:
            self.db = sqlite3.connect(self.path, timeout=30.0)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                self.db.close()
                raise OutputError(f"{self.path}: the batch manifest was written by a newer briefcast "
                                  f"(schema {version}, this one knows {SCHEMA_VERSION})",
                                  hint="upgrade briefcast, or choose another -o OUTDIR")
            for step in range(version, SCHEMA_VERSION):  # each step and its number in one transaction
                self.db.executescript(f"BEGIN; {_MIGRATIONS[step]}; PRAGMA user_version = {step + 1}; COMMIT;")
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
        rows = self.db.execute("SELECT input, stem FROM inputs WHERE stem IS NOT NULL")
        return {row["input"]: row["stem"] for row in rows}

    def record(self, row: Record) -> None:
        """Insert or replace the row of one input, and commit."""
        self.record_many([row])

    def record_many(self, rows: list[Record]) -> None:
        """Record many rows in one transaction (failures found while planning, e.g. 1,000 unsupported files)."""
        now = time.time()
        self.db.executemany(_INSERT, [_row(r, now) for r in rows])
        self.db.commit()


def _untrusted(path: Path, outdir: Path) -> str | None:
    """Why an existing manifest cannot be trusted (a link to a file elsewhere, empty, corrupt, or copied from another
    output folder), or None."""
    if path.is_symlink():  # never written through: the file it names is not this folder's (a dangling one neither)
        return f"it is a link to {os.readlink(path)}"
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        return "it is empty"
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30.0)
        try:
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return "it is corrupt"
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "inputs" not in tables:
                return None if not tables else "it is not a briefcast manifest"
            here = outdir.resolve()  # the same folder spelt another way (a link, `..`) is here too
            for (outputs,) in db.execute("SELECT outputs FROM inputs"):
                if any(canonical(o).parent != here for o in json.loads(outputs or "[]")):
                    return "it lists outputs of another folder (copied from elsewhere?)"
        finally:
            db.close()
    except (sqlite3.Error, ValueError, TypeError):
        return "it is corrupt"
    return None


def _set_aside(path: Path, reason: str) -> None:
    """Rename an untrusted manifest (and its WAL files) out of the way, with one warning; a fresh one is started."""
    aside = path.with_name(f"{path.name}.set-aside-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        src = path.with_name(path.name + suffix)
        if src.exists() or src.is_symlink():  # a link is renamed, not what it names
            src.replace(aside.with_name(aside.name + suffix))
    log.warning("%s: %s: set aside as %s, starting a new manifest", path, reason, aside.name)


def _row(record: Record, now: float) -> dict[str, Any]:
    """Named parameters for one row: outputs as JSON, finished now unless said, this briefcast's version."""
    row = {c: getattr(record, c) for c in _COLUMNS}
    row["outputs"] = json.dumps(list(record.outputs))
    row["finished_at"] = record.finished_at or now
    row["briefcast_version"] = __version__
    return row


def _record(row: sqlite3.Row) -> Record:
    values = {c: row[c] for c in _COLUMNS}
    values["outputs"] = tuple(json.loads(values["outputs"] or "[]"))
    return Record(**values)


def content_hash(path: Path, previous: Record | None = None) -> tuple[str, int, int]:
    """(sha256, size, mtime_ns) of a file; reuses the manifest's hash when size and mtime are unchanged."""
    st = path.stat()
    if previous is not None and previous.content_hash and previous.size == st.st_size \
            and previous.mtime_ns == st.st_mtime_ns:
        return previous.content_hash, st.st_size, st.st_mtime_ns
    return file_digest(path), st.st_size, st.st_mtime_ns
