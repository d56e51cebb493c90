"""An isolated pyttsx3 (espeak-ng) engine process, run as a script by engine.py.

Protocol: JSON lines. The parent writes requests on our stdin; we answer on a private copy of the original stdout,
because the espeak driver prints ("Audio saved to ...") and libespeak-ng may write to fd 1: both are sent to
/dev/null. One `save_to_file` per `runAndWait`, as pyttsx3 keeps only the last file of a queue.

  start:    argv = [voice or "", rate, volume]  -> {"ready": true, "voice": id} or {"error": ..., "kind": ...}
  request:  {"id": n, "text": "...", "path": "/tmp/x.wav"}  -> {"id": n, "frames": n, "rate": hz} or {"id", "error"}
  request:  {"voices": true}  -> {"voices": [{"id", "name", "languages", "gender"}]}

Each text is said by espeak-ng's own command line, with the voice pyttsx3 found and the same rate and volume: one
fresh espeak-ng per text. In a long-lived engine espeak-ng keeps state from one text to the next (its wave
generator's pitch flutter and other statics), so a text sounded slightly different after other texts, and which
worker said what before it (the pool hands texts to workers as they come free, so the machine's load decides) changed
the audio, and with it what a recogniser hears back. The command line says a text to the sample as pyttsx3 says it
first in a fresh process, and it reads a lexicon's phonemes in double brackets ("[[t'A:bkA:]]"), which pyttsx3
hands espeak-ng without the flag that reads them. Without the command (where pyttsx3 drives espeak-ng's library
alone), pyttsx3 says the texts.

This file imports nothing from briefcast so that it starts fast.
"""
from __future__ import annotations

import json
import os
import sys
import wave
from typing import Any, Protocol, TextIO


class _Engine(Protocol):
    """What this worker calls on a pyttsx3 engine (pyttsx3 ships no type hints; the names are its own)."""

    def getProperty(self, name: str) -> Any: ...

    def setProperty(self, name: str, value: Any) -> None: ...

    def save_to_file(self, text: str, filename: str) -> None: ...

    def runAndWait(self) -> None: ...


def _channel() -> tuple[TextIO, TextIO]:
    """Return (requests, replies) and point fd 1 and sys.stdout at /dev/null."""
    replies = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")
    return sys.stdin, replies


def _voices(engine: _Engine) -> list[dict[str, object]]:
    out = []
    for v in engine.getProperty("voices"):
        out.append({"id": v.id, "name": v.name, "languages": list(v.languages or []), "gender": v.gender})
    return out


def resolve_voice(wanted: str, voices: list[dict[str, object]]) -> str | None:
    """Match a voice by id, id without its family ("en-us"), name or language code, case-insensitively."""
    w = wanted.strip().lower()
    for key in (
        lambda v: str(v["id"]).lower(),
        lambda v: str(v["id"]).lower().rsplit("/", 1)[-1],
        lambda v: str(v["name"]).lower(),
        lambda v: [str(x).lower() for x in v["languages"]],
    ):
        for v in voices:
            k = key(v)
            if (w in k) if isinstance(k, list) else (w == k):
                return str(v["id"])
    return None


def _configured(engine: _Engine, voice: str, rate: int, volume: float) -> bool:
    """True when the engine really uses these settings (read back from espeak-ng, not from pyttsx3's queue)."""
    get = engine.getProperty
    return get("voice") == voice.lower() and get("rate") == rate and abs(get("volume") - volume) < 0.011


def _configure(engine: _Engine, voice: str, rate: int, volume: float, attempts: int = 5) -> bool:
    """Set voice, rate and volume and check they took. pyttsx3 queues property changes until a run loop, and a
    run loop that ends early drops its queue, so apply them with a short warm-up utterance and read them back."""
    import tempfile

    fd, warm = tempfile.mkstemp(suffix=".wav")
    os.close(fd)
    try:
        for _ in range(attempts):
            engine.setProperty("voice", voice)
            engine.setProperty("rate", rate)
            engine.setProperty("volume", volume)
            engine.save_to_file("ready", warm)
            engine.runAndWait()
            if _configured(engine, voice, rate, volume):
                return True
            print(f"worker: settings did not take (voice {engine.getProperty('voice')}, "
                  f"rate {engine.getProperty('rate')}), again", file=sys.stderr)
        return False
    finally:
        os.unlink(warm)


def _save(engine: _Engine, text: str, path: str, attempts: int = 3) -> dict[str, int]:
    """One save_to_file per runAndWait; the espeak driver now and then writes an empty WAV, so say it again."""
    frames, rate = 0, 0
    for attempt in range(attempts):
        if os.path.exists(path):
            os.unlink(path)
        engine.save_to_file(text, path)
        engine.runAndWait()
        try:
            with wave.open(path, "rb") as w:
                frames, rate = w.getnframes(), w.getframerate()
        except (OSError, EOFError, wave.Error):
            frames = 0
        if frames > 0:
            break
        print(f"worker: no audio for {text[:40]!r}, attempt {attempt + 1}", file=sys.stderr)
    return {"frames": frames, "rate": rate}


def _say(exe: str | None, voice: str, rate: int, volume: float, text: str, path: str) -> dict[str, int]:
    """Say a text with the espeak-ng command `exe`: the same audio whatever was said before, and [[phonemes]] read."""
    import subprocess

    if exe is None:
        raise RuntimeError("espeak-ng (the command) is not installed: it says the lexicon's phonemes")
    done = subprocess.run([exe, "-v", voice, "-s", str(rate), "-a", str(int(round(volume * 100))), "-w", path,
                           "--stdin"], input=text, text=True, capture_output=True, timeout=60)
    if done.returncode:
        raise RuntimeError(f"espeak-ng failed: {done.stderr.strip()[:200]}")
    with wave.open(path, "rb") as w:
        return {"frames": w.getnframes(), "rate": w.getframerate()}


def main() -> int:
    requests, replies = _channel()

    def reply(obj: dict[str, object]) -> None:
        replies.write(json.dumps(obj) + "\n")
        replies.flush()

    import shutil

    voice, rate, volume = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    exe = shutil.which("espeak-ng")
    try:
        import pyttsx3

        engine = pyttsx3.init("espeak")
        voices = _voices(engine)
    except Exception as e:
        reply({"error": f"{type(e).__name__}: {e}", "kind": "engine"})
        return 1
    found = engine.getProperty("voice")
    if voice:
        found = resolve_voice(voice, voices)
        if found is None:
            reply({"error": f"unknown voice {voice!r}", "kind": "voice"})
            return 1
    if not _configure(engine, found, rate, volume):
        reply({"error": f"could not set voice {found}, rate {rate}, volume {volume}", "kind": "engine"})
        return 1
    reply({"ready": True, "voice": found})
    for line in requests:
        if not line.strip():
            continue
        req = json.loads(line)
        if req.get("voices"):
            reply({"voices": voices})
            continue
        try:
            if exe is not None or "[[" in req["text"]:
                reply({"id": req["id"], **_say(exe, found, rate, volume, req["text"], req["path"])})
                continue
            if not _configured(engine, found, rate, volume) and not _configure(engine, found, rate, volume):
                raise RuntimeError("the engine lost its voice settings")
            reply({"id": req["id"], **_save(engine, req["text"], req["path"])})
        except Exception as e:
            reply({"id": req["id"], "error": f"{type(e).__name__}: {e}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
