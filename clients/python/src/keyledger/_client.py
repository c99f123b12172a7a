"""``Keyledger``: the synchronous client, on ``httpx.Client``."""

from __future__ import annotations

import copy
import logging
import os
import threading
import time
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


class Keyledger:
    """A Keyledger client for threads and plain code.

    ``addr``, ``token`` and ``ca_file`` default to ``KEYLEDGER_ADDR``,
    ``KEYLEDGER_TOKEN`` and ``KEYLEDGER_CACERT``. ``timeout`` is per attempt,
    in seconds. ``retry`` (default 3 retries, 0.2 s doubling up to 5 s)
    applies to reads, reveals and lookups; ``retry=None`` turns retries off.
    ``cache`` is off by default: every call asks the API and is audited.
    """

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
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        settings = resolve_settings(addr, token, ca_file, timeout, env)
        self._core = Core(settings, retry or NO_RETRY, env, on_retry)
        self._http = httpx.Client(transport=transport, **client_options(settings))
        self._cache: CacheState[RevealedSecret] | None = CacheState(cache) if cache else None
        self._on_refresh_error = on_refresh_error
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}
        self._refreshing: dict[str, threading.Thread] = {}

    def __repr__(self) -> str:
        return f"Keyledger(addr={self._core.settings.addr!r}, cache={'on' if self._cache else 'off'})"

    # -- the API ----------------------------------------------------------------

    def get_secret(self, id_or_name: str, *, fallback_env: str | None = None) -> RevealedSecret:
        """The current secret of a credential, by id (a UUID) or name (ignoring case).

        With ``fallback_env``, a 404 or an unreachable API answers that
        environment variable's value instead (``source="environment"``,
        logged as a warning), when it is set.
        """
        key = self._core.secret_key(id_or_name)
        try:
            return self._cached(key, lambda: self._core.get_secret(id_or_name))
        except KeyledgerError as error:
            fallback = self._core.env_fallback(fallback_env, error, id_or_name)
            if fallback is None:
                raise
            return fallback

    def lookup(self, *, host: str, purpose: str, fallback_env: str | None = None) -> RevealedSecret:
        """The one active credential for this host and purpose (409 if several match)."""
        key = self._core.lookup_key(host, purpose)
        try:
            return self._cached(key, lambda: self._core.lookup(host, purpose))
        except KeyledgerError as error:
            fallback = self._core.env_fallback(fallback_env, error, f"{host}/{purpose}")
            if fallback is None:
                raise
            return fallback

    def get_credential(self, id_or_name: str) -> Credential:
        """A credential's metadata, masked (never the secret; no reveal is recorded)."""
        return self._run(self._core.get_credential(id_or_name))

    def invalidate(self, id_or_name: str | None = None, *, host: str | None = None, purpose: str | None = None) -> None:
        """Forget cached secrets: one id or name, one host and purpose, or (no argument) all."""
        if self._cache is None:
            return
        with self._lock:
            if host is not None and purpose is not None:
                self._cache.delete(self._core.lookup_key(host, purpose))
            elif id_or_name is not None:
                self._cache.delete(self._core.secret_key(id_or_name))
            else:
                self._cache.clear()

    def close(self) -> None:
        """Waits for background refreshes, then closes the connections."""
        with self._lock:
            threads = list(self._refreshing.values())
        for thread in threads:
            thread.join()
        self._http.close()

    def __enter__(self) -> Keyledger:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # -- the cache ----------------------------------------------------------------

    def _cached(self, key: str, operation: Callable[[], Step[RevealedSecret]]) -> RevealedSecret:
        cache = self._cache
        if cache is None:
            return self._run(operation())
        with self._lock:
            hit = cache.get(key)
            if hit is not None and hit.stale:
                self._refresh(key, operation)
        if hit is not None:
            return copy.deepcopy(hit.value)
        # One fetch per key at a time: concurrent misses wait for it and share its answer.
        with self._lock:
            key_lock = self._loading.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                hit = cache.get(key)
                generation = cache.generation
            if hit is not None and not hit.stale:
                return copy.deepcopy(hit.value)
            value = self._run(operation())
            with self._lock:
                cache.put(key, value, generation)
        return copy.deepcopy(value)

    def _refresh(self, key: str, operation: Callable[[], Step[RevealedSecret]]) -> None:
        """One background fetch per stale key (called holding the lock); a failure keeps the stale value."""
        if key in self._refreshing or self._cache is None:
            return
        cache = self._cache
        generation = cache.generation

        def refresh() -> None:
            try:
                value = self._run(operation())
                with self._lock:
                    cache.put(key, value, generation)
            except KeyledgerError as error:
                log.warning("keyledger: background refresh failed, the cached value stays: %s", error)
                if self._on_refresh_error is not None:
                    self._on_refresh_error(key, error)
            finally:
                with self._lock:
                    self._refreshing.pop(key, None)

        thread = threading.Thread(target=refresh, name="keyledger-refresh", daemon=True)
        self._refreshing[key] = thread
        thread.start()

    # -- the I/O ------------------------------------------------------------------

    def _run(self, step: Step[T]) -> T:
        answer: Reply | Unreachable | None = None
        try:
            effect = next(step)
            while True:
                if isinstance(effect, Wait):
                    time.sleep(effect.seconds)
                    answer = None
                else:
                    answer = self._send(effect)
                effect = step.send(answer)
        except StopIteration as done:
            result: T = done.value
            return result

    def _send(self, call: Call) -> Reply | Unreachable:
        try:
            response = self._http.request(call.method, call.path, params=call.params, json=call.body)
        except httpx.TransportError as error:
            return Unreachable(describe_transport_error(error, self._core.settings.timeout))
        return Reply(response.status_code, response.headers, response.content)
