"""Running the real ``gongkai`` command in a child process, as a user at a terminal would.

The child gets a clean environment: no ``GONGKAI_*``/``DATABASE_*`` variables of the test run
(so it uses SQLite in its own data dir unless told otherwise), then the ones the test gives.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def clean_env(data_dir: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if data_dir is not None:
        env["GONGKAI_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run_gongkai(
    *args: str, data_dir: Path | None = None, env: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """``gongkai ARGS…`` with ``data_dir`` as its GONGKAI_DATA_DIR and ``env`` added."""
    return subprocess.run(  # noqa: S603 (our own interpreter and entry point)
        [sys.executable, "-m", "gongkai", *args],
        env=clean_env(data_dir, **(env or {})),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def migrated_data_dir(path: Path) -> Path:
    """A data dir whose SQLite database has every migration applied."""
    result = run_gongkai("migrate", "--noinput", data_dir=path)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return path
