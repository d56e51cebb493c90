"""Batch conversion: routing, unique names, the manifest, resuming, error isolation, a SIGKILL, and Dask."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcast.batch import MANIFEST_NAME, BatchOptions, Job, JobResult, run_batch
from briefcast.batch.inputs import assign_stems, plan_inputs
from briefcast.cli import main
from briefcast.errors import InputError, OutputError

# Three short articles in the shape the product is for (headline, byline, date, body, credit).
ARTICLES = {
    "thames.md": """# Flood Barrier Holds as Thames Rises

By Harbour Desk

Coastline Review, March 14, 2024

The Thames Barrier closed on Wednesday as the river rose above its usual level.

Engineers said the gates held back the water for nine hours.

Voiceover by Maya Okafor
""",
    "harvest.txt": """Farmers Report Early Harvest in the Valley

By Field Desk

The wheat harvest began two weeks early this year after a warm spring.

Growers expect prices to fall as the new grain reaches the market.
""",
    "ferry.html": """<html><head><title>Ferry Service Resumes</title></head><body><article>
<h1>Ferry Service Resumes After Storm</h1><p>By Port Desk</p>
<p>The island ferry sailed again on Monday after three days in harbour.</p>
<p>Passengers queued from dawn to catch the first crossing.</p></article></body></html>
""",
}


def write_articles(folder: Path, names=tuple(ARTICLES)) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return [folder / n for n in names]


def fake_task(job: Job) -> JobResult:
    """Stands in for narration/transcription: writes one small output named by route, like the real task.
    An input that says CRASH kills its worker process, as a segfault in a native library would."""
    if Path(job.input).read_bytes().startswith(b"CRASH"):
        os._exit(139)
    out = Path(job.outdir) / f"{job.stem}.{job.route}"
    out.write_text(job.input, encoding="utf-8")
    return JobResult(job.input, "done", outputs=[str(out)], audio_seconds=60.0)


def threads_task(job: Job) -> JobResult:
    """Stands in for transcription: records the recogniser threads the job was given, as STEM.threads."""
    out = Path(job.outdir) / f"{job.stem}.threads"
    out.write_text(str(job.options.threads), encoding="utf-8")
    return JobResult(job.input, "done", outputs=[str(out)])


def manifest_rows(outdir: Path) -> dict[str, tuple[str, list[str], str | None]]:
    with contextlib.closing(sqlite3.connect(outdir / MANIFEST_NAME)) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'inputs'").fetchone():
            return {}  # a batch is creating it right now
        rows = db.execute("SELECT input, status, outputs, error FROM inputs").fetchall()
    return {i: (s, json.loads(o), e) for i, s, o, e in rows}


# --- planning: expansion, routing, names ------------------------------------------------------------------------

def test_mixed_folder_is_routed_by_type(tmp_path):
    src = tmp_path / "in"
    write_articles(src)
    (src / "clip.flac").write_bytes(b"fLaC")
    (src / "video.MP4").write_bytes(b"\0")
    (src / "notes.pdf").write_bytes(b"%PDF")
    (src / ".hidden.md").write_text("x")
    (src / "deeper").mkdir()
    (src / "deeper" / "more.md").write_text("x")

    planned, ignored, _ = plan_inputs([src], tmp_path / "out")
    routes = {p.path.name: p.route for p in planned}
    assert routes == {"thames.md": "narrate", "harvest.txt": "narrate", "ferry.html": "narrate",
                      "clip.flac": "transcribe", "video.MP4": "transcribe", "notes.pdf": None}
    assert "unsupported file type '.pdf'" in next(p.error for p in planned if p.route is None)
    assert ignored == []

    recursive = plan_inputs([src], tmp_path / "out", recursive=True, pattern="*.md").planned
    assert sorted(p.rel.as_posix() for p in recursive) == ["deeper/more.md", "thames.md"]
    as_text = plan_inputs([src / "thames.md", src / "clip.flac"], tmp_path / "out", to="text").planned
    assert [p.route for p in as_text] == ["segment", "transcribe"]
    as_audio = plan_inputs([src / "clip.flac"], tmp_path / "out", to="audio").planned
    assert as_audio[0].route is None and "narrates articles only" in as_audio[0].error


def test_globs_and_list_files_expand_without_duplicates(tmp_path):
    src = tmp_path / "in"
    write_articles(src)
    listing = tmp_path / "list.txt"
    listing.write_text("# my articles\nin/thames.md\n\nin/*.txt\nin/missing.md\n", encoding="utf-8")
    planned = plan_inputs([f"@{listing}", str(src / "*.md")], tmp_path / "out").planned
    assert [p.path.name for p in planned] == ["thames.md", "harvest.txt", "missing.md"]
    assert planned[-1].route is None and planned[-1].error == "no such file or folder"


def test_a_list_pairs_a_recording_with_its_printed_article(tmp_path):
    """`MEDIA<TAB>ARTICLE` in an @list (relative to the list): the recording is aligned with that article, which is
    not narrated even when a folder named as an input holds it; NAME.article.md beside NAME.flac pairs itself."""
    src = write_articles(tmp_path / "pages", ["thames.md", "harvest.txt"])
    media = tmp_path / "media"
    media.mkdir()
    for name in ("barrier.flac", "field.flac", "talk.flac"):
        (media / name).write_bytes(b"fLaC")
    (media / "talk.article.md").write_text(ARTICLES["ferry.html"], encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text("media/barrier.flac\tpages/thames.md\nmedia/field.flac\nmedia/talk.flac\n", encoding="utf-8")
    planned = plan_inputs([f"@{listing}", tmp_path / "pages"], tmp_path / "out").planned
    assert [(p.path.name, p.route, p.script and p.script.name) for p in planned] == [
        ("barrier.flac", "transcribe", "thames.md"), ("field.flac", "transcribe", None),
        ("talk.flac", "transcribe", "talk.article.md"), ("harvest.txt", "narrate", None)]
    assert planned[0].script == src[0].resolve()


def test_duplicate_names_in_subfolders_get_distinct_outputs(tmp_path):
    for sub in ("europe", "asia", "asia/east"):
        write_articles(tmp_path / "in" / sub, ["thames.md"])
    write_articles(tmp_path / "in", ["thames.md"])
    (tmp_path / "in" / "Thames.txt").write_text(ARTICLES["harvest.txt"])  # differs only by case and type
    planned = plan_inputs([tmp_path / "in"], tmp_path / "out", recursive=True).planned
    stems = assign_stems(planned, reserved={})
    names = sorted(stems.values())
    assert len({n.lower() for n in names}) == len(planned) == 5
    assert {"europe-thames", "asia-thames", "asia-east-thames"} <= set(names)
    assert all("/" not in n and not n.startswith(".") for n in names)

    report = run_batch([tmp_path / "in"], tmp_path / "out", options=BatchOptions(recursive=True, jobs=2),
                       task=fake_task)
    outputs = [Path(o) for r in report.done for o in r.outputs]
    assert len(report.done) == 5 and len(set(outputs)) == 5
    assert all(o.parent == tmp_path / "out" for o in outputs)
    # names are stable: a new duplicate on the next run does not take an existing input's name
    write_articles(tmp_path / "in" / "africa", ["thames.md"])
    again = run_batch([tmp_path / "in"], tmp_path / "out", options=BatchOptions(recursive=True, jobs=2),
                      task=fake_task)
    assert len(again.skipped) == 5 and [Path(r.outputs[0]).name for r in again.done] == ["africa-thames.narrate"]


def test_inputs_inside_the_output_folder_are_left_out(tmp_path):
    write_articles(tmp_path, ["thames.md"])
    out = tmp_path / "out"
    write_articles(out, ["harvest.txt"])  # e.g. `briefcast batch . -o out` run from the parent
    report = run_batch([tmp_path], out, options=BatchOptions(recursive=True, jobs=1), task=fake_task)
    assert [Path(r.input).name for r in report.done] == ["thames.md"]
    assert report.ignored == [str((out / "harvest.txt").resolve())]
    with pytest.raises(InputError, match="every input is inside the output folder"):
        run_batch([out], out, task=fake_task)


def test_unwritable_output_folder_is_one_clear_error(tmp_path):
    write_articles(tmp_path / "in", ["thames.md"])
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write to the output folder"):
        run_batch([tmp_path / "in"], blocker / "out", task=fake_task)
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "-o", str(blocker)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"briefcast: error: {blocker}: is a file, not a folder: "
                                                  "give -o a folder for the outputs"]
    if os.geteuid() != 0:  # root writes anywhere; permission bits only stop other users
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(OutputError, match="cannot write"):
            run_batch([tmp_path / "in"], locked, task=fake_task)


def test_empty_folder_is_a_clear_message(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "empty"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "briefcast: error: no input files found in" in result.output
    assert "--recursive" in result.output and "Traceback" not in result.output


def test_narration_an_encoder_refuses_is_one_error_before_the_output_folder_is_made(tmp_path):
    from briefcast.errors import UsageError
    from briefcast.narrate import NarrateOptions

    write_articles(tmp_path / "in", ["thames.md"])
    refused = BatchOptions(narrate=NarrateOptions(format="mp3", sample_rate=96000))
    with pytest.raises(UsageError, match="mp3 cannot be written at 96000 Hz"):
        run_batch([tmp_path / "in"], tmp_path / "out", options=refused, task=fake_task)
    assert not (tmp_path / "out").exists()


def test_all_cores_of_the_recogniser_are_shared_among_the_workers_whoever_made_the_options(tmp_path):
    from briefcast.transcribe import TranscribeOptions

    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.flac", "b.flac"):
        (src / name).write_bytes(b"fLaC")  # routed by its name; the stand-in task never reads it
    share = str(max(1, (os.cpu_count() or 1) // 2))
    for given, threads in ((None, share), (TranscribeOptions(language="en"), share),
                           (TranscribeOptions(threads=3), "3")):
        out = tmp_path / f"out-{threads}-{given is None}"
        report = run_batch([src], out, options=BatchOptions(jobs=2, transcribe=given), task=threads_task)
        assert len(report.done) == 2
        assert [p.read_text(encoding="utf-8") for p in sorted(out.glob("*.threads"))] == [threads, threads]


# --- running: manifest, resume, isolation -----------------------------------------------------------------------

def test_rerun_skips_done_and_unchanged_redoes_changed_and_failed(tmp_path):
    src = tmp_path / "in"
    write_articles(src)
    (src / "empty.md").write_text("")
    out = tmp_path / "out"
    options = BatchOptions(to="text", jobs=2)  # --to text: articles -> Markdown + JSON, real and fast

    first = run_batch([src], out, options=options)
    assert sorted(Path(r.input).name for r in first.done) == ["ferry.html", "harvest.txt", "thames.md"]
    # the report line starts with the input, so the error does not name it again
    assert [(Path(r.input).name, r.error) for r in first.failed] == [("empty.md",
                                                                       "is empty: pass an article with some text")]
    thames_md = (out / "thames.md").read_text(encoding="utf-8")
    assert thames_md.startswith("# Flood Barrier Holds as Thames Rises")
    assert json.loads((out / "ferry.json").read_text(encoding="utf-8"))["title"] == "Ferry Service Resumes After Storm"

    (src / "thames.md").write_text(ARTICLES["thames.md"].replace("nine hours", "ten hours"), encoding="utf-8")
    (src / "empty.md").write_text(ARTICLES["harvest.txt"], encoding="utf-8")
    second = run_batch([src], out, options=options)
    assert sorted(Path(r.input).name for r in second.done) == ["empty.md", "thames.md"]
    assert sorted(Path(r.input).name for r in second.skipped) == ["ferry.html", "harvest.txt"]
    assert "ten hours" in (out / "thames.md").read_text(encoding="utf-8")

    changed_settings = run_batch([src], out, options=BatchOptions(to="text", jobs=2, text_formats=("md",)))
    assert len(changed_settings.done) == 4  # the output formats changed: everything is redone
    rows = manifest_rows(out)
    assert {s for s, _, _ in rows.values()} == {"done"} and len(rows) == 4
    assert all(Path(o).is_file() for _, outs, _ in rows.values() for o in outs)


def test_a_worker_that_crashes_fails_only_its_own_file(tmp_path):
    src = tmp_path / "in"
    write_articles(src)
    (src / "bad.md").write_text("CRASH")
    write_articles(src / "more")
    report = run_batch([src], tmp_path / "out", options=BatchOptions(recursive=True, jobs=2), task=fake_task)
    assert [Path(r.input).name for r in report.failed] == ["bad.md"]
    assert report.failed[0].error.startswith("the worker process died while converting this file")
    assert len(report.done) == 6


def test_a_thousand_tiny_files_are_all_recorded(tmp_path):
    src = tmp_path / "many"
    src.mkdir()
    for i in range(1000):
        (src / f"note{i:04d}.{'txt' if i % 2 else 'dat'}").write_bytes(b"")
    report = run_batch([src], tmp_path / "out", options=BatchOptions(to="text", jobs=2))
    assert len(report.failed) == 1000 and not report.done
    reasons = {r.error.split(": ", 1)[1] if r.error.startswith("/") else r.error for r in report.failed}
    assert reasons == {"is empty: pass an article with some text",
                       "unsupported file type '.dat': briefcast converts articles (.txt, .md, .html) and audio or "
                       "video (.mp3, .wav, .flac, .mp4, .mkv, .webm, ...)"}
    rows = manifest_rows(tmp_path / "out")
    assert len(rows) == 1000 and all(s == "failed" and e for s, _, e in rows.values())


def test_cli_json_report_summary_and_exit_code(tmp_path):
    src = tmp_path / "in"
    write_articles(src, ["thames.md", "harvest.txt"])
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--to", "text",
                                                       "-t", "md", "--json"])
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert sorted(Path(d["input"]).name for d in report["done"]) == ["harvest.txt", "thames.md"]
    assert [Path(d["outputs"][0]).name for d in report["done"] if d["input"].endswith("harvest.txt")] == ["harvest.md"]
    [failed] = report["failed"]
    assert sorted(failed) == ["error", "input"] and failed["input"] == str((src / "photo.jpg").resolve())
    assert failed["error"].startswith("unsupported file type '.jpg': briefcast converts articles")
    assert f"briefcast: failed: {(src / 'photo.jpg').resolve()}: unsupported" in result.stderr
    assert "  done     2" in result.stderr and "  failed   1" in result.stderr and "  time " in result.stderr

    (src / "photo.jpg").unlink()
    rerun = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--to", "text", "-t", "md",
                                                      "--json", "-q"])
    assert rerun.exit_code == 0 and rerun.stderr == ""
    assert len(json.loads(rerun.stdout)["skipped"]) == 2


# --- real narration and transcription ---------------------------------------------------------------------------

def check_outputs_complete(outdir: Path, temporaries: bool = False) -> dict[str, tuple[str, list[str], str | None]]:
    """Every output named in the manifest is whole: MP3s parse, JSON loads; no temporary file is left (unless
    `temporaries`: right after a SIGKILL, the rerun removes them)."""
    from mutagen.mp3 import MP3

    rows = manifest_rows(outdir)
    for status, outputs, _ in rows.values():
        for o in map(Path, outputs):
            if status == "running" and not o.exists():  # claimed before the job ran; not written yet
                continue
            if o.suffix == ".mp3":
                assert MP3(o).info.length > 1.0, o
            elif o.suffix == ".json":
                json.loads(o.read_text(encoding="utf-8"))
            else:
                assert o.stat().st_size > 0, o
    if not temporaries:
        assert not [p.name for p in outdir.iterdir() if ".part" in p.name]
    return rows


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun_leaves_every_output_complete(tmp_path):
    src = tmp_path / "in"
    write_articles(src)
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", "from briefcast.cli import main; main()", "batch", str(src), "-o", str(out),
           "--jobs", "1", "--no-cache", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob("[!.]*.mp3")) and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode()
    os.kill(proc.pid, signal.SIGKILL)  # the coordinator dies mid-batch; its worker follows it
    proc.wait()
    interrupted = manifest_rows(out)
    assert sum(s == "done" for s, _, _ in interrupted.values()) < 3
    assert {s for s, _, _ in interrupted.values()} <= {"done", "running"}  # running: outputs claimed, not recorded
    check_outputs_complete(out, temporaries=True)

    result = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "2", "--json", "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["done"]) + len(report["skipped"]) == 3 and not report["failed"]
    assert len(report["skipped"]) == sum(s == "done" for s, _, _ in interrupted.values())
    rows = check_outputs_complete(out)
    assert len(rows) == 3 and {s for s, _, _ in rows.values()} == {"done"}
    assert sorted(p.name for p in out.glob("*.mp3")) == ["ferry.mp3", "harvest.mp3", "thames.mp3"]
    for stem in ("ferry", "harvest", "thames"):  # the default sidecars the feed links to
        assert {(out / f"{stem}.{ext}").is_file() for ext in ("srt", "vtt", "json", "chapters.json")} == {True}


@pytest.mark.slow
def test_dask_local_cluster_runs_the_same_task_and_manifest(tmp_path, shared_data):
    src = tmp_path / "in"
    write_articles(src, ["thames.md", "harvest.txt"])
    clip = shared_data / "speech" / "jfk" / "jfk.flac"
    (src / "jfk.flac").symlink_to(clip)
    (src / "broken.mp4").write_bytes(b"\0\0\0\x18ftypmp42 truncated")
    out = tmp_path / "out"
    with socket.socket() as taken, warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        with contextlib.suppress(OSError):  # Dask's usual port busy (another cluster): no word of it to the user
            taken.bind(("127.0.0.1", 8787))
            taken.listen()
        report = run_batch([src], out, options=BatchOptions(engine="dask", jobs=2))
    assert not [w for w in warned if "already in use" in str(w.message)]
    assert sorted(Path(r.input).name for r in report.done) == ["harvest.txt", "jfk.flac", "thames.md"]
    assert [Path(r.input).name for r in report.failed] == ["broken.mp4"]
    assert report.failed[0].error and "\n" not in report.failed[0].error
    outputs = {Path(o).name for r in report.done for o in r.outputs}
    assert {"thames.mp3", "harvest.mp3", "jfk.md", "jfk.json"} <= outputs
    transcript = json.loads((out / "jfk.json").read_text(encoding="utf-8"))
    heard = " ".join(s["text"] for sec in transcript["sections"] for p in sec["paragraphs"] for s in p["sentences"])
    assert "ask not what your country can do for you" in heard.lower()
    assert 10 < report.audio_seconds < 120
    check_outputs_complete(out)

    again = run_batch([src], out, options=BatchOptions(engine="local", jobs=2))  # the same manifest, either engine
    assert len(again.skipped) == 3 and [Path(r.input).name for r in again.failed] == ["broken.mp4"]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_files_narrated_by_one_kept_speech_engine_are_the_files_narrated_alone(tmp_path, shared_data, raqqa_path,
                                                                                engine):
    """A batch worker keeps its speech engine from one file to the next: two real articles narrated one after the
    other by one worker give, to the byte, the audio and subtitles each gives narrated alone."""
    from briefcast.narrate import NarrateOptions
    from briefcast.narrate.engines import get_engine

    if not get_engine("pyttsx3").installed():
        pytest.skip("espeak-ng or pyttsx3 not installed")
    narrate = NarrateOptions(engine="pyttsx3", cache=False, jobs=1, subtitles=("srt", "vtt", "json"))
    import gzip

    page = tmp_path / "msn.html"  # a real news page, as saved from the web
    page.write_bytes(gzip.decompress((shared_data / "articles" / "mozilla_readability" / "msn" / "source.html.gz")
                                     .read_bytes()))
    inputs = [page, raqqa_path]
    together = run_batch(inputs, tmp_path / "together", options=BatchOptions(jobs=1, engine=engine, narrate=narrate))
    assert len(together.done) == 2, together.failed
    for path in inputs:
        alone = run_batch([path], tmp_path / path.stem, options=BatchOptions(jobs=1, narrate=narrate))
        [done] = [r for r in together.done if r.input == str(path)]
        made = {Path(o).suffix: Path(o).read_bytes() for o in done.outputs}
        assert made == {Path(o).suffix: Path(o).read_bytes() for o in alone.done[0].outputs}
        assert set(made) == {".mp3", ".srt", ".vtt", ".json"}


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_keeps_what_is_finished(tmp_path):
    src = tmp_path / "in"
    stories = 16  # enough work left whatever the load: the first "done" is seen long before the last
    for i in range(stories):
        (src / f"story{i}.md").parent.mkdir(exist_ok=True)
        (src / f"story{i}.md").write_text(ARTICLES["thames.md"].replace("nine", f"{i + 2}"), encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", "from briefcast.cli import main; main()", "batch", str(src), "-o", str(out),
           "--jobs", "1", "--no-cache"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not (
            (out / MANIFEST_NAME).exists() and "done" in {s for s, _, _ in manifest_rows(out).values()}):
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole process group
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr.decode()
    assert "interrupted: finished outputs are kept; run the same command again to resume" in stderr.decode()
    rows = check_outputs_complete(out)
    assert 1 <= sum(s == "done" for s, _, _ in rows.values()) < stories


@pytest.mark.slow
def test_batch_takes_narrate_options_and_a_changed_one_redoes_the_job(tmp_path):
    """--loudness, --stereo and --sample-rate once were narrate's alone: in a batch they reach the written file,
    and changing one redoes the job while an unchanged rerun skips it."""
    import numpy as np
    import pyloudnorm
    from pydub import AudioSegment

    src = tmp_path / "in"
    write_articles(src, ["harvest.txt"])
    out = tmp_path / "out"

    def batch(*options: str) -> dict:
        result = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "1", "--json", "-q",
                                           "--subtitles", "none", "--sample-rate", "22050", "--stereo",
                                           "--no-outro", *options])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def measured() -> tuple[AudioSegment, float]:
        seg = AudioSegment.from_file(out / "harvest.mp3")
        x = np.array(seg.get_array_of_samples(), dtype=np.float64).reshape(-1, seg.channels) / 32768
        return seg, pyloudnorm.Meter(seg.frame_rate).integrated_loudness(x)

    first = batch("--loudness", "-23")
    assert len(first["done"]) == 1
    seg, lufs = measured()
    assert (seg.channels, seg.frame_rate) == (2, 22050)
    assert lufs == pytest.approx(-23.0, abs=1.0)
    assert not list(out.glob("harvest.srt"))  # --subtitles none reached it too
    quiet_duration = seg.duration_seconds

    assert len(batch("--loudness", "-23")["skipped"]) == 1  # the same options: done
    louder = batch("--loudness", "-18")
    assert len(louder["done"]) == 1  # the loudness target changed: narrated again
    seg, lufs = measured()
    assert lufs == pytest.approx(-18.0, abs=1.0)
    assert seg.duration_seconds == pytest.approx(quiet_duration, abs=0.1)


def _wait_unless_quick(job: Job) -> JobResult:
    """A task for the pool: the job named "quick" is done at once, the others take a minute."""
    time.sleep(0 if job.stem == "quick" else 60)
    return JobResult(job.input, "done")


def test_closing_a_run_ends_its_workers_at_once(tmp_path):
    import multiprocessing

    from briefcast.batch.engines import run_local

    before = set(multiprocessing.active_children())
    jobs = [Job(str(tmp_path / f"{stem}.md"), "segment", str(tmp_path), stem) for stem in ("quick", "slow1", "slow2")]
    results = run_local(jobs, _wait_unless_quick, workers=2)
    first = next(results)
    started = time.monotonic()
    results.close()  # what an interrupted batch does: the slow jobs must not be waited for
    assert first.status == "done" and time.monotonic() - started < 30
    assert not [p for p in multiprocessing.active_children() if p not in before]  # no worker left behind
