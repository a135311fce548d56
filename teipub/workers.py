"""Worker processes that end with the process that started them.

A build or a validation killed with SIGKILL cannot shut its pool of workers down; without this,
each worker would finish its batch (a collection-wide transformation may take minutes) while
holding the killed command's output streams open. On Linux a worker asks the kernel to kill it
when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere it ends when its batch is done.
"""
from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """A ProcessPoolExecutor `initializer`: `parent` is the starting process's pid."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux/glibc
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
