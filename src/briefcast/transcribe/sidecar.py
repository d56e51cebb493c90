"""What a downloaded video carries beside or inside it: yt-dlp's NAME.info.json and NAME.description, and the
container's tags and chapters (`--embed-metadata --embed-chapters`), mapped onto the Article.

Precedence: info.json > NAME.description > container tags > speech > file name; `Article.provenance` records where
each field came from. Chapters become sections with headings, sentences assigned by their times.
"""
from __future__ import annotations

import json
import logging
import math
import re
import subprocess
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..dates import find_date
from ..document import Article, Paragraph, Removed, Section, Sentence
from ..segmenter.assemble import comparable
from ..tools import require

log = logging.getLogger(__name__)

PROMPT_CHARS = 600  # the priming prompt's length cap: ~150-200 tokens, under Whisper's 223-token prompt window


@dataclass(frozen=True)
class Chapter:
    """A titled span of the media (seconds)."""

    start: float
    end: float | None
    title: str


@dataclass
class MediaMetadata:
    """Metadata found for one media file; `origin` maps each field set to where it came from."""

    title: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601
    url: str | None = None
    description: str | None = None
    tags: dict[str, list[str]] = field(default_factory=dict)  # "keywords", "categories"
    credits: dict[str, str] = field(default_factory=dict)
    chapters: list[Chapter] = field(default_factory=list)
    duration: float | None = None
    origin: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.origin

    def offer(self, key: str, value: Any, origin: str) -> None:
        """Set `key` unless a stronger source already did."""
        if value and not getattr(self, key):
            setattr(self, key, value)
            self.origin[key] = origin


def info_json_path(media: Path) -> Path:
    return media.with_name(media.stem + ".info.json")


def description_path(media: Path) -> Path:
    return media.with_name(media.stem + ".description")


def upload_date(value: str | None) -> str | None:
    """ISO 8601 from yt-dlp's YYYYMMDD (or any date find_date reads)."""
    if not value:
        return None
    value = str(value).strip()
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value):
        return f"{m[1]}-{m[2]}-{m[3]}"
    return find_date(value)


def _chapters(items: Any, title_key: str = "title") -> list[Chapter]:
    out: list[Chapter] = []
    for c in items or []:
        try:
            start = float(c["start_time"])
            end = float(c["end_time"]) if c.get("end_time") is not None else None
        except (KeyError, TypeError, ValueError):
            continue
        title = c.get(title_key) or (c.get("tags") or {}).get("title") or ""
        if str(title).strip():
            out.append(Chapter(start, end, " ".join(str(title).split())))
    return sorted(out, key=lambda c: c.start)


def probe_extras(media: Path) -> tuple[dict[str, str], list[Chapter]]:
    """The container's tags (lower-case keys) and chapters, from ffprobe; empty when it cannot tell."""
    cmd = [require("ffprobe"), "-v", "error", "-print_format", "json", "-show_format", "-show_chapters", str(media)]
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if proc.returncode != 0:
        return {}, []
    data = json.loads(proc.stdout or "{}")
    tags = {k.lower(): str(v) for k, v in ((data.get("format") or {}).get("tags") or {}).items()}
    return tags, _chapters(data.get("chapters"))


MAX_INFO_BYTES = 16 * 2**20  # a yt-dlp info.json larger than this is not read
MAX_DESCRIPTION = 100_000  # characters of a description kept (a longer one is cut there)


def _read_info(path: Path) -> dict[str, Any]:
    from ..errors import InputError
    from ..fileio import read_bytes

    try:
        data = json.loads(read_bytes(path, limit=MAX_INFO_BYTES, what="a yt-dlp info file").decode("utf-8"))
    except (InputError, ValueError) as e:
        log.warning("%s: cannot read this yt-dlp info file (%s); ignoring it", path, e)
        return {}
    if not isinstance(data, dict):
        log.warning("%s: not a yt-dlp info file (a JSON object is expected); ignoring it", path)
        return {}
    return data


class _Fields:
    """The fields of a yt-dlp info.json read one by one: a field of the wrong type is skipped and remembered, so
    that one warning can name the file and the fields ignored."""

    def __init__(self, info: dict[str, Any]) -> None:
        self.info = info
        self.bad: list[str] = []

    def text(self, *keys: str) -> str | None:
        """The first of `keys` holding text (a number where text is expected is a bad field)."""
        for key in keys:
            value = self.info.get(key)
            if value is None or value == "":
                continue
            if not isinstance(value, str):
                self.bad.append(key)
                continue
            if len(value) > MAX_DESCRIPTION:
                self.bad.append(f"{key} (cut to {MAX_DESCRIPTION} characters)")
                value = value[:MAX_DESCRIPTION]
            return value
        return None

    def words(self, key: str) -> list[str]:
        value = self.info.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            self.bad.append(key)
            return []
        return [str(v) for v in value if str(v).strip()]

    def chapters(self) -> list[Chapter]:
        value = self.info.get("chapters")
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
            self.bad.append("chapters")
            return []
        good = [c for c in value if _valid_chapter(c)]
        if len(good) < len(value):
            self.bad.append("chapters")
        return _chapters(good)

    def number(self, key: str) -> float | None:
        value = self.info.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            self.bad.append(key)
            return None
        return float(value)


def _valid_chapter(c: dict[str, Any]) -> bool:
    """A chapter with numeric, finite, non-negative times, the end (when given) not before the start, and a text
    title (or none)."""
    start, end, title = c.get("start_time"), c.get("end_time"), c.get("title")
    numbers = [t for t in (start, end) if t is not None]
    if start is None or any(isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or t < 0
                            for t in numbers):
        return False
    return (end is None or end >= start) and (title is None or isinstance(title, str))


def read_metadata(media: str | Path, tags: dict[str, str] | None = None,
                  chapters: list[Chapter] | None = None) -> MediaMetadata:
    """Everything known about `media` before listening to it. `tags`/`chapters` are the container's (probed when
    None). A field of the info.json with the wrong type is ignored, with one warning naming the file."""
    media = Path(media)
    if tags is None or chapters is None:
        probed_tags, probed_chapters = probe_extras(media)
        tags = probed_tags if tags is None else tags
        chapters = probed_chapters if chapters is None else chapters
    meta = MediaMetadata()
    info_path = info_json_path(media)
    if info_path.is_file():
        _offer_info(meta, info_path)
    desc_path = description_path(media)
    if desc_path.is_file():
        try:
            with open(desc_path, encoding="utf-8", errors="replace") as f:
                meta.offer("description", f.read(MAX_DESCRIPTION), "description")
        except OSError as e:
            log.warning("%s: cannot read (%s); ignoring it", desc_path, e)
    _offer_tags(meta, {k.lower(): v for k, v in (tags or {}).items() if v and v.strip()}, chapters)
    if meta.description:
        meta.offer("credits", description_credits(meta.description), meta.origin["description"])
    return meta


def _offer_info(meta: MediaMetadata, info_path: Path) -> None:
    """What a yt-dlp info.json says (a field of the wrong type ignored, with one warning naming the file)."""
    info = _Fields(_read_info(info_path))
    meta.offer("title", info.text("title", "fulltitle"), "info.json")
    meta.offer("byline", info.text("channel", "uploader", "creator"), "info.json")
    meta.offer("published", upload_date(info.text("upload_date", "release_date")), "info.json")
    meta.offer("url", info.text("webpage_url", "original_url"), "info.json")
    meta.offer("description", info.text("description"), "info.json")
    found = {k: info.words(src) for k, src in (("keywords", "tags"), ("categories", "categories"))}
    meta.offer("tags", {k: v for k, v in found.items() if v}, "info.json")
    meta.offer("chapters", info.chapters(), "info.json")
    meta.duration = info.number("duration")
    if info.bad:
        log.warning("%s: ignored fields of the wrong type or out of range: %s", info_path,
                    ", ".join(dict.fromkeys(info.bad)))


def _offer_tags(meta: MediaMetadata, tags: dict[str, str], chapters: list[Chapter] | None) -> None:
    """What the container's tags (lower-case keys, blank ones out) and chapters say."""
    meta.offer("title", tags.get("title"), "tags")
    meta.offer("byline", tags.get("artist") or tags.get("author"), "tags")
    meta.offer("published", upload_date(tags.get("date")), "tags")
    for key in ("purl", "url", "comment"):
        if re.match(r"https?://\S+$", tags.get(key, "").strip()):
            meta.offer("url", tags[key].strip(), "tags")
    meta.offer("description", tags.get("description") or tags.get("synopsis"), "tags")  # yt-dlp --embed-metadata
    meta.offer("chapters", chapters, "tags")


_ROLE_WORDS = {"voiceover": "voiceover", "voice over": "voiceover", "voice-over": "voiceover", "narrated": "narration",
               "narration": "narration", "narrator": "narration", "read": "narration", "edited": "editing",
               "editing": "editing", "editor": "editing", "produced": "production", "producer": "production",
               "production": "production", "music": "music", "written": "author", "writer": "author",
               "reporting": "reporting", "reported": "reporting", "camera": "camera", "filmed": "camera",
               "translated": "translation", "translation": "translation", "animation": "animation",
               "script": "author", "video": "video"}
_CREDIT_IN_LINE = re.compile(
    r"(?:^|[|•·;,\n]\s*|\.\s+)(?P<role>voice[\s-]?over|narrat(?:ed|ion|or)|read|edit(?:ed|ing|or)|produc(?:ed|er|tion)"
    r"|music|writ(?:ten|er)|report(?:ed|ing)|camera|filmed|translat(?:ed|ion)|animation|script|video)"
    r"(?:\s+(?:is|was))?\s*(?:by\b:?|:)\s*(?P<who>[^|•·;,\n.()]{2,60}?(?:\s+[A-Z]\.)?[^|•·;,\n.()]*?)\s*(?=$|[|•·;,\n.(])",
    re.I)


def description_credits(text: str) -> dict[str, str]:
    """Credits named in a video description: "Voiceover by Jane Doe", "Edited by: John Roe | Music: X", ..."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        for m in _CREDIT_IN_LINE.finditer(line):
            role = _ROLE_WORDS.get(re.sub(r"\s+", " ", m["role"].lower()), m["role"].lower())
            who = m["who"].strip()
            if who and who[0].isupper() and len(who.split()) <= 6:
                found.setdefault(role, who)
    return found


# --- priming the recogniser --------------------------------------------------------------------------------------

_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s+(?:al-|de |van |von )?[A-Z][\w'’-]*[a-z][\w'’-]*)*")
_COMMON = frozenset("""The A An And But Or If In On At Of For To From By With As This That These Those It Its He She
They We You I His Her Their Our My Your Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December There Here When Where What Who
Why How After Before During While Since Some Many Most Both Each All One Two Three Also However Meanwhile Video
Voiceover Subscribe Follow Watch Please Thanks Thank According Yet So Then Now Not No Yes""".split())


def proper_nouns(text: str) -> list[str]:
    """Capitalised names in `text`, most frequent first; a lone capitalised word opening a sentence counts only when
    it is also capitalised elsewhere."""
    counts: dict[str, int] = {}
    named: set[str] = set()
    for m in _NAME.finditer(text):
        words = m.group().split()
        before = text[:m.start()].rstrip()
        opener = not before or before[-1] in ".!?\n:\"“"
        while words and words[0] in _COMMON:
            words, opener = words[1:], False
        name = " ".join(words)
        if not name or name.lower().startswith(("http", "www")):
            continue
        counts[name] = counts.get(name, 0) + 1
        if len(words) > 1 or not opener:
            named.add(name)
    return [n for n, _ in sorted(counts.items(), key=lambda kv: -kv[1]) if n in named]


def priming_prompt(meta: MediaMetadata, limit: int = PROMPT_CHARS) -> str | None:
    """A recogniser prompt that spells the names this video likely says: its title, tags and the description's
    proper nouns, capped at `limit` characters. None without a description or tags: a bare title made tiny.en skip
    speech in our measurement (scripts/measure_priming.py), while title + names lowered the WER."""
    if not (meta.description or meta.tags.get("keywords")):
        return None
    parts: list[str] = []
    if meta.title:
        parts.append(meta.title.strip().rstrip(".") + ".")
    names: list[str] = []
    for word in [*meta.tags.get("keywords", []), *proper_nouns(meta.description or "")]:
        word = " ".join(word.split())
        if word and word.lower() not in {n.lower() for n in names} and word.lower() not in (meta.title or "").lower():
            names.append(word)
    prompt = " ".join(parts)
    for name in names:
        candidate = f"{prompt} {name}," if prompt else f"{name},"
        if len(candidate) > limit:
            break
        prompt = candidate
    prompt = prompt.rstrip(",").strip()
    return (prompt[:-1] + "." if prompt.endswith(",") else prompt) or None


# --- applying it to the article ---------------------------------------------------------------------------------

def apply_metadata(article: Article, meta: MediaMetadata) -> Article:
    """Fill `article` from `meta` (stronger than what speech or the file name gave) and split it by chapters."""
    for key in ("title", "byline", "published", "url"):
        value = getattr(meta, key)
        if value:
            setattr(article, key, value)
            article.provenance[key] = meta.origin[key]
    for label, values in meta.tags.items():
        article.tags[label] = list(values)
        article.provenance[f"tags.{label}"] = meta.origin["tags"]
    for role, who in meta.credits.items():
        article.credits[role] = who
        article.provenance[f"credits.{role}"] = meta.origin["credits"]
    if article.duration is None and meta.duration:
        article.duration = meta.duration
    if meta.chapters:
        article.sections = chapter_sections(article, meta.chapters)
        article.provenance["sections"] = "chapters (" + meta.origin["chapters"] + ")"
    return article


def _similar(a: str, b: str) -> bool:
    return bool(comparable(a)) and comparable(a) == comparable(b)


def _opens(title: str, sentence: str) -> bool:
    """Whether a chapter title is just the opening words of the sentence it starts with (a paragraph marker, as our
    own narration writes), rather than a heading: its words, or nearly, as the recogniser heard them."""
    head = comparable(title.rstrip("\u2026").rstrip("."))
    if not head:
        return False
    opening = comparable(sentence)[:len(head)]
    if opening == head:
        return True
    # Our narration cuts a long opening with an ellipsis; the recogniser may mishear a word or two of it ("a fall
    # with role" for "a full withdrawal"). Short titles must match exactly: "The dam" is a heading, not "The fam".
    cut = title.rstrip().endswith(("\u2026", "..."))
    return cut and len(head) >= 20 and SequenceMatcher(None, head, opening).ratio() >= 0.75


def chapter_sections(article: Article, chapters: list[Chapter]) -> list[Section]:
    """One section per chapter that holds speech, headed by its title, with the sentences whose middle falls in it;
    what comes before the first chapter stays an untitled lead. A sentence that only speaks the chapter title is
    moved to `removed` (a heading is not body text); a chapter titled with the article's title heads nothing, and
    one titled with its own opening words starts a paragraph, not a section."""
    sections = [Section(heading=c.title) for c in chapters]
    lead = Section()

    def target(sentence: Sentence) -> int:
        if sentence.start is None:
            return -1
        middle = (sentence.start + (sentence.end if sentence.end is not None else sentence.start)) / 2
        return max((i for i, c in enumerate(chapters) if c.start <= middle), default=-1)

    current: Paragraph | None = None
    section = lead
    last = -1
    for paragraph in article.paragraphs:
        current = None
        for sentence in paragraph.sentences:
            index = target(sentence)
            if index > last:
                last = index
                title = chapters[index].title
                if _similar(sentence.text, title):
                    article.removed.append(Removed("heading", sentence.text))
                    section, current = sections[index], None
                    continue
                if _opens(title, sentence.text) or (article.title and _similar(title, article.title)):
                    current = None  # a paragraph marker, or the article's own title: no new heading
                else:
                    section, current = sections[index], None
            if current is None:
                current = Paragraph()
                section.paragraphs.append(current)
            current.sentences.append(sentence)
    return [s for s in [lead, *sections] if s.paragraphs]
