"""Segmenting what the user named (`briefcast segment`): one article file or standard input, read, parsed and
rendered in one format, written to its planned output (outputs.segment_format) or handed back to print.

The output is checked before the input is read (never the input itself; an existing file only with force), and
written once, atomically, when the text is ready.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .document import Article, Removed
from .optionspec import TEXT, option
from .writers import ALIASES, WRITERS, untimed_names

__all__ = ["SegmentOptions", "Segmented", "segment_input", "SEGMENT_FORMATS", "SENTENCES"]

SENTENCES = "sentences"  # not a writer: the input as plain text, one sentence a line (no article is made)
# The writers an article read from text can use (not subtitles: it has no times), their aliases, and `sentences`.
SEGMENT_FORMATS = (*untimed_names(), *(a for a, name in ALIASES.items() if name in untimed_names()), SENTENCES)
FORMAT_HELP = "; ".join(
    f"{name}{''.join(f' ({a})' for a, n in ALIASES.items() if n == name)}: {WRITERS[name].summary}"
    for name in untimed_names())
SEGMENTING = ("segment",)  # the commands that take these options
# How an input can be read: segmenter.parse.FORMATS, named here so that `briefcast --help` does not import the
# parser (0.2 s); a test keeps the two equal.
INPUT_FORMATS = ("auto", "text", "markdown", "html")


@dataclass(frozen=True)
class SegmentOptions:
    """How `briefcast segment` reads and writes (declared once, see briefcast.optionspec)."""

    format: str | None = option(  # a writer's name or alias, or "sentences"; None: the -o extension, else md
        None, "-f", "--format", choices=SEGMENT_FORMATS, show_default=False, commands=SEGMENTING, shapes=TEXT,
        help=f"Output format. {FORMAT_HELP}; {SENTENCES}: the input as plain text, one sentence a line. [default: "
             "the -o extension, else md]")
    input_format: str = option(  # "auto": HTML by the extension (.html, .htm, .xhtml) or the content, else text
        "auto", "--input-format", choices=INPUT_FORMATS, commands=SEGMENTING, shapes=TEXT,
        help="How to read the input (auto: by extension and content).")
    show_removed: bool = option(  # the command lists what the parser dropped (Segmented.removed has it always)
        False, "--show-removed", value=True, commands=SEGMENTING,
        help="Also list, on stderr, what was dropped and why.")


@dataclass(frozen=True)
class Segmented:
    """One input segmented: the text rendered, its format, the article (None for `sentences`, which makes none)
    and where the text was written (None: for the caller to print)."""

    text: str
    format: str
    article: Article | None
    target: Path | None

    @property
    def removed(self) -> list[Removed]:
        """What the parser dropped and why, in reading order (nothing for `sentences`)."""
        return list(self.article.removed) if self.article is not None else []


def segment_input(source: str, output: str | None = None, *, options: SegmentOptions = SegmentOptions(),
                  force: bool = False) -> Segmented:
    """Segment `source` (a .txt, .md or .html file, or "-" for standard input) and render it in `options.format`
    (default: -o's extension, else md), writing it to `output` when given. UsageError or OutputError for an output
    that cannot be written (raised before the input is read), InputError for an input that cannot be read."""
    from .fileio import read_bytes, read_text, write_text_atomic
    from .outputs import segment_format
    from .segmenter.parse import read_article
    from .segmenter.sentences import split_sentences
    from .writers import get_writer

    fmt = segment_format(output, options.format, source, force=force)
    article = None
    if fmt == SENTENCES:
        text = read_text(None if source == "-" else source, read_bytes(source))
        rendered = "".join(" ".join(s.split()) + "\n" for s in split_sentences(text))
    else:
        article = read_article(source, fmt=options.input_format)  # auto: .html, .htm and .xhtml files are HTML
        rendered = get_writer(fmt).render(article)
    if output is not None:
        write_text_atomic(output, rendered)
    return Segmented(rendered, fmt, article, Path(output) if output is not None else None)
