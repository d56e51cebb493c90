"""narrate(): Article -> finished audio briefing, with exact sentence times, chapters, tags and sidecars.

Stages: script (pure) -> speech clips (engine workers, per-sentence cache) to disk -> timeline (mix) -> loudness ->
encode to a temporary file -> tags -> (settings without a measured prediction, or verify_loudness) measure the
written file -> rename into place -> sidecars. Narration streams:
the timeline is rendered a block at a time from the clips on disk, measured in one pass (block energies and peaks)
and rendered again, normalised, straight into ffmpeg, so memory does not grow with the article's length.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import logging
import math
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Article
from ..errors import InputError, OutputError, UsageError
from ..fileio import atomic_path, check_targets, data_digest, file_digest, temporary_folder
from ..formats import format_of
from ..optionspec import AUDIO, output_settings
from ..segmenter.words import timed_words
from . import cache as cache_mod
from .cache import WordSpans
from .options import MUSIC_NONE, NarrateOptions, default_cache_dir
from .script import Script, build_script
from .tags import Chapter, article_tags, sidecar_paths, spoken_captions, spoken_lines, write_sidecars

if TYPE_CHECKING:
    from .engines import SpeechEngine

log = logging.getLogger(__name__)

RENDER_VERSION = 10  # bump when the audio pipeline changes what it writes
ASSETS = Path(__file__).with_name("audio")
BUNDLED = {"music": ASSETS / "sting.ogg", "bed": ASSETS / "bed.ogg"}
LOSSY_MARGIN = 1.5  # dB below the true-peak ceiling that lossy encoders are given as headroom when the written file is
#                    metered (Piper's brighter voice overshoots 1.0-1.4 dB after mp3 decoding, 4x oversampled)
WAV_MARGIN = 0.6  # dB below the ceiling for PCM: the limiter holds sample peaks, and a bright voice's inter-sample
#                  peaks rise up to about 0.5 dB above them (4x oversampled true peak)
PEAK_GUARD = 0.2  # dB the written file's measured true peak must stay under the ceiling: ffmpeg's meter prints one
#                  decimal, and other decoders and oversamplers read an mp3's peaks a few hundredths higher
MAX_PASSES = 4  # encode attempts when the written file misses the loudness target or the true-peak ceiling
LOUDNESS_TOLERANCE = 0.2  # LU the written file may differ from the target without encoding again
TYPICAL_OFFSET = {"mp3": -0.4}  # LU that LAME's CBR mode was measured to take off (a first guess; measured anyway)
# What an encoder does to one engine's speech, where it was measured on the shared speech clips' texts said by that
# engine's default voice (scripts/measure_encoder.py) and is predicted instead of metered: (engine, format, bitrate,
# Hz, channels) -> (the loudness shift, LU, from the normalised signal to the written file; the margin, dB, under the
# true-peak ceiling that the limiter holds sample peaks to; the worst true-peak overshoot, dB, of the written file
# over those sample peaks, measured with that margin). Piper's voice overshoots more, and more from run to run
# (1.2-1.6 dB on the clips, 2.1 dB by another oversampler on a whole narration), and takes 20-50 times the meter to
# say: it is metered, as are other voices, music, a bed and every other setting.
PREDICTED = {("pyttsx3", "mp3", "128k", 44100, 1): (-0.40, 1.5, 0.9)}


def encoder_prediction(options: NarrateOptions, engine: str | None) -> tuple[float, float, float | None]:
    """(loudness shift LU, true-peak margin dB, worst overshoot dB) for the encoder `options` choose on speech said
    by `engine` alone (None: with music or a bed mixed in): the signal is normalised to the target less the shift,
    its sample peaks limited to the ceiling less the margin. The worst overshoot is None where the encoder's effect
    is not predicted (PREDICTED) and the written file must be metered."""
    from ..formats import AUDIO_FORMATS

    bitrate = options.bitrate or AUDIO_FORMATS[options.format].bitrate or ""
    voice = engine if engine and not options.voice else ""  # measured on each engine's default voice
    known = PREDICTED.get((voice, options.format, bitrate, options.output_rate, options.channels))
    if known is not None:
        return known
    return TYPICAL_OFFSET.get(options.format, 0.0), WAV_MARGIN if options.format == "wav" else LOSSY_MARGIN, None


Progress = Callable[[int, int], None]


@dataclass
class NarrationResult:
    """What narrate() made: the file, its duration (s), loudness (LUFS) and true peak (dBTP) as metered on the
    written file or, when `predicted`, as predicted from the encoder's measured effect (PREDICTED), the timed
    Article (every spoken body sentence has start/end in the file), chapters and sidecar files."""

    path: Path
    duration: float
    loudness: float
    true_peak: float
    article: Article
    chapters: list[Chapter]
    sidecars: dict[str, Path] = field(default_factory=dict)
    synthesized: int = 0  # sentences the engine spoke this time
    cached: int = 0  # sentences taken from the cache (all of them when the whole render was cached)
    seconds: float = 0.0  # wall-clock time narrate() took
    predicted: bool = False  # loudness and true_peak predicted, not metered on the written file

    def summary(self) -> str:
        """One line: "briefing.mp3: 2:31, -16.0 LUFS, 12 chapters"."""
        m, s = divmod(int(round(self.duration)), 60)
        return f"{self.path.name}: {m}:{s:02d}, {self.loudness:.1f} LUFS, {len(self.chapters)} chapters"


def narrate(article: Article, output: str | Path, *, options: NarrateOptions = NarrateOptions(),
            progress: Progress | None = None, sources: Sequence[str | Path] = (),
            script: Script | None = None) -> NarrationResult:
    """Narrate `article` into the audio file `output` (written atomically) and its sidecars. `sources`: the files
    the article was read from, which no output may replace (nor music, bed or voice: see input_files). `script`:
    what to say, when not the article's own script (a brief's, whose body sentences index `article`)."""
    t0 = time.perf_counter()
    options.validate()
    out = check_output(Path(output), options, sources=sources)
    if article.is_empty:
        raise InputError("the article has no sentences to narrate", hint="pass an article with some body text")
    script = script or build_script(article, options)
    if not any(u.kind == "body" for u in script.utterances):
        raise InputError("the article has nothing speakable in its body", hint="pass an article with words in it")

    from .engine import check_ffmpeg
    from .engines import choose_engine

    check_ffmpeg()
    speaker = choose_engine(options.engine, options.voice)
    lo, hi = speaker.rates
    if not lo <= options.rate <= hi:
        raise UsageError(f"rate {options.rate} words per minute is out of range for {speaker.name}",
                         hint=f"choose {lo}..{hi} (default 175)")
    version = speaker.version(options.voice)  # engine, library and voice file identity; checks the voice
    said = said_texts(script, options, speaker)
    music, bed = asset_file(options.music, "music"), asset_file(options.bed, "bed")
    options = checked_cache(options)
    store = cache_mod.Cache(_cache_root(options) if options.cache else None)
    key = _render_key(article, script, said, options, version, music, bed)
    total = len(script.utterances) + 1
    if progress:
        progress(0, total)
    hit = store.get_render(key)
    if hit is not None:
        audio, manifest = hit
        with atomic_path(out) as tmp:
            shutil.copyfile(audio, tmp)
        log.info("%s: unchanged, taken from the render cache", out)
        synthesized, cached = 0, len(script.utterances)
    else:
        manifest, synthesized, cached = _render(article, script, said, options, out, store, speaker, version,
                                                music, bed, progress)
        store.put_render(key, out, manifest)
    if progress:
        progress(total, total)
    timed = _timed_article(article, script, manifest)
    chapters = list(manifest.chapters)
    sidecars = write_sidecars(timed, out, options.sidecar_kinds, manifest.chapters,
                              captions=spoken_captions(timed, script, manifest.spans, manifest.words),
                              urls=script.urls)
    return NarrationResult(out, manifest.duration, manifest.loudness, manifest.true_peak, timed,
                           chapters, sidecars, synthesized, cached, time.perf_counter() - t0, manifest.predicted)


def narrate_file(path: str | Path, output: str | Path | None = None, *, options: NarrateOptions = NarrateOptions(),
                 progress: Progress | None = None) -> NarrationResult:
    """Read an article file ("-" for standard input) and narrate it. `output` None: a name made from the title in
    the current folder; an existing folder: that name inside it; else the file to write."""
    from ..segmenter.parse import read_article

    article = read_article(path)
    return narrate(article, default_output(article, path, output, options), options=options, progress=progress,
                   sources=[path])


def default_output(article: Article, source: str | Path, output: str | Path | None,
                   options: NarrateOptions) -> Path:
    """The audio path for `output` (None, a folder, or a file), naming it after the title when needed."""
    from ..names import safe_stem

    out = Path(output) if output is not None else Path(".")
    if output is None or (out.is_dir() and format_of(out) is None) or str(output).endswith("/"):
        fallback = Path(str(source)).stem if str(source) != "-" else "briefing"
        stem = safe_stem(article.title, default=safe_stem(fallback))
        return out / (stem + options.extension)
    return out


def check_output(out: Path, options: NarrateOptions, *, sources: Sequence[str | Path] = ()) -> Path:
    """Fail early, before any synthesis, when the output cannot be written or would overwrite without --force; or,
    even with --force, when it or a sidecar would replace one of `sources` or a file the narration reads."""
    named = format_of(out)
    if named is not None and named.extension != options.extension:
        raise UsageError(f"{out}: the name says {named.name} but the format is {options.format}",
                         hint=f"use --format {named.name}, or name the file *{options.extension}")
    if out.is_dir():
        raise OutputError(f"{out}: is a directory", hint="give a file name, e.g. briefing.mp3")
    targets = [out, *sidecar_paths(out, options.sidecar_kinds).values()]
    check_targets(targets, force=True, inputs=[*sources, *input_files(options)])  # an input never, even with --force
    for t in targets:
        if t.is_dir():
            raise OutputError(f"{t}: is a directory", hint="remove it or choose another output name")
        if t.exists() and not options.force:
            raise OutputError(f"{t}: already exists", hint="pass --force to overwrite it")
    parent = next((p for p in [out.parent, *out.parent.parents] if p.exists()), Path("."))
    if not parent.is_dir():
        raise OutputError(f"{parent}: is not a folder", hint="choose an output path inside a folder")
    try:  # the only sure test of writability (root ignores permission bits, read-only mounts do not)
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out.parent):
            pass
    except OSError as e:
        raise OutputError(f"{out.parent}: cannot write here ({e.strerror})",
                          hint="choose a writable output folder") from e
    return out


def input_files(options: NarrateOptions) -> list[Path]:
    """The files a narration reads besides the article: music, bed, and a Piper voice with its .json (a path of any
    spelling, or the bundled voice's own files)."""
    from .engines.piper import voice_paths

    files = [p for p in (asset_file(options.music, "music"), asset_file(options.bed, "bed")) if p is not None]
    return files + list(voice_paths(options.voice) or ())


def asset_file(value: str | None, kind: str) -> Path | None:
    """The music file `value` names for `kind` ("music" or "bed"): None for none, the bundled one for "default"."""
    if value is None or value.lower() in MUSIC_NONE:
        return None
    return BUNDLED[kind] if value == "default" else Path(value)


def checked_cache(options: NarrateOptions) -> NarrateOptions:
    """`options`, with the cache turned off when its folder cannot be used (said once, in one warning): check once
    before narrating many articles with the same options."""
    if options.cache and not cache_mod.usable(_cache_root(options)):
        return dataclasses.replace(options, cache=False)
    return options


def _cache_root(options: NarrateOptions) -> Path:
    return Path(options.cache_dir) if options.cache_dir else default_cache_dir()


def said_texts(script: Script, options: NarrateOptions, speaker: SpeechEngine) -> list[str]:
    """What the engine is given for each utterance: its text with the lexicon's pronunciations (lexicon.py), in
    the engine's own form. These key the caches, so a sentence is made again when an entry it uses changes."""
    lexicon = options.pronunciations()
    phonemes = functools.cache(lambda written: speaker.phonemes(written, options.voice))
    return [lexicon.apply(u.text, speaker.name, phonemes) for u in script.utterances]


def _render_key(article: Article, script: Script, said: list[str], options: NarrateOptions, version: str,
                music: Path | None, bed: Path | None) -> str:
    """Everything that shapes the audio file: the fields NarrateOptions declares as shaping it (black's `Mode` owns
    its cache key the same way), the engine's version, the script and what the engine is given for it, the tags,
    the music files' contents."""
    audio_opts = output_settings(options, [AUDIO])
    return data_digest(RENDER_VERSION, version, audio_opts, [list(map(str, (u.text, text, u.kind, u.pause,
                            u.chapter))) for u, text in zip(script.utterances, said)], script.chapters,
                            script.urls, script.transitions, article_tags(article).__dict__,
                            [file_digest(p) if p else None for p in (music, bed)])


def _render(article: Article, script: Script, said: list[str], options: NarrateOptions, out: Path,
            store: cache_mod.Cache, speaker: SpeechEngine, version: str, music: Path | None, bed: Path | None,
            progress: Progress | None) -> tuple[cache_mod.RenderManifest, int, int]:
    """Synthesise, mix, normalise, encode, tag and measure; returns the manifest of the file written to `out`."""
    from . import loudness, mix

    with temporary_folder("briefcast-clips-") as clips:
        speech = _speech(said, options, store, speaker, version, progress, clips)
        lengths, rate = speech.lengths, speech.rate
        has_music = music is not None or bed is not None
        mix_rate = options.output_rate if (has_music or options.output_rate < rate) else rate

        def load(i: int) -> Any:  # one trimmed clip from disk, faded and at the mix rate
            x = mix.pcm_to_float((clips / f"{i}.pcm").read_bytes())
            return mix.resample(mix.edge_fade(x, rate), rate, mix_rate)

        up, down = mix_rate // math.gcd(rate, mix_rate), rate // math.gcd(rate, mix_rate)
        body = [i for i, u in enumerate(script.utterances) if u.kind in ("standfirst", "body", "heading")]
        sized, pauses = [-(-n * up // down) for n in lengths], [u.pause for u in script.utterances]
        sting = mix.load_sting(music, mix_rate) if music else None
        _, total = mix.layout(sized, pauses, mix_rate, sting=len(sting) if sting is not None else 0,
                              transitions=script.transitions)
        timeline = mix.Timeline(  # the bed: only as much as the briefing lasts is decoded (it loops when shorter)
            sized, load, pauses, mix_rate, sting=sting, transitions=script.transitions,
            bed=mix.load_music(bed, mix_rate, seconds=total / mix_rate) if bed else None,
            bed_span=(body[0], body[-1]) if body else None)
        levels = loudness.analyse(timeline.blocks(), mix_rate)  # one streaming pass: block energies and peaks
        alone = None if has_music else speaker.name  # the engine that makes every sound, if one does
        return (_normalise_encode(article, script, options, out, timeline, levels, speech.words, alone),
                speech.synthesized, speech.cached)


def _normalise_encode(article: Article, script: Script, options: NarrateOptions, out: Path, timeline: Any,
                      levels: Any, words: list[WordSpans | None], engine: str | None) -> cache_mod.RenderManifest:
    """Normalise the timeline (rendered again block by block) while encoding it; returns the manifest."""
    from . import loudness

    mix_rate, lay = timeline.rate, timeline.layout
    chapters = _chapters(script, lay)
    tags = article_tags(article, chapters, urls=script.urls)
    # Encoders shift loudness and peaks a little (CBR mp3: about -0.4 LU). Where the shift was measured on the
    # engine's speech (PREDICTED) it is taken off before the encode, which writes the file once, unmetered.
    # Elsewhere, or with verify_loudness, the written file is metered and, when it is off, encoded again with the
    # measured difference corrected. Nothing is learned across narrations: the same input always gives the same file.
    offset, margin, worst = encoder_prediction(options, engine)
    metered = options.verify_loudness or worst is None
    ceiling = options.true_peak - margin
    with atomic_path(out) as tmp:
        for attempt in range(MAX_PASSES):
            scale, estimate = loudness.plan(timeline.window, levels, options.loudness - offset, ceiling)
            peaks: list[float] = []
            y = _peaks_of(loudness.apply(timeline.window, levels, scale, ceiling), peaks)  # made as ffmpeg takes them
            if not metered:
                _encode_tagged(y, mix_rate, tmp, options, tags, metered=False)
                top = max(peaks, default=0.0)
                measured = estimate + offset
                peak = 20 * math.log10(top) + (worst or 0.0) if top > 0 else -math.inf
                break
            measured, peak = _encode_tagged(y, mix_rate, tmp, options, tags)
            error, over = measured - options.loudness, peak - (options.true_peak - PEAK_GUARD)
            if not (abs(error) > LOUDNESS_TOLERANCE or over > 0) or attempt == MAX_PASSES - 1:
                break
            if math.isfinite(measured):
                offset += error
            ceiling -= max(over, 0.0) + (0.2 if over > 0 else 0.0)
            log.info("written file measures %.2f LUFS, %.2f dBTP: encoding again", measured, peak)
    placed = tuple(None if w is None else tuple(None if x is None else (round(start + x[0], 3), round(start + x[1], 3))
                                                for x in w) for w, (start, _) in zip(words, lay.spans))
    manifest = cache_mod.RenderManifest(round(lay.duration, 3), round(measured, 2), round(peak, 2),
                                        tuple(lay.spans), chapters, placed, predicted=not metered)
    if not math.isfinite(measured) or abs(measured - options.loudness) > 1.0 or peak > options.true_peak:
        log.warning("%s: %s %.1f LUFS, %.1f dBTP (target %.1f LUFS, ceiling %.1f dBTP)", out,
                    "measured" if metered else "predicted", measured, peak, options.loudness, options.true_peak)
    return manifest


def _peaks_of(blocks: Iterator[Any], peaks: list[float]) -> Iterator[Any]:
    """The blocks, unchanged, each one's sample peak appended to `peaks` as it passes (to the encoder)."""
    import numpy as np

    for x in blocks:
        if len(x):
            peaks.append(float(np.abs(x).max()))
        yield x


def _encode_tagged(y: Any, rate: int, tmp: Path, options: NarrateOptions, tags: Any, *,
                   metered: bool = True) -> tuple[float, float]:
    """Encode, tag, and (`metered`) measure what was written: (integrated loudness LUFS, true peak dBTP); not
    metered: (nan, nan)."""
    from . import encode
    from .tags import ffmetadata, write_tags

    if options.format != "m4a":
        figures = (math.nan, math.nan)
        if metered:
            figures = encode.encode_measured(y, rate, tmp, options)
        else:
            encode.encode(y, rate, tmp, options)
        write_tags(tmp, options.format, tags)
        return figures
    meta = tmp.with_name(tmp.name + ".ffmeta")  # m4a: tags and chapters go in at muxing time
    meta.write_text(ffmetadata(tags), encoding="utf-8")
    try:
        encode.encode(y, rate, tmp, options, metadata=meta)
    finally:
        meta.unlink(missing_ok=True)
    write_tags(tmp, options.format, tags)
    return encode.measure(tmp) if metered else (math.nan, math.nan)


def speech_seconds(script: Script, options: NarrateOptions) -> list[float]:
    """How long each utterance of `script` is spoken (seconds of trimmed speech), synthesising what the sentence
    cache does not hold: the measured speaking time a brief plans its length with (narrate then finds every clip
    in the cache)."""
    from .engines import choose_engine

    options = checked_cache(options.validate())
    speaker = choose_engine(options.engine, options.voice)
    version = speaker.version(options.voice)
    store = cache_mod.Cache(_cache_root(options) if options.cache else None)
    with temporary_folder("briefcast-clips-") as folder:
        speech = _speech(said_texts(script, options, speaker), options, store, speaker, version, None, folder)
    return [n / speech.rate for n in speech.lengths]


@dataclass
class _Speech:
    """The trimmed clips of a script, on disk: their lengths (samples), rate (Hz), word spans (seconds in each
    trimmed clip; None where the engine times no words) and how many were synthesised or cached."""

    lengths: list[int]
    rate: int
    words: list[WordSpans | None]
    synthesized: int
    cached: int


def _speech(said: list[str], options: NarrateOptions, store: cache_mod.Cache, speaker: SpeechEngine, version: str,
            progress: Progress | None, folder: Path) -> _Speech:
    """Every utterance's trimmed 16-bit PCM (`said`: what the engine is given) written to `folder` as `i.pcm`
    (cache first, then the engine in parallel), with its words' times where the engine reports them. Memory holds
    one clip at a time."""
    from . import mix

    total = len(said) + 1
    keys = [data_digest(text, speaker.name, options.voice or "", options.rate, options.volume, version,
                        cache_mod.CLIP_MAGIC, "words") for text in said]
    lengths: list[int | None] = [None] * len(keys)
    words: list[WordSpans | None] = [None] * len(keys)
    rates: set[int] = set()

    def keep(i: int, clip: bytes, r: int) -> None:
        (folder / f"{i}.pcm").write_bytes(clip)
        lengths[i] = len(clip) // 2
        rates.add(r)

    for i, k in enumerate(keys):
        got = store.get_clip(k)
        if got is not None:
            keep(i, *got)
            words[i] = store.get_words(k)
    missing = [i for i, n in enumerate(lengths) if n is None]
    done = len(keys) - len(missing)
    if progress:
        progress(done, total)
    if missing:
        with temporary_folder("briefcast-tts-") as spoken:
            def ready(j: int, path: Path) -> None:
                nonlocal done
                import wave

                with wave.open(str(path), "rb") as w:
                    raw, r = w.readframes(w.getnframes()), w.getframerate()
                path.unlink(missing_ok=True)  # the engine's file: the trimmed clip is kept instead
                a, b = mix.speech_bounds(raw)
                clip = raw[2 * a:2 * b]
                i = missing[j]
                keep(i, clip, r)
                words[i] = _clip_words(path.with_name(path.name + ".words"), a, b, r)
                store.put_clip(keys[i], clip, r, words[i])
                done += 1
                if progress:
                    progress(done, total)

            speaker.synthesize([said[i] for i in missing], spoken, options=options,
                               on_done=ready)
    if len(rates) > 1:
        raise InputError("cached speech has mixed sample rates", hint="clear the cache or pass --no-cache")
    return _Speech([n or 0 for n in lengths], rates.pop(), words, len(missing), len(keys) - len(missing))


def _clip_words(path: Path, a: int, b: int, rate: int) -> WordSpans | None:
    """The engine's word spans (samples in its WAV, see SpeechEngine.synthesize) as seconds in the clip trimmed to
    samples a..b; None when it wrote none (the file is removed)."""
    import json

    try:
        spans = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    path.unlink(missing_ok=True)
    return tuple(None if s is None else (round(min(max(s[0] - a, 0), b - a) / rate, 4),
                                         round(min(max(s[1] - a, 0), b - a) / rate, 4)) for s in spans)


def _chapters(script: Script, lay: Any) -> tuple[Chapter, ...]:
    """Chapter spans: each starts midway through the silence before its first utterance (the first at 0) and
    ends where the next starts (the last at the end)."""
    firsts: dict[int, int] = {}
    for i, u in enumerate(script.utterances):
        firsts.setdefault(u.chapter, i)
    starts = []
    for ch in range(len(script.chapters)):
        i = firsts[ch]
        if i == 0 or ch == 0:
            starts.append(0.0)
        else:
            starts.append(round((lay.spans[i - 1][1] + lay.spans[i][0]) / 2, 3))
    ends = starts[1:] + [round(lay.duration, 3)]
    return tuple((s, e, t) for s, e, t in zip(starts, ends, script.chapters))


def _timed_article(article: Article, script: Script, manifest: cache_mod.RenderManifest) -> Article:
    """A copy of the article with each spoken body sentence's start and end in the file, its words' times where
    the engine timed them (every piece of the sentence), the other lines said (`narration`) and the duration."""
    timed = copy.deepcopy(article)
    sentences = timed.sentences
    said: dict[int, list[tuple[str, cache_mod.Span | None]] | None] = {}
    words = manifest.words or (None,) * len(script.utterances)
    for u, (start, end), spans in zip(script.utterances, manifest.spans, words):
        if u.sentence is not None:  # a long sentence said in pieces: from its first piece's start to its last's end
            s = sentences[u.sentence]
            if u.sentence not in said:
                s.start = round(start, 3)
                said[u.sentence] = []
            s.end = round(end, 3)
            heard = said[u.sentence]
            said[u.sentence] = None if heard is None or spans is None else heard + list(zip(u.text.split(), spans))
    for i, heard in said.items():
        if heard:
            sentences[i].words = timed_words(sentences[i].text, heard, sentences[i].start or 0.0)
    timed.duration = round(manifest.duration, 3)
    timed.narration = spoken_lines(timed, script, manifest.spans, manifest.words)[1]
    return timed
