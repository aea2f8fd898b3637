"""``gongkai serve`` starts a real server on a new data dir and serves pages and static files."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from gongkai.testing.process import clean_env, run_gongkai


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
        return response.status, response.read().decode("utf-8")


def test_serve_migrates_a_new_database_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    env = clean_env(tmp_path)
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
    result = run_gongkai("serve", "--port", "70000", data_dir=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "--port 70000" in result.stderr
    assert "Traceback" not in result.stderr
