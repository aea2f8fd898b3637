"""``gongkai serve``: the production server (gunicorn) with static files (whitenoise)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from gunicorn.app.base import BaseApplication

from gongkai.core.commands import DomainCommand
from gongkai.core.errors import ValidationFailed
from gongkai.wsgi import application


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return application


class Command(DomainCommand):
    help = (
        "启动 gongkai 服务（gunicorn）。Start the gongkai server (gunicorn, static files served)."
    )
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="listen address (默认 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="listen port (默认 8000)")
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS", "2"))
        )
        parser.add_argument(
            "--no-migrate",
            action="store_true",
            help="do not apply pending migrations on start（启动时不执行数据库迁移）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port: int = options["port"]
        if not 0 < port < 65536:
            raise ValidationFailed(f"--port {port}: 端口须在 1–65535 之间 (port out of range)")
        if not options["no_migrate"]:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if plan:
                self.stdout.write(f"正在初始化/升级数据库（{len(plan)} 项迁移）…")
                call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        address = f"{options['host']}:{port}"
        host = options["host"]
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(
            f"gongkai 已启动：http://{shown}:{port}/  （数据目录 {settings.DATA_DIR}）"
        )
        connections.close_all()  # workers are forked: none may inherit an open connection
        _Gunicorn(
            {
                "bind": address,
                "workers": options["workers"],
                "accesslog": "-",
                "errorlog": "-",
                "timeout": 120,
            }
        ).run()
