"""The real ``gongkai`` process: exit status 2 and a clean one-line message on bad input."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gongkai.testing.process import migrated_data_dir, run_gongkai


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated_data_dir(tmp_path_factory.mktemp("cli"))


def _run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_gongkai(*args, data_dir=data)


def test_duplicate_exits_2_with_one_line(data_dir: Path) -> None:
    assert _run(data_dir, "agencies", "add", "平罗县人民政府").returncode == 0
    result = _run(data_dir, "agencies", "add", "平罗县人民政府")
    assert result.returncode == 2
    assert result.stderr.strip() == "gongkai agencies: 机关“平罗县人民政府”已存在"


def test_unknown_parent_exits_2(data_dir: Path) -> None:
    result = _run(data_dir, "agencies", "add", "某局", "--parent", "没有这个政府")
    assert result.returncode == 2
    assert "没有这个政府" in result.stderr
    assert "Traceback" not in result.stderr
    listing = _run(data_dir, "agencies", "list")
    assert "某局" not in listing.stdout


def test_help_lists_project_commands(data_dir: Path) -> None:
    result = _run(data_dir, "--help")
    assert result.returncode == 0
    assert "agencies" in result.stdout
    assert "serve" in result.stdout
