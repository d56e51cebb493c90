"""The examples in the README and in docs/ run as written (as sqlite-utils' test_docs.py keeps its docs honest).

Every ```bash, ```sh and ```console block and every ```python block of a page runs, in order, in one temporary
folder per page that holds the files the examples name, with the session's private cache and model folder. A block
right after a `<!-- skip-test: why -->` line is not run: it needs the network, your own files or a long run.
A ```json block must be a document the model reads.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefcast import Article
from conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
SKIP = re.compile(r"<!--\s*skip-test\b.*-->\s*$")
SHELLS = ("bash", "sh", "console")
TIMEOUT = 180  # seconds for one block


@dataclass(frozen=True)
class Example:
    page: Path
    line: int  # where the block's fence opens, 1-based
    language: str
    code: str
    skip: bool

    def __str__(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line} ({self.language})"


def examples(page: Path) -> list[Example]:
    text = page.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        line = text.count("\n", 0, m.start()) + 1
        found.append(Example(page, line, m.group(1), m.group(2), bool(SKIP.search(before))))
    return found


def shell_code(example: Example) -> str:
    if example.language != "console":
        return example.code
    return "\n".join(line[2:] for line in example.code.splitlines() if line.startswith("$ "))


# The article the examples call article.md (and a.txt, articles/...): short, so that a narration takes a second or
# two, not the bundled sample's twelve; the examples hold for any article.
ARTICLE = ("# Storm closes the coast road\n\nBy Ann Lee\n\nThe coast road shut at 9am on Sunday after the storm "
           "brought down trees, the county council said. Crews expect to reopen it on Monday.\n")
HTML = ("<!doctype html><html><head><title>Storm closes the coast road | Example News</title>"
        '<meta property="og:site_name" content="Example News"></head><body><article>'
        "<h1>Storm closes the coast road</h1><p>The road shut at 9am on Sunday after the storm brought down trees "
        "along a ten-mile stretch, the county council said.</p><p>Crews expect to reopen it on Monday, once the "
        "fallen trees are cleared and the surface has been checked.</p></article></body></html>")


@pytest.fixture(scope="session")
def speech_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few seconds of speech in an .mp4 (espeak-ng, then ffmpeg): what the transcribe examples call video.mp4."""
    if not (shutil.which("espeak-ng") and shutil.which("ffmpeg")):
        pytest.skip("espeak-ng and ffmpeg make the docs' video")
    folder = tmp_path_factory.mktemp("clip")
    wav, mp4 = folder / "clip.wav", folder / "clip.mp4"
    subprocess.run(["espeak-ng", "-w", str(wav), "The council closed the coast road on Monday. It reopens in June."],
                   check=True, capture_output=True)
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), "-c:a", "aac", str(mp4)], check=True)
    return mp4


def seed(folder: Path, page: Path, clip: Path) -> None:
    """The README works from a folder with article.md alone; the docs' pages also name these files."""
    (folder / "article.md").write_text(ARTICLE, encoding="utf-8")
    if page.name == "README.md":
        return
    for name in ("article.txt", "a.txt", "b.txt", "c.txt", "articles/storm.md", "mixed/storm.md"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "notes.txt").write_text("Call me at 9am. The plan is done. We leave on Monday.\n", encoding="utf-8")
    for name in ("video.mp4", "a.mp4", "b.mp4", "mixed/clip.mp4"):
        shutil.copy(clip, folder / name)


def run(example: Example, folder: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    if example.language == "python":
        script = folder / f"example_{example.line}.py"
        script.write_text(example.code, encoding="utf-8")
        command = [sys.executable, script.name]
    else:
        command = ["bash", "-euo", "pipefail", "-c", shell_code(example)]
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, f"{example} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_run_as_written(page: Path, tmp_path: Path, speech_clip: Path) -> None:
    seed(tmp_path, page, speech_clip)
    for example in examples(page):
        if example.skip:
            continue
        if example.language in (*SHELLS, "python"):
            run(example, tmp_path)
        elif example.language == "json":
            Article.from_dict(json.loads(example.code))


def lines(example: Example) -> int:
    return sum(1 for line in shell_code(example).splitlines() if line.strip() and not line.lstrip().startswith("#"))


def test_most_examples_run_and_every_block_names_its_language() -> None:
    every = [e for page in PAGES for e in examples(page)]
    assert not [str(e) for e in every if not e.language], "a fenced block without a language is never run"
    runnable = [e for e in every if e.language in (*SHELLS, "python")]
    skipped = sum(lines(e) for e in runnable if e.skip)
    assert skipped < sum(lines(e) for e in runnable) / 2, [str(e) for e in runnable if e.skip]


def test_the_readme_keeps_the_ci_command() -> None:
    """.ci/run runs exactly the README's test command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r"^exec bash (\S+)$", ci, re.MULTILINE)
    assert command and re.search(rf"^{re.escape(command.group(1))}\s+# ", readme, re.MULTILINE)
