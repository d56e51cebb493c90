"""Shared fixtures: the real test data in ../shared (skipped outside CI when absent), the bundled sample, and a
private cache and model folder for the whole session (tests never touch the user's own)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BUNDLED_SAMPLE = ROOT / "src" / "briefcast" / "data" / "sample-article.md"


@pytest.fixture(scope="session", autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """BRIEFCAST_CACHE_DIR and BRIEFCAST_MODEL_DIR point into a temporary folder for every test (and every process a
    test starts). The openai-whisper checkpoint is then built there from the bundled model when a test needs it."""
    root = tmp_path_factory.mktemp("briefcast-home")
    folders = {"BRIEFCAST_CACHE_DIR": root / "cache", "BRIEFCAST_MODEL_DIR": root / "models"}
    with pytest.MonkeyPatch.context() as mp:
        for name, path in folders.items():
            mp.setenv(name, str(path))
        yield folders


def _require(path: Path) -> Path:
    if path.exists():
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{path} is missing: CI must run beside ../shared (the real test data)")
    pytest.skip(f"{path} is absent: real test data lives in ../shared beside the clone")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data: speech clips, news pages with gold extractions, sentence gold sets."""
    return _require(SHARED / "data")


@pytest.fixture(scope="session")
def raqqa_path() -> Path:
    """The real scraped video-with-voiceover article."""
    return _require(SHARED / "samples" / "raqqa-video-voiceover.txt")


@pytest.fixture(scope="session")
def raqqa_text(raqqa_path: Path) -> str:
    return raqqa_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The short article bundled with briefcast for the demo."""
    return BUNDLED_SAMPLE


def one_error_line(result, code: int, *needles: str) -> str:
    """The command exited with `code` and said exactly one line on stderr, a briefcast error holding `needles`."""
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("briefcast: error: "), result.stderr
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]
