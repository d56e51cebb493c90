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

# The files that take longest (openai-whisper on CPU, the base model, the hostile inputs) run first: scripts/test
# gives each pytest-xdist worker a file at a time, and the workers then finish together instead of one of them
# starting the slowest file when the other is nearly done.
SLOWEST_FILES = ("test_transcribe_long.py", "test_transcribe.py", "test_hostile.py", "test_models_base.py")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOWEST_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file's tests stay together


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole run: with pytest-xdist, the parent of every worker's own folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """BRIEFCAST_CACHE_DIR and BRIEFCAST_MODEL_DIR point into a temporary folder for every test (and every process a
    test starts): the cache is each worker's own, the model folder is shared by the run's workers (models are
    written whole or not at all, and `whisper_checkpoint` builds the converted one once, under a lock)."""
    root = tmp_path_factory.mktemp("briefcast-home")
    folders = {"BRIEFCAST_CACHE_DIR": root / "cache", "BRIEFCAST_MODEL_DIR": run_folder(tmp_path_factory) / "models"}
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
def whisper_checkpoint(private_folders: dict[str, Path]) -> Path:
    """The openai-whisper checkpoint rebuilt from the bundled model in the private model folder, once per run:
    the first worker to need it builds it while the others wait."""
    from filelock import FileLock

    from briefcast.transcribe.models import bundled_checkpoint

    models = private_folders["BRIEFCAST_MODEL_DIR"]
    models.mkdir(parents=True, exist_ok=True)
    with FileLock(models.parent / "models.lock"):
        return bundled_checkpoint()


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
