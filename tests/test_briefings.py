"""Narrating what the user named (briefcast.briefings): one result or failure per story, the others going on."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcast.briefings import narrate_inputs, script_previews
from briefcast.cli import main
from briefcast.errors import InputError
from briefcast.narrate.options import NarrateOptions

FERRY = ("Harbour Ferry Returns\n\nBy Jane Doe\n\nThe harbour ferry sailed again on Monday. "
         "Crews repaired the ramp overnight.\n")


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    """A short article and an empty file beside it, in a folder of their own with its own cache."""
    monkeypatch.setenv("BRIEFCAST_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_a_bad_input_of_several_is_one_failure_and_the_others_are_narrated(inputs):
    told: list = []
    done = narrate_inputs(["empty.txt", "ferry.txt"], "pod/", options=NarrateOptions(subtitles=()), report=told.append)
    assert [f.source for f in done.failures] == ["empty.txt"] and "is empty" in str(done.failures[0].error)
    assert [r.path for r in done.results] == [Path("pod/Harbour-Ferry-Returns.mp3")]
    assert told == [*done.failures, *done.results]  # told as it happened: the read failure first
    assert sorted(p.name for p in (inputs / "pod").iterdir()) == ["Harbour-Ferry-Returns.mp3"]

    result = CliRunner().invoke(main, ["narrate", "empty.txt", "ferry.txt", "-o", "again/", "--subtitles", "none"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("briefcast: error: empty.txt") and "is empty" in lines[0]
    assert lines[1].startswith("Harbour-Ferry-Returns.mp3: 0:")  # the summary of the one narrated
    assert lines[2:] == ["briefcast: error: 1 of 2 articles failed"]


def test_one_input_raises_its_error_and_standard_input_is_read_once(inputs):
    with pytest.raises(InputError, match="is empty"):
        narrate_inputs(["empty.txt"], "pod/")
    assert not (inputs / "pod").exists()
    with pytest.raises(Exception, match=r"standard input \(-\) can be read only once"):
        script_previews(["-", "-"])


def test_the_script_of_each_story_is_shown_with_its_input(inputs):
    (inputs / "barrier.md").write_text("# Barrier Holds\n\nThe river barrier held all night.\n", encoding="utf-8")
    scripts = script_previews(["ferry.txt", "barrier.md"], NarrateOptions(intro=False, outro=False))
    assert [(source, [line.text for line in lines]) for source, lines in scripts] == [
        ("ferry.txt", ["The harbour ferry sailed again on Monday.", "Crews repaired the ramp overnight."]),
        ("barrier.md", ["The river barrier held all night."])]
    assert scripts[0][1][0].pause_after == "sentence" and scripts[0][1][-1].pause_after == "end"
