"""Rebuild an openai-whisper checkpoint (`{"dims", "model_state_dict"}`) from a CTranslate2 Whisper model.

openai-whisper cannot read CTranslate2 files, and its own checkpoints cannot be downloaded offline; the weights are
the same, only named and packed differently. `model.bin` is a small binary format (see ctranslate2's
`specs/model_spec.py`, `_serialize`): version, spec name, revision, named tensors, then aliases.
"""
from __future__ import annotations

import base64
import gzip
import json
import re
import struct
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from ..errors import ModelError

# ctranslate2's type ids, in order (model_spec._dtype_to_type_id); bfloat16 is read as raw uint16 and widened.
_DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")


def read_ct2(model_dir: str | Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Read `model.bin` (tensors by name, aliases resolved) and `config.json` of a CTranslate2 model folder."""
    folder = Path(model_dir)
    path = folder / "model.bin"
    if not path.is_file():
        raise ModelError(f"{folder}: no model.bin here", hint="pass a CTranslate2 Whisper model folder")
    with open(path, "rb") as f:
        tensors = _read_model_bin(f, path)
    config_path = folder / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
    return tensors, config


def _read_model_bin(f: BinaryIO, path: Path) -> dict[str, np.ndarray]:
    def num(fmt: str) -> int:
        size = struct.calcsize(fmt)
        data = f.read(size)
        if len(data) != size:
            raise ModelError(f"{path}: truncated CTranslate2 model", hint="convert or download the model again")
        return struct.unpack("<" + fmt, data)[0]

    def string() -> str:
        n = num("H")
        return f.read(n)[:-1].decode("utf-8")

    version = num("I")
    if version < 5:
        raise ModelError(f"{path}: CTranslate2 binary version {version} is too old", hint="re-convert the model")
    spec = string()
    if spec != "WhisperSpec":
        raise ModelError(f"{path}: a {spec} model, not Whisper", hint="pass a CTranslate2 Whisper model")
    num("I")  # revision
    tensors: dict[str, np.ndarray] = {}
    for _ in range(num("I")):
        name = string()
        shape = tuple(num("I") for _ in range(num("B")))
        dtype = _DTYPES[num("B")]
        raw = f.read(num("I"))
        if dtype == "bfloat16":
            arr = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            arr = np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<"))
        tensors[name] = arr.reshape(shape)
    for _ in range(num("I")):
        alias, target = string(), string()
        tensors[alias] = tensors[target]
    return tensors


def alignment_heads_dump(heads: list[list[int]], n_layer: int, n_head: int) -> bytes:
    """(layer, head) pairs in whisper's `set_alignment_heads` format: a base85, gzipped boolean mask."""
    mask = np.zeros((n_layer, n_head), dtype=bool)
    for layer, head in heads:
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes(), mtime=0))


def ct2_to_state(tensors: dict[str, np.ndarray], config: dict[str, Any]) -> dict[str, Any]:
    """Map CTranslate2 tensor names onto whisper's ModelDimensions and state-dict keys (float32 numpy arrays)."""
    t = {k: v for k, v in tensors.items()}

    def count(prefix: str) -> int:
        return len({k.split("/")[1] for k in t if re.match(prefix + r"/layer_\d+/", k)})

    state: dict[str, np.ndarray] = {}

    def put(key: str, name: str) -> None:
        state[key] = np.asarray(t[name], dtype=np.float32)

    def norm(key: str, name: str) -> None:
        put(f"{key}.weight", f"{name}/gamma")
        put(f"{key}.bias", f"{name}/beta")

    def linear(key: str, name: str, bias: bool = True) -> None:
        put(f"{key}.weight", f"{name}/weight")
        if bias:
            put(f"{key}.bias", f"{name}/bias")

    def split(key: str, name: str, parts: list[str]) -> None:
        """A fused projection (q|k|v or k|v) split into equal row blocks; whisper's key has no bias."""
        w = np.asarray(t[f"{name}/weight"], dtype=np.float32)
        b = np.asarray(t[f"{name}/bias"], dtype=np.float32)
        n = w.shape[0] // len(parts)
        for i, part in enumerate(parts):
            state[f"{key}.{part}.weight"] = w[i * n:(i + 1) * n]
            if part != "key":
                state[f"{key}.{part}.bias"] = b[i * n:(i + 1) * n]

    n_audio_layer, n_text_layer = count("encoder"), count("decoder")
    put("encoder.conv1.weight", "encoder/conv1/weight")
    put("encoder.conv1.bias", "encoder/conv1/bias")
    put("encoder.conv2.weight", "encoder/conv2/weight")
    put("encoder.conv2.bias", "encoder/conv2/bias")
    put("encoder.positional_embedding", "encoder/position_encodings/encodings")
    for i in range(n_audio_layer):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        split(f"{dst}.attn", f"{src}/self_attention/linear_0", ["query", "key", "value"])
        linear(f"{dst}.attn.out", f"{src}/self_attention/linear_1")
        norm(f"{dst}.attn_ln", f"{src}/self_attention/layer_norm")
        linear(f"{dst}.mlp.0", f"{src}/ffn/linear_0")
        linear(f"{dst}.mlp.2", f"{src}/ffn/linear_1")
        norm(f"{dst}.mlp_ln", f"{src}/ffn/layer_norm")
    norm("encoder.ln_post", "encoder/layer_norm")

    put("decoder.token_embedding.weight", "decoder/embeddings/weight")
    put("decoder.positional_embedding", "decoder/position_encodings/encodings")
    for i in range(n_text_layer):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        split(f"{dst}.attn", f"{src}/self_attention/linear_0", ["query", "key", "value"])
        linear(f"{dst}.attn.out", f"{src}/self_attention/linear_1")
        norm(f"{dst}.attn_ln", f"{src}/self_attention/layer_norm")
        linear(f"{dst}.cross_attn.query", f"{src}/attention/linear_0")
        split(f"{dst}.cross_attn", f"{src}/attention/linear_1", ["key", "value"])
        linear(f"{dst}.cross_attn.out", f"{src}/attention/linear_2")
        norm(f"{dst}.cross_attn_ln", f"{src}/attention/layer_norm")
        linear(f"{dst}.mlp.0", f"{src}/ffn/linear_0")
        linear(f"{dst}.mlp.2", f"{src}/ffn/linear_1")
        norm(f"{dst}.mlp_ln", f"{src}/ffn/layer_norm")
    norm("decoder.ln", "decoder/layer_norm")

    conv1 = t["encoder/conv1/weight"]
    dims = {
        "n_mels": int(conv1.shape[1]),
        "n_audio_ctx": int(t["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(conv1.shape[0]),
        "n_audio_head": int(t["encoder/num_heads"]),
        "n_audio_layer": n_audio_layer,
        "n_vocab": int(t["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(t["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(t["decoder/embeddings/weight"].shape[1]),
        "n_text_head": int(t["decoder/num_heads"]),
        "n_text_layer": n_text_layer,
    }
    checkpoint: dict[str, Any] = {"dims": dims, "model_state_dict": state}
    heads = config.get("alignment_heads")
    if heads:
        checkpoint["alignment_heads"] = alignment_heads_dump(heads, n_text_layer, dims["n_text_head"])
    return checkpoint


def load_checkpoint(model_dir: str | Path) -> dict[str, Any]:
    """An openai-whisper checkpoint dict (torch tensors) rebuilt from a CTranslate2 Whisper model folder."""
    import torch

    tensors, config = read_ct2(model_dir)
    try:
        checkpoint = ct2_to_state(tensors, config)
    except KeyError as e:
        raise ModelError(f"{model_dir}: not a CTranslate2 Whisper model (missing {e})") from e
    checkpoint["model_state_dict"] = {k: torch.from_numpy(np.ascontiguousarray(v)).to(torch.float16)
                                      for k, v in checkpoint["model_state_dict"].items()}
    return checkpoint


def convert(model_dir: str | Path, out: str | Path) -> Path:
    """Write an openai-whisper checkpoint for a CTranslate2 Whisper model; `whisper.load_model(out)` loads it."""
    import torch

    from ..fileio import atomic_path

    checkpoint = load_checkpoint(model_dir)
    with atomic_path(out) as tmp:
        torch.save(checkpoint, tmp)
    return Path(out)
