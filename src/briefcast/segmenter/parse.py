"""Article text, Markdown or HTML -> Article: metadata lifted out, boilerplate set aside, body split into sentences.

Nothing with a word in it is dropped silently: every input line either ends up in the body or is recorded in
`Article.removed` with a kind. Lines that fill metadata are recorded too: header lines (title, byline, publisher and
date, source, tag lines) as kind "metadata", credit lines ("Voiceover by X", "Articles by: X") as "credit", and
"The original source of this article is X" as "source_note". Lines with no letters or digits (rules, table borders)
are markup and are not recorded.
"""
from __future__ import annotations

import copy
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Article, Paragraph, Removed, Section, Sentence, Source
from . import boilerplate, markup, metadata
from .assemble import comparable
from .credits import role_key
from .layout import DATA_TABLE_CELL_WORDS, STORY_WORDS, ends_sentence, one_box, table_caption, table_of
from .newsprint import dateline, repair
from .sentences import split_sentences
from .speech import speak

if TYPE_CHECKING:
    from .html import HtmlOptions
    from .layout import Located, PageLayout

log = logging.getLogger(__name__)

FORMATS = ("auto", "text", "markdown", "html")
TITLE_MAX_WORDS = 15  # a first line shorter than this (words) and without a sentence ending is the title
HEADER_MAX_WORDS = 20  # header metadata lines (byline, dates, tags) are at most this long (words)
_ITALIC_BLOCK = re.compile(r"\*(?!\*)(?:[^*\\]|\\.)+\*|_(?!_)[^_]+_")  # one run of emphasis, the whole block
_TITLE_END = re.compile(r"[.!?;,…]['\"”’)]*$")
_WORDY = re.compile(r"\w")
_FIELD_SEP = re.compile(r"\s+[|·•]\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_FENCE = re.compile(r"^[ \t]{0,3}(?P<mark>```|~~~)[^\n]*\n(?P<code>.*?)(?:^[ \t]{0,3}(?P=mark)[ \t]*$\n?|\Z)",
                    re.M | re.S)
_SETEXT_UNDERLINE = re.compile(r"\s*(=+|-+)\s*")
_LABELLED = re.compile(r"^([^:]{2,30}):\s*(.+)$")
# briefcast's own transcript Markdown (writers.text): "[01:02] " before a paragraph, and its metadata list
_STAMP = re.compile(r"^\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\]\s+")
_OWN_LABEL = re.compile(r"^(?P<label>Published|Source|Duration)\s*:\s*(?P<value>.+)$")
_CLOCK = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$")


@dataclass
class _Block:
    """One unit of input: a paragraph, a heading or a standalone line, as written (`raw`) and as text."""

    raw: str
    text: str
    heading: int = 0  # Markdown heading level, 0 for a paragraph
    single: bool = True  # one input line (header metadata must be)
    index: int = 0  # position in the input, to list removed pieces in reading order
    start: float | None = None  # seconds, from a transcript's "[mm:ss]" stamp
    code: bool = False  # a fenced code block: never read out


@dataclass
class _Draft:
    """The article being built: metadata fields and the body blocks still to judge."""

    article: Article = field(default_factory=Article)
    body: list[_Block] = field(default_factory=list)
    removed: list[tuple[int, Removed]] = field(default_factory=list)
    layout: PageLayout | None = None  # an HTML page's structure, where the blocks came from one

    def remove(self, kind: str, block: _Block, text: str | None = None) -> None:
        text = block.text if text is None else text
        if _WORDY.search(text):
            self.removed.append((block.index, Removed(kind, text)))


def parse_article(text: str, *, fmt: str = "auto") -> Article:
    """Parse an article (scraped text, Markdown or HTML) into the document model.

    `fmt` is "text", "markdown", "html" or "auto" (HTML when the text starts like an HTML document).
    """
    if fmt not in FORMATS:
        from ..errors import UsageError

        raise UsageError(f"unknown input format {fmt!r}", hint="use one of " + ", ".join(FORMATS))
    if fmt == "auto":
        fmt = "html" if looks_like_html(text) else "markdown"
    if fmt == "html":
        return parse_html(text)
    return _parse_markdown(text)


def parse_html(html: str, *, options: HtmlOptions | None = None, url: str | None = None) -> Article:
    """Parse an HTML page: trafilatura finds the main text and metadata, then the text rules apply as for Markdown.
    `url`: where the page came from (its URL when it names none of its own)."""
    from .html import DEFAULT_HTML, VIDEO_BODY_WORDS, read_page

    page = read_page(html, options=options or DEFAULT_HTML, url=url)
    meta = copy.deepcopy(page.meta)
    art = _parse_markdown(page.body, preset=page.meta, layout=page.layout)
    description = page.facts.video_description or page.facts.description
    story = sum(len(p.text.split()) for p in art.paragraphs if not p.kind)
    player = page.facts.is_video or any(r.kind == "player" for r in art.removed)  # (an audio player, untyped)
    if player and description and story < VIDEO_BODY_WORDS and page.body.strip() != description.strip():
        # a clip's page whose text, once judged, is its player's furniture ("Up next", "Got it", "1,358 views",
        # "Powered by Simplecast"): the clip's own description is the body (a short text of the page's own was
        # tried first in read_page)
        clip = _parse_markdown(description, preset=meta)
        clip.removed[:0] = art.removed + [Removed("player", p.text) for p in art.paragraphs]
        return clip
    return art


def read_article(path: str | Path, *, fmt: str = "auto") -> Article:
    """Read and parse an article file ("-" for standard input); .html/.htm files are read as HTML."""
    from ..fileio import read_bytes, read_text

    data = read_bytes(path)  # capped while reading; a FIFO without writer and a closed stdin are errors
    text = read_text(None if str(path) == "-" else path, data)  # the checks, UTF-8 / UTF-16, then legacy encodings
    if str(path) != "-":
        if fmt == "auto" and str(path).lower().endswith((".html", ".htm", ".xhtml")):
            fmt = "html"
    return parse_article(text, fmt=fmt)


def looks_like_html(text: str) -> bool:
    """True when the text starts like an HTML document."""
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower()


def _parse_markdown(text: str, *, preset: Article | None = None, layout: PageLayout | None = None) -> Article:
    draft = _Draft(article=preset or Article(), layout=layout)
    blocks = _rejoin_cut_sentences(_blocks(text))
    for n, block in enumerate(blocks):
        block.index = n
    start = _header(blocks, draft)
    for block in blocks[start:]:
        if not block.heading and _body_metadata(block, draft):
            continue
        draft.body.append(block)
    _assemble(draft)
    return draft.article


def _blocks(text: str) -> list[_Block]:
    """Split into blocks at blank lines; headings, list items and standalone metadata or clutter lines stand alone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = metadata.strip_controls(text, one_line=False) or ""  # whitespace controls stay: split folds them
    blocks: list[_Block] = []
    at = 0
    fences = list(_FENCE.finditer(text))
    prose = [boilerplate.prose_form(f.group("code")) for f in fences]
    running = _running_heads([f.group("code") for f in fences]) if any(prose) else set()
    for fence, is_prose in zip(fences, prose):  # a fenced code block is one block, blank lines and all
        _prose_blocks(text[at:fence.start()], blocks)
        if is_prose:  # running text in a fixed font (an RFC, a plain-text notice): read as text, without its
            _prose_blocks("\n".join(ln for ln in fence.group("code").split("\n")  # pages' running heads
                                    if _DIGITS.sub("#", ln.strip()) not in running), blocks)
        elif fence.group("code").strip():
            blocks.append(_Block(fence.group(0), fence.group("code").strip(), single=False, code=True))
        at = fence.end()
    _prose_blocks(text[at:], blocks)
    return blocks


_DIGITS = re.compile(r"\d+")
RUNNING_HEAD = 3  # a line printed this many times in a text set in a fixed font is its pages' head or foot


def _running_heads(texts: list[str]) -> set[str]:
    """The lines (their numbers masked) repeated RUNNING_HEAD times or more in `texts`: a paginated text's heads
    and feet ("Internet-Draft   remoteStorage   December 2014", "de Jong   Expires June 18, 2015   [Page 3]")."""
    counts = Counter(_DIGITS.sub("#", ln.strip()) for t in texts for ln in t.split("\n") if ln.strip())
    return {ln for ln, n in counts.items() if n >= RUNNING_HEAD}


def _prose_blocks(text: str, blocks: list[_Block]) -> None:
    for chunk in _BLANK_LINE.split(text):
        lines = [ln for ln in chunk.split("\n") if ln.strip()]
        if not lines:
            continue
        if len(lines) == 2 and _SETEXT_UNDERLINE.fullmatch(lines[1]) and not markup.LIST_ITEM.match(lines[0]):
            blocks.append(_Block(lines[0], markup.clean_inline(lines[0]), 1 if "=" in lines[1] else 2))
            continue
        run: list[str] = []
        for line in lines:
            if len(lines) > 1 and _standalone(line):
                _flush(run, blocks)
                _flush([line], blocks)
            elif markup.LIST_ITEM.match(line) and run:  # each list item is its own paragraph
                _flush(run, blocks)
                run.append(line)
            else:
                run.append(line)
        _flush(run, blocks)


CUT_MIN_WORDS = 4  # a paragraph at least this long (words) that stops mid-sentence ...
# ... on a word (not an address), a comma or a dash, no stop or colon ...
_STOPS_MID_SENTENCE = re.compile(r"(?:(?:^|\s)[^\s@/.]*[^\W_],?|\s[—–])$")
# ... and a next paragraph that opens with a word in lower case (or code): one sentence, cut
_GOES_ON = re.compile(r"^(?:`[^`]+`|[*_]*[a-z]+(?=[\s,;:'’)*_-]|$))")
# ... or, after a clause of a sentence (NAME_RUN_ON_WORDS), with an emphasised name that the sentence goes on from
# ("... had just signed on to guard" / "*Queen Miri*, the $70 million yacht"; not a list: "**Roger Cohen**, writer")
_NAME_RUN_ON = re.compile(r"^([*_]{1,2})[^*_\n]{1,60}\1,\s+(?:the|a|an|which|who|whose|where|when|and|or|but|as|in|at|"
                          r"on|of|for|to|from|with|we|he|she|they|it|i|you)\s")
NAME_RUN_ON_WORDS = 6


def _stops_mid_sentence(text: str) -> bool:
    """_STOPS_MID_SENTENCE, searched only in a text whose last character (before a final line break, where $ also
    matches) it can end on: a letter or digit, a comma or a dash; and from its last word's start (a match starts at
    the space before the last word, or at the text's start when it is one word: re's "^" is never where a search
    from a later position starts)."""
    end = text[-2:-1] if text.endswith("\n") else text[-1:]
    if not (end.isalnum() or end in (",", "—", "–")):
        return False
    words = text.rsplit(None, 1)
    return bool(_STOPS_MID_SENTENCE.search(text, len(words[0]) if len(words) == 2 else 0))


def _rejoin_cut_sentences(blocks: list[_Block]) -> list[_Block]:
    """Paragraphs that are one sentence cut by the page's markup ("... in the summer of 1994, when module" /
    "advice.el shipped as part of Emacs 19.23"), joined again; list items, quotes, code and headings stay apart."""
    out: list[_Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (prev is not None and not (prev.heading or block.heading or prev.code or block.code)
                and _stops_mid_sentence(prev.text) and len(prev.text.split()) >= CUT_MIN_WORDS
                and (_GOES_ON.match(block.raw.lstrip()) or len(prev.text.split()) >= NAME_RUN_ON_WORDS
                     and _NAME_RUN_ON.match(block.raw.lstrip()))
                and not any(rx.match(b.raw) for b in (prev, block) for rx in (markup.LIST_ITEM, markup.QUOTE))
                and "|" not in prev.raw + block.raw and not boilerplate.code_form(prev.text)):
            out[-1] = _Block(prev.raw + "\n" + block.raw, prev.text + " " + block.text, single=False,
                             start=prev.start)
            continue
        out.append(block)
    return out


def _standalone(line: str) -> bool:
    """A line that is its own block even inside a paragraph: a heading, a metadata line, or strong clutter."""
    if markup.HEADING.match(line) or markup.RULE.match(line) or markup.LINK_DEF.match(line):
        return True
    text = markup.clean_inline(line)
    if any(rx.match(text) for rx in (markup.CREDIT, markup.AUTHOR_CREDIT, markup.ORIGINAL_SOURCE)):
        return True
    return boilerplate.score(text).score >= 1.5 * boilerplate.THRESHOLD


def _flush(run: list[str], blocks: list[_Block]) -> None:
    if not run:
        return
    first = run[0]
    heading = markup.HEADING.match(first) if len(run) == 1 else None
    if heading:
        blocks.append(_Block(first, markup.clean_inline(heading.group(2)), len(heading.group(1))))
    else:
        raw = "\n".join(run)
        body = " ".join(markup.QUOTE.sub("", markup.BULLET.sub("", ln, count=1), count=1).strip() for ln in run)
        start = None
        if stamp := _STAMP.match(body):
            start = _seconds(stamp.groups())
            body = body[stamp.end():]
        blocks.append(_Block(raw, markup.clean_inline(body), 0, len(run) == 1, start=start))
    run.clear()


def _header(blocks: list[_Block], draft: _Draft) -> int:
    """Consume the title and the metadata lines that open the article; return the index of the first body block."""
    art = draft.article
    i = 0
    if blocks:
        first = blocks[0]
        h1 = first.heading == 1
        plain_title = (not first.heading and first.single and len(first.text.split()) < TITLE_MAX_WORDS
                       and not _TITLE_END.search(first.text) and len(blocks) > 1
                       and not _header_line(first, art, False))
        if art.title and first.heading and _same(first.text, art.title):
            draft.remove("metadata", first)
            i = 1
        elif not art.title and (h1 or plain_title):
            art.title = first.text
            draft.remove("metadata", first)
            i = 1
    if i == 1 and i < len(blocks) and not art.standfirst and _standfirst(blocks[i]):
        art.standfirst = blocks[i].text  # the summary in italics under the headline (as the Markdown writer puts it)
        i += 1
    while i < len(blocks) and not blocks[i].heading and _header_line(blocks[i], art, False):
        _header_line(blocks[i], art, True)
        draft.remove("metadata", blocks[i])
        i += 1
    return i


def _standfirst(block: _Block) -> bool:
    """A whole paragraph in italics, of a sentence or two, with no clutter in it."""
    raw = block.raw.strip()
    return (not block.heading and bool(_ITALIC_BLOCK.fullmatch(raw))
            and metadata.STANDFIRST_WORDS <= len(block.text.split()) <= 80
            and boilerplate.is_boilerplate(block.text) is None)


CLOSING_BIOS = 2  # the story's last paragraphs that are looked at for an author's biography
BIO_STORY_PARAGRAPHS = 3  # ... when the story keeps at least this many paragraphs


def _closing_bios(sections: list[Section]) -> None:
    """The author's biography set as the story's last paragraph(s) without a byline naming the author ("Max
    Blumenthal is an award-winning journalist and the author of several books, ... He has produced ..."): a
    paragraph that opens with a bio's sentence, at the end, is the bio however long it is (the sentence alone, at the
    end, is evidence enough at half the threshold). Marked "bio" as _author_bios marks them: printed, not read."""
    paragraphs = [p for s in sections for p in s.paragraphs if not p.kind]
    for last in paragraphs[::-1][:CLOSING_BIOS]:
        if len(paragraphs) <= BIO_STORY_PARAGRAPHS:
            break
        verdict = boilerplate.score(last.sentences[0].text)
        if verdict.kind != "bio" or verdict.score < boilerplate.THRESHOLD / 2:
            break
        last.kind = "bio"
        paragraphs.remove(last)


def _asks_reader(sentence: str) -> bool:
    """A question put to the reader ("Are you in the grips of the storm?")."""
    return sentence.rstrip(" \"'”’)").endswith("?") and bool(re.search(r"(?i)\byou(r)?\b", sentence))


def _header_line(block: _Block, art: Article, apply: bool) -> bool:
    """Whether a block is a header metadata line (byline, publisher and date, source, date, tags); fill it in."""
    text = block.text
    if not block.single or len(text.split()) > HEADER_MAX_WORDS or not text:
        return False
    if m := _OWN_LABEL.match(text):
        return _own_label(m.group("label"), m.group("value").strip(), art, apply)
    parts = _FIELD_SEP.split(text)
    if len(parts) > 1:  # "By Jo Bloggs | Riverside Post | 3 March 2023"
        return _header_fields(parts, art, apply)
    return _tag_line(block, art, apply) or _person_or_date_line(text, art, apply)


def _header_fields(parts: list[str], art: Article, apply: bool) -> bool:
    """A header line of fields set apart ("By Jo Bloggs | Riverside Post | 3 March 2023"), when its first field is
    header metadata; a short field that is nothing else is the publisher."""
    fields = [_Block(p, p) for p in parts]
    if not _header_line(fields[0], art, False):
        return False
    for f in fields:
        if (not _header_line(f, art, apply) and apply and not art.publisher and len(f.text.split()) <= 5
                and boilerplate.is_boilerplate(f.text) is None):  # (not "View Comments")
            art.publisher = f.text
    return True


def _tag_line(block: _Block, art: Article, apply: bool) -> bool:
    """A line of tags: "Tags: [a](..), [b](..)", or a known tag label with its values ("Topics: Floods, Energy")."""
    if (m := markup.TAG_LINE.match(block.raw.strip())) and markup.is_link_only(m.group("values")):
        if apply:
            art.tags.setdefault(markup.tag_key(m.group("label")), []).extend(markup.tag_values(m.group("values")))
        return True
    if (m := _LABELLED.match(block.text)) and markup.KNOWN_TAG_LABEL.match(m.group(1).strip()):
        if apply:
            art.tags.setdefault(markup.tag_key(m.group(1)), []).extend(markup.tag_values(m.group(2)))
        return True
    return False


def _person_or_date_line(text: str, art: Article, apply: bool) -> bool:
    """A byline, a publisher with a date, a date, or a source with a date."""
    if m := markup.BYLINE.match(text):
        if apply and not art.byline:
            art.byline = m.group("name").strip()
        return True
    if m := markup.PUBLISHER_DATE.match(text):
        if apply:
            art.publisher = art.publisher or m.group("pub").strip()
            art.published = art.published or markup.iso_date(m.group("date"))
        return True
    if m := markup.DATE_LINE.match(text):
        if apply:
            art.published = art.published or markup.iso_date(m.group("date"))
        return True
    if m := markup.SOURCE_DATE.match(text):
        if apply:
            art.source = Source(art.source.name or m.group("name").strip(),
                                art.source.published or markup.iso_date(m.group("date")))
        return True
    return False


def _own_label(label: str, value: str, art: Article, apply: bool) -> bool:
    """The metadata lines briefcast's Markdown writer puts under the title: "Published: X, date", "Source: X, date",
    "Duration: 1:16"."""
    if label == "Duration":
        clock = _CLOCK.match(value)
        if clock and apply:
            art.duration = art.duration or _seconds(clock.groups())
        return clock is not None
    name, _, last = value.rpartition(", ")
    date = markup.iso_date(last) if name else markup.iso_date(value)
    name = name if date else value
    if apply and label == "Published":
        art.publisher = art.publisher or name or None
        art.published = art.published or date
    elif apply:
        art.source = Source(art.source.name or name or None, art.source.published or date)
    return True


def _seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, seconds = (int(g) if g else 0 for g in groups)
    return float(hours * 3600 + minutes * 60 + seconds)


def _body_metadata(block: _Block, draft: _Draft) -> bool:
    """Lines anywhere in the body that carry metadata: credits and the original-source note."""
    art, text = draft.article, block.text
    if not block.single:
        return False
    if (m := _OWN_LABEL.match(text)) and m.group("label") == "Duration" and _CLOCK.match(m.group("value").strip()):
        _own_label("Duration", m.group("value").strip(), art, True)  # after the credits in our own Markdown
        draft.remove("metadata", block)
        return True
    if m := markup.CREDIT.match(text):
        art.credits.setdefault(role_key(m.group("role")), m.group("name").strip())
        draft.remove("credit", block)
        return True
    if m := markup.AUTHOR_CREDIT.match(text):
        art.credits.setdefault("author", m.group("name").strip())
        draft.remove("credit", block)
        return True
    if m := markup.ORIGINAL_SOURCE.match(text):
        name = m.group("name").strip()
        if art.source.name and not _same(art.source.name, name):
            log.info("original source %r differs from the source line's %r; keeping the latter", name,
                     art.source.name)
        art.source = Source(art.source.name or name, art.source.published)
        draft.remove("source_note", block)
        return True
    return False


def _assemble(draft: _Draft) -> None:
    """Judge the body blocks as a whole, then build sections of paragraphs of sentences."""
    blocks, kinds, located = _judged_blocks(draft)
    bios = _author_bios(draft.article, blocks, kinds)  # (kept as printed, not read out)
    sections: list[Section] = [Section()]
    pending: list[_Block] = []  # headings whose sections have no body yet
    last_story = _last_story_block(blocks, kinds)
    tables: set[Any] = set()  # the tables already announced
    last_kept: _Block | None = None
    initials = _house_initials(draft.article.publisher, draft.article.byline)
    announced: tuple[_Block, Section, Paragraph] | None = None  # a paragraph announcing what follows ("here are ...:")
    gap = False  # headings after it had nothing under them (what it announced was a list the page's text lost)
    for n, (block, kind) in enumerate(zip(blocks, kinds)):
        if (printed := _printed_only(block, kind, n < last_story, bios)) is not None:
            sections[-1].paragraphs.append(Paragraph([Sentence(block.text, "")], kind=printed))
            pending = []
            continue
        if n < last_story and (said := _said_in_one_line(draft, n, blocks, kinds, located, tables)) is not None:
            if not said:
                continue
            kind, block = said
        if kind is None and not block.heading:
            kind, block = _story_text(draft, block, lede=not sections[-1].paragraphs and len(sections) == 1)
        if kind is not None:
            draft.remove(kind, block)
        elif block.heading:
            gap = gap or bool(pending)  # (headings with nothing under them)
            for h in pending:
                draft.remove("heading", h)
            pending = [block]
            sections.append(Section(block.text, heading_spoken=speak(block.text)))
        elif (paragraph := _story_paragraph(draft, block, initials)) is not None:
            _drop_unmet_announcement(draft, announced, gap)
            pending = []
            sections[-1].paragraphs.append(paragraph)
            last_kept = block
            announced, gap = ((block, sections[-1], paragraph) if _announces(block.text) else None), False
    _drop_unmet_announcement(draft, announced, gap)
    for h in pending:
        draft.remove("heading", h)
    _drop_closing_label(draft, sections, last_kept)
    _finish(draft, sections)


# A paragraph that announces what comes next: it ends with a colon, or says "here are", "below", "the following".
_ANNOUNCES = re.compile(r":\s*$|\b(?:[Hh]ere (?:are|is)|listed below|(?:are|is) below)\b[^.!?:]*[.!?]?\s*$|"
                        r"\b[Tt]he following\s*[.:]?\s*$")

_ANNOUNCING = ("ere are", "ere is", " below", "he following")  # (one of which each match but a colon's holds)


def _announces(text: str) -> bool:
    """Whether a paragraph announces what follows (_ANNOUNCES): a colon at its end, else the pattern where its words
    are ("here are", "is below", "the following"; re tried the pattern at every position of every paragraph)."""
    return text.rstrip().endswith(":") or (any(words in text for words in _ANNOUNCING)
                                            and _ANNOUNCES.search(text) is not None)


def _drop_unmet_announcement(draft: _Draft, announced: tuple[_Block, Section, Paragraph] | None,
                             missing: bool) -> None:
    """Remove a section's last paragraph, one sentence, that announces what follows ("If you're interested in
    learning Rust and Go, here are a few resources you may find helpful.") when the headings after it have nothing
    under them (the lists of links under "Go" and "Rust" are gone): it points at nothing the listener hears."""
    if announced is not None and missing:
        block, section, paragraph = announced
        if section.paragraphs and section.paragraphs[-1] is paragraph and len(paragraph.sentences) == 1:
            section.paragraphs.pop()
            draft.remove("related", block)


def _last_story_block(blocks: list[_Block], kinds: list[str | None]) -> int:
    """The index of the story's last paragraph (not a heading), -1 when it has none."""
    return max((i for i, k in enumerate(kinds) if k is None and not blocks[i].heading), default=-1)


def _printed_only(block: _Block, kind: str | None, in_story: bool, bios: set[int]) -> str | None:
    """The kind of a block kept as printed and never read out (narrate/script): the story's code (before its last
    paragraph, `in_story`), the author's biography; None for any other block."""
    return kind if (kind == "code" and in_story) or kind == "bio" and block.index in bios else None


def _drop_closing_label(draft: _Draft, sections: list[Section], last_kept: _Block | None) -> None:
    """Remove the story's last kept paragraph when it is the label of a list after the story that is gone
    ("Additional resources", "More Great Recipe Ideas from ..."), not a line of the story."""
    if (draft.layout is not None and last_kept is not None and _label(last_kept.text)
            and any(i > last_kept.index for i, _ in draft.removed) and len(sections[-1].paragraphs) > 1):
        sections[-1].paragraphs.pop()
        draft.remove("heading", last_kept)


def _judged_blocks(draft: _Draft) -> tuple[list[_Block], list[str | None], list[Located | None] | None]:
    """The body's blocks with words, each block's kind (None: the story's) and where the page's layout found it (None
    for text input). Link definitions are removed as navigation; the body's repeats of itself are marked."""
    blocks = [b for b in draft.body if _WORDY.search(b.text) and not markup.LINK_DEF.match(b.raw)]
    for b in draft.body:
        if markup.LINK_DEF.match(b.raw):
            draft.remove("navigation", b, b.raw.strip())
    texts = [b.text for b in blocks]
    located = draft.layout.judge(texts) if draft.layout is not None else None
    structure = [_verdict(loc) for loc in located] if located is not None else None
    kinds = boilerplate.classify(texts, link_only=[markup.is_link_only(b.raw) for b in blocks],
                                 headings=[b.heading for b in blocks], structure=structure)
    # code (fenced, or printed as paragraphs); a Markdown table, trafilatura's or the writer's: never cell by cell
    kinds = ["code" if b.code or (k is None and not b.heading and boilerplate.code_form(b.text)) else
             "data" if k is None and _data_table(b.raw) else k for b, k in zip(blocks, kinds)]
    _reference_lists(blocks, kinds)
    _about_the_issuer(blocks, kinds)
    _sponsored_sections(blocks, kinds)
    _repeats(draft.article, blocks, kinds, structure)
    _meta_lines(draft.article, blocks, kinds)
    if located is not None:
        _ad_boxes(blocks, kinds, located)
    if structure is not None:
        _closing_labels(blocks, kinds, structure)
        _site_pitches(draft.article, blocks, kinds, structure)
    return blocks, kinds, located


_ABOUT = re.compile(r"About\s+(?:the\s+)?(?P<name>[A-Z0-9][\w.&’'-]*)(?:\s+[\w.&’'-]+){0,4}\s*:?")


def _about_the_issuer(blocks: list[_Block], kinds: list[str | None]) -> None:
    """Mark a press release's boilerplate: the label "About Segment" and the paragraphs under it that describe
    the one it names ("Segment is the customer data platform ..."), up to the next heading or label."""
    for i, block in enumerate(blocks):
        if kinds[i] is not None or not (about := _ABOUT.fullmatch(block.text.strip())):
            continue
        name = about.group("name")
        under = [j for j in range(i + 1, len(blocks)) if kinds[j] is None][:1]
        if not under or blocks[under[0]].heading or not blocks[under[0]].text.startswith(name):
            continue
        kinds[i] = "bio"
        for j in range(i + 1, len(blocks)):
            if kinds[j] is not None:
                continue
            if blocks[j].heading or _ABOUT.fullmatch(blocks[j].text.strip()) or len(blocks[j].text.split()) < 8:
                break
            kinds[j] = "bio"


AD_BOX_CHARS = 200  # at most this many characters in the element holding an ad's label and a line beside it
AD_LINE_WORDS = 12  # at most this long (words), and no sentence: such a line ("Article continues below this ad")
APPEAL_BOX_CHARS = 600  # at most this many characters in the element holding a donation or sign-up appeal: its box
APPEALS = frozenset({"donation", "membership"})


def _ad_boxes(blocks: list[_Block], kinds: list[str | None], located: list[Located | None]) -> None:
    """Mark a short line set in one small box with an advertisement's label ("Advertisement", then "Article
    continues below this ad"): the ad's furniture, whatever its words; and the lines set in one small box with a
    donation or sign-up appeal, the box set into the story ("Please help us out:", "Your critical contribution
    enables us to ...", "Thank you.")."""
    for i, kind in enumerate(kinds):
        if kind not in APPEALS | {"advertisement"} or (marked := located[i]) is None or blocks[i].heading:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(blocks) and kinds[j] is None and (line := located[j]) is not None:
                if kind == "advertisement":
                    if len(blocks[j].text.split()) <= AD_LINE_WORDS and not ends_sentence(blocks[j].text) \
                            and one_box(marked, line, AD_BOX_CHARS):
                        kinds[j] = kind
                    break
                if blocks[j].heading or not one_box(marked, line, APPEAL_BOX_CHARS, plain=True):
                    break
                kinds[j] = kind
                j += step


_READER = re.compile(r"(?i)\b(?:you|your)\b")


def _site_pitches(art: Article, blocks: list[_Block], kinds: list[str | None],
                  structure: list[boilerplate.Verdict]) -> None:
    """Mark the lines after the story that name the site itself and speak to the reader ("Publish news of your
    business ... by submitting a news release to Asia Pacific Star."): the site's pitch, not the story."""
    name = (art.publisher or "").lower()
    if len(name) < 4:
        return
    for i, block in enumerate(blocks):
        if (kinds[i] is None and structure[i].kind == boilerplate.AFTER_STORY and name in block.text.lower()
                and _READER.search(block.text)):
            kinds[i] = "cta"


def _closing_labels(blocks: list[_Block], kinds: list[str | None], structure: list[boilerplate.Verdict]) -> None:
    """Mark the short label that ends the page after the story's last full sentence, where the layout finds nothing
    but its place (a tab's "Latest", a sign-off's "Stuff"): the label of a list that is not there. (A line after
    another such line is an item of the story's list: a name, a place.)"""
    story = [i for i, k in enumerate(kinds) if k is None and not blocks[i].heading]
    if len(story) > 1 and structure[story[-1]].kind == boilerplate.AFTER_STORY:
        last, before = blocks[story[-1]], blocks[story[-2]]
        if _label(last.text) and len(last.text.split()) <= SOURCE_WORDS and ends_sentence(before.text):
            kinds[story[-1]] = "navigation"


LEDE_WORDS = 8  # the first unmarked paragraph this long (words) starts the story: no metadata line comes after it
SOURCE_WORDS = 3  # at most this long (words): a source's name on a line of its own over a metadata line ("News24")


def _meta_lines(art: Article, blocks: list[_Block], kinds: list[str | None]) -> None:
    """Mark the page's metadata lines set in its text before the story starts (metadata.is_meta_line: the byline
    with a time, "12 minutes ago", a dateline), and a source's name on the line above one; cut such a line run into
    the start of the lede."""
    names = [n for n in _BYLINE_PEOPLE.split(art.byline or "") if n] + [art.publisher or ""]
    for i, block in enumerate(blocks):
        if kinds[i] is not None or block.heading:
            continue
        if metadata.is_meta_line(block.text, names):
            kinds[i] = "metadata"
            above = max((j for j in range(i) if kinds[j] is None), default=None)
            if (above is not None and not blocks[above].heading and len(blocks[above].text.split()) <= SOURCE_WORDS
                    and not ends_sentence(blocks[above].text)):
                kinds[above] = "metadata"
        elif len(block.text.split()) >= LEDE_WORDS:
            if cut := metadata.meta_prefix(block.text, names):  # the line run into the lede: "india Updated: ..."
                block.text = block.text[cut:]
            break


# A label over a list of works cited or links ("Resources:", "Further reading", "Sources") or of the page's keywords,
# and a line of such a list: short, not a sentence (no full stop at its end), or only a link.
_REFERENCES_LABEL = re.compile(r"(?i)\W*(?:references|resources|sources|further reading|bibliography|works cited|"
                               r"citations|links|useful links|related links|additional resources|learn more|"
                               r"supporting resources|footnotes|endnotes|"
                               r"(?P<tags>keywords|tags|topics|subjects))\s*:?\W*")
_CITATION_WORDS = 25
# A chapter mark of a recording's show notes: "1:44:45 Media skepticism", "0:00 Introduction"
_CHAPTER = re.compile(r"^\W*(?:\d{1,2}:)?\d{1,2}:\d{2}\s+\S")
REFERENCE_LINES = 2  # a list of at least this many lines under a references label is the page's, not the story's
CHAPTER_LINES = 3  # a run of at least this many chapter marks is a recording's table of contents


def _reference_lists(blocks: list[_Block], kinds: list[str | None]) -> None:
    """Mark the lists a newsreader does not read: works cited or links under their label ("Resources:", then
    "Whose Sarin? by Seymour Hersh (2013)", ...), and a recording's chapter marks ("0:00 Introduction", ...)."""
    i = 0
    while i < len(blocks):
        if kinds[i] is None and (label := _REFERENCES_LABEL.fullmatch(blocks[i].text)):
            run = _run(blocks, kinds, i + 1, _citation)
            if len(run) >= REFERENCE_LINES:
                for j in (i, *run):
                    kinds[j] = "tags" if label.group("tags") else "references"
                i = run[-1]
        elif kinds[i] is None and not blocks[i].heading and _CHAPTER.match(blocks[i].text):
            run = _run(blocks, kinds, i, _chapter)
            if len(run) >= CHAPTER_LINES:
                lead_in = blocks[i - 1].text if i else ""  # the label that leads into them: "Steve and Ted discuss:"
                lead = [i - 1] if lead_in.rstrip().endswith(":") and _label(lead_in) and kinds[i - 1] is None else []
                for j in (*lead, *run):
                    kinds[j] = "chapters"
                i = run[-1]
        i += 1


SPONSOR_BLOCKS = 5  # a section this short (blocks) that opens with its sponsor's line is the sponsor's


def _sponsored_sections(blocks: list[_Block], kinds: list[str | None]) -> None:
    """Mark a short section that opens with a sponsor's line ("This issue is offered by CodeRabbit, ...") as the
    sponsor's, its heading and the pitch under it ("Try CodeRabbit and Cut Code Review Time in Half")."""
    heads = [i for i, b in enumerate(blocks) if b.heading] + [len(blocks)]
    for h, end in zip(heads, heads[1:]):
        if h + 1 < end <= h + 1 + SPONSOR_BLOCKS and kinds[h + 1] == "advertisement" and \
                boilerplate.sponsor_line(blocks[h + 1].text):
            for j in range(h, end):
                kinds[j] = kinds[j] or "advertisement"


def _run(blocks: list[_Block], kinds: list[str | None], start: int, test: Callable[[_Block], bool]) -> list[int]:
    """The indexes of the blocks from `start` on that pass `test`, up to the first heading or block that does not."""
    run = []
    for j in range(start, len(blocks)):
        if blocks[j].heading or kinds[j] not in (None, "navigation", "related") or not test(blocks[j]):
            break
        run.append(j)
    return run


def _chapter(block: _Block) -> bool:
    """A chapter mark: a time, then a title (not a sentence: a diary's "0:04 They start by playing a clip." is
    the story)."""
    return bool(_CHAPTER.match(block.text)) and len(block.text.split()) <= _CITATION_WORDS \
        and not ends_sentence(block.text)


def _citation(block: _Block) -> bool:
    """A line of a list of works or links: a link alone, or a short line that is not a sentence."""
    text = block.text.strip()
    return markup.is_link_only(block.raw) or (len(text.split()) <= _CITATION_WORDS and not ends_sentence(text))


def _said_in_one_line(draft: _Draft, n: int, blocks: list[_Block], kinds: list[str | None],
                      located: list[Located | None] | None,
                      tables: set[Any]) -> tuple[str | None, _Block] | tuple[()] | None:
    """A table or figures of the story's own (block `n`, before the story's last paragraph) said as one line ("The
    article includes a table: ..."): the story's kind (None) and that line's block; () when an earlier line said it
    already (a table is announced once, a run of data blocks once). None for any other block."""
    block, kind = blocks[n], kinds[n]
    if kind == "table" and located and (loc := located[n]) is not None:
        draft.remove(kind, block)  # the story's own table: said as one line, never cell by cell
        table = table_of(loc.element)
        if table in tables:  # (the element, kept alive: the id of a freed lxml proxy is given to the next one)
            return ()
        tables.add(table)
        caption = table_caption(table)
        return None, _Block(block.raw, f"The article includes a table{': ' + caption if caption else ''}.",
                            index=block.index)
    if kind == "data":  # figures or names laid out without a table: said as one line
        draft.remove(kind, block)
        if n and kinds[n - 1] == "data":
            return ()
        form = boilerplate.data_form(block.text) or "a table"  # (a Markdown table's pipes aside)
        return None, _Block(block.raw, f"The article includes {form}.", index=block.index)
    return None


def _story_text(draft: _Draft, block: _Block, *, lede: bool) -> tuple[str | None, _Block]:
    """A story paragraph with its web addresses taken out (into `removed`; one of addresses only is "link"), and the
    lede (`lede`: the first paragraph before any heading) with its dateline read as the writer means it."""
    kind = None
    if "://" in block.text or "www." in block.text or ".co" in block.text:
        kept, links = boilerplate.strip_links(block.text)
        if links and not kept:
            kind = "link"
        elif links:
            for link in links:
                draft.removed.append((block.index, Removed("link", link)))
            block = _Block(block.raw, kept, block.heading, block.single, block.index)
    if kind is None and lede:
        block = _Block(block.raw, dateline(block.text), block.heading, block.single, block.index)  # the lede's
    return kind, block


def _story_paragraph(draft: _Draft, block: _Block, initials: frozenset[str]) -> Paragraph | None:
    """A story block as a paragraph of sentences, clutter sentences inside it ("Follow her on ...") removed, and the
    house's `initials` closing it ("... the inner city. DM"); None when nothing is left."""
    paragraph = _paragraph(block.text, page=draft.layout is not None, code=markup.code_spans(block.raw))
    if len(paragraph.sentences) == 1 and boilerplate.contact_line(paragraph.sentences[0].text):
        draft.remove("contact", block)  # "Correspondent Joanne Anderson may be reached at jo@x.net."
        return None
    if len(paragraph.sentences) > 1:
        story: list[Sentence] = []
        dropped: list[str] = []
        for n, sentence in enumerate(paragraph.sentences):
            if n and _initials(sentence.text, initials):
                draft.removed.append((block.index, Removed("metadata", sentence.text)))
                dropped.append("metadata")
            elif clutter := boilerplate.sentence_clutter(sentence.text):
                draft.removed.append((block.index, Removed(clutter, sentence.text)))
                dropped.append(clutter)
            else:
                story.append(sentence)
        if dropped and story and all(_asks_reader(s.text) for s in story):  # "Are you in the storm?
            for s in story:  # Please share your videos ...": the question leads into the appeal
                draft.removed.append((block.index, Removed(dropped[0], s.text)))
            story = []
        paragraph.sentences = story
    if not paragraph.sentences:
        return None
    if block.start is not None:
        paragraph.sentences[0].start = block.start
    return paragraph


def _finish(draft: _Draft, sections: list[Section]) -> None:
    """The sections with paragraphs, what was removed in reading order, closing bios marked, and the title, byline
    and publisher cleaned of each other."""
    draft.article.sections = [s for s in sections if s.paragraphs]
    draft.article.removed += [r for _, r in sorted(draft.removed, key=lambda ir: ir[0])]
    _closing_bios(draft.article.sections)
    art = draft.article
    art.publisher = metadata.clean_publisher(art.publisher, title=art.title)
    art.title = metadata.clean_title(art.title, publisher=art.publisher)
    art.byline = metadata.clean_byline(art.byline, publisher=art.publisher, title=art.title)


_PIPE_TABLE = re.compile(r"^\s*\|.*\|\s*\n\s*\|[\s:|-]*-{3,}[\s:|-]*\|?\s*$", re.MULTILINE)  # a row, then |---|


LABEL_WORDS = 10  # a line this short without a full stop, closing the story before dropped blocks, is their label


def _label(text: str) -> bool:
    """A short line that is no sentence: a label over what follows ("Additional resources", "See also:"); a
    sign-off has its comma ("Warmly, Michael")."""
    return len(text.split()) <= LABEL_WORDS and "," not in text and not re.search(r"[.!?…。！？][\"'”’)\]]*\s*$", text)


def _data_table(raw: str) -> bool:
    """A Markdown table of data (short cells); one whose cells hold prose is the page's layout, read as text."""
    if "|" not in raw or "\n" not in raw or not _PIPE_TABLE.search(raw):  # (two lines, bars: most blocks have none)
        return False
    cells = [c for line in raw.splitlines() if line.strip().startswith("|") and not re.fullmatch(r"[\s|:-]*", line)
             for c in line.strip().strip("|").split("|")]
    return bool(cells) and sum(len(c.split()) for c in cells) / len(cells) < DATA_TABLE_CELL_WORDS


def _verdict(loc: Located | None) -> boilerplate.Verdict:
    """What the page's layout says of one block: its strongest kind and the weight of that evidence."""
    return boilerplate.Verdict(*loc.strongest) if loc is not None else boilerplate.Verdict(None, 0.0)


REPEAT_MIN_WORDS = 6  # a block this long (words) said again elsewhere in the story is a repeat (a pull quote)
REPEAT_SHARE = 0.7  # share of a quoted block's word triples found elsewhere in the story that makes it a repeat
_QUOTED = frozenset({"pull_quote", "embed"})  # layout kinds of blocks that may repeat the story's words
# A paragraph that is nothing but a quotation, with no one said to say it and no full stop inside the marks: the form
# of a pull quote set among the paragraphs; it repeats the story when this share of its word triples is found there
# (a pull quote is often reworded: "The new Anglosphere boosters are, like the Victorians, bewitched by ...").
_PULL_QUOTE = re.compile(r"^\s*[“\"][^“”\"]{20,300}[^.!?,][”\"]\s*$")
PULL_QUOTE_SHARE = 0.35
NAMED_PULL_QUOTE = 0.5  # layout evidence from an element named for a pull quote (a <blockquote> alone gives 0.3)


BIO_TAIL = 3  # of the story's last paragraphs, one that opens with its author's name and "is", "writes" ... is a bio
BIO_WORDS = 80  # at most this long (words)
_BIO_VERBS = frozenset("is was has writes covers lives joined reports previously currently".split())
_PRONOUNS = frozenset("she her he him they them".split())  # "Gina Trapani (she/her) is CEO at Postlight."


def _author_bios(art: Article, blocks: list[_Block], kinds: list[str | None]) -> set[int]:
    """The author's biography at the end of the story ("Steve Gillman is the author of ..."), which a newsreader does
    not read and the printed article keeps: the byline names who to look for. Marks them "bio" and returns their
    block indexes."""
    found: set[int] = set()
    people = (art.byline or "").partition(", for ")[0]  # "A and B, for the Associated Press"
    names = [comparable(n).split() for n in metadata.SPLIT_NAMES.split(people)]
    names = [n for n in names if len(n) >= 2]
    if not names:
        return found
    story = [i for i, k in enumerate(kinds) if k in (None, "bio") and not blocks[i].heading]  # (a rule's bio too)
    for i in story[-BIO_TAIL:]:
        words = comparable(blocks[i].text).split()
        if len(words) > BIO_WORDS:
            continue
        for name in names:
            if words[:len(name)] == name:
                rest = words[len(name):]
            elif words[:2] == [name[0], name[-1]]:  # (a middle initial left out)
                rest = words[2:]
            else:
                continue
            while rest and rest[0] in _PRONOUNS:
                rest = rest[1:]
            if rest and rest[0] in _BIO_VERBS:
                kinds[i] = "bio"
                found.add(blocks[i].index)
                break
    return found


def _repeats(art: Article, blocks: list[_Block], kinds: list[str | None],
             structure: list[boilerplate.Verdict] | None) -> None:
    """The headline read again in the body, and a pull quote or embedded post repeating the story's own words."""
    body = [i for i, k in enumerate(kinds) if k is None]
    norm = {i: comparable(blocks[i].text) for i in body}
    title = comparable(art.title or "")
    # text input, or a page this long: the headline only
    story = body if structure is not None and len(body) <= 2000 else []
    triples = _word_triples(norm, story)
    if structure is not None:
        body = _closing_credits(art, blocks, kinds, body, norm)
    for n, i in enumerate(body):
        if _label_again(n, i, body, blocks, norm, title, structure):
            kinds[i] = "metadata"
        elif _repeated_words(n, i, body, blocks, kinds, norm, story, triples, structure):
            kinds[i] = "repeat"


def _closing_credits(art: Article, blocks: list[_Block], kinds: list[str | None], body: list[int],
                     norm: dict[int, str]) -> list[int]:
    """Mark the credits closing a page's story as metadata: the author's name, the byline again ("Bryan Denson"),
    and the house's or the author's initials ("DM": Daily Maverick) before its credits or a summary box. The story's
    blocks left."""
    authors = {comparable(name) for name in _BYLINE_PEOPLE.split(art.byline or "") if name}
    if body and norm[body[-1]] in authors - {""}:
        kinds[body[-1]] = "metadata"
        body = body[:-1]
    initials = _house_initials(art.publisher, art.byline)
    for i in [i for i in body if not blocks[i].heading and _initials(blocks[i].text, initials)]:
        kinds[i] = "metadata"
    return [i for i in body if kinds[i] is None]


def _label_again(n: int, i: int, body: list[int], blocks: list[_Block], norm: dict[int, str], title: str,
                 structure: list[boilerplate.Verdict] | None) -> bool:
    """Whether block i (the n-th of the story's) is the headline again, a fuller wording of it ("Kicker:
    headline"), or a page's label over the lede ("Best of 2014", "Holiday Gift Guide from Apartment Therapy")."""
    if title and (norm.get(i) == title or (n < HEADLINE_AGAIN_WITHIN and _headline_again(norm[i], title))):
        return True
    return n == 0 and structure is not None and _kicker(blocks[i], norm.get(i, ""), [blocks[j] for j in body[1:2]])


def _repeated_words(n: int, i: int, body: list[int], blocks: list[_Block], kinds: list[str | None],
                    norm: dict[int, str], story: list[int], triples: dict[str, set[int]],
                    structure: list[boilerplate.Verdict] | None) -> bool:
    """Whether block i (the n-th of the story's) repeats the story's words: a short one the dateline or kicker the
    next paragraph opens with ("LONDON", then "LONDON (Reuters) - A healthcare worker ..."), a longer one that
    another story block holds whole, or a pull quote or embedded post quoting the story."""
    words = norm.get(i, "")
    if words.count(" ") + 1 < REPEAT_MIN_WORDS:
        after = body[n + 1] if n + 1 < len(body) else None
        return bool(words) and after is not None and not blocks[i].heading and \
            norm[after].startswith(words + " ") and not ends_sentence(blocks[i].text)
    if any(j != i and kinds[j] is None and len(norm[j]) > len(words) and f" {words} " in f" {norm[j]} "
           for j in story):
        return True
    return structure is not None and _quotes_the_story(i, words, blocks[i].text, structure[i], triples)


_BYLINE_PEOPLE = re.compile(r",\s*(?:for\s.*)?|\s+and\s+")  # "A and B, for the Associated Press": A, B
INITIALS_CHARS = 12  # a text longer than this (characters) is never a name's initials ("D. M.", "J.S.")


def _house_initials(*names: str | None) -> frozenset[str]:
    """The initials (lower case, at least two letters) of each of `names` (a publisher, the byline's people):
    "dm" for Daily Maverick, "js" for Jane Smith."""
    people = [n for name in names if name for n in _BYLINE_PEOPLE.split(name) if n]
    found = ("".join(w[0] for w in comparable(n).split() if w not in ("the", "of", "and")) for n in people)
    return frozenset(f for f in found if len(f) >= 2)


def _initials(text: str, initials: frozenset[str]) -> bool:
    """Whether a text is nothing but one of the house's `initials`: "DM", "J S" (written "DM", "J.S."), two to four
    letters."""
    if not initials or len(text) > INITIALS_CHARS:
        return False
    letters = comparable(text).replace(" ", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters in initials


KICKER_WORDS = 6  # at most this many words, no sentence, over a lede: the page's label for the story


def _kicker(block: _Block, words: str, following: list[_Block]) -> bool:
    """The page's first block of text a short label, not a sentence nor a heading, set over a paragraph of the
    story: its section, series or kicker, not a line of the story."""
    return (bool(words) and words.count(" ") + 1 <= KICKER_WORDS and not block.heading and not ends_sentence(block.text)
            and bool(following) and len(following[0].text.split()) >= STORY_WORDS
            and ends_sentence(following[0].text))


def _word_triples(norm: dict[int, str], story: list[int]) -> dict[str, set[int]]:
    """Every three words in a row of the story's blocks (`norm`: their comparable text), and the blocks holding it."""
    triples: dict[str, set[int]] = {}
    for i in story:
        w = norm[i].split()
        for k in range(len(w) - 2):
            triples.setdefault(" ".join(w[k:k + 3]), set()).add(i)
    return triples


def _quotes_the_story(i: int, words: str, text: str, verdict: boilerplate.Verdict,
                      triples: dict[str, set[int]]) -> bool:
    """Block `i` (`words`: its comparable text) is a pull quote or an embed whose word triples are found enough
    elsewhere in the story."""
    if not (verdict.kind in _QUOTED or _PULL_QUOTE.match(text)):
        return False
    w = words.split()
    own = [" ".join(w[k:k + 3]) for k in range(len(w) - 2)]
    elsewhere = sum(bool(triples.get(t, set()) - {i}) for t in own)
    named = verdict.kind == "pull_quote" and verdict.score >= NAMED_PULL_QUOTE
    share = PULL_QUOTE_SHARE if named or verdict.kind not in _QUOTED else REPEAT_SHARE  # (a block the page names a
    #  pull quote, or one in a pull quote's form, is often reworded and carries its speaker's name and title:
    #  "... the downside.Lee Baker, CFP and founder of Apex Financial Services"; a <blockquote> alone is a quote)
    return bool(own) and elsewhere >= share * len(own)


HEADLINE_AGAIN_WITHIN = 3  # story blocks from the top in which a fuller wording of the headline is the headline
HEADLINE_EXTRA_WORDS = 10  # words such a wording may add to the headline (a kicker, a subtitle)


def _headline_again(block: str, title: str) -> bool:
    """A block that holds the headline's words in a row and little else: the page's fuller headline."""
    return (len(title.split()) >= 4 and f" {title} " in f" {block} "
            and len(block.split()) <= len(title.split()) + HEADLINE_EXTRA_WORDS)


def _paragraph(text: str, *, page: bool = False, code: tuple[str, ...] = ()) -> Paragraph:
    """A paragraph of sentences; if the splitter would change the words, the paragraph stays one sentence. `code`:
    the texts of its code spans, which are written as they are ("typing.List" is no run-on)."""
    text = repair(text, page=page, code=code)
    parts = [s for s in split_sentences(text) if s.strip()]  # (each with its whitespace folded to single spaces)
    if " ".join(parts) != markup.fold_spaces(text):
        log.warning("sentence splitter changed the text of a paragraph; keeping it whole: %.60s", text)
        parts = [text]
    return Paragraph([Sentence(s, speak(s)) for s in parts])


def _same(a: str, b: str) -> bool:
    return comparable(a) == comparable(b)
