"""Worker processes: map a function over items on several cores, results in the items' order.

    for result in ordered_map(check_one, tasks, jobs=4, on_crash=crashed):
        ...

``ordered_map`` runs ``func`` in ``jobs`` worker processes (in this process when ``jobs`` is 1 or
there is one item) and yields the results in the order of ``items``, each as soon as it and every
result before it are in; the caller sees exactly what a serial loop would give. Each worker does its
items in the order sent (``PREFETCH`` at a time: the next one waits in its pipe), so a worker that
dies (a crash in a C extension, the out-of-memory killer) is known to have died on the oldest item
it has not answered: ``on_crash(item, reason)`` stands for that item's result, its other items go to
a new worker that takes its place, and every other item is still done. A worker that dies before
answering anything may not have started at all: its first item is convicted only by a second such
death once some worker has answered, and when workers keep dying without answering the rest is done
in this process.

Only what the parent needs crosses the process boundary: the item (a path and its options) one
way, the pickled result the other; ``func`` must be a module-level function that never prints.
``window`` bounds how far dispatch runs ahead of the oldest result not yet yielded, so that a caller
streaming results holds at most ``window`` of them; without it, ``cost`` orders dispatch (the most
costly items first, so no worker is left with a large item at the end).

Stopping: workers ignore SIGINT (Ctrl-C reaches the parent, which terminates them on its way out)
and die on SIGTERM; ``terminate_all`` ends every live worker at once, for a signal handler.
Workers are forked where the platform allows it and this process runs one thread (they then start
in milliseconds, with everything already imported); otherwise they are spawned.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

try:  # signal's functions and numbers, without its enums (start-up; CPython's signal re-exports them)
    import _signal  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover (another Python)
    import signal as _signal

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")

# Worker processes alive in this process, for ``terminate_all`` (a signal handler).
_LIVE: set[Any] = set()  # multiprocessing processes and links.prefetch's forked child: a pid each


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the platform has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def terminate_all() -> None:
    """Kill every live worker now (the process is about to end abruptly)."""
    for proc in list(_LIVE):
        with contextlib.suppress(Exception):
            if proc.pid is not None:
                os.kill(proc.pid, _signal.SIGKILL)
        _LIVE.discard(proc)


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    on_crash: Callable[[T, str], R],
    *,
    window: int | None = None,
    cost: Callable[[T], float] | None = None,
) -> Iterator[R]:
    """``func(item)`` for each item, in order, computed in up to ``jobs`` worker processes."""
    if jobs <= 1:
        yield from map(func, items)
        return
    if window is not None:  # items taken as they are needed
        yield from _Pool(func, jobs).run(enumerate(items), max(window, jobs), on_crash)
        return
    listed = list(items)
    if len(listed) <= 1:
        yield from map(func, listed)
        return
    order = list(range(len(listed)))
    if cost is not None:
        costs = [cost(x) for x in listed]
        order.sort(key=lambda i: -costs[i])
    yield from _Pool(func, min(jobs, len(listed))).run(((i, listed[i]) for i in order), None, on_crash)


def _context() -> BaseContext:
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["refcheck.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


def _serve(conn: Connection, func: Callable[[Any], Any], others: Sequence[Connection]) -> None:
    """A worker: take (index, item), send back the pickled result, until told to stop."""
    import pickle  # here and in _Pool.run: a --jobs 1 run never needs it

    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)  # the parent's handler would clean up its files
    for other in others:  # other workers' pipes, inherited through fork: not ours to hold open
        other.close()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if message is None:
            return
        index, item = message
        try:
            data = pickle.dumps((index, True, func(item)), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # func must not raise; a result that cannot be pickled lands here
            data = pickle.dumps((index, False, f"{type(exc).__name__}: {exc}"))
        try:
            conn.send_bytes(data)
        except (BrokenPipeError, OSError):
            return


# Items sent to a worker ahead of its answers: the next one waits in its pipe while it works on the
# current one, so that a parent slow to be scheduled (a busy machine) does not leave it idle.
PREFETCH = 2


class _Worker:
    def __init__(self, ctx: BaseContext, func: Callable[[Any], Any], others: Sequence[Connection]) -> None:
        mine, theirs = ctx.Pipe()
        fork = ctx.get_start_method() == "fork"
        self.conn: Connection = mine
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_serve, args=(theirs, func, [*others, mine] if fork else []), daemon=True
        )
        self.process.start()
        _LIVE.add(self.process)
        theirs.close()
        self.tasks: deque[tuple[int, Any]] = deque()  # sent, not answered; done in this order
        self.answered = 0

    def send(self, index: int, item: Any) -> None:
        self.conn.send((index, item))
        self.tasks.append((index, item))

    def stop(self, kill: bool = False) -> None:
        with contextlib.suppress(Exception):
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        with contextlib.suppress(Exception):
            self.conn.close()
        self.process.join(timeout=None if not kill else 5)
        _LIVE.discard(self.process)


def _death(process: BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        import signal  # its names: only for this message

        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process checking it was killed by {name}"
    return f"the worker process checking it exited unexpectedly (status {code})"


class _Pool(Generic[T, R]):
    def __init__(self, func: Callable[[T], R], size: int) -> None:
        self.func = func
        self.size = size
        self.ctx = _context()
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        worker = _Worker(self.ctx, self.func, [w.conn for w in self.workers])
        self.workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        self.workers.remove(worker)
        self._spawn()

    def run(
        self, source: Iterator[tuple[int, T]], window: int | None, on_crash: Callable[[T, str], R]
    ) -> Iterator[R]:
        """The results of the (index, item) pairs of ``source`` (sent in that order), by index."""
        import pickle
        from multiprocessing.connection import wait

        done: dict[int, R] = {}
        again: deque[tuple[int, T]] = deque()  # sent to a worker that died before doing them
        upcoming = next(source, None)
        emitted = 0
        clean = False
        suspects: set[int] = set()  # items a worker died on before it answered anything
        starts_failed = 0  # workers in a row that died before any answer
        answers = 0  # answers from any worker

        def take() -> tuple[int, T] | None:
            """The next item to send, if the window allows one."""
            nonlocal upcoming
            if again:
                return again.popleft()
            if upcoming is None or (window is not None and upcoming[0] >= emitted + window):
                return None
            item, upcoming = upcoming, next(source, None)
            return item

        def answer(worker: _Worker, data: bytes) -> None:
            nonlocal answers
            index, item = worker.tasks.popleft()
            worker.answered += 1
            answers += 1
            got, ok, value = pickle.loads(data)
            assert got == index, (got, index)
            done[index] = value if ok else on_crash(item, f"its result could not be returned ({value})")

        try:
            for _ in range(self.size):
                self._spawn()
            while True:
                for worker in list(self.workers):
                    if not worker.tasks and not worker.process.is_alive():
                        self._replace(worker)  # it died while idle (killed from outside)
                        continue
                    while len(worker.tasks) < PREFETCH and (task := take()) is not None:
                        try:
                            worker.send(*task)
                        except OSError:  # it died since: its items are handled below
                            again.appendleft(task)
                            break
                busy = {w.conn: w for w in self.workers if w.tasks}
                if not busy:
                    if again or upcoming is not None:
                        continue  # a worker was replaced before it got anything
                    break  # nothing in flight and nothing left to send: every result was yielded
                sentinels = {w.process.sentinel: w for w in busy.values()}
                ready: list[Any] = wait([*busy, *sentinels])
                for worker in dict.fromkeys(busy[r] if r in busy else sentinels[r] for r in ready):
                    try:
                        while worker.tasks and worker.conn.poll():
                            answer(worker, worker.conn.recv_bytes())
                    except (EOFError, OSError):
                        pass
                    if worker.process.is_alive():
                        continue
                    worker.process.join()
                    if worker.tasks:
                        index, item = worker.tasks[0]
                        if worker.answered == 0 and (index not in suspects or not answers):
                            # dead before any answer: on its first item, or it could not start; its
                            # items go again, and a second such death on that item, once workers
                            # are known to start here, convicts it
                            suspects.add(index)
                        else:  # it works in order: it died on its oldest unanswered item
                            worker.tasks.popleft()
                            done[index] = on_crash(item, _death(worker.process))
                        again.extendleft(reversed(worker.tasks))
                        worker.tasks.clear()
                    starts_failed = 0 if worker.answered else starts_failed + 1
                    if starts_failed > 2 * self.size:
                        break
                    self._replace(worker)
                if starts_failed > 2 * self.size:
                    break  # workers cannot start here: the rest is done in this process
                while emitted in done:
                    yield done.pop(emitted)
                    emitted += 1
            if starts_failed > 2 * self.size:  # what is left, in order, in this process
                left: list[tuple[int, T]] = list(again)
                for worker in self.workers:
                    left.extend(worker.tasks)
                    worker.stop(kill=True)
                self.workers.clear()
                rest = itertools.chain([upcoming] if upcoming is not None else [], source)
                for index, item in itertools.chain(sorted(left, key=lambda x: x[0]), rest):
                    done[index] = self.func(item)
                    while emitted in done:
                        yield done.pop(emitted)
                        emitted += 1
            clean = True
        finally:
            for worker in self.workers:
                worker.stop(kill=not clean)
            self.workers.clear()
