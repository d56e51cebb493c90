"""Readable paragraphs from continuous real speech, where the reader's pauses do not mark paragraphs."""
from __future__ import annotations

import math
import subprocess
from pathlib import Path

import pytest


@pytest.mark.slow
def test_a_read_essay_comes_back_in_paragraphs_of_20_to_60_seconds(shared_data: Path, tmp_path: Path):
    from briefcast.transcribe import TranscribeOptions, transcribe

    clips = sorted((shared_data / "speech" / "ljspeech_lj001").glob("LJ001-*.flac"))
    inputs = [arg for clip in clips for arg in ("-i", str(clip))]
    joined = "".join(f"[{i}:a]" for i in range(len(clips)))
    essay = tmp_path / "printing essay.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", *inputs, "-filter_complex",
                    f"{joined}concat=n={len(clips)}:v=0:a=1[a]", "-map", "[a]", str(essay)], check=True)
    article = transcribe(essay, options=TranscribeOptions(allow_download=False))
    duration = article.duration or 0.0
    spans = [(p.end or 0.0) - (p.start or 0.0) for p in article.paragraphs]
    assert math.ceil(duration / 60) <= len(spans) <= math.floor(duration / 20)
    assert max(spans) <= 60.0
    assert all(p.sentences[-1].text.rstrip().endswith((".", "!", "?", '"')) for p in article.paragraphs)
    assert article.title == "Printing essay"
