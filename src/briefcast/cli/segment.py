"""`briefcast segment`: print an article's structure."""
from __future__ import annotations

from typing import Any

import click

from ..segmented import SegmentOptions
from ..writers import format_list, suffixes
from . import say
from .options import declared_options, output_options


@click.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@declared_options(SegmentOptions, "segment", "segmenting")
@output_options(f"File to write ({format_list(suffixes(timed=False))}). [default: standard output]", dir_okay=False)
def segment(file: str, segmenting: dict[str, Any], output: str | None, force: bool, quiet: bool) -> None:
    """Segment an article: title, metadata, sections, paragraphs, sentences; boilerplate removed.

    FILE is a .txt, .md or .html article, or - for standard input. With -o, an existing file is an error unless
    --force, and the input is never overwritten.

    \b
    Examples:
      briefcast segment article.txt
      briefcast segment page.html --format json > article.json
      briefcast segment page.html -o article.md --force
      briefcast segment article.md --format script --show-removed
      cat notes.txt | briefcast segment - --format sentences
    """
    from ..segmented import segment_input

    options = SegmentOptions(**segmenting)
    done = segment_input(file, output, options=options, force=force)
    if done.target is None:
        click.echo(done.text, nl=False)
    elif not quiet:
        say(f"briefcast: wrote {output}")
    if options.show_removed:
        for r in done.removed:
            say(f"removed [{r.kind}] {r.text}")
