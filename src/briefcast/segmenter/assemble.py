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
from .sentences import split_sentences

Silence = Callable[[float, float], float]  # (from, to) seconds -> seconds of real silence measured in between


@dataclass(frozen=True)
class AssembleOptions:
    """How recognised words become an article."""

    grammar: PauseGrammar = DEFAULT_GRAMMAR  # silence (s) -> break level
    max_paragraph_sentences: int = 6  # start a new paragraph after this many sentences without a long pause
    max_heading_words: int = 8  # a short sentence alone after a section pause is read as a heading


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


def _sentence(words: list[Word]) -> Sentence:
    text = " ".join(w.text for w in words)
    return Sentence(text=text, spoken=text, start=words[0].start, end=words[-1].end, words=list(words))


def breaks(sentences: list[Sentence], grammar: PauseGrammar = DEFAULT_GRAMMAR,
           silence: Silence | None = None) -> list[Break]:
    """The break level before each sentence after the first, from the silence between it and the previous one.

    With `silence`, the gap is the real silence measured between the previous sentence's last word start and the
    next one's first word end; without it, the gap between word times.
    """
    levels: list[Break] = []
    for prev, nxt in zip(sentences, sentences[1:]):
        if silence is not None:
            gap = silence(prev.words[-1].start, nxt.words[0].end)
        else:
            gap = max(0.0, (nxt.start or 0.0) - (prev.end or 0.0))
        levels.append(grammar.classify(gap))
    return levels


def assemble(words: list[Word], *, options: AssembleOptions = AssembleOptions(), silence: Silence | None = None,
             tags: Mapping[str, str] | None = None, name: str | None = None) -> Article:
    """An Article from recognised words in time order.

    `tags` are media tags (title, artist, album, date, comment); `name` is the media file name, a title fallback.
    """
    tags = {k.lower(): v for k, v in (tags or {}).items() if v}
    sentences = sentences_from_words(words)
    levels = breaks(sentences, options.grammar, silence)
    article = Article()
    _metadata_from_tags(article, tags)
    keep = _take_intro(article, sentences, tags, levels)
    outro = _outro_block(sentences, levels)
    if outro:
        for i in outro:
            _apply_credits(article, sentences[i].text)
        article.removed.append(Removed("outro", " ".join(sentences[i].text for i in outro)))
        keep = [i for i in keep if i not in outro]
    keep = [i for i in keep if not _take_credit(article, sentences[i])]

    section = Section()
    article.sections.append(section)
    paragraph: Paragraph | None = None
    previous = -1
    for i in keep:
        level = max(levels[previous:i], default=Break.SENTENCE) if previous >= 0 else Break.PARAGRAPH
        previous = i
        if paragraph is not None and level >= Break.SECTION and section.paragraphs and _is_heading(
                sentences, levels, i, options):
            section = Section(heading=sentences[i].text.rstrip(".:;,"))
            article.sections.append(section)
            article.removed.append(Removed("heading", sentences[i].text))
            paragraph = None
            continue
        if paragraph is None or level >= Break.PARAGRAPH or len(paragraph.sentences) >= options.max_paragraph_sentences:
            paragraph = Paragraph()
            section.paragraphs.append(paragraph)
        paragraph.sentences.append(sentences[i])
    article.sections = [s for s in article.sections if s.paragraphs or s.heading]
    if not article.title:
        article.title = readable_name(name) or (sentences[keep[0]].text if keep else None)
    return article


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


def _clean(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _similar(a: str, b: str) -> bool:
    a, b = _clean(a), _clean(b)
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= 0.8)


_FROM = re.compile(r"^from\s+(?P<who>.+?)(?:,\s*(?P<date>[^.]*\d{4}))?\.?$", re.I)
_BY = re.compile(r"^by\s+(?P<who>[^.]{2,80})\.?$", re.I)


def _intro_block(sentences: list[Sentence], levels: list[Break], tags: dict[str, str]) -> list[int]:
    """A narrated intro read by its structure: the few sentences before the first section-level pause, opening with
    "From PUBLISHER" where PUBLISHER matches the media tags. Recognition may garble the title; the shape survives."""
    end = next((i + 1 for i, level in enumerate(levels) if level >= Break.SECTION), len(sentences))
    publisher = tags.get("album") or tags.get("publisher") or tags.get("album_artist") or ""
    m = re.match(r"from\s+([^,.]+)", sentences[0].text.strip(), re.I) if sentences else None
    said = " ".join(_clean(m[1]).split()[:len(_clean(publisher).split())]) if m else ""
    if end > 4 or end >= len(sentences) or not _similar(said, publisher):
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
    found: dict[str, str] = {}
    used = _intro_block(sentences, levels or [], tags)
    if used:
        article.published = article.published or find_date(sentences[0].text)
        article.removed.append(Removed("intro", " ".join(sentences[i].text for i in used)))
        return [i for i in range(len(sentences)) if i not in used]
    for i, s in enumerate(sentences[:4]):
        text = s.text.strip()
        if "from" not in found and not used and (m := _FROM.match(text)) and len(text.split()) <= 14:
            found["from"], found["publisher"] = text, m["who"].strip()
            if m["date"]:
                found["date"] = m["date"].strip()
        elif "by" not in found and (m := _BY.match(text)):
            found["by"], found["byline"] = text, m["who"].strip()
        elif "title" not in found and tags.get("title") and _similar(text, tags["title"]):
            found["title"] = text
        elif "title" not in found and "from" in found and "by" not in found and len(used) == 1:
            found["title"] = text  # the sentence between "From ..." and "By ..."
        else:
            break
        used.append(i)
    if "by" not in found and found.get("title") and not tags.get("title"):
        used = [i for i in used if sentences[i].text != found["title"]]
        found.pop("title")
    pairs = (("title", "title"), ("byline", "artist"), ("publisher", "album"), ("publisher", "publisher"),
             ("publisher", "album_artist"))
    tag_date = find_date(tags.get("date", ""))
    matches_tags = any(_similar(found.get(k, ""), tags.get(t, "")) for k, t in pairs) or (
        tag_date is not None and "date" in found and find_date(found["date"]) == tag_date)
    if not used or not (matches_tags or ("from" in found and "by" in found)):
        return list(range(len(sentences)))
    article.publisher = article.publisher or found.get("publisher")
    article.byline = article.byline or found.get("byline")
    if found.get("date"):
        article.published = article.published or find_date(found["date"])
    if found.get("title") and not article.title:
        article.title = found["title"].rstrip(".")
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
