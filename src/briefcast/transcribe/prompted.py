"""Speech chunks decoded in waves, each prompted with the text before it (faster-whisper, CTranslate2).

faster-whisper's batched pipeline decodes every chunk on its own, without the text before it; on continuous speech
(no pause for the VAD to cut at, several readers back to back) that lost words against its sequential decoding,
which prompts each 30 s window with the text so far. Here the chunks of a block are dealt into `width` runs of
consecutive chunks, "streams"; wave k decodes the k-th chunk of every stream at once, each prompted with its
stream's text so far, so a batch still runs at once and only the first chunk of each stream goes without context.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..media import SAMPLE_RATE
from .recogniser import Segment, join_words

PREPEND_PUNCTUATION = "\"'“¿([{-"  # joined to the word after them in word timing (Whisper's default)
APPEND_PUNCTUATION = "\"'.。,，!！?？:：”)]}、"  # joined to the word before them (Whisper's default)


@dataclass(frozen=True)
class Decoding:
    """What every chunk of a call is decoded with."""

    language: str | None  # None: detected on the first wave
    task: str = "transcribe"  # or "translate" (into English; multilingual models)
    beam_size: int = 5
    initial_prompt: str | None = None  # the text every stream starts from (priming)


def streams(n: int, width: int) -> list[list[int]]:
    """Chunk indices 0..n-1 dealt into at most `width` runs of consecutive chunks, as even as can be."""
    width = max(1, min(width, n))
    size, extra = divmod(n, width)
    out, at = [], 0
    for i in range(width):
        take = size + (i < extra)
        out.append(list(range(at, at + take)))
        at += take
    return [s for s in out if s]


def waves(n: int, width: int) -> list[list[int]]:
    """The chunk indices decoded together: the k-th chunk of every stream in wave k."""
    runs = streams(n, width)
    return [[run[k] for run in runs if k < len(run)] for k in range(max((len(r) for r in runs), default=0))]


def decode_waves(model: Any, pieces: Sequence[np.ndarray], decoding: Decoding,
                 width: int) -> tuple[str | None, list[list[Segment]]]:
    """(language, segments of each piece) for 16 kHz pieces of speech (each <= 30 s) decoded `width` at a time by a
    faster-whisper `WhisperModel`, each prompted with the text of the pieces before it in its stream; times are
    relative to each piece."""
    from faster_whisper.audio import pad_or_trim
    from faster_whisper.transcribe import get_suppressed_tokens

    out: list[list[Segment]] = [[] for _ in pieces]
    language = decoding.language
    if not pieces:
        return language, out
    runs = streams(len(pieces), width)
    stream_of = {i: s for s, run in enumerate(runs) for i in run}
    history: list[list[int]] = [[] for _ in runs]  # each stream's tokens so far (the prompt comes from its end)
    tokenizer = None
    for wave in waves(len(pieces), width):
        features = np.stack([pad_or_trim(model.feature_extractor(pieces[i])[..., :-1]) for i in wave])
        if tokenizer is None:
            tokenizer, language = _tokenizer(model, features, decoding, language)
            start = tokenizer.encode(" " + decoding.initial_prompt.strip()) if decoding.initial_prompt else []
            history = [list(start) for _ in runs]
        prompts = _prompts(model, tokenizer, [history[stream_of[i]] for i in wave])
        encoded = model.encode(features)
        results = model.model.generate(encoded, prompts, beam_size=decoding.beam_size, max_length=model.max_length,
                                       suppress_blank=True, suppress_tokens=get_suppressed_tokens(tokenizer, (-1,)),
                                       return_scores=True, return_no_speech_prob=True)
        found = []
        for i, result in zip(wave, results):
            found.append([_decoded(tokenizer, result, len(pieces[i]) / SAMPLE_RATE)])
            history[stream_of[i]] += found[-1][0]["tokens"]
        model.add_word_timestamps(found, tokenizer, encoded,
                                  [int(math.ceil(len(pieces[i]) / SAMPLE_RATE) * model.frames_per_second)
                                   for i in wave], PREPEND_PUNCTUATION, APPEND_PUNCTUATION, 0.0)
        for i, [seg] in zip(wave, found):
            out[i] = _segments(seg)
    return language, out


def _tokenizer(model: Any, features: np.ndarray, decoding: Decoding, language: str | None) -> tuple[Any, str | None]:
    """The tokenizer for the whole run and its language (detected on the first wave's first piece when not given)."""
    from faster_whisper.tokenizer import Tokenizer

    if language is None:
        language = model.detect_language(features=features[0])[0]
    return Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task=decoding.task, language=language), language


def _prompts(model: Any, tokenizer: Any, histories: list[list[int]]) -> list[Any]:
    """The prompts of one wave from its streams' tokens so far. CTranslate2 needs the prompts of a batch to be
    equally long: each keeps the same number of its last tokens."""
    keep = min([len(h) for h in histories] + [model.max_length // 2 - 1])
    return [model.get_prompt(tokenizer, h[-keep:] if keep else [], without_timestamps=True) for h in histories]


def _decoded(tokenizer: Any, result: Any, duration: float) -> dict[str, Any]:
    """One piece's decoding result as the segment faster-whisper's word timing takes (`duration`: seconds)."""
    tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
    return {"tokens": tokens, "start": 0.0, "end": duration, "seek": 0, "text": tokenizer.decode(tokens),
            "avg_logprob": result.scores[0] * len(tokens) / (len(tokens) + 1),
            "no_speech_prob": result.no_speech_prob}


def _segments(seg: dict[str, Any]) -> list[Segment]:
    """One piece's segment (with its timed words), or none when it holds no words."""
    from faster_whisper.transcribe import get_compression_ratio

    words = join_words([(w["word"], w["start"], w["end"], w["probability"]) for w in seg.get("words", [])])
    if not words:
        return []
    text = seg["text"].strip()
    return [Segment(words[0].start, words[-1].end, text, float(seg["avg_logprob"]), get_compression_ratio(text),
                    float(seg["no_speech_prob"]), words)]
