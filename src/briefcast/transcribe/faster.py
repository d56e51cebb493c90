"""The faster-whisper backend (CTranslate2, int8 on CPU): the default, because it is the fastest on CPU."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import EngineError, ModelError, ToolMissingError
from ..media import SAMPLE_RATE
from .options import TranscribeOptions
from .recogniser import Chunk, Segment, english_only, join_words
from .windows import Layout

if TYPE_CHECKING:
    from .models import LocalModel

log = logging.getLogger(__name__)


HUB = "huggingface.co"  # where faster-whisper downloads models from
WINDOW_FRAMES = 3000  # mel frames in Whisper's 30 s window (the encoder takes exactly this many)


def find_model(name: str, allow_download: bool) -> str:
    """The folder of a faster-whisper model named `name`: in the local cache, else downloaded now (when allowed and
    online); ModelError for an unknown name or when it cannot be had."""
    from faster_whisper.utils import available_models, download_model

    from .models import OFFLINE_HINT, check_downloadable

    if name not in available_models() and "/" not in name:
        raise ModelError(f"unknown model {name!r}",
                         hint=f"choose one of {', '.join(available_models())}, or pass a model folder")
    try:
        found: str = download_model(name, local_files_only=True)
        return found
    except OSError as e:  # not in the local cache (huggingface_hub's LocalEntryNotFoundError is an OSError)
        log.debug("model %s is not in the local cache: %s", name, e)
    check_downloadable(name, HUB, allow_download)
    log.warning("downloading model %s from %s", name, HUB)
    try:
        found = download_model(name)
        return found
    except Exception as e:
        raise ModelError(f"cannot download model {name!r}: {e}", hint=OFFLINE_HINT) from e


def local_models(backend: str) -> list[LocalModel]:
    """The bundled tiny.en, the faster-whisper models in the Hugging Face cache, and base when installed."""
    from .models import LocalModel, base_model_dir, bundled_model_dir, hub_cache

    found = [LocalModel(backend, "tiny.en (bundled)", bundled_model_dir(), bundled=True)]
    found += [LocalModel(backend, d.name.split("--")[-1], d)
              for d in sorted(hub_cache().expanduser().glob("models--*faster-whisper*"))]
    if (base_model_dir() / "model.bin").is_file():
        found.append(LocalModel(backend, "base (installed)", base_model_dir()))
    return found


class FasterWhisper:
    """A faster-whisper model loaded once; `recognise` streams segments as they are decoded."""

    name = "faster-whisper"

    def __init__(self, model: str, *, compute_type: str = "int8", threads: int = 0) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError as e:
            raise ToolMissingError("faster-whisper is not installed",
                                   hint="pip install faster-whisper (a dependency of briefcast)") from e
        try:
            self.model = WhisperModel(model, device="cpu", compute_type=compute_type, cpu_threads=threads,
                                      local_files_only=True)
        except ValueError as e:
            raise ModelError(f"cannot load faster-whisper model {model}: {e}",
                             hint="check --compute-type (int8, int8_float32, float32)") from e
        except (RuntimeError, OSError) as e:
            raise ModelError(f"cannot load faster-whisper model {model}: {e}",
                             hint="pass a CTranslate2 Whisper model folder (with model.bin)") from e
        self.multilingual = bool(self.model.model.is_multilingual)

    def _decoding(self, options: TranscribeOptions) -> dict[str, Any]:
        """The decoding options every call shares (the one place the options reach the model)."""
        language = options.language
        if not self.multilingual:
            english_only(language, options.task)
            language = "en"
        import ctranslate2

        # Whisper falls back to sampling at higher temperatures on hard segments; a fixed seed makes the same
        # audio give the same text every run.
        ctranslate2.set_random_seed(0)
        return {"language": language, "task": options.task, "beam_size": options.beam_size, "word_timestamps": True,
                "initial_prompt": options.initial_prompt}

    def recognise(self, audio: np.ndarray, options: TranscribeOptions,
                  progress: Callable[[float], None] | None = None) -> tuple[str | None, Iterator[Segment]]:
        try:
            segments, info = self.model.transcribe(audio, vad_filter=options.vad, **self._decoding(options))
        except ValueError as e:
            raise EngineError(f"faster-whisper failed: {e}") from e
        return info.language, self._segments(segments, progress)

    def recognise_chunks(self, audio: np.ndarray, chunks: Sequence[Chunk], options: TranscribeOptions,
                         *, retry: bool = False) -> tuple[str | None, list[list[Segment]]]:
        from .prompted import Decoding, decode_waves

        decoding = self._decoding(options)
        layout = Layout(audio, list(chunks))
        out: list[list[Segment]] = [[] for _ in chunks]
        language = decoding["language"]
        if not chunks:
            return language, out
        try:
            if retry:  # sequential decoding with its temperature fallback, no prompt, one chunk at a time
                decoding["initial_prompt"] = None
                for i, (a, b) in enumerate(layout.clips):
                    piece = layout.audio[int(a * SAMPLE_RATE):int(b * SAMPLE_RATE)]
                    segments, info = self.model.transcribe(piece, condition_on_previous_text=False, **decoding)
                    out[i] = [s.shifted(a).moved(layout.to_block) for s in self._segments(segments, None)]
                    language = info.language
                return language, out
            pieces = [layout.audio[int(a * SAMPLE_RATE):int(b * SAMPLE_RATE)] for a, b in layout.clips]
            language, found = decode_waves(self.model, pieces, Decoding(language, options.task, options.beam_size,
                                                                        options.initial_prompt), options.batch_size)
            out = [[s.shifted(a).moved(layout.to_block) for s in segs] for (a, _), segs in zip(layout.clips, found)]
        except ValueError as e:
            raise EngineError(f"faster-whisper failed: {e}") from e
        return language, out

    def log_probs(self, audio: np.ndarray, before: str, texts: Sequence[str]) -> list[float]:
        from faster_whisper.tokenizer import Tokenizer

        tokenizer = Tokenizer(self.model.hf_tokenizer, self.multilingual, task="transcribe", language="en")
        features = self.model.feature_extractor(audio)[:, :WINDOW_FRAMES]
        frames = features.shape[-1]
        encoded = self.model.encode(np.pad(features, ((0, 0), (0, WINDOW_FRAMES - frames))))
        prefix = tokenizer.encode(" " + before.strip()) if before.strip() else []
        out = []
        for text in texts:
            tokens = prefix + tokenizer.encode(" " + text.strip())
            probs = self.model.model.align(encoded, tokenizer.sot_sequence, [tokens], frames)[0].text_token_probs
            out.append(float(np.mean(np.log(np.maximum(probs[len(prefix):], 1e-12)))))
        return out

    @staticmethod
    def _segments(segments: Iterable[Any], progress: Callable[[float], None] | None) -> Iterator[Segment]:
        for s in segments:
            words = join_words([(w.word, w.start, w.end, w.probability) for w in (s.words or [])])
            yield Segment(float(s.start), float(s.end), s.text.strip(), float(s.avg_logprob),
                          float(s.compression_ratio), float(s.no_speech_prob), words)
            if progress:
                progress(float(s.end))

