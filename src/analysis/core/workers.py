"""Warm workers: each step runs in a child forked from this process after the heavy imports.

Starting a Jupyter kernel and importing pandas, matplotlib, SciPy and statsmodels costs
seconds per notebook; importing them once in the parent (`preload`) and forking a child per
step costs milliseconds. A forked child starts from the parent's modules but has its own
namespace and module state, and whatever it changes (matplotlib settings, caches) dies with it.
The parent forks before it starts any thread of its own.

`Pool.start` forks a child that runs one function and sends back its result (or the
exception it raised, which the parent re-raises as its own); at most `jobs` children run at
once. `Pool.stop` ends the children still running (on an error or Ctrl-C).
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

_FORK = multiprocessing.get_context("fork")
MPL_BACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets for its kernels


class ChildFailed(Exception):
    """A child died without a result (a crash, a signal) or sent an unpicklable error."""


def preload(modules: Iterable[str], check: Callable[[], None] | None = None) -> None:
    """Import `modules` in this process, so that every child forked later has them; `check`
    is called between two imports (e.g. to stop at once when a child already failed)."""
    os.environ.setdefault("MPLBACKEND", MPL_BACKEND)
    for module in modules:
        if check is not None:
            check()
        importlib.import_module(module)


def _quiet_signals() -> None:
    """In a forked child, Ctrl-C and SIGTERM end it at once and quietly: the parent, which
    gets them too (or sent them: `Pool.stop`), cleans up and reports."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _child(send: Connection, fn: Callable[..., Any], args: tuple) -> None:
    # The fork happened with SIGINT and SIGTERM held back (`_signals_quiet_in_child`), and a
    # child inherits that mask: let them through, so that Ctrl-C or `Pool.stop` ends it at
    # once (held back, they waited for `Pool.stop`'s SIGKILL, 5 s per child).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        message: tuple[str, Any] = ("ok", fn(*args))
    except BaseException as exc:  # noqa: BLE001 (sent to the parent, which decides)
        message = ("error", exc)
    try:
        send.send(message)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        send.send(("error", ChildFailed(f"{type(message[1]).__name__}: {message[1]} ({exc})")))
    send.close()


@contextmanager
def _signals_quiet_in_child() -> Iterator[None]:
    """Fork with SIGINT and SIGTERM at their defaults in the child from its first instruction
    (set in the parent around the fork, with both held back meanwhile)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        _quiet_signals()
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@dataclass
class _Running:
    key: str
    process: Any
    receive: Connection
    started: float
    early: tuple[str, Any] | None = None  # a result `failed` already received


class Pool:
    """At most `jobs` forked children at a time, each running one function."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._running: list[_Running] = []
        self.seconds: dict[str, float] = {}  # key -> wall time of its child

    @property
    def busy(self) -> int:
        return len(self._running)

    @property
    def full(self) -> bool:
        return len(self._running) >= self.jobs

    def start(self, key: str, fn: Callable[..., Any], *args: Any) -> None:
        """Fork a child that runs `fn(*args)`; its result comes back from `next_done`."""
        receive, send = _FORK.Pipe(duplex=False)
        process = _FORK.Process(target=_child, args=(send, fn, args), name=key, daemon=True)
        with _signals_quiet_in_child():
            process.start()
        send.close()
        self._running.append(_Running(key, process, receive, time.perf_counter()))

    def failed(self) -> BaseException | None:
        """The exception of a child that has already failed, without waiting (else None);
        that child's result is not returned again by `next_done`."""
        for running in list(self._running):
            if running.early is not None or not running.receive.poll():
                continue
            try:
                status, value = running.receive.recv()
            except (EOFError, OSError):  # died without a result: `next_done` reports it
                continue
            if status == "error":
                self._running.remove(running)
                running.receive.close()
                running.process.join()
                return value
            running.early = (status, value)
        return None

    def next_done(self) -> tuple[str, Any]:
        """Wait for a child to finish: (its key, its result); an exception it raised is raised."""
        ready = wait(
            [r.receive for r in self._running] + [r.process.sentinel for r in self._running]
        )
        done = next(r for r in self._running if r.receive in ready or r.process.sentinel in ready)
        self._running.remove(done)
        self.seconds[done.key] = time.perf_counter() - done.started
        try:
            status, value = done.early or done.receive.recv()
        except (EOFError, OSError):
            done.process.join()
            code = done.process.exitcode
            if code in (130, -signal.SIGINT, -signal.SIGTERM):
                raise KeyboardInterrupt from None
            message = f"{done.key}: the worker stopped without a result (exit {code})"
            raise ChildFailed(message) from None
        finally:
            done.receive.close()
        done.process.join()
        if status == "error":
            raise value
        return done.key, value

    def stop(self) -> None:
        """End the children still running and wait for them."""
        for running in self._running:
            if running.process.is_alive():
                running.process.terminate()
        for running in self._running:
            running.process.join(timeout=5)
            if running.process.is_alive():
                running.process.kill()
                running.process.join()
            running.receive.close()
        self._running.clear()
