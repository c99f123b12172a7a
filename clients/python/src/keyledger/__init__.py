"""Keyledger's Python client: secrets by id, name or host and purpose, with
retries, an optional in-memory cache, typed errors, and no secret in any
repr, str, log line or exception."""

from ._async_client import AsyncKeyledger
from ._cache import CacheOptions
from ._client import Keyledger
from ._connection import connection_string
from ._core import is_credential_id
from ._errors import (
    ConflictError,
    ForbiddenError,
    IdempotencyKeyReusedError,
    KeyledgerError,
    NetworkError,
    NotFoundError,
    PreconditionFailedError,
    RateLimitedError,
    ServerError,
    UnauthorizedError,
    ValidationFailedError,
)
from ._models import Credential, RevealedSecret, UnexpectedAnswer
from ._retry import RetryPolicy, backoff_delay
from ._secret import Secret
from ._version import __version__

__all__ = [
    "AsyncKeyledger",
    "CacheOptions",
    "ConflictError",
    "Credential",
    "ForbiddenError",
    "IdempotencyKeyReusedError",
    "Keyledger",
    "KeyledgerError",
    "NetworkError",
    "NotFoundError",
    "PreconditionFailedError",
    "RateLimitedError",
    "RetryPolicy",
    "RevealedSecret",
    "Secret",
    "ServerError",
    "UnauthorizedError",
    "UnexpectedAnswer",
    "ValidationFailedError",
    "__version__",
    "backoff_delay",
    "connection_string",
    "is_credential_id",
]
