"""One definition of the audio formats: names, extensions, MIME types and the sample rates each encoder takes."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.errors import UsageError
from briefcast.formats import AUDIO_FORMATS, audio_format, format_of
from briefcast.narrate import NarrateOptions


def test_every_format_has_its_own_extension_and_a_mime_type():
    extensions = [f.extension for f in AUDIO_FORMATS.values()]
    assert len(set(extensions)) == len(extensions) == 5
    assert all(f.mime.startswith("audio/") for f in AUDIO_FORMATS.values())
    assert format_of("Briefing.M4A") is AUDIO_FORMATS["m4a"] and format_of("notes.txt") is None


def test_sample_rates_follow_the_format():
    assert NarrateOptions(format="opus", sample_rate=22050).validate().output_rate == 48000
    assert NarrateOptions(format="ogg", sample_rate=96000).validate().output_rate == 96000
    with pytest.raises(UsageError, match="mp3 cannot be written at 96000 Hz"):
        NarrateOptions(format="mp3", sample_rate=96000).validate()
    with pytest.raises(UsageError, match="out of range"):
        NarrateOptions(format="wav", sample_rate=4000).validate()
    with pytest.raises(UsageError, match="unknown audio format 'flac'"):
        audio_format("flac")


def test_the_cli_refuses_a_rate_the_encoder_cannot_write(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nOne sentence here.\n", encoding="utf-8")
    out = tmp_path / "a.mp3"
    result = CliRunner().invoke(main, ["narrate", str(article), "-o", str(out), "--sample-rate", "96000"])
    assert result.exit_code == 2
    assert "mp3 cannot be written at 96000 Hz" in result.output
    assert not (tmp_path / "a.mp3").exists()
