"""The transformations of a build, run in this process or shared among worker processes.

A build's XSLT work is a list of `Task`s: a reading page (a stylesheet applied to one source) or
a once-per-build stylesheet (its initial template, writing its pages with xsl:result-document).
Tasks that do not read each other's output (teipub.build runs consecutive XSLT stages together)
are shared among ``workers`` processes (started fresh with ``spawn``: a Saxon processor is not safe
to use across ``fork``), each with its own Saxon that compiles each stylesheet once. The long
once-per-build tasks are handed out first, then the pages in chunks, so that the two CPUs of a
small machine finish together. A task may wait for every task of other stages (`waits`: the
chronology's pages read the items its parts wrote): it is handed out as soon as they are done,
ahead of the pages still to do, so no worker sits idle at a barrier. With one worker, or fewer
than PARALLEL_MIN tasks, everything runs in this process in the given order (a waiting stage comes
after what it waits for). A `Workers` pool is started once, on the first batch of tasks that needs
it, and serves every later batch of the build (the workers keep their compiled stylesheets).
"""
from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from teipub.saxon import Saxon, XsltError
from teipub.workers import die_with_parent

# Fewer tasks than this run in this process: starting a worker (a Saxon each, compiling its
# stylesheets again) costs about as much as a few small transforms.
PARALLEL_MIN = 4


@dataclass(frozen=True)
class Task:
    stage: str  # the build stage it belongs to (its timings and progress)
    sheet: Path
    source: Path | None = None  # None: the stylesheet's initial template
    output: Path | None = None  # the principal output's file (None: xsl:result-document only)
    params: Mapping[str, str] = field(default_factory=dict)
    label: str = ""  # what the progress bar says when it is done
    waits: tuple[str, ...] = ()  # stages whose every task must be done before this one starts

    @property
    def once(self) -> bool:
        """A once-per-build stylesheet rather than one page."""
        return self.source is None


class Workers:
    """Up to `count` worker processes, started on first use and shared by every batch of tasks
    (`run_tasks`) until the pool is closed (use it as a context manager)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.count, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=die_with_parent, initargs=(os.getpid(),))
        return self._pool

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        self.close(cancel=kind is not None)


def run_tasks(saxon: Saxon, tasks: Sequence[Task], base_output: Path, workers: Workers,
              tick: Callable[[Task], None]) -> dict[str, float]:
    """Run every task; returns the seconds of work done for each stage (summed over workers).
    The first failure raises XsltError naming its stylesheet and source; the rest is cancelled
    (the pool is closed)."""
    seconds: dict[str, float] = {}
    if workers.count <= 1 or len(tasks) < max(2, PARALLEL_MIN):
        for task in tasks:
            started = time.perf_counter()
            _transform(saxon, task, base_output)
            seconds[task.stage] = seconds.get(task.stage, 0.0) + time.perf_counter() - started
            tick(task)
        return seconds
    pages = [t for t in tasks if not t.once]
    size = max(1, len(pages) // (8 * workers.count))  # pages go in chunks: fewer round trips to the workers
    waiting = [[t] for t in tasks if t.once] + [pages[i:i + size] for i in range(0, len(pages), size)]
    left = Counter(t.stage for t in tasks)  # tasks not yet done, by stage
    pool = workers.pool()
    pending: dict[Future, list[Task]] = {}
    while waiting or pending:
        # a few batches ahead of the workers, the first that may start (a task waiting for a stage
        # starts as soon as that stage is done, ahead of the pages still to do)
        while len(pending) < 2 * workers.count:
            ready = next((b for b in waiting if not any(left[w] for t in b for w in t.waits)), None)
            if ready is None:
                break
            waiting.remove(ready)
            pending[pool.submit(_worker_run, ready, base_output)] = ready
        if not pending:
            raise ValueError(f"tasks wait for stages that never finish: {sorted({w for b in waiting for t in b for w in t.waits})}")
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            batch = pending.pop(future)
            try:
                outcome = future.result()
            except BaseException:
                workers.close(cancel=True)
                raise
            for task, spent in zip(batch, outcome.seconds):
                seconds[task.stage] = seconds.get(task.stage, 0.0) + spent
                left[task.stage] -= 1
                tick(task)
            if outcome.failure is not None:
                workers.close(cancel=True)
                sheet, message, source = outcome.failure
                raise XsltError(Path(sheet), message, Path(source) if source else None)
    return seconds


def _transform(saxon: Saxon, task: Task, base_output: Path) -> None:
    run = saxon.transform(task.sheet, source=task.source, output=task.output, base_output=base_output,
                          params=task.params)
    if task.once and task.output is None and run.output.strip():
        raise XsltError(task.sheet.resolve(), "principal output but no output path in its stage")


@dataclass(frozen=True)
class _Outcome:
    seconds: list[float]  # one per task done, in order
    failure: tuple[str, str, str | None] | None = None  # (stylesheet, message, source)


_WORKER_SAXON: Saxon | None = None


def _worker_run(batch: list[Task], base_output: Path) -> _Outcome:
    """A batch of tasks in a worker process; a failure stops the batch and comes back as data."""
    global _WORKER_SAXON
    if _WORKER_SAXON is None:
        _WORKER_SAXON = Saxon()
    seconds: list[float] = []
    for task in batch:
        started = time.perf_counter()
        try:
            _transform(_WORKER_SAXON, task, base_output)
        except XsltError as exc:
            return _Outcome(seconds, (str(exc.stylesheet), exc.message, str(task.source) if task.source else None))
        seconds.append(time.perf_counter() - started)
    return _Outcome(seconds)
