"""Timed words -> sentences -> paragraphs -> Article: the segmenter run backwards on recognised speech.

Pure: no I/O. Sentences come from the shared splitter run on the recognised text and are mapped back to word times;
paragraphs and sections from the pause grammar read backwards on the silences between sentences. Spoken credits,
source lines and a narrated intro move to metadata (and to `removed`), so the body is just the article and no
recognised word is lost.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ..dates import find_date
from ..document import Article, Paragraph, Removed, Section, Sentence, Source, Word
from .credits import SPOKEN_ROLES, role_key
from .pauses import DEFAULT_GRAMMAR, Break, PauseGrammar
from .programme import CLOSING, STORY_INTRO, StoryIntro, read_closing, read_intro, read_opening
from .sentences import split_sentences

Silence = Callable[[float, float], float]  # (from, to) seconds -> seconds of real silence measured in between
ONSET = 0.2  # seconds at a word's start that hold sound for more than half when it is said there


@dataclass(frozen=True)
class AssembleOptions:
    """How recognised words become an article."""

    grammar: PauseGrammar = DEFAULT_GRAMMAR  # silence (s) -> break level
    max_paragraph_sentences: int = 6  # split a paragraph the pauses did not break when it has more sentences
    max_paragraph_seconds: float = 60.0  # ... or lasts longer than this (s)
    min_paragraph_seconds: float = 20.0  # a chosen break leaves at least this much speech (s) on each side if it can
    max_heading_words: int = 8  # a short sentence alone after a section pause is read as a heading
    story_intro: str = STORY_INTRO  # how a story of an episode opens, read back after a story break (programme.py)
    closing: str = CLOSING  # how an episode ends ("That was TITLE."), read back after its last story


def sentences_from_words(words: list[Word]) -> list[Sentence]:
    """Split the recognised text into sentences and give each its words and times."""
    if not words:
        return []
    offsets: list[int] = []
    pos = 0
    for w in words:
        offsets.append(pos)
        pos += len(w.text) + 1
    text = " ".join(w.text for w in words)
    out: list[Sentence] = []
    i = cursor = 0
    for piece in split_sentences(text):
        piece = " ".join(piece.split())
        at = text.find(piece, cursor)
        if at >= 0:
            end = at + len(piece)
            j = i
            while j < len(words) and offsets[j] < end:
                j += 1
            cursor = end
        else:  # the splitter changed the text: fall back to counting tokens
            j = min(i + len(piece.split()), len(words))
        if j > i:
            out.append(_sentence(words[i:j]))
            i = j
    if i < len(words):
        out.append(_sentence(words[i:]))
    return out


def split_at_pauses(sentences: list[Sentence], silence: Silence, grammar: PauseGrammar = DEFAULT_GRAMMAR,
                    interlude: Silence | None = None) -> list[Sentence]:
    """Sentences cut where a paragraph-long silence, or an interlude, falls inside them.

    The recogniser sometimes writes a comma where a narrator ended a paragraph; a measured silence of at least 80%
    of the grammar's paragraph pause (far longer than a breath) between two words that the recogniser also timed
    apart (by at least a sentence pause: a last word stretched over a silence is not cut off), or after a word it
    stretched over that silence though the word sounds at its start (said before the silence), is a boundary
    whatever the punctuation says. An interlude (a sting between two stories, which the recogniser may run one
    sentence across, stretching a word over it) is one however the words were timed: before the word timed across
    it. Used only when real silences can be measured (clean audio such as our own briefings).
    """
    out: list[Sentence] = []
    for sentence in sentences:
        words, start = sentence.words, 0
        across = [interlude is not None and interlude(a.start, b.end) > 0 for a, b in zip(words, words[1:])]
        for k in range(1, len(words)):
            apart = (words[k].start - words[k - 1].end >= grammar.sentence
                     or _said_before(words[k - 1], silence, grammar))
            # a word timed across an interlude was said after it (its start is the one that strays): cut before it
            if (apart and silence(words[k - 1].start, words[k].end) >= 0.8 * grammar.paragraph
                    or across[k - 1] and not (k >= 2 and across[k - 2])):
                out.append(_sentence(words[start:k]))
                start = k
        out.append(sentence if start == 0 else _sentence(words[start:]))
    return out


def _said_before(word: Word, silence: Silence, grammar: PauseGrammar) -> bool:
    """A word the recogniser timed over a paragraph-long silence that it sounds at the start of: said before the
    silence, its end stretched to the next word (a story intro's last word, "$10.00", timed up to the paragraph
    after it). A word said after a silence, its start stretched back over it, is quiet at its start."""
    return (silence(word.start, word.end) >= 0.8 * grammar.paragraph
            and silence(word.start, word.start + ONSET) < ONSET / 2)


def _sentence(words: list[Word]) -> Sentence:
    text = " ".join(w.text for w in words)
    return Sentence(text=text, spoken=text, start=words[0].start, end=words[-1].end, words=list(words))


def gaps(sentences: list[Sentence], silence: Silence | None = None) -> list[float]:
    """The pause (s) before each sentence after the first.

    With `silence`, the real silence measured between the previous sentence's last word start and the next one's
    first word end; without it, the gap between word times.
    """
    if silence is not None:
        return [silence(prev.words[-1].start, nxt.words[0].end) for prev, nxt in zip(sentences, sentences[1:])]
    return [max(0.0, (nxt.start or 0.0) - (prev.end or 0.0)) for prev, nxt in zip(sentences, sentences[1:])]


def breaks(sentences: list[Sentence], grammar: PauseGrammar = DEFAULT_GRAMMAR,
           silence: Silence | None = None) -> list[Break]:
    """The break level before each sentence after the first, from the silence between it and the previous one."""
    return [grammar.classify(gap) for gap in gaps(sentences, silence)]


_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")


def paragraph_breaks(sentences: list[Sentence], pauses: list[float],
                     options: AssembleOptions = AssembleOptions()) -> list[int]:
    """Where to start new paragraphs in a run of sentences that no paragraph pause divided (indices into the run).

    A run longer than `max_paragraph_seconds` or `max_paragraph_sentences` is split in two at a sentence end,
    at the longest pause that leaves at least two sentences (and `min_paragraph_seconds`, when it can) on each side,
    and each half is split again while it is too long; never on a clause break (a semicolon, or no stop at all).
    `pauses[k]` is the pause before sentence k + 1.
    """
    def span(a: int, b: int) -> float:
        return (sentences[b - 1].end or 0.0) - (sentences[a].start or 0.0)

    def split(a: int, b: int) -> list[int]:
        if b - a <= options.max_paragraph_sentences and span(a, b) <= options.max_paragraph_seconds:
            return []
        ends = [k for k in range(a + 2, b - 1) if _SENTENCE_END.search(sentences[k - 1].text.strip())]
        if not ends:
            return []
        long_enough = [k for k in ends if min(span(a, k), span(k, b)) >= options.min_paragraph_seconds]
        middle = (span(a, b) / 2, (a + b) / 2)
        k = max(long_enough or ends, key=lambda k: (round(pauses[k - 1], 1), -abs(span(a, k) - middle[0]),
                                                    -abs(k - middle[1])))
        return [*split(a, k), k, *split(k, b)]

    return split(0, len(sentences))


def assemble(words: list[Word], *, options: AssembleOptions = AssembleOptions(), silence: Silence | None = None,
             interlude: Silence | None = None, tags: Mapping[str, str] | None = None,
             name: str | None = None) -> Article:
    """An Article from recognised words in time order.

    `silence` measures the real silence between two times; `interlude` the pause a sound that is not speech makes
    there with the silences either side (a sting between stories), 0 when there is none. A story break (a story
    pause, or an interlude that long) before a story intro ("From MSN: headline.") opens a story of an episode:
    each story is a section headed by its headline, and what comes before the first (the show's opening and
    rundown) and its closing line are not stories. `tags` are media tags (title, artist, album, date, comment);
    `name` is the media file name, a title fallback.
    """
    tags = {k.lower(): v for k, v in (tags or {}).items() if v}
    pause = _pause(silence, interlude)
    sentences = sentences_from_words(words)
    if pause is not None:
        sentences = split_at_pauses(sentences, pause, options.grammar, interlude)
    pauses = gaps(sentences, pause)
    levels = [options.grammar.classify(gap) for gap in pauses]
    article = Article()
    stories = story_starts(sentences, levels, options)
    keep = _take_metadata(article, sentences, levels, tags, stories, options)
    _add_body(article, sentences, levels, keep, options, stories)
    for sec in article.sections:
        sec.paragraphs = [part for p in sec.paragraphs for part in _divide(p, sentences, pauses, options)]
    article.sections = [s for s in article.sections if s.paragraphs or s.heading or s.source]
    _finish_metadata(article, name)
    return article


def _take_metadata(article: Article, sentences: list[Sentence], levels: list[Break], tags: dict[str, str],
                   stories: dict[int, StoryIntro], options: AssembleOptions) -> list[int]:
    """Metadata from the tags, then from the spoken intro, outro and credit lines (each kept in `removed`), or from
    an episode's opening, rundown and closing when it has `stories`; the indices of the sentences left for the
    body."""
    _metadata_from_tags(article, tags)
    article.provenance = dict.fromkeys(_known(article), "tags")
    if stories:
        keep = _take_programme(article, sentences, levels, stories, options)
    else:
        keep = _take_intro(article, sentences, tags, levels)
        outro = _outro_block(sentences, levels)
        if outro:
            for i in outro:
                _apply_credits(article, sentences[i].text)
            article.removed.append(Removed("outro", " ".join(sentences[i].text for i in outro)))
            keep = [i for i in keep if i not in outro]
    return [i for i in keep if not _take_credit(article, sentences[i])]


def _add_body(article: Article, sentences: list[Sentence], levels: list[Break], keep: list[int],
              options: AssembleOptions, stories: dict[int, StoryIntro]) -> None:
    """The kept sentences as sections of paragraphs: a paragraph break (or more) starts a paragraph, and a short
    line after a section break, itself followed by a paragraph break, heads a new section."""
    section = Section()
    article.sections.append(section)
    paragraph: Paragraph | None = None
    previous = -1
    for i in keep:
        level = max(levels[previous:i], default=Break.SENTENCE) if previous >= 0 else Break.PARAGRAPH
        previous = i
        if i in stories:  # its intro line opens the story's section
            section = Section(heading=stories[i].title, source=stories[i].source)
            article.sections.append(section)
            paragraph = None
            continue
        if paragraph is not None and level >= Break.SECTION and section.paragraphs and _is_heading(
                sentences, levels, i, options):
            section = Section(heading=sentences[i].text.rstrip(".:;,"))
            article.sections.append(section)
            article.removed.append(Removed("heading", sentences[i].text))
            paragraph = None
            continue
        if paragraph is None or level >= Break.PARAGRAPH:
            paragraph = Paragraph()
            section.paragraphs.append(paragraph)
        paragraph.sentences.append(sentences[i])


def _finish_metadata(article: Article, name: str | None) -> None:
    """What the tags did not give was heard ("speech"); no title at all: the file name's."""
    for key in _known(article):
        article.provenance.setdefault(key, "speech")
    if not article.title and name:
        article.title = readable_name(name) or cleaned_name(name)
        if article.title:
            article.provenance["title"] = "file name"


def _pause(silence: Silence | None, interlude: Silence | None) -> Silence | None:
    """The pause between two times: the real silence, or the interlude with its silences when it is longer."""
    if silence is None or interlude is None:
        return silence
    return lambda a, b: max(silence(a, b), interlude(a, b))


def story_starts(sentences: list[Sentence], levels: list[Break],
                 options: AssembleOptions = AssembleOptions()) -> dict[int, StoryIntro]:
    """The sentences that open the stories of an episode, each with its intro as heard: after a story break (the
    `levels` before each sentence but the first: a story pause, or the sting between stories), one that says the
    story intro. None in a single article: its story break comes before its credits, its intro comes first."""
    found: dict[int, StoryIntro] = {}
    texts = [s.text for s in sentences]
    for k, level in enumerate(levels):
        i = k + 1
        if level >= Break.STORY and (intro := read_intro(texts[i:i + 2], options.story_intro)) is not None:
            found[i] = intro
    if found:  # read again beside the rundown: what comes before the first story
        rundown = " ".join(texts[:min(found)])
        for i in found:
            found[i] = read_intro(texts[i:i + 2], options.story_intro, rundown) or found[i]
    return found


def _take_programme(article: Article, sentences: list[Sentence], levels: list[Break], stories: dict[int, StoryIntro],
                    options: AssembleOptions) -> list[int]:
    """Indices of the stories' sentences (their intros but the first line, taken at their sections) once the
    show's opening and rundown (before the first story) and its closing line (after the last story's break) are
    taken out; the episode's title and date from them when the tags do not give them."""
    first, last = min(stories), max(stories)
    opening = " ".join(s.text for s in sentences[:first])
    titled = sentences[0].text if first else ""  # the opening starts with the episode's title
    closing = _closing_lines(sentences, levels, last, options, titled)
    end = closing[-1] if closing else len(sentences)
    if opening:
        _take_opening(article, opening)
    title = read_opening(titled)  # the words before the opening's date, else the closing's title
    if closing:
        article.removed.append(Removed("outro", " ".join(s.text for s in sentences[end:])))
        title = title or read_closing(sentences[end].text, options.closing, titled)
    if title and not article.title:
        spelt = titled[:len(title)]
        article.title = spelt if spelt.lower() == title.lower() else title  # the opening's capitals
        article.provenance["title"] = "speech"
    for i, intro in stories.items():
        article.removed.append(Removed("intro", " ".join(s.text for s in sentences[i:i + intro.lines])))
    skipped = {i + k for i, intro in stories.items() for k in range(1, intro.lines)}
    return [i for i in range(first, end) if i not in skipped]


def _closing_lines(sentences: list[Sentence], levels: list[Break], last: int, options: AssembleOptions,
                   titled: str) -> list[int]:
    """Indices of the sentences after the last story's start that open after a story's break and read as the
    show's closing line."""
    return [i for i in range(last + 1, len(sentences))
            if levels[i - 1] >= Break.STORY and read_closing(sentences[i].text, options.closing, titled)]


def _take_opening(article: Article, opening: str) -> None:
    """Take out the show's opening and rundown, and the episode's date from it when the tags gave none."""
    article.removed.append(Removed("intro", opening))
    if not article.published and (date := find_date(opening)):
        article.published = date
        article.provenance["published"] = "speech"


def _divide(paragraph: Paragraph, sentences: list[Sentence], pauses: list[float],
            options: AssembleOptions) -> list[Paragraph]:
    """A paragraph the pauses left whole, cut into readable ones by paragraph_breaks()."""
    index = {id(s): i for i, s in enumerate(sentences)}
    run = paragraph.sentences
    own = [pauses[index[id(s)] - 1] if index[id(s)] > 0 else 0.0 for s in run[1:]]
    cuts = [0, *paragraph_breaks(run, own, options), len(run)]
    return [Paragraph(run[a:b]) for a, b in zip(cuts, cuts[1:])]


def _known(article: Article) -> list[str]:
    """The metadata fields of `article` that hold a value, as provenance keys."""
    keys = [k for k in ("title", "byline", "publisher", "published", "url") if getattr(article, k)]
    keys += [f"credits.{role}" for role in article.credits]
    return keys + (["source"] if article.source.name else [])


def _is_heading(sentences: list[Sentence], levels: list[Break], i: int, options: AssembleOptions) -> bool:
    after = levels[i] if i < len(levels) else Break.SENTENCE
    text = sentences[i].text
    return (len(text.split()) <= options.max_heading_words and text[:1].isupper()
            and after >= Break.PARAGRAPH)


# --- metadata ---------------------------------------------------------------------------------------------------

def _metadata_from_tags(article: Article, tags: dict[str, str]) -> None:
    article.title = tags.get("title") or None
    article.byline = tags.get("artist") or tags.get("author") or None
    article.publisher = tags.get("publisher") or tags.get("album_artist") or tags.get("album") or None
    if tags.get("date"):
        article.published = find_date(tags["date"]) or tags["date"]
    for key in ("purl", "url", "comment"):
        if re.match(r"https?://\S+$", tags.get(key, "").strip()):
            article.url = tags[key].strip()
            break
    for sentence in split_sentences(tags.get("comment", "")):
        _apply_credits(article, sentence)


def readable_name(name: str | None) -> str | None:
    """A file name as a title ("raqqa_province-update.mp4" -> "Raqqa province update"), or None if it is a code."""
    if not name:
        return None
    stem = Path(name).stem if "." in Path(name).name else Path(name).name
    words = [w for w in re.split(r"[\s_\-.+]+", stem) if w]
    letters = [w for w in words if re.fullmatch(r"[A-Za-z][A-Za-z']+", w)]
    if len(letters) < 2 or len(letters) < len(words) / 2:
        return None
    text = " ".join(words)
    return text[0].upper() + text[1:] if text.islower() else text


def cleaned_name(name: str | None) -> str | None:
    """Any file name as a last-resort title: its stem with separators as spaces ("VID_2024.mp4" -> "VID 2024")."""
    if not name:
        return None
    stem = Path(name).stem if "." in Path(name).name else Path(name).name
    text = " ".join(w for w in re.split(r"[\s_\-.+]+", stem) if w)
    return text or None


_NOT_WORD = re.compile(r"[^\w\s]")


def comparable(text: str) -> str:
    """`text` reduced for comparing what was written with what was heard: lower case, words only."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def similar(a: str, b: str) -> bool:
    """The same words, or nearly (a difflib ratio of 0.8): one line written twice with small changes."""
    a, b = comparable(a), comparable(b)
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= 0.8)


_FROM = re.compile(r"^from\s+(?P<who>.+?)(?:,\s*(?P<date>[^.]*\d{4}))?\.?$", re.I)
_BY = re.compile(r"^by\s+(?P<who>[^.]{2,80})\.?$", re.I)


def _intro_block(sentences: list[Sentence], levels: list[Break], tags: dict[str, str]) -> list[int]:
    """A narrated intro read by its structure: the few sentences before the first section-level pause, opening with
    "From PUBLISHER" where PUBLISHER matches the media tags. Recognition may garble the title; the shape survives."""
    end = next((i + 1 for i, level in enumerate(levels) if level >= Break.SECTION), len(sentences))
    publisher = tags.get("album") or tags.get("publisher") or tags.get("album_artist") or ""
    m = re.match(r"from\s+([^,.]+)", sentences[0].text.strip(), re.I) if sentences else None
    said = " ".join(comparable(m[1]).split()[:len(comparable(publisher).split())]) if m else ""
    if end > 4 or end >= len(sentences) or not similar(said, publisher):
        return []
    return list(range(end))


def _outro_block(sentences: list[Sentence], levels: list[Break]) -> list[int]:
    """A narrated outro read by its structure: at most 3 sentences after the last story-level pause, opening with a
    credit ("Voiceover by ...") or the source ("Originally published by ..."), even when "by" was misheard."""
    start = next((i + 1 for i in range(len(levels) - 1, -1, -1) if levels[i] >= Break.STORY), None)
    if start is None or len(sentences) - start > 3:
        return []
    opening = re.compile(rf"^(?:{_ROLE}|originally published|the original source)\b", re.I)
    return list(range(start, len(sentences))) if opening.match(sentences[start].text.strip()) else []


def _take_intro(article: Article, sentences: list[Sentence], tags: dict[str, str],
                levels: list[Break] | None = None) -> list[int]:
    """Indices of body sentences once a narrated intro ("From PUBLISHER, DATE. TITLE. By BYLINE.") is taken out.

    The intro is taken only when it matches the media tags, or shows both its "From" and "By" parts.
    """
    used = _intro_block(sentences, levels or [], tags)
    if used:
        article.published = article.published or find_date(sentences[0].text)
        return _remove_intro(article, sentences, used)
    found, used = _intro_lines(sentences, tags)
    if not used or not (_intro_matches_tags(found, tags) or ("from" in found and "by" in found)):
        return list(range(len(sentences)))
    _intro_metadata(article, found)
    return _remove_intro(article, sentences, used)


def _intro_lines(sentences: list[Sentence], tags: dict[str, str]) -> tuple[dict[str, str], list[int]]:
    """The opening lines read as an intro's parts, and their indices.

    The parts found are keyed "from", "by" and "title" (each the line as heard) and "publisher", "date" and
    "byline" (read from those lines). A title stands only beside a "By" line or when the tags have a title.
    """
    found: dict[str, str] = {}
    used: list[int] = []
    for i, s in enumerate(sentences[:4]):
        part = _intro_part(s.text.strip(), found, tags, len(used))
        if part is None:
            break
        found.update(part)
        used.append(i)
    if "by" not in found and found.get("title") and not tags.get("title"):
        used = [i for i in used if sentences[i].text != found["title"]]
        found.pop("title")
    return found, used


def _intro_part(text: str, found: dict[str, str], tags: dict[str, str], taken: int) -> dict[str, str] | None:
    """What one opening line adds to the `taken` lines of intro read so far (`found`); None when it is no part."""
    if "from" not in found and not taken and (m := _FROM.match(text)) and len(text.split()) <= 14:
        part = {"from": text, "publisher": m["who"].strip()}
        if m["date"]:
            part["date"] = m["date"].strip()
        return part
    if "by" not in found and (m := _BY.match(text)):
        return {"by": text, "byline": m["who"].strip()}
    if "title" in found:
        return None
    if tags.get("title") and similar(text, tags["title"]):
        return {"title": text}
    if "from" in found and "by" not in found and taken == 1:
        return {"title": text}  # the sentence between "From ..." and "By ..."
    return None


_INTRO_TAGS = (("title", "title"), ("byline", "artist"), ("publisher", "album"), ("publisher", "publisher"),
               ("publisher", "album_artist"))  # (intro part, media tag) pairs that should agree


def _intro_matches_tags(found: dict[str, str], tags: dict[str, str]) -> bool:
    """Whether an intro heard in speech agrees with the media tags on its title, byline, publisher or date."""
    if any(similar(found.get(k, ""), tags.get(t, "")) for k, t in _INTRO_TAGS):
        return True
    tag_date = find_date(tags.get("date", ""))
    return tag_date is not None and "date" in found and find_date(found["date"]) == tag_date


def _intro_metadata(article: Article, found: dict[str, str]) -> None:
    """Fill the article's metadata from an intro's parts without overwriting what the tags gave."""
    article.publisher = article.publisher or found.get("publisher")
    article.byline = article.byline or found.get("byline")
    if found.get("date"):
        article.published = article.published or find_date(found["date"])
    if found.get("title") and not article.title:
        article.title = found["title"].rstrip(".")


def _remove_intro(article: Article, sentences: list[Sentence], used: list[int]) -> list[int]:
    """Record the intro sentences `used` as removed; the indices of the rest."""
    article.removed.append(Removed("intro", " ".join(sentences[i].text for i in used)))
    return [i for i in range(len(sentences)) if i not in used]


_ROLE = SPOKEN_ROLES
_CREDIT = re.compile(rf"^(?P<role>{_ROLE})(?:\s+(?:is|was))?\s+by\s+(?P<who>[^.]{{2,80}})\.?$", re.I)
_SOURCE = re.compile(r"^(?:(?:this|the) (?:article|story|report) was )?originally published by\s+(?P<who>.+?)"
                     r"(?:\s+on\s+(?P<date>.+?))?\.?$|^the original source of this (?:article|story) is\s+"
                     r"(?P<who2>.+?)\.?$", re.I)


_CLAUSE = re.compile(rf",\s+(?=(?:and\s+)?(?:originally published|the original source|{_ROLE})\b)", re.I)


def credit_clauses(text: str) -> list[tuple[str, str, str | None]]:
    """Credit and source clauses of one sentence: ("credit", role, name) / ("source", name, iso date).

    Empty unless every clause is one ("Voiceover by X, originally published by Y on DATE." gives two).
    """
    found: list[tuple[str, str, str | None]] = []
    for clause in _CLAUSE.split(text.strip()):
        clause = re.sub(r"^and\s+", "", clause.strip(), flags=re.I)
        if m := _CREDIT.match(clause):
            found.append(("credit", role_key(m["role"]), m["who"].strip()))
        elif m := _SOURCE.match(clause):
            found.append(("source", (m["who"] or m["who2"]).strip(), find_date(m["date"]) if m["date"] else None))
        else:
            return []
    return found


def _apply_credits(article: Article, text: str) -> bool:
    """Fill credits and source from one sentence without overwriting what is known; True when it was credits."""
    clauses = credit_clauses(text)
    for kind, key, value in clauses:
        if kind == "credit":
            article.credits.setdefault(key, value or "")
        elif article.source.name is None:
            article.source = Source(name=key, published=value)
    return bool(clauses)


def _take_credit(article: Article, sentence: Sentence) -> bool:
    """Move a spoken credit or source line to the metadata; True when the sentence was one."""
    if not _apply_credits(article, sentence.text):
        return False
    kinds = {k for k, _, _ in credit_clauses(sentence.text)}
    article.removed.append(Removed("credit" if "credit" in kinds else "source", sentence.text.strip()))
    return True
