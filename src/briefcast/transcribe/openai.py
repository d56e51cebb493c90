"""The openai-whisper backend (PyTorch, float32 on CPU): the reference implementation, slower than faster-whisper."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import EngineError, ModelError, ToolMissingError
from ..media import SAMPLE_RATE
from .options import TranscribeOptions
from .recogniser import Chunk, Segment, english_only, join_words
from .windows import Layout

if TYPE_CHECKING:
    from .models import LocalModel

HUB = "openaipublic.azureedge.net"  # where openai-whisper downloads its official checkpoints from

# The SHA-256 of each official checkpoint, by file stem: the content addresses in openai-whisper's download URLs
# (tests/test_convert.py checks them against the installed whisper). whisper.load_model(stem, download_root=folder)
# loads such a file from its folder, with the model's alignment heads; given any other file under an official name
# it would download the official one over it, so only a file with the right checksum goes that way.
OFFICIAL_SHA256 = {
    "tiny.en": "d3dd57d32accea0b295c96e26691aa14d8822fac7d9d27d5dc00b4ca2826dd03",
    "tiny": "65147644a518d12f04e32d6f3b26facc3f8dd46e5390956a9424a650c0ce22b9",
    "base.en": "25a8566e1d0c1e2231d1c762132cd20e0f96a85d16145c3a00adf5d1ac670ead",
    "base": "ed3a0b6b1c0edf879ad9b11b1af5a0e6ab5db9205f891f668f8b0e6c6326e34e",
    "small.en": "f953ad0fd29cacd07d5a9eda5624af0f6bcf2258be67c92b79389873d91e0872",
    "small": "9ecf779972d90ba49c06d968637d720dd632c55bbf19d441fb42bf17a411e794",
    "medium.en": "d7440d1dc186f76616474e0ff0b3b6b879abc9d1a4926b7adfa41db2d497ab4f",
    "medium": "345ae4da62f9b3d59415adc60127b97c714f32e89e936602e85993674d08dcb1",
    "large-v1": "e4b87e7e0bf463eb8e6956e646f1e277e901512310def2c24bf0e11bd3c28e9a",
    "large-v2": "81f7c96c852ee8fc832187b0132e569d6c3065a3252ed18e56effd0b6a73e524",
    "large-v3": "e5b1a55b89c1367dacf97e3e19bfd829a01529dbfdeefa8caeb59b3f1b81dadb",
    "large-v3-turbo": "aff26ae408abcba5fbf8813c21e62b0941638c5f6eebfb145be0c9839262a19a",
}


def find_model(name: str, allow_download: bool) -> str:
    """An official openai-whisper model named `name`: its cached checkpoint, else the name itself for
    whisper.load_model to download (when allowed and online); ModelError for an unknown name or when offline."""
    import whisper

    from .models import check_downloadable

    if name not in whisper.available_models():
        raise ModelError(f"unknown model {name!r}",
                         hint=f"choose one of {', '.join(whisper.available_models())}, or pass a .pt file")
    cached = Path(os.getenv("XDG_CACHE_HOME", os.path.join(os.path.expanduser("~"), ".cache"))) / "whisper"
    if (cached / f"{name}.pt").is_file():
        return str(cached / f"{name}.pt")
    check_downloadable(name, HUB, allow_download)
    return name  # whisper.load_model downloads official names itself


def local_models(backend: str) -> list[LocalModel]:
    """The checkpoint converted from the bundled tiny.en (built or not), base's when converted, and the official
    checkpoints in openai-whisper's own cache."""
    from .models import LocalModel, base_checkpoint_path, default_checkpoint_path

    ckpt = default_checkpoint_path()
    found = [LocalModel(backend, "tiny.en (converted)", ckpt, bundled=True,
                        note="" if ckpt.is_file() else "(not built: briefcast models convert --bundled)")]
    if base_checkpoint_path().is_file():
        found.append(LocalModel(backend, "base (converted)", base_checkpoint_path()))
    cache = Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "whisper"
    found += [LocalModel(backend, f.stem, f) for f in sorted(cache.glob("*.pt"))]
    return found


def is_official(path: Path) -> bool:
    """Whether the file at `path` is an official openai-whisper checkpoint under its own name (its SHA-256 says)."""
    expected = OFFICIAL_SHA256.get(path.stem)
    if expected is None or path.suffix != ".pt":
        return False
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest() == expected


def load_whisper(model: str) -> Any:
    """A whisper model from a .pt checkpoint, or from a CTranslate2 folder converted in memory.

    An official checkpoint goes through whisper.load_model, which sets its alignment heads (for word times); any
    other is loaded as a file, with the heads it carries (a converted checkpoint has them).
    """
    try:
        import torch
        import whisper
        from whisper.model import ModelDimensions, Whisper
    except ImportError as e:
        raise ToolMissingError("openai-whisper is not installed", hint="pip install 'briefcast[whisper]'") from e
    path = Path(model)
    if path.is_file() and is_official(path):
        return whisper.load_model(path.stem, device="cpu", download_root=str(path.parent))
    if path.is_dir():
        from .convert import load_checkpoint

        checkpoint = load_checkpoint(path)
    elif path.is_file():
        try:
            checkpoint = torch.load(path, map_location="cpu", weights_only=True)
            ModelDimensions(**checkpoint["dims"])
        except Exception as e:  # pickle, zip and key errors all mean "not a whisper checkpoint"
            raise ModelError(f"{path}: not an openai-whisper checkpoint ({type(e).__name__})",
                             hint="build one with `briefcast models convert CT2_DIR OUT.pt`") from e
    else:  # an official name not in the cache, that find_model says may be downloaded now: whisper downloads it
        return whisper.load_model(model, device="cpu")
    dims = ModelDimensions(**checkpoint["dims"])
    m = Whisper(dims)
    m.load_state_dict(checkpoint["model_state_dict"])
    heads = checkpoint.get("alignment_heads")
    if heads is not None:
        m.set_alignment_heads(heads)
    return m.to("cpu")


class OpenAIWhisper:
    """An openai-whisper model loaded once; float32 on CPU with word timestamps."""

    name = "openai-whisper"

    def __init__(self, model: str, *, compute_type: str = "float32", threads: int = 0) -> None:
        self.model = load_whisper(model)  # compute_type: CTranslate2's; whisper on CPU is always float32
        self.threads = threads

    def _decoding(self, options: TranscribeOptions) -> dict[str, Any]:
        """The decoding options every call shares (the one place the options reach the model)."""
        import torch

        language = options.language
        if not self.model.is_multilingual:
            english_only(language, options.task)
            language = "en"
        if self.threads:
            torch.set_num_threads(self.threads)
        decode: dict[str, Any] = {"beam_size": options.beam_size, "best_of": 5} if options.beam_size > 1 else {}
        return {"verbose": None, "word_timestamps": True, "fp16": False, "language": language, "task": options.task,
                "initial_prompt": options.initial_prompt, **decode}

    def _run(self, audio: np.ndarray, decoding: dict[str, Any]) -> tuple[str | None, list[Segment]]:
        import torch
        import whisper

        # The temperature fallback samples; a fixed seed makes the same audio give the same text every run (as
        # ctranslate2.set_random_seed does for faster-whisper).
        torch.manual_seed(0)
        try:
            result = whisper.transcribe(self.model, audio, **decoding)
        except RuntimeError as e:
            raise EngineError(f"openai-whisper failed: {e}") from e
        segments = [Segment(float(s["start"]), float(s["end"]), s["text"].strip(), float(s["avg_logprob"]),
                            float(s["compression_ratio"]), float(s["no_speech_prob"]),
                            join_words([(w["word"], w["start"], w["end"], w["probability"])
                                        for w in s.get("words", [])]))
                    for s in result["segments"]]
        return result.get("language"), segments

    def recognise(self, audio: np.ndarray, options: TranscribeOptions,
                  progress: Callable[[float], None] | None = None) -> tuple[str | None, Iterator[Segment]]:
        language, segments = self._run(audio, self._decoding(options))
        if progress and segments:
            progress(segments[-1].end)
        return language, iter(segments)

    def recognise_chunks(self, audio: np.ndarray, chunks: Sequence[Chunk], options: TranscribeOptions,
                         *, retry: bool = False) -> tuple[str | None, list[list[Segment]]]:
        decoding = self._decoding(options)
        decoding["condition_on_previous_text"] = False  # each chunk on its own, as faster-whisper's batches
        if retry:  # greedy, without the prompt
            decoding = {k: v for k, v in decoding.items() if k not in ("beam_size", "best_of")}
            decoding["initial_prompt"] = None
        language = decoding["language"]
        layout = Layout(audio, list(chunks))
        out: list[list[Segment]] = []
        for a, b in layout.clips:
            language, segments = self._run(layout.audio[int(a * SAMPLE_RATE):int(b * SAMPLE_RATE)], decoding)
            if decoding["language"] is None:
                decoding["language"] = language  # detected once, on the first chunk
            out.append([s.shifted(a).moved(layout.to_block) for s in segments])
        return language, out
