"""Option groups shared by the commands (sqlite-utils' `output_options` is the model).

The narration and recognition groups are generated from the options dataclasses, where each option is declared
once (flag, help, default, the commands that take it: see briefcast.optionspec): a field added to NarrateOptions
with a flag reaches narrate, batch and roundtrip at once. A group passes the command one dict (`narration`,
`recognition`) holding only the values the user gave, keyed by field name, so the dataclass supplies every other
default and a command's signature does not grow with the group. `output_options` adds plain parameters (`output`,
`force`, `quiet`, `as_json`), and `verbosity_options` lets `-v` and `--debug` follow the subcommand as well as
precede it.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Collection
from typing import Any, TypeVar

import click

from ..formats import FORMAT_NAMES
from ..narrate.options import NarrateOptions
from ..optionspec import NOT_SET, Flag, flags
from ..transcribe.options import TranscribeOptions

F = TypeVar("F", bound=Callable[..., Any])

AUDIO_FORMATS = FORMAT_NAMES  # narration containers, defined once in briefcast.formats
FORCE_HELP = ("Overwrite output files that already exist (never an input file). Without it, an existing file is "
              "an error and nothing is written.")
JOBS_HELP = "Processes working at once"


def _apply(f: Callable[..., Any], options: list[Callable[[F], F]]) -> Any:
    for option in reversed(options):
        f = option(f)
    return f


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
    """-o (or another output option, --keep) must name something: an empty or blank name is a usage error (it would
    otherwise become the current folder or the filesystem root, or be ignored)."""
    if value is not None and not value.strip():
        from ..errors import UsageError

        flag = param.opts[0] if param is not None and param.opts else "-o"
        raise UsageError(f"{flag} '': an empty output name", hint=f"give a file or folder name, e.g. {flag} out/")
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


# -- the declared groups: narration and recognition ------------------------------------------------------------

def declared_options(options_class: type, command: str, group: str, defaults: dict[str, Any] | None = None, *,
                     only: Collection[str] | None = None) -> Callable[[F], F]:
    """Click options for every field of `options_class` whose flag `command` takes, passed to the command as the
    dict `group`: {field name: value} of the options the user gave. `defaults` are the command's own defaults
    where they differ from the dataclass's (batch writes every sidecar); those values are passed too. `only`: just
    these fields, for a class whose options stand in two places in the help (both halves fill the one dict)."""
    defaults = defaults or {}
    made: list[Callable[[F], F]] = []
    fields: dict[str, str] = {}  # click parameter name -> field name
    for f, flag in flags(options_class, command):
        if only is not None and f.name not in only:
            continue
        names = flag.names_in(command)
        param = names[-1].split("/")[0].lstrip("-").replace("-", "_") if names != flag.names else f.name
        fields[param] = f.name
        made.append(click.option(*names, param, **_click_settings(flag, f.default, defaults.get(f.name))))

    def decorator(f: F) -> F:
        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            ctx = click.get_current_context()
            given = {}
            for param, name in fields.items():
                value = kwargs.pop(param)
                if ctx.get_parameter_source(param) != click.core.ParameterSource.DEFAULT or name in defaults:
                    given[name] = value
            kwargs[group] = {**kwargs.get(group, {}), **given}
            return f(*args, **kwargs)

        return _apply(wrapper, made)

    return decorator


def _click_settings(flag: Flag, default: Any, command_default: Any) -> dict[str, Any]:
    """click.option's keyword arguments for one declared flag."""
    settings: dict[str, Any] = {"help": flag.help, "metavar": flag.metavar}
    if flag.value is not NOT_SET:  # --stereo, --no-intro: the field's value when given; nothing when not
        return {**settings, "flag_value": flag.value, "default": None}
    if flag.required:  # no default to show: click says [required]
        return {**settings, "required": True, "type": flag.type}
    if command_default is not None:
        shown = ",".join(command_default) if isinstance(command_default, tuple) else command_default
    else:
        shown = flag.shown if flag.shown is not None else default
    settings["default"] = shown if flag.show_default else None
    settings["show_default"] = flag.show_default
    if flag.choices is not None:
        settings["type"] = click.Choice(flag.choices)
    elif flag.range is not None:
        low, high = flag.range
        settings["type"] = click.IntRange(_int(low), _int(high)) if flag.type is int else click.FloatRange(low, high)
    elif flag.path is not None:
        settings["type"] = click.Path(file_okay=flag.path == "file", dir_okay=flag.path == "folder")
    elif flag.type is not None:
        settings["type"] = flag.type
    if flag.parse is not None or flag.output:
        settings["callback"] = functools.partial(_checked_value, flag)
    return settings


def _checked_value(flag: Flag, ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A declared option's value: an output name checked (not empty), then parsed (`Flag.parse`)."""
    if flag.output:
        value = check_output(ctx, param, value)
    return value if value is None or flag.parse is None else flag.parse(value)


def _int(bound: float | None) -> int | None:
    return None if bound is None else int(bound)


def narration_options(command: str, *, defaults: dict[str, Any] | None = None) -> Callable[[F], F]:
    """Every narration option `command` takes (NarrateOptions declares them), passed as the dict `narration`."""
    return declared_options(NarrateOptions, command, "narration", defaults)


def reading_options(command: str) -> Callable[[F], F]:
    """--latest, --since, --timeout: how `command` reads URLs and feeds (ReadOptions declares them), as `reading`."""
    from ..stories import ReadOptions

    return declared_options(ReadOptions, command, "reading")


def recognition_options(command: str) -> Callable[[F], F]:
    """Every recognition option `command` takes (TranscribeOptions declares them), passed as `recognition`."""
    return declared_options(TranscribeOptions, command, "recognition")


def narrate_options(narration: dict[str, Any], **settings: Any) -> NarrateOptions:
    """NarrateOptions from the narration group's values plus the command's own `settings` (None: the default)."""
    values = {k: v for k, v in {**narration, **settings}.items() if v is not None}
    return NarrateOptions(**values).validate()


def transcribe_options(recognition: dict[str, Any], **settings: Any) -> TranscribeOptions:
    """TranscribeOptions from the recognition group's values plus the command's own `settings` (None: default)."""
    return TranscribeOptions(**{k: v for k, v in {**recognition, **settings}.items() if v is not None})
