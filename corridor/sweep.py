"""Where a sweep's batches run: here one after another, or spread over a Dask cluster.

A sweep (``combos``, ``impact``, the full table of every combination) is a sequence of
independent batches that all read one shared context (the overlay and the scenario). A
:class:`Runner` maps a batch function over the batches and yields the results **in order**, so
the caller reduces them exactly as it would locally: the results are identical.

:func:`dask_runner` (extra ``corridor[distributed]``) sends the shared context to every worker
once and keeps a bounded number of batches in flight, so memory stays bounded on both sides.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from corridor.errors import InputError

# The memory budget of a sweep's batches of tables, in bytes, unless --memory says otherwise.
DEFAULT_MEMORY = 1 << 30

__all__ = ["CONNECT_TIMEOUT", "DEFAULT_MEMORY", "LOCAL", "Runner", "dask_runner"]

# How long to wait for a scheduler that does not answer.
CONNECT_TIMEOUT = "10s"

Context = TypeVar("Context")
Item = TypeVar("Item")
Result = TypeVar("Result")


class Runner(Protocol):
    """Maps ``batch(context, item)`` over ``items``, yielding the results in order."""

    def map(
        self,
        batch: Callable[[Context, Item], Result],
        context: Context,
        items: Iterable[Item],
    ) -> Iterator[Result]:
        """Yield ``batch(context, item)`` for each item, in the order of ``items``."""
        ...


class _Local:
    """Runs the batches here, one after another, as they are asked for."""

    def map(
        self,
        batch: Callable[[Context, Item], Result],
        context: Context,
        items: Iterable[Item],
    ) -> Iterator[Result]:
        return (batch(context, item) for item in items)


LOCAL: Runner = _Local()


class _Dask:
    """Runs the batches on a Dask cluster, a few per worker at a time."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def map(
        self,
        batch: Callable[[Context, Item], Result],
        context: Context,
        items: Iterable[Item],
    ) -> Iterator[Result]:
        # hash=False: a fresh key each time, so one sweep never releases what another reads.
        shared = self.client.scatter(context, broadcast=True, hash=False)
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        in_flight: deque[Any] = deque()
        for item in items:
            in_flight.append(self.client.submit(batch, shared, item, pure=False))
            if len(in_flight) >= 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


@contextlib.contextmanager
def dask_runner(scheduler: str) -> Iterator[Runner]:
    """Yield a runner on Dask: ``local`` starts a LocalCluster, else the scheduler's address.

    Raises
    ------
    InputError
        If Dask is not installed, or the scheduler cannot be reached.

    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        msg = "--scheduler needs Dask: pip install 'corridor[distributed]'"
        raise InputError(msg) from None
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with contextlib.ExitStack() as stack:
        if scheduler == "local":
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=os.cpu_count() or 2,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: never clash with another cluster
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            if not scheduler.startswith(("tcp://", "tls://")):
                msg = f"--scheduler {scheduler!r}: use 'local' or an address like tcp://HOST:8786"
                raise InputError(msg)
            try:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
            except (OSError, TimeoutError) as exc:
                msg = f"cannot reach the Dask scheduler at {scheduler}: {exc}; is it running?"
                raise InputError(msg) from None
        yield _Dask(client)
