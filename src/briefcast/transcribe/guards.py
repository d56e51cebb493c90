"""Guards against Whisper's known failures; every finding goes to the article's QA list, never silently.

Text decoded over silence (no-speech windows, stock phrases like "Thanks for watching") is taken out of the body and
kept in `Article.removed`; repetition loops and over-compressed segments stay in but are flagged.
"""
from __future__ import annotations

import re
from typing import Any

from .backends import Segment
from .energy import Energy

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


def _item(kind: str, seg: Segment, message: str, action: str) -> dict[str, Any]:
    return {"kind": kind, "severity": "warning", "start": round(seg.start, 2), "end": round(seg.end, 2),
            "text": seg.text, "message": message, "action": action}


def check(segments: list[Segment], energy: Energy | None = None) -> tuple[list[Segment], list[Segment], list[dict]]:
    """Split segments into (kept, dropped) and return the QA items explaining both."""
    kept: list[Segment] = []
    dropped: list[Segment] = []
    qa: list[dict[str, Any]] = []
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


def silence_item(duration: float) -> dict[str, Any]:
    """The QA item for a recording without speech."""
    return {"kind": "silence", "severity": "warning", "start": 0.0, "end": round(duration, 2), "text": "",
            "message": "no speech found: the audio is silent", "action": "empty article"}
