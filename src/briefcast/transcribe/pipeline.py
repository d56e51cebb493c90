"""media -> audio (streamed in blocks) -> VAD speech chunks -> recognised segments -> guards -> assembled Article.

Short input (one block of at most SHORT seconds) is decoded as one sequence, as Whisper does; longer input is cut
into blocks at quiet points, and each block's speech chunks are decoded on their own (batched with faster-whisper):
memory stays flat in duration, and a chunk the decoder skips is retried and, if still empty, reported.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np

from ..document import Article, QAItem, Removed
from ..media import SAMPLE_RATE, probe, stream
from ..segmenter.assemble import AssembleOptions, assemble
from ..tools import require
from .energy import Energy, common, frame_db
from .guards import check, missed_speech, no_words_item, silence_item, speech_gaps, stretched
from .options import TranscribeOptions
from .recogniser import Recogniser, Segment, Span, Word
from .speakers import VoicePrints, apply_speakers, name_speakers
from .windows import BLOCK, blocks, chunk_spans, speech_spans

log = logging.getLogger(__name__)

Progress = Callable[[float, float], None]  # (seconds of audio done, total seconds)
SHORT = 120.0  # seconds: input no longer than this is decoded as one sequence, each window prompted with the last
# (Whisper's own way: the context helps on short input; on long input it is where whole stretches get skipped)
STREAM_WINDOW = 30.0  # seconds read from ffmpeg at a time
RETRY_PAD = 0.3  # seconds of audio around a skipped stretch decoded again with it


def transcribe(media: str | Path, *, options: TranscribeOptions = TranscribeOptions(),
               progress: Progress | None = None) -> Article:
    """Transcribe the voiceover of an audio or video file into a structured Article with times and QA.

    Its yt-dlp sidecars and container metadata fill the article's metadata and chapters, and prime the recogniser.
    """
    from .sidecar import apply_metadata, priming_prompt, read_metadata

    require("ffmpeg")  # the decoder first: ffprobe alone is no use
    info = probe(media)
    meta = read_metadata(media, info.tags)
    if options.prime and not options.initial_prompt and not meta.is_empty:
        options = dataclasses.replace(options, initial_prompt=priming_prompt(meta))
        log.info("priming the recogniser with: %s", options.initial_prompt)
    article = _transcribe(stream(media, window=STREAM_WINDOW), options, progress, info.duration, info.tags,
                          Path(media).name)
    return _named(apply_metadata(article, meta), options)


def transcribe_audio(audio: np.ndarray, *, options: TranscribeOptions = TranscribeOptions(),
                     progress: Progress | None = None, tags: Mapping[str, str] | None = None,
                     name: str | None = None) -> Article:
    """Transcribe 16 kHz mono float32 samples; `tags` and `name` give the metadata and title fallbacks."""
    return _named(_transcribe([audio], options, progress, len(audio) / SAMPLE_RATE, tags, name), options)


def _named(article: Article, options: TranscribeOptions) -> Article:
    """With speakers: named from `--speaker-names` or the credited voiceover, once every credit is known."""
    if options.finds_speakers:
        name_speakers(article, options.speaker_names)
    return article


@dataclass
class _Heard:
    """What recognition found in a whole recording."""

    language: str | None = None
    segments: list[Segment] = field(default_factory=list)
    speech: list[Span] = field(default_factory=list)  # VAD speech spans (s)
    empty: list[Span] = field(default_factory=list)  # speech chunks that stayed without words after a retry
    db: list[np.ndarray] = field(default_factory=list)  # frame levels of each block
    samples: int = 0
    voices: VoicePrints | None = None  # with speakers: embeddings of the speech, for telling the voices apart


@dataclass
class Recognised:
    """The checked, timed words of a whole recording before assembly (what `transcribe --script` aligns)."""

    words: list[Word]
    duration: float  # seconds
    language: str | None = None
    qa: list[QAItem] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    energy: Energy | None = None  # the recording's frame levels (None: silent)


def recognise_words(media: str | Path, *, options: TranscribeOptions = TranscribeOptions(),
                    progress: Progress | None = None) -> Recognised:
    """The words of a recording's speech with their times, after the guards (no metadata, no priming)."""
    require("ffmpeg")
    heard, energy = _hear(stream(media, window=STREAM_WINDOW), options, progress, probe(media).duration)
    duration = heard.samples / SAMPLE_RATE
    if energy.is_silent:
        return Recognised([], duration, qa=[silence_item(duration)])
    kept, dropped, qa = check(heard.segments, energy)
    words = sorted((w for s in kept for w in s.words), key=lambda w: w.start)
    return Recognised(words, duration, heard.language, qa + missed_speech(words, heard.speech, heard.empty),
                      [Removed("hallucination", s.text) for s in dropped], energy)


def _hear(windows: Iterable[np.ndarray], options: TranscribeOptions, progress: Progress | None,
          total: float | None) -> tuple[_Heard, Energy]:
    """Recognise every block of the recording; what was heard, and the recording's frame levels."""
    from .backends import get_recogniser

    recogniser = get_recogniser(options)  # load (or fail on) the model even for silence: errors come early
    heard = _Heard(voices=VoicePrints() if options.finds_speakers else None)
    for offset, block, last in blocks(windows, length=BLOCK):
        _recognise_block(recogniser, options, block, offset, short=last and offset == 0, heard=heard)
        heard.samples += len(block)
        if progress:
            done = heard.samples / SAMPLE_RATE
            progress(min(done, total or done), max(total or done, done))
    return heard, Energy.from_db(np.concatenate(heard.db))


def _transcribe(windows: Iterable[np.ndarray], options: TranscribeOptions, progress: Progress | None,
                total: float | None, tags: Mapping[str, str] | None, name: str | None) -> Article:
    heard, energy = _hear(windows, options, progress, total)
    duration = heard.samples / SAMPLE_RATE
    assemble_options = AssembleOptions(grammar=options.grammar,
                                       max_paragraph_sentences=options.max_paragraph_sentences)
    if energy.is_silent:
        log.warning("no speech found: the audio is silent")
        article = assemble([], options=assemble_options, tags=tags, name=name)
        article.qa.append(silence_item(duration))
    else:
        kept, dropped, qa = check(heard.segments, energy)
        words = sorted((w for s in kept for w in s.words), key=lambda w: w.start)
        silence = energy.quiet_run if energy.has_pauses else None
        said = common(sorted(heard.speech), [(w.start, w.end) for w in words])  # heard as speech and as words
        interlude = partial(energy.interlude, speech=said) if energy.has_pauses else None
        article = assemble(words, options=assemble_options, silence=silence, interlude=interlude, tags=tags,
                           name=name)
        article.removed += [Removed("hallucination", s.text) for s in dropped]
        article.qa += qa + missed_speech(words, heard.speech, heard.empty)
        article.language = heard.language
        if options.task == "translate":  # Whisper's English translation of speech in the language it heard
            article.language, article.translated_from = "en", heard.language
        if not words:
            article.qa.append(no_words_item(duration))
        if heard.voices is not None:
            apply_speakers(article, heard.voices.turns(options.num_speakers))
    article.duration = round(duration, 3)
    if progress:
        progress(duration, duration)
    return article


def _recognise_block(recogniser: Recogniser, options: TranscribeOptions, block: np.ndarray, offset: float, *,
                     short: bool, heard: _Heard) -> None:
    """Recognise one block (times from `offset` seconds) into `heard`."""
    heard.db.append(frame_db(block))
    if not len(block):
        return
    spans = speech_spans(block)
    heard.speech += [(a + offset, b + offset) for a, b in spans]
    if heard.voices is not None:
        heard.voices.add(block, spans, offset)
    if short and len(block) <= SHORT * SAMPLE_RATE:
        language, decoded = recogniser.recognise(block, options)
        segments = _after_a_stop(recogniser, options, block, spans, list(decoded))
    else:
        language, found = recogniser.recognise_chunks(block, chunk_spans(spans), options)
        segments = [s for segs in found for s in segs]
    heard.language = heard.language or language
    _retry_holes(recogniser, options, block, spans, segments, heard, offset)
    heard.segments += [s.shifted(offset) for s in sorted(segments, key=lambda s: s.start)]


def _after_a_stop(recogniser: Recogniser, options: TranscribeOptions, block: np.ndarray, spans: list[Span],
                  segments: list[Segment]) -> list[Segment]:
    """A sequence decoded whole that lost its way (speech after some point without words, and what words follow
    mistimed): its words up to that point, and the rest of the block decoded again on its own."""
    holes = speech_gaps([w for s in segments for w in s.words], spans)
    if not holes:
        return segments
    cut = holes[0][0]
    kept = _words_within(segments, lambda w: w.end <= cut + RETRY_PAD / 2)
    start = max(0.0, cut - RETRY_PAD)
    rest = [(max(a, start), b) for a, b in spans if b > start]
    if not rest:
        return segments
    log.info("the decoder stopped at %.1f s; decoding the rest again", cut)
    _, again = recogniser.recognise_chunks(block, chunk_spans(rest), options, retry=True)
    more = _words_within([s for segs in again for s in segs], lambda w: w.start >= cut - RETRY_PAD / 2)
    return kept + more if more else segments


def _holes(words: list[Word], spans: list[Span]) -> list[Span]:
    """The stretches of speech (VAD `spans`) that `words` leave without a word; stretches whose spans come back to
    back (within RETRY_PAD) are one, decoded as one."""
    holes: list[Span] = []
    for s, e in speech_gaps(words, spans):
        if holes and s - holes[-1][1] <= RETRY_PAD:
            s = holes.pop()[0]
        holes.append((s, e))
    return holes


def _hole_chunk(hole: Span, spans: list[Span]) -> tuple[Span, ...]:
    """The speech spans (padded by RETRY_PAD, kept within their own bounds) to decode again for one hole."""
    s, e = hole
    return tuple((max(a, s - RETRY_PAD), min(b, e + RETRY_PAD)) for a, b in spans
                 if a < e + RETRY_PAD and b > s - RETRY_PAD)


def _words_within(segments: list[Segment], keep: Callable[[Word], bool]) -> list[Segment]:
    """The segments cut down to the words `keep` accepts (a segment left without words goes)."""
    return [_segment_of(words, seg) for seg in segments if (words := [w for w in seg.words if keep(w)])]


def _segment_of(words: list[Word], like: Segment) -> Segment:
    """A segment of these words, with the decoder's quality signals of `like`."""
    return Segment(words[0].start, words[-1].end, " ".join(w.text for w in words), like.avg_logprob,
                   like.compression_ratio, like.no_speech_prob, words)


def _retry_holes(recogniser: Recogniser, options: TranscribeOptions, block: np.ndarray, spans: list[Span],
                 segments: list[Segment], heard: _Heard, offset: float) -> None:
    """Decode again, each on its own, the stretches of speech the decoder gave no words for (a skipped chunk, a
    sequence that stopped early, or one word stretched over the speech after it), and put what comes back in
    `segments` (a stretched word the new words replace goes); what still has none goes to `heard.empty` (times from
    `offset`)."""
    words = [w for s in segments for w in s.words]
    long = {id(w): w for w in words if stretched(w, spans)}
    holes = _holes([w for w in words if id(w) not in long], spans)
    if not holes:
        return
    log.info("retrying %d stretch(es) of speech the decoder returned no words for", len(holes))
    again_chunks = [_hole_chunk(hole, spans) for hole in holes]
    _, again = recogniser.recognise_chunks(block, again_chunks, options, retry=True)
    replaced: set[int] = set()
    for (s, e), segs in zip(holes, again):
        found = [w for seg in segs for w in seg.words if w.start >= s - RETRY_PAD / 2 and w.end <= e + RETRY_PAD]
        if not found:
            heard.empty.append((s + offset, e + offset))
            continue
        segments.append(_segment_of(found, segs[0]))
        replaced |= {i for i, w in long.items() if w.start < e and w.end > s}
    if replaced:
        segments[:] = _words_within(segments, lambda w: id(w) not in replaced)
