"""The annual report computed from the records: tables by the apps' GROUP BY selectors, text from
the body's section templates with every figure filled in from :data:`FIGURE_SOURCES`.

Nothing is typed into the tables and nothing missing is shown as 0: a source that cannot be read
leaves its cells null and adds a ``source.missing`` error; the report's own checks
(:func:`gongkai.annual.report.checks.audit`) run on the result and all their findings are kept.

Rules added to those of ``docs/report-json.md``:

=============================  ========  =========================================================
``source.missing``             error     a table or a cited figure has no records to come from
``template.unknown_figure``    error     a ``{placeholder}`` names no figure of the registry
``template.hand_typed``        warning   a number typed in a template contradicts the figure its
                                         words name (e.g. “投诉500件” while 527 were recorded)
``template.default``           info      a part uses the default text (the body has none)
``consolidation.no_records``   warning   a body under the government has no records of the year:
                                         its zeros cannot be told from data never entered
=============================  ========  =========================================================
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.annual import selectors, sources
from gongkai.annual.figures import FIGURE_SOURCES, FigureContext, resolve
from gongkai.annual.report.checks import audit
from gongkai.annual.report.model import (
    AnnualReport as Report,
)
from gongkai.annual.report.model import (
    Finding,
    Table2,
    Table3,
    Table4,
    Triple,
)
from gongkai.annual.report.rows import FORMAT_2021, TABLE3_COLUMNS, TABLE3_KEYS
from gongkai.annual.selectors import SourceMissing
from gongkai.core.errors import ValidationFailed

SECTION_KEYS: tuple[str, ...] = ("1", "2", "3", "4", "5", "6")
#: ``source`` of a computed report; a demo body's says so wherever the report is shown.
SOURCE = "gongkai：由本系统记录计算"
DEMO_SOURCE = "gongkai：演示数据（非真实记录）"

#: The text of a part for a body that has written none (every figure a placeholder).
DEFAULT_TEMPLATES: dict[str, str] = {
    "1": (
        "{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "依法依规做好政府信息公开工作。\n"
        "（一）主动公开\n"
        "本年度共发布信息{posts_total}条，其中政府网站{posts_by_channel.website}条、"
        "微信公众号{posts_by_channel.wechat}条、微博{posts_by_channel.weibo}条、"
        "视频号{posts_by_channel.video}条、政务公开栏{posts_by_channel.notice_board}条、"
        "其他渠道{posts_by_channel.other}条。\n"
        "（二）依申请公开\n"
        "本年度新收政府信息公开申请{applications_new}件，上年结转{applications_carried_over}件，"
        "本年度办结{applications_concluded}件，结转下年度继续办理{applications_carried_forward}件。\n"
        "（三）政府信息管理\n"
        "执行信息发布审查机制，坚持“先审查、后公开”。\n"
        "（四）政府信息公开平台建设\n"
        "持续做好政府网站和政务新媒体的日常管理维护。\n"
        "（五）监督保障\n"
        "将政府信息公开工作纳入年度考核，主动接受社会评议。"
    ),
    "2": "",
    "3": "",
    "4": "",
    "5": (
        "对照《中华人民共和国政府信息公开条例》要求，{agency}将继续查找政府信息公开工作中存在的"
        "问题，逐项改进。"
    ),
    "6": (
        "本年度受理公众诉求{inquiries_total}件；办理人大代表建议和政协提案{proposals_total}件，"
        "答复已公开{proposals_reply_published}件。"
    ),
}

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(?:\.([A-Za-z0-9_]+))?\}")
_TYPED_NUMBER = re.compile(r"(?<![\d.\x00])(\d+)\s*(条|件|个|篇|项|份|期|场|次|人次|家|起|名)")
_CLAUSE_BREAK = re.compile(r"[。；;，,：:\n\d\x00]")


def placeholder_names(text: str) -> list[str]:
    """The figure names a template cites, in order."""
    return [m.group(1) for m in _PLACEHOLDER.finditer(text)]


@dataclass(frozen=True)
class BodyLine:
    """One body's part of a consolidated report."""

    agency: str
    kind: str
    new: int
    carried_over: int
    concluded: int
    carried_forward: int
    review_total: int | None
    litigation_total: int | None
    missing: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "kind": self.kind,
            "table3": {
                "new": self.new,
                "carried_over": self.carried_over,
                "total": self.concluded,
                "carried_forward": self.carried_forward,
            },
            "table4": {"review": self.review_total, "litigation": self.litigation_total},
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class Computation:
    """A computed report and, for a consolidated one, each body's part and the bodies whose
    data is missing (with the reasons)."""

    report: Report
    bodies: tuple[BodyLine, ...] = ()
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "report": self.report.to_json(),
            "bodies": [b.to_json() for b in self.bodies],
            "missing": [{"agency": a, "reasons": list(r)} for a, r in self.missing.items()],
        }


# -- text ---------------------------------------------------------------------------------------


def render_template(
    text: str, ctx: FigureContext, section: str
) -> tuple[str, list[Finding], set[str]]:
    """The text with each placeholder replaced by its figure; the findings of unknown or missing
    figures, and the figure names used."""
    findings: list[Finding] = []
    used: set[str] = set()
    where = f"sections.{section}"

    def fill(match: re.Match[str]) -> str:
        name, key = match.group(1), match.group(2)
        used.add(name)
        try:
            return str(resolve(ctx, name, key))
        except KeyError:
            findings.append(
                Finding(
                    "template.unknown_figure",
                    "error",
                    where,
                    f"正文模板中的“{match.group()}”不是已登记的数字来源",
                )
            )
            return match.group()
        except SourceMissing as exc:
            findings.append(
                Finding(
                    "source.missing",
                    "error",
                    where,
                    f"正文模板中的“{match.group()}”无法计算：{exc}",
                )
            )
            return f"〔缺：{exc.what}〕"

    rendered = _PLACEHOLDER.sub(fill, text.replace("{{", "\x01").replace("}}", "\x02"))
    return rendered.replace("\x01", "{").replace("\x02", "}"), findings, used


def hand_typed_findings(text: str, ctx: FigureContext, section: str) -> list[Finding]:
    """Numbers typed in the template (not placeholders) that contradict the figure named by the
    words just before them, e.g. “各类投诉500件” while 527 complaints were recorded."""
    literal = _PLACEHOLDER.sub("\x00", text)
    findings: list[Finding] = []
    for m in _TYPED_NUMBER.finditer(literal):
        start = m.start()
        breaks = list(_CLAUSE_BREAK.finditer(literal, 0, start))
        clause = literal[breaks[-1].end() if breaks else 0 : start]
        for source in FIGURE_SOURCES.values():
            if not any(word in clause for word in source.keywords):
                continue
            try:
                value = resolve(ctx, source.name, None)
            except (KeyError, SourceMissing):
                continue
            if isinstance(value, int) and value != int(m.group(1)):
                findings.append(
                    Finding(
                        "template.hand_typed",
                        "warning",
                        f"sections.{section}",
                        f"正文模板直接写了“{clause[-12:]}{m.group()}”，而记录计算的"
                        f"{source.description}为{value}：请改用占位符{{{source.name}}}",
                        value,
                        int(m.group(1)),
                    )
                )
            break
    return findings


def sections_of(agency: Agency, ctx: FigureContext) -> tuple[dict[str, str], list[Finding]]:
    templates = selectors.section_templates_of(agency, ctx.year)
    texts: dict[str, str] = {}
    findings: list[Finding] = []
    for key in SECTION_KEYS:
        template = templates.get(key)
        if template is None:
            template = DEFAULT_TEMPLATES[key]
            if template:
                findings.append(
                    Finding(
                        "template.default",
                        "info",
                        f"sections.{key}",
                        "本部分使用系统默认正文，请按本机关实际情况编辑正文模板",
                    )
                )
        text, found, _ = render_template(template, ctx, key)
        texts[key] = text
        findings.extend(found)
        findings.extend(hand_typed_findings(template, ctx, key))
    return texts, findings


# -- tables -------------------------------------------------------------------------------------


def sum_table3(tables: Iterable[Table3]) -> Table3:
    """Cell by cell (a missing cell adds nothing); column sums in C, not one Python step per
    cell: a consolidation adds up thousands of tables."""
    rows_of = [t.rows for t in tables]
    summed = [
        tuple(
            sum(filter(None, column)) for column in zip(*(rows[r] for rows in rows_of), strict=True)
        )
        if rows_of
        else (0,) * len(TABLE3_COLUMNS)
        for r in range(len(TABLE3_KEYS))
    ]
    return Table3.from_mapping(dict(zip(TABLE3_KEYS, summed, strict=True)))


def sum_table4(tables: Iterable[Table4]) -> Table4:
    totals = [0] * 15
    for table in tables:
        for i, v in enumerate(v for _, g in table.groups() for v in g.values()):
            totals[i] += int(v or 0)
    return Table4.from_values(totals)


def _sum_cells(values: Sequence[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(int(v or 0) for v in values)


def sum_table2(tables: Sequence[Table2]) -> Table2:
    """Cell by cell; a cell null in any body stays null in the sum."""

    def triple(name: str) -> Triple:
        parts = [getattr(t, name) for t in tables]
        return Triple(
            _sum_cells([p.made for p in parts]),
            _sum_cells([p.repealed for p in parts]),
            _sum_cells([p.in_force for p in parts]),
        )

    fees = [t.fees_wan_yuan for t in tables]
    return Table2(
        regulations=triple("regulations"),
        normative_documents=triple("normative_documents"),
        licensing_decisions=_sum_cells([t.licensing_decisions for t in tables]),
        penalty_decisions=_sum_cells([t.penalty_decisions for t in tables]),
        enforcement_decisions=_sum_cells([t.enforcement_decisions for t in tables]),
        fees_wan_yuan=None
        if any(f is None for f in fees)
        else str(sum((Decimal(f or "0") for f in fees), Decimal(0))),
    )


def _missing(location: str, message: str) -> Finding:
    return Finding("source.missing", "error", location, message)


# -- the report ---------------------------------------------------------------------------------


def report_compute_full(*, agency: Agency, year: int, consolidated: bool = False) -> Computation:
    """The report of ``agency`` for ``year`` computed from the records, audited.

    ``consolidated``: a 人民政府's 汇总 over itself and every body under it — each table the sum
    of the bodies' tables (a cell missing in one body is missing in the sum), the figures of
    the text likewise, with each body's part and the bodies whose data is missing.
    """
    if consolidated and not selectors.is_government(agency):
        raise ValidationFailed(f"“{agency.name}”不是人民政府，不能汇总所属机关的年度报告")
    bodies = selectors.bodies_under(agency) if consolidated else [agency]
    ctx = FigureContext(bodies, year, agency.name)
    findings: list[Finding] = []
    missing: dict[str, list[str]] = {}

    tables3: list[Table3] = ctx.per_body("table3", selectors.tables3_of)
    tables4 = sources.tables4_of(bodies, year)
    tables2: list[Table2] = []
    gaps2: list[str] = []
    for body, (table2, gaps) in zip(bodies, sources.tables2_of(bodies, year), strict=True):
        tables2.append(table2)
        for gap in gaps:
            missing.setdefault(body.name, []).append(f"表二{gap}未登记")
            gaps2.append(f"{body.name}：{gap}")
    table3 = sum_table3(tables3)
    table4 = sum_table4(tables4)
    table2 = sum_table2(tables2)
    if gaps2:
        findings.append(
            _missing(
                "table2",
                "表二以下数字没有记录可计算（保持空白，不以0代替）：" + "；".join(gaps2),
            )
        )

    texts, text_findings = sections_of(agency, ctx)
    findings.extend(text_findings)

    lines: list[BodyLine] = []
    if consolidated:
        # A body with applications received or concluded in the year (表三 一 or 三（七）) has
        # records; only the others are looked up in the other sources.
        with_applications = {
            body.pk
            for body, t3 in zip(bodies, tables3, strict=True)
            if t3.cell("new", 6) or t3.cell("total", 6)
        }
        recorded = with_applications | selectors.with_records_besides_applications(
            [b.pk for b in bodies if b.pk not in with_applications], year
        )
        for body, t3, t4 in zip(bodies, tables3, tables4, strict=True):
            if body.pk not in recorded:
                reason = f"{year}年没有任何记录（无法区分“为0”与“未录入”）"
                missing.setdefault(body.name, []).append(reason)
                findings.append(
                    Finding(
                        "consolidation.no_records",
                        "warning",
                        "table3",
                        f"“{body.name}”{reason}",
                    )
                )
            lines.append(
                BodyLine(
                    agency=body.name,
                    kind=body.get_kind_display(),
                    new=int(t3.cell("new", 6) or 0),
                    carried_over=int(t3.cell("carried_over", 6) or 0),
                    concluded=int(t3.cell("total", 6) or 0),
                    carried_forward=int(t3.cell("carried_forward", 6) or 0),
                    review_total=t4.review.total,
                    litigation_total=int(t4.litigation_direct.total or 0)
                    + int(t4.litigation_after_review.total or 0),
                    missing=tuple(missing.get(body.name, ())),
                )
            )

    report = Report(
        agency=agency.name,
        year=year,
        format_version=FORMAT_2021,
        scope="consolidated" if consolidated else "own",
        source=DEMO_SOURCE if agency.is_demo else SOURCE,
        table2=table2,
        table3=table3,
        table4=table4,
        sections=texts,
    )
    audited = audit(report)
    report = replace(audited, findings=(*audited.findings, *findings))
    return Computation(
        report=report,
        bodies=tuple(lines),
        missing={k: tuple(v) for k, v in missing.items()},
    )


def report_compute(*, agency: Agency, year: int, consolidated: bool = False) -> Report:
    """The report of ``agency`` for ``year`` from the records (see :func:`report_compute_full`)."""
    return report_compute_full(agency=agency, year=year, consolidated=consolidated).report
