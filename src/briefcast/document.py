"""The shared document model: Article, Section, Paragraph, Sentence, Word, with lossless JSON round-trip.

Both sides speak it: the segmenter builds it from text, narration fills in sentence times, transcription builds it
from timed words. Times are seconds (floats) from the start of the audio.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Word:
    """One recognised word with its time span (seconds) and recogniser confidence (0..1)."""

    text: str
    start: float
    end: float
    probability: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.probability is not None:
            d["probability"] = self.probability
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Word:
        return cls(d["text"], float(d["start"]), float(d["end"]), d.get("probability"))


@dataclass
class Sentence:
    """A sentence as written (`text`) and as it should be spoken (`spoken`); times are set once audio exists."""

    text: str
    spoken: str = ""
    start: float | None = None
    end: float | None = None
    words: list[Word] = field(default_factory=list)
    speaker: str | None = None  # who says it ("Speaker 2", or a name), when transcription looked for speakers

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "spoken": self.spoken}
        if self.start is not None:
            d["start"] = self.start
        if self.end is not None:
            d["end"] = self.end
        if self.speaker is not None:
            d["speaker"] = self.speaker
        if self.words:
            d["words"] = [w.to_dict() for w in self.words]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(
            text=d["text"],
            spoken=d.get("spoken", ""),
            start=d.get("start"),
            end=d.get("end"),
            words=[Word.from_dict(w) for w in d.get("words", [])],
            speaker=d.get("speaker"),
        )


@dataclass
class Paragraph:
    """A run of sentences; its time span is that of its first and last timed sentence.

    `kind` is "" for prose; "code" for a code block and "bio" for the author's biography: one sentence holding it as
    printed, with nothing spoken.
    """

    sentences: list[Sentence] = field(default_factory=list)
    kind: str = ""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def start(self) -> float | None:
        return next((s.start for s in self.sentences if s.start is not None), None)

    @property
    def end(self) -> float | None:
        return next((s.end for s in reversed(self.sentences) if s.end is not None), None)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"sentences": [s.to_dict() for s in self.sentences]}
        if self.kind:
            d["kind"] = self.kind
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Paragraph:
        return cls([Sentence.from_dict(s) for s in d.get("sentences", [])], kind=d.get("kind", ""))


@dataclass
class Section:
    """A titled (or, for the lead, untitled) group of paragraphs; Markdown headings start new sections."""

    heading: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    heading_spoken: str | None = None
    source: str | None = None  # an episode's story: who it is credited to ("From MSN: ...")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"heading": self.heading, "paragraphs": [p.to_dict() for p in self.paragraphs]}
        if self.heading_spoken is not None:
            d["heading_spoken"] = self.heading_spoken
        if self.source is not None:
            d["source"] = self.source
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        return cls(d.get("heading"), [Paragraph.from_dict(p) for p in d.get("paragraphs", [])], d.get("heading_spoken"),
                   d.get("source"))


@dataclass
class Removed:
    """A piece of input the parser dropped from the body, and why (`kind`: donation, copyright, disclaimer, ...)."""

    kind: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Removed:
        return cls(d["kind"], d["text"])


@dataclass(frozen=True)
class QAItem:
    """A quality warning from transcription: a known recogniser failure at `start`..`end` (seconds), the text it
    concerns, what it looks like (`message`) and what was done about it (`action`: "removed", "kept", ...)."""

    kind: str  # "no_speech", "stock_phrase", "over_silence", "repetition", "compression_ratio", "missed_speech", ...
    start: float
    end: float
    message: str
    action: str
    text: str = ""
    severity: str = "warning"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "severity": self.severity, "start": self.start, "end": self.end,
                "text": self.text, "message": self.message, "action": self.action}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> QAItem:
        return cls(d["kind"], float(d["start"]), float(d["end"]), d.get("message", ""), d.get("action", ""),
                   d.get("text", ""), d.get("severity", "warning"))


@dataclass
class Speaker:
    """A voice heard in a recording: its name ("Speaker 1", or a credited or given name) and its time (seconds)."""

    name: str
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "seconds": self.seconds}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Speaker:
        return cls(d["name"], float(d.get("seconds", 0.0)))


@dataclass
class Source:
    """The original outlet of a republished article, and its date (ISO 8601) when the text says so."""

    name: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "published": self.published}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Source:
        d = d or {}
        return cls(d.get("name"), d.get("published"))


@dataclass
class Article:
    """A news article: metadata, body (sections -> paragraphs -> sentences) and everything dropped from it.

    `published` is an ISO 8601 date. `tags` maps a label ("region", "theme", "in_depth_report", ...) to values.
    `credits` maps a role ("voiceover", "author", ...) to a name. `qa` holds quality warnings from transcription.
    `provenance` says where each metadata field came from ("title": "info.json", "byline": "tags", "credits.voiceover":
    "speech", "sections": "chapters", ...): sidecar files beat container tags, which beat speech, which beats the file
    name. `narration` (a narration's timed Article only) holds the lines said that are not body sentences: the intro,
    the standfirst, headings, notes and the outro, as written, timed, in the order said.
    """

    title: str | None = None
    standfirst: str | None = None  # the summary printed under the headline (dek, rubric); not part of the body
    byline: str | None = None
    publisher: str | None = None
    published: str | None = None
    source: Source = field(default_factory=Source)
    tags: dict[str, list[str]] = field(default_factory=dict)
    credits: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    translated_from: str | None = None  # the language the speech was in, when the text is its English translation
    duration: float | None = None
    qa: list[QAItem] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)
    speakers: list[Speaker] = field(default_factory=list)  # the voices heard, in order of first appearance
    narration: list[Sentence] = field(default_factory=list)  # what a narration said besides the body, as written

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def iter_sentences(self) -> Iterator[tuple[int, int, int, Sentence]]:
        """Yield (section index, paragraph index in section, sentence index in paragraph, sentence)."""
        for si, sec in enumerate(self.sections):
            for pi, par in enumerate(sec.paragraphs):
                for ti, sen in enumerate(par.sentences):
                    yield si, pi, ti, sen

    @property
    def body_text(self) -> str:
        """The body as written: paragraphs separated by blank lines (section headings excluded)."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def is_empty(self) -> bool:
        return not any(p.sentences for p in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "title": self.title,
            "byline": self.byline,
            "publisher": self.publisher,
            "published": self.published,
            "source": self.source.to_dict(),
            "tags": {k: list(v) for k, v in self.tags.items()},
            "credits": dict(self.credits),
            "sections": [s.to_dict() for s in self.sections],
            "removed": [r.to_dict() for r in self.removed],
        }
        for key in ("standfirst", "url", "language", "translated_from", "duration"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        if self.qa:
            d["qa"] = [q.to_dict() for q in self.qa]
        if self.provenance:
            d["provenance"] = dict(self.provenance)
        if self.speakers:
            d["speakers"] = [s.to_dict() for s in self.speakers]
        if self.narration:
            d["narration"] = [s.to_dict() for s in self.narration]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            title=d.get("title"),
            standfirst=d.get("standfirst"),
            byline=d.get("byline"),
            publisher=d.get("publisher"),
            published=d.get("published"),
            source=Source.from_dict(d.get("source")),
            tags={k: list(v) for k, v in (d.get("tags") or {}).items()},
            credits=dict(d.get("credits") or {}),
            sections=[Section.from_dict(s) for s in d.get("sections", [])],
            removed=[Removed.from_dict(r) for r in d.get("removed", [])],
            url=d.get("url"),
            language=d.get("language"),
            translated_from=d.get("translated_from"),
            duration=d.get("duration"),
            qa=[QAItem.from_dict(q) for q in d.get("qa", [])],
            provenance=dict(d.get("provenance") or {}),
            speakers=[Speaker.from_dict(s) for s in d.get("speakers", [])],
            narration=[Sentence.from_dict(s) for s in d.get("narration", [])],
        )

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Article:
        return cls.from_dict(json.loads(text))
