"""Synthetic, internally consistent reports for property tests and the benchmark."""

from __future__ import annotations

import random

from gongkai.annual.report import rows as rt
from gongkai.annual.report.model import AnnualReport, Group4, Table2, Table3, Table4, Triple

AGENCIES: tuple[str, ...] = (
    "平罗县教育体育局",
    "沭阳县发展和改革局",
    "某市生态环境局",
    "某县人民政府办公室",
    "某区自然资源局",
    "某市卫生健康委员会",
)
SECTION_TEXT: dict[str, str] = {
    "1": "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开各项工作。",
    "2": "",
    "3": "",
    "4": "",
    "5": "存在的主要问题是公开内容不够全面。改进措施是加强培训、拓展公开渠道。",
    "6": "本年度未收取信息处理费。",
}


def consistent_table3(rng: random.Random, *, single_other: bool = False, high: int = 30) -> Table3:
    """Random cells that satisfy every equation of 表三."""
    results = [
        k for k in rt.TABLE3_RESULT_KEYS if not (single_other and k in ("other_1", "other_2"))
    ]
    rows: dict[str, list[int]] = {}
    for key in results:
        rows[key] = [rng.randint(0, high) if rng.random() < 0.5 else 0 for _ in range(6)]
    total = [sum(rows[k][c] for k in results) for c in range(6)]
    forward = [rng.randint(0, 5) for _ in range(6)]
    carried = [rng.randint(0, min(5, total[c] + forward[c])) for c in range(6)]
    new = [total[c] + forward[c] - carried[c] for c in range(6)]
    rows["total"] = list(total)
    rows["carried_forward"] = forward
    rows["carried_over"] = list(carried)
    rows["new"] = new
    out: dict[str, tuple[int | None, ...]] = {}
    for key in rt.TABLE3_KEYS:
        if key in rows:
            vals = rows[key]
            out[key] = (*vals, sum(vals))
        else:
            out[key] = (None,) * 7
    return Table3.from_mapping(out)


def consistent_table4(rng: random.Random) -> Table4:
    groups = []
    for _ in range(3):
        a, b, c, d = (rng.randint(0, 9) for _ in range(4))
        groups.append(Group4(upheld=a, corrected=b, other=c, pending=d, total=a + b + c + d))
    return Table4(*groups)


def random_table2(rng: random.Random) -> Table2:
    def triple() -> Triple:
        return Triple(rng.randint(0, 20), rng.randint(0, 10), rng.randint(0, 200))

    fee = rng.choice(["0", "12.5", "316441", "0.35", str(rng.randint(0, 999))])
    return Table2(
        regulations=triple(),
        normative_documents=triple(),
        licensing_decisions=rng.randint(0, 5000),
        penalty_decisions=rng.randint(0, 500),
        enforcement_decisions=rng.randint(0, 50),
        fees_wan_yuan=fee,
    )


def sample_report(seed: int, *, single_other: bool = False) -> AnnualReport:
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    return AnnualReport(
        agency=rng.choice(AGENCIES),
        year=rng.randint(2021, 2030),
        format_version=rt.FORMAT_2021,
        table2=random_table2(rng),
        table3=consistent_table3(rng, single_other=single_other),
        table4=consistent_table4(rng),
        sections=dict(SECTION_TEXT),
    )
