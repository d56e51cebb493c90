"""An isolated Piper engine process, run as a script by narrate/engine.py (the same JSON-lines protocol as
narrate/worker.py).

  start:    argv = [json {"model", "config", "length_scale", "volume", "threads"}]
            -> {"ready": true, "voice": name} or {"error": ..., "kind": "voice-file" | "engine"}
  request:  {"id": n, "text": "...", "path": "/tmp/x.wav"}  -> {"id": n, "frames": n, "rate": hz} or {"id", "error"}

Clips are written as the voice makes them (no per-sentence peak normalisation, so sentences keep their relative
level; loudness is set once for the whole briefing). This file imports nothing from briefcast so that it starts fast.

The voice's noise (VITS samples it inside the model) is seeded when the worker starts, so a worker given the same
sentences in the same order makes the same audio: a narration with one job (`--jobs 1`) is reproducible to the byte.
With more jobs, which worker speaks which sentence depends on timing, and a sentence may come out slightly otherwise.
"""
from __future__ import annotations

import json
import os
import sys
import wave

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
        session = onnxruntime.InferenceSession(settings["model"], sess_options=opts,
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
            chunks = [c.audio_float_array for c in voice.synthesize(req["text"], syn)]
            audio = np.concatenate(chunks) if chunks else np.zeros(config.sample_rate // 100, dtype=np.float32)
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


if __name__ == "__main__":
    sys.exit(main())
