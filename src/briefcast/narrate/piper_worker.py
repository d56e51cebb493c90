"""An isolated Piper engine process, run as a script by narrate/engine.py (the same JSON-lines protocol as
narrate/worker.py).

  start:    argv = [json {"model", "config", "length_scale", "volume", "threads", "silence"}]
            -> {"ready": true, "voice": name} or {"error": ..., "kind": "voice-file" | "engine"}
  request:  {"id": n, "text": "...", "path": "/tmp/x.wav"}  -> {"id": n, "frames": n, "rate": hz} or {"id", "error"}

Each clip's words are timed from the voice's phoneme alignments: the model is patched in memory to output the
samples it gives each phoneme (what piper's `alignment` patch does, done here on the model's bytes; the voice file
on disk lacks that output). The span in samples of each word of the text (split at spaces; null for a word with no
sound) is written beside the WAV as PATH.words (JSON), when the alignment could be made.

Clips are written as the voice makes them (no per-sentence peak normalisation, so sentences keep their relative
level; loudness is set once for the whole briefing). This file imports nothing from briefcast so that it starts fast.

The voice's noise (VITS samples it inside the model) is seeded when the worker starts, so a worker given the same
sentences in the same order makes the same audio: a narration with one job (`--jobs 1`) is reproducible to the byte.
With more jobs, which worker speaks which sentence depends on timing, and a sentence may come out slightly otherwise.
"""
from __future__ import annotations

import difflib
import json
import os
import sys
import wave
from typing import Any

QUIET = frozenset("^$_ ,.!?;:…—–-\"'()")  # phoneme-id symbols with no sound of a word: boundaries, punctuation
STRESS = frozenset("ˈˌ")  # stress marks: their samples belong to the phoneme they stand before

WORD_TIMES = 3  # how word spans are made: bump when that changes (the engine's version, so cache keys, carry it)
SEED = 1  # onnxruntime's seed for the model's random ops, set before the session that draws from it is made

def main() -> int:
    replies = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nothing a library prints can corrupt the replies
    sys.stdout = open(os.devnull, "w")

    def reply(obj: dict[str, object]) -> None:
        replies.write(json.dumps(obj) + "\n")

    settings = json.loads(sys.argv[1])
    try:
        import numpy as np
        import onnxruntime
        from piper import PiperVoice
        from piper.config import PiperConfig, SynthesisConfig
    except Exception as e:
        reply({"error": f"{type(e).__name__}: {e}", "kind": "engine"})
        return 1
    name = os.path.basename(settings["model"])
    try:
        with open(settings["config"], encoding="utf-8") as f:
            config = PiperConfig.from_dict(json.load(f))
        onnxruntime.set_seed(SEED)
        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = int(settings["threads"])
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        session = onnxruntime.InferenceSession(_with_alignments(settings["model"]), sess_options=opts,
                                               providers=["CPUExecutionProvider"])
        voice = PiperVoice(session=session, config=config)
        syn = SynthesisConfig(length_scale=float(settings["length_scale"]), normalize_audio=False,
                              volume=float(settings["volume"]))
        list(voice.synthesize("Ready.", syn))  # warm up, and prove the voice speaks
    except Exception as e:
        first = str(e).strip().splitlines()[0][:200] if str(e).strip() else type(e).__name__
        reply({"error": f"voice {name} could not be loaded: {first}", "kind": "voice-file",
               "hint": "pass a Piper .onnx voice with its .onnx.json beside it, or the bundled en_US-joe-medium"})
        return 1
    reply({"ready": True, "voice": name})
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            made = list(voice.synthesize(req["text"], syn, include_alignments=True))
            chunks = [c.audio_float_array for c in made]
            audio = np.concatenate(chunks) if chunks else np.zeros(config.sample_rate // 100, dtype=np.float32)
            spans = word_spans(voice, req["text"], made, float(settings["silence"]))
            if spans is not None:
                with open(req["path"] + ".words", "w", encoding="utf-8") as f:
                    json.dump(spans, f)
            pcm = np.clip(np.round(audio * 32767.0), -32768, 32767).astype("<i2")
            with wave.open(req["path"], "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(config.sample_rate)
                w.writeframes(pcm.tobytes())
            reply({"id": req["id"], "frames": len(pcm), "rate": config.sample_rate})
        except Exception as e:
            reply({"id": req["id"], "error": f"{type(e).__name__}: {e}"})
    return 0


def _with_alignments(model: str) -> str | bytes:
    """The voice model with the samples of each phoneme as a second output (the model's bytes): what piper's
    `alignment` patch does, its one Ceil node's output marked as a graph output, done on the model's protobuf
    encoding, so that only the graph's nodes are read and its 60 MB of weights skipped (parsing and writing them
    back with the `onnx` package took 1.2 s of each worker's start). The path unchanged when there is no single Ceil
    node, the model already has that output, or the file is no ONNX model (onnxruntime then says what is wrong)."""
    with open(model, "rb") as f:
        data = f.read()
    try:
        return _mark_output(data)
    except ValueError:
        return model


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        if byte < 0x80:
            return value, pos
        shift += 7


def _encoded_varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _fields(data: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """The fields of the protobuf message in data[start:end]: (number, tag start, payload start, payload end) of
    each, payloads of length-delimited fields (wire type 2) as such, others empty."""
    out, pos = [], start
    while pos < end:
        at = pos
        tag, pos = _varint(data, pos)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            _, pos = _varint(data, pos)
            out.append((number, at, pos, pos))
            continue
        size = {1: 8, 5: 4}.get(wire)
        if wire == 2:
            size, pos = _varint(data, pos)
        if size is None or pos + size > end:
            raise ValueError(f"unexpected wire type {wire} or length")
        out.append((number, at, pos, pos + size) if wire == 2 else (number, at, pos + size, pos + size))
        pos += size
    return out


def _strings(data: bytes, start: int, end: int, number: int) -> list[str]:
    return [data[a:b].decode("utf-8") for n, _, a, b in _fields(data, start, end) if n == number]


_GRAPH, _NODE, _OUTPUT = 7, 1, 12  # ModelProto.graph, GraphProto.node, GraphProto.output
_NODE_OUTPUT, _OP_TYPE, _NAME = 2, 4, 1  # NodeProto.output, NodeProto.op_type, ValueInfoProto.name


def _mark_output(data: bytes) -> bytes:
    """An ONNX model's bytes with its one Ceil node's output added last to the graph's outputs (ValueError when
    that cannot be done). Protobuf appends a repeated field met later in a message to the ones before it."""
    graphs = [f for f in _fields(data, 0, len(data)) if f[0] == _GRAPH]
    if len(graphs) != 1:
        raise ValueError("not one graph")
    _, tag_at, start, end = graphs[0]
    ceil: set[str] = set()
    outputs: set[str] = set()
    for number, _, a, b in _fields(data, start, end):
        if number == _NODE and _strings(data, a, b, _OP_TYPE) == ["Ceil"]:
            ceil.update(_strings(data, a, b, _NODE_OUTPUT))
        elif number == _OUTPUT:
            outputs.update(_strings(data, a, b, _NAME))
    if len(ceil) != 1 or ceil <= outputs:
        raise ValueError("no single Ceil output to add")
    name = next(iter(ceil)).encode("utf-8")
    info = bytes([_NAME << 3 | 2]) + _encoded_varint(len(name)) + name
    added = bytes([_OUTPUT << 3 | 2]) + _encoded_varint(len(info)) + info
    head = bytes([_GRAPH << 3 | 2]) + _encoded_varint(end - start + len(added))
    view = memoryview(data)  # (the weights are copied once, by the join)
    return b"".join([view[:tag_at], head, view[start:end], added, view[end:]])


def _sounds(phonemes: list[str]) -> list[str]:
    return [p for p in phonemes if p not in QUIET and p not in STRESS]


def word_spans(voice: Any, text: str, chunks: list[Any], silence: float) -> list[list[int] | None] | None:
    """[start, end) in samples of each word of `text` (split at spaces) in the concatenated `chunks`, None for a
    word with no sound; None when the voice gave no alignments. `silence`: the level (a sample's magnitude, 1.0 full
    scale) below which a chunk has not begun to sound (see _heard). espeak-ng says some words together ('of a' is one
    run of phonemes): each word is phonemised alone and its phonemes aligned with the sentence's (difflib; a
    replaced run is spread evenly over what replaced it)."""
    heard = _heard(chunks, silence)
    if heard is None:
        return None
    words = text.split()
    said = [(i, p) for i, w in enumerate(words) for ph in voice.phonemize(w) for p in _sounds(ph)]
    spans: list[list[int] | None] = [None] * len(words)
    matcher = difflib.SequenceMatcher(None, [p for _, p in said], [p for p, _, _ in heard], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("equal", "replace"):
            continue
        for i in range(i1, i2):
            _, start, end = heard[j1 + (i - i1) * (j2 - j1) // (i2 - i1)]
            span = spans[said[i][0]]
            spans[said[i][0]] = [start, end] if span is None else [min(span[0], start), max(span[1], end)]
    return spans


def _heard(chunks: list[Any], silence: float) -> list[tuple[str, int, int]] | None:
    """(phoneme, start, end) in samples of every sound in the concatenated `chunks`; None without alignments.

    Each phoneme's samples include the blank after it, and a stress mark's belong to the phoneme it stands before.
    A word said straight after another (only a word space between them, no punctuation) starts where that space
    does: the voice says the space's samples as the next word's onset (a fricative's hiss, a stop's closure), not as
    silence. After punctuation the space is part of the pause, and the word starts at its first phoneme. A chunk's
    first sound starts where the chunk's sound does (its first sample louder than `silence`), when that comes
    first: the voice says the samples of the sentence-start symbol before it as its onset too (the vowel of
    'According' began 50 ms before its samples), while those samples also hold the silence the chunk starts with."""
    import numpy as np

    heard: list[tuple[str, int, int]] = []
    offset = 0
    for chunk in chunks:
        if chunk.phoneme_alignments is None:
            return None
        loud = np.flatnonzero(np.abs(chunk.audio_float_array) > silence)[:1]
        first = len(heard)
        t, stressed, space, pause = offset, None, None, True
        for a in chunk.phoneme_alignments:
            n = int(a.num_samples)
            if a.phoneme in STRESS:
                stressed = t if stressed is None else stressed
            elif a.phoneme == " ":
                space = t if space is None else space
            elif a.phoneme in QUIET:
                pause = True
            else:
                start = space if space is not None and not pause else t if stressed is None else stressed
                heard.append((a.phoneme, start, t + n))
                stressed, space, pause = None, None, False
            t += n
        if len(loud) and len(heard) > first:
            phoneme, start, end = heard[first]
            heard[first] = (phoneme, min(start, offset + int(loud[0])), end)
        offset += len(chunk.audio_float_array)
    return heard


if __name__ == "__main__":
    sys.exit(main())
