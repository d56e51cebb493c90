"""media -> audio -> recognised segments -> guards -> assembled Article."""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

from ..document import Article, Removed
from ..segmenter.assemble import AssembleOptions, assemble
from .energy import Energy
from .guards import check, silence_item
from .media import SAMPLE_RATE, load
from .options import TranscribeOptions

log = logging.getLogger(__name__)

Progress = Callable[[float, float], None]  # (seconds of audio done, total seconds)


def transcribe(media: str | Path, *, options: TranscribeOptions = TranscribeOptions(),
               progress: Progress | None = None) -> Article:
    """Transcribe the voiceover of an audio or video file into a structured Article with times and QA.

    Its yt-dlp sidecars and container metadata fill the article's metadata and chapters, and prime the recogniser.
    """
    from .sidecar import apply_metadata, priming_prompt, read_metadata

    info, audio = load(media)
    meta = read_metadata(media, info.tags)
    if options.prime and not options.initial_prompt and not meta.is_empty:
        options = dataclasses.replace(options, initial_prompt=priming_prompt(meta))
        log.info("priming the recogniser with: %s", options.initial_prompt)
    article = transcribe_audio(audio, options=options, progress=progress, tags=info.tags, name=Path(media).name)
    return apply_metadata(article, meta)


def transcribe_audio(audio: np.ndarray, *, options: TranscribeOptions = TranscribeOptions(),
                     progress: Progress | None = None, tags: Mapping[str, str] | None = None,
                     name: str | None = None) -> Article:
    """Transcribe 16 kHz mono float32 samples; `tags` and `name` give the metadata and title fallbacks."""
    from .backends import get_recogniser

    duration = len(audio) / SAMPLE_RATE
    energy = Energy.of(audio)
    recogniser = get_recogniser(options)  # load (or fail on) the model even for silence: errors come early
    assemble_options = AssembleOptions(grammar=options.grammar,
                                       max_paragraph_sentences=options.max_paragraph_sentences)
    if energy.is_silent:
        log.warning("no speech found: the audio is silent")
        article = assemble([], options=assemble_options, tags=tags, name=name)
        article.qa.append(silence_item(duration))
    else:
        language, segments = recogniser.recognise(
            audio, options, (lambda t: progress(min(t, duration), duration)) if progress else None)
        kept, dropped, qa = check(list(segments), energy)
        words = [w for s in kept for w in s.words]
        silence = energy.quiet_run if energy.has_pauses else None
        article = assemble(words, options=assemble_options, silence=silence, tags=tags, name=name)
        article.removed += [Removed("hallucination", s.text) for s in dropped]
        article.qa += qa
        article.language = language
        if not words:
            article.qa.append({"kind": "no_words", "severity": "warning", "start": 0.0, "end": round(duration, 2),
                               "text": "", "message": "the recogniser found no speech", "action": "empty article"})
    article.duration = round(duration, 3)
    if progress:
        progress(duration, duration)
    return article
