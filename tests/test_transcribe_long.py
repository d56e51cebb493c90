"""Long recordings: streamed decoding, blocks cut in pauses, VAD speech chunks, missed speech flagged, the backend
registry, media paths that look like options; the slow tests run the real recognisers on real speech."""
from __future__ import annotations

import json
import shutil
import wave
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.document import Article, Paragraph, Section, Sentence, Word
from briefcast.media import SAMPLE_RATE, decode, stream
from briefcast.transcribe import TranscribeOptions, transcribe
from briefcast.transcribe.backends import BACKENDS, CHOICES
from briefcast.transcribe.energy import Energy, frame_db
from briefcast.transcribe.guards import LONG_WORD, MISSED_GAP, missed_speech
from briefcast.transcribe.prompted import streams, waves
from briefcast.transcribe.recogniser import Segment
from briefcast.transcribe.windows import Layout, blocks, chunk_spans, quiet_cut
from briefcast.writers import get_writer

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")


def tone_bursts(seconds: float, *, burst: float = 0.7, pause: float = 0.3) -> np.ndarray:
    """Bursts of a 220 Hz tone with silences between: something with obvious quiet points."""
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    on = (t % (burst + pause)) < burst
    return (0.3 * np.sin(2 * np.pi * 220 * t) * on).astype(np.float32)


def write_wav(path: Path, audio: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SAMPLE_RATE)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return path


# --- streaming and blocks ------------------------------------------------------------------------------------------

def test_streamed_windows_join_into_the_decoded_audio(tmp_path):
    audio = tone_bursts(7.3)
    path = write_wav(tmp_path / "tone.wav", audio)
    windows = list(stream(path, window=2.0))
    assert [len(w) for w in windows[:-1]] == [2 * SAMPLE_RATE] * 3 and 0 < len(windows[-1]) <= 2 * SAMPLE_RATE
    assert np.array_equal(np.concatenate(windows), decode(path))
    assert np.allclose(decode(path), audio, atol=1e-4)


def test_a_file_named_like_an_option_is_read_as_a_file(tmp_path, monkeypatch):
    write_wav(tmp_path / "-report", tone_bursts(1.0))
    write_wav(tmp_path / "-x.wav", tone_bursts(1.5))
    monkeypatch.chdir(tmp_path)
    assert len(decode("-report")) == SAMPLE_RATE
    assert len(decode("./-x.wav")) == int(1.5 * SAMPLE_RATE)
    assert not list(tmp_path.glob("ffmpeg-*.log"))  # `-report` would have made ffmpeg write a log


def test_blocks_partition_the_stream_and_cut_in_pauses():
    audio = tone_bursts(50.0)
    windows = [audio[i:i + 3 * SAMPLE_RATE] for i in range(0, len(audio), 3 * SAMPLE_RATE)]
    parts = list(blocks(windows, length=12.0))
    assert np.array_equal(np.concatenate([b for _, b, _ in parts]), audio)  # nothing lost or repeated
    assert [last for *_, last in parts] == [False] * (len(parts) - 1) + [True] and len(parts) >= 3
    for offset, _, _ in parts[1:]:
        start = int(round(offset * SAMPLE_RATE))
        assert np.max(np.abs(audio[start - 80:start + 80])) == 0.0  # each cut lies in a silence
    assert sum(len(b) for _, b, _ in parts[:-1]) % 320 == 0  # whole energy frames per block


def test_quiet_cut_finds_the_silence():
    audio = np.full(10 * SAMPLE_RATE, 0.2, np.float32)
    audio[6 * SAMPLE_RATE:int(6.5 * SAMPLE_RATE)] = 0.0
    cut = quiet_cut(audio, 2 * SAMPLE_RATE)
    assert 6 * SAMPLE_RATE < cut < 6.5 * SAMPLE_RATE


def test_energy_of_pieces_equals_energy_of_the_whole():
    audio = tone_bursts(9.0)
    pieces = np.concatenate([frame_db(audio[:3 * SAMPLE_RATE]), frame_db(audio[3 * SAMPLE_RATE:])])
    whole = Energy.of(audio)
    assert np.allclose(Energy.from_db(pieces).db, whole.db) and Energy.from_db(pieces).peak == whole.peak


def test_speech_spans_join_into_chunks_of_at_most_30_s_of_speech():
    spans = [(0.0, 8.0), (8.5, 20.0), (20.2, 29.0), (29.5, 40.0), (50.0, 55.0)]
    assert chunk_spans(spans) == [((0.0, 8.0), (8.5, 20.0), (20.2, 29.0)), ((29.5, 40.0), (50.0, 55.0))]
    assert all(b - a <= 30.0 for chunk in chunk_spans([(0.0, 45.0)]) for a, b in chunk)


def test_chunks_are_dealt_into_streams_and_decoded_in_waves():
    assert streams(10, 4) == [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9]]
    # wave k holds the k-th chunk of every stream: chunk 1 comes after chunk 0, prompted with its text
    assert waves(10, 4) == [[0, 3, 6, 8], [1, 4, 7, 9], [2, 5]]
    assert waves(3, 4) == [[0, 1, 2]] and waves(3, 1) == [[0], [1], [2]] and waves(0, 4) == []


def test_a_layout_puts_decoded_times_back_where_the_speech_was():
    audio = np.arange(20 * SAMPLE_RATE, dtype=np.float32)
    layout = Layout(audio, [((1.0, 3.0), (5.0, 6.0)), ((10.0, 12.0),)])
    assert layout.clips == [(0.0, 3.0), (3.0, 5.0)] and len(layout.audio) == 5 * SAMPLE_RATE
    assert layout.audio[2 * SAMPLE_RATE] == audio[5 * SAMPLE_RATE]  # the pause 3-5 s is left out
    assert [layout.to_block(t) for t in (0.0, 1.5, 2.0, 2.5, 3.0, 4.0)] == [1.0, 2.5, 5.0, 5.5, 10.0, 11.0]
    assert layout.to_block(2.0, is_end=True) == 3.0  # a word ending on the joint ends before the pause
    assert [layout.chunk_of(t) for t in (0.0, 2.9, 3.0, 4.9)] == [0, 0, 1, 1]


# --- missed speech -------------------------------------------------------------------------------------------------

def words(*spans: tuple[float, float]) -> list[Word]:
    return [Word(f"w{i}", a, b, 0.9) for i, (a, b) in enumerate(spans)]


def test_speech_without_words_is_flagged_with_its_span():
    speech = [(0.0, 10.0)]
    qa = missed_speech(words((0.2, 0.5), (0.6, 1.0), (1.1, 1.4), (6.0, 6.3), (6.4, 8.0), (8.1, 9.8)), speech)
    assert [(q.kind, q.start, q.end) for q in qa] == [("missed_speech", 1.4, 6.0)]
    assert missed_speech(words((0.2, 0.5), (0.6, 0.9)), [(0.0, 1.0), (5.0, 5.0 + MISSED_GAP / 2)]) == []


def test_one_word_stretched_over_seconds_of_speech_is_flagged():
    qa = missed_speech(words((0.0, 0.4), (0.5, 4.8), (4.9, 5.2)), [(0.0, 5.5)])
    assert [(q.start, q.end) for q in qa] == [(0.5, 4.8)] and "'w1' spans 4.3 s" in qa[0].message
    # a word stretched over silence (the VAD heard nothing there) is Whisper's timing smear, not missed speech
    assert missed_speech(words((0.0, 0.4), (0.5, 0.5 + LONG_WORD + 1)), [(0.0, 0.9)]) == []


def test_an_empty_chunk_is_flagged_once():
    qa = missed_speech(words((0.0, 1.0)), [(0.0, 1.0), (3.0, 8.0)], empty=[(3.0, 8.0)])
    assert [(q.start, q.end) for q in qa] == [(3.0, 8.0)] and "no words" in qa[0].message


def test_markdown_shows_qa_warnings_as_a_comment_outside_the_body():
    article = Article(title="T", sections=[Section(paragraphs=[Paragraph(sentences=[
        Sentence("Hello there.", 0.0, 1.0)])])])
    article.qa = missed_speech([Word("the", 2.0, 6.3, 0.5)], [(2.0, 6.5)])
    md = get_writer("md").render(article)
    body, _, comment = md.partition("<!--")
    assert "Hello there." in body and "missed_speech" not in body
    assert "00:02-00:06 missed_speech" in comment and comment.rstrip().endswith("-->")
    assert "<!--" not in get_writer("md").render(Article(title="T"))


# --- the backend registry ------------------------------------------------------------------------------------------

def test_every_command_offers_the_registered_backends():
    assert CHOICES == ("auto", *BACKENDS) and "faster-whisper" in BACKENDS
    for command in ("transcribe", "roundtrip", "batch"):
        out = CliRunner().invoke(main, [command, "--help"], terminal_width=400).output
        assert "|".join(CHOICES) in out.replace("\n", " ").replace(" ", ""), command


class CannedRecogniser:
    """A backend in one class: whatever the audio, it hears one sentence (the registry test needs no model)."""

    name = "canned"
    said = "The barrier held firm."

    def __init__(self, model: str, *, compute_type: str = "int8", threads: int = 0) -> None:
        self.model = model

    def _segment(self, start: float, end: float) -> Segment:
        words = self.said.split()
        step = (end - start) / len(words)
        return Segment(start, end, self.said, words=[Word(w, start + i * step, start + (i + 1) * step, 0.9)
                                                     for i, w in enumerate(words)])

    def recognise(self, audio, options, progress=None):  # type: ignore[no-untyped-def]
        return "en", iter([self._segment(0.0, len(audio) / SAMPLE_RATE)])

    def recognise_chunks(self, audio, chunks, options, *, retry=False):  # type: ignore[no-untyped-def]
        return "en", [[self._segment(chunk[0][0], chunk[-1][1])] for chunk in chunks]


class StoppingRecogniser(CannedRecogniser):
    """Whisper stopping early where the voice changes with no pause: in a batch it hears a chunk's first word and
    stretches its second over the rest; decoded again on its own, the whole sentence."""

    def recognise_chunks(self, audio, chunks, options, *, retry=False):  # type: ignore[no-untyped-def]
        if retry:
            return super().recognise_chunks(audio, chunks, options, retry=retry)
        out = []
        for chunk in chunks:
            a, b = chunk[0][0], chunk[-1][1]
            out.append([Segment(a, b, "The barrier...", words=[Word("The", a, a + 0.3, 0.9),
                                                               Word("barrier...", a + 0.3, b, 0.9)])])
        return "en", out


def find_canned(name: str, allow_download: bool) -> str:
    return name  # (any name: the canned backend has no models)


def canned_models(backend: str) -> list:
    from briefcast.transcribe.models import LocalModel

    return [LocalModel(backend, "canned (built in)", Path("/nowhere/canned.json"))]


def test_a_backend_added_to_the_registry_transcribes_through_the_cli(tmp_path, monkeypatch):
    from briefcast.transcribe import backends

    canned = backends.Backend("json", "test_transcribe_long:CannedRecogniser", "nothing", checkpoint=False,
                              find="test_transcribe_long:find_canned",  # one registry line, first for "auto"
                              local="test_transcribe_long:canned_models")
    monkeypatch.setattr(backends, "BACKENDS", {"canned": canned, **BACKENDS})
    clip = write_wav(tmp_path / "clip.wav", tone_bursts(3.0))
    out = tmp_path / "clip.txt"
    result = CliRunner().invoke(main, ["transcribe", str(clip), "-o", str(out), "--model", "any-name", "-q"])
    assert result.exit_code == 0, result.output
    assert CannedRecogniser.said in out.read_text(encoding="utf-8")
    from briefcast.transcripts import transcribe_inputs

    [printed] = transcribe_inputs([str(clip)], None, "md", options=TranscribeOptions(model="any-name")).done
    assert printed.targets == {"md": None} and f"[00:00] {CannedRecogniser.said}" in printed.printed  # to print
    listed = CliRunner().invoke(main, ["models", "list"])
    assert listed.exit_code == 0, listed.output
    assert "canned  canned (built in)  /nowhere/canned.json\n" in listed.output
    assert listed.output.startswith("faster-whisper  tiny.en (bundled)  ")  # the shipped model still first


def test_a_word_stretched_over_the_speech_after_it_is_decoded_again(shared_data, monkeypatch):
    from briefcast.transcribe import backends, pipeline
    from briefcast.transcribe.pipeline import transcribe_audio

    stopping = backends.Backend("json", "test_transcribe_long:StoppingRecogniser", "nothing", checkpoint=False,
                                find="test_transcribe_long:find_canned", local="test_transcribe_long:canned_models")
    monkeypatch.setattr(backends, "BACKENDS", {"stopping": stopping, **BACKENDS})
    monkeypatch.setattr(pipeline, "SHORT", 5.0)  # these 10 s of real speech are long input: VAD chunks
    audio = decode(shared_data / "speech" / "ljspeech_lj001" / "LJ001-0001.flac")
    article = transcribe_audio(audio, options=TranscribeOptions(model="any-name"))
    assert article.body_text == "The barrier held firm."  # the retry's words replace the stretched one
    assert [w.text for w in article.sentences[0].words] == ["The", "barrier", "held", "firm."]
    assert not [q for q in article.qa if q.kind == "missed_speech"]


def test_a_checkpoint_file_goes_to_the_first_registered_backend_that_loads_one(monkeypatch):
    from briefcast.transcribe import backends

    assert backends.choose_backend(TranscribeOptions(model="tiny.en.pt")) == "openai-whisper"
    checkpoints = backends.Backend("json", "test_transcribe_long:CannedRecogniser", "nothing", checkpoint=True,
                                   find="test_transcribe_long:find_canned", local="test_transcribe_long:canned_models")
    monkeypatch.setattr(backends, "BACKENDS", {"canned": checkpoints, **BACKENDS})
    assert backends.choose_backend(TranscribeOptions(model="tiny.en.pt")) == "canned"
    assert backends.choose_backend(TranscribeOptions(model="tiny.en")) == "canned"  # (installed: json is)


# --- real recognisers on real speech -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def long_speech(shared_data, tmp_path_factory) -> tuple[Path, str]:
    """About 45 s of real read speech (LJ Speech clips, 1 s apart): long enough to be decoded in chunks."""
    items = [c for c in json.loads((shared_data / "speech" / "index.json").read_text(encoding="utf-8"))
             if c["file"].startswith("ljspeech")][:6]
    gap = np.zeros(SAMPLE_RATE, np.float32)
    audio = np.concatenate([x for c in items for x in (decode(shared_data / "speech" / c["file"]), gap)])
    return write_wav(tmp_path_factory.mktemp("long") / "speech.wav", audio), " ".join(c["text"] for c in items)


@pytest.fixture(scope="module")
def chunked(long_speech) -> Article:
    """The long speech through faster-whisper, treated as long input: VAD chunks, decoded apart (shared by the
    backends' test and the blocks' test, which both need it)."""
    from briefcast.transcribe import pipeline

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "SHORT", 10.0)  # treat these 45 s as long input
        return transcribe(long_speech[0], options=TranscribeOptions(backend="faster-whisper"))


def wer(reference: str, hypothesis: str) -> float:
    import jiwer
    from whisper.normalizers import EnglishTextNormalizer

    norm = EnglishTextNormalizer()
    return 100 * jiwer.wer(norm(reference), norm(hypothesis))


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["faster-whisper", "openai-whisper"])
def test_both_backends_decode_long_input_in_chunks_alike(long_speech, backend, monkeypatch, request):
    from briefcast.transcribe import pipeline

    path, reference = long_speech
    if backend == "faster-whisper":
        article = request.getfixturevalue("chunked")
    else:
        monkeypatch.setattr(pipeline, "SHORT", 10.0)  # as `chunked`: VAD chunks, decoded apart
        checkpoint = request.getfixturevalue("whisper_checkpoint")
        article = transcribe(path, options=TranscribeOptions(backend=backend, model=str(checkpoint)))
    assert article.duration and article.duration > 40
    assert wer(reference, " ".join(s.text for s in article.sentences)) < 12
    times = [(w.start, w.end) for s in article.sentences for w in s.words]
    assert times == sorted(times) and times[-1][1] <= article.duration + 0.5
    assert not [q for q in article.qa if q.kind == "missed_speech"]


@pytest.mark.slow
def test_blocks_cut_in_pauses_lose_no_words(long_speech, chunked, monkeypatch):
    from briefcast.transcribe import pipeline

    path, reference = long_speech
    whole = chunked
    monkeypatch.setattr(pipeline, "SHORT", 10.0)
    monkeypatch.setattr(pipeline, "BLOCK", 15.0)  # three blocks, cut in the pauses between clips
    parts = transcribe(path)
    assert parts.duration == whole.duration
    # chunks differ at the cuts, so punctuation may too; the words may not
    assert wer(reference, " ".join(s.text for s in parts.sentences)) <= wer(
        reference, " ".join(s.text for s in whole.sentences)) + 3
