"""``gongkai report``: audit published reports (``check``, ``diff``, no database needed) and
produce a body's own report from its records (``compute``, ``render``, ``freeze``, ``publish``).

``check``/``diff`` are done by :mod:`gongkai.annual.report.cli`; the others call the services
and selectors of :mod:`gongkai.annual`. Exit status: 0 no error finding, 1 at least one error
finding in the computed report, 2 bad input or a refused action (with the message).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser, OutputWrapper

from gongkai.agencies.selectors import agency_get_by_name
from gongkai.annual.compute import Computation, report_compute, report_compute_full
from gongkai.annual.figures import FIGURE_SOURCES
from gongkai.annual.models import Scope
from gongkai.annual.report.cli import (
    EXIT_FINDINGS,
    EXIT_UNREADABLE,
    Outcome,
    add_arguments,
    dispatch,
    summary_text,
)
from gongkai.annual.report.model import AnnualReport as Report
from gongkai.annual.report.render import RENDER_FORMATS, render, render_xlsx_consolidated
from gongkai.annual.selectors import annual_report_latest_frozen, bodies_under, is_government
from gongkai.annual.services import (
    annual_report_freeze,
    annual_report_publish,
    snapshot_report,
)
from gongkai.core.commands import EXIT_USAGE, DomainCommand
from gongkai.core.errors import NotFoundOrForbidden, ValidationFailed

_DB_ACTIONS = ("compute", "render", "freeze", "publish", "figures")


class _Raw:
    """An OutputWrapper that writes exactly what it is given (the progress bar uses ``\\r``)."""

    def __init__(self, wrapper: OutputWrapper) -> None:
        self._wrapper = wrapper

    def write(self, text: str) -> int:
        self._wrapper.write(text, ending="")
        return len(text)

    def flush(self) -> None:
        self._wrapper.flush()

    def isatty(self) -> bool:
        return bool(self._wrapper.isatty())


def _subparsers(parser: CommandParser) -> Any:
    """The sub-command action ``add_arguments`` of the report core created."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise CommandError("report: 子命令未注册")  # pragma: no cover - add_arguments creates it


def _body_options(sub: Any) -> None:
    sub.add_argument("--agency", required=True, help="机关名称，如 平罗县教育体育局")
    sub.add_argument("--year", type=int, required=True, help="报告年度")
    sub.add_argument(
        "--consolidated",
        action="store_true",
        help="人民政府汇总本级及所属机关（本级政府年度报告）",
    )


class Command(DomainCommand):
    help = "检查或比较已发布的年度报告；由本系统记录计算、生成、定稿、公布年度报告"
    requires_system_checks: list[str] = []  # noqa: RUF012 - Django's own attribute
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        add_arguments(parser)
        sub = _subparsers(parser)
        compute = sub.add_parser("compute", help="由本机关记录计算年度报告（表格与正文），并检查")
        _body_options(compute)
        compute.add_argument("--format", choices=("text", "json"), default="text")

        out = sub.add_parser("render", help="生成年度报告文件（已定稿的用定稿版本，否则即时计算）")
        _body_options(out)
        out.add_argument("--to", choices=RENDER_FORMATS, required=True, help="文件格式")
        out.add_argument("-o", "--output", required=True, help="输出文件路径（- 表示标准输出）")
        out.add_argument(
            "--computed", action="store_true", help="即使已有定稿版本，也按当前记录即时计算"
        )

        freeze = sub.add_parser("freeze", help="定稿（负责人）：保存报告数据及其 SHA-256")
        _body_options(freeze)
        freeze.add_argument("--user", required=True, help="操作人用户名（本机关负责人）")
        freeze.add_argument("--reason", default="", help="更正已定稿报告时的更正原因")

        sub.add_parser("figures", help="列出正文模板可用的占位符及其含义（数字来源登记表）")

        publish = sub.add_parser("publish", help="公布已定稿的年度报告（负责人）")
        _body_options(publish)
        publish.add_argument("--user", required=True, help="操作人用户名（本机关负责人）")

    def handle(self, *args: Any, **options: Any) -> None:
        """Exit status 0/1/2 is part of the contract, so a non-zero result raises SystemExit."""
        action = options.get("action")
        if action in _DB_ACTIONS:
            code = getattr(self, f"_{action}")(options)
        else:
            err = _Raw(self.stderr)
            if not action:
                err.write("用法：report check|diff|compute|render|freeze|publish …\n")
                raise SystemExit(EXIT_UNREADABLE)
            code = dispatch(options, _Raw(self.stdout), err)  # type: ignore[arg-type]
        if code:
            raise SystemExit(code)

    # -- database sub-commands ------------------------------------------------------------------

    def _scope(self, options: dict[str, Any]) -> str:
        return Scope.CONSOLIDATED if options["consolidated"] else Scope.OWN

    def _compute(self, options: dict[str, Any]) -> int:
        agency = agency_get_by_name(options["agency"])
        result = report_compute_full(
            agency=agency, year=options["year"], consolidated=options["consolidated"]
        )
        if options["format"] == "json":
            doc = result.to_json() if options["consolidated"] else result.report.to_json()
            self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(self._text(result), ending="")
        return EXIT_FINDINGS if result.report.errors else 0

    def _text(self, result: Computation) -> str:
        text = summary_text(Outcome(path=result.report.source or "", report=result.report))
        if result.bodies:
            text += "各机关：\n"
            for body in result.bodies:
                lit = "—" if body.litigation_total is None else body.litigation_total
                review = "—" if body.review_total is None else body.review_total
                text += (
                    f"  {body.agency}：新收 {body.new}，上年结转 {body.carried_over}，"
                    f"办结 {body.concluded}，结转下年 {body.carried_forward}；"
                    f"复议 {review}，诉讼 {lit}\n"
                )
        if result.missing:
            text += "数据缺失的机关：\n"
            for agency, reasons in result.missing.items():
                text += f"  {agency}：{'；'.join(reasons)}\n"
        return text

    def _report_for_render(self, options: dict[str, Any]) -> Report:
        agency = agency_get_by_name(options["agency"])
        if not options["computed"]:
            frozen = annual_report_latest_frozen(
                agency=agency, year=options["year"], scope=self._scope(options)
            )
            if frozen is not None:
                return snapshot_report(frozen)
        return report_compute_full(
            agency=agency, year=options["year"], consolidated=options["consolidated"]
        ).report

    def _render(self, options: dict[str, Any]) -> int:
        if options["consolidated"] and options["to"] == "xlsx":
            data: bytes | str = self._consolidated_workbook(options)
        else:
            data = render(self._report_for_render(options), options["to"])
        if options["output"] == "-":
            text = data.decode() if isinstance(data, bytes) else data
            self.stdout.write(text, ending="")
        else:
            path = Path(options["output"])
            try:
                if isinstance(data, bytes):
                    path.write_bytes(data)
                else:
                    path.write_text(data, encoding="utf-8")
            except OSError as exc:
                raise CommandError(
                    f"无法写入 {path}：{exc.strerror}", returncode=EXIT_USAGE
                ) from None
            self.stdout.write(f"已生成 {path}（{options['to']}）")
        return 0

    def _consolidated_workbook(self, options: dict[str, Any]) -> bytes:
        """A summary sheet (one row per body, 合计 by formulas) and one sheet per body."""
        government = agency_get_by_name(options["agency"])
        if not is_government(government):
            raise ValidationFailed(f"“{government.name}”不是人民政府，不能汇总所属机关的年度报告")
        reports = [
            report_compute(agency=body, year=options["year"]) for body in bodies_under(government)
        ]
        return render_xlsx_consolidated(reports)

    def _figures(self, options: dict[str, Any]) -> int:
        for source in FIGURE_SOURCES.values():
            keys = "、".join(f"{{{source.name}.{k}}} {label}" for k, label in source.keys.items())
            self.stdout.write(f"{{{source.name}}}　{source.description}")
            if keys:
                self.stdout.write(f"    {keys}")
        return 0

    def _actor(self, options: dict[str, Any]) -> Any:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise NotFoundOrForbidden(f"用户“{options['user']}”不存在")
        return user

    def _freeze(self, options: dict[str, Any]) -> int:
        agency = agency_get_by_name(options["agency"])
        try:
            report = annual_report_freeze(
                actor=self._actor(options),
                agency=agency,
                year=options["year"],
                scope=self._scope(options),
                correction_reason=options["reason"],
            )
        except ValidationFailed as exc:
            findings = (exc.data or {}).get("findings", []) if isinstance(exc.data, dict) else []
            for finding in findings:
                self.stderr.write(
                    f"  [错误] {finding['rule']} @ {finding['location']}：{finding['message']}"
                )
            raise
        self.stdout.write(
            f"已定稿：{report}\nSHA-256：{report.sha256}\n法定公布期限：{report.deadline.isoformat()}"
        )
        return 0

    def _publish(self, options: dict[str, Any]) -> int:
        agency = agency_get_by_name(options["agency"])
        report = annual_report_publish(
            actor=self._actor(options),
            agency=agency,
            year=options["year"],
            scope=self._scope(options),
        )
        late = (
            "（已超过法定期限）"
            if report.published_on and report.published_on > report.deadline
            else ""
        )
        self.stdout.write(
            f"已公布：{report}，公布日期 {report.published_on}，"
            f"法定期限 {report.deadline.isoformat()}{late}"
        )
        return 0
