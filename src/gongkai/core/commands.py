"""The one CLI mapping of domain errors: a plain message on stderr and exit status 2."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import DomainError

#: Exit status for bad input or a refused action (argparse uses the same for bad arguments).
EXIT_USAGE = 2


class DomainCommand(BaseCommand):
    """Base for project commands.

    A :class:`DomainError` becomes ``CommandError(returncode=2)``; from the command line the
    message is printed as ``gongkai NAME: message`` (no class name, no traceback), while
    ``call_command`` callers (tests, other code) receive the ``CommandError`` itself.
    """

    _from_command_line = False

    def run_from_argv(self, argv: list[str]) -> None:
        self._from_command_line = True
        self._name = argv[1] if len(argv) > 1 else "gongkai"
        super().run_from_argv(argv)

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            try:
                return super().execute(*args, **options)
            except DomainError as exc:
                raise CommandError(exc.message, returncode=EXIT_USAGE) from None
        except CommandError as exc:
            if not self._from_command_line or options.get("traceback"):
                raise
            self.stderr.write(f"gongkai {self._name}: {exc}")
            raise SystemExit(exc.returncode) from None
