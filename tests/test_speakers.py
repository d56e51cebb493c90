"""Who speaks when (`transcribe --speakers`) on real speech: two readers in turns, one reader alone and over a music
bed, the credited narrator named, and nothing changed when speakers are not asked for."""
from __future__ import annotations

import json
import shutil
import wave
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.document import Article, Paragraph, Section, Sentence, Speaker
from briefcast.media import SAMPLE_RATE, decode
from briefcast.transcribe import TranscribeOptions
from briefcast.transcribe.pipeline import transcribe_audio
from briefcast.transcribe.speakers import VoicePrints, name_speakers
from briefcast.transcribe.windows import speech_spans
from briefcast.writers import get_writer

pytestmark = [pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed"),
              pytest.mark.skipif(__import__("importlib").util.find_spec("resemblyzer") is None,
                                 reason="resemblyzer (its voice encoder) is not installed: scripts/setup installs it")]

LJ = [f"ljspeech_lj001/LJ001-000{i}.flac" for i in (1, 3)]  # one reader (about 19 s)
AUSTEN = "librivox_sense_and_sensibility/sense_and_sensibility_01_austen_64kb-0870.wav"  # another (7 s)
BED = Path(__file__).resolve().parents[1] / "src" / "briefcast" / "narrate" / "audio" / "bed.ogg"


def pause(seconds: float = 0.6) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), np.float32)


@pytest.fixture(scope="module")
def reader(shared_data: Path) -> np.ndarray:
    return np.concatenate([x for f in LJ for x in (decode(shared_data / "speech" / f), pause())])


@pytest.fixture(scope="module")
def two_readers(shared_data: Path, reader: np.ndarray) -> np.ndarray:
    """The LJ reader (one sentence), the Sense and Sensibility reader (one sentence), the LJ reader again."""
    speech = shared_data / "speech"
    return np.concatenate([decode(speech / LJ[0]), pause(), decode(speech / AUSTEN), pause(),
                           decode(speech / LJ[1])])


@pytest.fixture(scope="module")
def heard(two_readers: np.ndarray) -> Article:
    return transcribe_audio(two_readers, options=TranscribeOptions(speakers=True))


@pytest.mark.slow
def test_two_readers_in_turns_come_back_as_two_with_the_turn_at_the_right_sentence(heard: Article) -> None:
    assert [s.name for s in heard.speakers] == ["Speaker 1", "Speaker 2"]
    by_word = {s.speaker for s in heard.sentences if "printing" in s.text.lower()}
    assert by_word == {"Speaker 1"}
    dashwood = [s for s in heard.sentences if "dashwood" in s.text.lower()]
    assert dashwood and {s.speaker for s in dashwood} == {"Speaker 2"}
    assert heard.sentences[-1].speaker == "Speaker 1"  # "For although the Chinese ..." is the first reader again
    turns = [p.sentences[0].speaker for p in heard.paragraphs]
    assert turns == ["Speaker 1", "Speaker 2", "Speaker 1"]  # a paragraph breaks at each change of speaker
    markdown = get_writer("md").render(heard)
    assert markdown.count("**Speaker 2:**") == 1 and markdown.count("**Speaker 1:**") == 2
    vtt = get_writer("vtt").render(heard)
    assert "<v Speaker 2>" in vtt and "<v Speaker 1>" in vtt
    srt = get_writer("srt").render(heard)
    assert "Speaker 2: " in srt
    data = json.loads(get_writer("json").render(heard))
    seconds = {s["name"]: s["seconds"] for s in data["speakers"]}
    assert 4 < seconds["Speaker 2"] < 9 < seconds["Speaker 1"]  # 7 s of the second reader, 19 s of the first
    assert Article.from_json(get_writer("json").render(heard)).to_dict() == heard.to_dict()


def prints_of(audio: np.ndarray) -> VoicePrints:
    prints = VoicePrints()
    prints.add(audio, speech_spans(audio), 0.0)
    return prints


@pytest.fixture(scope="module")
def reader_prints(reader: np.ndarray) -> VoicePrints:
    return prints_of(reader)


def test_one_reader_stays_one(reader_prints: VoicePrints) -> None:
    assert len(reader_prints.times) > 20
    assert reader_prints.turns().speakers == {0}


def test_one_reader_stays_one_over_a_music_bed(shared_data: Path) -> None:
    reader = decode(shared_data / "speech" / LJ[0])
    bed = decode(BED)
    bed = np.resize(bed, len(reader)) * np.float32(0.5 * np.abs(reader).max() / max(np.abs(bed).max(), 1e-9))
    assert prints_of(reader + bed).turns().speakers == {0}


def test_a_recording_too_long_to_cluster_every_window_keeps_its_voices(two_readers: np.ndarray,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_WINDOWS windows (40 minutes of speech) only every k-th is clustered: here 4 of the 33. Means of runs
    of windows, as before, are less noisy than one window, so the threshold merged the two readers into one."""
    from briefcast.transcribe import speakers

    prints = prints_of(two_readers)
    monkeypatch.setattr(speakers, "MAX_WINDOWS", 4)
    assert prints.turns().speakers == {0, 1}


def test_num_speakers_fixes_the_count(reader_prints: VoicePrints) -> None:
    assert reader_prints.turns(num_speakers=2).speakers == {0, 1}


@pytest.mark.slow
def test_the_credited_narrator_names_the_voice_that_talks_most(tmp_path: Path, shared_data: Path) -> None:
    reader = decode(shared_data / "speech" / LJ[0])
    media = tmp_path / "report.wav"
    with wave.open(str(media), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes((np.clip(reader, -1, 1) * 32767).astype("<i2").tobytes())
    (tmp_path / "report.description").write_text("A short history of printing.\nVoiceover by Jane Doe\n")
    out = tmp_path / "report.md"
    result = CliRunner().invoke(main, ["transcribe", str(media), "--speakers", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    markdown = out.read_text()
    assert "**Jane Doe:** Printing" in markdown
    assert "Speaker 1" not in markdown


def test_a_credit_but_no_dominant_voice_is_a_qa_item_and_names_no_one() -> None:
    article = Article(credits={"voiceover": "Jane Doe"}, duration=20.0, sections=[Section(paragraphs=[
        Paragraph([Sentence("One.", start=0.0, end=9.0, speaker="Speaker 1")]),
        Paragraph([Sentence("Two.", start=9.5, end=19.0, speaker="Speaker 2")])])])
    article.speakers = [Speaker("Speaker 1", 9.0), Speaker("Speaker 2", 9.5)]
    name_speakers(article)
    assert [s.name for s in article.speakers] == ["Speaker 1", "Speaker 2"]
    assert [q.kind for q in article.qa] == ["narrator_unclear"] and "Jane Doe" in article.qa[0].message
    name_speakers(article, ("Ann Lee", "Bo Chen"))  # names given override: in order of first appearance
    assert [s.speaker for s in article.sentences] == ["Ann Lee", "Bo Chen"]


@pytest.mark.slow
def test_without_speakers_nothing_changes(two_readers: np.ndarray, heard: Article) -> None:
    plain = transcribe_audio(two_readers, options=TranscribeOptions())
    assert plain.speakers == [] and all(s.speaker is None for s in plain.sentences)
    assert [w.text for s in plain.sentences for w in s.words] == [w.text for s in heard.sentences for w in s.words]
    for fmt in ("md", "srt", "vtt", "json"):
        text = get_writer(fmt).render(plain)
        assert "Speaker" not in text and "<v " not in text and '"speaker' not in text


def test_a_count_or_names_imply_speakers() -> None:
    assert not TranscribeOptions().finds_speakers
    assert TranscribeOptions(num_speakers=2).finds_speakers
    assert TranscribeOptions(speaker_names=("Ann Lee",)).finds_speakers
