"""What every write of applications shares: the actor type, roles, personal fields, checks."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import STAFF_ROLES, roles_of
from gongkai.applications.models import Application, Consultation, ConsultedParty
from gongkai.applications.states import (
    CONCLUDING_ROWS,
    Action,
)
from gongkai.core.errors import (
    PermissionDenied,
    ValidationFailed,
)
from gongkai.core.types import Actor

#: Fields holding the applicant's personal data: never logged, never audited, never in a URL.
PERSONAL_FIELDS: tuple[str, ...] = (
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_address",
    "applicant_email",
)

#: Why a role may not make a move, where the law says who decides.
ROLE_REASONS: dict[Action, str] = {
    Action.EXTEND: "延长答复期限须经负责人同意（条例第三十三条第二款）",
    Action.REQUEST_FEE: "收取信息处理费须经负责人同意（条例第四十二条、国办函〔2020〕109号）",
    Action.ANSWER: "答复须经审核人或负责人审核（条例第四十五条）",
    Action.CORRECTION_LAPSED: "视为放弃申请须经审核人或负责人确认（条例第三十条）",
    Action.FEE_LAPSED: "视为放弃申请须经审核人或负责人确认（国办函〔2020〕109号）",
}

#: Outcomes an answer may not choose: their own action concludes with them.
LAPSE_ROWS: dict[str, Action] = {
    row: action for action, row in CONCLUDING_ROWS.items() if action is not Action.WITHDRAW
}

PAUSE_LABELS: dict[str, str] = {
    ConsultedParty.THIRD_PARTY: "征求第三方意见",
    ConsultedParty.CO_PRODUCER: "征求共同制作机关意见",
}


def local_today() -> date:
    return timezone.localdate()


def role_labels(roles: frozenset[str]) -> str:
    order = [Role.CLERK, Role.REVIEWER, Role.HEAD]
    return "或".join(Role(r).label for r in order if r in roles)


def staff_check(actor: Actor, agency: Agency, what: str) -> frozenset[str]:
    roles = roles_of(actor, agency) if actor is not None else frozenset()
    if not roles & STAFF_ROLES:
        raise PermissionDenied(f"{what}须由本机关的经办人、审核人或负责人办理")
    return roles


def validation_failed(exc: ValidationError) -> ValidationFailed:
    """A Django validation error as a domain error; messages only, never the values."""
    if hasattr(exc, "error_dict"):
        parts = [
            f"{field}: {'；'.join(str(m) for m in errors)}"
            for field, errors in exc.message_dict.items()
        ]
    else:
        parts = [str(m) for m in exc.messages]
    fields = sorted(getattr(exc, "error_dict", {}))
    return ValidationFailed("；".join(parts), data={"fields": fields})


# --------------------------------------------------------------------------------------------
# Register
# --------------------------------------------------------------------------------------------


def open_consultation(application: Application) -> Consultation | None:
    return application.consultations.filter(ended_on__isnull=True).first()


def conclude(application: Application, outcome: str, on: date) -> list[str]:
    application.outcome = outcome
    application.answered_on = on
    open_one = open_consultation(application)
    if open_one is not None:
        open_one.ended_on = on
        open_one.save(update_fields=["ended_on"])
    return ["outcome", "answered_on"]
