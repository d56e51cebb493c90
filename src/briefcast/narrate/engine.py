"""Speech engines in worker processes: a pool that speaks sentences into WAV clips, whatever the engine.

Speech engines are fragile or heavy (pyttsx3's run loop can hang and its driver prints on stdout; a neural voice
holds a large model and its own threads), so each engine instance lives in its own process, started from a
`WorkerSpec` (the command line of a worker script that speaks JSON lines, see worker.py). A sentence that takes
longer than the timeout, or comes back as a bad WAV, kills its worker; a fresh one retries it. Several workers
synthesise in parallel and the results keep their order. Inside `keeping`, the workers of a synthesis that ended well
are kept for the next one with the same spec (a batch worker's next file), when the engine says each text the same
whatever it said before. The engines themselves live in `narrate/engines/`.
"""
from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import selectors
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EngineError, InputError, UsageError
from ..tools import pipe, require

if TYPE_CHECKING:
    from .engines import PooledEngine
    from .options import NarrateOptions

log = logging.getLogger(__name__)

START_TIMEOUT = 20.0  # seconds a new worker may take to load its engine and voice
START_RETRIES = 2  # new workers tried again when their engine would not take its settings


@dataclass(frozen=True)
class WorkerSpec:
    """How to start one engine worker: its command line, the engine's name, and the hints its errors carry."""

    command: tuple[str, ...]  # the worker process (it replies {"ready": ...} then answers requests)
    engine: str  # the engine's name, for messages
    hint: str  # what to check when the engine cannot start ("install the Debian package espeak-ng ...")
    say_hint: str = "try a shorter sentence"  # what to check when one sentence fails; {text} is the sentence
    reusable: bool = False  # says each text the same whatever it said before: may speak for several syntheses


def check_ffmpeg() -> str:
    """The ffmpeg executable, or ToolMissingError."""
    return require("ffmpeg")


class _Worker:
    """One engine process and its reply buffer."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        self.stderr = tempfile.TemporaryFile()
        # the worker's own temporary files (a warm-up WAV, its libraries') go in a folder of ours, removed when it
        # is ended, so that a worker killed mid-write leaves nothing in the temporary folder
        self.tmp = tempfile.mkdtemp(prefix="briefcast-worker-")
        self.proc = subprocess.Popen(
            list(spec.command),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": self.tmp},
        )
        self.buffer = b""
        self.task: tuple[int, str, Path, int] | None = None  # (index, text, wav path, attempt)
        self.deadline = 0.0
        self.voice: str | None = None

    @property
    def fd(self) -> int:
        return pipe(self.proc.stdout).fileno()

    def send(self, obj: dict[str, object]) -> None:
        pipe(self.proc.stdin).write((json.dumps(obj) + "\n").encode())
        pipe(self.proc.stdin).flush()

    def read_lines(self) -> list[dict[str, object]] | None:
        """Replies now available; None at end of file (the worker died)."""
        chunk = os.read(self.fd, 65536)
        if not chunk:
            return None
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        return [json.loads(x) for x in lines if x.strip()]

    def stderr_text(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")[-2000:]

    def kill(self) -> None:
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                if f is not None:
                    f.close()
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.stderr.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def _wait_ready(worker: _Worker, spec: WorkerSpec, timeout: float) -> None:
    """Wait for the worker's start-up message; raise the matching error if it could not start."""
    sel = selectors.DefaultSelector()
    sel.register(worker.fd, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(left):
                raise EngineError(f"the speech engine {spec.engine} did not start in time", hint=spec.hint,
                                  detail=worker.stderr_text())
            msgs = worker.read_lines()
            if msgs is None:
                raise EngineError(f"the speech engine {spec.engine} exited while starting", hint=spec.hint,
                                  detail=worker.stderr_text())
            for msg in msgs:
                if msg.get("kind") == "voice":
                    raise UsageError(str(msg["error"]), hint="run `briefcast voices` to list the voices")
                if msg.get("kind") == "voice-file":
                    raise InputError(str(msg["error"]), hint=str(msg.get("hint") or "check the voice file"),
                                     detail=worker.stderr_text())
                if "error" in msg:
                    raise EngineError(f"{spec.engine} could not start: {msg['error']}", hint=spec.hint,
                                      detail=worker.stderr_text())
                if msg.get("ready"):
                    worker.voice = str(msg.get("voice"))
                    return
    finally:
        sel.close()


def _start(spec: WorkerSpec) -> _Worker:
    return _start_many(1, spec)[0]


def _verify_wav(path: Path) -> int:
    """Frames in a WAV the engine wrote; 0 when missing, empty or unparseable."""
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() if w.getsampwidth() == 2 and w.getnchannels() == 1 else 0
    except (OSError, EOFError, wave.Error):
        return 0


def synthesize(
    spec: WorkerSpec,
    texts: list[str],
    folder: Path,
    *,
    jobs: int = 2,
    timeout: float = 30.0,
    retries: int = 1,
    on_done: Callable[[int, Path], None] | None = None,
) -> list[Path]:
    """Synthesise each text to a verified WAV in `folder` (mono, 16-bit), in parallel; return the paths in order.

    `on_done(index, path)` is called as each one is ready (in completion order).
    """
    if not texts:
        return []
    paths = [folder / f"u{i:05d}.wav" for i in range(len(texts))]
    pending: list[tuple[int, int]] = [(i, 0) for i in range(len(texts))]  # (index, attempt), next first
    pending.reverse()
    done = 0
    workers: list[_Worker] = []
    sel = selectors.DefaultSelector()
    kept = False
    try:
        workers += _take_kept(min(jobs, len(texts)), spec)
        workers += _start_many(min(jobs, len(texts)) - len(workers), spec)  # (kills its own if one cannot start)
        for w in workers:
            sel.register(w.fd, selectors.EVENT_READ, w)
        while done < len(texts):
            _hand_out(workers, pending, texts, paths, timeout)
            busy = [w for w in workers if w.task is not None]
            left = min(w.deadline for w in busy) - time.monotonic()
            events = sel.select(max(left, 0.0)) if left > 0 else []
            finished, failed = _replies([key.data for key, _ in events], paths, on_done)
            done += finished
            now = time.monotonic()
            failed += [(w, f"no audio after {timeout:g} s") for w in busy if w.task and w.deadline <= now
                       and all(w is not f for f, _ in failed)]
            for w, why in failed:
                _replace(w, why, workers, sel, pending, spec, retries)
        kept = _keep(workers)
        return paths
    finally:
        sel.close()
        if not kept:
            for w in workers:
                w.kill()


def _hand_out(workers: list[_Worker], pending: list[tuple[int, int]], texts: list[str], paths: list[Path],
              timeout: float) -> None:
    """Give each idle worker the next text (`pending` holds (index, attempt), next last), with its deadline."""
    for w in workers:
        if w.task is None and pending:
            i, attempt = pending.pop()
            w.task = (i, texts[i], paths[i], attempt)
            w.deadline = time.monotonic() + timeout
            paths[i].unlink(missing_ok=True)
            paths[i].with_name(paths[i].name + ".words").unlink(missing_ok=True)
            try:
                w.send({"id": i, "text": texts[i], "path": str(paths[i])})
            except OSError:  # it died: its end of file comes next, and another worker retries the text
                pass


def _replies(ready: list[_Worker], paths: list[Path],
             on_done: Callable[[int, Path], None] | None) -> tuple[int, list[tuple[_Worker, str]]]:
    """Read the workers that have something to say: how many texts they finished (a verified WAV each, announced
    to `on_done`), and the workers that failed, with why."""
    finished = 0
    failed: list[tuple[_Worker, str]] = []
    for w in ready:
        msgs = w.read_lines()
        if msgs is None:
            failed.append((w, "the engine process died"))
            continue
        for msg in msgs:
            if w.task is None or msg.get("id") != w.task[0]:
                continue
            i = w.task[0]
            if "error" in msg:
                failed.append((w, str(msg["error"])))
            elif _verify_wav(paths[i]) <= 0:
                failed.append((w, "the engine wrote an empty or unreadable WAV"))
            else:
                w.task = None
                finished += 1
                if on_done:
                    on_done(i, paths[i])
    return finished, failed


def _replace(w: _Worker, why: str, workers: list[_Worker], sel: selectors.BaseSelector,
             pending: list[tuple[int, int]], spec: WorkerSpec, retries: int) -> None:
    """End a failed worker and start another in its place; its text goes back in `pending` for another attempt,
    or, after `retries` attempts, the narration fails with EngineError."""
    detail = w.stderr_text()
    sel.unregister(w.fd)
    w.kill()
    if w.task is not None:
        i, text, _, attempt = w.task
        log.warning("sentence %d: %s (attempt %d)", i + 1, why, attempt + 1)
        if attempt >= retries:
            raise EngineError(f"the speech engine failed on sentence {i + 1}: {why}",
                              hint=spec.say_hint.format(text=repr(text[:60])), detail=detail)
        pending.append((i, attempt + 1))
    nw = _start(spec)
    workers[workers.index(w)] = nw
    sel.register(nw.fd, selectors.EVENT_READ, nw)


class KeptWorkers:
    """Idle workers kept between syntheses inside `keeping`, of one spec at a time (a changed voice, rate or volume
    ends them and starts its own); safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []

    def take(self, n: int, spec: WorkerSpec) -> list[_Worker]:
        """Up to n live idle workers of `spec`; those of another spec, and any that died, are ended."""
        with self._lock:
            idle, self._idle = self._idle, []
            mine = [w for w in idle if w.spec == spec and w.proc.poll() is None]
            taken, rest = mine[:n], mine[n:]
            self._idle = rest
        for w in idle:
            if w not in taken and w not in rest:
                w.kill()
        return taken

    def keep(self, workers: list[_Worker]) -> None:
        """Workers idle again after a synthesis that ended well."""
        for w in workers:
            w.stderr.seek(0)
            w.stderr.truncate()  # an error's detail is about the synthesis in hand
        with self._lock:
            self._idle.extend(workers)

    def pids(self) -> list[int]:
        """The process ids of the idle workers."""
        with self._lock:
            return [w.proc.pid for w in self._idle]

    def close(self) -> None:
        """End every idle worker."""
        with self._lock:
            idle, self._idle = self._idle, []
        for w in idle:
            w.kill()


_KEPT: contextvars.ContextVar[KeptWorkers | None] = contextvars.ContextVar("briefcast_kept_workers", default=None)


@contextlib.contextmanager
def keeping(kept: KeptWorkers | None = None) -> Iterator[KeptWorkers]:
    """Keep the workers of each synthesis inside the block that ended well, for the next one with the same spec: a
    batch worker starts its speech engine once for all its files. The engine must be `reusable` (its output is then
    the same as from a fresh worker); a worker that failed is never kept. With `kept` (one held by the caller across
    blocks, as a Dask worker does) its workers stay after the block; otherwise they are ended with it."""
    own = kept is None
    keeper = KeptWorkers() if kept is None else kept
    token = _KEPT.set(keeper)
    try:
        yield keeper
    finally:
        _KEPT.reset(token)
        if own:
            keeper.close()


def _take_kept(n: int, spec: WorkerSpec) -> list[_Worker]:
    keeper = _KEPT.get()
    return keeper.take(n, spec) if keeper is not None and spec.reusable else []


def _keep(workers: list[_Worker]) -> bool:
    """Hand idle workers to the block's keeper; False when there is none (or their engine is not reusable)."""
    keeper = _KEPT.get()
    if keeper is None or not workers or not workers[0].spec.reusable:
        return False
    keeper.keep(workers)
    return True


@dataclass
class EarlyWorkers:
    """Workers started ahead of a synthesis (see `starting`): those not yet taken, and how many were."""

    spec: WorkerSpec
    waiting: list[_Worker]
    taken: int = 0


_EARLY: contextvars.ContextVar[EarlyWorkers | None] = contextvars.ContextVar("briefcast_early_workers",
                                                                           default=None)


@contextlib.contextmanager
def starting(spec: WorkerSpec, n: int) -> Iterator[EarlyWorkers]:
    """Start `n` workers of `spec` now, while the caller does other work (the CLI reads and parses the article): a
    synthesis with the same spec inside the block takes them, already loading their engine, instead of starting
    its own. Those not taken are ended when the block ends."""
    early = EarlyWorkers(spec, [])
    token = _EARLY.set(early)
    try:
        early.waiting.extend(_Worker(spec) for _ in range(n))
        yield early
    finally:
        _EARLY.reset(token)
        for w in early.waiting:
            w.kill()


def _take_early(n: int, spec: WorkerSpec) -> list[_Worker]:
    """Up to n workers of `spec` started ahead by `starting`, taken from it."""
    early = _EARLY.get()
    if early is None or early.spec != spec:
        return []
    taken = early.waiting[:n]
    del early.waiting[:n]
    early.taken += len(taken)
    return taken


def _start_many(n: int, spec: WorkerSpec) -> list[_Worker]:
    """Start n workers at once (they load in parallel; any started ahead by `starting` are taken first), then wait
    for each. A worker whose engine would not take its settings (pyttsx3's run loop can end early under load) is
    replaced, up to START_RETRIES times."""
    started = _take_early(n, spec)
    started += [_Worker(spec) for _ in range(n - len(started))]
    try:
        for k in range(n):
            for attempt in range(START_RETRIES + 1):
                try:
                    _wait_ready(started[k], spec, START_TIMEOUT)
                    break
                except EngineError as e:
                    started[k].kill()
                    if attempt == START_RETRIES:
                        raise
                    log.info("speech engine did not start (%s): starting another", e.message)
                    started[k] = _Worker(spec)
    except BaseException:
        for w in started:
            w.kill()
        raise
    return started


def ask(spec: WorkerSpec, request: dict[str, object], answer: str) -> tuple[dict[str, object], str | None]:
    """Start one worker, send it `request`, and return its first reply holding the key `answer`, with the voice
    the worker reported when it was ready (its default voice when the spec names none)."""
    w = _start(spec)
    try:
        w.send(request)
        sel = selectors.DefaultSelector()
        sel.register(w.fd, selectors.EVENT_READ)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if not sel.select(deadline - time.monotonic()):
                break
            msgs = w.read_lines()
            if msgs is None:
                break
            for msg in msgs:
                if answer in msg:
                    return msg, w.voice
        raise EngineError(f"the speech engine {spec.engine} did not answer", detail=w.stderr_text())
    finally:
        w.kill()


def speak(engine: PooledEngine, texts: list[str], folder: Path, *, options: NarrateOptions,
          on_done: Callable[[int, Path], None] | None = None) -> list[Path]:
    """A pooled engine's `synthesize`: check that it can run, then speak `texts` in its worker processes with the
    narration's voice, rate, volume, jobs, timeout and retries (`engine.spec` builds the worker's command)."""
    engine.check()
    return synthesize(engine.spec(options.voice, options.rate, options.volume), texts, folder,
                      jobs=options.jobs, timeout=options.sentence_timeout, retries=options.retries, on_done=on_done)
