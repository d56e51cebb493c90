"""`briefcast segment`: print an article's structure."""
from __future__ import annotations

import sys

import click

SEGMENT_FORMATS = ["json", "md", "text", "script", "sentences"]


@click.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(SEGMENT_FORMATS), default="md", show_default=True,
              help="json: the document model; md: clean article; text: body only; script: spoken text; "
                   "sentences: the input as plain text, one sentence a line.")
@click.option("--input-format", type=click.Choice(["auto", "text", "markdown", "html"]), default="auto",
              show_default=True, help="How to read the input (auto: by extension and content).")
@click.option("--show-removed", is_flag=True, help="Also list, on stderr, what was dropped and why.")
def segment(file: str, fmt: str, input_format: str, show_removed: bool) -> None:
    """Segment an article: title, metadata, sections, paragraphs, sentences; boilerplate removed.

    FILE is a .txt, .md or .html article, or - for standard input.

    \b
    Examples:
      briefcast segment article.txt
      briefcast segment page.html --format json > article.json
      briefcast segment article.md --format script --show-removed
      cat notes.txt | briefcast segment - --format sentences
    """
    from ..fileio import read_text
    from ..segmenter.parse import parse_article
    from ..segmenter.sentences import split_sentences
    from ..writers import get_writer

    data = sys.stdin.buffer.read() if file == "-" else None
    text = read_text(None if file == "-" else file, data)
    if fmt == "sentences":
        for s in split_sentences(text):
            click.echo(" ".join(s.split()))
        return
    kind = input_format
    if kind == "auto" and file.lower().endswith((".html", ".htm")):
        kind = "html"
    article = parse_article(text, fmt=kind)
    click.echo(get_writer("txt" if fmt == "text" else fmt).render(article), nl=False)
    if show_removed:
        for r in article.removed:
            click.echo(f"removed [{r.kind}] {r.text}", err=True)
