"""Connection URLs: every reserved character of a user or password escaped."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from keyledger import RevealedSecret, Secret, connection_string

NASTY = "p@ss/w:rd?#%&+ é"


def credential(
    kind: str, secret: str, *, username: str | None = "app", host: str | None = "db.internal", **extra: Any
) -> RevealedSecret:
    return RevealedSecret(
        id="0b6f2b4e-8d7c-4a3e-9f10-2a4b6c8d0e1f",
        name="db",
        type=kind,
        username=username,
        secret=Secret(secret),
        extra=extra,
        host=host,
    )


def test_postgres_escapes_user_password_and_database() -> None:
    url = connection_string(credential("postgres", NASTY, username="bill@corp", database="my db", sslmode="require"))
    assert (
        url
        == "postgresql://bill%40corp:p%40ss%2Fw%3Ard%3F%23%25%26%2B%20%C3%A9@db.internal:5432/my%20db?sslmode=require"
    )
    parts = urlsplit(url)
    assert unquote(parts.password or "") == NASTY
    assert unquote(parts.username or "") == "bill@corp"
    assert parts.hostname == "db.internal"
    assert parts.port == 5432


def test_postgres_defaults_and_port() -> None:
    assert connection_string(credential("postgres", "pw", port=6543)) == "postgresql://app:pw@db.internal:6543/postgres"


def test_mysql_with_ssl_mode() -> None:
    url = connection_string(credential("mysql", NASTY, database="shop", ssl_mode="REQUIRED"))
    assert url == "mysql://app:p%40ss%2Fw%3Ard%3F%23%25%26%2B%20%C3%A9@db.internal:3306/shop?ssl-mode=REQUIRED"
    assert connection_string(credential("mysql", "pw", ssl_mode="PREFERRED")) == "mysql://app:pw@db.internal:3306/"


def test_redis_with_tls_and_db_and_no_user() -> None:
    url = connection_string(credential("redis", "a:b@c", username=None, host="redis.internal", db=2, tls=True))
    assert url == "rediss://:a%3Ab%40c@redis.internal:6379/2"
    assert connection_string(credential("redis", "pw", username=None, host="::1")) == "redis://:pw@[::1]:6379/0"


def test_db_dsn_is_its_secret_or_built_from_its_parts() -> None:
    dsn = "postgres://app:s3cret@db.example.com:5432/app?sslmode=require"
    assert connection_string(credential("db_dsn", dsn)) == dsn
    built = RevealedSecret(
        id="0b6f2b4e-8d7c-4a3e-9f10-2a4b6c8d0e1f",
        name="legacy",
        type="db_dsn",
        username="app",
        secret=Secret(NASTY),
        extra={"secret_format": "password", "driver": "mariadb", "database": "prod", "host": "h"},
    )
    assert connection_string(built) == "mysql://app:p%40ss%2Fw%3Ard%3F%23%25%26%2B%20%C3%A9@h:3306/prod"


def test_other_types_and_missing_hosts_are_refused_without_the_secret() -> None:
    with pytest.raises(ValueError, match="not a database credential") as refused:
        connection_string(credential("openai", NASTY))
    assert NASTY not in str(refused.value)
    with pytest.raises(ValueError, match="no host"):
        connection_string(credential("postgres", NASTY, host=None))
    with pytest.raises(ValueError, match="no URL scheme"):
        connection_string(credential("db_dsn", NASTY, secret_format="password", driver="oracle"))
