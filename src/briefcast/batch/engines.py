"""Engines that run the same task function over many jobs: local worker processes, or a Dask cluster.

Each engine yields JobResults as they complete; the caller records them. No home-made scheduling: the local engine
is `concurrent.futures.ProcessPoolExecutor`, the Dask engine is `distributed.Client.map` + `as_completed`. Either way
a worker keeps the speech engine it started for its next files (narrate.engine's `keeping`), ended with the batch.
"""
from __future__ import annotations

import atexit
import concurrent.futures as cf
import contextlib
import ctypes
import functools
import logging
import multiprocessing
import os
import re
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import ToolMissingError, UsageError
from ..fileio import temporary_folder
from ..names import printable
from .tasks import Job, JobResult, TaskFunction, current_job, one_line, remove_temporaries

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")
Running = Callable[[list[str]], None]  # called with the input names now running, for progress displays
PR_SET_PDEATHSIG = 1  # prctl option: signal this process when its parent dies (Linux)


def _worker_init(parent_pid: int, log_level: int = logging.WARNING, scratch: str | None = None) -> None:
    """Worker set-up: Ctrl-C is the coordinator's business; die with the coordinator; SIGTERM cleans up and exits;
    speech engines are kept from one file to the next and ended when the worker exits.

    The worker leads its own process group, so that on SIGTERM it can end the tools it started (espeak-ng, ffmpeg)
    before its temporary files are removed. Its temporary folders (and its tools') go inside `scratch`, which the
    coordinator removes once the workers have ended, however they ended.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if scratch is not None:
        os.environ["TMPDIR"] = scratch  # this process and the tools it starts
        tempfile.tempdir = scratch
    worker_logging(log_level)
    if hasattr(os, "setpgid"):
        try:
            os.setpgid(0, 0)
        except OSError:
            pass
    signal.signal(signal.SIGTERM, _terminate)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the coordinator died before prctl took effect
        os._exit(1)
    from ..narrate.engine import keeping

    engines = contextlib.ExitStack()  # (the tasks run in this thread, in this context)
    engines.enter_context(keeping())
    atexit.register(engines.close)  # a spawned worker ends with sys.exit; when killed, its engines read end of file


class _JobName(logging.Filter):
    """Adds the name of the file in hand to a worker's log records, so that a warning says which input it is about."""

    def filter(self, record: logging.LogRecord) -> bool:
        job = current_job()
        record.job = f"{os.path.basename(job.input)}: " if job is not None else ""
        return True


class _OneLine(logging.Formatter):
    """The message as one line, unprintable characters quoted as on the coordinator's terminal (names.printable);
    a traceback keeps its lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return printable(super().formatMessage(record))


def worker_logging(level: int) -> None:
    """A worker's log lines look like the coordinator's (`briefcast: warning: NAME: ...`), at the same level."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine("briefcast: %(levelname)s: %(job)s%(message)s"))
    handler.addFilter(_JobName())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM in a worker (Ctrl-C or the coordinator's death): end the tools it started, delete the temporary files
    of the job in hand, and exit at once. Nothing here relies on unwinding through the narration or recognition
    code, which may retry or wait on a child that has just been ended."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        try:
            os.killpg(os.getpid(), signal.SIGTERM)  # our children; we ignore it ourselves
        except OSError:
            pass
    remove_temporaries(current_job())
    os._exit(143)


def failed(job: Job, error: BaseException | str) -> JobResult:
    now = time.time()
    message = error if isinstance(error, str) else one_line(error)
    return JobResult(job.input, "failed", error=message, started_at=now, finished_at=now)


CRASHED = ("the worker process died while converting this file (a crash in a native library, or out of "
           "memory)")


def run_local(jobs: Sequence[Job], task: TaskFunction, *, workers: int,
              running: Running | None = None) -> Iterator[JobResult]:
    """Run `task` over `jobs` in `workers` processes, yielding results as they complete.

    A worker that dies (a crash in a native library, the out-of-memory killer) breaks the pool: the jobs that had
    not started go to a fresh pool, and each job that may have been in flight runs again alone, so that only the
    file that crashes its worker on its own is failed. On KeyboardInterrupt (or the generator being closed)
    pending jobs are cancelled and the workers are ended.
    """
    queue = list(jobs)
    suspects: list[Job] = []
    while queue or suspects:
        if queue:
            batch, queue = queue, []
            yield from _run_pool(batch, task, workers, running, queue, suspects)
        else:
            crashed: list[Job] = []
            yield from _run_pool([suspects.pop(0)], task, 1, running, crashed, crashed)
            for job in crashed:
                yield failed(job, CRASHED)


def _run_pool(jobs: list[Job], task: TaskFunction, workers: int, running: Running | None, requeue: list[Job],
              suspects: list[Job]) -> Iterator[JobResult]:
    """One process pool over `jobs`. If it breaks, jobs that cannot have started go to `requeue`, the ones that may
    have been in flight (the first workers + 1 unfinished, as the executor dispatches in order) to `suspects`."""
    with temporary_folder("briefcast-batch-") as scratch:
        yield from _run_pool_in(jobs, task, workers, running, requeue, suspects, str(scratch))


def _run_pool_in(jobs: list[Job], task: TaskFunction, workers: int, running: Running | None, requeue: list[Job],
                 suspects: list[Job], scratch: str) -> Iterator[JobResult]:
    _start_resource_tracker()
    ctx = multiprocessing.get_context("spawn")  # workers inherit no locks, threads or open manifest
    before = set(multiprocessing.active_children())  # (the pool's workers are the children started after this)
    pool = cf.ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))), mp_context=ctx,
                                  initializer=_worker_init,
                                  initargs=(os.getpid(), logging.getLogger().getEffectiveLevel(), scratch))
    futures = {pool.submit(task, job): job for job in jobs}
    order = list(futures)
    pending = set(futures)
    in_flight: set[cf.Future[JobResult]] | None = None
    finished_cleanly = False
    try:
        while pending:
            if running is not None:  # the executor queues one job ahead: show as many as there are workers
                running([futures[f].input for f in order if f in pending and f.running()][:workers])
            done, pending = cf.wait(pending, timeout=0.5, return_when=cf.FIRST_COMPLETED)
            for f in sorted(done, key=order.index):
                try:
                    yield f.result()
                except cf.CancelledError:
                    continue
                except BrokenProcessPool:
                    if in_flight is None:
                        broken = [g for g in order if g.done() and not g.cancelled()
                                  and isinstance(g.exception(), BrokenProcessPool)]
                        in_flight = set(broken[: workers + 1])
                    (suspects if f in in_flight else requeue).append(futures[f])
                except Exception as e:  # the result would not pickle, or similar
                    yield failed(futures[f], e)
        finished_cleanly = True
    finally:
        if finished_cleanly:
            pool.shutdown(wait=True)
        else:
            _stop_pool(pool, before)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (the pool's locks need it) with SIGHUP ignored. It ignores SIGINT and
    SIGTERM itself, but died when a closed terminal hung up the process group, and was relaunched with a warning and
    a traceback per lock. A hangup meanwhile is held, then reaches this process's own handler."""
    from multiprocessing import resource_tracker

    if not hasattr(signal, "SIGHUP") or threading.current_thread() is not threading.main_thread():
        resource_tracker.ensure_running()
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        resource_tracker.ensure_running()
    finally:
        signal.signal(signal.SIGHUP, previous)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGHUP})


def _stop_pool(pool: cf.ProcessPoolExecutor, before: set[Any]) -> None:
    """Cancel what has not started and end the workers (SIGTERM: their temporary files are removed). The executor
    has no public handle on its workers (before Python 3.14): they are this process's children not in `before`."""
    processes = [p for p in multiprocessing.active_children() if p not in before]
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(timeout=5)
        if p.is_alive():
            p.kill()


DASK_LOGGERS = ("distributed", "tornado", "bokeh")  # Dask's own loggers: from -v on at briefcast's level, else
#                                                     errors only (its warnings are about its own machinery: tasks
#                                                     cancelled by a stop, a worker killed on the way out)
SCHEDULER_TIMEOUT = 10.0  # seconds to reach a Dask scheduler (--scheduler-timeout)
# A LocalCluster's periodic work, which costs CPU seconds for every second of wall time (about 0.07 s a second for
# two workers by default, 0.03 s with these, in scripts/bench_batch.py's measurements): no dashboard is served, so
# no profiling of tasks (100 stack samples a second per worker) and a slow system monitor; the event loops' tick (a
# stall detector) and the memory monitor at 1 s. A cluster of yours keeps its own settings.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,  # default 10 ms sampling
    "distributed.admin.system-monitor.interval": "10s",  # default 500 ms
    "distributed.admin.tick.interval": "1s",  # default 20 ms
    "distributed.worker.memory.monitor-interval": "1s",  # default 100 ms
}
_ADDRESS = re.compile(r"(tcp|tls)://(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})")


def scheduler_address(address: str) -> tuple[str, int]:
    """(host, port) of a Dask scheduler address `tcp://HOST:PORT` (or tls://), or a UsageError saying what one
    looks like."""
    match = _ADDRESS.fullmatch(address.strip())
    if match is None or not 0 < int(match[3]) < 65536:
        raise UsageError(f"--scheduler {address!r} is not a scheduler address",
                         hint="write it like tcp://10.0.0.5:8786 (tcp:// or tls://, a host, a port)")
    return match[2].strip("[]"), int(match[3])


def _connect(address: str, timeout: float) -> object:
    """A Client of the scheduler at `address`, or one UsageError within about `timeout` seconds: nothing listens
    there, or something that is not a Dask scheduler (an HTTP server never answers Dask's handshake)."""
    import asyncio

    from distributed import Client
    from distributed.comm import connect

    async def handshake() -> None:  # Dask's own handshake, bounded: an HTTP server accepts and never answers it
        comm = await asyncio.wait_for(connect(address, timeout=timeout), timeout)
        await comm.close()

    scheduler_address(address)
    hint = "check the address and that `dask scheduler` runs there"
    try:
        asyncio.run(handshake())
    except (OSError, TimeoutError) as e:
        reason = "timed out" if isinstance(e, TimeoutError) else (e.strerror or str(e))
        raise UsageError(f"cannot reach a Dask scheduler at {address} ({reason})", hint=hint) from e
    try:
        return Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise UsageError(f"no Dask scheduler answered at {address} within {timeout:g} s", hint=hint) from e


@contextlib.contextmanager
def _dask_logging() -> Iterator[int]:
    """Dask's loggers at briefcast's level while the batch runs when it is -v or more, else at ERROR (no INFO lines,
    no warnings about its own teardown on a stop); restored after."""
    level = logging.getLogger().getEffectiveLevel()
    level = level if level < logging.WARNING else max(level, logging.ERROR)
    loggers = [logging.getLogger(name) for name in DASK_LOGGERS]
    previous = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(level)
    try:
        yield level
    finally:
        for lg, old in zip(loggers, previous):
            lg.setLevel(old)


def run_dask(jobs: Sequence[Job], task: TaskFunction, *, workers: int, scheduler: str | None = None,
             running: Running | None = None, timeout: float = SCHEDULER_TIMEOUT) -> Iterator[JobResult]:
    """Run `task` over `jobs` on a Dask cluster (a LocalCluster on loopback when no scheduler address is given).

    A LocalCluster keeps its scratch space and its workers' temporary files in a folder of ours, removed when the
    batch ends however it ends; the coordinator then removes the temporaries of jobs cut short (batch.run_batch).
    """
    if not jobs:
        return
    if scheduler:
        scheduler_address(scheduler)
    try:
        import dask
        from distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise ToolMissingError("the Dask engine needs dask.distributed",
                               hint="pip install 'briefcast[dask]'") from e
    with _dask_logging() as level, contextlib.ExitStack() as stack:
        cluster = None
        if scheduler:
            client: Any = _connect(scheduler, timeout)
        else:
            scratch = str(stack.enter_context(temporary_folder("briefcast-dask-")))
            stack.enter_context(dask.config.set({"temporary-directory": scratch,  # the scheduler's scratch too
                                                 **LOCAL_CLUSTER_CONFIG}))  # (the Nannies pass it on to workers)
            cluster = LocalCluster(n_workers=max(1, min(workers, len(jobs))), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=level,
                                   local_directory=scratch, env={"TMPDIR": scratch},  # (passed on to each Nanny)
                                   # (the scheduler's HTTP server runs even without a dashboard: on a free
                                   # port, not on 8787 with a warning when another cluster holds it)
                                   scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
            client = Client(cluster, set_as_default=False)
        run = uuid.uuid4().hex[:12]  # keys unique to this batch: a shared cluster may run other batches at once
        from .daskworker import KeptEngines, run_kept

        plugin = f"briefcast-engines-{run}"
        client.register_plugin(KeptEngines(), name=plugin)
        kept_task = functools.partial(run_kept, task, plugin)
        futures = client.map(kept_task, list(jobs), pure=False,
                             key=[f"briefcast-{run}-{i}" for i in range(len(jobs))])
        by_key = {f.key: job for f, job in zip(futures, jobs)}
        try:
            if running is not None:
                running([j.input for j in jobs[:workers]])
            for future in as_completed(futures, loop=client.loop):  # the client is not the default one
                job = by_key[future.key]
                try:
                    yield future.result()
                except Exception as e:  # the task never raises: a lost worker (KilledWorker) or a pickling error
                    yield failed(job, e)
                future.release()
        finally:
            client.cancel(futures)
            with contextlib.suppress(Exception):  # its workers' engines ended (a lost worker's ended with it)
                client.unregister_worker_plugin(plugin)
            client.close()
            if cluster is not None:
                cluster.close()


def run_jobs(jobs: Sequence[Job], task: TaskFunction, *, engine: str = "local", workers: int | None = None,
             scheduler: str | None = None, running: Running | None = None,
             scheduler_timeout: float = SCHEDULER_TIMEOUT) -> Iterator[JobResult]:
    """Dispatch to the chosen engine; `workers` defaults to the number of cores."""
    n = workers or os.cpu_count() or 1
    if engine == "local":
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        return run_local(jobs, task, workers=n, running=running)
    if engine == "dask":
        return run_dask(jobs, task, workers=n, scheduler=scheduler, running=running, timeout=scheduler_timeout)
    raise UsageError(f"unknown engine {engine!r}", hint=f"choose one of {', '.join(ENGINES)}")
