"""The per-file task that both engines run: a plain picklable `Job` in, a plain `JobResult` out, never an exception.

Every output is written to a temporary file beside it and renamed into place (narration and the writers do that),
so a worker killed at any moment leaves either the previous output or the new one, never a truncated file.
"""
from __future__ import annotations

import contextvars
import dataclasses
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BriefcastError, from_os_error
from ..fileio import data_digest, file_digest
from ..fileio import remove_temporaries as remove_temporary_files
from ..optionspec import output_settings

log = logging.getLogger(__name__)

ROUTES = ("narrate", "transcribe", "segment")
TEXT_FORMATS = ("md", "json")  # writer names written for a transcript or a segmented article unless told (-t)


@dataclass(frozen=True)
class Job:
    """One file to convert; plain data so that it pickles to a worker process or a Dask worker."""

    input: str  # absolute path of the input file
    route: str  # "narrate" (article -> audio), "transcribe" (media -> article), "segment" (article -> clean text)
    outdir: str  # absolute path of the output folder
    stem: str  # output file stem inside outdir
    options: Any = None  # NarrateOptions for narrate, TranscribeOptions for transcribe, None for segment
    audio_format: str = "mp3"  # narration container when options do not say (NarrateOptions.format wins)
    text_formats: tuple[str, ...] = TEXT_FORMATS  # writer names for transcribe and segment outputs
    template: frozenset[str] = frozenset()  # paragraph keys of the site's template, not said (segmenter.sitewide)
    script: str | None = None  # a recording's printed article, aligned with it (transcribe --script); absolute


@dataclass
class JobResult:
    """What happened to one input: `status` is "done" or "failed" (with a one-line `error`)."""

    input: str
    status: str
    outputs: list[str] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None  # an external tool's own error text, for -v
    audio_seconds: float | None = None  # narration length or transcribed media length
    elapsed_seconds: float = 0.0
    started_at: float = 0.0  # Unix time
    finished_at: float = 0.0
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


TaskFunction = Callable[[Job], JobResult]


def settings_hash(job: Job) -> str:
    """A short hash of everything that shapes the outputs: route, stem, formats and the options' fields that
    declare they shape an output (briefcast.optionspec), so a changed option redoes the job."""
    opts: Any = None
    if job.options is not None and dataclasses.is_dataclass(job.options) and not isinstance(job.options, type):
        opts = output_settings(job.options)
    payload = {"route": job.route, "stem": job.stem, "audio_format": job.audio_format,
               "text_formats": list(job.text_formats), "options": opts}
    if job.template:  # the site's template depends on the batch's other pages of the site
        payload["template"] = sorted(job.template)
    if job.script is not None:  # which article, not its contents: an edited article alone redoes nothing
        payload["script"] = job.script
    if job.route == "narrate" and dataclasses.is_dataclass(job.options) and hasattr(job.options, "lexicon"):
        from ..narrate.lexicon import lexicon_file

        read = lexicon_file(job.options.lexicon)  # its contents, not only its name: an edit redoes the job (its
        if read is not None and read.is_file():  # clips stay cached); no lexicon: the hash it had before lexicons
            payload["lexicon"] = file_digest(read)
    return data_digest(payload)[:16]


def one_line(error: BaseException) -> str:
    """A failure as one line: a BriefcastError's message and hint, else the exception type and message."""
    text = str(error) if isinstance(error, BriefcastError) else f"{type(error).__name__}: {error}"
    text = " ".join(text.split())
    return text[:500] or type(error).__name__


# The job this worker is running, for clean-up when it is told to stop (a signal handler reads it in the same thread).
_CURRENT: contextvars.ContextVar[Job | None] = contextvars.ContextVar("briefcast_batch_job", default=None)


def current_job() -> Job | None:
    return _CURRENT.get()


def job_outputs(job: Job) -> list[Path]:
    """The files a job will write in OUTDIR."""
    out = Path(job.outdir)
    if job.route == "narrate":
        fmt = getattr(job.options, "format", None) or job.audio_format
        kinds = tuple(getattr(job.options, "sidecar_kinds", ()))
        return [out / f"{job.stem}.{fmt}", *(out / f"{job.stem}.{'chapters.json' if k == 'chapters' else k}"
                                             for k in kinds)]
    from ..writers import get_writer

    formats = untimed_formats(job.text_formats) if job.route == "segment" else job.text_formats
    return [out / f"{job.stem}.{get_writer(f).extension}" for f in formats]


def remove_temporaries(job: Job | None) -> None:
    """Delete the temporary files of a job's outputs (only atomic_path's own, see fileio.temporaries_of)."""
    if job is not None:
        remove_temporary_files(job_outputs(job))


def run_job(job: Job) -> JobResult:
    """Convert one input into its outputs in job.outdir. Failures come back as a failed JobResult, never raised."""
    token = _CURRENT.set(job)
    try:
        return _run(job)
    finally:
        _CURRENT.reset(token)


def _run(job: Job) -> JobResult:
    started = time.time()
    t0 = time.perf_counter()
    result = JobResult(job.input, "failed", started_at=started)
    try:
        if job.route == "narrate":
            _narrate(job, result)
        elif job.route == "transcribe":
            _transcribe(job, result)
        elif job.route == "segment":
            _segment(job, result)
        else:
            raise ValueError(f"unknown route {job.route!r}")
        result.status = "done"
    except BriefcastError as e:
        result.error, result.detail = _about(job, one_line(e)), e.detail
    except OSError as e:  # a full disk, a symlink loop, an unreadable file: one line naming the place
        result.error = _about(job, one_line(from_os_error(e)))
    except Exception as e:  # isolate every failure to its own input
        log.debug("%s failed:\n%s", job.input, traceback.format_exc())
        result.error = _about(job, one_line(e))
    result.elapsed_seconds = time.perf_counter() - t0
    result.finished_at = time.time()
    return result


def _about(job: Job, error: str) -> str:
    """The error without a leading name of the input: the report line already starts with it."""
    for name in (job.input, Path(job.input).name):
        if error.startswith(name + ": "):
            return error[len(name) + 2:]
    return error


def untimed_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats an article without times can be written in (not srt or vtt)."""
    from ..writers import get_writer

    return tuple(f for f in formats if not get_writer(f).timed)


def _target(job: Job, extension: str) -> Path:
    outdir = Path(job.outdir)
    path = outdir / f"{job.stem}.{extension.lstrip('.')}"
    if path.resolve().parent != outdir.resolve():  # stems are sanitised; this is a last guard
        raise ValueError(f"output {path} would leave the output folder")
    return path


def _read(job: Job) -> Any:
    """The job's article, without its site's template."""
    from ..segmenter.parse import read_article
    from ..segmenter.sitewide import remove_template

    return remove_template(read_article(job.input), job.template)


def _narrate(job: Job, result: JobResult) -> None:
    from ..narrate import NarrateOptions, narrate

    options = job.options if job.options is not None else NarrateOptions(format=job.audio_format)
    fmt = getattr(options, "format", job.audio_format) or job.audio_format
    narration = narrate(_read(job), _target(job, fmt), options=options)
    outputs = [narration.path, *(narration.sidecars or {}).values()]
    result.outputs = [str(Path(p)) for p in outputs]
    result.audio_seconds = float(narration.duration) if narration.duration is not None else None
    result.title = getattr(narration.article, "title", None)


def _transcribe(job: Job, result: JobResult) -> None:
    from ..transcribe import TranscribeOptions, transcribe

    options = job.options if job.options is not None else TranscribeOptions()
    if job.script is not None:  # its printed article: aligned with it (as transcribe --script)
        from ..segmenter.parse import read_article
        from ..transcribe.align import align_script

        article = align_script(job.input, read_article(job.script), options=options)
    else:
        article = transcribe(job.input, options=options)
    result.outputs = _write_texts(job, article)
    result.audio_seconds = article.duration
    result.title = article.title


def _segment(job: Job, result: JobResult) -> None:
    article = _read(job)
    if article.is_empty:
        from ..errors import InputError

        raise InputError(f"{job.input}: no article body found", hint="check that the file holds an article")
    formats = untimed_formats(job.text_formats)
    if not formats:
        from ..errors import UsageError

        raise UsageError(f"an article has no times, so {', '.join(job.text_formats)} cannot apply",
                         hint="add md, txt or json to -t")
    result.outputs = _write_texts(dataclasses.replace(job, text_formats=formats), article)
    result.title = article.title


def _write_texts(job: Job, article: Any) -> list[str]:
    from ..writers import get_writer, write

    outputs = []
    for fmt in job.text_formats:
        writer = get_writer(fmt)
        outputs.append(str(write(article, _target(job, writer.extension), writer.name)))
    return outputs
