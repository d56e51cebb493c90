"""Text writers: Markdown, plain text, JSON and the spoken script."""
from __future__ import annotations

import re

from ..document import Article
from ..segmenter.metadata import strip_controls
from ..timecode import timecode

_BLOCK_START = re.compile(r"^(\s*)([#>+*=|`~-]|\d+[.)])")  # what would open a heading, quote, list, rule, fence...
_HTML = re.compile(r"<|&(?=#?\w+;)")  # a tag, or a character reference


def md_line(text: str | None) -> str:
    """Metadata as one line of plain text in Markdown: control characters and line breaks gone, a block opener at
    its start (`# `, `> `, `1.`) and any HTML (`<script>`, `&amp;`) backslash-escaped, so it shows as written."""
    line = _HTML.sub(lambda m: "\\" + m.group(0), strip_controls(text) or "")
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line, count=1)


def timestamp(seconds: float) -> str:
    """`mm:ss`, or `h:mm:ss` past an hour; whole seconds down, so that seeking there lands before the paragraph."""
    return timecode(int(seconds), compact=True)


class Writer:
    """Render an Article as text in one format."""

    name = ""
    extension = ""  # the file extension it writes, without the dot
    suffixes: tuple[str, ...] = ()  # -o extensions that choose this format (script shares .txt, so it has none)
    summary = ""  # what it holds, for the help of the commands that write it
    timed = False  # True: needs sentence times (subtitles), so it cannot apply to an article read from text
    in_all = True  # one of what `all` means (script is a view for checking the narration, not an output)

    def __init__(self, **options: object) -> None:
        self.options = options

    def render(self, article: Article) -> str:
        raise NotImplementedError


class MarkdownWriter(Writer):
    """Clean article: title, standfirst (in italics), metadata block, sections and paragraphs; `timestamps=True`
    prefixes `[mm:ss]`."""

    name = extension = "md"
    suffixes = (".md", ".markdown")
    summary = "clean article"

    def render(self, article: Article) -> str:
        timestamps = bool(self.options.get("timestamps", False))
        out: list[str] = []
        if article.title:
            out += [f"# {md_line(article.title)}", ""]
        if article.standfirst:
            standfirst = md_line(article.standfirst).replace("*", "\\*")
            out += [f"*{standfirst}*", ""]
        meta = metadata_lines(article)
        if meta:
            out += [f"- {md_line(line)}" for line in meta] + [""]
        speaker = None
        for sec in article.sections:
            if sec.heading:
                out += [f"## {md_line(sec.heading)}", ""]
            for par in sec.paragraphs:
                if par.kind == "code":
                    out += ["```", par.text.replace("```", "` ` `"), "```", ""]
                    continue
                stamp = f"[{timestamp(par.start)}] " if timestamps and par.start is not None else ""
                turn = par.sentences[0].speaker if par.sentences else None
                if turn and turn != speaker:  # a new voice: its name, where speakers were told apart
                    stamp += "**{}:** ".format(md_line(turn).replace("*", "\\*"))
                    speaker = turn
                out += [stamp + par.text, ""]
        from .changes import changes_section

        out += changes_section(article) + qa_note(article)
        return "\n".join(out).rstrip() + "\n"


def qa_note(article: Article) -> list[str]:
    """The article's QA warnings as an HTML comment (kept out of the body text; Markdown viewers hide it)."""
    items = [q for q in article.qa if q.severity == "warning"]
    if not items:
        return []
    lines = [f"<!-- QA: {len(items)} warning{'s' if len(items) > 1 else ''} (check the audio there)"]
    for q in items:
        span = f"{timestamp(q.start)}-{timestamp(q.end)}"
        lines.append(f"  {span} {q.kind}: {q.message}".replace("--", "- -"))
    return lines + ["-->", ""]


def metadata_lines(article: Article) -> list[str]:
    """Human-readable metadata: byline, publisher and date, source, tags, credits."""
    lines: list[str] = []
    if article.byline:
        lines.append(f"By {article.byline}")
    pub = ", ".join(x for x in (article.publisher, article.published) if x)
    if pub:
        lines.append(f"Published: {pub}")
    if article.source.name or article.source.published:
        lines.append("Source: " + ", ".join(x for x in (article.source.name, article.source.published) if x))
    for label, values in article.tags.items():
        if values:
            lines.append(f"{label.replace('_', ' ').capitalize()}: {', '.join(values)}")
    for role, name in article.credits.items():
        lines.append(f"{role.replace('_', ' ').capitalize()}: {name}")
    if article.duration is not None:
        lines.append(f"Duration: {timestamp(article.duration)}")
    return lines


class TextWriter(Writer):
    """The body only, as written: paragraphs separated by blank lines, no metadata."""

    name = extension = "txt"
    suffixes = (".txt",)
    summary = "body only"

    def render(self, article: Article) -> str:
        body = article.body_text
        return body + "\n" if body else ""


class JsonWriter(Writer):
    """The full Article model (the same schema everywhere), with times and QA when present."""

    name = extension = "json"
    suffixes = (".json",)
    summary = "the document model"

    def render(self, article: Article) -> str:
        return article.to_json() + "\n"


class ScriptWriter(Writer):
    """The spoken text: one sentence a line, a blank line between paragraphs."""

    name = "script"
    extension = "txt"
    summary = "spoken text"
    in_all = False

    def render(self, article: Article) -> str:
        pars = ["\n".join(s.spoken for s in p.sentences) for p in article.paragraphs
                if p.sentences and not p.kind]
        return "\n\n".join(pars) + "\n" if pars else ""
