"""The opt-in cache: TTL, stale-while-revalidate, shared misses, invalidation, on a controllable clock."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
import respx

from keyledger import AsyncKeyledger, CacheOptions, Keyledger, KeyledgerError, ServerError

from .fakes import ADDR, FAST, ID, TOKEN, error, revealed

REVEAL = f"/v1/credentials/{ID}/reveal"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def wait_until(check: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.01)
    raise AssertionError("timed out")


def versions(*secrets: str) -> list[httpx.Response]:
    return [httpx.Response(200, json=revealed(secret, version)) for version, secret in enumerate(secrets, start=1)]


def test_off_by_default_every_call_asks_the_api() -> None:
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).respond(200, json=revealed())
        keyledger = Keyledger(ADDR, TOKEN)
        keyledger.get_secret(ID)
        keyledger.get_secret(ID)
    assert route.call_count == 2


def test_serves_within_the_ttl_then_fetches_again() -> None:
    clock = Clock()
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(side_effect=versions("v1", "v2"))
        keyledger = Keyledger(ADDR, TOKEN, cache=CacheOptions(ttl=60, clock=clock))
        assert keyledger.get_secret(ID).secret.reveal() == "v1"
        clock.now += 59
        assert keyledger.get_secret(ID.upper()).secret.reveal() == "v1"
        assert route.call_count == 1
        clock.now += 2
        assert keyledger.get_secret(ID).secret.reveal() == "v2"
        assert route.call_count == 2


def test_stale_while_revalidate_serves_the_old_value_once_and_refreshes_in_the_background() -> None:
    clock = Clock()
    release = threading.Event()

    answered: list[str] = []

    def answer(_request: httpx.Request) -> httpx.Response:
        answered.append("reveal")
        if len(answered) == 1:
            return httpx.Response(200, json=revealed("v1"))
        release.wait(5)
        return httpx.Response(200, json=revealed("v2", 2))

    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(side_effect=answer)
        keyledger = Keyledger(ADDR, TOKEN, cache=CacheOptions(ttl=60, stale_while_revalidate=300, clock=clock))
        keyledger.get_secret(ID)
        clock.now += 120
        # Stale: answered at once with the old value while one refresh runs; a second call starts no other.
        assert keyledger.get_secret(ID).secret.reveal() == "v1"
        assert keyledger.get_secret(ID).secret.reveal() == "v1"
        release.set()
        wait_until(lambda: keyledger.get_secret(ID).secret.reveal() == "v2")
        assert route.call_count == 2
        keyledger.close()


def test_past_the_stale_window_the_call_waits_for_the_api() -> None:
    clock = Clock()
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(side_effect=versions("v1", "v2"))
        keyledger = Keyledger(ADDR, TOKEN, cache=CacheOptions(ttl=60, stale_while_revalidate=300, clock=clock))
        keyledger.get_secret(ID)
        clock.now += 361
        assert keyledger.get_secret(ID).secret.reveal() == "v2"
        assert route.call_count == 2


def test_a_failed_refresh_keeps_the_stale_value_and_is_reported() -> None:
    clock = Clock()
    failures: list[tuple[str, KeyledgerError]] = []
    with respx.mock(base_url=ADDR) as mock:
        mock.post(REVEAL).mock(side_effect=[httpx.Response(200, json=revealed("v1")), error(500, "INTERNAL", "boom")])
        keyledger = Keyledger(
            ADDR,
            TOKEN,
            retry=None,
            cache=CacheOptions(ttl=60, stale_while_revalidate=300, clock=clock),
            on_refresh_error=lambda key, failure: failures.append((key, failure)),
        )
        keyledger.get_secret(ID)
        clock.now += 100
        assert keyledger.get_secret(ID).secret.reveal() == "v1"
        keyledger.close()
    assert [(key, type(failure)) for key, failure in failures] == [(f"id:{ID}", ServerError)]


def test_failures_are_not_cached_and_invalidate_forgets() -> None:
    clock = Clock()
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(
            side_effect=[error(503, "UNAVAILABLE", "down"), *versions("v1", "v2")],
        )
        keyledger = Keyledger(ADDR, TOKEN, retry=None, cache=CacheOptions(ttl=60, clock=clock))
        with pytest.raises(ServerError):
            keyledger.get_secret(ID)
        assert keyledger.get_secret(ID).secret.reveal() == "v1"
        keyledger.invalidate(ID)
        assert keyledger.get_secret(ID).secret.reveal() == "v2"
        assert route.call_count == 3


def test_concurrent_misses_share_one_request() -> None:
    clock = Clock()

    def slow(_request: httpx.Request) -> httpx.Response:
        time.sleep(0.2)
        return httpx.Response(200, json=revealed())

    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(side_effect=slow)
        keyledger = Keyledger(ADDR, TOKEN, cache=CacheOptions(ttl=60, clock=clock))
        threads = [threading.Thread(target=keyledger.get_secret, args=(ID,)) for _ in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert route.call_count == 1


def test_cached_values_are_copies() -> None:
    with respx.mock(base_url=ADDR) as mock:
        mock.post(REVEAL).respond(200, json=revealed())
        keyledger = Keyledger(ADDR, TOKEN, retry=FAST, cache=CacheOptions(ttl=60))
        keyledger.get_secret(ID).extra["model"] = "changed"
        assert keyledger.get_secret(ID).extra == {"model": "gpt"}


def test_the_options_are_checked() -> None:
    with pytest.raises(ValueError, match="ttl"):
        CacheOptions(ttl=0)
    with pytest.raises(ValueError):
        CacheOptions(ttl=1, stale_while_revalidate=-1)


async def test_the_async_client_caches_alike_and_shares_concurrent_misses() -> None:
    clock = Clock()
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(side_effect=versions("v1", "v2"))
        lookup = mock.post("/v1/credentials/lookup").respond(200, json=revealed())
        async with AsyncKeyledger(
            ADDR, TOKEN, cache=CacheOptions(ttl=60, stale_while_revalidate=300, clock=clock)
        ) as keyledger:
            first = await asyncio.gather(*(keyledger.get_secret(ID) for _ in range(5)))
            assert {r.secret.reveal() for r in first} == {"v1"}
            assert route.call_count == 1
            clock.now += 100
            assert (await keyledger.get_secret(ID)).secret.reveal() == "v1"
            for _ in range(100):
                await asyncio.sleep(0.01)
                if (await keyledger.get_secret(ID)).secret.reveal() == "v2":
                    break
            assert (await keyledger.get_secret(ID)).secret.reveal() == "v2"
            assert route.call_count == 2
            await keyledger.lookup(host="h", purpose="p")
            await keyledger.lookup(host="h", purpose="p")
            keyledger.invalidate(host="h", purpose="p")
            await keyledger.lookup(host="h", purpose="p")
            assert lookup.call_count == 2
