"""Latency of the Chinese full-text search (``gongkai.publishing.search``) over N publications.

    .venv/bin/python benchmarks/search.py              # 1,000,000 publications, a few minutes
    .venv/bin/python benchmarks/search.py --quick      # 20,000 publications, CI smoke
    .venv/bin/python benchmarks/search.py --count 200000 --backends sqlite
    .venv/bin/python benchmarks/search.py --backends postgres --keep NAME --explain  # reuse a load

For each database — SQLite in a temporary file, and PostgreSQL when one answers on
127.0.0.1:5432 (a temporary database is created and dropped; set ``BENCH_PG_URL`` to use other
credentials) — it migrates an empty schema, bulk-loads N generated publications and their
postings (``executemany`` on SQLite, ``COPY`` on PostgreSQL, the posting index built after the
load), then times in one run:

1. baseline: a plain indexed lookup (one publication by its 索引号);
2. ``search()`` for query classes: a rare 2-character word, a common 2-character word, a
   single character, a 4-character phrase, and a 2-character word with body+year filters.

Each class is run ``--repeat`` times over different words; p50 and p95 are printed in ms.
Target: p95 < 100 ms. Each backend runs in its own process (Django configures one database).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from _bench import bench_database, pg_reachable

BATCH = 20_000

#: Words of a county's publications; the first ones are frequent (Zipf-like weights).
_WORDS_TEXT = (
    "通知 公告 关于 工作 方案 教育 学校 学生 招生 计划 实施 意见 办法 规定 公示 结果 名单 "
    "政策 管理 服务 项目 资金 预算 决算 采购 中标 合同 安全 检查 督导 评估 报告 统计 数据 "
    "年度 情况 说明 解读 会议 培训 教师 招聘 考试 成绩 录取 学区 划分 入学 资助 补助 营养 "
    "午餐 校车 食堂 食品 卫生 防疫 应急 预案 演练 消防 交通 环境 保护 建设 工程 改造 维修 "
    "设备 图书 信息 化 课程 改革 双减 课后 延时 托管 作业 负担 校外 培训 机构 民办 审批 "
    "备案 许可 处罚 收费 标准 价格 公开 目录 指南 申请 答复 复议 诉讼 投诉 举报 建议 提案 "
    "人大 政协 代表 委员 办理 义务 学前 高中 职业 特殊 留守 儿童 困难 家庭 残疾 少数 民族 "
    "乡村 振兴 扶贫 帮扶 结对 援建 疫情 防控 核酸 疫苗 体育 美育 劳动 德育 心理 健康 近视 "
    "视力 体质 监测 竞赛 获奖 表彰 先进 集体 个人 师德 师风 职称 评审 岗位 聘任 交流 轮岗"
)
WORDS = _WORDS_TEXT.split()
#: Query classes → words drawn from (rare words are the tail of WORDS).
RARE = WORDS[-40:]
COMMON = WORDS[:12]
PHRASES = ("义务教育", "课后服务", "食品安全", "招生计划", "校外培训", "学区划分", "资助政策")
CHARS = "校育策招减区"


def generate(count: int, seed: int = 7) -> Iterator[tuple[int, str, str, date]]:
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]
    start = date(2019, 1, 1)
    for pk in range(1, count + 1):
        title = "".join(rng.choices(WORDS, weights, k=5))
        body = "".join(rng.choices(WORDS, weights, k=10))
        if pk % 50 == 0:
            body += rng.choice(PHRASES)
        yield pk, title, body, start + timedelta(days=pk % 2500)


def _timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _pct(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return {"p50": round(statistics.median(ordered), 2), "p95": round(p95, 2)}


def child(
    backend: str, count: int, repeat: int, explain: bool, keep: str | None = None
) -> dict[str, Any]:
    """Load and measure in this process (one backend)."""
    with bench_database("search", postgres=backend == "postgres", keep=keep):
        return _measure(backend, count, repeat, explain)


def _load(backend: str, count: int, agency_id: int, other_id: int) -> tuple[float, float, int]:
    """Bulk-load ``count`` generated publications and their postings; (load s, index s, rows)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.publishing.models import Publication, SearchTerm
    from gongkai.publishing.search import terms

    pub_table = Publication._meta.db_table
    term_table = SearchTerm._meta.db_table
    pub_cols = (
        "id, agency_id, index_number, title, document_number, formed_on, article20_item, "
        "content, content_format, disclosure_mode, withheld_reason, status, review_round, "
        "review_step, secrecy_reviewed, secrecy_reviewer, published_on, url, source, is_demo, "
        "version, created_at, updated_at"
    )
    term_cols = "term, publication_id, title_hits, body_hits"
    constraints = list(SearchTerm._meta.constraints)
    indexes = list(SearchTerm._meta.indexes)
    now = timezone.now()

    t0 = time.perf_counter()
    with connection.schema_editor() as editor:  # build the posting index after the load
        for constraint in constraints:
            editor.remove_constraint(SearchTerm, constraint)
        for index in indexes:
            editor.remove_index(SearchTerm, index)
    pubs: list[tuple[Any, ...]] = []
    posts: list[tuple[Any, ...]] = []
    rows = 0

    def flush() -> None:
        nonlocal pubs, posts
        with transaction.atomic(), connection.cursor() as cursor:
            if backend == "postgres":
                raw = cursor.cursor
                with raw.copy(f"COPY {pub_table} ({pub_cols}) FROM STDIN") as copy:
                    for row in pubs:
                        copy.write_row(row)
                with raw.copy(f"COPY {term_table} ({term_cols}) FROM STDIN") as copy:
                    for row in posts:
                        copy.write_row(row)
            else:
                # Table and column names come from the models, values are parameters.
                marks = ", ".join(["%s"] * 23)
                insert_pubs = f"INSERT INTO {pub_table} ({pub_cols}) VALUES ({marks})"  # noqa: S608
                insert_terms = f"INSERT INTO {term_table} ({term_cols}) VALUES (%s, %s, %s, %s)"  # noqa: S608
                cursor.executemany(insert_pubs, pubs)
                cursor.executemany(insert_terms, posts)
        pubs, posts = [], []

    for pk, title, body, day in generate(count):
        owner = agency_id if pk % 10 else other_id
        pubs.append(
            (
                pk,
                owner,
                f"B/{day.year}-{pk:07d}",
                title,
                "",
                day,
                "11" if pk % 3 else "07",
                body,
                "text",
                "proactive",
                "",
                "published",
                0,
                0,
                True,
                "基准",
                day,
                "",
                "imported",
                True,
                1,
                now,
                now,
            )
        )
        t_terms, b_terms = terms(title), terms(body)
        for term in t_terms.keys() | b_terms.keys():
            posts.append((term, pk, t_terms[term], b_terms[term]))
        if len(pubs) >= BATCH:
            rows += len(posts)
            flush()
    rows += len(posts)
    flush()
    loaded = time.perf_counter() - t0
    t1 = time.perf_counter()
    with connection.schema_editor() as editor:
        for constraint in constraints:
            editor.add_constraint(SearchTerm, constraint)
    # On SQLite adding the constraint rebuilds the table with the model's indexes.
    with connection.cursor() as cursor:
        present = connection.introspection.get_constraints(cursor, term_table)
    with connection.schema_editor() as editor:
        for index in indexes:
            if index.name not in present:
                editor.add_index(SearchTerm, index)
    with connection.cursor() as cursor:
        if backend == "postgres":
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{pub_table}', 'id'), {count})")
            # What autovacuum does after a bulk load: statistics and the visibility map (so the
            # driver's backward scan of the posting index is index-only).
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
    indexed = time.perf_counter() - t1
    return loaded, indexed, rows


def _measure(backend: str, count: int, repeat: int, explain: bool) -> dict[str, Any]:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.publishing.models import Publication, SearchTerm
    from gongkai.publishing.search import ranking_sql, search

    agency, _ = Agency.objects.get_or_create(
        name="基准测试县教育局", defaults={"kind": "department", "level": "county"}
    )
    other, _ = Agency.objects.get_or_create(
        name="基准测试县自然资源局", defaults={"kind": "department", "level": "county"}
    )
    present = Publication.objects.count()
    if present not in (0, count):
        raise SystemExit(f"the kept database holds {present:,} publications, not {count:,}")
    if present:  # a kept database, already loaded
        loaded = indexed = 0.0
        # The planner's estimate: counting would read the whole posting table through the
        # caches before the timings (and slow the filtered class by a fifth).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE relname = %s",
                [SearchTerm._meta.db_table],
            )
            rows = cursor.fetchone()[0]
    else:
        loaded, indexed, rows = _load(backend, count, agency.pk, other.pk)

    rng = random.Random(11)
    index_numbers = [
        f"B/{(date(2019, 1, 1) + timedelta(days=pk % 2500)).year}-{pk:07d}"
        for pk in rng.sample(range(1, count + 1), min(count, 200))
    ]

    def cycle(values: list[Any] | tuple[Any, ...]) -> Callable[[], Any]:
        it = iter(values * (repeat // len(values) + 1))
        return lambda: next(it)

    next_number = cycle(index_numbers)
    results: dict[str, Any] = {}
    results["baseline: lookup by 索引号"] = _pct(
        _timed(
            lambda: Publication.objects.filter(
                agency_id=agency.pk, index_number=next_number()
            ).first(),
            repeat,
        )
    )
    classes: dict[str, tuple[Callable[[], Any], dict[str, Any]]] = {
        "rare 2-character word": (cycle(RARE), {}),
        "common 2-character word": (cycle(list(COMMON)), {}),
        "single character": (cycle(list(CHARS)), {}),
        "4-character phrase": (cycle(list(PHRASES)), {}),
        "2-character word + body + year": (cycle(RARE), {"agency_id": agency.pk, "year": 2023}),
    }
    hits: dict[str, int] = {}
    for label, (pick, filters) in classes.items():
        word = pick()
        hits[label] = len(search(word, limit=20, **filters))  # warm-up

        def run(pick: Callable[[], Any] = pick, filters: dict[str, Any] = filters) -> Any:
            return search(pick(), limit=20, **filters)

        results[label] = _pct(_timed(run, repeat))
    plans = {}
    if explain:
        examples = {
            "single character": (CHARS[0], {}),
            "rare word": (RARE[0], {}),
            "phrase": (PHRASES[0], {}),
            "rare word + body + year": (RARE[0], {"agency_id": agency.pk, "year": 2023}),
        }
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if backend == "postgres" else "EXPLAIN QUERY PLAN "
        for label, (word, filters) in examples.items():
            planned = ranking_sql(word, **filters)
            if planned is None:
                continue
            sql, params = planned
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql, params)
                plans[label] = "\n".join(" ".join(map(str, row)) for row in cursor.fetchall())
    return {
        "plans": plans,
        "backend": backend,
        "count": count,
        "postings": rows,
        "load_s": round(loaded, 1),
        "index_s": round(indexed, 1),
        "results": results,
        "hits_first_query": hits,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="20,000 publications (CI smoke)")
    parser.add_argument("--repeat", type=int, default=200, help="queries per class")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument(
        "--keep",
        metavar="DBNAME",
        help="PostgreSQL: use this database and keep it (loaded on the first run only)",
    )
    parser.add_argument("--child", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    count = 20_000 if args.quick else args.count
    if args.child:
        report = child(args.child, count, args.repeat, args.explain, args.keep)
        sys.stdout.write(json.dumps(report) + "\n")
        return
    for backend in args.backends.split(","):
        if backend == "postgres" and not pg_reachable():
            sys.stdout.write("postgres: not reachable on 127.0.0.1:5432, skipped\n")
            continue
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                backend,
                "--count",
                str(count),
                "--repeat",
                str(args.repeat),
                *(["--explain"] if args.explain else []),
                *(["--keep", args.keep] if args.keep and backend == "postgres" else []),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            sys.stdout.write(f"{backend}: failed\n{done.stderr[-3000:]}\n")
            continue
        report = json.loads(done.stdout.strip().splitlines()[-1])
        sys.stdout.write(
            f"\n{backend}: {report['count']:,} publications, {report['postings']:,} postings; "
            f"load {report['load_s']} s, index build {report['index_s']} s\n"
        )
        for label, figures in report["results"].items():
            verdict = (
                ""
                if label.startswith("baseline")
                else ("  ok" if figures["p95"] < 100 else "  over the 100 ms target")
            )
            p50, p95 = figures["p50"], figures["p95"]
            sys.stdout.write(f"  {label:34s} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms{verdict}\n")
        for label, plan in report["plans"].items():
            sys.stdout.write(f"  plan ({label}):\n    " + plan.replace("\n", "\n    ") + "\n")


if __name__ == "__main__":
    main()
