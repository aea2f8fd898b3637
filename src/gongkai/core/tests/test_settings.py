"""Settings are read from the environment; bad values are named, never a traceback."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.core.env import env_bool, env_int, env_secret, stored_secret_key
from gongkai.testing.process import run_gongkai


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_gongkai(*args, env=env)


def test_bad_database_url_names_the_variable(tmp_path: Path) -> None:
    result = run("check", env={"GONGKAI_DATA_DIR": str(tmp_path), "DATABASE_URL": "mysql://db/x"})
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_database_url_password_is_not_echoed(tmp_path: Path) -> None:
    result = run(
        "check",
        env={"GONGKAI_DATA_DIR": str(tmp_path), "DATABASE_URL": "oracle://u:s3cret@host/db"},
    )
    assert result.returncode == 2
    assert "s3cret" not in result.stderr


def test_bad_boolean_names_the_variable(tmp_path: Path) -> None:
    result = run("check", env={"GONGKAI_DATA_DIR": str(tmp_path), "GONGKAI_DEBUG": "maybe"})
    assert result.returncode == 2
    assert "GONGKAI_DEBUG" in result.stderr


def test_defaults_create_sqlite_and_secret_in_the_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run("migrate", "--noinput", env={"GONGKAI_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert (data / "gongkai.sqlite3").exists()
    key_file = data / "secret_key"
    assert len(key_file.read_text()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_check_deploy_with_production_settings_has_no_warnings(tmp_path: Path) -> None:
    result = run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "GONGKAI_DATA_DIR": str(tmp_path),
            "GONGKAI_HTTPS": "1",
            "GONGKAI_ALLOWED_HOSTS": "gongkai.example.gov.cn",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_env_bool_accepts_common_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG", default=False) is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", default=True) is False
    monkeypatch.delenv("X_FLAG")
    assert env_bool("X_FLAG", default=True) is True


def test_env_int_error_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_COUNT", "three")
    with pytest.raises(ImproperlyConfigured, match="X_COUNT"):
        env_int("X_COUNT", 1)


def test_secret_from_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.delenv("X_SECRET", raising=False)
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env_secret("X_SECRET") == "from-a-file"
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="X_SECRET_FILE"):
        env_secret("X_SECRET")


def test_stored_secret_key_is_stable(tmp_path: Path) -> None:
    first = stored_secret_key(tmp_path)
    assert stored_secret_key(tmp_path) == first
