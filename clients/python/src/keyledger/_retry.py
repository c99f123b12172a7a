"""When and how long to wait before sending a request again."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class RetryPolicy:
    """Retries after the first attempt, and the backoff in seconds.

    The n-th retry waits a random time between 0 and
    ``min(max_delay, base_delay * 2**n)`` ("full jitter"); a longer
    ``Retry-After`` from the API wins, up to ``max_delay``.
    """

    retries: int = 3
    base_delay: float = 0.2
    max_delay: float = 5.0

    def __post_init__(self) -> None:
        if self.retries < 0 or self.base_delay < 0 or self.max_delay < self.base_delay:
            raise ValueError("retry: retries must be >= 0 and 0 <= base_delay <= max_delay")


DEFAULT_RETRY = RetryPolicy()
NO_RETRY = RetryPolicy(retries=0)


def is_retryable_status(status: int) -> bool:
    """The server failed, or a proxy in front of it did (501 and 505 will not change)."""
    return status >= 500 and status not in (501, 505)


def backoff_delay(
    attempt: int,
    policy: RetryPolicy,
    retry_after: float | None = None,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before retry number ``attempt`` (from 0)."""
    ceiling = min(policy.max_delay, policy.base_delay * float(2**attempt))
    return min(policy.max_delay, max(rand() * ceiling, retry_after or 0.0))


def parse_retry_after(header: str | None, now: datetime | None = None) -> float | None:
    """Seconds of a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if header is None or not header.strip():
        return None
    text = header.strip()
    if text.isdigit():
        return float(text)
    try:
        at = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return max(0.0, (at - (now or datetime.now(UTC))).total_seconds())
