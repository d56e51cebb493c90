"""The spoken shape of an episode (`briefcast brief`), in both directions: the wording of its opening, rundown, story
intros and closing, and those lines read back from a transcript.

Narration fills the templates (narrate.script.render_template); transcription matches the same templates, turned into
patterns that forgive a recogniser's punctuation ("From MSN: Title." is often heard "From MSN, title."), so the
wording is defined once, here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..dates import DATE

PLACEHOLDER = re.compile(r"\{(\w+)\}")  # a template's field: "{title}"
GROUP = re.compile(r"\[([^\[\]]*)\]")  # a template's optional part, said only when its fields have values

STORY_INTRO = "[From {publisher}:] [{title}.]"  # each story's own intro in an episode
OPENING = "[{title}][, {date}]."  # the episode's first line (read back by its date: read_opening)
RUNDOWN = "In this briefing:"  # then each story's headline
CLOSING = "[That was {title}.]"  # the episode's last line

MAX_TITLE_WORDS = 8  # an episode's title, heard at the start of its opening, is at most this long
CLOSE_ENOUGH = 0.75  # a closing misheard is still one at this difflib ratio to the closing said with the title
MAX_SOURCE_WORDS = 6  # a source's name heard in a story intro is a name, not a clause
_STOPS = ".,:;!?"  # a recogniser writes any of these where a narrator paused briefly


@dataclass(frozen=True)
class TemplatePattern:
    """A template as a pattern over one spoken line, its fields as named groups. A line can match a template of
    optional parts without saying any of them: `match` asks for one of its worded parts at least."""

    pattern: re.Pattern[str]
    worded: tuple[str, ...]  # the names of the groups that hold the template's own words

    def match(self, line: str) -> re.Match[str] | None:
        """The match of `line` when it says the template's own words (one of its worded parts at least)."""
        m = self.pattern.match(line.strip())
        return m if m is not None and any(m.group(g) is not None for g in self.worded) else None


def template_pattern(template: str, *, greedy: bool = False) -> TemplatePattern:
    """`template` as a case-insensitive pattern over one line: a field matches any text (as little as it can, or
    as much, `greedy`), a space any space, a stop any stop (the last one may be missing), an optional part may be
    left out."""
    worded: list[str] = []
    last_stop = max((template.rfind(c) for c in _STOPS), default=-1)

    def literal(text: str, at: int) -> str:
        out = []
        for k, ch in enumerate(text):
            if ch in _STOPS:
                out.append(f"[{re.escape(_STOPS)}]" + ("?" if at + k == last_stop else ""))
            elif ch.isspace():
                out.append(r"\s+" if k and text[k - 1].isalnum() else r"\s*")
            else:
                out.append(re.escape(ch))
        return "".join(out)

    def fields(text: str, at: int) -> str:
        out, pos = [], 0
        for m in PLACEHOLDER.finditer(text):
            out.append(literal(text[pos:m.start()], at + pos))
            out.append(f"(?P<{m[1]}>.+{'' if greedy else '?'})")
            pos = m.end()
        out.append(literal(text[pos:], at + pos))
        return "".join(out)

    out, pos = [], 0
    for m in GROUP.finditer(template):
        out.append(fields(template[pos:m.start()], pos))
        inner = fields(m[1], m.start(1))
        if re.search(r"\w", PLACEHOLDER.sub("", m[1])):
            name = f"said{len(worded)}"
            worded.append(name)
            out.append(f"(?P<{name}>{inner})?")
        else:
            out.append(f"(?:{inner})?")
        pos = m.end()
    out.append(fields(template[pos:], pos))
    return TemplatePattern(re.compile("^" + "".join(out) + r"\s*$", re.I | re.S), tuple(worded))


@dataclass(frozen=True)
class StoryIntro:
    """A story's intro heard in a transcript: its headline and source, and how many sentences it took."""

    title: str | None
    source: str | None
    lines: int  # sentences of the intro: 1, or 2 when the headline was heard as a sentence of its own


def read_intro(lines: list[str], template: str = STORY_INTRO, rundown: str = "") -> StoryIntro | None:
    """The story intro that opens `lines` (the sentences from a story break on), or None when they open otherwise.

    The headline is the intro's own when it says one; when the recogniser ended the sentence after the source
    ("From MSN." and the headline as the next sentence), the next sentence is the headline. A stop heard inside
    the source's name ("From Ars, Technica." and the headline next) is told apart by the `rundown`, the episode's
    opening as heard: the reading whose headline the rundown names more of is taken."""
    readings = [r for greedy in (False, True) if (r := _reading(lines, template, greedy)) is not None]
    return max(readings, key=lambda r: _named(r.title, rundown), default=None)


def _reading(lines: list[str], template: str, greedy: bool) -> StoryIntro | None:
    m = template_pattern(template, greedy=greedy).match(lines[0]) if lines else None
    if m is None:
        return None
    found = {k: (v.strip(" " + _STOPS) or None) if v else None for k, v in m.groupdict().items()}
    title, source = found.get("title"), found.get("publisher")
    if source is not None and len(source.split()) > MAX_SOURCE_WORDS:
        return None
    if title is None and len(lines) > 1:
        return StoryIntro(_headline(lines[1]), source, 2)
    return StoryIntro(_headline(title), source, 1)


def _named(title: str | None, rundown: str) -> float:
    """The share of a headline's words (of four letters or more) that the rundown says."""
    words = re.findall(r"[a-z]{4,}", (title or "").lower())
    said = set(re.findall(r"[a-z]{4,}", rundown.lower()))
    return sum(w in said for w in words) / len(words) if words else 0.0


def _headline(text: str | None) -> str | None:
    """A headline as heard, its first letter a capital (a recogniser writes "From MSN, the birth lottery")."""
    text = (text or "").strip().rstrip(_STOPS)
    return text[:1].upper() + text[1:] if text else None


def read_opening(line: str) -> str | None:
    """The episode's title from its opening line, the words said before its date ("Morning Briefing, May 1st, 2024,
    in this briefing ..."); None when the line has no date after a title of at most MAX_TITLE_WORDS words."""
    m = re.search(DATE, line, re.I)
    title = line[:m.start()].strip(" " + _STOPS) if m else ""
    return title if title and len(title.split()) <= MAX_TITLE_WORDS else None


def read_closing(line: str, template: str = CLOSING, opening: str = "") -> str | None:
    """The episode's title from its closing line ("That was Morning Briefing."), or None when `line` is no closing.

    The episode opens with its title: a closing the recogniser misheard ("I want to Morning Briefing.") is still
    one when it is close to the closing said with the `opening`'s first words as the title, which it then gives."""
    m = template_pattern(template).match(line)
    if m is not None:
        return (m.groupdict().get("title") or "").strip(" " + _STOPS) or None
    words = opening.split()[:MAX_TITLE_WORDS]
    heard = _plain(line)
    best, title = 0.0, None
    for n in range(1, len(words) + 1):
        said = PLACEHOLDER.sub(" ".join(words[:n]), GROUP.sub(r"\1", template))
        ratio = SequenceMatcher(None, _plain(said), heard).ratio()
        if ratio > best:
            best, title = ratio, " ".join(words[:n]).strip(" " + _STOPS)
    return title if best >= CLOSE_ENOUGH and title else None


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
