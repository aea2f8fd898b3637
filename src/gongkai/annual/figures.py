"""THE registry of figures a report's text may cite: name → how it is counted, in Chinese.

A section template writes ``{posts_total}`` or ``{posts_by_channel.wechat}`` instead of a
number; the name is looked up here, so a printed figure always comes from its records and the
registry documents what each one means. Figures of a consolidated report are the sums over
the bodies. A source that cannot be read raises :class:`SourceMissing` (never 0).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.annual import selectors, sources
from gongkai.annual.selectors import SourceMissing

Value = int | str | Mapping[str, int]


#: Reads one value per body for all the bodies at once (one GROUP BY per source, not per body).
Reader = Callable[[Sequence[Agency], int], Sequence[Any]]


class FigureContext:
    """The bodies and year figures are counted for; each source is read once, for all bodies
    together."""

    def __init__(self, agencies: Sequence[Agency], year: int, title: str) -> None:
        self.agencies = list(agencies)
        self.year = year
        self.title = title
        self._cache: dict[str, list[Any]] = {}

    def per_body(self, key: str, reader: Reader) -> list[Any]:
        """``reader``'s value of each body, in the order of :attr:`agencies`."""
        if key not in self._cache:
            values = list(reader(self.agencies, self.year))
            if len(values) != len(self.agencies):
                raise ValueError(
                    f"reader {key!r} gave {len(values)} values for {len(self.agencies)} bodies"
                )
            self._cache[key] = values
        return self._cache[key]

    def total(self, key: str, reader: Reader, *path: str) -> int:
        out = 0
        for data in self.per_body(key, reader):
            for p in path:
                data = data[p]
            out += int(data)
        return out

    def mapping(self, key: str, reader: Reader, *path: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for data in self.per_body(key, reader):
            for p in path:
                data = data[p]
            for k, v in data.items():
                out[k] = out.get(k, 0) + int(v)
        return out


def _t3(row: str) -> Callable[[FigureContext], Value]:
    """总计 column of one 表三 row, summed over the bodies."""

    def compute(ctx: FigureContext) -> Value:
        tables = ctx.per_body("table3", selectors.tables3_of)
        return sum(int(t.row(row)[6] or 0) for t in tables)

    return compute


def _recorded(ctx: FigureContext) -> Value:
    names: set[str] = set()
    per_body = ctx.per_body("recorded", selectors.recorded_figures_of)
    for figures in per_body:
        names.update(figures)
    missing_any = {n for n in names if any(n not in f for f in per_body)}
    # A recorded figure must exist for every body summed, or the sum would hide a gap.
    return {n: sum(f[n] for f in per_body) for n in sorted(names - missing_any)}


@dataclass(frozen=True)
class FigureSource:
    """One named figure: what it means, how it is counted, and the words that introduce it in a
    text (used to find a hand-typed number that contradicts it)."""

    name: str
    description: str
    compute: Callable[[FigureContext], Value]
    keywords: tuple[str, ...] = ()
    keys: Mapping[str, str] = field(default_factory=dict)


def _posts(ctx: FigureContext) -> Any:
    return ctx.per_body("posts", sources.posts_of)


_INQUIRY_RESULTS = {
    "answered": "回复",
    "returned": "退回",
    "withdrawn": "撤回",
    "transferred": "转办",
    "open": "未办结",
}
_CHANNELS = {
    "website": "政府网站",
    "wechat": "微信公众号",
    "weibo": "微博",
    "video": "视频号",
    "notice_board": "政务公开栏",
    "other": "其他",
}

FIGURE_SOURCES: dict[str, FigureSource] = {
    s.name: s
    for s in (
        FigureSource("year", "报告年度", lambda ctx: ctx.year),
        FigureSource("agency", "报告机关名称", lambda ctx: ctx.title),
        FigureSource(
            "applications_new",
            "本年新收政府信息公开申请数量（表三“一”总计）",
            _t3("new"),
            ("政府信息公开申请", "依申请公开申请"),
        ),
        FigureSource(
            "applications_carried_over",
            "上年结转政府信息公开申请数量（表三“二”总计）",
            _t3("carried_over"),
        ),
        FigureSource(
            "applications_concluded", "本年度办结的申请数量（表三“三（七）总计”）", _t3("total")
        ),
        FigureSource(
            "applications_granted", "予以公开的申请数量（表三“三（一）”总计）", _t3("granted")
        ),
        FigureSource(
            "applications_partial", "部分公开的申请数量（表三“三（二）”总计）", _t3("partial")
        ),
        FigureSource(
            "applications_carried_forward",
            "结转下年度继续办理的申请数量（表三“四”总计）",
            _t3("carried_forward"),
        ),
        FigureSource(
            "posts_total",
            "本年主动公开发布的信息条数（每条计一次）",
            lambda ctx: sum(int(p["total"]) for p in _posts(ctx)),
            ("发布信息", "发布各类信息", "公开信息"),
        ),
        FigureSource(
            "posts_by_channel",
            "本年各渠道发布的信息条数（一条在两个渠道发布的，两个渠道各计一次）",
            lambda ctx: ctx.mapping("posts", sources.posts_of, "by_channel"),
            keys=_CHANNELS,
        ),
        FigureSource(
            "posts_by_item",
            "本年主动公开发布的信息按条例第二十条分类（01…15，如 07 财政预算、决算信息）",
            lambda ctx: ctx.mapping("posts_by_item", sources.posts_by_item_of),
        ),
        FigureSource(
            "inquiries_total",
            "本年受理的公众诉求总数（投诉、咨询、建议、留言）",
            lambda ctx: ctx.total("inquiries", selectors.inquiries_of, "total"),
            ("诉求",),
        ),
        FigureSource(
            "inquiries_by_result",
            "本年受理的公众诉求按办理结果",
            lambda ctx: ctx.mapping("inquiries", selectors.inquiries_of, "by_result"),
            keys=_INQUIRY_RESULTS,
        ),
        FigureSource(
            "complaints_total",
            "本年受理的投诉数量（公众诉求中类型为投诉的）",
            lambda ctx: ctx.total("complaints", selectors.complaints_of, "total"),
            ("投诉",),
        ),
        FigureSource(
            "complaints_by_result",
            "本年受理的投诉按办理结果（回复、退回、撤回、转办、未办结）",
            lambda ctx: ctx.mapping("complaints", selectors.complaints_of, "by_result"),
            keys=_INQUIRY_RESULTS,
        ),
        FigureSource(
            "proposals_total",
            "本年交办的人大代表建议和政协提案数量",
            lambda ctx: ctx.total("proposals", selectors.proposals_of, "total"),
            ("提案", "代表建议"),
        ),
        FigureSource(
            "proposals_handled",
            "本年交办且已办结的建议提案数量",
            lambda ctx: ctx.total("proposals", selectors.proposals_of, "handled"),
        ),
        FigureSource(
            "proposals_reply_published",
            "本年交办且答复已公开的建议提案数量",
            lambda ctx: ctx.total("proposals", selectors.proposals_of, "reply_published"),
        ),
        FigureSource(
            "proposals_by_kind",
            "本年交办的建议提案按类型（deputy_suggestion 人大代表建议，cppcc_proposal 政协提案）",
            lambda ctx: ctx.mapping("proposals", selectors.proposals_of, "by_kind"),
            keys={"deputy_suggestion": "人大代表建议", "cppcc_proposal": "政协提案"},
        ),
        FigureSource(
            "recorded",
            "登记数字（年度报告 › 登记数字，每项注明来源），按名称引用：{recorded.名称}",
            _recorded,
        ),
    )
}


def resolve(ctx: FigureContext, name: str, key: str | None) -> int | str:
    """The value of ``{name}`` or ``{name.key}``; KeyError for an unknown name or key, and
    :class:`SourceMissing` when its records cannot be read."""
    source = FIGURE_SOURCES[name]
    value = source.compute(ctx)
    if isinstance(value, Mapping):
        if key is None:
            raise KeyError(name)
        if key not in value:
            if name == "recorded":
                raise SourceMissing(f"登记数字“{key}”", f"{ctx.year}年未登记该数字")
            raise KeyError(f"{name}.{key}")
        return int(value[key])
    if key is not None:
        raise KeyError(f"{name}.{key}")
    return value


__all__ = ["FIGURE_SOURCES", "FigureContext", "FigureSource", "SourceMissing", "resolve"]
