"""Guards against Whisper's known failures; every finding goes to the article's QA list, never silently.

Text decoded over silence (no-speech windows, stock phrases like "Thanks for watching") is taken out of the body and
kept in `Article.removed`; repetition loops and over-compressed segments stay in but are flagged.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import QAItem, Word
from .energy import Energy
from .recogniser import Segment

NO_SPEECH = 0.6  # no-speech probability above which a segment is doubtful...
LOW_LOGPROB = -1.0  # ...when its mean log probability is also below this (whisper's own silence rule)
MAX_COMPRESSION = 2.4  # gzip compression ratio above which the text is repetitive
LOOP_REPEATS = 3  # an n-gram repeated this many times in a row is a decoding loop
QUIET_SPAN = 30.0  # dB under the loud frames: a segment never louder than this lies over silence

STOCK_PHRASES = (
    "thanks for watching", "thank you for watching", "thank you so much for watching", "please subscribe",
    "like and subscribe", "subscribe to my channel", "don't forget to subscribe", "subtitles by",
    "transcription by", "captions by", "see you in the next video", "thank you", "bye",
)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def repeated_ngram(text: str, max_n: int = 6) -> str | None:
    """The n-gram that repeats LOOP_REPEATS times in a row in `text`, if any (shortest n first)."""
    words = _norm(text).split()
    for n in range(1, max_n + 1):
        for i in range(len(words) - n * LOOP_REPEATS + 1):
            gram = words[i:i + n]
            if all(words[i + k * n:i + (k + 1) * n] == gram for k in range(1, LOOP_REPEATS)):
                if n == 1 and len(gram[0]) < 3:  # "no, no, no" is speech; "the the the" too short to judge
                    continue
                return " ".join(gram)
    return None


def _item(kind: str, seg: Segment, message: str, action: str) -> QAItem:
    return QAItem(kind, round(seg.start, 2), round(seg.end, 2), message, action, text=seg.text)


def check(segments: list[Segment],
          energy: Energy | None = None) -> tuple[list[Segment], list[Segment], list[QAItem]]:
    """Split segments into (kept, dropped) and return the QA items explaining both."""
    kept: list[Segment] = []
    dropped: list[Segment] = []
    qa: list[QAItem] = []
    for seg in segments:
        quiet = energy is not None and energy.level(seg.start, seg.end) < energy.peak - QUIET_SPAN
        norm = _norm(seg.text)
        if seg.no_speech_prob > NO_SPEECH and seg.avg_logprob < LOW_LOGPROB:
            dropped.append(seg)
            qa.append(_item("no_speech", seg, f"no-speech probability {seg.no_speech_prob:.2f} with mean log "
                                             f"probability {seg.avg_logprob:.2f}: probably not speech", "removed"))
            continue
        if norm in STOCK_PHRASES and (quiet or seg.no_speech_prob > NO_SPEECH / 2):
            dropped.append(seg)
            qa.append(_item("stock_phrase", seg, "a stock phrase Whisper invents over silence", "removed"))
            continue
        if quiet and seg.avg_logprob < LOW_LOGPROB:
            dropped.append(seg)
            qa.append(_item("over_silence", seg, "text decoded where the audio is silent", "removed"))
            continue
        kept.append(seg)
        loop = repeated_ngram(seg.text)
        if loop:
            qa.append(_item("repetition", seg, f"{loop!r} repeats {LOOP_REPEATS}+ times in a row: a decoding loop?",
                            "kept"))
        if seg.compression_ratio > MAX_COMPRESSION:
            qa.append(_item("compression_ratio", seg, f"compression ratio {seg.compression_ratio:.2f} > "
                                                      f"{MAX_COMPRESSION}: repetitive text", "kept"))
    return kept, dropped, qa


def silence_item(duration: float) -> QAItem:
    """The QA item for a recording without speech."""
    return QAItem("silence", 0.0, round(duration, 2), "no speech found: the audio is silent", "empty article")


def no_words_item(duration: float) -> QAItem:
    """The QA item for speech in which the recogniser found no words."""
    return QAItem("no_words", 0.0, round(duration, 2), "the recogniser found no speech", "empty article")


MISSED_GAP = 2.0  # seconds of VAD speech without a word that count as missed speech
LONG_WORD = 2.5  # seconds: one word stretched over more than this of VAD speech hides missed words


def _overlap(spans: Sequence[tuple[float, float]], a: float, b: float) -> float:
    return sum(max(0.0, min(b, e) - max(a, s)) for s, e in spans)


def stretched(word: Word, speech: Sequence[tuple[float, float]]) -> bool:
    """Whether one word is stretched over more than LONG_WORD seconds of `speech`: the decoder stopped and the words
    after it were skipped (Whisper without timestamps, where the voice changes with no pause)."""
    return word.end - word.start > LONG_WORD and _overlap(speech, word.start, word.end) > LONG_WORD


def missed_speech(words: list[Word], speech: Sequence[tuple[float, float]],
                  empty: Sequence[tuple[float, float]] = ()) -> list[QAItem]:
    """QA items (kind `missed_speech`) where the VAD heard speech and the recogniser gave no words: chunks that came
    back empty twice (`empty`), stretches of `speech` (seconds) over MISSED_GAP with no word in them, and single
    words stretched over LONG_WORD seconds of speech."""
    found = [(a, b, f"{b - a:.1f} s of speech without a word") for a, b in speech_gaps(words, speech)]
    for w in words:
        if stretched(w, speech):
            found.append((w.start, w.end, f"one word {w.text!r} spans {w.end - w.start:.1f} s of speech: words "
                                          "were probably skipped"))
    items: list[QAItem] = []
    first = [(a, b, "the recogniser returned no words for this speech, twice") for a, b in empty]
    for a, b, message in sorted(first) + sorted(found):
        if any(a < q.end and b > q.start for q in items):  # found twice (an empty chunk is also a gap)
            continue
        items.append(QAItem("missed_speech", round(a, 2), round(b, 2), message,
                            "check the audio; words may be missing"))
    return sorted(items, key=lambda q: q.start)


def speech_gaps(words: list[Word], speech: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Stretches of `speech` (seconds) of at least MISSED_GAP in which no word lies."""
    gaps: list[tuple[float, float]] = []
    times = sorted((w.start, w.end) for w in words)
    for s, e in speech:
        cursor = s
        for ws, we in times:
            if we <= cursor or ws >= e:
                continue
            if ws - cursor >= MISSED_GAP:
                gaps.append((cursor, ws))
            cursor = max(cursor, we)
        if e - cursor >= MISSED_GAP:
            gaps.append((cursor, e))
    return gaps
