"""The file formats ``gongkai report render`` writes: the report core's :func:`render`."""

from __future__ import annotations

from gongkai.annual.report.render import RENDER_FORMATS, render

FORMATS: tuple[str, ...] = RENDER_FORMATS

__all__ = ["FORMATS", "render"]
