"""CTranslate2 -> openai-whisper conversion of the bundled tiny.en model: shapes, names, heads, loadable file."""
from __future__ import annotations

import base64
import gzip
import hashlib
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.transcribe.convert import ct2_to_state, read_ct2
from briefcast.transcribe.models import bundled_checkpoint, bundled_model_dir
from briefcast.transcribe.openai import OFFICIAL_SHA256, is_official, load_whisper


def mask(dump: bytes) -> np.ndarray:
    """whisper's alignment heads dump as a flat boolean mask over (layer, head)."""
    return np.frombuffer(gzip.decompress(base64.b85decode(dump)), dtype=bool)


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


def test_the_official_checksums_are_those_in_whisper_download_urls():
    whisper = pytest.importorskip("whisper")
    # whisper keeps its URLs private; reading them here only checks our copy (".../SHA256/NAME.pt")
    assert OFFICIAL_SHA256 == {Path(url).stem: url.split("/")[-2] for url in whisper._MODELS.values()}


@pytest.fixture
def no_download(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"tried to download {args[0]}")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_a_checkpoint_named_like_an_official_one_loads_from_its_file_with_its_own_heads(whisper_checkpoint,
                                                                                        no_download):
    torch = pytest.importorskip("torch")
    path = bundled_checkpoint()  # the converted tiny.en.pt: openai's name, not openai's file
    assert path.name == "tiny.en.pt" and not is_official(path)
    model = load_whisper(str(path))
    heads = torch.load(path, weights_only=True)["alignment_heads"]
    assert np.array_equal(model.alignment_heads.to_dense().flatten().numpy(), mask(heads))


def test_a_checkpoint_without_heads_gets_whisper_default_heads_and_nothing_downloads(whisper_checkpoint, tmp_path,
                                                                                      no_download):
    torch = pytest.importorskip("torch")
    checkpoint = torch.load(bundled_checkpoint(), weights_only=True)
    del checkpoint["alignment_heads"]
    torch.save(checkpoint, tmp_path / "tiny.en.pt")
    model = load_whisper(str(tmp_path / "tiny.en.pt"))
    layers_with_heads = model.alignment_heads.to_dense().any(dim=1).tolist()
    assert layers_with_heads == [False, False, True, True]  # whisper's default: every head of the upper half


def test_an_official_checkpoint_is_loaded_by_whisper_from_its_folder(tmp_path, monkeypatch):
    whisper = pytest.importorskip("whisper")
    path = tmp_path / "tiny.en.pt"
    path.write_bytes(b"openai's tiny.en, as far as this test's checksum table knows")
    monkeypatch.setitem(OFFICIAL_SHA256, "tiny.en", hashlib.sha256(path.read_bytes()).hexdigest())
    calls = []
    monkeypatch.setattr(whisper, "load_model", lambda name, **kw: calls.append((name, kw)) or "the model")
    assert load_whisper(str(path)) == "the model"
    assert calls == [("tiny.en", {"device": "cpu", "download_root": str(tmp_path)})]
    path.rename(tmp_path / "tiny.en.bin")  # whisper would look for tiny.en.pt: not official under another name
    assert not is_official(tmp_path / "tiny.en.bin")
