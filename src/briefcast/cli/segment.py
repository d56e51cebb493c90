"""`briefcast segment`: print an article's structure."""
from __future__ import annotations

import click

from ..writers import ALIASES, WRITERS, format_list, suffixes, untimed_names
from . import say
from .options import output_options

SENTENCES = "sentences"  # not a writer: the input as plain text, one sentence a line (no article is made)
# The writers an article read from text can use (not subtitles: it has no times), their aliases, and `sentences`.
SEGMENT_FORMATS = [*untimed_names(), *(a for a, name in ALIASES.items() if name in untimed_names()), SENTENCES]
FORMAT_HELP = "; ".join(
    f"{name}{''.join(f' ({a})' for a, n in ALIASES.items() if n == name)}: {WRITERS[name].summary}"
    for name in untimed_names())


@click.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(SEGMENT_FORMATS), default=None,
              help=f"Output format. {FORMAT_HELP}; {SENTENCES}: the input as plain text, one sentence a line. "
                   "[default: the -o extension, else md]")
@click.option("--input-format", type=click.Choice(["auto", "text", "markdown", "html"]), default="auto",
              show_default=True, help="How to read the input (auto: by extension and content).")
@click.option("--show-removed", is_flag=True, help="Also list, on stderr, what was dropped and why.")
@output_options(f"File to write ({format_list(suffixes(timed=False))}). [default: standard output]", dir_okay=False)
def segment(file: str, fmt: str | None, input_format: str, show_removed: bool, output: str | None, force: bool,
            quiet: bool) -> None:
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
    from ..fileio import read_bytes, read_text, write_text_atomic
    from ..outputs import segment_format
    from ..segmenter.parse import parse_article
    from ..segmenter.sentences import split_sentences
    from ..writers import get_writer

    fmt = segment_format(output, fmt, file, force=force)
    text = read_text(None if file == "-" else file, read_bytes(file))
    if fmt == SENTENCES:
        rendered = "".join(" ".join(s.split()) + "\n" for s in split_sentences(text))
    else:
        kind = input_format
        if kind == "auto" and file.lower().endswith((".html", ".htm")):
            kind = "html"
        article = parse_article(text, fmt=kind)
        rendered = get_writer(fmt).render(article)
    if output is None:
        click.echo(rendered, nl=False)
    else:
        write_text_atomic(output, rendered)
        if not quiet:
            say(f"briefcast: wrote {output}")
    if show_removed:
        for r in article.removed if fmt != SENTENCES else []:
            say(f"removed [{r.kind}] {r.text}")
