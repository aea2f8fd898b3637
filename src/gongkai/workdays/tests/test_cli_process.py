"""The real ``gongkai workdays`` process: JSON on stdout, exit 2 and one line on bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gongkai.testing.process import migrated_data_dir, run_gongkai


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated_data_dir(tmp_path_factory.mktemp("workdays-cli"))


def _run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_gongkai(*args, data_dir=data)


def test_add_prints_json(data_dir: Path) -> None:
    result = _run(data_dir, "workdays", "add", "2026-02-10", "20", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["due"] == "2026-03-16"


def test_bad_date_exits_2_with_one_line(data_dir: Path) -> None:
    result = _run(data_dir, "workdays", "add", "2026-13-01", "20")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "gongkai workdays: DATE: 日期无效 / invalid date '2026-13-01'"
        "（应为 YYYY-MM-DD 或 YYYY年M月D日）"
    )
    assert "Traceback" not in result.stderr


def test_bad_file_exits_2_without_traceback(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("year: 2027\nholidays: [\n", encoding="utf-8")
    result = _run(data_dir, "workdays", "import", str(path))
    assert result.returncode == 2
    assert f"{path}:" in result.stderr
    assert "YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_argument_exits_2(data_dir: Path) -> None:
    result = _run(data_dir, "workdays", "add", "2026-02-10")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
