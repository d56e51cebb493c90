"""The multilingual Whisper base model from its two packages (`briefcast[base]`), in a temporary model folder."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.errors import ModelError
from briefcast.transcribe.models import BASE_PACKAGES, base_model_dir, install_base, resolve_model

pytest.importorskip(BASE_PACKAGES[0])
pytest.importorskip(BASE_PACKAGES[1])


@pytest.fixture
def model_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFCAST_MODEL_DIR", str(tmp_path / "models"))
    return tmp_path / "models"


def test_base_must_be_installed_first(model_dir: Path):
    with pytest.raises(ModelError, match="base model is not installed") as e:
        resolve_model("base", "faster-whisper")
    assert "briefcast models install base" in (e.value.hint or "")


def test_install_assembles_the_model_once(model_dir: Path):
    import importlib

    parts = [Path(importlib.import_module(p).__file__ or "").parent / "data" for p in BASE_PACKAGES]
    folder = install_base(convert_checkpoint=False)
    assert folder == base_model_dir() and model_dir in folder.parents
    size = (parts[0] / "model.bin.part1").stat().st_size + (parts[1] / "model.bin.part2").stat().st_size
    assert (folder / "model.bin").stat().st_size == size
    assert {p.name for p in folder.iterdir()} == {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    stamp = (folder / "model.bin").stat().st_mtime_ns
    assert install_base(convert_checkpoint=False) == folder and (folder / "model.bin").stat().st_mtime_ns == stamp
    assert resolve_model("base", "faster-whisper") == str(folder)
    assert not [p for p in model_dir.iterdir() if p.name.startswith(".")]  # no temporary left behind


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_base_detects_and_transcribes_french(model_dir: Path, tmp_path: Path):
    result = CliRunner().invoke(main, ["models", "install", "base", "-q"])
    assert result.exit_code == 0, result.output
    wav = tmp_path / "fr.wav"
    subprocess.run(["espeak-ng", "-v", "fr", "-w", str(wav), "Bonjour à tous. Le gouvernement a annoncé hier une "
                    "nouvelle réforme des retraites. Les syndicats appellent à la grève."],
                   check=True)
    from briefcast.transcribe import TranscribeOptions, transcribe

    detected = transcribe(wav, options=TranscribeOptions(model="base", allow_download=False))
    assert detected.language == "fr"
    # the speech is synthetic and the decoder's versions drift: the French words, not one exact phrase
    said = detected.body_text.lower()
    words = ["bonjour", "tous", "gouvernement", "annoncé", "nouvelle", "réforme", "retraites", "syndicats", "grève"]
    assert sum(w[:5] in said for w in words) >= 3, said
    told = transcribe(wav, options=TranscribeOptions(model="base", language="fr", allow_download=False))
    assert told.language == "fr" and sum(w[:5] in told.body_text.lower() for w in words) >= 3


@pytest.fixture(scope="module")
def base_installed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The base model assembled once for this module's translation tests, in a model folder of their own."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRIEFCAST_MODEL_DIR", str(tmp_path_factory.mktemp("base-models")))
        install_base(convert_checkpoint=False)  # openai-whisper's checkpoint is converted when first asked for
        yield


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize("backend", ["faster-whisper", "openai-whisper"])
def test_translate_turns_german_speech_into_an_english_article(base_installed, tmp_path: Path, backend: str):
    wav = tmp_path / "de.wav"
    subprocess.run(["espeak-ng", "-v", "de", "-s", "150", "-w", str(wav), "Guten Morgen. Heute ist Montag, und das "
                    "Wetter ist schön. Wir fahren mit dem Zug nach Berlin, denn dort wohnt meine Schwester. Am Abend "
                    "essen wir zusammen."], check=True)
    from briefcast.transcribe import TranscribeOptions, transcribe

    article = transcribe(wav, options=TranscribeOptions(backend=backend, model="base", task="translate",
                                                        allow_download=False))
    assert article.language == "en" and article.translated_from == "de"  # the speech's language, as detected
    said = article.body_text.lower()
    # synthetic speech and a small model: the opening lines come out in English, none of the German stays
    assert "good morning" in said and "monday" in said, said
    assert not [w for w in ("guten", "morgen", "heute", "wetter", "schwester") if w in said], said
    assert all(w.start <= w.end for s in article.sentences for w in s.words)
