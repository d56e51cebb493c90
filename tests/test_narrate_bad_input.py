"""`briefcast narrate` and `briefcast voices` on bad input: one clean error line, a non-zero exit, no partial file."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcast.cli import main
from conftest import one_error_line


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)



def no_files(folder: Path) -> None:
    left = [p.name for p in folder.iterdir()] if folder.exists() else []
    assert left == [], f"left behind: {left}"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFCAST_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_empty_article(tmp_path, out):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    one_error_line(run("narrate", str(empty), "-o", str(out / "b.mp3")), 1, "empty")
    no_files(out)


def test_article_with_only_boilerplate(tmp_path, out):
    junk = tmp_path / "junk.md"
    junk.write_text("Copyright © Someone, 2024\n\nDisclaimer: The contents of this article are of sole "
                    "responsibility of the author(s).\n", encoding="utf-8")
    one_error_line(run("narrate", str(junk), "-o", str(out / "b.mp3"), "--no-cache"), 1, "no sentences to narrate")
    no_files(out)


def test_output_path_that_is_a_directory(sample_path, out):
    (out / "briefing.mp3").mkdir()
    one_error_line(run("narrate", str(sample_path), "-o", str(out / "briefing.mp3")), 1, "is a directory")
    assert [p.name for p in out.iterdir()] == ["briefing.mp3"]


def test_unwritable_output_folder(sample_path):
    """/sys refuses new files even to root, the way a read-only or foreign folder does."""
    one_error_line(run("narrate", str(sample_path), "-o", "/sys/briefing.mp3"), 1, "cannot write here")


def test_output_folder_without_write_permission(sample_path, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root ignores permission bits (the /sys case above covers it)")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        one_error_line(run("narrate", str(sample_path), "-o", str(locked / "b.mp3")), 1, "cannot write here")
        no_files(locked)
    finally:
        locked.chmod(0o700)


def test_output_under_a_file_instead_of_a_folder(sample_path, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    one_error_line(run("narrate", str(sample_path), "-o", str(blocker / "b.mp3")), 1, "not a folder")


def test_existing_output_needs_force(sample_path, out):
    (out / "b.mp3").write_bytes(b"keep me")
    one_error_line(run("narrate", str(sample_path), "-o", str(out / "b.mp3")), 1, "already exists", "--force")
    assert (out / "b.mp3").read_bytes() == b"keep me"


def test_unknown_voice(sample_path, out):
    one_error_line(run("narrate", str(sample_path), "-o", str(out / "b.mp3"), "--voice", "xx-nonexistent",
                       "--no-cache"), 2, "unknown voice", "briefcast voices")
    no_files(out)


@pytest.mark.parametrize("args, needle", [
    (["--rate", "5000"], "rate 5000"), (["--rate", "10"], "rate 10"), (["--volume", "3"], "volume"),
    (["--loudness", "5"], "loudness"), (["--subtitles", "srt,docx"], "docx"), (["--sample-rate", "100"], "sample"),
    (["--music", "no-such-sting.ogg"], "not found"), (["--bitrate", "lots"], "bitrate"),
])
def test_absurd_options(sample_path, out, args, needle):
    one_error_line(run("narrate", str(sample_path), "-o", str(out / "b.mp3"), *args), 2, needle)
    no_files(out)


def test_name_and_format_disagree(sample_path, out):
    one_error_line(run("narrate", str(sample_path), "-o", str(out / "b.ogg"), "--format", "mp3"), 2, "ogg")


def test_several_files_need_a_folder(sample_path, out):
    one_error_line(run("narrate", str(sample_path), str(sample_path), "-o", str(out / "b.mp3")), 2, "folder")


def _only(tmp_path: Path, *tools: str) -> str:
    """A PATH holding just these tools."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in tools:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    return str(bin_dir)


def test_missing_espeak_ng_names_the_debian_package(sample_path, out, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", _only(tmp_path, "ffmpeg"))
    one_error_line(run("narrate", str(sample_path), "-o", str(out / "b.mp3"), "--no-cache", "--engine", "pyttsx3"),
                   1, "espeak-ng is not installed", "install the Debian package espeak-ng")
    no_files(out)
    listed = run("voices")  # the engines that are installed still list their voices; pyttsx3 is left out
    assert listed.exit_code == 0 and "pyttsx3" not in listed.output


def test_missing_ffmpeg_names_the_debian_package(sample_path, out, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", _only(tmp_path, "espeak-ng"))
    one_error_line(run("narrate", str(sample_path), "-o", str(out / "b.mp3"), "--no-cache"), 1,
                   "ffmpeg is not installed", "install the Debian package ffmpeg")
    no_files(out)


@pytest.mark.slow
def test_stdin_and_a_folder_output_name_the_file_after_the_title(sample_path, out, tmp_path):
    result = run("narrate", "-", "-o", str(out), "--no-intro", "--no-outro", "-f", "wav",
                 input=sample_path.read_bytes())
    assert result.exit_code == 0, result.output
    name = "Video-Flood-Barrier-Holds-as-River-Thames-Reaches-Record-Level.wav"
    assert [p.name for p in out.iterdir()] == [name]
    assert result.stderr.startswith(f"{name}: 0:5") and "-16.0 LUFS, 2 chapters" in result.stderr
    assert (tmp_path / "cache" / "tts" / "sentences").is_dir()


@pytest.mark.slow
def test_voices_lists_english_voices():
    result = run("voices", "--language", "en")
    assert result.exit_code == 0
    rows = [line.split() for line in result.output.splitlines()[1:]]
    ids = [r[1] for r in rows if r[0] == "pyttsx3"]
    assert "gmw/en" in ids and "gmw/en-us" in ids and all("/" in i for i in ids)
    assert all(lang.lower().startswith("en") for r in rows if r[0] == "piper" for lang in r[-2].split(","))
