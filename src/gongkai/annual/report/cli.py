"""The auditor behind ``gongkai report check`` and ``gongkai report diff``, without Django.

:func:`run_check` and :func:`run_diff` return ``(exit_code, output)``; the management command
only writes the output. Exit codes follow ``docs/report-json.md``: 0 no error finding, 1 at
least one error finding, 2 an input could not be read (the batch goes on with the others).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from gongkai.annual.report import rows as rt
from gongkai.annual.report.checks import RULES, audit_with
from gongkai.annual.report.diff import diff, format_diff
from gongkai.annual.report.model import AnnualReport
from gongkai.annual.report.parsers import ReportUnreadable, read_report

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
# Directories are walked for published reports; a JSON document is checked only when named.
_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".shtml", ".docx", ".pdf"})


@dataclass(frozen=True)
class Outcome:
    """One input: the audited report, or why it could not be read."""

    path: str
    report: AnnualReport | None = None
    error: str | None = None
    not_assessed: tuple[str, ...] = ()


def expand(paths: Iterable[str | Path]) -> list[str]:
    """Files in argument order; a directory contributes its report files, sorted."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                str(f)
                for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in _SUFFIXES and not f.name.startswith(".")
            )
            out.extend(found)
        else:
            out.append(str(path))
    return out


def check_one(
    path: str,
    previous: AnnualReport | None = None,
    agency: str | None = None,
    year: int | None = None,
) -> Outcome:
    """Read and audit one file; never raises for a bad input."""
    try:
        report = read_report(path, agency=agency, year=year)
    except ReportUnreadable as exc:
        return Outcome(path, error=exc.reason)
    except (OSError, MemoryError, RecursionError) as exc:
        return Outcome(path, error=f"无法读取：{type(exc).__name__}")
    except Exception as exc:  # a malformed input must not stop the batch or print a traceback
        return Outcome(path, error=f"读取时出错（{type(exc).__name__}），未能解析")
    audited, result = audit_with(report, previous)
    return Outcome(path, report=audited, not_assessed=tuple(sorted(result.not_assessed)))


def _check_star(args: tuple[str, AnnualReport | None, str | None, int | None]) -> Outcome:
    return check_one(*args)


def summary_text(outcome: Outcome) -> str:
    if outcome.report is None:
        return f"【无法读取】{outcome.path}：{outcome.error}\n"
    r = outcome.report
    counts = {s: sum(1 for f in r.findings if f.severity == s) for s in _SEVERITY_ZH}
    scope = {"own": "本机关", "consolidated": "汇总"}.get(r.scope or "", "未知")
    fmt = "2021年版" if r.format_version == rt.FORMAT_2021 else "2019年试行版"
    t3 = {k: _n(r.table3.cell(k, 6)) for k in ("new", "carried_over", "total", "carried_forward")}
    lit = _add(r.table4.litigation_direct.total, r.table4.litigation_after_review.total)
    lines = [
        f"== {outcome.path}",
        f"机关：{r.agency or '（未识别）'}　年度：{r.year or '（未识别）'}　"
        f"格式：{fmt}　范围：{scope}",
        f"表三：新收 {t3['new']} 件，上年结转 {t3['carried_over']} 件，办结 {t3['total']} 件，"
        f"结转下年 {t3['carried_forward']} 件；"
        f"表四：行政复议 {_n(r.table4.review.total)} 件，行政诉讼 {_n(lit)} 件",
        f"结果：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}",
    ]
    for f in r.findings:
        lines.append(f"  [{_SEVERITY_ZH[f.severity]}] {f.rule} @ {f.location}：{f.message}")
    partial = [rule for rule in outcome.not_assessed if rule in RULES]
    if partial:
        lines.append("  未能完全核验（所需单元格为空或缺少上年报告）：" + "、".join(partial))
    return "\n".join(lines) + "\n"


def _n(v: int | None) -> str:
    return "—" if v is None else str(v)


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    if outcome.report is None:
        return {"source": outcome.path, "error": outcome.error}
    return outcome.report.to_json()


def exit_code(outcomes: Sequence[Outcome]) -> int:
    if any(o.report is None for o in outcomes):
        return EXIT_UNREADABLE
    if any(o.report.errors for o in outcomes if o.report is not None):
        return EXIT_FINDINGS
    return EXIT_OK


def _iter_outcomes(
    files: Sequence[str],
    previous: AnnualReport | None,
    agency: str | None,
    year: int | None,
    jobs: int,
) -> Iterator[Outcome]:
    args = [(f, previous, agency, year) for f in files]
    if jobs <= 1 or len(files) <= 1:
        yield from (_check_star(a) for a in args)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_check_star, args, chunksize=max(1, len(args) // (jobs * 8)))


def run_check(
    paths: Sequence[str | Path],
    *,
    previous: str | Path | None = None,
    fmt: str = "text",
    jobs: int = 1,
    agency: str | None = None,
    year: int | None = None,
    progress: IO[str] | None = None,
) -> tuple[int, str]:
    """Audit every input; returns (exit code, output text). ``progress`` gets a bar if a TTY."""
    files = expand(paths)
    if not files:
        return EXIT_UNREADABLE, "没有找到要检查的文件\n"
    prev_report: AnnualReport | None = None
    notes: list[str] = []
    failed_previous = False
    if previous is not None:
        prev = check_one(str(previous))
        if prev.report is None:
            notes.append(f"【无法读取上年报告】{previous}：{prev.error}\n")
            failed_previous = True
        else:
            prev_report = prev.report
    show = progress is not None and progress.isatty()
    outcomes: list[Outcome] = []
    for i, outcome in enumerate(_iter_outcomes(files, prev_report, agency, year, max(1, jobs))):
        outcomes.append(outcome)
        if show and progress is not None:
            _bar(progress, i + 1, len(files))
    if show and progress is not None:
        progress.write("\n")
    code = exit_code(outcomes)
    if failed_previous:
        code = EXIT_UNREADABLE
    if fmt == "json":
        docs = [outcome_json(o) for o in outcomes]
        body = json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=1)
        return code, body + "\n"
    text = "".join(notes) + "\n".join(summary_text(o) for o in outcomes)
    if len(outcomes) > 1:
        bad = sum(1 for o in outcomes if o.report is None)
        with_errors = sum(1 for o in outcomes if o.report is not None and o.report.errors)
        text += (
            f"\n共检查 {len(outcomes)} 份：{with_errors} 份有错误，{bad} 份无法读取，"
            f"{len(outcomes) - bad - with_errors} 份未发现错误\n"
        )
    return code, text


def _bar(stream: IO[str], done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    stream.flush()


def run_diff(a: str | Path, b: str | Path, *, fmt: str = "text") -> tuple[int, str]:
    left, right = check_one(str(a)), check_one(str(b))
    for o in (left, right):
        if o.report is None:
            return EXIT_UNREADABLE, f"【无法读取】{o.path}：{o.error}\n"
    if left.report is None or right.report is None:
        return EXIT_UNREADABLE, ""
    changes = diff(left.report, right.report)
    if fmt == "json":
        doc = {"a": str(a), "b": str(b), "changes": [c.to_json() for c in changes]}
        return EXIT_OK, json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    return EXIT_OK, format_diff(left.report, right.report, changes)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """``report check …`` / ``report diff …`` as a plain function (used by the command)."""
    parser = build_parser()
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        ns = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_UNREADABLE
    return dispatch(vars(ns), out, err)


def dispatch(options: dict[str, Any], out: IO[str], err: IO[str]) -> int:
    action = options.get("action")
    if action == "diff":
        code, text = run_diff(options["a"], options["b"], fmt=options.get("format") or "text")
    elif action == "check":
        code, text = run_check(
            options["paths"],
            previous=options.get("previous"),
            fmt=options.get("format") or "text",
            jobs=int(options.get("jobs") or 1),
            agency=options.get("agency"),
            year=options.get("year"),
            progress=err,
        )
    else:
        err.write("用法：report check PATH... | report diff A B\n")
        return EXIT_UNREADABLE
    out.write(text)
    out.flush()
    return code


def add_arguments(parser: Any) -> None:
    """Sub-commands ``check`` and ``diff`` on an argparse parser (also the Django command's)."""
    sub = parser.add_subparsers(dest="action")
    check = sub.add_parser("check", help="检查已发布的年度报告（txt/md/HTML/docx/PDF/JSON）")
    check.add_argument("paths", nargs="+", help="文件或目录（目录按文件名排序逐一检查）")
    check.add_argument("--previous", help="上一年度报告，用于核对结转与现行有效件数")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--jobs", type=int, default=1, help="并行进程数")
    check.add_argument("--agency", help="指定机关名称（覆盖从标题识别的结果）")
    check.add_argument("--year", type=int, help="指定报告年度（覆盖从标题识别的结果）")
    d = sub.add_parser("diff", help="比较两份报告的表格数字与检查结果")
    d.add_argument("a")
    d.add_argument("b")
    d.add_argument("--format", choices=("text", "json"), default="text")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="report", description="政府信息公开工作年度报告审核")
    add_arguments(parser)
    return parser
