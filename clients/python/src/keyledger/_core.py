"""Everything both clients share but the I/O.

Each operation is a generator: it yields a ``Call`` (one HTTP request) or a
``Wait`` (a backoff), and is sent back the ``Reply``, the ``Unreachable``
failure, or ``None`` after a wait. The synchronous client drives it with
``httpx.Client`` and ``time.sleep``, the asynchronous one with
``httpx.AsyncClient`` and ``asyncio.sleep``: retries, error mapping, name
resolution, parsing, cache keys and the environment fallback are written
once, here.
"""

from __future__ import annotations

import json
import logging
import os
import re
import ssl
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from ._errors import KeyledgerError, NetworkError, NotFoundError, api_error
from ._models import Credential, FallbackReason, RevealedSecret
from ._retry import RetryPolicy, backoff_delay, is_retryable_status, parse_retry_after
from ._secret import Secret
from ._version import __version__

log = logging.getLogger("keyledger")

T = TypeVar("T")

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def is_credential_id(text: str) -> bool:
    """Credential ids are UUIDs; anything else is a name."""
    return bool(_UUID.match(text))


@dataclass(frozen=True)
class Call:
    """One HTTP request. ``retry``: safe to send again (reads, reveals, lookups)."""

    method: str
    path: str
    params: Mapping[str, str] | None = None
    body: Any = None
    retry: bool = False


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Mapping[str, str]
    content: bytes


@dataclass(frozen=True)
class Unreachable:
    """The request got no answer: refused, reset, TLS failure, DNS, timeout."""

    reason: str


@dataclass(frozen=True)
class Wait:
    seconds: float


Effect = Call | Wait
Answer = Reply | Unreachable | None
Step = Generator[Effect, Answer, T]

RetryListener = Callable[[int, float, str], None]


@dataclass(frozen=True)
class Settings:
    addr: str
    token: Secret
    verify: ssl.SSLContext | bool
    timeout: float
    user_agent: str

    def __repr__(self) -> str:
        return f"Settings(addr={self.addr!r}, timeout={self.timeout!r})"


def resolve_settings(
    addr: str | None,
    token: str | None,
    ca_file: str | None,
    timeout: float,
    environ: Mapping[str, str],
) -> Settings:
    """The constructor's options, else ``KEYLEDGER_ADDR``, ``KEYLEDGER_TOKEN``, ``KEYLEDGER_CACERT``."""
    address = addr or environ.get("KEYLEDGER_ADDR") or ""
    if not address:
        raise ValueError("keyledger: no API address: pass addr= or set KEYLEDGER_ADDR")
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("keyledger: the API address must be an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise ValueError("keyledger: the API address must not carry credentials; pass token= or set KEYLEDGER_TOKEN")
    bearer = token or environ.get("KEYLEDGER_TOKEN") or ""
    if not bearer:
        raise ValueError("keyledger: no token: pass token= or set KEYLEDGER_TOKEN")
    cafile = ca_file or environ.get("KEYLEDGER_CACERT") or None
    verify: ssl.SSLContext | bool = True
    if cafile is not None:
        if not os.path.isfile(cafile):
            raise ValueError(f"keyledger: the CA file {cafile} does not exist")
        verify = ssl.create_default_context(cafile=cafile)
    if not timeout > 0:
        raise ValueError("keyledger: timeout must be > 0 seconds")
    return Settings(
        addr=address.rstrip("/"),
        token=Secret(bearer),
        verify=verify,
        timeout=timeout,
        user_agent=f"keyledger-python/{__version__}",
    )


def client_options(settings: Settings) -> dict[str, Any]:
    """What ``httpx.Client`` and ``httpx.AsyncClient`` are built with: redirects are refused,
    so the token only ever goes to the configured address."""
    return {
        "base_url": settings.addr,
        "headers": {
            "authorization": f"Bearer {settings.token.reveal()}",
            "accept": "application/json",
            "user-agent": settings.user_agent,
        },
        "timeout": settings.timeout,
        "verify": settings.verify,
        "follow_redirects": False,
        "trust_env": False,
    }


def describe_transport_error(error: Exception, timeout: float) -> str:
    """The cause of a failed request ("connection refused", "no answer within 30 s"), without the request."""
    if isinstance(error, httpx.TimeoutException):
        return f"no answer within {timeout:g} s"
    text = str(error) or type(error).__name__
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return "its TLS certificate is not trusted (pass ca_file= or set KEYLEDGER_CACERT)"
    if isinstance(error, httpx.ConnectError) and "refused" in text.lower():
        return "connection refused"
    return text


class Core:
    """The shared operations; see the module's docstring."""

    def __init__(
        self,
        settings: Settings,
        retry: RetryPolicy,
        environ: Mapping[str, str],
        on_retry: RetryListener | None,
    ) -> None:
        self.settings = settings
        self.retry = retry
        self.environ = environ
        self.on_retry = on_retry

    # -- requests -------------------------------------------------------------

    def request(self, call: Call) -> Step[Any]:
        """Sends ``call`` (again, after a backoff, when safe and worth it); the parsed JSON answer."""
        attempt = 0
        while True:
            answer = yield call
            if isinstance(answer, Reply) and 200 <= answer.status < 300:
                return self._json(call, answer)
            error, retryable, retry_after = self._failure(call, answer)
            if not (call.retry and retryable and attempt < self.retry.retries):
                raise error
            delay = backoff_delay(attempt, self.retry, retry_after)
            attempt += 1
            log.info(
                "keyledger: %s %s failed (%s); retry %d of %d in %.2f s",
                call.method,
                call.path,
                error.message,
                attempt,
                self.retry.retries,
                delay,
            )
            if self.on_retry is not None:
                self.on_retry(attempt, delay, error.message)
            yield Wait(delay)

    def _json(self, call: Call, reply: Reply) -> Any:
        if not reply.content:
            return None
        try:
            return json.loads(reply.content)
        except ValueError:
            raise KeyledgerError(
                f"{self.settings.addr} answered with something other than JSON: is it a Keyledger API?",
                status=reply.status,
                method=call.method,
                path=call.path,
            ) from None

    def _failure(self, call: Call, answer: Answer) -> tuple[KeyledgerError, bool, float | None]:
        """The error, whether another attempt may help, and the API's Retry-After."""
        if not isinstance(answer, Reply):
            reason = answer.reason if isinstance(answer, Unreachable) else "no answer"
            unreachable = NetworkError(
                f"cannot reach {self.settings.addr}: {reason}", method=call.method, path=call.path
            )
            return unreachable, True, None
        try:
            body: object = json.loads(answer.content) if answer.content else None
        except ValueError:
            body = None
        retry_after = parse_retry_after(answer.headers.get("retry-after"))
        error = api_error(answer.status, body, method=call.method, path=call.path, retry_after=retry_after)
        if answer.status == 429:
            # Worth waiting for only when the API says how long, and not longer than we would wait anyway.
            return error, retry_after is not None and retry_after <= self.retry.max_delay, retry_after
        return error, is_retryable_status(answer.status), retry_after

    # -- operations -----------------------------------------------------------

    def get_secret(self, id_or_name: str) -> Step[RevealedSecret]:
        """Reveal by id; a name is first resolved to its id, so the audit records a reveal."""
        credential_id = id_or_name if is_credential_id(id_or_name) else (yield from self.resolve_name(id_or_name)).id
        body = yield from self.request(Call("POST", f"/v1/credentials/{credential_id.lower()}/reveal", retry=True))
        return RevealedSecret.from_api(body)

    def get_credential(self, id_or_name: str) -> Step[Credential]:
        if not is_credential_id(id_or_name):
            return (yield from self.resolve_name(id_or_name))
        body = yield from self.request(Call("GET", f"/v1/credentials/{id_or_name.lower()}", retry=True))
        return Credential.from_api(body)

    def lookup(self, host: str, purpose: str) -> Step[RevealedSecret]:
        call = Call("POST", "/v1/credentials/lookup", body={"host": host, "purpose": purpose}, retry=True)
        return RevealedSecret.from_api((yield from self.request(call)))

    def resolve_name(self, name: str) -> Step[Credential]:
        """The credential with this name (ignoring case), by the list's exact ``name`` filter.

        Two names equal ignoring case exist only in data from before names
        were unique so: as the API's lookup does, the exact spelling wins,
        then the older credential. Destroyed credentials hold no name.
        """
        wanted = name.strip()
        call = Call("GET", "/v1/credentials", params={"name": wanted, "limit": "200"}, retry=True)
        body = yield from self.request(call)
        items = body.get("credentials") if isinstance(body, dict) else None
        candidates = [Credential.from_api(item) for item in items or []]
        candidates = [c for c in candidates if c.status != "destroyed"]
        if not candidates:
            raise NotFoundError(
                "no credential with this name is visible to this token",
                status=404,
                code="NOT_FOUND",
                method=call.method,
                path=call.path,
            )
        candidates.sort(key=lambda c: (c.name != wanted, c.created_at, c.id))
        return candidates[0]

    # -- cache keys and the environment fallback -------------------------------

    @staticmethod
    def secret_key(id_or_name: str) -> str:
        if is_credential_id(id_or_name):
            return f"id:{id_or_name.lower()}"
        return f"name:{id_or_name.strip().casefold()}"

    @staticmethod
    def lookup_key(host: str, purpose: str) -> str:
        return "lookup:" + json.dumps([host, purpose])

    def env_fallback(self, variable: str | None, error: KeyledgerError, asked: str) -> RevealedSecret | None:
        """The value of ``variable`` when the API said 404 or could not be reached, and it is set."""
        if variable is None:
            return None
        reason: FallbackReason
        if isinstance(error, NotFoundError):
            reason = "not_found"
        elif isinstance(error, NetworkError):
            reason = "unreachable"
        else:
            return None
        value = self.environ.get(variable)
        if not value:
            return None
        why = "is not found in Keyledger" if reason == "not_found" else "cannot be fetched: Keyledger is unreachable"
        log.warning("keyledger: %s %s; using the environment variable %s instead", asked, why, variable)
        return RevealedSecret(
            id="",
            name=asked,
            type="environment",
            username=None,
            secret=Secret(value),
            source="environment",
            fallback_reason=reason,
        )
