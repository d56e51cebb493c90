"""Voice embeddings: resemblyzer's GE2E speaker encoder, its weights loaded from the resemblyzer package, its input
computed here.

resemblyzer ships its trained encoder (`pretrained.pt`, 17 MB, Apache-2.0) inside its wheel; its own Python needs
librosa and webrtcvad: installed with them, pip adds 15 packages here (librosa, soundfile, soxr, pooch,
scikit-learn, the obsolete `typing` backport, ...) and builds webrtcvad from source with a C compiler. The encoder
itself is a three-layer LSTM over a 40-band mel power spectrogram (25 ms windows, 10 ms hop, 16 kHz), so briefcast
computes that input with numpy (librosa's Slaney mel filters, written out below) and loads only the weights:
`pip install --no-deps resemblyzer` is all it needs. Nothing is downloaded at run time.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ToolMissingError
from ..media import SAMPLE_RATE

if TYPE_CHECKING:
    import torch

N_FFT = 400  # samples: a 25 ms window at 16 kHz
HOP = 160  # samples: 10 ms
N_MELS = 40  # mel bands the encoder was trained on
HIDDEN = 256  # LSTM width and embedding size
LAYERS = 3
TARGET_DBFS = -30.0  # resemblyzer raises quieter input to this level (never lowers louder input)
INT16_MAX = 2 ** 15 - 1


def weights_path() -> Path:
    """Where resemblyzer's encoder weights are (found without importing resemblyzer's librosa-bound code)."""
    spec = importlib.util.find_spec("resemblyzer")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "pretrained.pt"
        if path.is_file():
            return path
    raise ToolMissingError("speaker detection needs resemblyzer's voice encoder",
                         hint="pip install --no-deps 'resemblyzer>=0.1.4' (its weights are all briefcast uses)")


def _hz_to_mel(hz: np.ndarray) -> np.ndarray:
    """Slaney's mel scale (librosa's default): linear below 1 kHz, logarithmic above."""
    hz = np.asarray(hz, dtype=np.float64)
    mel = hz / (200.0 / 3)
    log_part = hz >= 1000.0
    return np.where(log_part, 15.0 + np.log(np.maximum(hz, 1e-9) / 1000.0) / (np.log(6.4) / 27.0), mel)


def _mel_to_hz(mel: np.ndarray) -> np.ndarray:
    mel = np.asarray(mel, dtype=np.float64)
    return np.where(mel >= 15.0, 1000.0 * np.exp(np.log(6.4) / 27.0 * (mel - 15.0)), mel * 200.0 / 3)


@lru_cache(maxsize=1)
def mel_filters(rate: int = SAMPLE_RATE, n_fft: int = N_FFT, n_mels: int = N_MELS) -> np.ndarray:
    """(n_mels, n_fft // 2 + 1) triangular filters, Slaney-normalised: librosa.filters.mel's defaults."""
    fft_freqs = np.fft.rfftfreq(n_fft, 1.0 / rate)
    edges = _mel_to_hz(np.linspace(_hz_to_mel(np.array(0.0)), _hz_to_mel(np.array(rate / 2)), n_mels + 2))
    widths = np.diff(edges)
    ramps = edges[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (edges[2:] - edges[:-2]))[:, None]
    return weights.astype(np.float32)


def mel_frames(audio: np.ndarray) -> np.ndarray:
    """(frames, 40) mel power spectrogram of 16 kHz samples, as resemblyzer feeds its encoder (centred frames,
    zero-padded ends, a periodic Hann window, power not log)."""
    padded = np.pad(audio.astype(np.float32), N_FFT // 2)
    n = 1 + (len(padded) - N_FFT) // HOP
    if n <= 0:
        return np.zeros((0, N_MELS), np.float32)
    frames = np.lib.stride_tricks.as_strided(padded, (n, N_FFT), (padded.strides[0] * HOP, padded.strides[0]))
    window = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)).astype(np.float32)
    power = np.abs(np.fft.rfft(frames * window, axis=1)) ** 2
    return (power.astype(np.float32) @ mel_filters().T).astype(np.float32)


def louder(audio: np.ndarray) -> np.ndarray:
    """`audio` raised to TARGET_DBFS when it is quieter (resemblyzer's normalisation; the encoder's input is not
    log-scaled, so its level matters)."""
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if len(audio) else 0.0
    if rms <= 1e-9:
        return audio
    change = TARGET_DBFS - 20 * np.log10(rms)
    return audio * np.float32(10 ** (change / 20)) if change > 0 else audio


class VoiceEncoder:
    """resemblyzer's GE2E encoder: 16 kHz clips -> unit-length 256-dimensional voice embeddings."""

    def __init__(self) -> None:
        import torch

        self.model = _network()
        state = torch.load(weights_path(), map_location="cpu", weights_only=True)["model_state"]
        self.model.load_state_dict({k: v for k, v in state.items() if not k.startswith("similarity_")})
        self.model.eval()

    def embed(self, clips: list[np.ndarray]) -> np.ndarray:
        """(len(clips), 256) embeddings of equally long clips (each raised to resemblyzer's level first)."""
        import torch

        if not clips:
            return np.zeros((0, HIDDEN), np.float32)
        mels = np.stack([mel_frames(louder(c)) for c in clips])
        with torch.inference_mode():
            out = self.model(torch.from_numpy(mels)).numpy()
        return out.astype(np.float32)


@lru_cache(maxsize=1)
def load_encoder() -> VoiceEncoder:
    """The encoder, loaded once per process (like the recognisers)."""
    return VoiceEncoder()


def _network() -> torch.nn.Module:
    import torch
    from torch import nn

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lstm = nn.LSTM(N_MELS, HIDDEN, LAYERS, batch_first=True)
            self.linear = nn.Linear(HIDDEN, HIDDEN)
            self.relu = nn.ReLU()

        def forward(self, mels: torch.Tensor) -> torch.Tensor:
            _, (hidden, _) = self.lstm(mels)
            raw = self.relu(self.linear(hidden[-1]))
            return raw / torch.norm(raw, dim=1, keepdim=True).clamp_min(1e-9)

    return Encoder()
