"""Round trip: narrate an article, transcribe the audio back, and score what survived.

Our own quality gauge for both sides: body word error rate, sentence- and paragraph-boundary F1, whether the title,
byline, date and credits came back (through the audio's tags and the spoken intro/outro), and the worst sentences.
`score()` is pure (two Articles and the tags in, a report out); `roundtrip()` runs the engines around it.
"""
from __future__ import annotations

import difflib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .document import Article
from .errors import ToolMissingError
from .fileio import temporary_folder
from .optionspec import option

log = logging.getLogger(__name__)

BOUNDARY_TOLERANCE = 1  # words a hypothesis boundary may sit from the reference boundary and still count
FUZZY_MATCH = 0.8  # difflib ratio at which a recovered name or title counts as the same
TITLE_TAGS = ("title",)
BYLINE_TAGS = ("artist", "album_artist", "composer", "author")
DATE_TAGS = ("date", "creation_time", "year", "tdrc", "released")
WORST = 5  # worst sentences a report shows side by side, when not told (roundtrip --worst)
ROUNDTRIP = ("roundtrip",)  # the commands that take the round trip's own options


@dataclass(frozen=True)
class RoundtripOptions:
    """What a round trip shows and keeps (declared once, see briefcast.optionspec); the narration and the
    recognition have their own options."""

    worst: int = option(  # worst sentences shown side by side
        WORST, "--worst", type=int, range=(0, None), commands=ROUNDTRIP,
        help="How many of the worst sentences to show.")
    keep: str | None = option(  # a folder for the narrated audio and its sidecars; None: a temporary one
        None, "--keep", path="folder", output=True, commands=ROUNDTRIP,
        help="Keep the narrated audio (roundtrip.mp3, or the --format given, and its sidecars) in this folder; files "
             "already there need --force.")


@dataclass(frozen=True)
class SentenceScore:
    """One sentence as written and what was heard of it (normalised words), with its word error rate."""

    reference: str
    hypothesis: str
    wer: float  # 0.0: every word heard; rounded to 4 places


@dataclass
class RoundtripReport:
    """Scores of one round trip; rates and F1 are 0..1, times in seconds; *_recovered is None when not applicable."""

    wer: float
    sentence_f1: float
    paragraph_f1: float
    sentence_precision: float = 0.0
    sentence_recall: float = 0.0
    paragraph_precision: float = 0.0
    paragraph_recall: float = 0.0
    title_recovered: bool | None = None
    byline_recovered: bool | None = None
    date_recovered: bool | None = None
    credits_recovered: bool | None = None
    recovered_from: dict[str, str] = field(default_factory=dict)  # field -> "tags" or "speech"
    reference_words: int = 0
    hypothesis_words: int = 0
    worst: list[SentenceScore] = field(default_factory=list)  # the sentences heard worst, worst first
    tags: dict[str, str] = field(default_factory=dict)  # the audio's tags as ffprobe reads them
    audio_seconds: float | None = None
    narrate_seconds: float | None = None
    transcribe_seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("wer", "sentence_f1", "paragraph_f1", "sentence_precision", "sentence_recall",
                    "paragraph_precision", "paragraph_recall"):
            d[key] = round(d[key], 4)
        return d


# --- normalisation and alignment --------------------------------------------------------------------------------

def normalizer() -> Callable[[str], str]:
    """openai-whisper's EnglishTextNormalizer (spelled numbers -> digits, British -> American, no punctuation)."""
    try:
        from whisper.normalizers import EnglishTextNormalizer
    except ImportError:
        import re

        log.warning("openai-whisper is not installed: scoring with a plain lower-case normaliser")
        return lambda s: " ".join(re.sub(r"[^\w\s']", " ", s.lower()).split())
    return EnglishTextNormalizer()


@dataclass
class _Stream:
    """Normalised words of a body, with the word indices after which a sentence / paragraph ends."""

    words: list[str] = field(default_factory=list)
    sentence_ends: list[int] = field(default_factory=list)
    paragraph_ends: list[int] = field(default_factory=list)
    sentences: list[tuple[str, int, int]] = field(default_factory=list)  # (text, first word, last word + 1)


def _stream(article: Article, norm: Callable[[str], str]) -> _Stream:
    """Section headings count as paragraphs of one sentence, as narration speaks them."""
    s = _Stream()

    def unit(texts: list[str]) -> None:
        for text in texts:
            words = norm(text).split()
            if not words:
                continue
            s.sentences.append((text, len(s.words), len(s.words) + len(words)))
            s.words.extend(words)
            s.sentence_ends.append(len(s.words) - 1)
        if s.words and (not s.paragraph_ends or s.paragraph_ends[-1] != len(s.words) - 1):
            s.paragraph_ends.append(len(s.words) - 1)

    for section in article.sections:
        if section.heading:
            unit([section.heading])
        for paragraph in section.paragraphs:
            unit([sentence.text for sentence in paragraph.sentences])
    return s


def _hyp_to_ref(ref: list[str], hyp: list[str]) -> list[int]:
    """For every hypothesis word, the reference word index it aligns with (insertions: the word before)."""
    mapping = [0] * len(hyp)
    matcher = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            if tag == "equal":
                mapping[j] = i1 + (j - j1)
            elif tag == "replace":
                mapping[j] = i1 + min(j - j1, i2 - i1 - 1)
            else:  # insert
                mapping[j] = max(i1 - 1, 0)
    return mapping


def _body_span(ref: list[str], hyp: list[str]) -> tuple[int, int]:
    """The hypothesis words that cover the reference body (the spoken intro and outro fall outside)."""
    matcher = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3] or \
        [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0, len(hyp)
    first, last = blocks[0], blocks[-1]
    start = max(0, first.b - first.a)
    end = min(len(hyp), last.b + last.size + (len(ref) - last.a - last.size))
    return start, end


def _f1(reference: list[int], hypothesis: list[int], tolerance: int) -> tuple[float, float, float]:
    """(precision, recall, F1) of boundary positions, matched one-to-one within `tolerance` words."""
    ref = sorted(set(reference))
    hyp = sorted(set(hypothesis))
    if not ref and not hyp:
        return 1.0, 1.0, 1.0
    used: set[int] = set()
    hits = 0
    for h in hyp:
        best = min((r for r in ref if r not in used and abs(r - h) <= tolerance), key=lambda r: abs(r - h),
                   default=None)
        if best is not None:
            used.add(best)
            hits += 1
    precision = hits / len(hyp) if hyp else 0.0
    recall = hits / len(ref) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _wer(reference: list[str], hypothesis: list[str]) -> float:
    if not reference:
        return 0.0 if not hypothesis else 1.0
    if not hypothesis:
        return 1.0
    try:
        import jiwer
    except ImportError as e:
        raise ToolMissingError("scoring a round trip needs jiwer", hint="pip install jiwer") from e
    return float(jiwer.wer(" ".join(reference), " ".join(hypothesis)))


# --- metadata ---------------------------------------------------------------------------------------------------

def _contains(haystack: list[str], needle: list[str]) -> bool:
    """Whether `needle` appears in `haystack` as a run of words, allowing small recognition slips."""
    if not needle:
        return False
    target = " ".join(needle)
    n = len(needle)
    return any(difflib.SequenceMatcher(None, " ".join(haystack[i:i + n]), target).ratio() >= FUZZY_MATCH
               for i in range(max(1, len(haystack) - n + 1)))


def _same(a: str | None, b: str | None, norm: Callable[[str], str]) -> bool:
    if not a or not b:
        return False
    return difflib.SequenceMatcher(None, norm(a), norm(b)).ratio() >= FUZZY_MATCH


def _recovered(reference: Article, hypothesis: Article, tags: dict[str, str],
               norm: Callable[[str], str]) -> tuple[dict[str, bool | None], dict[str, str]]:
    spoken = norm(" ".join(filter(None, [hypothesis.title, hypothesis.byline, hypothesis.publisher,
                                         hypothesis.body_text, *hypothesis.credits.values(),
                                         *(r.text for r in hypothesis.removed)]))).split()
    tag = {k.lower(): v for k, v in tags.items()}
    found: dict[str, bool | None] = {}
    how: dict[str, str] = {}

    def decide(name: str, wanted: Any, by_tags: bool, by_speech: bool) -> None:
        if not wanted:
            found[name] = None
            return
        found[name] = by_tags or by_speech
        if found[name]:
            how[name] = "tags" if by_tags else "speech"

    def heard(text: str | None) -> bool:
        return bool(text) and _contains(spoken, norm(text or "").split())

    title, byline = reference.title, reference.byline
    decide("title", title, any(_same(tag.get(k), title, norm) for k in TITLE_TAGS),
           _same(hypothesis.title, title, norm) or heard(title))
    decide("byline", byline, any(_same(tag.get(k), byline, norm) for k in BYLINE_TAGS),
           _same(hypothesis.byline, byline, norm) or heard(byline))
    date = reference.published
    decide("date", date, any(str(tag.get(k, "")).startswith(date or "\0") for k in DATE_TAGS),
           bool(date) and hypothesis.published == date)
    names = [v for v in reference.credits.values() if v]
    comment = norm(tag.get("comment", "")).split()
    decide("credits", names, all(_contains(comment, norm(n).split()) for n in names),
           all(_contains(spoken, norm(n).split()) or any(_same(n, h, norm) for h in hypothesis.credits.values())
               for n in names))
    return found, how


# --- the round trip ---------------------------------------------------------------------------------------------

def score(reference: Article, hypothesis: Article, tags: dict[str, str] | None = None, *,
          worst: int = WORST) -> RoundtripReport:
    """Compare the article as written with the article transcribed back from its narration."""
    norm = normalizer()
    ref = _stream(reference, norm)
    hyp_all = _stream(hypothesis, norm)
    start, end = _body_span(ref.words, hyp_all.words)
    hyp_words = hyp_all.words[start:end]
    mapping = _hyp_to_ref(ref.words, hyp_words)
    last = len(ref.words) - 1

    def mapped(ends: list[int]) -> list[int]:
        return [mapping[e - start] for e in ends if start <= e < end - 1]

    sp, sr, sf = _f1([e for e in ref.sentence_ends if e != last], mapped(hyp_all.sentence_ends), BOUNDARY_TOLERANCE)
    pp, pr, pf = _f1([e for e in ref.paragraph_ends if e != last], mapped(hyp_all.paragraph_ends),
                     BOUNDARY_TOLERANCE)
    per_sentence: list[SentenceScore] = []
    for text, a, b in ref.sentences:
        got = [w for w, i in zip(hyp_words, mapping) if a <= i < b]
        per_sentence.append(SentenceScore(text, " ".join(got), round(_wer(ref.words[a:b], got), 4)))
    per_sentence.sort(key=lambda d: -d.wer)
    found, how = _recovered(reference, hypothesis, tags or {}, norm)
    return RoundtripReport(
        wer=_wer(ref.words, hyp_words), sentence_f1=sf, paragraph_f1=pf, sentence_precision=sp,
        sentence_recall=sr, paragraph_precision=pp, paragraph_recall=pr,
        title_recovered=found["title"], byline_recovered=found["byline"], date_recovered=found["date"],
        credits_recovered=found["credits"], recovered_from=how, reference_words=len(ref.words),
        hypothesis_words=len(hyp_words), worst=[d for d in per_sentence[:worst] if d.wer > 0],
        tags=dict(tags or {}), audio_seconds=hypothesis.duration,
    )


def roundtrip(article: str | os.PathLike[str], *, narrate_options: Any = None, transcribe_options: Any = None,
              keep: str | os.PathLike[str] | None = None, worst: int = WORST,
              stage: Callable[[str], None] | None = None) -> RoundtripReport:
    """Narrate `article` (a .txt/.md/.html file), transcribe the audio back and score the result.

    The audio goes to a temporary folder, or to `keep` when given (to listen to it afterwards; files already there
    are an OutputError unless `narrate_options.force`, raised before any work). `stage(name)` is
    called as each step starts ("narrate", "transcribe", "score"), for a progress display.
    """
    from .media import probe
    from .narrate import NarrateOptions, narrate_file
    from .narrate.narrator import check_output
    from .segmenter.parse import read_article
    from .transcribe import TranscribeOptions, transcribe
    from .transcribe.models import model_files

    options = narrate_options or NarrateOptions()
    recognition = transcribe_options or TranscribeOptions()
    if keep:  # kept files are not overwritten unless options.force, and never the article or the model: refuse now
        check_output(Path(keep).absolute() / f"roundtrip{options.extension}", options,
                     sources=[Path(article), *model_files(recognition.model)])
    reference = read_article(os.fspath(article))
    with temporary_folder("briefcast-roundtrip-") as tmp:
        folder = Path(keep).absolute() if keep else tmp  # absolute: ffprobe never reads `-x/` as an option
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        if stage:
            stage("narrate")
        narration = narrate_file(os.fspath(article), folder / f"roundtrip{options.extension}", options=options)
        t1 = time.perf_counter()
        if stage:
            stage("transcribe")
        hypothesis = transcribe(narration.path, options=recognition)
        t2 = time.perf_counter()
        tags = probe(narration.path).tags
    if stage:
        stage("score")
    report = score(reference, hypothesis, tags, worst=worst)
    report.narrate_seconds, report.transcribe_seconds = t1 - t0, t2 - t1
    report.audio_seconds = narration.duration
    return report
