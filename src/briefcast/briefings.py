"""Narrating what the user named (`briefcast narrate`): the stories of article files, standard input, page URLs and
feeds, each to its planned path (outputs), one result or failure each.

Every input is read before any is narrated, so that pages of one site are compared and the paragraphs they all print
(the site's template) are not said; meanwhile a trial encode runs, so that an encoder that refuses the format fails
before any synthesis.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .document import Article
from .errors import BriefcastError, Failure, UsageError
from .narrate.narrator import NarrationResult
from .narrate.options import NarrateOptions
from .narrate.script import ScriptLine
from .stories import ReadOptions

__all__ = ["Briefings", "narrate_inputs", "script_previews"]

Report = Callable[[NarrationResult | Failure], None]  # told of each result or failure as it happens
InputProgress = Callable[[str, int, int], None]  # (input, sentences done, sentences in all)


@dataclass
class Briefings:
    """What narrate_inputs() made: a result per story narrated, and the inputs or stories that failed."""

    results: list[NarrationResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def narrate_inputs(inputs: Sequence[str], output: str | None = None, *, options: NarrateOptions = NarrateOptions(),
                   reading: ReadOptions = ReadOptions(), progress: InputProgress | None = None,
                   report: Report | None = None) -> Briefings:
    """Narrate every story of `inputs` to `output`: a file (one story), a folder (each named for its title, distinct
    within the run) or None (named for its title, here). With one input its error is raised; with several, each
    failure is kept (and reported) and the others go on. UsageError and OutputError before any work for outputs
    that cannot be written so."""
    from .narrate.narrator import checked_cache, narrate
    from .outputs import audio_folder, audio_target
    from .segmenter.sitewide import drop_site_template

    folder = audio_folder(output, inputs)
    _stdin_once(inputs)
    done = Briefings()

    def tell(outcome: NarrationResult | Failure) -> None:
        if isinstance(outcome, Failure):
            done.failures.append(outcome)
        else:
            done.results.append(outcome)
        if report is not None:
            report(outcome)

    with _engine_started(options):
        articles = _read_all(inputs, options, reading, tell)
        if len(articles) > 1 and output is not None and not folder:
            raise UsageError(f"{inputs[0]} holds {len(articles)} stories: -o must be a folder",
                             hint="e.g. -o podcast/, or pass --latest 1, or use briefcast brief for one episode")
        drop_site_template([article for _, article in articles])
        if len(articles) > 1:  # an unusable cache folder: one warning for all the articles
            options = checked_cache(options)
        taken: set[Path] = set()
        for source, article in articles:
            try:
                target = audio_target(article, source, output, folder, options, taken, inputs)
                result = narrate(article, target, options=options,
                                 progress=None if progress is None else functools.partial(progress, source))
            except BriefcastError as e:
                if len(inputs) == 1:
                    raise
                tell(Failure(source, e))
                continue
            tell(result)
    return done


def _engine_started(options: NarrateOptions) -> AbstractContextManager[object]:
    """With the cache off every sentence is synthesised: the engine's workers (--jobs of them) start loading their
    voice while the articles are read and parsed, and the first narration takes them (narrate.engine.starting).
    Nothing is started when the cache may hold the audio, nor when the engine cannot run: the narration says why in
    its turn."""
    from .narrate.engine import starting
    from .narrate.engines import choose_engine

    if options.cache:
        return nullcontext()
    try:
        speaker = choose_engine(options.engine, options.voice)
        spec = getattr(speaker, "spec", None)
        if spec is None:  # (an engine that does not speak in the pool's workers)
            return nullcontext()
        return starting(spec(options.voice, options.rate, options.volume), options.jobs)
    except BriefcastError:
        return nullcontext()


def script_previews(inputs: Sequence[str], options: NarrateOptions = NarrateOptions(),
                    reading: ReadOptions = ReadOptions()) -> list[tuple[str, list[ScriptLine]]]:
    """What each story of `inputs` would be narrated as (`narrate --script`), with the input it came from: the
    utterances, intro and outro included, each with the pause after it; no engine started, nothing written."""
    from .narrate.script import preview
    from .segmenter.sitewide import drop_site_template
    from .stories import read_input

    _stdin_once(inputs)
    stories = [(source, story.article) for source in inputs for story in read_input(source, options=reading)]
    drop_site_template([article for _, article in stories])
    return [(source, preview(article, options)) for source, article in stories]


def _stdin_once(inputs: Sequence[str]) -> None:
    if list(inputs).count("-") > 1:
        raise UsageError("standard input (-) can be read only once")


def _read_all(inputs: Sequence[str], options: NarrateOptions, reading: ReadOptions,
              tell: Callable[[Failure], None]) -> list[tuple[str, Article]]:
    """Every input's articles, with a trial encode meanwhile; an input that cannot be read is a failure (with one
    input, its error is raised)."""
    from .narrate.encode import check_encoder
    from .stories import read_input

    articles: list[tuple[str, Article]] = []
    with ThreadPoolExecutor(1) as pool:
        trial = pool.submit(check_encoder, options)  # a trial encode (an ffmpeg process) while the articles are read
        for source in inputs:
            try:
                articles.extend((source, story.article) for story in read_input(source, options=reading))
            except BriefcastError as e:
                if len(inputs) == 1:
                    raise
                tell(Failure(source, e))
        trial.result()
    return articles
