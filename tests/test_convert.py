"""CTranslate2 -> openai-whisper conversion of the bundled tiny.en model: shapes, names, heads, loadable file."""
from __future__ import annotations

import base64
import gzip

import numpy as np
import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.transcribe.convert import ct2_to_state, read_ct2
from briefcast.transcribe.models import bundled_model_dir


@pytest.fixture(scope="module")
def ct2():
    return read_ct2(bundled_model_dir())


def test_the_bundled_model_reads_as_tiny_en(ct2):
    tensors, config = ct2
    dims = ct2_to_state(tensors, config)["dims"]
    assert dims == {"n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 384, "n_audio_head": 6, "n_audio_layer": 4,
                    "n_vocab": 51864, "n_text_ctx": 448, "n_text_state": 384, "n_text_head": 6, "n_text_layer": 4}
    assert tensors["decoder/projection/weight"] is tensors["decoder/embeddings/weight"]  # an alias, not a copy


def test_fused_projections_are_split_into_query_key_value(ct2):
    tensors, config = ct2
    state = ct2_to_state(tensors, config)["model_state_dict"]
    fused = tensors["decoder/layer_2/self_attention/linear_0/weight"].astype(np.float32)
    assert np.array_equal(state["decoder.blocks.2.attn.query.weight"], fused[:384])
    assert np.array_equal(state["decoder.blocks.2.attn.key.weight"], fused[384:768])
    assert np.array_equal(state["decoder.blocks.2.attn.value.weight"], fused[768:])
    assert "decoder.blocks.2.attn.key.bias" not in state  # whisper's key projection has no bias
    kv = tensors["decoder/layer_2/attention/linear_1/weight"].astype(np.float32)
    assert np.array_equal(state["decoder.blocks.2.cross_attn.value.weight"], kv[384:])


def test_the_state_dict_fits_whisper_exactly_and_heads_match_openai(ct2):
    torch = pytest.importorskip("torch")
    whisper = pytest.importorskip("whisper")
    from whisper.model import ModelDimensions, Whisper

    checkpoint = ct2_to_state(*ct2)
    model = Whisper(ModelDimensions(**checkpoint["dims"]))
    result = model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in checkpoint["model_state_dict"].items()},
                                   strict=True)
    assert not result.missing_keys and not result.unexpected_keys

    def mask(dump: bytes) -> np.ndarray:
        return np.frombuffer(gzip.decompress(base64.b85decode(dump)), dtype=bool)

    assert np.array_equal(mask(checkpoint["alignment_heads"]), mask(whisper._ALIGNMENT_HEADS["tiny.en"]))


def test_cli_converts_the_bundled_model_to_a_file_whisper_loads(tmp_path):
    whisper = pytest.importorskip("whisper")
    out = tmp_path / "tiny.en.pt"
    result = CliRunner().invoke(main, ["models", "convert", "--bundled", str(out)])
    assert result.exit_code == 0, result.output
    model = whisper.load_model(str(out), device="cpu")
    assert model.dims.n_vocab == 51864 and not model.is_multilingual


def test_converting_a_folder_without_a_model_fails_cleanly(tmp_path):
    result = CliRunner().invoke(main, ["models", "convert", str(tmp_path), str(tmp_path / "x.pt")])
    assert result.exit_code == 1
    expected = f"briefcast: error: {tmp_path}: no model.bin here: pass a CTranslate2 Whisper model folder"
    assert result.output.strip() == expected
    assert not (tmp_path / "x.pt").exists()
