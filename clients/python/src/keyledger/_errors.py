"""Typed failures. Messages are the API's (which never carry a secret) plus
the method and path of the request; neither the token nor a secret is ever in
one."""

from __future__ import annotations

from typing import Any


class KeyledgerError(Exception):
    """Every failure of this client.

    ``status`` is the HTTP status (``None`` when the API was not reached),
    ``code`` the API's stable error code (``NOT_FOUND``, ``DUPLICATE_NAME``,
    ...), ``details`` its field details.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        details: Any = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message
        self.status = status
        self.code = code
        self.details = details
        self.method = method
        self.path = path
        super().__init__(message)

    def __str__(self) -> str:
        where = f"{self.method} {self.path}: " if self.method and self.path else ""
        answer = " ".join(str(part) for part in (self.status, self.code) if part is not None)
        return f"{where}{self.message}" + (f" ({answer})" if answer else "")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, message={self.message!r})"


class ValidationFailedError(KeyledgerError):
    """400: the request is invalid; ``details`` lists the failing fields."""


class UnauthorizedError(KeyledgerError):
    """401: no token, or an unknown, expired or revoked one."""


class ForbiddenError(KeyledgerError):
    """403: the token's role or grants do not cover this."""


class NotFoundError(KeyledgerError):
    """404: no such credential for this token (or no such route)."""


class ConflictError(KeyledgerError):
    """409: a deactivated or destroyed credential, an ambiguous lookup, a version conflict."""


class PreconditionFailedError(KeyledgerError):
    """412: If-Match did not match the current version."""


class IdempotencyKeyReusedError(KeyledgerError):
    """422: an Idempotency-Key reused with another request."""


class RateLimitedError(KeyledgerError):
    """429: too many reveals; ``retry_after`` seconds when the API says."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(KeyledgerError):
    """5xx, after the retries."""


class NetworkError(KeyledgerError):
    """The API could not be reached (refused, reset, TLS, DNS, timeout), after the retries."""


_BY_STATUS: dict[int, type[KeyledgerError]] = {
    400: ValidationFailedError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionFailedError,
    422: IdempotencyKeyReusedError,
}


def api_error(
    status: int,
    body: object,
    *,
    method: str,
    path: str,
    retry_after: float | None,
) -> KeyledgerError:
    """The typed error of an unsuccessful answer ``{statusCode, error, message, code?, details?}``."""
    fields = body if isinstance(body, dict) else {}
    raw_message = fields.get("message")
    message = raw_message if isinstance(raw_message, str) and raw_message else f"HTTP {status}"
    raw_code = fields.get("code")
    code = raw_code if isinstance(raw_code, str) else None
    details = fields.get("details")
    common: dict[str, Any] = {"status": status, "code": code, "details": details, "method": method, "path": path}
    if status == 429:
        return RateLimitedError(message, retry_after=retry_after, **common)
    error_type = _BY_STATUS.get(status) or (ServerError if status >= 500 else KeyledgerError)
    return error_type(message, **common)
