"""Shared helpers for the publishing tests: frozen today and audit look-ups."""

from __future__ import annotations

import pytest
import time_machine

#: Far enough after every date used here that no move is in the future.
TODAY = "2026-06-30 10:00 +08:00"


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield
