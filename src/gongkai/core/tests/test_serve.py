"""``gongkai serve`` starts a real server on a new data dir and serves pages and static files."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
        return response.status, response.read().decode("utf-8")


def test_serve_migrates_a_new_database_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["GONGKAI_DATA_DIR"] = str(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "gongkai", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        status, body = 0, ""
        while time.monotonic() < deadline:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/healthz")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        assert status == 200, "server did not answer within 60 s"
        assert '"ok"' in body
        status, body = _get(f"http://127.0.0.1:{port}/")
        assert status == 200
        assert "政府信息公开工作系统" in body
        status, css = _get(f"http://127.0.0.1:{port}/static/admin/css/base.css")
        assert status == 200
        assert "body" in css
        assert (tmp_path / "gongkai.sqlite3").exists()
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in output
    assert "Traceback" not in output


def test_serve_refuses_a_bad_port(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["GONGKAI_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "serve", "--port", "70000"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "--port 70000" in result.stderr
    assert "Traceback" not in result.stderr
