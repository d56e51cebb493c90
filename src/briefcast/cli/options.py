"""Option groups shared by the commands (sqlite-utils' `output_options` is the model): each option's flag, help,
default and validation is written once here, and every command that takes it uses the same decorator.

A group decorator gathers its values into one dict passed to the command under the group's name (`narration`,
`recognition`), so a command's signature does not grow with the group, and adding an option to a group (e.g.
`--engine` to the list in `narration_options`) reaches every command at once, and `narrate_options()` passes it
on to NarrateOptions when the dataclass has a field of that name. `output_options` adds plain parameters
(`output`, `force`, `quiet`, `as_json`), and `verbosity_options` lets `-v` and `--debug` follow the subcommand as
well as precede it.
"""
from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..formats import FORMAT_NAMES
from ..transcribe.backends import CHOICES as BACKEND_CHOICES

F = TypeVar("F", bound=Callable[..., Any])

AUDIO_FORMATS = FORMAT_NAMES  # narration containers, defined once in briefcast.formats
SUBTITLE_FORMATS = ("srt", "vtt", "json")  # narration sidecars; `all` means every one
FORCE_HELP = ("Overwrite output files that already exist (never an input file). Without it, an existing file is "
              "an error and nothing is written.")
JOBS_HELP = "Processes working at once"


def _apply(f: Callable[..., Any], options: list[Callable[[F], F]]) -> Any:
    for option in reversed(options):
        f = option(f)
    return f


def _grouped(name: str, options: list[Callable[[F], F]]) -> Callable[[F], F]:
    """A decorator adding `options` and passing their values to the command as one dict argument `name`; the keys
    are the options' own parameter names, so adding an option to a group's list is the only edit needed."""

    def decorator(f: F) -> F:
        keys: list[str] = []

        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            kwargs[name] = {k: kwargs.pop(k) for k in keys if k in kwargs}
            return f(*args, **kwargs)

        before = len(getattr(wrapper, "__click_params__", []))
        decorated = _apply(wrapper, options)
        added = decorated.__click_params__[before:]
        keys.extend(p.name for p in added if p.name)
        return decorated

    return decorator


# -- verbosity: -v and --debug, before or after the subcommand ---------------------------------------------------

def _set_verbosity(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Record -v/--debug in the shared context object and set the log level (the most verbose setting wins)."""
    if not value:
        return value
    obj = ctx.find_root().ensure_object(dict)
    if param.name == "debug":
        obj["debug"] = True
    else:
        obj["verbose"] = max(obj.get("verbose", 0), int(value))
    verbose = obj.get("verbose", 0)
    level = logging.DEBUG if (verbose > 1 or obj.get("debug")) else logging.INFO if verbose else logging.WARNING
    logging.getLogger().setLevel(level)
    return value


def verbosity_options(f: F) -> F:
    """-v/--verbose (count) and --debug; accepted on the group and on every command."""
    return _apply(f, [
        click.option("-v", "--verbose", count=True, expose_value=False, callback=_set_verbosity, is_eager=True,
                     help="More log output on stderr (-vv for debug); shows an external tool's own error text."),
        click.option("--debug", is_flag=True, expose_value=False, callback=_set_verbosity, is_eager=True,
                     help="Show full tracebacks and the external tool's error text instead of one-line errors."),
    ])


# -- output: -o, --force, -q, --json ------------------------------------------------------------------------------

def quiet_option(f: F) -> F:
    """-q/--quiet: no progress bar and no summary line."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress display and no summary line.")(f)


def force_option(f: F) -> F:
    """--force: overwrite existing outputs; never an input."""
    return click.option("--force", is_flag=True, help=FORCE_HELP)(f)


def json_option(f: F) -> F:
    """--json: a machine-readable report on standard output."""
    return click.option("--json", "as_json", is_flag=True, help="Print a machine-readable JSON report on stdout.")(f)


def check_output(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> str | None:
    """-o must name something: an empty or blank -o is a usage error (it would otherwise become the current folder
    or the filesystem root)."""
    if value is not None and not value.strip():
        from ..errors import UsageError

        raise UsageError("-o '': an empty output name", hint="give a file or folder name, e.g. -o out/")
    return value


def output_options(output_help: str, *, json: bool = False, required: bool = False, dir_okay: bool = True,
                   force: bool = True) -> Callable[[F], F]:
    """-o/--output (with the command's own help), --force, -q/--quiet, [--json], and -v/--debug."""
    options: list[Callable[[F], F]] = [
        click.option("-o", "--output", "output", required=required, help=output_help, callback=check_output,
                     type=click.Path(dir_okay=dir_okay, allow_dash=False)),
    ]
    if force:
        options.append(force_option)
    options.append(quiet_option)
    if json:
        options.append(json_option)
    options.append(verbosity_options)
    return lambda f: _apply(f, options)


def jobs_option(what: str, *, default: int | None) -> Callable[[F], F]:
    """-j/--jobs: always "processes working at once"; `what` says what each process does in this command."""
    shown = f"[default: {default}]" if default is not None else "[default: the number of cores]"
    return click.option("-j", "--jobs", type=click.IntRange(min=1), default=default, callback=cap_jobs,
                        help=f"{JOBS_HELP}: {what} (1: one at a time; at most what the machine can run). {shown}")


WORKER_MB = 200  # memory one worker process takes at most (a Piper voice ~180 MB, a tiny.en recogniser less)


def machine_workers(worker_mb: int = WORKER_MB) -> int:
    """Worker processes this machine can run at once: the cores this process may use, and no more than the
    available memory holds at `worker_mb` each (at least 1)."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    limit = max(cores, 1)
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            info = dict(line.split(":", 1) for line in f if ":" in line)
        available_mb = int(info["MemAvailable"].split()[0]) // 1024
        limit = min(limit, max(available_mb // worker_mb, 1))
    except (OSError, KeyError, ValueError, IndexError):
        pass
    return limit


def cap_jobs(ctx: click.Context | None, param: click.Parameter | None, value: int | None) -> int | None:
    """--jobs above what the machine can run is lowered to that, with one warning (more only thrash)."""
    if value is None:
        return value
    limit = machine_workers()
    if value > limit:
        if ctx is not None and param is not None and param.name and \
                ctx.get_parameter_source(param.name) == click.core.ParameterSource.DEFAULT:
            return limit
        logging.getLogger("briefcast").warning(
            "--jobs %d is more than this machine can run at once; using %d (its cores and free memory)",
            value, limit)
        return limit
    return value


# -- narration: -f/--format, --voice, --rate, --subtitles ---------------------------------------------------------

def parse_subtitles(ctx: click.Context | None, param: click.Parameter | None, value: str | None
                    ) -> tuple[str, ...] | None:
    """`srt,vtt`, `all` or `none` -> a tuple of sidecar kinds (None when not given); unknown kinds: usage error."""
    if value is None:
        return None
    from ..errors import UsageError  # one briefcast error line, exit 2

    parts = [p.strip().lower() for p in value.split(",")]
    if not all(parts):
        raise UsageError(f"--subtitles {value!r}: an empty name in the list",
                         hint="give srt, vtt, json, all or none, separated by commas, e.g. srt,vtt")
    kinds: list[str] = []
    for part in parts:
        if part == "none":
            continue
        for k in SUBTITLE_FORMATS if part == "all" else (part,):
            if k not in SUBTITLE_FORMATS:
                raise UsageError(f"unknown subtitle format {k!r}", hint="choose from srt, vtt, json, all or none")
            if k not in kinds:
                kinds.append(k)
    return tuple(kinds)


def narration_options(*, subtitles_default: str = "none", engine_flag: str = "--engine") -> Callable[[F], F]:
    """The narration group: -f/--format, --engine, --voice, --rate, --subtitles, passed as the dict `narration`.
    `engine_flag` renames --engine where the command has an engine of its own (batch: --speech-engine)."""
    from ..narrate.engines import ENGINE_NAMES

    return _grouped("narration", [
        click.option("-f", "--format", "format", type=click.Choice(AUDIO_FORMATS), default=None,
                     help="Audio format: mp3, ogg (Vorbis), opus, m4a (AAC) or wav. [default: an audio file -o's "
                          "extension, else mp3]"),
        click.option(engine_flag, "speech_engine", type=click.Choice(ENGINE_NAMES), default=None,
                     help="Speech engine: piper (a natural neural voice) or pyttsx3 (espeak-ng); auto: Piper when "
                          "its voice is installed, else pyttsx3. [default: auto]"),
        click.option("--voice", default=None,
                     help="The engine's voice (list them with `briefcast voices`): Piper en_US-joe-medium or a .onnx "
                          "file (its .onnx.json beside it); pyttsx3 an espeak-ng voice such as en-us."),
        click.option("--rate", type=int, default=None,
                     help="Speaking rate in words per minute (pyttsx3 80-450, Piper 100-375). [default: 175]"),
        click.option("--subtitles", default=subtitles_default, metavar="LIST", callback=parse_subtitles,
                     show_default=True,
                     help="Sidecars next to the audio: srt,vtt,json, all or none (any also writes "
                          "STEM.chapters.json)."),
    ])


def narrate_options(narration: dict[str, Any], **settings: Any) -> Any:
    """NarrateOptions from the narration group's values plus the command's own `settings` (None: the default)."""
    from ..narrate import NarrateOptions

    values = {**narration, **settings}
    values["engine"] = values.pop("speech_engine", None)
    fields = {f.name for f in dataclasses.fields(NarrateOptions)}
    return NarrateOptions(**{k: v for k, v in values.items() if v is not None and k in fields}).validate()


# -- recognition: --model, --backend, --language, --beam-size -----------------------------------------------------

def recognition_options(f: F) -> F:
    """The recognition group: --model, --backend, --language, --beam-size, passed as the dict `recognition`."""
    return _grouped("recognition", [
        click.option("--model", default=None, help="A model name (tiny.en, base, small, ...), a CTranslate2 folder "
                     "or a .pt checkpoint. [default: the bundled tiny.en]"),
        click.option("--backend", type=click.Choice(BACKEND_CHOICES), default=None,
                     help="Recogniser: faster-whisper (faster on CPU) or openai-whisper; auto: faster-whisper if "
                          "installed. [default: auto]"),
        click.option("--language", "-l", default=None, help="Spoken language (en, fr, ...). [default: detect]"),
        click.option("--beam-size", type=click.IntRange(1, 20), default=None,
                     help="Beam search width (1: greedy, faster). [default: 5]"),
    ])(f)


def transcribe_options(recognition: dict[str, Any], **settings: Any) -> Any:
    """TranscribeOptions from the recognition group's values plus the command's own `settings` (None: default)."""
    from ..transcribe import TranscribeOptions

    values = {**recognition, **settings}
    fields = {f.name for f in dataclasses.fields(TranscribeOptions)}
    return TranscribeOptions(**{k: v for k, v in values.items() if v is not None and k in fields})
