"""``AsyncKeyledger``: the asyncio client, on ``httpx.AsyncClient``."""

from __future__ import annotations

import asyncio
import copy
import logging
import os
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TypeVar

import httpx

from ._cache import CacheOptions, CacheState
from ._core import (
    Call,
    Core,
    Reply,
    RetryListener,
    Step,
    Unreachable,
    Wait,
    client_options,
    describe_transport_error,
    resolve_settings,
)
from ._errors import KeyledgerError
from ._models import Credential, RevealedSecret
from ._retry import DEFAULT_RETRY, NO_RETRY, RetryPolicy

T = TypeVar("T")
log = logging.getLogger("keyledger")


class AsyncKeyledger:
    """The same client as :class:`keyledger.Keyledger`, for asyncio: every method is awaited."""

    def __init__(
        self,
        addr: str | None = None,
        token: str | None = None,
        *,
        ca_file: str | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = DEFAULT_RETRY,
        cache: CacheOptions | None = None,
        on_retry: RetryListener | None = None,
        on_refresh_error: Callable[[str, KeyledgerError], None] | None = None,
        environ: Mapping[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        settings = resolve_settings(addr, token, ca_file, timeout, env)
        self._core = Core(settings, retry or NO_RETRY, env, on_retry)
        self._http = httpx.AsyncClient(transport=transport, **client_options(settings))
        self._cache: CacheState[RevealedSecret] | None = CacheState(cache) if cache else None
        self._on_refresh_error = on_refresh_error
        self._loading: dict[str, asyncio.Task[RevealedSecret]] = {}
        self._refreshing: dict[str, asyncio.Task[None]] = {}

    def __repr__(self) -> str:
        return f"AsyncKeyledger(addr={self._core.settings.addr!r}, cache={'on' if self._cache else 'off'})"

    async def get_secret(self, id_or_name: str, *, fallback_env: str | None = None) -> RevealedSecret:
        """See :meth:`keyledger.Keyledger.get_secret`."""
        key = self._core.secret_key(id_or_name)
        try:
            return await self._cached(key, lambda: self._core.get_secret(id_or_name))
        except KeyledgerError as error:
            fallback = self._core.env_fallback(fallback_env, error, id_or_name)
            if fallback is None:
                raise
            return fallback

    async def lookup(self, *, host: str, purpose: str, fallback_env: str | None = None) -> RevealedSecret:
        """See :meth:`keyledger.Keyledger.lookup`."""
        key = self._core.lookup_key(host, purpose)
        try:
            return await self._cached(key, lambda: self._core.lookup(host, purpose))
        except KeyledgerError as error:
            fallback = self._core.env_fallback(fallback_env, error, f"{host}/{purpose}")
            if fallback is None:
                raise
            return fallback

    async def get_credential(self, id_or_name: str) -> Credential:
        """See :meth:`keyledger.Keyledger.get_credential`."""
        return await self._run(self._core.get_credential(id_or_name))

    def invalidate(self, id_or_name: str | None = None, *, host: str | None = None, purpose: str | None = None) -> None:
        """See :meth:`keyledger.Keyledger.invalidate`."""
        if self._cache is None:
            return
        if host is not None and purpose is not None:
            self._cache.delete(self._core.lookup_key(host, purpose))
        elif id_or_name is not None:
            self._cache.delete(self._core.secret_key(id_or_name))
        else:
            self._cache.clear()

    async def aclose(self) -> None:
        """Waits for background refreshes, then closes the connections."""
        if self._refreshing:
            await asyncio.gather(*self._refreshing.values(), return_exceptions=True)
        await self._http.aclose()

    async def __aenter__(self) -> AsyncKeyledger:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.aclose()

    async def _cached(self, key: str, operation: Callable[[], Step[RevealedSecret]]) -> RevealedSecret:
        cache = self._cache
        if cache is None:
            return await self._run(operation())
        hit = cache.get(key)
        if hit is not None:
            if hit.stale:
                self._refresh(key, operation)
            return copy.deepcopy(hit.value)
        # One fetch per key at a time: concurrent misses await the same task.
        task = self._loading.get(key)
        if task is None:
            task = asyncio.create_task(self._load(key, operation, cache))
            self._loading[key] = task
        return copy.deepcopy(await asyncio.shield(task))

    async def _load(
        self, key: str, operation: Callable[[], Step[RevealedSecret]], cache: CacheState[RevealedSecret]
    ) -> RevealedSecret:
        generation = cache.generation
        try:
            value = await self._run(operation())
            cache.put(key, value, generation)
            return value
        finally:
            self._loading.pop(key, None)

    def _refresh(self, key: str, operation: Callable[[], Step[RevealedSecret]]) -> None:
        """One background fetch per stale key; a failure keeps the stale value."""
        if key in self._refreshing or self._cache is None:
            return
        cache = self._cache
        generation = cache.generation

        async def refresh() -> None:
            try:
                cache.put(key, await self._run(operation()), generation)
            except KeyledgerError as error:
                log.warning("keyledger: background refresh failed, the cached value stays: %s", error)
                if self._on_refresh_error is not None:
                    self._on_refresh_error(key, error)
            finally:
                self._refreshing.pop(key, None)

        self._refreshing[key] = asyncio.create_task(refresh())

    async def _run(self, step: Step[T]) -> T:
        answer: Reply | Unreachable | None = None
        try:
            effect = next(step)
            while True:
                if isinstance(effect, Wait):
                    await asyncio.sleep(effect.seconds)
                    answer = None
                else:
                    answer = await self._send(effect)
                effect = step.send(answer)
        except StopIteration as done:
            result: T = done.value
            return result

    async def _send(self, call: Call) -> Reply | Unreachable:
        try:
            response = await self._http.request(call.method, call.path, params=call.params, json=call.body)
        except httpx.TransportError as error:
            return Unreachable(describe_transport_error(error, self._core.settings.timeout))
        return Reply(response.status_code, response.headers, response.content)
