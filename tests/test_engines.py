"""Speech engines behind one interface: the registry, the Piper voice files and rate mapping (fast), and real
synthesis with the bundled Piper voice on a few sentences (slow)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.document import Article, Paragraph, Section, Sentence
from briefcast.errors import InputError, UsageError
from briefcast.narrate import NarrateOptions, narrate
from briefcast.narrate.engines import ENGINE_NAMES, REGISTRY, Voice, choose_engine, get_engine
from briefcast.narrate.engines import piper as piper_engine

SENTENCES = [
    "The government forces made this advance after a full withdrawal of the militants from the area.",
    "The army advance was massively supported by airstrikes from the Russian and Syrian air forces.",
    "Now the armoured units are able to develop momentum in the direction of the main road to the east.",
    "This will allow them to shorten the frontline and to set a foothold for the next operation.",
]

needs_piper = pytest.mark.skipif(not get_engine("piper").installed(), reason="piper-tts or its voice not installed")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFCAST_CACHE_DIR", str(tmp_path / "cache"))


def article(sentences: list[str] = SENTENCES) -> Article:
    return Article(title="Engine Test", sections=[Section(None, [Paragraph([Sentence(s, s) for s in sentences])])])


def clip(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768, w.getframerate()


# --- fast: the registry and the voice files ---------------------------------------------------------------------

def test_every_registered_engine_is_a_choice_and_loads_by_name():
    assert ENGINE_NAMES == ("auto", *REGISTRY)
    for name in REGISTRY:
        engine = get_engine(name)
        assert engine.name == name and engine.rates[0] < 175 < engine.rates[1]
    with pytest.raises(UsageError, match="unknown speech engine"):
        get_engine("festival")
    with pytest.raises(UsageError, match="unknown speech engine"):
        NarrateOptions(engine="festival").validate()


class ToneEngine:
    """An engine in one class: each text said as a 220 Hz tone, a fifth of a second per word (no worker pool, no
    worker spec: the narrator needs only SpeechEngine)."""

    name = "tone"
    rates = (60, 400)
    said: list[str] = []

    def installed(self) -> bool:
        return True

    def check(self) -> None:
        pass

    def owns(self, voice: str) -> bool:
        return voice == "tone"

    def version(self, voice: str | None) -> str:
        return "tone 1"

    def voices(self) -> list[Voice]:
        return [Voice("tone", "A 220 Hz tone", ("en",), default=True)]

    def phonemes(self, phonemes: str, voice: str | None) -> str:
        return phonemes

    def synthesize(self, texts, folder, *, options, on_done=None):  # type: ignore[no-untyped-def]
        paths = []
        for i, text in enumerate(texts):
            t = np.arange(int(22050 * 0.2 * len(text.split()))) / 22050
            path = folder / f"tone{i:05d}.wav"
            with wave.open(str(path), "wb") as w:
                w.setnchannels(1), w.setsampwidth(2), w.setframerate(22050)
                w.writeframes((np.sin(2 * np.pi * 220 * t) * 8000).astype("<i2").tobytes())
            self.said.append(text)
            paths.append(path)
            if on_done:
                on_done(i, path)
        return paths


ENGINE = ToneEngine()


def test_an_engine_added_to_the_registry_narrates_through_the_cli(tmp_path, monkeypatch):
    from briefcast.narrate import engines

    monkeypatch.setattr(engines, "REGISTRY", {"tone": "test_engines", **REGISTRY})  # one line, first for "auto"
    voices = CliRunner().invoke(main, ["voices"])
    assert voices.exit_code == 0 and "tone     tone" in voices.output, voices.output
    src = tmp_path / "flood.md"
    src.write_text("# Flood Barrier Holds\n\nThe barrier closed on Wednesday. It held all night.\n", encoding="utf-8")
    out = tmp_path / "flood.wav"
    ToneEngine.said.clear()
    result = CliRunner().invoke(main, ["narrate", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "The barrier closed on Wednesday." in ToneEngine.said and "It held all night." in ToneEngine.said
    audio, rate = clip(out)
    assert len(audio) / rate > 0.2 * len(" ".join(ToneEngine.said).split())  # every tone, with pauses between
    assert float(np.sqrt(np.mean(audio ** 2))) > 0.01


def test_auto_prefers_piper_and_leaves_espeak_voice_names_to_pyttsx3():
    if get_engine("piper").installed():
        assert choose_engine("auto").name == "piper"
        assert choose_engine("auto", "en_US-joe-medium").name == "piper"
    if get_engine("pyttsx3").installed():
        assert choose_engine("auto", "en-us").name == "pyttsx3"


def test_length_scale_slows_down_for_lower_rates():
    assert piper_engine.length_scale(120) > piper_engine.length_scale(175) > piper_engine.length_scale(250)
    assert piper_engine.length_scale(175, base=2.0) == pytest.approx(2 * piper_engine.length_scale(175))


def test_voice_files_say_what_is_missing(tmp_path):
    with pytest.raises(InputError, match="not found"):
        piper_engine.voice_files(str(tmp_path / "absent.onnx"))
    model = tmp_path / "voice.onnx"
    model.write_bytes(b"not a model")
    with pytest.raises(InputError, match=r"voice\.onnx\.json is missing"):
        piper_engine.voice_files(str(model))
    (tmp_path / "voice.onnx.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a Piper voice config"):
        piper_engine.voice_files(str(model))
    with pytest.raises(UsageError, match="unknown Piper voice"):
        piper_engine.voice_files("en-us")


@needs_piper
def test_the_cache_key_changes_with_the_voice_file(tmp_path):
    engine = get_engine("piper")
    model, config = piper_engine.voice_files(None)
    other = tmp_path / "other.onnx"
    other.write_bytes(model.read_bytes()[:-1] + b"\0")  # one byte differs
    shutil.copyfile(config, tmp_path / "other.onnx.json")
    same = tmp_path / "same.onnx"
    shutil.copyfile(model, same)
    shutil.copyfile(config, tmp_path / "same.onnx.json")
    assert engine.version(str(other)) != engine.version(None)
    assert engine.version(str(same)) == engine.version(None)  # the same bytes are the same voice


@needs_piper
def test_the_piper_worker_adds_the_alignment_output_without_the_onnx_package():
    """The voice gets its phoneme-samples output (word times) from the worker's own protobuf edit: the `onnx`
    package, whose import and parse of the 60 MB model took most of a worker's start, is not loaded; a file that
    is no model is left for onnxruntime to refuse."""
    model, _ = piper_engine.voice_files(None)
    probe = (
        "import sys, onnxruntime\n"
        f"sys.path.insert(0, {str(piper_engine.WORKER.parent)!r})\n"
        "import piper_worker\n"
        f"patched = piper_worker._with_alignments({str(model)!r})\n"
        "outputs = [o.name for o in onnxruntime.InferenceSession(patched).get_outputs()]\n"
        "print(outputs, 'onnx' in sys.modules)\n"
        "print(piper_worker._with_alignments(sys.argv[1]) == sys.argv[1])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, __file__], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["['output', '/Ceil_output_0'] False", "True"], done.stdout


needs_espeak = pytest.mark.skipif(not get_engine("pyttsx3").installed(), reason="espeak-ng or pyttsx3 not installed")


@needs_espeak
def test_workers_started_ahead_are_the_ones_that_speak(tmp_path, monkeypatch):
    from briefcast.narrate import engine

    spec = get_engine("pyttsx3").spec(None, 175, 1.0)
    real = engine._Worker
    with engine.starting(spec, 2) as early:
        pids = {w.proc.pid for w in early.waiting}
        started, spoken = [], []
        monkeypatch.setattr(engine, "_Worker", lambda s: started.append(s) or real(s))
        monkeypatch.setattr(real, "send", lambda w, obj, send=real.send: spoken.append(w.proc.pid) or send(w, obj))
        (tmp_path / "a").mkdir()
        paths = engine.synthesize(spec, SENTENCES[:3], tmp_path / "a", jobs=2)
        assert all(clip(p)[0].size for p in paths)
        assert early.taken == 2 and early.waiting == [] and started == [] and set(spoken) == pids
        other = get_engine("pyttsx3").spec(None, 200, 1.0)  # another rate: workers of its own
        (tmp_path / "b").mkdir()
        engine.synthesize(other, SENTENCES[:1], tmp_path / "b", jobs=1)
        assert early.taken == 2 and started == [other]


@needs_espeak
def test_workers_started_ahead_and_not_taken_are_ended(tmp_path):
    from briefcast.narrate import engine

    with engine.starting(get_engine("pyttsx3").spec(None, 175, 1.0), 1) as early:
        worker = early.waiting[0]
    assert worker.proc.poll() is not None and not Path(worker.tmp).exists()


@needs_espeak
def test_kept_workers_speak_for_the_next_synthesis_until_the_voice_changes(tmp_path):
    """Inside `keeping` (a batch worker's life) a synthesis that ended well leaves its worker for the next one with
    the same voice, rate and volume; another voice ends it and starts its own; the block's end ends them all."""
    from briefcast.narrate import engine

    spec = get_engine("pyttsx3").spec(None, 175, 1.0)
    assert spec.reusable  # espeak-ng says each text afresh
    for name in "abcd":
        (tmp_path / name).mkdir()
    with engine.keeping() as kept:
        first = engine.synthesize(spec, SENTENCES[:1], tmp_path / "a", jobs=1)
        pids = kept.pids()
        second = engine.synthesize(spec, SENTENCES[:1], tmp_path / "b", jobs=1)
        assert len(pids) == 1 and kept.pids() == pids
        assert clip(second[0])[0].tobytes() == clip(first[0])[0].tobytes()
        engine.synthesize(get_engine("pyttsx3").spec(None, 200, 1.0), SENTENCES[:1], tmp_path / "c", jobs=1)
        assert kept.pids() != pids and not _alive(pids[0])
        last = kept.pids()
    assert kept.pids() == [] and not _alive(last[0])


@needs_espeak
def test_a_kept_worker_that_died_is_replaced_and_a_failed_one_is_not_kept(tmp_path):
    """A kept worker killed while idle (a crash, the out-of-memory killer) is not handed out: the next synthesis
    starts a fresh one. A synthesis that fails ends its workers rather than keeping them for the next file."""
    import os
    import signal

    from briefcast.errors import EngineError
    from briefcast.narrate import engine

    spec = get_engine("pyttsx3").spec(None, 175, 1.0)
    for name in "ab":
        (tmp_path / name).mkdir()
    with engine.keeping() as kept:
        engine.synthesize(spec, SENTENCES[:1], tmp_path / "a", jobs=1)
        [pid] = kept.pids()
        os.kill(pid, signal.SIGKILL)
        paths = engine.synthesize(spec, SENTENCES[1:2], tmp_path / "b", jobs=1)
        assert clip(paths[0])[0].size and kept.pids() not in ([], [pid])
        with pytest.raises(EngineError):  # no folder to write in: every attempt fails
            engine.synthesize(spec, SENTENCES[:1], tmp_path / "missing", jobs=1, retries=0)
        assert kept.pids() == []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@needs_espeak
def test_a_pyttsx3_sentence_is_the_same_audio_whatever_its_worker_said_before(tmp_path):
    """espeak-ng carries state from one text to the next, and the pool hands texts to whichever worker is free: each
    text is said afresh, so a sentence said alone and said after others (by either of two workers) is one audio."""
    options = NarrateOptions(engine="pyttsx3", jobs=2, cache=False)
    for name in ("alone", "after"):
        (tmp_path / name).mkdir()
    alone = get_engine("pyttsx3").synthesize(SENTENCES[2:3], tmp_path / "alone", options=options)
    after = get_engine("pyttsx3").synthesize(SENTENCES * 2, tmp_path / "after", options=options)
    assert clip(after[2])[0].tobytes() == clip(after[6])[0].tobytes() == clip(alone[0])[0].tobytes()


@needs_espeak
def test_narrate_without_the_cache_starts_its_engine_while_it_reads(tmp_path, monkeypatch):
    """--no-cache: every sentence will be synthesised, so the workers load while the article is read, and the
    narration takes them all; with the cache on (it may hold the audio) nothing is started ahead."""
    import contextlib

    from briefcast.narrate import engine

    seen = []
    real = engine.starting

    @contextlib.contextmanager
    def recording(spec, n):
        with real(spec, n) as early:
            seen.append(early)
            yield early

    monkeypatch.setattr(engine, "starting", recording)
    src = tmp_path / "a.txt"
    src.write_text("A Title\n\nThe river rose. The barrier held.\n", encoding="utf-8")
    for flags in (["--no-cache"], []):
        result = CliRunner().invoke(main, ["narrate", str(src), "-o", str(tmp_path / "a.mp3"), "--engine", "pyttsx3",
                                           "--force", "-q", *flags])
        assert result.exit_code == 0, result.output
    assert len(seen) == 1 and seen[0].taken == 2 and seen[0].waiting == []


# --- slow: real synthesis with the bundled voice ----------------------------------------------------------------

def spoken_rate(engine_name: str, rate: int, folder: Path) -> float:
    """Words per minute of speech (each clip trimmed of silence) the engine speaks SENTENCES at `rate`."""
    from briefcast.narrate.mix import speech_bounds

    folder.mkdir()
    seconds = 0.0
    options = NarrateOptions(engine=engine_name, rate=rate)
    for path in get_engine(engine_name).synthesize(SENTENCES, folder, options=options):
        x, sr = clip(path)
        assert float(np.sqrt(np.mean(x ** 2))) > 0.01, "a clip of speech, not silence"
        a, b = speech_bounds((x * 32768).astype("<i2").tobytes())
        seconds += (b - a) / sr
    return sum(len(s.split()) for s in SENTENCES) / seconds * 60


@needs_piper
@pytest.mark.slow
def test_piper_follows_the_rate_as_espeak_counts_it(tmp_path):
    """Words per minute depend on the words (espeak-ng itself speaks these at 1.2x its nominal rate), so --rate
    means for Piper what it means for espeak-ng: the same text takes as long at the same rate (within 10%)."""
    slow, fast = spoken_rate("piper", 130, tmp_path / "130"), spoken_rate("piper", 220, tmp_path / "220")
    assert fast / slow == pytest.approx(220 / 130, rel=0.10)
    if get_engine("pyttsx3").installed():
        assert slow == pytest.approx(spoken_rate("pyttsx3", 130, tmp_path / "e130"), rel=0.10)
        assert fast == pytest.approx(spoken_rate("pyttsx3", 220, tmp_path / "e220"), rel=0.10)


@needs_piper
@pytest.mark.slow
def test_a_piper_narration_times_its_cues_at_the_speech_onsets(tmp_path):
    from pydub import AudioSegment
    from pydub.silence import detect_nonsilent

    from briefcast.writers.subtitles import article_cues

    options = NarrateOptions(engine="piper", format="wav", subtitles=("srt",), intro=False, outro=False,
                             cache_dir=str(tmp_path / "cache"))
    result = narrate(article(), tmp_path / "piper.wav", options=options)
    seg = AudioSegment.from_file(result.path)
    onsets = np.array([a / 1000 for a, _ in detect_nonsilent(seg, min_silence_len=100, silence_thresh=-45,
                                                             seek_step=2)])
    starts = [c.start for c in article_cues(result.article)]
    sentence_starts = [s.start for s in result.article.sentences]
    assert len(sentence_starts) == len(SENTENCES) and set(sentence_starts) <= set(starts)
    errors = [float(np.min(np.abs(onsets - t))) for t in sentence_starts]
    assert max(errors) <= 0.050, f"worst cue is {max(errors) * 1000:.0f} ms from the speech onset"
    assert result.loudness == pytest.approx(-16.0, abs=1.0) and result.true_peak <= -1.0
    # the same text with another engine is synthesised again, never served from this voice's cache
    again = narrate(article(), tmp_path / "again.wav", options=options.replace(force=True))
    assert (again.synthesized, again.cached) == (0, len(SENTENCES))
    if get_engine("pyttsx3").installed():
        other = narrate(article(), tmp_path / "espeak.wav", options=options.replace(engine="pyttsx3"))
        assert other.synthesized == len(SENTENCES)


@needs_piper
@pytest.mark.slow
def test_a_piper_narration_with_one_job_is_reproducible(tmp_path):
    """The voice's noise is seeded: the same sentences spoken twice, without the cache, are the same audio."""
    options = NarrateOptions(engine="piper", jobs=1, cache=False)
    spoken = []
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        paths = get_engine("piper").synthesize(SENTENCES[:2], tmp_path / name, options=options)
        spoken.append([clip(p)[0].tobytes() for p in paths])
    assert spoken[0] == spoken[1]


@needs_piper
@pytest.mark.slow
@pytest.mark.parametrize("damage", ["corrupt", "no-config"])
def test_a_broken_voice_file_fails_with_one_line_and_no_output(tmp_path, damage):
    _, config = piper_engine.voice_files(None)
    voice = tmp_path / "broken.onnx"
    voice.write_bytes(b"\x08\x07" + bytes(range(256)) * 40)
    if damage == "corrupt":
        shutil.copyfile(config, tmp_path / "broken.onnx.json")
    src = tmp_path / "a.txt"
    src.write_text("A Title\n\nThe river rose. The barrier held.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["narrate", str(src), "-o", str(out / "a.mp3"), "--voice", str(voice), "-q"])
    assert result.exit_code == 1, (result.output, result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("briefcast: error: voice"), result.stderr
    assert ("could not be loaded" if damage == "corrupt" else "broken.onnx.json is missing") in lines[0]
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.slow
def test_voices_lists_every_installed_engine_with_one_default():
    result = CliRunner().invoke(main, ["voices"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines()[1:]]
    engines = {r[0] for r in rows}
    assert engines == {e.name for e in map(get_engine, REGISTRY) if e.installed()}
    assert sum(r[-1] == "yes" for r in rows) == 1
    if "piper" in engines:
        assert any(r[:2] == ["piper", "en_US-joe-medium"] and r[-1] == "yes" for r in rows)


@pytest.mark.slow
def test_the_voices_offered_for_a_language_with_the_one_narrate_speaks_with():
    from briefcast.narrate.engines import offered_voices

    every = offered_voices()
    [chosen] = [o for o in every if o.default == "yes"]
    auto = choose_engine("auto")
    assert chosen.engine == auto.name and chosen.voice == next(v for v in auto.voices() if v.default)
    english = offered_voices("en_GB")  # written either way
    assert english and english == offered_voices("en-gb")
    assert all(any(x.lower().replace("_", "-").startswith("en-gb") for x in o.voice.languages)
               or o.voice.id.lower().rsplit("/", 1)[-1].startswith("en-gb") for o in english)
    assert set(english) < set(every)


def test_the_engine_options_help_comes_from_the_registry() -> None:
    from click.testing import CliRunner

    from briefcast.cli import main
    from briefcast.narrate.engines import REGISTRY, get_engine

    shown = " ".join(CliRunner().invoke(main, ["narrate", "--help"], terminal_width=400).output.split())
    for name in REGISTRY:
        engine = get_engine(name)
        assert f"{name} ({engine.summary})" in shown and f"{name} {engine.rates[0]}-{engine.rates[1]}" in shown
        assert f"{name} {engine.voice_hint}" in shown
