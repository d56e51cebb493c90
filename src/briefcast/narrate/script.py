"""The narration script: an Article becomes utterances with the pause before each, and chapter titles.

Pure: no audio, no I/O. The intro and outro come from templates filled with the article's metadata; the body is
read sentence by sentence from `Sentence.spoken`, with the pause grammar's silences between sentences, paragraphs
and sections (a section heading is spoken after a section break).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..document import Article
from ..segmenter.credits import BY_KEY, credit_line
from ..segmenter.pauses import Break, PauseGrammar
from ..segmenter.programme import GROUP, PLACEHOLDER
from .options import NarrateOptions

MAX_CHAPTER_TITLE = 60  # characters of a chapter title made from a sentence
MAX_UTTERANCE = 400  # characters the engine gets at once: a longer sentence is said in clause-sized pieces
LONG_QUOTE = 250  # characters: a sentence this long that holds several quoted sentences is said one by one
CLAUSE_PAUSE = 0.15  # seconds between the pieces of one long sentence (shorter than any break in the grammar)
_INNER_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_CLAUSE = re.compile(r"(?<=[,;:])\s+|\s+(?=[–—]\s)|(?<=\s[–—])\s+")


@dataclass(frozen=True)
class Utterance:
    """One synthesised piece of speech and the silence (seconds) before it."""

    text: str  # spoken form, sent to the engine
    kind: str  # "intro" | "standfirst" | "heading" | "body" | "outro"
    pause: float  # seconds of silence before it (0 for the first)
    chapter: int  # index into Script.chapters
    sentence: int | None = None  # index into article.sentences, for body sentences (pieces of one share it)
    level: str = ""  # the break before it: "sentence", "paragraph", "section", "story", "clause" ("" for the first)
    shown: str = ""  # intro, heading and outro: the line as written, for captions (the pieces of one line share it)


@dataclass(frozen=True)
class Script:
    utterances: tuple[Utterance, ...]
    chapters: tuple[str, ...]  # chapter titles, in order
    urls: tuple[str | None, ...] = ()  # each chapter's web address (a brief's stories), when it has one
    transitions: tuple[int, ...] = ()  # utterances the sting (--music) plays before: a brief's stories


def build_script(article: Article, options: NarrateOptions) -> Script:
    """Lay out what will be said, in order, with pauses from `options.grammar` and chapter titles."""
    layout = _Layout(options.grammar)
    fields = template_fields(article)
    if options.intro and (lines := said_sentences(render_template(options.intro_template, _names_held(fields)))):
        layout.chapters.append("Intro")
        layout.add_lines(lines, "intro", None)
    if article.standfirst and _speakable(article.standfirst):  # the summary under the headline, before the story
        if not layout.chapters:
            layout.chapters.append(article.title or _short(article.standfirst))
        layout.add_lines(said_sentences(article.standfirst), "standfirst", Break.PARAGRAPH if layout.out else None)
    _add_body(layout, article)
    if options.outro and (lines := said_sentences(render_template(options.outro_template, fields))):
        layout.chapters.append("Credits")
        layout.add_lines(lines, "outro", Break.STORY)
    return layout.script()


class _Layout:
    """A script being laid out: its utterances and chapter titles so far, each utterance in the last chapter."""

    def __init__(self, grammar: PauseGrammar) -> None:
        self.grammar = grammar
        self.out: list[Utterance] = []
        self.chapters: list[str] = []

    def add(self, text: str, kind: str, brk: Break | None, sentence: int | None = None, shown: str = "") -> None:
        """One sentence, in pieces when long (split_for_speech), after the silence of `brk` (none for the first)."""
        if not _speakable(text):
            return
        chapter = len(self.chapters) - 1
        for i, piece in enumerate(split_for_speech(text)):
            if i:
                self.out.append(Utterance(piece, kind, CLAUSE_PAUSE, chapter, sentence, "clause", shown))
            elif brk and self.out:
                self.out.append(Utterance(piece, kind, self.grammar.silence(brk), chapter, sentence,
                                          brk.name.lower(), shown))
            else:
                self.out.append(Utterance(piece, kind, 0.0, chapter, sentence, shown=shown))

    def add_lines(self, lines: list[tuple[str, str]], kind: str, first: Break | None) -> None:
        """Lines (as written, as said) of an intro, standfirst or outro: `first` before the first, then sentences."""
        for i, (written, line) in enumerate(lines):
            self.add(line, kind, Break.SENTENCE if i else first, shown=written)

    def script(self) -> Script:
        """The script, its chapters those that hold an utterance."""
        used = sorted({u.chapter for u in self.out})
        renumber = {old: new for new, old in enumerate(used)}
        return Script(tuple(dataclasses.replace(u, chapter=renumber[u.chapter]) for u in self.out),
                      tuple(self.chapters[i] for i in used))


def _add_body(layout: _Layout, article: Article) -> None:
    """The article's sections (a chapter each, headed, when it has several or headings; else a chapter a paragraph)
    sentence by sentence; code and biographies are printed, not read (code is said to be there, once)."""
    per_section = len(article.sections) > 1 or any(s.heading for s in article.sections)
    index = 0  # running sentence index, as in article.sentences
    code = sum(p.kind == "code" for p in article.paragraphs)  # code is for the eye: said to be there, once
    pending = Break.SECTION  # the break before the next utterance (after the intro: a section break)
    for si, sec in enumerate(article.sections):
        if not any(p.sentences for p in sec.paragraphs):
            continue
        if per_section:
            pending = _add_heading(layout, article, si, pending)
        for par in sec.paragraphs:
            if not par.sentences:
                continue
            if par.kind:  # code, the author's biography: printed, not read out (code is said to be there, once)
                if par.kind == "code" and code:
                    note = f"The article includes {'code examples' if code > 1 else 'a code example'}, not read here."
                    layout.add(note, "body", pending, shown=note)
                    pending, code = Break.PARAGRAPH, 0
                index += len(par.sentences)
                continue
            if not per_section:
                layout.chapters.append(_short(par.sentences[0].text))
            for n, sen in enumerate(par.sentences):
                layout.add(sen.spoken or _speak(sen.text), "body", Break.SENTENCE if n else pending, index)
                index += 1
            pending = Break.PARAGRAPH
        pending = Break.SECTION


def _add_heading(layout: _Layout, article: Article, si: int, pending: Break) -> Break:
    """Section `si`'s chapter (its heading; the title for a first section without one, else its opening words)
    and its heading said; the break before what follows."""
    sec = article.sections[si]
    first = next(p.sentences[0].text for p in sec.paragraphs if p.sentences)
    layout.chapters.append(sec.heading or (article.title if si == 0 and article.title else _short(first)))
    if sec.heading:
        layout.add(_speak(sec.heading_spoken or sec.heading), "heading", pending, shown=sec.heading)
        return Break.PARAGRAPH
    return pending


def split_for_speech(text: str, limit: int = MAX_UTTERANCE) -> list[str]:
    """Pieces of one spoken sentence for the engine: the sentence itself unless it is long.

    A long quotation that holds several sentences ("He said: "... . ... ."") is said sentence by sentence (past
    LONG_QUOTE characters); any piece still over `limit` is cut at clause marks (, ; : and dashes), then at spaces,
    so the engine never gets more than `limit` characters at once. The document keeps the sentence whole.
    """
    if len(text) <= LONG_QUOTE:
        return [text]
    pieces = [p for p in _INNER_END.split(text) if p.strip()] if len(text) > LONG_QUOTE else [text]
    out: list[str] = []
    for piece in pieces:
        out.extend(_pack(_CLAUSE.split(piece), limit) if len(piece) > limit else [piece])
    return [p.strip() for p in out if p.strip()]


def _pack(parts: list[str], limit: int) -> list[str]:
    """Join consecutive parts into runs of at most `limit` characters; a part longer than that is cut at spaces."""
    out: list[str] = []
    current = ""
    for part in parts:
        if len(part) > limit:
            words = part.split()
            part = ""
            for word in words:
                while len(word) > limit:  # a run without spaces (a scraped table cell): cut anywhere
                    out.extend([current] if current else [])
                    current = ""
                    out.append(word[:limit])
                    word = word[limit:]
                if current and len(current) + 1 + len(word) > limit:
                    out.append(current)
                    current = word
                else:
                    current = f"{current} {word}" if current else word
            continue
        if current and len(current) + 1 + len(part) > limit:
            out.append(current)
            current = part
        else:
            current = f"{current} {part}" if current else part
    if current:
        out.append(current)
    return out


@dataclass(frozen=True)
class ScriptLine:
    """One utterance as `briefcast narrate --script` shows it: what is said, its kind (intro, body, outro, ...),
    its chapter's title, and the pause after it (its level, "end" after the last, and seconds)."""

    text: str
    kind: str
    chapter: str
    pause_after: str
    seconds_after: float

    def to_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def preview(article: Article, options: NarrateOptions) -> list[ScriptLine]:
    """The script of `article` as `briefcast narrate --script` shows it (see script_lines); no engine started."""
    return script_lines(build_script(article, options))


def format_preview(lines: list[ScriptLine]) -> str:
    """One utterance a line, the pause after it in brackets: "Hello there. [sentence]"."""
    return "\n".join(f"{line.text} [{line.pause_after}]" for line in lines)


def script_lines(script: Script) -> list[ScriptLine]:
    """What the engine will say, one utterance a line, each with the pause after it (level and seconds).

    For `briefcast narrate --script`: pure, starts no engine. The last utterance ends the briefing ("end").
    """
    lines: list[ScriptLine] = []
    for i, u in enumerate(script.utterances):
        after = script.utterances[i + 1] if i + 1 < len(script.utterances) else None
        lines.append(ScriptLine(u.text, u.kind, script.chapters[u.chapter] if script.chapters else "",
                                after.level if after else "end", after.pause if after else 0.0))
    return lines


def credit_lines(article: Article, *, heard: bool = False) -> list[str]:
    """The credits as tagged (`heard`: as spoken, without those for what a listener never sees, the pictures):
    "Voiceover by Lance Ramsay" (an author already named elsewhere skipped)."""
    return [credit_line(role, name) for role, name in article.credits.items()
            if name and not (role == "author" and name in (article.byline, article.source.name))
            and not (heard and role in BY_KEY and not BY_KEY[role].heard)]


SAID_AUTHORS = 4  # a byline of more names is said as its first and how many others ("A and 17 others")
_NAME_SEPARATOR = re.compile(r", (?:and )?| and ")


def spoken_byline(byline: str) -> str:
    """A byline as a newsreader says it: a paper's eighteen authors as "Havell Markus and 17 others"."""
    names = _NAME_SEPARATOR.split(byline)
    if len(names) <= SAID_AUTHORS or " for " in byline:  # (", for the Associated Press": a source, not a name)
        return byline
    return f"{names[0]} and {len(names) - 1} others"


def template_fields(article: Article) -> dict[str, str]:
    """Values for the intro/outro placeholders (empty when unknown)."""
    credits = credit_lines(article, heard=True)
    return {
        "title": article.title or "",
        "byline": spoken_byline(article.byline or ""),
        "publisher": article.publisher or "",
        "published": article.published or "",
        "published_spoken": spoken_date(article.published),
        "source_name": article.source.name or "",
        "source_published": article.source.published or "",
        "source_published_spoken": spoken_date(article.source.published),
        "credits": ". ".join(credits),
        "url": article.url or "",
    }


def render_template(template: str, fields: dict[str, str]) -> str:
    """Fill {placeholders}; drop each [group] (innermost first) whose placeholders are empty; tidy punctuation."""
    def fill(text: str, strict: bool) -> str | None:
        names = PLACEHOLDER.findall(text)
        if strict and any(not fields.get(n, "").strip() for n in names):
            return None
        return PLACEHOLDER.sub(lambda m: fields.get(m.group(1), ""), text)

    text = template
    while True:
        m = GROUP.search(text)
        if m is None:
            break
        inner = fill(m.group(1), strict=True)
        text = text[:m.start()] + (_protect(inner) if inner is not None else "") + text[m.end():]
    text = _unprotect(fill(text, strict=False) or "")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([.,;:!?])(?!\w)", r"\1", text)
    text = re.sub(r"([.,;:])(?:\s*[.,;:])+", r"\1", text)  # ", ." -> ","  ". ." -> "."
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"([?!])[.,;:]+", r"\1", text)  # a title that ends "?" then the template's full stop
    text = text.strip(" ,;:.")
    return text + ("." if text and text[-1] not in "?!" else "")


def _protect(text: str) -> str:
    """Keep filled-in values from being read as template syntax by the next pass."""
    return text.replace("{", "\x00").replace("[", "\x01").replace("]", "\x02")


def _unprotect(text: str) -> str:
    return text.replace("\x00", "{").replace("\x01", "[").replace("\x02", "]")


_HELD_STOPS = {".": "\ue000", "!": "\ue001", "?": "\ue002"}  # a name's stops, out of the splitter's sight
_HOLD = str.maketrans(_HELD_STOPS)
_RELEASE = str.maketrans({v: k for k, v in _HELD_STOPS.items()})


def _names_held(fields: dict[str, str]) -> dict[str, str]:
    """The fields with the stops inside the publisher's and the byline's names held, so that "Yahoo! News" and
    "Telegraph.co.uk" stay one line of the intro (said_sentences lets them go before speaking)."""
    held = dict(fields)
    for key in ("publisher", "byline"):
        value = held.get(key, "")
        held[key] = value[:-1].translate(_HOLD) + value[-1:] if value else value
    return held


def spoken_sentences(text: str) -> list[str]:
    """Split rendered intro/outro text into sentences, each normalised for speech."""
    return [spoken for _, spoken in said_sentences(text)]


def said_sentences(text: str) -> list[tuple[str, str]]:
    """Split rendered intro/outro text into sentences: (as written, normalised for speech), unspeakable ones out."""
    if not text.strip():
        return []
    from ..segmenter.sentences import split_sentences

    pieces = [x.translate(_RELEASE) for x in split_sentences(text)]
    pairs = [(" ".join(x.split()), _speak(x)) for x in pieces]
    return [(written, spoken) for written, spoken in pairs if _speakable(spoken)]


def spoken_date(iso: str | None) -> str:
    """An ISO date as it is said ("June tenth, twenty seventeen"); the text as given when it is not a date."""
    if not iso:
        return ""
    from ..segmenter.speech import speak_date

    return " ".join(speak_date(iso).split())


def _speak(text: str) -> str:
    from ..segmenter.speech import speak

    return " ".join(speak(text).split())


def _speakable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _short(text: str, limit: int = MAX_CHAPTER_TITLE) -> str:
    """A chapter title from a sentence: at most `limit` characters, cut at a word, with an ellipsis."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


def pause_levels(grammar: PauseGrammar) -> dict[str, float]:
    """The grammar's silences by name, for documentation and tests."""
    return {b.name.lower(): grammar.silence(b) for b in Break}
