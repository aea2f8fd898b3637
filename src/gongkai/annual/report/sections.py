"""The report's text: title (agency, year), the six parts, own or consolidated scope."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from gongkai.annual.report import rows as rt

_TITLE_RE = re.compile(
    r"(?P<pre>[\u4e00-\u9fff（）()·]*?)\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?\s*"
    r"(?P<post>[\u4e00-\u9fff（）()·]*?)\s*(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?"
    r"(?:工作)?(?:年度)?报告"
)
_PERIOD_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_AGENCY_JUNK = re.compile(r"^(?:关于|标题|正文|印发|公布|发布)+|(?:关于)$")
_HEADING_RES = {
    k: re.compile(r"(?:^|\n)\s*[一二三四五六七八九十]、\s*" + p)
    for k, p in rt.SECTION_PATTERNS.items()
}
_HEADING_ANY_RES = {
    k: re.compile(r"[一二三四五六七八九十]、\s*" + p) for k, p in rt.SECTION_PATTERNS.items()
}
_FALLBACK_RES = {
    "1": re.compile(r"总体情况"),
    "5": re.compile(rt.SECTION_FALLBACK_PATTERNS["5"]),
    "6": re.compile(rt.SECTION_PATTERNS["6"]),
}
_OWN_SUFFIX = re.compile(
    r"(?:局|委|办|厅|署|中心|院|所|会|站|队|处|部|室|公司|馆|台|校|学校|医院|社|行|团|监狱|办事处|街道|乡|镇)$"
    r"|(?:乡|镇|街道)(?:人民政府|政府)$"
)
_GOV_SUFFIX = re.compile(
    r"(?:人民政府|政府|省|市|县|区|旗|自治州|州|盟|自治县|实验区|新区|示范区)$"
)
_CONSOLIDATED_TEXT = re.compile(r"全(?:省|市|县|区|旗|州)各级行政机关|汇总")


def title_of(title: str | None, lines: Sequence[str]) -> tuple[str | None, int | None]:
    """Agency and year from the report title (the first line that reads like one)."""
    candidates: list[str] = []
    if title:
        candidates.append(title)
    head = [ln.strip() for ln in lines[:60]]
    for i, ln in enumerate(head):
        candidates.append(ln[:200])
        if i + 1 < len(head):
            candidates.append((ln + head[i + 1])[:200])
    for cand in candidates:
        m = _TITLE_RE.search(cand)
        if m is None:
            continue
        pre = _AGENCY_JUNK.sub("", m.group("pre"))
        post = _AGENCY_JUNK.sub("", m.group("post"))
        agency = pre or post
        if agency:
            return agency, int(m.group("year"))
    for ln in lines[:200]:
        m2 = _PERIOD_RE.search(ln)
        if m2:
            return None, int(m2.group(1))
    return None, None


def find_sections(body: str) -> tuple[Mapping[str, str], set[str]]:
    """The text of each of the six parts (by heading position) and which parts are present."""
    found: dict[str, tuple[int, int]] = {}
    for k in rt.SECTION_PATTERNS:
        m = _HEADING_RES[k].search(body) or _HEADING_ANY_RES[k].search(body)
        if m is not None:
            found[k] = (m.start(), m.end())
    after4 = found.get("4", found.get("3", (0, 0)))[1]
    for k, rx in _FALLBACK_RES.items():
        if k in found:
            continue
        start = after4 if k in ("5", "6") else 0
        m = rx.search(body, start)
        if m is not None:
            found[k] = (m.start(), m.start())
    order = sorted(found.items(), key=lambda kv: kv[1][0])
    texts: dict[str, str] = {}
    for i, (k, (_, end)) in enumerate(order):
        stop = order[i + 1][1][0] if i + 1 < len(order) else len(body)
        texts[k] = body[end:stop].strip() if stop >= end else ""
    return {k: texts.get(k, "") for k in sorted(texts)}, set(found)


def scope_of(agency: str, body: str) -> str | None:
    """``consolidated`` for a government's report over its bodies, ``own`` for a body's."""
    if not agency:
        return None
    if _OWN_SUFFIX.search(agency):
        return "own"
    if _GOV_SUFFIX.search(agency) or _CONSOLIDATED_TEXT.search(body[:20000]):
        return "consolidated"
    return None
