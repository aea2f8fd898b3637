"""The ``gongkai`` console command: Django's management entry point for this project.

``gongkai migrate``, ``gongkai check``, ``gongkai serve`` and every project command. A
configuration error (a bad environment variable) is printed as one line naming the variable and
exits with status 2; no traceback reaches the user.
"""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    args = list(sys.argv if argv is None else argv)
    args[0] = "gongkai"
    try:
        settings.INSTALLED_APPS  # noqa: B018  (loads the settings here, where errors are mapped)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"gongkai: configuration error: {exc}\n")
        raise SystemExit(2) from None
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
