"""The backend registry: one list of recogniser names (every command's choices), and loading one, lazily and cached."""
from __future__ import annotations

import functools
import importlib
import importlib.util
import logging
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import ToolMissingError

if TYPE_CHECKING:
    from .options import TranscribeOptions
    from .recogniser import Recogniser

log = logging.getLogger(__name__)


class Backend(NamedTuple):
    """A recogniser backend: the package it needs, the class (module:Class in this package) that wraps it, and how
    it finds a model (models.resolve_model asks it)."""

    package: str  # import name of the library, e.g. "faster_whisper"
    target: str  # ".faster:FasterWhisper"
    install: str  # what to pip install for it
    checkpoint: bool  # loads one checkpoint file (and converts a CTranslate2 folder); else needs the folder
    find: str  # module:function that finds a model by name, in the local cache or downloaded when allowed
    local: str  # module:function listing the models it can load on this machine (models.local_models)


# Preference order for "auto": the first installed wins.
BACKENDS: dict[str, Backend] = {
    "faster-whisper": Backend("faster_whisper", ".faster:FasterWhisper", "faster-whisper (a dependency of briefcast)",
                              checkpoint=False, find=".faster:find_model", local=".faster:local_models"),
    "openai-whisper": Backend("whisper", ".openai:OpenAIWhisper", "'briefcast[whisper]'",
                              checkpoint=True, find=".openai:find_model", local=".openai:local_models"),
}
CHOICES: tuple[str, ...] = ("auto", *BACKENDS)  # what --backend accepts


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def choose_backend(options: TranscribeOptions) -> str:
    """The backend `options.backend` names; "auto": for a .pt file the first backend that loads a checkpoint file
    (openai-whisper), else the first installed (faster-whisper)."""
    if options.backend != "auto":
        return options.backend
    if options.model and str(options.model).endswith((".pt", ".pth")):
        loads_file = next((name for name, backend in BACKENDS.items() if backend.checkpoint), None)
        if loads_file is not None:
            return loads_file
    for name, backend in BACKENDS.items():
        if installed(backend.package):
            return name
    raise ToolMissingError("no speech recogniser is installed",
                           hint=" or ".join(f"pip install {b.install}" for b in BACKENDS.values()))


def get_recogniser(options: TranscribeOptions) -> Recogniser:
    """A loaded recogniser for the options, cached by (backend, model, compute type, threads)."""
    from .models import resolve_model

    backend = choose_backend(options)
    model = resolve_model(options.model, backend, allow_download=options.allow_download)
    return _load(backend, model, options.compute_type, options.threads)


def imported(spec: str) -> Any:
    """What a registry entry names as "module:name" (a module of this package, or any importable one)."""
    module, name = spec.split(":")
    return getattr(importlib.import_module(module, __package__), name)


@functools.lru_cache(maxsize=4)
def _load(backend: str, model: str, compute_type: str, threads: int) -> Recogniser:
    log.info("loading %s model %s", backend, model)
    loaded: Recogniser = imported(BACKENDS[backend].target)(model, compute_type=compute_type, threads=threads)
    return loaded
