"""``gongkai demo [--reset]``: load the demonstration county (idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandParser

from gongkai.annual.demo import DEMO_PASSWORD, demo_build, demo_exists, demo_reset
from gongkai.core.commands import DomainCommand


class Command(DomainCommand):
    help = "载入演示数据：平罗县人民政府及所属机关、各角色用户和2023—2025年记录（均标记为演示数据）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="先删除全部演示数据（不影响非演示数据），再重新载入",
        )
        parser.add_argument("--seed", type=int, default=2023, help="随机数种子（默认2023）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"] and demo_exists():
            demo_reset()
            self.stdout.write("已删除原有演示数据。")
        started = time.monotonic()
        built = demo_build(seed=options["seed"])
        if built.existed:
            self.stdout.write("演示数据已存在，未作改动（使用 --reset 重新载入）。")
            return
        seconds = time.monotonic() - started
        self.stdout.write(f"已载入演示数据（{seconds:.1f}秒）：{len(built.agencies)}个机关。")
        for key, label in (
            ("applications", "政府信息公开申请"),
            ("fee_cases", "其中收费案件"),
            ("publications", "主动公开信息"),
            ("inquiries", "公众诉求"),
            ("proposals", "建议提案"),
            ("appeals", "复议诉讼案件"),
        ):
            if key in built.counts:
                self.stdout.write(f"  {label}：{built.counts[key]}")
        self.stdout.write("")
        self.stdout.write(f"演示用户（演示专用密码：{DEMO_PASSWORD}，切勿用于正式环境）：")
        for username, agency, role in built.users:
            self.stdout.write(f"  {username:<24}{agency} · {role}")
