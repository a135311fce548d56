"""The pages of a per-document stage transformed in this process or shared among worker processes.

With ``workers`` > 1 and at least PARALLEL_MIN pages to transform (on 2 CPUs, 50 pages take
7.4 s instead of 14.2 s), the pages are shared among worker processes (started fresh with
``spawn``: a Saxon processor is not safe to use across ``fork``), each with its own Saxon that
compiles the stylesheet once. Each page may carry parameters of its own (its slice of the
catalogue, teipub/catalogue.py).
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from teipub.saxon import Saxon, XsltError

# Fewer pages than this are transformed in this process: starting workers (a JVM-backed Saxon each,
# its stylesheet compiled again) costs more than a few pages (bench/RESULTS.md).
PARALLEL_MIN = 16


@dataclass(frozen=True)
class Job:
    source: Path
    output: Path  # absolute path in the new site
    rel: str  # output path under the site (the manifest's key)
    params: Mapping[str, str] = field(default_factory=dict)  # this page's own (its catalogue slice)


def run_jobs(saxon: Saxon, sheet: Path, jobs: list[Job], base_output: Path, params: Mapping[str, str],
             workers: int, tick: Callable[[str], None]) -> None:
    """Transform every job's source into its output, in this process or in `workers` processes."""
    if workers <= 1 or len(jobs) < max(2, PARALLEL_MIN):
        for job in jobs:
            saxon.transform(sheet, source=job.source, output=job.output, base_output=base_output,
                            params={**params, **job.params})
            tick(job.source.stem)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        tasks = [(str(sheet), str(j.source), str(j.output), str(base_output), {**params, **j.params}) for j in jobs]
        for job, failure in zip(jobs, pool.map(_worker_transform, tasks, chunksize=max(1, len(jobs) // (8 * workers)))):
            if failure is not None:
                pool.shutdown(cancel_futures=True)
                raise XsltError(Path(failure[0]), failure[1], Path(failure[2]))
            tick(job.source.stem)


_WORKER_SAXON: Saxon | None = None


def _worker_transform(task: tuple[str, str, str, str, dict[str, str]]) -> tuple[str, str, str] | None:
    """One transform in a worker process; a failure comes back as (stylesheet, message, source)."""
    global _WORKER_SAXON
    sheet, source, output, base_output, params = task
    if _WORKER_SAXON is None:
        _WORKER_SAXON = Saxon()
    try:
        _WORKER_SAXON.transform(Path(sheet), source=Path(source), output=Path(output),
                                base_output=Path(base_output), params=params)
    except XsltError as exc:
        return str(exc.stylesheet), exc.message, source
    return None
