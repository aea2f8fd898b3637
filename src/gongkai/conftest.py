"""Fixtures shared by every app's tests (loaded after Django is set up)."""

from gongkai.testing.personas import (
    bureau,
    clerk,
    county,
    head,
    other_agency_clerk,
    other_bureau,
    oversight,
    reviewer,
)

__all__ = [
    "bureau",
    "clerk",
    "county",
    "head",
    "other_agency_clerk",
    "other_bureau",
    "oversight",
    "reviewer",
]
