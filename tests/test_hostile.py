"""Hostile inputs and environments, on real files made on the fly: each case has its exit code, its one-line
message, no leftovers, and existing files untouched. Only the cases that must run a speech engine are slow."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefcast.cli import main
from conftest import one_error_line

ARTICLE = ("Harbour Ferry Returns\n\nBy Jane Doe\n\nThe harbour ferry sailed again on Monday. "
           "Crews repaired the ramp overnight.\n")
FFMPEG = shutil.which("ffmpeg")
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None, reason="ffmpeg is not installed")


@pytest.fixture(autouse=True)
def hermetic(tmp_path, monkeypatch):
    """Every case runs in its own folder with its own cache, so that nothing lands in the user's."""
    monkeypatch.setenv("BRIEFCAST_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def run(*args: str, input: bytes | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env)



def leftovers(folder: Path) -> list[str]:
    """Temporary files a failed write left behind (fileio.atomic_path names them `.NAME.XXXX.part.EXT`)."""
    return sorted(p.name for p in folder.rglob("*.part*"))


def noise(size: int) -> bytes:
    """Bytes that are no media file. Seeded: some draws of os.urandom happen to look like a subtitle stream to
    ffprobe, which is another error ("has no audio track"), and a test that wants "not a media file" then fails."""
    import random

    return random.Random(size).randbytes(size)


def tone(path: Path, seconds: float = 1.0, *, silent: bool = False) -> Path:
    """A short real audio file made by ffmpeg (a 440 Hz tone, or silence)."""
    source = "anullsrc=r=16000:cl=mono" if silent else "sine=frequency=440:sample_rate=16000"
    subprocess.run([FFMPEG, "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", source, "-t", str(seconds),
                    "file:" + str(path.absolute())], check=True)
    return path


def article(path: Path, text: str = ARTICLE) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def ffmpeg_reports(folder: Path) -> list[str]:
    """Log files ffmpeg/ffprobe write when a file name is read as their `-report` option."""
    return sorted(p.name for p in folder.glob("*.log"))


# -- bad inputs that already get one line -------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "needle"), [
    (b"", "is empty"), (b" \n\t\n", "is empty"), (bytes(range(256)) * 8, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary")], ids=["empty", "blank", "binary", "png"])
def test_unusable_text_is_one_line(tmp_path, content, needle):
    (tmp_path / "in.txt").write_bytes(content)
    one_error_line(run("segment", "in.txt"), 1, "in.txt", needle)
    one_error_line(run("narrate", "in.txt", "-o", "out/"), 1, "in.txt", needle)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_latin1_text_is_read(tmp_path):
    (tmp_path / "in.txt").write_bytes("Caf\xe9 Reopens\n\nThe caf\xe9 on the square reopened today.\n"
                                      .encode("latin-1"))
    result = run("segment", "in.txt", "-f", "sentences")
    assert result.exit_code == 0 and "reopened today" in result.stdout


def test_missing_input_is_one_line():
    one_error_line(run("segment", "nope.txt"), 1, "nope.txt", "no such file")


@needs_ffmpeg
def test_corrupt_and_silent_media(tmp_path):
    (tmp_path / "corrupt.mp3").write_bytes(noise(4000))
    one_error_line(run("transcribe", "corrupt.mp3", "-o", "c.md"), 1, "corrupt.mp3")
    tone(tmp_path / "silent.wav", silent=True)
    result = run("transcribe", "silent.wav", "-o", "s.md")
    assert result.exit_code == 0 and "silent" in result.stderr
    assert not (tmp_path / "c.md").exists() and leftovers(tmp_path) == []


def test_text_on_standard_input_to_transcribe_names_standard_input():
    one_error_line(run("transcribe", "-", input=ARTICLE.encode()), 1, "standard input", "text file")


@needs_ffmpeg
def test_missing_ffmpeg_names_the_package(tmp_path):
    (tmp_path / "bin").mkdir()
    tone(tmp_path / "x.wav")
    one_error_line(run("transcribe", "x.wav", env={"PATH": str(tmp_path / "bin")}), 1, "ffmpeg")


# -- outputs: --force, inputs, extensions, unwritable places -----------------------------------------------------

def test_existing_output_is_untouched_without_force(tmp_path):
    article(tmp_path / "a.txt")
    for name, args in [("s.md", ("segment", "a.txt", "-o", "s.md")),
                       ("t.md", ("transcribe", "a.txt", "-o", "t.md")),
                       ("n.mp3", ("narrate", "a.txt", "-o", "n.mp3")),
                       ("m.pt", ("models", "convert", "--bundled", "m.pt"))]:
        (tmp_path / name).write_bytes(b"precious")
        one_error_line(run(*args), 1, name, "already exists", "--force")
        assert (tmp_path / name).read_bytes() == b"precious"
    assert leftovers(tmp_path) == []


def test_force_overwrites_but_never_an_input(tmp_path):
    article(tmp_path / "a.md")
    (tmp_path / "s.md").write_text("old")
    assert run("segment", "a.md", "-o", "s.md", "--force", "-q").exit_code == 0
    assert (tmp_path / "s.md").read_text().startswith("# Harbour Ferry Returns")
    one_error_line(run("segment", "a.md", "-o", "a.md", "--force"), 1, "a.md", "is an input", "even with --force")
    one_error_line(run("transcribe", "a.md", "-o", "a.md", "--force"), 1, "is an input")
    assert (tmp_path / "a.md").read_text() == ARTICLE


@pytest.mark.parametrize(("existing", "extra"), [("roundtrip.mp3", ()), ("roundtrip.srt", ("--subtitles", "srt")),
                                               ("roundtrip.ogg", ("-f", "ogg"))])
def test_roundtrip_keep_refuses_existing_files_before_any_work(tmp_path, existing, extra):
    article(tmp_path / "a.txt")
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / existing).write_bytes(b"precious")
    one_error_line(run("roundtrip", "a.txt", "--keep", "kept", *extra), 1, existing, "already exists", "--force")
    assert (tmp_path / "kept" / existing).read_bytes() == b"precious"
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == [existing]  # nothing narrated, no leftovers
    assert not (tmp_path / "cache").exists()  # no speech was synthesised (the clip cache was never opened)


@pytest.mark.slow
def test_roundtrip_keep_with_force_replaces_the_kept_audio(tmp_path):
    article(tmp_path / "a.txt")
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "roundtrip.mp3").write_bytes(b"old")
    result = run("roundtrip", "a.txt", "--keep", "kept", "--force", "--engine", "pyttsx3", "--json", "-q")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["reference_words"] > 10
    assert (tmp_path / "kept" / "roundtrip.mp3").read_bytes()[:3] == b"ID3"
    assert (tmp_path / "cache").is_dir()  # narrating opens the clip cache (the refusal test counts on it)


@pytest.mark.parametrize("args", [
    ("narrate", "a.txt", "-o", "out.xyz"), ("transcribe", "a.txt", "-o", "out.xyz"),
    ("segment", "a.txt", "-o", "out.xyz"), ("feed", ".", "--title", "T", "--base-url", "https://x.org/", "-o",
                                            "feed.txt"),
    ("models", "convert", "--bundled", "model.bin")], ids=lambda a: a[0] if a[0] != "models" else "models")
def test_unknown_output_extension_is_a_usage_error(tmp_path, args):
    article(tmp_path / "a.txt")
    one_error_line(run(*args), 2)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["a.txt"]


def test_output_inside_a_file_is_one_line(tmp_path):
    article(tmp_path / "a.txt")
    one_error_line(run("segment", "a.txt", "-o", "a.txt/x.md"), 1)
    one_error_line(run("narrate", "a.txt", "-o", "a.txt/x.mp3"), 1, "is not a folder")


def test_read_only_place_is_one_line(tmp_path):
    article(tmp_path / "a.txt")
    one_error_line(run("segment", "a.txt", "-o", "/proc/briefcast.md"), 1, "/proc")
    one_error_line(run("narrate", "a.txt", "-o", "/proc/briefcast.mp3"), 1, "/proc")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permission bits")
def test_unwritable_folder_is_one_line(tmp_path):
    article(tmp_path / "a.txt")
    (tmp_path / "locked").mkdir(mode=0o555)
    one_error_line(run("segment", "a.txt", "-o", "locked/x.md"), 1, "locked")
    one_error_line(run("narrate", "a.txt", "-o", "locked/x.mp3"), 1, "locked")


@pytest.fixture
def full_disk(tmp_path):
    """A 256 KB tmpfs filled to the last byte (needs root and mount; skipped otherwise)."""
    mnt = tmp_path / "full"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        with contextlib.suppress(OSError), open(mnt / "filler", "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_full_disk_is_one_clear_line(tmp_path, full_disk):
    article(tmp_path / "a.txt", ARTICLE + "More words on the ferry. " * 2000)
    line = one_error_line(run("segment", "a.txt", "-o", str(full_disk / "x.md")), 1, "the disk is full", str(full_disk))
    assert "error: error" not in line and "Errno" not in line
    result = run("batch", "a.txt", "--to", "text", "-o", str(full_disk / "out"), "-q")
    assert result.exit_code == 1 and "full" in result.stderr and "Errno" not in result.stderr, result.stderr
    assert not (full_disk / "x.md").exists() and leftovers(full_disk) == []


# -- narration options validated before any work ------------------------------------------------------------------

@needs_ffmpeg
@pytest.mark.parametrize(("args", "needle"), [
    (["-o", "b.mp3", "--sample-rate", "96000"], "mp3 cannot be written at 96000 Hz"),
    (["-o", "b.ogg", "--sample-rate", "96000"], "ogg cannot be encoded at 96000 Hz"),
    (["-o", "b.mp3", "--subtitles", "srt,docx"], "docx")])
def test_impossible_narration_settings_fail_before_any_work(tmp_path, args, needle):
    article(tmp_path / "a.txt")
    one_error_line(run("narrate", "a.txt", *args), 2, needle)
    assert not (tmp_path / "cache").exists() and not list(tmp_path.glob("b.*"))


@needs_ffmpeg
def test_verbose_after_the_command_shows_the_tools_own_words(tmp_path):
    article(tmp_path / "a.txt")
    result = run("narrate", "a.txt", "-o", "b.ogg", "--sample-rate", "96000", "-v")
    assert result.exit_code == 2
    first, *detail = [line for line in result.stderr.splitlines() if line.strip()]
    assert first.startswith("briefcast: error: ogg cannot be encoded")
    assert detail and all(line.startswith("  ") for line in detail)  # ffmpeg's own error text, indented


def test_debug_after_the_command_shows_the_traceback():
    result = run("segment", "nope.txt", "--debug")
    assert result.exit_code == 1 and result.exception is not None  # re-raised for the traceback
    assert type(result.exception).__name__ == "InputError"


# -- hostile names: never read as options by ffmpeg or ffprobe ----------------------------------------------------

@needs_ffmpeg
@pytest.mark.parametrize("name", ["-report.wav", "./-x.wav", "http:x.wav"])
def test_hostile_names_reach_ffmpeg_as_files(tmp_path, name):
    import numpy as np

    from briefcast.narrate.encode import decode, encode, measure
    from briefcast.narrate.mix import load_music
    from briefcast.narrate.options import NarrateOptions

    x = (0.1 * np.sin(np.arange(16000) * 2 * np.pi * 440 / 16000)).astype(np.float32)
    encode(x, 16000, Path(name), NarrateOptions(format="wav", sample_rate=16000))
    assert (tmp_path / Path(name).name).is_file()
    assert len(decode(Path(name), 16000)) == pytest.approx(16000, abs=200)
    assert measure(Path(name))[0] < 0
    assert len(load_music(name, 16000)) == pytest.approx(16000, abs=200)
    assert ffmpeg_reports(tmp_path) == []


@needs_ffmpeg
@pytest.mark.parametrize("name", ["-report.wav", "./-report.wav"])
def test_media_named_like_an_option_is_probed_and_decoded(tmp_path, name):
    from briefcast.media import decode, probe, stream

    tone(tmp_path / "-report.wav", seconds=1.0)
    assert probe(Path(name)).duration == pytest.approx(1.0, abs=0.05)
    assert len(decode(name)) == pytest.approx(16000, abs=200)
    assert sum(len(w) for w in stream(name, window=0.25)) == pytest.approx(16000, abs=200)
    assert ffmpeg_reports(tmp_path) == []


@needs_ffmpeg
@pytest.mark.slow
def test_transcribe_a_file_named_like_an_option(tmp_path):
    tone(tmp_path / "-report.wav", seconds=1.0)
    result = run("transcribe", "./-report.wav", "-o", "out.md", "-q")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out.md").is_file() and ffmpeg_reports(tmp_path) == []


@needs_ffmpeg
def test_batch_of_hostile_names(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    tone(src / "-report.wav", silent=True)
    article(src / "-x.txt")
    result = run("batch", "in", "--to", "text", "-o", "out", "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "report.json", "report.md", "x.json", "x.md"]
    assert ffmpeg_reports(tmp_path) == [] and ffmpeg_reports(src) == []


# -- batch -------------------------------------------------------------------------------------------------------

def test_symlink_loop_is_one_failed_entry(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    article(src / "a.txt")
    os.symlink("loop2.txt", src / "sub" / "loop1.txt")
    os.symlink("loop1.txt", src / "sub" / "loop2.txt")
    result = run("batch", "in", "-r", "--to", "text", "-o", "out")
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("briefcast: failed:")]
    assert len(failed) == 2 and all(line.endswith("a symlink loop") for line in failed)
    assert (tmp_path / "out" / "a.md").is_file() and "Traceback" not in result.output


def test_articles_get_no_empty_subtitles_and_it_is_said_once(tmp_path):
    for n in "abc":
        article(tmp_path / f"{n}.txt")
    result = run("batch", "a.txt", "b.txt", "c.txt", "--to", "text", "-t", "md,json,srt", "-o", "out", "-q")
    assert result.exit_code == 0
    assert sorted(p.suffix for p in (tmp_path / "out").glob("a.*")) == [".json", ".md"]
    assert result.stderr.count("srt not written") == 1
    result = run("batch", "a.txt", "--to", "text", "-t", "srt", "-o", "out2", "-q")
    assert result.exit_code == 1 and "cannot apply" in result.stderr
    assert not list((tmp_path / "out2").glob("a.*"))


@needs_ffmpeg
def test_batch_failure_lines_name_the_path_once_and_every_line_is_prefixed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.md").write_text("")
    (src / "corrupt.mp3").write_bytes(noise(3000))
    tone(src / "silent.wav", silent=True)
    result = run("batch", "in", "-o", "out", "-q")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(line.startswith("briefcast: ") for line in lines), lines
    failed = [line for line in lines if line.startswith("briefcast: failed:")]
    assert len(failed) == 2
    for line in failed:
        name = line.split(": ")[2]
        assert line.count(Path(name).name) == 1, line


def test_batch_never_replaces_a_file_it_did_not_write(tmp_path):
    article(tmp_path / "a.txt")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.md").write_text("precious")
    result = run("batch", "a.txt", "--to", "text", "-o", "out", "-q")
    assert result.exit_code == 1 and "already exists and this batch did not write it" in result.stderr
    assert (tmp_path / "out" / "a.md").read_text() == "precious"
    assert run("batch", "a.txt", "--to", "text", "-o", "out", "-q", "--force").exit_code == 0
    assert (tmp_path / "out" / "a.md").read_text().startswith("# Harbour Ferry Returns")
    assert run("batch", "a.txt", "--to", "text", "-o", "out", "-q").exit_code == 0  # its own outputs: fine
    assert run("batch", "a.txt", "--to", "text", "-o", "out", "-q", "--redo").exit_code == 0


@pytest.mark.parametrize("spelling", ["same", "symlink", "hardlink"])
@pytest.mark.parametrize("redo", [False, True], ids=["first-run", "after-own-output"])
def test_batch_never_writes_over_its_list_file(tmp_path, spelling, redo):
    # the @list lives in OUTDIR under the name an output takes (a.md); with --force, and even after the batch
    # wrote a.md itself (the manifest lists it), the list is an input: the job fails, the list stays
    article(tmp_path / "a.txt")
    out = tmp_path / "out"
    out.mkdir()
    if redo:
        assert run("batch", "a.txt", "--to", "text", "-t", "md", "-o", "out", "-q").exit_code == 0
    (out / "a.md").unlink(missing_ok=True)  # the batch's own output makes way for the list (or a link to it)
    listing = (out / "a.md") if spelling == "same" else (tmp_path / "inputs.lst")
    listing.write_text(f"{tmp_path / 'a.txt'}\n", encoding="utf-8")
    if spelling == "symlink":
        os.symlink(listing, out / "a.md")
    elif spelling == "hardlink":
        os.link(listing, out / "a.md")
    before = listing.read_bytes()
    result = run("batch", f"@{out / 'a.md'}", "--to", "text", "-t", "md", "-o", "out", "--force", "--redo", "-q")
    assert result.exit_code == 1, result.output
    assert "a.md: is an input of this batch" in result.stderr and "even with --force" in result.stderr
    assert listing.read_bytes() == before and leftovers(tmp_path) == []


def test_batch_never_writes_over_an_input_linked_into_outdir(tmp_path):
    # a hard link to the input under the output's name: the input itself
    src = tmp_path / "in"
    src.mkdir()
    md = article(src / "a.md")
    (tmp_path / "out").mkdir()
    os.link(md, tmp_path / "out" / "a.md")
    before = md.read_bytes()
    result = run("batch", "in", "--to", "text", "-t", "md", "-o", "out", "--force", "-q")
    assert result.exit_code == 1 and "is an input of this batch" in result.stderr
    assert md.read_bytes() == before


# -- feed -------------------------------------------------------------------------------------------------------

@needs_ffmpeg
def test_a_bad_episode_never_stops_the_feed(tmp_path):
    pytest.importorskip("feedgen")
    pod = tmp_path / "pod"
    pod.mkdir()
    for stem in ("good", "control", "broken"):
        tone(pod / f"{stem}.mp3", 0.5)
    (pod / "control.json").write_text(json.dumps({"title": "Evil \x1b[31mred\x07 title", "sections": []}))
    (pod / "broken.json").write_text("{not json")
    os.symlink("nowhere.mp3", pod / "dangling.mp3")
    result = run("feed", "pod", "--title", "T", "--base-url", "https://example.org/p/")
    assert result.exit_code == 0, result.stderr
    xml = (pod / "feed.xml").read_text(encoding="utf-8")
    assert xml.count("<item>") == 3 and "Evil red title" in xml and "\x1b" not in xml
    assert result.stderr.count("broken.json") == 1  # the warning names the file, once (the folder is read once)
    assert run("feed", "pod", "--title", "T2", "--base-url", "https://example.org/p/", "-q").exit_code == 0
    (pod / "mine.xml").write_text("<notes/>")
    one_error_line(run("feed", "pod", "--title", "T", "--base-url", "https://example.org/p/", "-o", "pod/mine.xml"), 1,
             "already exists")
    assert (pod / "mine.xml").read_text() == "<notes/>"


# -- the CLI speaks one dialect -----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [("narrate",), ("transcribe",), ("batch",), ("roundtrip",), ("segment",),
                                     ("feed",), ("models", "convert")], ids=" ".join)
def test_every_long_running_command_takes_quiet_verbose_and_debug(command):
    out = run(*command, "--help").output
    for flag in ("-q, --quiet", "-v, --verbose", "--debug"):
        assert flag in out, (command, flag)


@pytest.mark.parametrize("command", ["narrate", "transcribe", "batch", "segment"])
def test_f_is_the_output_format_everywhere(command):
    out = " ".join(run(command, "--help").output.split())
    assert "-f, --format" in out and "format" in out.split("-f, --format", 1)[1][:80].lower()


def test_voice_help_is_the_same_everywhere():
    helps = {c: " ".join(run(c, "--help").output.split()) for c in ("narrate", "batch", "roundtrip")}
    for c, out in helps.items():
        assert "briefcast voices" in out and "espeak-ng --voices" not in out, c


def test_jobs_says_processes_at_once():
    for c in ("narrate", "batch"):
        assert "Processes working at once" in " ".join(run(c, "--help").output.split())


@pytest.mark.slow
def test_same_titles_into_one_folder_get_distinct_names_and_subtitles_all(tmp_path):
    for n in "ab":
        article(tmp_path / f"{n}.txt")
    result = run("narrate", "a.txt", "b.txt", "-o", "pod/", "--subtitles", "all", "-q")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "pod").iterdir())
    assert "Harbour-Ferry-Returns.mp3" in names and "Harbour-Ferry-Returns-2.mp3" in names
    assert "Harbour-Ferry-Returns-2.vtt" in names and "Harbour-Ferry-Returns-2.chapters.json" in names
    before = (tmp_path / "pod" / "Harbour-Ferry-Returns.mp3").read_bytes()
    one_error_line(run("narrate", "a.txt", "-o", "pod/"), 1, "already exists", "--force")
    assert (tmp_path / "pod" / "Harbour-Ferry-Returns.mp3").read_bytes() == before
    result = run("batch", "a.txt", "-o", "bpod", "--subtitles", "all", "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "bpod").iterdir() if not p.name.startswith(".")) == [
        "a.chapters.json", "a.json", "a.mp3", "a.srt", "a.vtt"]


@needs_ffmpeg
def test_batch_verbose_shows_the_tools_words_under_the_failure_once(tmp_path):
    (tmp_path / "corrupt.mp3").write_bytes(noise(3000))
    result = run("batch", "corrupt.mp3", "-o", "out", "-q", "-v")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    failed = [i for i, line in enumerate(lines) if "corrupt.mp3: not a media file" in line]
    assert len(failed) == 1 and lines[failed[0]].startswith("briefcast: failed: ")
    assert lines[failed[0] + 1].startswith("  ")  # ffmpeg's own words, indented under it


def test_a_sidecar_never_replaces_the_input(tmp_path):
    article(tmp_path / "a.json")
    result = run("narrate", "a.json", "-o", "a.mp3", "--subtitles", "json", "--force")
    one_error_line(result, 1, "a.json", "is an input")
    assert (tmp_path / "a.json").read_text() == ARTICLE and not (tmp_path / "a.mp3").exists()


@needs_ffmpeg
def test_transcribe_reads_media_from_standard_input(tmp_path):
    data = tone(tmp_path / "silent.wav", silent=True).read_bytes()
    result = run("transcribe", "-", "-o", "t.json", input=data)
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "t.json").read_text())["qa"]  # silence recorded, not dropped
    assert "-> t.json" in result.stderr


# --- Issue 23: data that is not ours, stopping ---

def test_batch_removes_only_its_own_temporaries(tmp_path):
    article(tmp_path / "a.txt")
    out = tmp_path / "out"
    out.mkdir()
    user = {".notes.partial.txt": b"notes", ".disk.partition.img": b"disk", ".x.part": b"x",
            ".a.md.notes.part.md": b"near miss", ".a.md.0123456z.part.md": b"not hex",
            f".briefcast-write-test-{os.getpid()}": b"the name the batch once proved OUTDIR writable with"}
    for name, data in user.items():
        (out / name).write_bytes(data)
    assert run("batch", "a.txt", "--to", "text", "-o", "out", "-q").exit_code == 0
    stale = out / ".a.md.0123abcd.part.md"  # what a killed write of a.md leaves (fileio.atomic_path)
    stale.write_bytes(b"half")
    assert run("batch", "a.txt", "--to", "text", "-o", "out", "-q", "--redo").exit_code == 0
    assert not stale.exists()
    assert {name: (out / name).read_bytes() for name in user} == user


@pytest.mark.parametrize("address", ["not an address", "127.0.0.1", "tcp://host:99999", "http://x:1"])
def test_scheduler_that_is_not_an_address_is_one_line(tmp_path, address):
    article(tmp_path / "a.txt")
    one_error_line(run("batch", "a.txt", "-o", "out", "--scheduler", address), 2, "tcp://")


@pytest.mark.parametrize("listener", ["http", "nothing", "silent"])
def test_scheduler_that_does_not_answer_fails_within_its_timeout(tmp_path, listener):
    import http.server
    import socket
    import threading

    article(tmp_path / "a.txt")
    server: Any = None
    if listener == "http":  # accepts the connection and never speaks Dask
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # the server's own log is not briefcast's stderr
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
    else:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        if listener == "silent":  # a socket that listens and never reads
            sock.listen()
            server = sock
        else:
            sock.close()  # nothing listens on the port
    try:
        result = run("batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--scheduler",
                     f"tcp://127.0.0.1:{port}", "--scheduler-timeout", "1")
    finally:
        if isinstance(server, http.server.HTTPServer):
            server.shutdown()
        elif server is not None:
            server.close()
    one_error_line(result, 2, "Dask scheduler")
    assert not list((tmp_path / "out").glob("a.*"))


def _stop_stdin_copy(tmp_path: Path, *names: str, ignore: str | None = None) -> tuple[int, list[str], Path]:
    """Run `briefcast transcribe - -o t.md` with its own temporary folder and standard input held open, wait until
    it copies standard input, then send it the signals `names`, one right after the other. `ignore`: a signal it is
    started with ignored, as `nohup` does. Returns its exit code, its stderr lines and the temporary folder."""
    import signal
    import sys
    import time

    def ignored() -> None:
        if ignore is not None:
            signal.signal(getattr(signal, ignore), signal.SIG_IGN)

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", "from briefcast.cli import main; main()", "transcribe", "-", "-o",
                             "t.md"], stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                            env={**os.environ, "TMPDIR": str(tmp)}, preexec_fn=ignored)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not list(tmp.glob("briefcast-stdin-*")):
        time.sleep(0.05)
    assert list(tmp.glob("briefcast-stdin-*"))  # work has started: stdin is being copied
    for name in names:
        proc.send_signal(getattr(signal, name))
    _, err = proc.communicate(timeout=30)
    return proc.returncode, err.decode().strip().splitlines(), tmp


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_stop_signal_on_standard_input_cleans_the_temporary_folder(tmp_path, name):
    import signal

    code, err, tmp = _stop_stdin_copy(tmp_path, name)
    assert code == 128 + getattr(signal, name)
    assert err == [f"briefcast: stopped by {name}"]
    assert list(tmp.iterdir()) == [] and not (tmp_path / "t.md").exists()


@pytest.mark.parametrize("names", [("SIGHUP", "SIGTERM"), ("SIGTERM", "SIGHUP"), ("SIGTERM", "SIGTERM", "SIGHUP")],
                         ids="+".join)
def test_stop_signals_back_to_back_are_one_line(tmp_path, names):
    # systemd sends SIGTERM then SIGHUP, `timeout` the command then its group: a second stop signal already pending
    # when the first was handled printed "OSError: Signal 15 ignored due to race condition" and its traceback
    import signal

    code, err, tmp = _stop_stdin_copy(tmp_path, *names)
    assert code - 128 in {getattr(signal, n) for n in names}  # whichever the program saw first
    assert err == [f"briefcast: stopped by {signal.Signals(code - 128).name}"]
    assert list(tmp.iterdir()) == [] and not (tmp_path / "t.md").exists()


@pytest.mark.parametrize("ignored, sent", [("SIGHUP", "SIGTERM"), ("SIGTERM", "SIGHUP")], ids=["nohup", "trap-term"])
def test_a_stop_signal_ignored_at_start_stays_ignored(tmp_path, ignored, sent):
    # `nohup briefcast ...` (SIGHUP ignored when it starts) outlives a closed terminal; the other stop signal still
    # stops it. The ignored one goes first: had it been handled, it would have stopped the command
    import signal

    code, err, tmp = _stop_stdin_copy(tmp_path, ignored, sent, ignore=ignored)
    assert code == 128 + getattr(signal, sent)
    assert err == [f"briefcast: stopped by {sent}"]
    assert list(tmp.iterdir()) == [] and not (tmp_path / "t.md").exists()


LONG_ARTICLE = "Harbour Ferry Returns\n\nBy Jane Doe\n\n" + "\n\n".join(
    f"Crews on shift {n} repaired ramp number {n} overnight, and the harbour master thanked all of them." for n in
    range(1, 121)) + "\n"  # minutes of speech: a stop signal always lands mid-synthesis


def _speaking(tmp: Path, pid: int) -> bool:
    """A clip of synthesised speech exists in the temporary folder."""
    return any(tmp.rglob("*.pcm"))


def _stop_mid_run(args: list[str], tmp_path: Path, name: str, group: bool,
                  ready: Any = _speaking) -> tuple[int, list[str], Path]:
    """Run `briefcast ARGS` with its own temporary folder, wait until it has demonstrably started its work
    (`ready(tmp, pid)`; by default a clip of synthesised speech exists in that folder), then send the signal `name`
    to it (or, as a terminal's Ctrl-C or hangup does, to its whole process group). Returns its exit code, its
    stderr lines and the temporary folder."""
    import signal
    import sys
    import time

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", "from briefcast.cli import main; main()", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path,
                            env={**os.environ, "TMPDIR": str(tmp)}, start_new_session=True)
    try:
        deadline = time.monotonic() + 300  # only a guard against a hang: the loop ends when the work is seen
        while time.monotonic() < deadline and proc.poll() is None and not ready(tmp, proc.pid):
            time.sleep(0.05)
        assert proc.poll() is None and ready(tmp, proc.pid), proc.stderr.read().decode() if proc.stderr else ""
        signum = getattr(signal, name)
        if group:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return proc.returncode, err.decode().splitlines(), tmp


STOPS = [("SIGTERM", False), ("SIGINT", False), ("SIGINT", True)]
STOP_IDS = ["sigterm", "sigint", "ctrl-c-group"]


@pytest.mark.slow
@needs_ffmpeg
@pytest.mark.parametrize("name, group", STOPS, ids=STOP_IDS)
def test_a_stop_signal_mid_narration_leaves_no_output_and_no_temporaries(tmp_path, name, group):
    import signal

    article(tmp_path / "a.txt", LONG_ARTICLE)
    code, err, tmp = _stop_mid_run(["narrate", "a.txt", "-o", "out/a.mp3", "--no-cache", "-q"], tmp_path, name,
                                   group)
    signum = getattr(signal, name)
    assert code == 128 + signum, err
    assert err[-1:] == ["briefcast: " + ("interrupted" if name == "SIGINT" else f"stopped by {name}")], err
    assert not (tmp_path / "out" / "a.mp3").exists() and leftovers(tmp_path) == []
    assert list(tmp.iterdir()) == []  # briefcast-clips-*, briefcast-tts-*, the engine's folders: all gone


@pytest.mark.slow
@needs_ffmpeg
def test_a_stop_signal_mid_roundtrip_leaves_no_temporaries(tmp_path):
    import signal

    article(tmp_path / "a.txt", LONG_ARTICLE)
    code, err, tmp = _stop_mid_run(["roundtrip", "a.txt", "-q"], tmp_path, "SIGTERM", False)
    assert code == 128 + signal.SIGTERM, err
    assert err[-1:] == ["briefcast: stopped by SIGTERM"], err
    assert list(tmp.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "cache", "tmp"]


@pytest.mark.slow
@needs_ffmpeg
@pytest.mark.parametrize("name, group", [("SIGINT", True)], ids=["ctrl-c-group"])  # (the workers get it too)
def test_a_stop_signal_mid_batch_keeps_only_whole_outputs_and_no_temporaries(tmp_path, name, group):
    import signal

    from mutagen.mp3 import MP3

    (tmp_path / "in").mkdir()
    story = "\n\n".join(LONG_ARTICLE.split("\n\n")[:32]) + "\n"  # 30 sentences: the rerun stays short
    for n in range(3):
        article(tmp_path / "in" / f"story{n}.txt", story.replace("Crews", f"Team {n} crews"))
    voice = ["--speech-engine", "pyttsx3"]  # (the stop is what is tested, not the voice: the fast engine)
    code, err, tmp = _stop_mid_run(["batch", "in", "-o", "out", "--jobs", "1", "--no-cache", "-q", *voice], tmp_path,
                                   name, group)
    signum = getattr(signal, name)
    assert code == 128 + signum, err
    stopped = "interrupted" if name == "SIGINT" else f"stopped by {name}"
    assert err[-1:] == [f"briefcast: {stopped}: finished outputs are kept; run the same command again to resume"]
    out = tmp_path / "out"
    assert leftovers(out) == [] and list(tmp.iterdir()) == []  # no .part in OUTDIR; worker scratch gone
    for mp3 in out.glob("*.mp3"):  # a story finished before the signal is whole; none is cut short
        assert MP3(mp3).info.length > 30, mp3
    resumed = run("batch", "in", "-o", "out", "--jobs", "1", "--json", "-q", *voice)  # the rerun finishes the rest
    assert resumed.exit_code == 0, resumed.output
    assert sorted(p.name for p in out.glob("*.mp3")) == ["story0.mp3", "story1.mp3", "story2.mp3"]


@pytest.mark.slow
@needs_ffmpeg
def test_a_stop_signal_mid_dask_batch_is_one_line_and_leaves_no_scratch(tmp_path):
    # Dask's scheduler kept its scratch space in the temporary folder, and on a stop its workers and nannies
    # said that tasks were cancelled and workers killed: only briefcast's stop line is left
    import signal

    pytest.importorskip("distributed")
    (tmp_path / "in").mkdir()
    article(tmp_path / "in" / "story.txt", LONG_ARTICLE)
    code, err, tmp = _stop_mid_run(["batch", "in", "-o", "out", "--engine", "dask", "--jobs", "1", "--no-cache",
                                    "-q", "--speech-engine", "pyttsx3"], tmp_path, "SIGTERM", False)
    assert code == 128 + signal.SIGTERM, err
    assert err == ["briefcast: stopped by SIGTERM: finished outputs are kept; run the same command again to resume"]
    assert list(tmp.iterdir()) == [] and leftovers(tmp_path / "out") == []
    assert not list((tmp_path / "out").glob("story.*"))


def _pool_running(tmp: Path, pid: int) -> bool:
    """The batch's worker pool is up: its scratch folder exists and multiprocessing's resource tracker (a child of
    the coordinator, in its process group) runs."""
    children = [p for p in Path("/proc").glob("[0-9]*") if _parent(p) == pid]
    tracker = any(b"resource_tracker" in (p / "cmdline").read_bytes() for p in children if p.exists())
    return tracker and any(tmp.glob("briefcast-batch-*"))


def _parent(proc: Path) -> int | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    return None


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")
def test_a_hangup_of_the_whole_group_mid_batch_is_one_line(tmp_path):
    # a closed terminal signals the whole process group: multiprocessing's resource tracker died of it and was
    # relaunched with a warning and a KeyError traceback per lock of the pool
    import signal

    words = "harbour ferry crews ramp repaired monday overnight officials said river bridge council".split()
    story = "\n\n".join(" ".join(f"{words[(n + i) % 12].capitalize()} {' '.join(words[:9])}." for i in range(5))
                         for n in range(2000))  # takes seconds to segment: the hangup lands while it runs
    article(tmp_path / "a.txt", "Big Story\n\n" + story + "\n")
    code, err, tmp = _stop_mid_run(["batch", "a.txt", "--to", "text", "-o", "out", "--jobs", "1", "-q"], tmp_path,
                                   "SIGHUP", True, ready=_pool_running)
    assert code == 128 + signal.SIGHUP, err
    assert err == ["briefcast: stopped by SIGHUP: finished outputs are kept; run the same command again to resume"]
    assert list(tmp.iterdir()) == [] and leftovers(tmp_path / "out") == []
    assert not list((tmp_path / "out").glob("a.*"))


DAMAGES = [lambda b: bytes(len(b)), lambda b: b[::-1], lambda b: b[:-1] + bytes([b[-1] ^ 1]), lambda b: b[:-100]]
DAMAGE_IDS = ["zeros", "reversed", "last-bit", "truncated"]


@pytest.mark.parametrize("damage", DAMAGES, ids=DAMAGE_IDS)
def test_a_damaged_render_cache_entry_is_dropped_with_one_warning(tmp_path, caplog, damage):
    from briefcast.narrate.cache import Cache, RenderManifest

    store = Cache(tmp_path / "c")
    (tmp_path / "b.mp3").write_bytes(b"ID3" + os.urandom(997))
    store.put_render("k", tmp_path / "b.mp3", RenderManifest(1.0, -16.0, -1.5, ((0.0, 1.0),), ()))
    assert store.get_render("k") is not None
    entry = tmp_path / "c" / "renders" / "k.audio"
    entry.write_bytes(damage(entry.read_bytes()))  # the same size, other bytes
    assert store.get_render("k") is None
    assert [r.levelname for r in caplog.records] == ["WARNING"] and "damaged" in caplog.records[0].getMessage()
    assert not entry.exists() and not entry.with_suffix(".json").exists()  # dropped, rebuilt on the next narration


@pytest.mark.parametrize("damage", DAMAGES, ids=DAMAGE_IDS)
def test_a_damaged_sentence_clip_is_dropped_with_one_warning(tmp_path, caplog, damage):
    # a clip whose samples went bad behind an intact header was read as speech: noise in the briefing
    from briefcast.narrate.cache import Cache

    store = Cache(tmp_path / "c")
    pcm = noise(4000)
    store.put_clip("ab12", pcm, 22050)
    assert store.get_clip("ab12") == (pcm, 22050)
    (entry,) = (tmp_path / "c" / "sentences").rglob("ab12.*")
    entry.write_bytes(damage(entry.read_bytes()))
    assert store.get_clip("ab12") is None
    assert [r.levelname for r in caplog.records] == ["WARNING"] and "damaged" in caplog.records[0].getMessage()
    assert not entry.exists()  # dropped: the sentence is spoken again and cached anew
    store.put_clip("ab12", pcm, 22050)
    assert store.get_clip("ab12") == (pcm, 22050)


def test_a_render_cache_entry_is_the_json_it_has_always_been(tmp_path):
    from briefcast.narrate.cache import Cache, RenderManifest

    store = Cache(tmp_path / "c")
    (tmp_path / "b.mp3").write_bytes(b"ID3 a briefing")
    manifest = RenderManifest(77.195, -16.0, -1.9, ((0.4, 4.035600907029479), (4.385578231292517, 7.920589569160998)),
                              ((0.0, 10.019, "Intro"), (10.019, 77.195, "Credits")))
    store.put_render("k", tmp_path / "b.mp3", manifest)
    digest = hashlib.sha256(b"ID3 a briefing").hexdigest()
    assert (tmp_path / "c" / "renders" / "k.json").read_text() == (
        '{"duration": 77.195, "loudness": -16.0, "true_peak": -1.9, "spans": [[0.4, 4.035600907029479], '
        '[4.385578231292517, 7.920589569160998]], "chapters": [[0.0, 10.019, "Intro"], [10.019, 77.195, "Credits"]], '
        f'"size": 14, "sha256": "{digest}"}}')
    assert store.get_render("k") == (tmp_path / "c" / "renders" / "k.audio", manifest)


@needs_ffmpeg
@pytest.mark.parametrize("option", ["--music", "--bed"])
@pytest.mark.parametrize("spelling", ["same", "symlink", "hardlink"])
def test_narration_never_writes_over_its_music(tmp_path, option, spelling):
    article(tmp_path / "a.txt")
    music = tone(tmp_path / "m.wav", 0.5)
    before = music.read_bytes()
    out = {"same": "m.wav", "symlink": "l.wav", "hardlink": "h.wav"}[spelling]
    if spelling == "symlink":
        os.symlink("m.wav", tmp_path / out)
    elif spelling == "hardlink":
        os.link(music, tmp_path / out)
    one_error_line(run("narrate", "a.txt", "-o", out, option, "m.wav", "--force"), 1, "is an input", "--force")
    assert music.read_bytes() == before and leftovers(tmp_path) == []


@needs_ffmpeg
@pytest.mark.parametrize("voice", ["Voice.ONNX", "myvoice", "~/joe.onnx"], ids=["upper-case", "no-suffix", "home"])
def test_narration_never_writes_over_its_voice(tmp_path, monkeypatch, voice):
    # a Piper voice is read from VOICE and VOICE.json whatever VOICE is called: -o VOICE.mp3 with a json sidecar
    # would replace the voice's config
    monkeypatch.setenv("HOME", str(tmp_path))
    article(tmp_path / "a.txt")
    model = Path(voice).expanduser() if voice.startswith("~") else tmp_path / voice
    config = model.with_name(model.name + ".json")
    model.write_bytes(b"onnx weights")
    config.write_text('{"audio": {"sample_rate": 22050}}')
    before = {p: p.read_bytes() for p in (model, config)}
    result = run("narrate", "a.txt", "-o", str(model) + ".mp3", "--subtitles", "json", "--voice", voice, "--engine",
                 "piper", "--force")
    one_error_line(result, 1, config.name, "is an input", "--force")
    assert {p: p.read_bytes() for p in before} == before and leftovers(tmp_path) == []


@needs_ffmpeg
@pytest.mark.parametrize("args", [("transcribe", "x.wav", "--model", "m", "-o", "m/config.json"),
                                  ("transcribe", "x.wav", "--model", "mlink/", "-o", "m/vocabulary.txt"),
                                  ("batch", "config.wav", "--to", "text", "-t", "json", "--model", "m", "-o", "m")],
                         ids=["transcribe", "through-a-link", "batch"])
def test_recognition_never_writes_over_its_model(tmp_path, args):
    # a model folder given with --model is read: no transcript may replace a file of it, even with --force
    (tmp_path / "m").mkdir()
    for name in ("model.bin", "config.json", "vocabulary.txt"):
        (tmp_path / "m" / name).write_bytes(name.encode())
    os.symlink("m", tmp_path / "mlink")
    tone(tmp_path / "x.wav", 0.2)
    shutil.copyfile(tmp_path / "x.wav", tmp_path / "config.wav")
    result = run(*args, "--force", "-q")
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 1 and len(lines) == 1 and "is an input of this" in lines[0], result.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "m").iterdir() if not p.name.startswith(".")} == {
        "model.bin": b"model.bin", "config.json": b"config.json", "vocabulary.txt": b"vocabulary.txt"}


def test_roundtrip_never_writes_over_its_article(tmp_path):
    # the kept narration's sidecar takes the article's name: refused before any work, even with --force
    from briefcast.narrate import NarrateOptions, narrate_file

    (tmp_path / "kept").mkdir()
    article(tmp_path / "kept" / "roundtrip.json")
    article(tmp_path / "kept" / "roundtrip.srt")
    for kind in ("json", "srt"):
        one_error_line(run("roundtrip", f"kept/roundtrip.{kind}", "--keep", "kept", "--subtitles", kind, "--force"),
                       1, f"roundtrip.{kind}", "is an input")
    with pytest.raises(Exception, match="is an input"):  # the library's narrate_file, as the roundtrip calls it
        narrate_file("kept/roundtrip.json", "kept/roundtrip.mp3", options=NarrateOptions(subtitles=("json",),
                                                                                          force=True))
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == ["roundtrip.json", "roundtrip.srt"]
    assert all(p.read_text() == ARTICLE for p in (tmp_path / "kept").iterdir())
    assert not (tmp_path / "cache").exists()  # nothing was narrated


@pytest.mark.parametrize("bad", ["empty", "garbage", "foreign"])
def test_an_untrusted_manifest_is_set_aside(tmp_path, bad):
    article(tmp_path / "a.txt")
    manifest = tmp_path / "out" / ".briefcast-manifest.sqlite"
    if bad == "foreign":
        assert run("batch", "a.txt", "--to", "text", "-o", "other", "-q").exit_code == 0
        (tmp_path / "out").mkdir()
        shutil.copyfile(tmp_path / "other" / manifest.name, manifest)
    else:
        manifest.parent.mkdir()
        manifest.write_bytes(b"" if bad == "empty" else b"SQLite format 3\x00" + os.urandom(4000))
    result = run("batch", "a.txt", "--to", "text", "-o", "out", "-q")
    assert result.exit_code == 0 and result.stderr.count("set aside") == 1, result.stderr
    assert (tmp_path / "out" / "a.md").is_file() and list((tmp_path / "out").glob(manifest.name + ".set-aside-*"))


@pytest.mark.parametrize("target", ["dangling", "database", "other-outdir"])
def test_a_manifest_that_is_a_link_is_set_aside_never_written_through(tmp_path, target):
    # a link in OUTDIR under the manifest's name: the batch created the file it named outside OUTDIR, or wrote its
    # tables (and WAL mode) into a database of the user's
    import sqlite3

    article(tmp_path / "a.txt")
    (tmp_path / "out").mkdir()
    named = {"dangling": tmp_path / "elsewhere.db", "database": tmp_path / "mine.db",
             "other-outdir": tmp_path / "other" / ".briefcast-manifest.sqlite"}[target]
    if target == "database":
        with contextlib.closing(sqlite3.connect(named)) as db:
            db.execute("PRAGMA user_version = 7")
    elif target == "other-outdir":
        assert run("batch", "a.txt", "--to", "text", "-o", "other", "-q").exit_code == 0
    os.symlink(named, tmp_path / "out" / ".briefcast-manifest.sqlite")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()}
    result = run("batch", "a.txt", "--to", "text", "-o", "out", "-q")
    assert result.exit_code == 0 and result.stderr.count("set aside") == 1, result.stderr
    assert (tmp_path / "out" / "a.md").is_file() and not (tmp_path / "out" / ".briefcast-manifest.sqlite").is_symlink()
    assert not (tmp_path / "elsewhere.db").exists()
    assert {p: p.read_bytes() for p in before} == before


def test_a_lock_file_that_is_a_link_is_one_clear_line(tmp_path):
    article(tmp_path / "a.txt")
    (tmp_path / "out").mkdir()
    (tmp_path / "notes.txt").write_text("mine")
    os.symlink(tmp_path / "notes.txt", tmp_path / "out" / ".briefcast-batch.lock")
    one_error_line(run("batch", "a.txt", "--to", "text", "-o", "out"), 1, "is a link, not the batch's lock file")
    assert (tmp_path / "notes.txt").read_text() == "mine" and not list((tmp_path / "out").glob("a.*"))


@pytest.mark.parametrize("spelling", ["out/../out", "./out/", "link", "link/../out"])
def test_the_same_outdir_spelt_another_way_keeps_its_manifest(tmp_path, spelling):
    # the manifest lists out/a.md; `..`, a slash or a link to the folder is the same folder: the manifest is not set
    # aside, the outputs are the batch's own (skipped when done, replaced on --redo), and `-o out` still agrees
    article(tmp_path / "a.txt")
    assert run("batch", "a.txt", "--to", "text", "-o", "out", "-q").exit_code == 0
    os.symlink("out", tmp_path / "link")
    result = run("batch", "a.txt", "--to", "text", "-o", spelling, "--json", "-q")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert [Path(r["input"]).name for r in json.loads(result.stdout)["skipped"]] == ["a.txt"]
    assert run("batch", "a.txt", "--to", "text", "-o", spelling, "--redo", "-q").exit_code == 0
    result = run("batch", "a.txt", "--to", "text", "-o", "out", "--redo", "-q")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert not list((tmp_path / "out").glob("*set-aside*"))


# --- Issue 23: inputs without bounds ---

BRIEFCAST = str(Path(__import__("sys").executable).parent / "briefcast")
MEASURED = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True); "
            "sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + '\\n'); "
            "sys.stderr.buffer.write(r.stderr); sys.exit(r.returncode)")


def shell(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`command` run by bash in `tmp_path` with its own temp folder; stdout carries the peak memory in kB."""
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "BRIEFCAST_CACHE_DIR": str(tmp_path / "cache")}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    py = Path(__import__("sys").executable)
    return subprocess.run(["bash", "-c", command.replace("MEASURE", f"{py} -c \"{MEASURED}\" {BRIEFCAST}")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def single_error(proc: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == code, proc.stderr
    assert len(lines) == 1 and lines[0].startswith("briefcast: error: "), proc.stderr
    assert all(n in lines[0] for n in needles), lines[0]


@pytest.mark.parametrize("command", ["MEASURE segment /dev/zero", "MEASURE narrate /dev/zero --script",
                                     "MEASURE segment - < /dev/zero", "MEASURE narrate - --script < /dev/zero"])
def test_endless_text_is_refused_while_reading(tmp_path, command):
    proc = shell(command, tmp_path)
    single_error(proc, 1, "too large for an article")
    assert int(proc.stdout.split()[-1]) < 600_000  # kB: the cap holds while reading, not after
    assert not list((tmp_path / "tmp").iterdir())


@pytest.mark.parametrize("source", ["/dev/zero", "<(head -c 3000000 /dev/zero)"])
def test_zeros_on_standard_input_are_not_copied_as_media(tmp_path, source):
    proc = shell(f"MEASURE transcribe - < {source}", tmp_path)
    single_error(proc, 1, "standard input", "not media")
    assert not list((tmp_path / "tmp").iterdir())


def test_media_on_standard_input_is_copied_with_a_cap(tmp_path, monkeypatch):
    import briefcast.transcripts as transcripts

    monkeypatch.setattr(transcripts, "MAX_STDIN_BYTES", 1 << 20)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    one_error_line(run("transcribe", "-", input=b"ID3" + b"\x01" * (3 << 20)), 1, "standard input",
                   "more than 1 MB is too large for media")
    assert not list((tmp_path / "tmp").iterdir())


@pytest.mark.parametrize("command", ["segment -", "narrate - --script", "transcribe -", "segment - -o out.md"])
def test_closed_standard_input_is_one_line(tmp_path, command):
    proc = shell(f"{BRIEFCAST} {command} <&-", tmp_path)
    single_error(proc, 1, "standard input is closed")
    assert not (tmp_path / "out.md").exists()


@pytest.mark.parametrize("args", [["segment", "pipe"], ["narrate", "pipe", "--script"],
                                  ["segment", "pipe", "-o", "out.md"], ["narrate", "a.txt", "pipe", "--script"],
                                  ["transcribe", "pipe", "-o", "out.md"]])  # media: ffmpeg would block on it
def test_a_named_pipe_without_writer_does_not_block(tmp_path, monkeypatch, args):
    import briefcast.fileio as fileio

    monkeypatch.setattr(fileio, "PIPE_WAIT", 0.05)
    article(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe")
    one_error_line(run(*args), 1, "pipe: a named pipe with no writer", "start the program that writes")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["a.txt", "pipe"]


def test_a_named_pipe_with_a_writer_is_read(tmp_path):
    article(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe")
    proc = shell(f"(cat a.txt > pipe) & {BRIEFCAST} segment pipe -f text", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "harbour ferry sailed" in proc.stdout


def test_a_named_pipe_given_to_a_batch_is_one_failed_entry(tmp_path):
    # a batch hashes each input, then converts it: a pipe can be read once, and hashing it blocked for ever
    article(tmp_path / "a.txt")
    (tmp_path / "in").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "in" / "inner.md")  # found by walking a folder
    result = run("batch", "a.txt", "pipe.txt", "in", "-r", "--to", "text", "-o", "out", "-q")
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.strip()]
    assert sorted(Path(line.split(": ")[2]).name for line in failed) == ["inner.md", "pipe.txt"], failed
    assert all(line.startswith("briefcast: failed: ") and "a named pipe, not a file" in line for line in failed)
    assert sorted(p.name for p in (tmp_path / "out").glob("*.md")) == ["a.md"]


@pytest.mark.parametrize(("listing", "needle"), [("pipe", "a named pipe with no writer"),
                                               ("/dev/zero", "too large for a list file"),
                                               ("folder", "is a folder, not a list file")])
def test_a_list_file_is_read_with_a_cap_and_no_endless_wait(tmp_path, monkeypatch, listing, needle):
    import briefcast.fileio as fileio

    monkeypatch.setattr(fileio, "PIPE_WAIT", 0.05)
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    one_error_line(run("batch", f"@{listing}", "--to", "text", "-o", "out", "-q"), 1, listing, needle)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("[!.]*"))


@pytest.mark.parametrize("lists", [
    {"a.lst": "@a.lst\n"},  # names itself
    {"a.lst": "x.txt\n@./a.lst\n"},  # names itself by another spelling
    {"a.lst": "@sub/b.lst\n", "sub/b.lst": "@../a.lst\n"},  # a cycle of two
    {"a.lst": "@b.lst\n", "b.lst": "@c.lst\n", "c.lst": "@b.lst\n"},  # a cycle below the first list
])
def test_a_list_that_leads_back_to_itself_is_one_line(tmp_path, lists):
    article(tmp_path / "x.txt")
    (tmp_path / "sub").mkdir()
    for name, text in lists.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    line = one_error_line(run("batch", "@a.lst", "--to", "text", "-o", "out", "-q"), 1, "names itself")
    assert ".lst" in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("[!.]*"))  # no output written
    assert {p: p.read_bytes() for p in before} == before


def test_nested_lists_still_work(tmp_path):
    article(tmp_path / "x.txt")
    (tmp_path / "sub").mkdir()
    article(tmp_path / "sub" / "y.txt", ARTICLE.replace("Harbour Ferry", "River Bridge"))
    (tmp_path / "a.lst").write_text("x.txt\n@sub/b.lst\n@sub/b.lst\n", encoding="utf-8")  # twice is no cycle
    (tmp_path / "sub" / "b.lst").write_text("y.txt\n", encoding="utf-8")
    result = run("batch", "@a.lst", "--to", "text", "-o", "out", "-q")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.md")) == ["x.md", "y.md"]


@pytest.mark.parametrize(("line", "extra", "needle"), [
    ("talk.wav\tpage.md\tmore.md", (), "separated by one tab"),  # three fields
    ("talk.wav\t", (), "separated by one tab"),  # no article (the line is stripped: one field left)
    ("page.md\ttalk.wav", (), "not audio or video"),  # the wrong way round
    ("talk.wav\tnotes.pdf", (), "not an article"),
    ("talk.wav\tgone.md", (), "no such article file"),
    ("gone.wav\tpage.md", (), "no such recording file"),
    ("talk.wav\tpage.md\ntalk.wav\tx.txt", (), "paired with two articles"),
    ("talk.wav\tpage.md", ("--to", "audio"), "--to audio narrates articles only"),
])
def test_a_bad_pairing_line_in_a_list_is_one_line(tmp_path, line, extra, needle):
    """`MEDIA<TAB>ARTICLE` pairs a recording with its printed article; a line that does not is one error line that
    names the list and the line, before anything is converted."""
    (tmp_path / "talk.wav").write_bytes(b"RIFF")  # never decoded: the batch stops while planning
    article(tmp_path / "page.md")
    article(tmp_path / "x.txt")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "a.lst").write_text(f"# recordings\n{line}\n", encoding="utf-8")
    one_error_line(run("batch", "@a.lst", "-o", "out", "-q", *extra), 1, "a.lst:", needle)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("[!.]*"))


def _nested(depth: int, inner: str) -> str:
    head = "<html><head><title>Deep</title></head><body>"
    return head + "<div>" * depth + inner + "</div>" * depth + "</body></html>"


STORY = "<p>The harbour ferry sailed again on Monday after crews repaired the ramp overnight, officials said.</p>"


@pytest.mark.parametrize("page", [_nested(50_000, STORY), _nested(3_000, STORY),
                                  _nested(20_000, "<section><span>" + STORY + "</span></section>"),
                                  "<html><body>" + "<div><span>" * 5_000 + STORY + "</span></div>" * 5_000])
def test_a_deeply_nested_page_still_gives_its_text(tmp_path, page):
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    result = run("segment", "deep.html", "-f", "text")
    assert result.exit_code == 0, result.output
    assert "harbour ferry sailed again on Monday" in result.stdout
    assert "WARNING" not in result.stderr and "None" not in result.stderr


def test_a_page_nested_within_the_limit_is_read_as_it_is():
    from briefcast.segmenter.html import MAX_DEPTH
    from briefcast.segmenter.parse import parse_article

    inner = "<h1>Ferry back in service</h1>" + STORY + "<p>Crews worked through the night before the rush.</p>"
    assert parse_article(_nested(MAX_DEPTH - 50, inner), fmt="html").title == "Ferry back in service"
    flat = parse_article(_nested(MAX_DEPTH + 50, inner), fmt="html")  # flattened: the headline is the <title>
    assert flat.title == "Deep" and "harbour ferry sailed" in " ".join(s.text for s in flat.sentences)


@pytest.mark.parametrize("page", [
    "<html><body>" + "<script>var a = 1;</script>" * 200 + "</body></html>",
    "<html><head><style>p {}</style></head><body><script>x()</script><noscript></noscript></body></html>",
    "<html><body>" + "<div>" * 3_000 + "<script>x()</script>" + "</div>" * 3_000 + "</body></html>",
])
def test_a_page_without_text_is_one_clear_line(tmp_path, page):
    (tmp_path / "empty.html").write_text(page, encoding="utf-8")
    for args in (["segment", "empty.html"], ["narrate", "empty.html", "--script"],
                 ["segment", "empty.html", "-o", "out.md"]):
        one_error_line(run(*args), 1, "no article text found")
    assert not (tmp_path / "out.md").exists()


@pytest.mark.parametrize("info, bad", [
    ({"title": 42, "channel": "Harbour TV"}, "title"),
    ({"title": "Ferry", "chapters": [{"start_time": 30, "end_time": 10, "title": "Back"}]}, "chapters"),
    ({"title": "Ferry", "description": "word " * 400_000}, "description"),
    ({"title": "Ferry", "tags": {"a": 1}, "categories": "news"}, "tags, categories"),
    ({"title": "Ferry", "chapters": {"start_time": 0}, "duration": "long", "upload_date": 20240102}, "chapters"),
    ({"title": "Ferry", "chapters": [["a"], {"start_time": "x"}], "webpage_url": ["u"]}, "webpage_url"),
])
def test_a_sidecar_with_wrong_types_is_read_field_by_field(tmp_path, caplog, info, bad):
    from briefcast.transcribe.sidecar import read_metadata

    (tmp_path / "talk.info.json").write_text(json.dumps(info), encoding="utf-8")
    before = (tmp_path / "talk.info.json").read_bytes()
    with caplog.at_level("WARNING"):
        meta = read_metadata(tmp_path / "talk.mp4", tags={}, chapters=[])
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "talk.info.json" in warnings[0] and bad in warnings[0], warnings
    assert meta.title in ("Ferry", None) and meta.byline in ("Harbour TV", None)
    assert all(c.end is None or c.end >= c.start for c in meta.chapters)
    assert meta.description is None or len(meta.description) <= 100_000
    assert (tmp_path / "talk.info.json").read_bytes() == before


@pytest.mark.parametrize("value", [",,,", "", " ", "srt,,vtt", "srt,", ",none"])
@pytest.mark.parametrize("command", [["narrate", "a.txt", "--script"], ["batch", "a.txt", "-o", "out"],
                                     ["roundtrip", "a.txt"]])
def test_an_empty_subtitle_list_is_a_usage_error(tmp_path, value, command):
    article(tmp_path / "a.txt")
    one_error_line(run(*command, "--subtitles", value), 2, "--subtitles", "empty name")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["a.txt"]


@pytest.mark.parametrize("value", ["", " ", "\t"])
@pytest.mark.parametrize("command", [["segment", "a.txt"], ["narrate", "a.txt"], ["batch", "a.txt", "--to", "text"],
                                     ["transcribe", "a.txt"], ["feed", "a.txt"]])
def test_an_empty_output_name_is_a_usage_error(tmp_path, value, command):
    article(tmp_path / "a.txt")
    one_error_line(run(*command, "-o", value), 2, "empty output name")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["a.txt"]


@pytest.mark.parametrize("jobs", ["1000", "64000"])
@pytest.mark.parametrize("command", [["narrate", "a.txt", "--script"], ["batch", "a.txt", "--to", "text", "-o", "out",
                                                                         "-q"]])
def test_too_many_jobs_are_capped_with_one_warning(tmp_path, jobs, command):
    from briefcast.cli.options import machine_workers

    article(tmp_path / "a.txt")
    result = run(*command, "--jobs", jobs)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line.lower()]
    assert len(warnings) == 1 and f"--jobs {jobs}" in warnings[0] and f"using {machine_workers()}" in warnings[0]


def test_jobs_the_machine_can_run_are_left_alone(tmp_path):
    article(tmp_path / "a.txt")
    result = run("narrate", "a.txt", "--script", "--jobs", "1")
    assert result.exit_code == 0 and "warning" not in result.stderr.lower()


# --- Issue 23: music bed bounds, metadata in file formats, terminal quoting, feed URLs, encodings, cache ---

def _peak_rss_mb(code: str) -> float:
    """Peak resident memory (MB) of a fresh Python process running `code` (ru_maxrss of the finished child)."""
    import resource
    import sys

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-c", code], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024  # Linux: kilobytes; the max over children, so each run gets its own call


@needs_ffmpeg
def test_a_long_bed_is_decoded_only_as_far_as_the_briefing_needs(tmp_path):
    bed = tmp_path / "bed.flac"  # 10 minutes of stereo 48 kHz: 115 MB as float32 mono, 230 MB as 16-bit stereo
    subprocess.run([FFMPEG, "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000",
                    "-ac", "2", "-t", "600", "file:" + str(bed)], check=True)
    from briefcast.narrate.mix import STING_MAX, load_music, load_sting

    assert len(load_music(bed, 48000, seconds=9.0)) == 9 * 48000  # resampled and cut by ffmpeg on the way in
    sting = load_sting(bed, 16000)
    assert len(sting) == int(STING_MAX * 16000) and abs(sting[-1]) < 1e-3  # a long sting is cut, faded out
    setup = "import numpy, scipy.signal, pydub; from briefcast.narrate.mix import load_music\n"
    reference = _peak_rss_mb(setup)
    needed = _peak_rss_mb(setup + f"load_music({str(bed)!r}, 48000, seconds=9.0)")
    assert needed - reference < 40  # the whole bed would take at least 115 MB more


@needs_ffmpeg
@pytest.mark.slow
def test_narrating_over_a_long_bed_and_sting_keeps_memory_flat(tmp_path):
    bed = tmp_path / "bed.flac"
    subprocess.run([FFMPEG, "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000",
                    "-ac", "2", "-t", "900", "file:" + str(bed)], check=True)
    article(tmp_path / "a.txt")
    narrate = ("import sys; from briefcast.cli import main; sys.argv = ['briefcast', 'narrate', 'a.txt', '-o', "
               "'{0}.mp3', '-q', '--no-cache'{1}]\ntry: main()\nexcept SystemExit as e: assert not e.code\n")
    plain = _peak_rss_mb(narrate.format("plain", ""))
    music = _peak_rss_mb(narrate.format("music", ", '--bed', 'bed.flac', '--music', 'bed.flac'"))
    assert music < plain * 1.5 and (tmp_path / "music.mp3").stat().st_size > (tmp_path / "plain.mp3").stat().st_size


HOSTILE_TITLE = "99\n00:00:00,000 --> 00:09:00,000\n# Fake Heading\n<script>alert(1)</script>"


def test_metadata_is_one_plain_line_in_markdown():
    from briefcast.document import Article, Paragraph, Section, Sentence
    from briefcast.writers import get_writer

    doc = Article(title=HOSTILE_TITLE, byline="Evil\n# Head", publisher="> quoted &amp; <b>bold</b>",
                  published="1. listed", sections=[Section(heading="## Not\n=== a rule \x1b[31m",
                                                           paragraphs=[Paragraph([Sentence("Body text.")])])])
    md = get_writer("md").render(doc)
    lines = md.splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "# 99 00:00:00,000 --> 00:09:00,000 # Fake Heading \\<script>alert(1)\\</script>",
        "## \\## Not === a rule [31m"]
    assert not any(line.lstrip("- ").startswith(("#", ">", "1.", "<", "=")) for line in lines if line[:1] != "#")
    assert "<script>" not in md.replace("\\<script>", "") and "\\&amp;" in md and "\x1b" not in md


def test_metadata_is_one_plain_line_in_every_tag_format():
    from briefcast.document import Article
    from briefcast.narrate.tags import article_tags, ffmetadata

    tags = article_tags(Article(title=HOSTILE_TITLE, byline="Evil\n# Head\x1b[2J", publisher="A\rB"),
                        ((0.0, 1.0, "Intro\n[CHAPTER]"),))
    fields = [tags.title, tags.artist, tags.album, tags.comment, tags.chapters[0][2]]
    assert all(f is None or (f.isprintable() and "\n" not in f) for f in fields), fields
    assert ffmetadata(tags).splitlines().count("[CHAPTER]") == 1  # the forged header stays inside the title


@pytest.mark.parametrize("kind", ["srt", "vtt"])
def test_a_title_holding_a_cue_never_forges_a_timing_line(kind):
    import re

    from briefcast.document import Article, Paragraph, Section, Sentence
    from briefcast.writers import get_writer

    said = [Sentence(HOSTILE_TITLE, start=0.0, end=2.0), Sentence("7 00:01:00,000 ---> 00:02:00,000", start=2.0,
            end=3.0), Sentence("Bell\x07 and\x1b]0;title\x07 escape", start=3.0, end=4.0)]
    text = get_writer(kind).render(Article(title=HOSTILE_TITLE, sections=[Section(paragraphs=[Paragraph(said)])]))
    timing = [line for line in text.splitlines() if "-->" in line]
    assert len(timing) == 3 and all(re.fullmatch(r"[\d:.,]+ --> [\d:.,]+", line) for line in timing), text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)


@needs_ffmpeg
def test_a_hostile_title_tag_stays_one_line_in_the_transcript(tmp_path):
    subprocess.run([FFMPEG, "-nostdin", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "1",
                    "-metadata", f"title={HOSTILE_TITLE}", "-metadata", "artist=Evil\n# Head",
                    str(tmp_path / "t.mp3")], check=True)
    assert run("transcribe", "t.mp3", "-o", "t.md", "-q").exit_code == 0
    lines = (tmp_path / "t.md").read_text().splitlines()
    assert lines[0].startswith("# 99 ") and [line for line in lines if line.startswith(("#", "<script"))] == lines[:1]


@pytest.mark.parametrize("name", ["evil\nbriefcast: error: forged.txt", "ansi\x1b]0;owned\x07\x1b[2J.txt",
                                  "cr\rbriefcast: ok.txt", "sep\u2028line.txt"], ids=["newline", "osc", "cr", "ls"])
def test_unprintable_characters_in_a_name_are_quoted_in_the_message(tmp_path, name):
    line = one_error_line(run("segment", name), 1, "no such file")
    assert line.isprintable() and line.count("briefcast:") == (2 if "briefcast:" in name else 1)
    assert name.encode("unicode_escape").decode("ascii") in line  # quoted as `ls` and git do


FORGED = "evil\x1b[2J\nbriefcast: error: forged"  # a name that clears the screen and starts a line of its own


def test_status_lines_quote_the_names_they_show(tmp_path):
    article(tmp_path / "a.txt")
    results = [run("segment", "a.txt", "-o", FORGED + ".md", "--show-removed"),
               run("batch", "a.txt", "--to", "text", "-o", FORGED)]  # the summary table and its lines
    if FFMPEG is not None and shutil.which("espeak-ng") is not None:
        results.append(run("narrate", "a.txt", "-o", FORGED + ".mp3", "--subtitles", "none"))
    for result in results:
        assert result.exit_code == 0, result.output
        lines = result.stderr.splitlines()
        assert lines and all(line.isprintable() for line in lines), lines
        assert not any(line.startswith("briefcast: error") for line in lines), lines
    assert "briefcast: wrote evil\\x1b[2J\\nbriefcast: error: forged.md" in results[0].stderr


def test_a_worker_log_line_quotes_what_it_names(capsys):
    import logging

    from briefcast.batch.engines import worker_logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        worker_logging(logging.WARNING)
        logging.getLogger("briefcast.test").warning("%s: odd text", FORGED)
    finally:
        root.handlers[:], root.level = handlers, level
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["briefcast: WARNING: evil\\x1b[2J\\nbriefcast: error: forged: odd text"]


def test_a_batch_failure_and_a_warning_name_their_file_on_one_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad\nbriefcast: error: x.txt").write_text("")
    result = run("batch", "in", "--to", "text", "-o", "out", "-q")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len([line for line in lines if "bad" in line]) == 1 and all(line.isprintable() for line in lines)
    assert not any(line.startswith("briefcast: error: x.txt") for line in lines)


@pytest.mark.parametrize("args", [
    ("--base-url", "javascript:alert(1)"), ("--base-url", "file:///etc/"), ("--base-url", "data:text/html,x"),
    ("--base-url", "ftp://example.org/p/"), ("--base-url", "https://"),
    ("--base-url", "https://example.org/p/", "--image", "javascript:alert(1)"),
    ("--base-url", "https://example.org/p/", "--image", "file:///etc/passwd")],
    ids=["js", "file", "data", "ftp", "nohost", "image-js", "image-file"])
def test_feed_takes_only_http_urls(tmp_path, args):
    (tmp_path / "pod").mkdir()
    (tmp_path / "pod" / "notes.txt").write_text("mine")
    one_error_line(run("feed", "pod", "--title", "T", *args), 2, "is not an http(s) URL")
    assert sorted(p.name for p in (tmp_path / "pod").iterdir()) == ["notes.txt"]
    assert (tmp_path / "pod" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("title", ["", " ", "\x1b[2J", "\x07\n\t"], ids=["empty", "blank", "escape", "controls"])
def test_a_feed_title_with_nothing_printable_is_a_usage_error(tmp_path, title):
    (tmp_path / "pod").mkdir()
    (tmp_path / "pod" / "notes.txt").write_text("mine")
    one_error_line(run("feed", "pod", "--title", title, "--base-url", "https://example.org/p/"), 2, "--title",
                   "an empty title")  # was 'ValueError: Required fields not set (title)' or '... XML compatible'
    assert sorted(p.name for p in (tmp_path / "pod").iterdir()) == ["notes.txt"]


@needs_ffmpeg
def test_feed_metadata_is_one_plain_line(tmp_path):
    import xml.etree.ElementTree as ET

    pytest.importorskip("feedgen")
    (tmp_path / "pod").mkdir()
    tone(tmp_path / "pod" / "ep.mp3", 0.3)
    (tmp_path / "pod" / "ep.json").write_text(json.dumps({"title": "Ferry\n# Back\x1b[2J", "byline": "Jane\nDoe",
                                                          "sections": []}))
    result = run("feed", "pod", "--title", "Evil\x1b[31m\nTitle", "--author", "A\x07\nB", "--description",
                 "Line one\x00\nline two", "--base-url", "https://example.org/p/", "-q")
    assert result.exit_code == 0, result.output
    channel = ET.parse(tmp_path / "pod" / "feed.xml").getroot().find("channel")
    assert channel is not None and channel.findtext("title") == "Evil Title"
    assert channel.findtext("description") == "Line one\nline two"  # a description keeps its lines
    assert channel.findtext("{http://www.itunes.com/dtds/podcast-1.0.dtd}author") == "A B"
    assert channel.findtext("item/title") == "Ferry # Back"


@pytest.mark.parametrize("value", ["", " "])
def test_an_empty_keep_folder_is_a_usage_error(tmp_path, value):
    article(tmp_path / "a.txt")
    one_error_line(run("roundtrip", "a.txt", "--keep", value), 2, "--keep", "empty output name")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # nothing narrated (no cache either)


@pytest.mark.parametrize("text", [
    "Café naïve señor.", "Le garçon a reçu une lettre à Noël.", "¿Dónde está el niño? Mañana.",
    "Grüße aus Köln, sagte die Bürgerin.", "Não é possível, irmã. Ação já.", "Ærø og Øresund i år."],
    ids=["mixed", "fr", "es", "de", "pt", "da"])
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_short_western_european_texts_are_read_right(tmp_path, text, encoding):
    from briefcast.segmenter.parse import read_article

    (tmp_path / "in.txt").write_bytes(text.encode(encoding))
    result = run("segment", "in.txt", "-f", "sentences")
    assert result.exit_code == 0 and " ".join(result.stdout.split()) == text
    assert " ".join(s.text for s in read_article(tmp_path / "in.txt").sentences) == text


def test_cache_problems_are_one_warning_and_no_cache(tmp_path, monkeypatch, caplog):
    from briefcast.narrate.cache import usable
    from briefcast.narrate.options import default_cache_dir

    (tmp_path / "file").write_text("mine")
    monkeypatch.delenv("BRIEFCAST_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "/proc/briefcast-home")
    for root in (tmp_path / "file", tmp_path / "file" / "tts", Path("/proc/briefcast"), default_cache_dir()):
        caplog.clear()
        with caplog.at_level("WARNING"):
            assert usable(root) is False
        assert len(caplog.records) == 1 and str(root) in caplog.records[0].getMessage()
        assert "None" not in caplog.records[0].getMessage()
    assert (tmp_path / "file").read_text() == "mine"
    assert usable(tmp_path / "fine") and (tmp_path / "fine").is_dir()


@pytest.mark.slow
def test_narrate_with_an_unusable_cache_warns_once_and_writes(tmp_path):
    article(tmp_path / "a.txt")
    article(tmp_path / "b.txt", ARTICLE.replace("Harbour", "River"))
    (tmp_path / "cachefile").write_text("mine")
    env = {"BRIEFCAST_CACHE_DIR": str(tmp_path / "cachefile")}
    for args in (("narrate", "a.txt", "b.txt", "-o", "pod/", "-q"), ("batch", "a.txt", "b.txt", "-o", "out", "-q",
                                                                      "--jobs", "1")):
        result = run(*args, env=env)
        assert result.exit_code == 0, result.stderr
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "cachefile" in lines[0] and "without the cache" in lines[0], lines
    assert len(list((tmp_path / "pod").glob("*.mp3"))) == 2 and len(list((tmp_path / "out").glob("*.mp3"))) == 2
    assert (tmp_path / "cachefile").read_text() == "mine"


@pytest.mark.parametrize("name", ["clip.info.json", "link.json"])
def test_transcribe_never_writes_over_the_media_sidecar_it_reads(tmp_path, name):
    (tmp_path / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(64))
    info = tmp_path / "clip.info.json"
    info.write_text('{"title": "A clip"}', encoding="utf-8")
    if name == "link.json":
        (tmp_path / name).symlink_to(info)
    result = run("transcribe", str(tmp_path / "clip.mp4"), "-o", str(tmp_path / name), "--force")
    one_error_line(result, 1, "is an input")
    assert info.read_text(encoding="utf-8") == '{"title": "A clip"}'
