"""What a Dask worker keeps between a batch's tasks: the speech engines its narrations started (narrate.engine's
`keeping`). Imported only by the Dask engine, on the client and on each worker."""
from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin, get_worker

from ..narrate.engine import KeptWorkers, keeping
from .tasks import Job, JobResult, TaskFunction


class KeptEngines(WorkerPlugin):
    """One keeper of idle speech-engine workers per Dask worker, for one batch: made when the plugin is registered,
    its workers ended when it is unregistered at the batch's end (or the Dask worker closes)."""

    def __init__(self) -> None:
        self.kept: KeptWorkers | None = None

    def setup(self, worker: Any) -> None:
        self.kept = KeptWorkers()

    def teardown(self, worker: Any) -> None:
        if self.kept is not None:
            self.kept.close()


def run_kept(task: TaskFunction, plugin: str, job: Job) -> JobResult:
    """`task(job)`, its speech engine taken from and kept in the worker's `plugin` (a KeptEngines)."""
    kept = getattr(get_worker().plugins.get(plugin), "kept", None)
    with keeping(kept):
        return task(job)
