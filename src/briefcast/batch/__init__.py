"""Batch conversion: many inputs -> OUTDIR, in parallel, resumable, one failure never stopping the others.

    from briefcast.batch import run_batch, BatchOptions
    report = run_batch(["articles/", "videos/*.mp4"], "podcast/", options=BatchOptions(jobs=2))
    print(len(report.done), len(report.skipped), [(r.input, r.error) for r in report.failed])

Articles are narrated, audio and video transcribed (`to="text"` turns articles into clean Markdown/JSON instead).
A manifest in OUTDIR remembers what is done, so a rerun only redoes what changed or failed.
"""
from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from ..errors import InputError, OutputError, Stopped
from ..fileio import canonical, file_identity, identities
from ..fileio import remove_temporaries as remove_temporary_files
from ..formats import SUBTITLE_FORMATS
from ..optionspec import option
from ..writers import ALL, WRITERS, format_list, format_names
from .engines import ENGINES, SCHEDULER_TIMEOUT, run_jobs, scheduler_address
from .inputs import TARGETS, Planned, assign_stems, plan_inputs
from .manifest import MANIFEST_NAME, Manifest, Record, content_hash
from .tasks import TEXT_FORMATS, Job, JobResult, TaskFunction, job_outputs, remove_temporaries, run_job, settings_hash

log = logging.getLogger(__name__)

BATCH = ("batch",)

LOCK_NAME = ".briefcast-batch.lock"
DEFAULT_SIDECARS = SUBTITLE_FORMATS  # narration sidecars in a batch: every one (what `briefcast feed` links to)
Progress = Callable[[str, Any], None]  # progress(event, value): "planned" (int), "running" (list[str]), "result"


def _format_names(spec: str) -> tuple[str, ...]:
    """-t's comma list of formats (with all) as writer names; UsageError for an unknown one."""
    return tuple(format_names(spec))


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch; the conversion itself is shaped by the narrate/transcribe options inside."""

    to: str = option(  # "auto": articles -> audio, media -> text; "audio": articles only; "text": everything -> text
        "auto", "--to", choices=TARGETS, commands=BATCH,
        help="auto: articles -> audio, audio/video -> text; audio: articles only; text: everything -> text.")
    jobs: int | None = None  # files converted at once (worker processes); None: the number of cores
    pattern: str | None = option(  # only files in folders whose name (or relative path, with a /) matches this glob
        None, "--glob", metavar="PATTERN", commands=BATCH, help="Only files in folders that match, e.g. '*.md'.")
    recursive: bool = option(  # descend into subfolders of folder inputs
        False, "-r", "--recursive", value=True, commands=BATCH, help="Descend into subfolders of folder inputs.")
    engine: str = option(  # "local" (worker processes here) or "dask" (a Dask cluster); a scheduler implies dask
        "local", "--engine", choices=ENGINES, commands=BATCH,
        help="local: worker processes here; dask: a Dask cluster (extra [dask]).")
    scheduler: str | None = option(  # Dask scheduler address (tcp://HOST:8786); None: a LocalCluster on loopback
        None, "--scheduler", metavar="ADDRESS", commands=BATCH,
        help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask; default: a LocalCluster here).")
    scheduler_timeout: float = option(  # seconds to reach the scheduler before giving up
        SCHEDULER_TIMEOUT, "--scheduler-timeout", type=float, metavar="SECONDS", commands=BATCH,
        help="Seconds to reach the Dask scheduler before giving up.")
    redo: bool = option(  # convert everything again, even what the manifest says is done and unchanged
        False, "--redo", value=True, commands=BATCH, help="Convert everything again, even what is done and unchanged.")
    narrate: Any = None  # NarrateOptions for articles (its encoder tried first); None: defaults, one engine worker
    #                      per file, srt+vtt+json
    transcribe: Any = None  # TranscribeOptions for media; None: defaults. threads 0 (all cores): cores/jobs each
    reading: Any = None  # ReadOptions for URLs with --to audio (article pages, feeds) and feed files; None: defaults
    text_formats: tuple[str, ...] = option(  # writer names for transcripts and --to text outputs
        TEXT_FORMATS, "-t", "--transcript-format", shown=",".join(TEXT_FORMATS), parse=_format_names, commands=BATCH,
        help=f"Transcription and --to text: output formats ({', '.join(ALL)}, all); articles have no times, so they "
             f"get no {format_list([name for name, w in WRITERS.items() if w.timed], 'or')}.")
    force: bool = False  # overwrite files in OUTDIR that this batch's manifest does not list (never an input)

    def __post_init__(self) -> None:
        from ..errors import UsageError

        if self.to not in TARGETS:
            raise UsageError(f"unknown target {self.to!r}", hint="choose audio, text or auto")
        if self.engine not in ENGINES:
            raise UsageError(f"unknown engine {self.engine!r}", hint=f"choose one of {', '.join(ENGINES)}")
        if self.scheduler is not None:
            scheduler_address(self.scheduler)
            object.__setattr__(self, "engine", "dask")  # a scheduler address only makes sense for Dask
        if not self.scheduler_timeout > 0:
            raise UsageError(f"--scheduler-timeout must be above 0 seconds, not {self.scheduler_timeout}")
        if self.jobs is not None and self.jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {self.jobs}")


@dataclass
class BatchReport:
    """The outcome of a batch: one JobResult per input, by status."""

    outdir: Path
    done: list[JobResult] = field(default_factory=list)
    skipped: list[JobResult] = field(default_factory=list)  # done and unchanged since an earlier run
    failed: list[JobResult] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # inputs inside OUTDIR, left out
    elapsed: float = 0.0  # seconds of wall time
    interrupted: bool = False  # stopped by Ctrl-C (or SIGTERM, SIGHUP) before every job ran
    signum: int | None = None  # the signal that stopped it (2 for Ctrl-C), when interrupted

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted

    @property
    def audio_seconds(self) -> float:
        """Audio made or transcribed in this run, in seconds."""
        return sum(r.audio_seconds or 0.0 for r in self.done)

    def to_dict(self) -> dict[str, Any]:
        return {
            "done": [{"input": r.input, "outputs": r.outputs, "audio_seconds": r.audio_seconds,
                      "elapsed_seconds": round(r.elapsed_seconds, 3)} for r in self.done],
            "skipped": [{"input": r.input, "outputs": r.outputs} for r in self.skipped],
            "failed": [{"input": r.input, "error": r.error} for r in self.failed],
            "ignored": list(self.ignored),
            "outdir": str(self.outdir),
            "audio_minutes": round(self.audio_seconds / 60, 3),
            "elapsed_seconds": round(self.elapsed, 3),
            "interrupted": self.interrupted,
        }


def run_batch(inputs: Sequence[str | os.PathLike[str]], outdir: str | os.PathLike[str], *,
              options: BatchOptions = BatchOptions(), task: TaskFunction = run_job,
              progress: Progress | None = None) -> BatchReport:
    """Convert every input into OUTDIR; returns the report (never raises for one bad input).

    `task` is the per-file function (the real one by default; tests inject fakes). `progress(event, value)` is
    called with ("planned", number of jobs to run), ("running", inputs in flight) and ("result", JobResult).
    Ctrl-C cancels what has not started, ends the workers and returns the report so far with `interrupted` set.
    Workers are spawned processes: a script that calls this needs the `if __name__ == "__main__":` guard.
    Raises OutputError when OUTDIR cannot be written, InputError when there is nothing to convert.
    """
    t0 = time.perf_counter()
    if options.narrate is not None:  # an encoder that refuses the format: one error before the folder is made
        from ..narrate.encode import check_encoder

        check_encoder(options.narrate)
    out = _prepare_outdir(Path(outdir))
    report = BatchReport(out)
    with _lock(out), Manifest(out) as manifest:
        records = manifest.all()
        _remove_stale_temporaries(records, out)
        planned, report.ignored, lists = plan_inputs(inputs, out, to=options.to, pattern=options.pattern,
                                                     recursive=options.recursive, reading=options.reading)
        if not planned:
            _nothing_to_convert(inputs, out, report.ignored)
        stems = assign_stems(planned, manifest.stems())
        workers = options.jobs or os.cpu_count() or 1
        stage_options = _stage_options(options, planned, workers)
        jobs, early_failures = _jobs(planned, lists, stems, records, out, options, stage_options, report)
        _say_untimed_once([job for job, _ in jobs], options.text_formats)
        # Claim each job's outputs before it runs: a batch killed between an output's rename and its record still
        # owns that file on the rerun (it is not mistaken for a file the user put there).
        claims = [dataclasses.replace(meta, outputs=tuple(_claimed(job, records.get(job.input))))
                  for job, meta in jobs]
        manifest.record_many(early_failures + claims)
        for r in report.failed:
            log.debug("failed: %s: %s", r.input, r.error)
        if progress is not None:
            progress("planned", len(jobs))
        running = (lambda names: progress("running", names)) if progress is not None else None
        results = run_jobs([j for j, _ in jobs], task, engine=options.engine, workers=workers,
                           scheduler=options.scheduler, running=running,
                           scheduler_timeout=options.scheduler_timeout)
        _record_results(results, jobs, manifest, report, progress)
    report.elapsed = time.perf_counter() - t0
    return report


def _nothing_to_convert(inputs: Sequence[str | os.PathLike[str]], out: Path, ignored: Sequence[str]) -> NoReturn:
    """Raise the InputError that says why no input was planned."""
    if ignored:
        raise InputError(f"every input is inside the output folder {out}", hint="choose another -o OUTDIR")
    raise InputError(f"no input files found in {', '.join(map(str, inputs))}",
                     hint="pass files, folders (--recursive for subfolders), globs or @list.txt")


def _jobs(planned: Sequence[Planned], lists: Sequence[Path], stems: Mapping[Path, str], records: Mapping[str, Record],
          out: Path, options: BatchOptions, stage_options: dict[str, Any],
          report: BatchReport) -> tuple[list[tuple[Job, Record]], list[Record]]:
    """The jobs to run, each with the record the planning writes for it, and the records of inputs that failed
    before running (each also in report.failed: no route, unreadable, or an output in the way); an input done
    before, with the same content and settings and its outputs in place, goes to report.skipped."""
    templates = _site_templates([p.path for p in planned if p.route in ("narrate", "segment")])
    sources = identities([*(p.path for p in planned), *(p.script for p in planned if p.script), *lists,
                          *_stage_inputs(stage_options)])  # never outputs
    jobs: list[tuple[Job, Record]] = []
    early_failures: list[Record] = []
    for p in planned:
        key = str(p.path)
        if p.route is None:
            early_failures.append(Record(key, "failed", error=p.error))
            report.failed.append(JobResult(key, "failed", error=p.error))
            continue
        job = Job(key, p.route, str(out), stems[p.path], options=stage_options.get(p.route),
                  audio_format=getattr(stage_options.get("narrate"), "format", "mp3"),
                  text_formats=tuple(options.text_formats), template=templates.get(p.path, frozenset()),
                  script=str(p.script) if p.script else None)
        try:
            digest, size, mtime_ns = content_hash(p.path, records.get(key))
        except OSError as e:
            error = f"{p.path}: cannot read ({e.strerror or e})"
            early_failures.append(Record(key, "failed", route=p.route, stem=job.stem, error=error))
            report.failed.append(JobResult(key, "failed", error=error))
            continue
        meta = Record(key, "running", route=p.route, stem=job.stem, size=size, mtime_ns=mtime_ns,
                      content_hash=digest, settings_hash=settings_hash(job))  # what the planning knows
        rec = records.get(key)
        if not options.redo and rec is not None and _done_before(rec, meta):
            report.skipped.append(JobResult(key, "skipped", outputs=list(rec.outputs), audio_seconds=rec.audio_seconds))
            continue
        blocked = _in_the_way(job, rec, sources, force=options.force)
        if blocked is not None:
            early_failures.append(dataclasses.replace(meta, status="failed", error=blocked,
                                                      outputs=rec.outputs if rec is not None else ()))
            report.failed.append(JobResult(key, "failed", error=blocked))
            continue
        jobs.append((job, meta))
    return jobs, early_failures


def _done_before(record: Record, meta: Record) -> bool:
    """Whether an earlier run converted this input with the same content and settings, its outputs still there."""
    return (record.status == "done" and record.content_hash == meta.content_hash
            and record.settings_hash == meta.settings_hash and record.outputs_exist())


def _record_results(results: Iterable[JobResult], jobs: list[tuple[Job, Record]], manifest: Manifest,
                    report: BatchReport, progress: Progress | None) -> None:
    """Each result recorded in the manifest and the report as it comes. Ctrl-C (or a stop signal) ends the run:
    the report is marked interrupted, the workers are ended and the temporaries of unfinished jobs removed."""
    meta_by_input = {job.input: meta for job, meta in jobs}
    try:
        for result in results:
            manifest.record(dataclasses.replace(
                meta_by_input[result.input], status=result.status, outputs=tuple(result.outputs),
                error=result.error, audio_seconds=result.audio_seconds, elapsed_seconds=result.elapsed_seconds,
                started_at=result.started_at, finished_at=result.finished_at))
            (report.done if result.status == "done" else report.failed).append(result)
            if result.status != "done":
                log.debug("failed: %s: %s", result.input, result.error)
            if progress is not None:
                progress("result", result)
    except KeyboardInterrupt as e:
        report.interrupted = True
        report.signum = e.signum if isinstance(e, Stopped) else signal.SIGINT
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # ends the workers when interrupted
        for job, _ in jobs:  # a worker ended mid-write (Dask's are killed outright) leaves its temporaries
            remove_temporaries(job)


def _site_templates(paths: Sequence[Path]) -> dict[Path, frozenset[str]]:
    """The site template of each article among `paths`: paragraphs it shares with another story of its site.

    The articles are read here once, keeping only their paragraph keys; one that cannot be read has no template (its
    job reports why).
    """
    from ..segmenter.parse import read_article
    from ..segmenter.sitewide import paragraph_keys, site_of, site_templates

    if len(paths) < 2:
        return {}
    pages: list[tuple[Path, str | None, frozenset[str]]] = []
    for path in paths:
        try:
            article = read_article(path)
        except Exception as e:  # its own job reads it again and reports why, in its own line
            log.debug("%s: not compared with the other pages of its site: %s", path, e)
            continue
        pages.append((path, site_of(article), paragraph_keys(article)))
    found = site_templates([(site, keys) for _, site, keys in pages])
    return {path: template for (path, _, _), template in zip(pages, found) if template}


def _claimed(job: Job, record: Record | None) -> list[str]:
    """The outputs a job may write, with those an earlier run recorded for the same input."""
    earlier = [str(canonical(p)) for p in (record.outputs if record is not None else ())]
    return list(dict.fromkeys(earlier + [str(canonical(p)) for p in job_outputs(job)]))


def _in_the_way(job: Job, record: Record | None, sources: frozenset[tuple[int, int]], *, force: bool) -> str | None:
    """Why the job may not write its outputs, if it may not: one would replace an input of the batch (never, even
    with `force`; a link to an input is the input), or a file this batch did not write (only with `force`)."""
    for path in job_outputs(job):
        if file_identity(path) in sources:
            return f"{path}: is an input of this batch: briefcast never writes over its input, even with --force"
    foreign = _foreign_output(job, record) if not force else None
    if foreign is not None:
        return f"{foreign}: already exists and this batch did not write it: pass --force to overwrite it"
    return None


def _foreign_output(job: Job, record: Record | None) -> Path | None:
    """An existing file a job would replace that the manifest does not list as this input's output, if any (however
    either spells the folder)."""
    mine = {canonical(p) for p in (record.outputs if record is not None else ())}
    for path in job_outputs(job):
        if (path.exists() or path.is_symlink()) and canonical(path) not in mine:
            return path
    return None


def _say_untimed_once(jobs: list[Job], formats: tuple[str, ...]) -> None:
    """Articles have no times: say once that they get no subtitle files, instead of writing empty ones."""
    from .tasks import untimed_formats

    timed = [f for f in formats if f not in untimed_formats(formats)]
    if timed and any(j.route == "segment" for j in jobs):
        kept = ", ".join(untimed_formats(formats)) or "nothing"
        log.warning("articles have no times: %s not written for them (they get %s)", ", ".join(timed), kept)


def _stage_options(options: BatchOptions, planned: list[Any], workers: int) -> dict[str, Any]:
    """The narrate/transcribe options each route runs with (imported only when the batch has such inputs)."""
    routes = {p.route for p in planned}
    stage: dict[str, Any] = {"segment": None}
    if "narrate" in routes:
        narrate = options.narrate
        if narrate is None:
            try:
                from ..narrate import NarrateOptions
            except ImportError:  # reported per input by the task, which imports it again
                log.debug("narration is not importable", exc_info=True)
            else:
                narrate = _with_fields(NarrateOptions(), jobs=1, subtitles=DEFAULT_SIDECARS)
        if narrate is not None:  # an unusable cache: said once here, not once per file
            from ..narrate.narrator import checked_cache

            narrate = checked_cache(narrate)
        # a rerun replaces the outputs of a changed input: narration must overwrite them
        stage["narrate"] = _with_fields(narrate, force=True) if narrate is not None else None
    if "transcribe" in routes:
        transcribe = options.transcribe
        if transcribe is None:
            try:
                from ..transcribe import TranscribeOptions
            except ImportError:  # reported per input by the task, which imports it again
                log.debug("transcription is not importable", exc_info=True)
            else:
                transcribe = TranscribeOptions()
        if transcribe is not None and transcribe.threads == 0:  # "all cores": each worker its share of them
            transcribe = dataclasses.replace(transcribe, threads=max(1, (os.cpu_count() or 1) // workers))
        stage["transcribe"] = transcribe
    return stage


def _stage_inputs(stage: dict[str, Any]) -> list[Path]:
    """The files the stages read besides the inputs: music, bed and voice of narration, the recogniser's model."""
    files: list[Path] = []
    if stage.get("narrate") is not None:
        from ..narrate.narrator import input_files

        files += input_files(stage["narrate"])
    if stage.get("transcribe") is not None:
        from ..transcribe.models import model_files

        files += model_files(stage["transcribe"].model)
    return files


def _with_fields(options: Any, **changes: Any) -> Any:
    """`dataclasses.replace` with only the fields the options class has."""
    names = {f.name for f in dataclasses.fields(options)}
    return dataclasses.replace(options, **{k: v for k, v in changes.items() if k in names})


def _prepare_outdir(outdir: Path) -> Path:
    """Create OUTDIR and prove it is writable, or raise one clear OutputError. Returned resolved (symlinks, `..`):
    outputs are recorded under one spelling of the folder, whichever one -o used."""
    out = outdir.resolve()
    if out.exists() and not out.is_dir():
        raise OutputError(f"{outdir}: is a file, not a folder", hint="give -o a folder for the outputs")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):  # a new name of its own: never a file the user keeps there
            pass
    except OSError as e:
        raise OutputError(f"{outdir}: cannot write to the output folder ({e.strerror or e})",
                          hint="choose a folder you can write to, or fix its permissions") from e
    return out


@contextlib.contextmanager
def _lock(outdir: Path) -> Iterator[None]:
    """One batch at a time per OUTDIR, on POSIX and Windows (the lock dies with its process, even on SIGKILL)."""
    import filelock

    path = outdir / LOCK_NAME
    if path.is_symlink():  # (filelock refuses to follow it, as a "symlink loop")
        raise OutputError(f"{path}: is a link, not the batch's lock file", hint="remove the link; the batch makes "
                          "its own lock file")
    lock = filelock.FileLock(path, timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout as e:
        raise OutputError(f"{outdir}: another batch is writing to this folder",
                          hint="wait for it to finish, or choose another -o OUTDIR") from e
    try:
        yield
    finally:
        lock.release()


def _remove_stale_temporaries(records: dict[str, Record], outdir: Path) -> None:
    """Delete temporary files left by a batch that was killed: only those made for an output this folder's
    manifest lists (fileio.temporaries_of), never another hidden file a user keeps in OUTDIR."""
    outputs = {o for r in records.values() for o in r.outputs if canonical(o).parent == outdir}
    removed = remove_temporary_files(sorted(outputs))
    if removed:
        log.info("removed %d temporary file(s) left by an interrupted batch", removed)


__all__ = ["BatchOptions", "BatchReport", "Job", "JobResult", "run_batch", "run_job", "MANIFEST_NAME"]
