"""Legal rules about bodies: which body decides a 行政复议, and the credit-code checksum.

Source of the 复议 rules: 《中华人民共和国行政复议法》(2023年9月1日修订, 2024年1月1日施行)
第二十四条至第二十七条; see ``../shared/docs/regulations.md`` §4.2.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel

#: Upper bound on the parent chain walked, against cycles introduced outside the services.
_MAX_DEPTH = 10


@dataclass(frozen=True)
class ReviewBody:
    """The 行政复议机关 of a body, with the article it follows from."""

    name: str | None
    agency: Agency | None
    basis: str
    overridden: bool = False

    @property
    def known(self) -> bool:
        return self.name is not None


def _own_government(agency: Agency) -> Agency | None:
    """The nearest 人民政府 above ``agency`` (the 本级人民政府 of a department or its branch)."""
    current = agency.parent
    for _ in range(_MAX_DEPTH):
        if current is None:
            return None
        if current.kind == AgencyKind.GOVERNMENT:
            return current
        current = current.parent
    return None


def review_body(agency: Agency) -> ReviewBody:
    """Derive the 行政复议机关 of ``agency``; an override set by an administrator wins.

    - 政府部门 of a 县级以上 government → 本级人民政府 (第二十四条第一款第一项).
    - 人民政府 below the province → 上一级人民政府 (第二十四条第一款第二项);
      a 省级人民政府 decides on its own acts (第二十四条第二款).
    - 派出机构 set up by a department → 本级人民政府 (第二十四条第四款); set up by a government
      (派出机关) → that government (第二十四条第一款第三项).
    - 法律法规授权组织 and 公共企事业单位 managed by a government or its department →
      本级人民政府 (第二十四条第一款第四项).
    - 实行垂直领导的机关 (海关、金融、外汇管理、税务、国家安全) → 上一级主管部门
      (第二十七条), which cannot be derived from the hierarchy: it must be set as an override.
    """
    if agency.review_body_override_id is not None:
        target = agency.review_body_override
        return ReviewBody(target.name if target else None, target, "手工指定", overridden=True)
    if agency.review_body_override_name:
        return ReviewBody(agency.review_body_override_name, None, "手工指定", overridden=True)
    if agency.vertically_managed:
        return ReviewBody(
            None,
            None,
            "行政复议法第二十七条：实行垂直领导的机关由上一级主管部门管辖，请手工指定",
        )
    if agency.kind == AgencyKind.GOVERNMENT:
        if agency.level == AgencyLevel.PROVINCE:
            return ReviewBody(agency.name, agency, "行政复议法第二十四条第二款")
        upper = agency.parent
        if upper is None or upper.kind != AgencyKind.GOVERNMENT:
            return ReviewBody(None, None, "行政复议法第二十四条第一款第二项：未登记上一级人民政府")
        return ReviewBody(upper.name, upper, "行政复议法第二十四条第一款第二项")
    government = _own_government(agency)
    if agency.kind == AgencyKind.DEPARTMENT:
        basis = "行政复议法第二十四条第一款第一项"
    elif agency.kind == AgencyKind.BRANCH:
        set_up_by_government = agency.parent is not None and agency.parent == government
        basis = (
            "行政复议法第二十四条第一款第三项"
            if set_up_by_government
            else "行政复议法第二十四条第四款"
        )
    else:
        basis = "行政复议法第二十四条第一款第四项"
    if government is None:
        return ReviewBody(None, None, f"{basis}：未登记所属的本级人民政府")
    return ReviewBody(government.name, government, basis)
