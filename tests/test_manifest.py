"""The batch manifest: named columns, a schema version with migrations, and one batch per folder (filelock)."""
from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import filelock
import pytest

from briefcast.batch import LOCK_NAME, MANIFEST_NAME, BatchOptions, Job, JobResult, run_batch
from briefcast.batch.manifest import SCHEMA_VERSION, Manifest, Record
from briefcast.errors import OutputError

# The manifest as briefcast 0.1.0 wrote it before schema versioning (user_version 0), copied here on purpose:
# it must keep opening however the schema grows.
OLD_SCHEMA = """
CREATE TABLE inputs (
    input TEXT PRIMARY KEY, route TEXT, stem TEXT, size INTEGER, mtime_ns INTEGER, content_hash TEXT,
    settings_hash TEXT, status TEXT NOT NULL, outputs TEXT NOT NULL DEFAULT '[]', error TEXT, audio_seconds REAL,
    elapsed_seconds REAL, started_at REAL, finished_at REAL
)"""


def copy_task(job: Job) -> JobResult:
    out = Path(job.outdir) / f"{job.stem}.txt"
    out.write_text(Path(job.input).read_text(encoding="utf-8"), encoding="utf-8")
    return JobResult(job.input, "done", outputs=[str(out)])


def columns(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return [row[1] for row in db.execute("PRAGMA table_info(inputs)")]


def user_version(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def downgrade(path: Path) -> None:
    """Rewrite a manifest in the old schema, keeping its rows."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        old_columns = [c for c in columns(path) if c != "briefcast_version"]
        rows = db.execute(f"SELECT {', '.join(old_columns)} FROM inputs").fetchall()
    for leftover in path.parent.glob(MANIFEST_NAME + "*"):
        leftover.unlink()
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(OLD_SCHEMA)
        db.executemany(f"INSERT INTO inputs VALUES ({', '.join('?' * len(old_columns))})", rows)
        db.commit()


def test_rows_are_read_by_column_name_and_carry_the_version(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with Manifest(out) as manifest:
        manifest.record(Record("/a.md", "done", route="segment", stem="a", outputs=("/out/a.md",)))
        record = manifest.get("/a.md")
    assert record is not None and record.stem == "a" and record.outputs == ("/out/a.md",)
    from briefcast import __version__

    assert record.briefcast_version == __version__
    assert user_version(out / MANIFEST_NAME) == SCHEMA_VERSION


def test_a_record_is_stored_as_plain_columns_with_its_outputs_as_json(tmp_path):
    from briefcast import __version__

    with Manifest(tmp_path) as manifest:
        manifest.record(Record("/in/a.md", "done", route="segment", stem="a", outputs=("/out/a.md", "/out/a.json"),
                               finished_at=5.0))
        manifest.record_many([Record("/in/b.dat", "failed", error="unsupported file type '.dat'")])
    with contextlib.closing(sqlite3.connect(tmp_path / MANIFEST_NAME)) as db:
        rows = db.execute("SELECT * FROM inputs ORDER BY input").fetchall()
    assert rows[0] == ("/in/a.md", "segment", "a", None, None, None, None, "done", '["/out/a.md", "/out/a.json"]',
                       None, None, None, None, 5.0, __version__)
    assert rows[1][:-2] == ("/in/b.dat", None, None, None, None, None, None, "failed", "[]",
                            "unsupported file type '.dat'", None, None, None)  # finished_at: the time it was recorded


def test_a_manifest_from_before_versioning_opens_and_resumes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("one.md", "two.md"):
        (src / name).write_text(f"# {name}\n\nSome text.\n", encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch([src], out, options=BatchOptions(to="text", jobs=1), task=copy_task)
    assert len(first.done) == 2
    downgrade(out / MANIFEST_NAME)
    assert "briefcast_version" not in columns(out / MANIFEST_NAME) and user_version(out / MANIFEST_NAME) == 0

    again = run_batch([src], out, options=BatchOptions(to="text", jobs=1), task=copy_task)
    assert len(again.skipped) == 2 and not again.done and not again.failed
    assert "briefcast_version" in columns(out / MANIFEST_NAME)
    assert user_version(out / MANIFEST_NAME) == SCHEMA_VERSION
    with Manifest(out) as manifest:
        assert {r.briefcast_version for r in manifest.all().values()} == {None}  # old rows, kept as they were


def test_a_manifest_from_a_newer_briefcast_is_refused(tmp_path):
    with contextlib.closing(sqlite3.connect(tmp_path / MANIFEST_NAME)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(OutputError, match="written by a newer briefcast"):
        Manifest(tmp_path)


def test_one_batch_per_output_folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.md").write_text("# One\n\nSome text.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with filelock.FileLock(out / LOCK_NAME, timeout=0):  # another batch, as far as the folder can tell
        with pytest.raises(OutputError, match="another batch is writing to this folder"):
            run_batch([src], out, options=BatchOptions(to="text", jobs=1), task=copy_task)
    assert len(run_batch([src], out, options=BatchOptions(to="text", jobs=1), task=copy_task).done) == 1
