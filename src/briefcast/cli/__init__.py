"""The thin click CLI: each command parses options, calls the library once, and hands the result to a writer."""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .. import __version__
from ..errors import BriefcastError

F = TypeVar("F", bound=Callable[..., Any])


class BriefcastGroup(click.Group):
    """Turns library errors into one clean line (`briefcast: error: ...`) and an exit code; `--debug` re-raises."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefcastError as e:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"briefcast: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("briefcast: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # the reader went away (`briefcast voices | head`): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as e:  # a bug or an unforeseen failure: still one line, the traceback on --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"briefcast: error: {type(e).__name__}: {e} (run with --debug for the traceback)", err=True)
            ctx.exit(1)


@click.group(cls=BriefcastGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefcast")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, verbose: int, debug: bool) -> None:
    """Turn news articles into narrated audio briefings, and voiceovers back into articles.

    \b
    Examples:
      briefcast segment article.txt --format md
      briefcast narrate article.txt -o briefing.mp3 --subtitles srt,vtt,json
      briefcast transcribe video.mp4 -o article.md
      briefcast batch articles/ -o podcast/ --jobs 2
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    level = logging.DEBUG if (verbose > 1 or debug) else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="briefcast: %(levelname)s: %(message)s", stream=sys.stderr)


def quiet_option(f: F) -> F:
    """-q/--quiet: no progress bar and no summary line."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")(f)


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
    from .roundtrip import roundtrip
    main.add_command(roundtrip)
    from .narrate import narrate, voices
    main.add_command(narrate)
    main.add_command(voices)
    # further commands register below
    from .transcribe import models, transcribe
    main.add_command(transcribe)
    main.add_command(models)


register()
