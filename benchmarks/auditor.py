"""Throughput of the report auditor (`gongkai report check` core) per CPU core.

Generates a corpus of consistent reports as text, HTML, docx and PDF in a temporary directory,
then times, in one process, (a) the baseline: reading and decoding the same files (and
`pdftotext` on the PDFs when it is on PATH), and (b) the full check: parse + all rules.

    .venv/bin/python benchmarks/auditor.py            # about a minute
    .venv/bin/python benchmarks/auditor.py --quick    # CI smoke, a few seconds

Targets: text/HTML >= 500 reports/s/core; PDF within 3x of pdftotext.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from gongkai.annual.report import rows as rt
from gongkai.annual.report.cli import check_one
from gongkai.annual.report.model import AnnualReport
from gongkai.annual.report.render import render_docx, render_html, render_text
from gongkai.annual.report.render.layout import table2_grid, table4_grid, title
from gongkai.annual.report.samples import sample_report

FONT = "STSong-Light"


def render_pdf(report: AnnualReport) -> bytes:
    buf = io.BytesIO()
    style = ParagraphStyle("zh", fontName=FONT, fontSize=9, leading=12)
    ts = TableStyle(
        [("FONT", (0, 0), (-1, -1), FONT, 6), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    )

    def flat(grid: list) -> list[list[str]]:
        width = max(c.col + c.colspan for row in grid for c in row)
        out = []
        for row in grid:
            slots = [""] * width
            for c in row:
                slots[c.col] = c.text
            out.append(slots)
        return out

    t3 = [
        [rt.TABLE3_BY_KEY[k].label, *("/" if v is None else str(v) for v in report.table3.row(k))]
        for k in rt.TABLE3_KEYS
    ]
    story = [Paragraph(title(report), style)]
    for key, heading in rt.SECTION_HEADINGS.items():
        story.append(Paragraph(heading, style))
        if report.sections.get(key):
            story.append(Paragraph(report.sections[key], style))
        if key == "2":
            story.append(Table(flat(table2_grid(report)), style=ts))
        if key == "3":
            story.append(Table(t3, style=ts))
        if key == "4":
            story.append(Table(flat(table4_grid(report)), style=ts))
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


RENDER = {
    "txt": lambda r: render_text(r).encode("utf-8"),
    "html": lambda r: render_html(r).encode("utf-8"),
    "docx": render_docx,
    "pdf": render_pdf,
}


def baseline_read(path: Path) -> int:
    """Read and decode a file the cheapest sensible way: what any tool must do at least."""
    data = path.read_bytes()
    if path.suffix == ".docx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return len(z.read("word/document.xml").decode("utf-8"))
    if path.suffix == ".pdf":
        return len(data)
    return len(data.decode("utf-8"))


def timed(fn, files: list[Path]) -> tuple[float, list]:
    start = time.perf_counter()
    results = [fn(f) for f in files]
    return time.perf_counter() - start, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus for CI smoke runs")
    ns = parser.parse_args(argv)
    counts = (
        {"txt": 40, "html": 40, "docx": 10, "pdf": 3}
        if ns.quick
        else {
            "txt": 400,
            "html": 400,
            "docx": 40,
            "pdf": 20,
        }
    )
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdftotext = shutil.which("pdftotext")
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    try:
        corpus: dict[str, list[Path]] = {}
        for kind, n in counts.items():
            corpus[kind] = []
            for i in range(n):
                path = tmp / f"{kind}-{i:04d}.{kind}"
                path.write_bytes(RENDER[kind](sample_report(i)))
                corpus[kind].append(path)
        print(f"corpus: {tmp} ({', '.join(f'{n} {k}' for k, n in counts.items())})")
        print(
            f"{'kind':6} {'check reports/s':>16} {'baseline reports/s':>19} {'ratio':>7}  baseline"
        )
        ok = True
        for kind, files in corpus.items():
            check_one(str(files[0]))  # warm up imports
            t_check, outcomes = timed(lambda f: check_one(str(f)), files)
            if kind == "pdf" and pdftotext:
                label = "pdftotext"
                t_base, _ = timed(
                    lambda f: subprocess.run(
                        [pdftotext, "-layout", str(f), "-"], capture_output=True, check=False
                    ),
                    files,
                )
            else:
                label = "read+decode"
                t_base, _ = timed(baseline_read, files)
            rate, base = len(files) / t_check, len(files) / t_base
            print(f"{kind:6} {rate:16.1f} {base:19.1f} {t_check / t_base:7.1f}x  {label}")
            ok = ok and all(o.report is not None and not o.report.errors for o in outcomes)
            if kind in ("txt", "html") and rate < 500:
                print(f"  below target: {kind} {rate:.0f} reports/s < 500")
            if kind == "pdf" and pdftotext and t_check / t_base > 3:
                print(f"  below target: PDF {t_check / t_base:.1f}x pdftotext > 3x")
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
