"""What the benchmarks share: the PostgreSQL server they measure on, and a throw-away database.

Each benchmark runs against a temporary PostgreSQL database on 127.0.0.1:5432 (``BENCH_PG_URL``
for other credentials), created before and dropped after, or against a temporary SQLite file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def pg_reachable() -> bool:
    """Whether the PostgreSQL server answers within three seconds."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3):
            return True
    except Exception:
        return False


@contextmanager
def bench_database(name: str, *, postgres: bool, keep: str | None = None) -> Iterator[None]:
    """Point Django (``DATABASE_URL``, a data directory, settings) at a fresh database for the
    benchmark ``name``; drop it afterwards. ``keep``: on PostgreSQL, use the database of that
    name, create it only if missing, and keep it (to measure again without loading again)."""
    data_dir = tempfile.mkdtemp(prefix=f"gongkai-bench-{name}-")
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ.setdefault("GONGKAI_SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghij")
    pg_name = None
    if postgres:
        import psycopg

        pg_name = keep or f"gongkai_bench_{name}_{os.getpid()}"
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (pg_name,))
            if not found.fetchone():
                admin.execute(f'CREATE DATABASE "{pg_name}"')
        os.environ["DATABASE_URL"] = PG_URL.rsplit("/", 1)[0] + "/" + pg_name
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(data_dir) / 'bench.sqlite3'}"
    try:
        yield
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        if pg_name is not None and not keep:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(PG_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
