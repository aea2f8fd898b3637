"""Writes of 主动公开: publications and their review, channels, and the records of 表二.

Every write checks the actor's role in the body, saves and records an audit event in one
transaction. The 目录, 指南 and import services are in ``catalogue.py`` and ``imports.py``.
"""

from gongkai.core.types import Actor
from gongkai.publishing.services.base import DEADLINE_START_LABEL
from gongkai.publishing.services.publications import (
    EDITABLE,
    format_index_number,
    publication_attach,
    publication_channel_add,
    publication_create,
    publication_update,
    settings_update,
)
from gongkai.publishing.services.review import (
    publication_secrecy_review,
    review_chain_set,
    transition,
)
from gongkai.publishing.services.table2 import (
    figure_set,
    normative_amend,
    normative_end,
    normative_register,
)

__all__ = [
    "DEADLINE_START_LABEL",
    "EDITABLE",
    "Actor",
    "figure_set",
    "format_index_number",
    "normative_amend",
    "normative_end",
    "normative_register",
    "publication_attach",
    "publication_channel_add",
    "publication_create",
    "publication_secrecy_review",
    "publication_update",
    "review_chain_set",
    "settings_update",
    "transition",
]
