"""The CLI surface: help everywhere, version, and one clean error line for every bad input to `segment`."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefcast import __version__
from briefcast.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def all_commands(group: click.Group = main, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, prefix + (name,))


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("path", [p for p, _ in all_commands()], ids=" ".join)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    example = result.output.split("Example", 1)[1]
    assert re.search(rf"briefcast {re.escape(' '.join(path))}(?![\w-])", example), "the example runs this command"
    assert f"briefcast {' '.join(path)}" in README.read_text(), f"README does not show `briefcast {' '.join(path)}`"


def test_help_does_not_import_heavy_modules():
    code = ("import sys; from briefcast.cli import main; "
            "heavy = {'torch', 'whisper', 'faster_whisper', 'ctranslate2', 'pyttsx3', 'trafilatura', "
            "'briefcast.segmenter.parse'}; "  # the parser and its page judges: 0.2 s
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def error_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\t\n  ", "is empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary"),
    ],
    ids=["empty", "whitespace", "binary", "png"],
)
def test_segment_rejects_unusable_files_with_one_line(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["segment", str(path)])
    assert result.exit_code == 1
    assert message in error_line(result)


def test_segment_missing_file_and_directory(tmp_path):
    missing = CliRunner().invoke(main, ["segment", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "no such file" in error_line(missing)
    folder = CliRunner().invoke(main, ["segment", str(tmp_path)])
    assert folder.exit_code == 1 and "is a directory" in error_line(folder)


def test_segment_usage_error_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["segment", "--format", "docx", "x.txt"])
    assert result.exit_code == 2


def test_segment_reads_latin1_and_utf16_text(tmp_path):
    text = "Café owners in Zürich said the new rules are très strict. They will appeal the decision in court.\n"
    for encoding in ("latin-1", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        result = CliRunner().invoke(main, ["segment", str(path), "--format", "sentences"])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[0].startswith("Café owners in Zürich")


def test_segment_sentences_folds_whitespace_and_reads_stdin():
    result = CliRunner().invoke(main, ["segment", "-", "--format", "sentences"],
                                input="The   army\nadvanced.  Then it   stopped.\n")
    assert result.exit_code == 0
    assert result.output == "The army advanced.\nThen it stopped.\n"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from briefcast.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)


def test_debug_shows_the_traceback(tmp_path):
    missing = str(tmp_path / "nope.txt")
    plain = run_cli("segment", missing)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert len(plain.stderr.strip().splitlines()) == 1 and f"{missing}: no such file" in plain.stderr
    debug = run_cli("--debug", "segment", missing)
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr and "InputError" in debug.stderr


def test_shell_completion_in_the_readme_works():
    import os

    assert '_BRIEFCAST_COMPLETE=bash_source briefcast' in README.read_text()
    exe = Path(sys.executable).with_name("briefcast")
    if not exe.exists():
        pytest.skip("the briefcast script is not installed next to this Python")
    env = {**os.environ, "_BRIEFCAST_COMPLETE": "bash_source"}
    out = subprocess.run([str(exe)], capture_output=True, text=True, env=env).stdout
    assert "_briefcast_completion" in out and "complete " in out


def test_tests_use_a_private_cache_and_model_folder(private_folders):
    from briefcast.narrate.options import default_cache_dir
    from briefcast.transcribe.models import model_dir

    assert model_dir() == private_folders["BRIEFCAST_MODEL_DIR"]
    assert default_cache_dir().is_relative_to(private_folders["BRIEFCAST_CACHE_DIR"])
