"""``gongkai letters issue|verify|types``: issue a letter for an application, check issued ones.

``issue`` signs as ``--user`` (a 审核人 or 负责人 of the body, as on the site); ``verify``
recomputes the SHA-256 of the issued files and exits with status 2 if any differs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandParser

from gongkai.agencies.selectors import agency_get_by_name
from gongkai.applications.fees import FeeMethod, FeeQuote, quote
from gongkai.applications.letters import (
    FIELD_LABELS,
    LETTER_KINDS,
    letter_content,
    letter_issue,
    letter_kind,
    letter_verify,
    letters_of,
)
from gongkai.applications.models import Application, Letter
from gongkai.core.commands import DomainCommand
from gongkai.core.errors import NotFoundOrForbidden, ValidationFailed


def _application(agency_name: str, number: str) -> Application:
    agency = agency_get_by_name(agency_name)
    found = Application.objects.filter(agency=agency, number=number.strip()).first()
    if found is None:
        raise NotFoundOrForbidden(f"{agency.name}没有申请编号为“{number}”的申请")
    return found


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed(f"--date: 不是有效日期（如 2026-03-02）：{value!r}") from None


def _fields(pairs: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ValidationFailed(f"--field 应写作 名称=内容：{pair!r}")
        fields[name.strip()] = value.replace("\\n", "\n")
    return fields


def _fee(options: dict[str, Any]) -> FeeQuote | None:
    if options["fee_pages"] is not None:
        return quote(FeeMethod.PER_PAGE, pages=options["fee_pages"])
    if options["fee_earlier"] is not None:
        return quote(
            FeeMethod.PER_ITEM, earlier_in_month=options["fee_earlier"], items=options["fee_items"]
        )
    return None


class Command(DomainCommand):
    help = (
        "依申请公开文书：出具、校验。Letters: issue one for an application, verify issued ones "
        "(docs/letters.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{issue,verify,types}")
        issue = sub.add_parser("issue", help="出具文书 / issue a letter (.docx)")
        issue.add_argument("--agency", required=True, metavar="NAME", help="机关名称")
        issue.add_argument("--number", required=True, metavar="N", help="申请编号")
        issue.add_argument("--type", required=True, metavar="T", help="文书类型，见 letters types")
        issue.add_argument(
            "--user", required=True, metavar="USERNAME", help="签发人（本机关审核人或负责人）"
        )
        issue.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
        issue.add_argument("--doc-number", default="", metavar="文号", help="默认〔年份〕N号")
        issue.add_argument("--date", metavar="DATE", help="成文日期，默认今天（北京时间）")
        issue.add_argument(
            "--field",
            action="append",
            default=[],
            metavar="NAME=TEXT",
            help="填写项，如 reason=…（\\n 换段）；见 letters types",
        )
        issue.add_argument(
            "--court", default="", help="提起行政诉讼的人民法院（默认：有管辖权的人民法院）"
        )
        issue.add_argument("--fee-pages", type=int, metavar="P", help="按量计收：页数")
        issue.add_argument("--fee-earlier", type=int, metavar="K", help="按件计收：本月此前件数")
        issue.add_argument("--fee-items", type=int, default=1, metavar="M", help="按件计收：件数")

        verify = sub.add_parser("verify", help="校验已出具文书的哈希 / verify issued letters")
        verify.add_argument("--agency", metavar="NAME", help="机关名称（与 --number 一起）")
        verify.add_argument("--number", metavar="N", help="申请编号：校验该申请的全部文书")
        verify.add_argument("--id", type=int, metavar="ID", help="文书编号")

        sub.add_parser("types", help="列出文书类型及填写项 / list letter types and their fields")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "issue":
            self._issue(options)
        elif action == "verify":
            self._verify(options)
        else:
            self._types()

    def _issue(self, options: dict[str, Any]) -> None:
        application = _application(options["agency"], options["number"])
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise NotFoundOrForbidden(f"用户“{options['user']}”不存在")
        letter = letter_issue(
            actor=user,
            application=application,
            letter_type=letter_kind(options["type"]).key,
            number=options["doc_number"],
            on=_date(options["date"]),
            fields=_fields(options["field"]),
            fee=_fee(options),
            court=options["court"],
        )
        output: Path = options["output"]
        output.write_bytes(letter_content(letter))
        self.stdout.write(
            f"已出具 {letter.title} {letter.number}（文书编号 {letter.pk}），"
            f"SHA-256 {letter.sha256}，已写入 {output}"
        )

    def _verify(self, options: dict[str, Any]) -> None:
        if options["id"] is not None:
            letter = Letter.objects.filter(pk=options["id"]).first()
            if letter is None:
                raise NotFoundOrForbidden(f"文书 {options['id']} 不存在")
            letters = [letter]
        elif options["agency"] and options["number"]:
            letters = letters_of(_application(options["agency"], options["number"]))
        else:
            raise ValidationFailed("请指定 --id，或 --agency 与 --number")
        failed = 0
        for letter in letters:
            check = letter_verify(letter)
            status = "一致" if check.ok else "；".join(check.problems)
            self.stdout.write(f"{letter.pk} {letter.number} {letter.title}：{status}")
            failed += not check.ok
        if failed:
            raise ValidationFailed(f"{failed}份文书校验未通过", code="letter_tampered")

    def _types(self) -> None:
        for kind in LETTER_KINDS.values():
            fields = [
                f"{name}{'（必填）' if name in kind.required else ''}：{FIELD_LABELS[name]}"
                for name in kind.fields
            ]
            self.stdout.write(f"{kind.key}\t{kind.title}")
            for line in fields:
                self.stdout.write(f"    --field {line}")
