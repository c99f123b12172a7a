"""The bookkeeping of the in-memory cache, shared by both clients: which
value is fresh, which is stale but may still be served, which is gone. The
clients do the fetching (a thread or a task for a background refresh)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True)
class CacheOptions:
    """An in-memory cache of revealed secrets (nothing is written to disk).

    A value younger than ``ttl`` seconds is served without a request; one
    older than ``ttl`` but younger than ``ttl + stale_while_revalidate`` is
    served while one background request fetches the new secret; older than
    that, the call waits for the API. ``clock`` (seconds, monotonic) is for
    tests.
    """

    ttl: float
    stale_while_revalidate: float = 0.0
    max_entries: int = 1000
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        if not self.ttl > 0:
            raise ValueError("cache: ttl must be > 0")
        if self.stale_while_revalidate < 0 or self.max_entries < 1:
            raise ValueError("cache: stale_while_revalidate must be >= 0 and max_entries >= 1")


@dataclass(frozen=True)
class Hit(Generic[V]):
    value: V
    stale: bool


class CacheState(Generic[V]):
    def __init__(self, options: CacheOptions) -> None:
        self.options = options
        self._entries: OrderedDict[str, tuple[V, float]] = OrderedDict()
        # Bumped by invalidate: a fetch that started before does not store its answer.
        self.generation = 0

    def get(self, key: str) -> Hit[V] | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        value, fetched_at = entry
        age = self.options.clock() - fetched_at
        if age < self.options.ttl:
            return Hit(value, stale=False)
        if age < self.options.ttl + self.options.stale_while_revalidate:
            return Hit(value, stale=True)
        del self._entries[key]
        return None

    def put(self, key: str, value: V, generation: int) -> None:
        if generation != self.generation:
            return
        self._entries.pop(key, None)
        self._entries[key] = (value, self.options.clock())
        while len(self._entries) > self.options.max_entries:
            self._entries.popitem(last=False)

    def delete(self, key: str) -> None:
        self.generation += 1
        self._entries.pop(key, None)

    def clear(self) -> None:
        self.generation += 1
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
