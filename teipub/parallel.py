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

A once-per-build stylesheet writes its pages into a staging folder of its own, from which they
are moved into the site when it is done: so the files of each transformation are known (the
incremental build keeps them, teipub/incremental.py), and a file two transformations write is an
error rather than one silently overwriting the other.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
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
    unit: str = ""  # a once-per-build task's name in the build's manifest (teipub/incremental.py)

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


@dataclass
class Ran:
    """What a batch of tasks did: the seconds of work of each stage (summed over workers), and
    the files (paths under the site) each once-per-build task wrote, by its unit."""

    seconds: dict[str, float] = field(default_factory=dict)
    files: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def add(self, task: Task, spent: float, files: tuple[str, ...]) -> None:
        self.seconds[task.stage] = self.seconds.get(task.stage, 0.0) + spent
        if task.unit:
            self.files[task.unit] = files


def run_tasks(saxon: Saxon, tasks: Sequence[Task], base_output: Path, workers: Workers,
              tick: Callable[[Task], None]) -> Ran:
    """Run every task. The first failure raises XsltError naming its stylesheet and source; the
    rest is cancelled (the pool is closed)."""
    ran = Ran()
    if workers.count <= 1 or len(tasks) < max(2, PARALLEL_MIN):
        for task in tasks:
            started = time.perf_counter()
            files = _transform(saxon, task, base_output)
            ran.add(task, time.perf_counter() - started, files)
            tick(task)
        return ran
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
            for task, spent, files in zip(batch, outcome.seconds, outcome.files):
                ran.add(task, spent, files)
                left[task.stage] -= 1
                tick(task)
            if outcome.failure is not None:
                workers.close(cancel=True)
                sheet, message, source = outcome.failure
                raise XsltError(Path(sheet), message, Path(source) if source else None)
    return ran


def _transform(saxon: Saxon, task: Task, base_output: Path) -> tuple[str, ...]:
    """Run one task; for a once-per-build task, the files it wrote under `base_output` (staged
    first, see the module's docstring), which the manifest keeps by its unit."""
    if not task.once:
        saxon.transform(task.sheet, source=task.source, output=task.output, base_output=base_output,
                        params=task.params)
        return ()  # a reading page: its manifest entry is its key (teipub.incremental.reading_page_keys)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=base_output))
    try:
        run = saxon.transform(task.sheet, output=task.output, base_output=staging, params=task.params)
        if task.output is None and run.output.strip():
            raise XsltError(task.sheet.resolve(), "principal output but no output path in its stage")
        return _move_into(staging, base_output, task) + _under(base_output, task.output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _under(folder: Path, path: Path | None) -> tuple[str, ...]:
    """`path` relative to `folder`, if it is inside it."""
    if path is None or not path.resolve().is_relative_to(folder.resolve()):
        return ()
    return (path.resolve().relative_to(folder.resolve()).as_posix(),)


def _move_into(staging: Path, site: Path, task: Task) -> tuple[str, ...]:
    """Move every file a task wrote into `staging` to the same place under `site`; a file that is
    already there (another transformation wrote it) is an XsltError."""
    moved: list[str] = []
    for folder, _, names in os.walk(staging):
        for name in sorted(names):
            src = Path(folder, name)
            rel = src.relative_to(staging)
            dest = site / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(src, dest)  # fails if the file exists, where a rename would replace it
            except FileExistsError:
                raise XsltError(task.sheet.resolve(), f"{rel.as_posix()} is written by two transformations "
                                f"(this one, {task.label or task.stage}, and another)") from None
            moved.append(rel.as_posix())
    return tuple(sorted(moved))


@dataclass(frozen=True)
class _Outcome:
    seconds: list[float]  # one per task done, in order
    files: list[tuple[str, ...]]  # the files each task done wrote
    failure: tuple[str, str, str | None] | None = None  # (stylesheet, message, source)


_WORKER_SAXON: Saxon | None = None


def _worker_run(batch: list[Task], base_output: Path) -> _Outcome:
    """A batch of tasks in a worker process; a failure stops the batch and comes back as data."""
    global _WORKER_SAXON
    if _WORKER_SAXON is None:
        _WORKER_SAXON = Saxon()
    seconds: list[float] = []
    files: list[tuple[str, ...]] = []
    for task in batch:
        started = time.perf_counter()
        try:
            files.append(_transform(_WORKER_SAXON, task, base_output))
        except XsltError as exc:
            return _Outcome(seconds, files, (str(exc.stylesheet), exc.message, str(task.source) if task.source else None))
        seconds.append(time.perf_counter() - started)
    return _Outcome(seconds, files)
