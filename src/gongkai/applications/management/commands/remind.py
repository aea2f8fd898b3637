"""``gongkai remind``: the daily reminder of answers due soon and overdue, per body.

Idempotent and side-effect free (it reads and prints), so cron or a systemd timer can run it
every morning and mail its output; ``--format json`` for other tools. Each case goes to its
经办人; cases nobody is assigned to go to every 经办人 of the body.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.selectors import agency_get_by_name
from gongkai.applications.selectors import (
    applications_due_soon,
    applications_of,
    applications_overdue,
)
from gongkai.core.commands import DomainCommand
from gongkai.core.errors import ValidationFailed

#: Working days ahead that count as "due soon" (issue: reminders 3 working days before).
DEFAULT_WITHIN = 3


def _as_of(value: str | None) -> date:
    if value is None:
        return timezone.localdate()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed(f"--as-of: 不是有效日期（如 2026-03-31）：{value!r}") from None


def reminders(*, agencies: list[Agency], as_of: date, within: int) -> list[dict[str, Any]]:
    """One entry per body and 经办人: the cases due soon and overdue that he or she handles.

    Cases nobody is assigned to go to every 经办人 of the body.
    """
    clerks: dict[int, list[str]] = {}
    for agency_id, username in Membership.objects.filter(
        agency__in=agencies, role=Role.CLERK
    ).values_list("agency_id", "user__username"):
        clerks.setdefault(agency_id, []).append(username)
    out: list[dict[str, Any]] = []
    for agency in agencies:
        due_soon = applications_due_soon(agency=agency, as_of=as_of, within=within)
        overdue = [
            case
            for case in applications_overdue(agency=agency, as_of=as_of)
            if case["answered"] is None
        ]
        if not due_soon and not overdue:
            continue
        numbers = [case["number"] for case in (*due_soon, *overdue)]
        officer_of = dict(
            applications_of(agency)
            .filter(number__in=numbers)
            .values_list("number", "officer__username")
        )
        officers = sorted({officer_of.get(n) or "" for n in numbers})
        for officer in officers:
            mine = [n for n in numbers if (officer_of.get(n) or "") == officer]
            out.append(
                {
                    "agency": agency.name,
                    "officer": officer or None,
                    "recipients": [officer] if officer else sorted(clerks.get(agency.pk, [])),
                    "due_soon": [c for c in due_soon if c["number"] in mine],
                    "overdue": [c for c in overdue if c["number"] in mine],
                }
            )
    return out


class Command(DomainCommand):
    help = (
        "每日提醒：即将到期（默认3个工作日内）和已逾期的申请。Daily reminder of applications "
        "due within N working days and overdue ones, per body."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", metavar="NAME", help="只列出这个机关（默认全部）")
        parser.add_argument("--as-of", metavar="DATE", help="截至日期，默认今天（北京时间）")
        parser.add_argument(
            "--within", type=int, default=DEFAULT_WITHIN, help="几个工作日内到期（默认3）"
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["within"] < 0:
            raise ValidationFailed("--within 不能为负数")
        agencies = (
            [agency_get_by_name(options["agency"])]
            if options["agency"]
            else list(Agency.objects.order_by("name"))
        )
        as_of = _as_of(options["as_of"])
        result = reminders(agencies=agencies, as_of=as_of, within=options["within"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        if not result:
            self.stdout.write(f"{as_of.isoformat()}：没有即将到期或逾期的申请")
            return
        for body in result:
            to = "、".join(body["recipients"]) or "（未设经办人）"
            who = "" if body["officer"] else "，未分配经办人"
            self.stdout.write(f"== {body['agency']}（提醒：{to}{who}）")
            for case in body["overdue"]:
                self.stdout.write(f"  [逾期] {case['number']}：{case['due']} 届满，尚未答复")
            for case in body["due_soon"]:
                mark = "（暂定）" if case["provisional"] else ""
                self.stdout.write(
                    f"  [将到期] {case['number']}：{case['due']}{mark} 届满（{case['status']}）"
                )
