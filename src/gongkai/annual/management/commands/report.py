"""``gongkai report check PATH...`` and ``gongkai report diff A B``: audit published annual
reports without a database. The work is done by :mod:`gongkai.annual.report.cli`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser, OutputWrapper

from gongkai.annual.report.cli import EXIT_UNREADABLE, add_arguments, dispatch


class _Raw:
    """An OutputWrapper that writes exactly what it is given (the progress bar uses ``\\r``)."""

    def __init__(self, wrapper: OutputWrapper) -> None:
        self._wrapper = wrapper

    def write(self, text: str) -> int:
        self._wrapper.write(text, ending="")
        return len(text)

    def flush(self) -> None:
        self._wrapper.flush()

    def isatty(self) -> bool:
        return bool(self._wrapper.isatty())


class Command(BaseCommand):
    help = "检查或比较政府信息公开工作年度报告（不需要数据库）"
    requires_system_checks: list[str] = []  # noqa: RUF012 - Django's own attribute
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        """Exit status 0/1/2 is part of the contract, so a non-zero result raises SystemExit."""
        err = _Raw(self.stderr)
        if not options.get("action"):
            err.write("用法：report check PATH... | report diff A B\n")
            raise SystemExit(EXIT_UNREADABLE)
        code = dispatch(options, _Raw(self.stdout), err)  # type: ignore[arg-type]
        if code:
            raise SystemExit(code)
