"""The thin click CLI: each command parses options, calls the library once, and hands the result to a writer."""
from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

import click

from .. import __version__
from ..errors import BriefcastError, Stopped, from_os_error
from ..names import printable as printable  # re-exported: the CLI's quoting of names, shared with batch workers
from .options import quiet_option as quiet_option  # re-exported: commands import it from here
from .options import verbosity_options


class BriefcastGroup(click.Group):
    """Turns library errors into one clean line (`briefcast: error: ...`) and an exit code; `-v` adds the external
    tool's own error text (`BriefcastError.detail`), `--debug` adds it and re-raises for the traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with stop_signals():
                return super().invoke(ctx)
        except BriefcastError as e:
            report_error(ctx, e)
            if debugging(ctx):
                raise
            ctx.exit(e.exit_code)
        except KeyboardInterrupt as e:
            signum = e.signum if isinstance(e, Stopped) else signal.SIGINT
            click.echo(f"briefcast: {interrupted(signum)}", err=True)
            ctx.exit(128 + signum)
        except BrokenPipeError:  # the reader went away (`briefcast voices | head`): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as e:  # a full disk or an unwritable place met while writing: one line naming the place
            if debugging(ctx):
                raise
            error = from_os_error(e)
            say(f"briefcast: error: {error}")
            ctx.exit(error.exit_code)
        except Exception as e:  # a bug or an unforeseen failure: still one line, the traceback on --debug
            if debugging(ctx):
                raise
            say(f"briefcast: error: {type(e).__name__}: {e} (run with --debug for the traceback)")
            ctx.exit(1)


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """While a command runs, SIGTERM and SIGHUP (systemd, Docker, `timeout`, a closed terminal) stop it like Ctrl-C:
    the first raises `Stopped` where the program is, so every clean-up on the way out runs; later ones do nothing
    so that the clean-up is not cut short (`timeout` signals the command and then its whole process group). A stop
    signal the command was started with ignored stays ignored, as Python leaves an ignored SIGINT: that is what
    `nohup briefcast batch ...` asks for. The handlers before are put back when the command ends, unless it was
    stopped: a late stop signal must not end the process before it has said why it stopped."""
    stopped: list[int] = []

    def stop(signum: int, frame: object) -> None:
        for s in handled:  # a handler, not SIG_IGN: for a signal already pending, CPython would print "Signal 15
            signal.signal(s, _later_stop)  # ignored due to race condition" and a traceback
        stopped.append(signum)
        raise Stopped(signum)

    try:
        previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}
        handled = [s for s, handler in previous.items() if handler != signal.SIG_IGN]
        for s in handled:
            signal.signal(s, stop)
    except ValueError:  # not the main thread: signals stay as they are
        yield
        return
    try:
        yield
    finally:
        if not stopped:
            for s, handler in previous.items():
                signal.signal(s, handler)


def _later_stop(signum: int, frame: object) -> None:
    """A stop signal after the first: the command is already stopping."""


def interrupted(signum: int) -> str:
    """'interrupted' (Ctrl-C), or 'stopped by SIGTERM' for another stop signal."""
    return "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"


def debugging(ctx: click.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


def report_error(ctx: click.Context, error: BriefcastError) -> None:
    """The one error line; with -v or --debug also the external tool's own words (`detail`), indented."""
    if not debugging(ctx):
        say(f"briefcast: error: {error}")
    if error.detail and ctx.obj and (ctx.obj.get("debug") or ctx.obj.get("verbose")):
        for line in error.detail.strip().splitlines()[-40:]:
            say(f"  {line}")


def say(line: str) -> None:
    """One line on standard error, unprintable characters quoted (a newline too, so that nothing a message names can
    start a line of its own): every message reaches the terminal this way."""
    click.echo(printable(line), err=True)


@click.group(cls=BriefcastGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefcast")
@verbosity_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """Turn news articles into narrated audio briefings, and voiceovers back into articles.

    -v and --debug work before or after the command name. Shell completion: see the README
    (eval "$(_BRIEFCAST_COMPLETE=bash_source briefcast)").

    \b
    Examples:
      briefcast segment article.txt --format md
      briefcast narrate article.txt -o briefing.mp3 --subtitles srt,vtt,json
      briefcast transcribe video.mp4 -o article.md
      briefcast batch articles/ -o podcast/ --jobs 2
    """
    ctx.ensure_object(dict)
    obj = ctx.obj
    verbose = obj.get("verbose", 0)
    level = logging.DEBUG if (verbose > 1 or obj.get("debug")) else logging.INFO if verbose else logging.WARNING
    root = logging.getLogger()
    if not any(isinstance(h, EchoHandler) for h in root.handlers):
        root.addHandler(EchoHandler())
    root.setLevel(level)


class EchoHandler(logging.Handler):
    """Log lines on whatever stderr is current when they are emitted (`briefcast: warning: ...`), one line each."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            say(f"briefcast: {record.levelname}: {record.getMessage()}")  # one line, whatever it names
            if record.exc_info:  # a traceback (-v, --debug) keeps its lines
                click.echo(logging.Formatter().formatException(record.exc_info), err=True)
        except Exception:
            self.handleError(record)


def show_progress(quiet: bool) -> bool:
    """Progress bars go to stderr, and only when it is a terminal and the user did not ask for quiet."""
    return not quiet and sys.stderr.isatty()


def register() -> None:
    """Attach every command module to the group (imported here so `--help` stays fast: modules import lazily)."""
    from .segment import segment

    main.add_command(segment)
    from .batch import batch
    main.add_command(batch)
    from .feed import feed
    main.add_command(feed)
    from .site import serve, site
    main.add_command(site)
    main.add_command(serve)
    from .roundtrip import roundtrip
    main.add_command(roundtrip)
    from .narrate import narrate, voices
    main.add_command(narrate)
    main.add_command(voices)
    from .brief import brief
    main.add_command(brief)
    from .audition import say as say_command
    main.add_command(say_command)
    # further commands register below
    from .transcribe import models, transcribe
    main.add_command(transcribe)
    main.add_command(models)


register()
