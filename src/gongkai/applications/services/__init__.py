"""Writes of applications: register one, move it through its lifecycle, import a ledger.

Every write checks the actor's role in the body, saves inside one transaction and records the
audit event in that transaction. Personal data of the applicant (name, ID number, phone,
address, e-mail) is never put into audit data or error messages: events carry the 申请编号,
dates, statuses and the names of changed fields only.

Deadlines are computed by :mod:`gongkai.workdays` (the only home of time); this module tells it
what happened: receipt, 补正 received, consultation started and ended, extension, conclusion.
"""

from gongkai.applications.services.common import PERSONAL_FIELDS, ROLE_REASONS
from gongkai.applications.services.importing import LedgerImported, applications_import
from gongkai.applications.services.lifecycle import (
    SPLITTABLE_STATUSES,
    application_assign,
    application_register,
    application_split,
    transition,
)
from gongkai.core.types import Actor

__all__ = [
    "PERSONAL_FIELDS",
    "ROLE_REASONS",
    "SPLITTABLE_STATUSES",
    "Actor",
    "LedgerImported",
    "application_assign",
    "application_register",
    "application_split",
    "applications_import",
    "transition",
]
