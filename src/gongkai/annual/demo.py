"""Demonstration data: 平罗县人民政府, a dozen bodies under it, their users and 2023–2025 records.

Every row is marked ``is_demo``. The records of 平罗县教育体育局 for 2023 are exactly those behind
its published 2023 report (shared/examples/pingluo-education-2023.txt): computing its report
from them gives the published tables and the figures its text cites. 平罗县自然资源局 is a busy
body (hundreds of applications across every outcome, fees, consultations, late answers).

Records are written through the apps' services (validated, audited), or, for volumes, through
their import services, which apply the same rules. Publications of the past are entered the
way ``publishing.imports`` enters a CMS export: already published, 保密审查 done in the source.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import QuerySet

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Role
from gongkai.agencies.services import agency_create, membership_grant
from gongkai.annual.services import recorded_figure_set, section_template_set
from gongkai.appeals.models import BodyRole, CaseKind, LitigationRoute, Result
from gongkai.appeals.services import appeal_decide, appeal_register
from gongkai.applications.fees import FeeMethod
from gongkai.applications.ledger import LedgerParse, LedgerRow
from gongkai.applications.models import Application
from gongkai.applications.outcomes import ApplicantCategory, outcome_by_key
from gongkai.applications.outcomes import Channel as ApplicationChannel
from gongkai.applications.services import applications_import, transition
from gongkai.applications.states import Action as ApplicationAction
from gongkai.inquiries.importing import InquiryRow
from gongkai.inquiries.models import Inquiry, InquiryKind
from gongkai.inquiries.services import inquiries_import, proposal_conclude, proposal_register
from gongkai.publishing.imports import IMPORTED_SECRECY_REVIEWER
from gongkai.publishing.models import (
    NormativeDocument,
    Publication,
    PublicationChannel,
    SearchTerm,
    Source,
)
from gongkai.publishing.search import BATCH, posting_rows
from gongkai.publishing.services import figure_set, normative_register, settings_update
from gongkai.publishing.states import Status as PublicationStatus
from gongkai.workdays.models import Deadline

#: The password of every demo user. DEMO ONLY: printed by ``gongkai demo``, never for real use.
DEMO_PASSWORD = "demo-gongkai-2025"  # noqa: S105 - documented demonstration password
#: Prefix of every demo user's name.
DEMO_USER_PREFIX = "demo_"
YEARS = (2023, 2024, 2025)

COUNTY = "平罗县人民政府"
EDUCATION = "平罗县教育体育局"
NATURAL_RESOURCES = "平罗县自然资源局"

#: (name, code for user names, kind, level); the county government first.
BODIES: tuple[tuple[str, str, str, str], ...] = (
    (COUNTY, "xzf", AgencyKind.GOVERNMENT, AgencyLevel.COUNTY),
    (EDUCATION, "jtj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    (NATURAL_RESOURCES, "zrzyj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县财政局", "czj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县卫生健康局", "wjj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县住房和城乡建设局", "zjj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县人力资源和社会保障局", "rsj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县民政局", "mzj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县农业农村局", "nyncj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县市场监督管理局", "scjgj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县交通运输局", "jtysj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县应急管理局", "yjglj", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
    ("平罗县城关镇人民政府", "cgz", AgencyKind.GOVERNMENT, AgencyLevel.TOWNSHIP),
    ("平罗县黄渠桥镇人民政府", "hqqz", AgencyKind.GOVERNMENT, AgencyLevel.TOWNSHIP),
)
#: A township that has entered nothing for 2025: the consolidated report lists it as missing.
LATE_BODY = "平罗县黄渠桥镇人民政府"

ROLE_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("clerk", Role.CLERK),
    ("reviewer", Role.REVIEWER),
    ("head", Role.HEAD),
)

# -- 平罗县教育体育局 2023: the figures of its published report ----------------------------------

EDUCATION_POSTS_2023 = {"website": 98, "wechat": 792, "weibo": 288, "video": 76}  # 1254
EDUCATION_BUDGET_ITEMS_2023 = 88  # 预决算 items, among its website posts (第二十条第（七）项)
EDUCATION_COMPLAINTS_2023 = {"returned": 45, "withdrawn": 68, "answered": 414}  # 527
EDUCATION_PROPOSALS_2023 = (("市政协", 9), ("县人大", 7), ("县政协", 9))  # 25
EDUCATION_RECORDED_2023 = (
    ("recruitment_posts", "发布教师招聘信息条数", 15, "县教育体育局人事股招聘公告登记簿"),
    ("teachers_recruited", "全年补充教师人数", 189, "县教育体育局人事股教师招聘录用台账"),
    (
        "tender_notices",
        "在自治区公共资源交易网站等平台发布的招标公告、中标公示等信息条数",
        27,
        "宁夏公共资源交易网发布记录（项目股登记）",
    ),
)

EDUCATION_TEMPLATES_2023: dict[str, str] = {
    "1": (
        "2023年，平罗县教育体育局认真贯彻落实《中华人民共和国政府信息公开条例》，聚焦社会关切，"
        "依法依规做好政务公开各项工作，扎实推动教育领域信息公开工作提质增效。\n\n"
        "（一）主动公开\n\n"
        "1. 重点领域信息公开情况\n\n"
        "一是严格落实义务教育免试就近入学要求，及时公开《平罗县2023年义务教育阶段学校招生入学"
        "工作实施方案》《关于进一步做好阳光分班工作的通知》等相关文件3个，并以视频、长图等形式"
        "解读发布，阅读量达2万余人次；二是利用政府网站、全国中小学生校外培训机构管理服务平台等"
        "及时向社会公示平罗县校外培训机构“白名单”5次；三是通过政府网站、微信公众号发布教师招聘"
        "信息{recorded.recruitment_posts}条，以签约公费师范生、事业编制教师招聘、实施特岗教师计划"
        "等方式，全年补充教师{recorded.teachers_recruited}名；四是2023年新建、续建项目9个，在自治区"
        "公共资源交易网站等平台发布招标公告、中标公示等工程建设、项目建设等信息共"
        "{recorded.tender_notices}条；\n\n"
        "五是围绕“双减”录制政策公开讲1期，开展政策进社区1次。\n\n"
        "2. 回应公众关切\n\n"
        "全年调查答复石嘴山市议政网、全区12345便民服务平台、县委书记、县长信箱、群众来电来访等"
        "各类投诉{complaints_total}件，办理市政协、县人大、县政协提案共计{proposals_total}件，"
        "并在政府网站进行公开。\n\n"
        "(二) 依申请公开\n\n"
        "2023年，我局未收到政府信息公开申请。\n\n"
        "(三) 政府信息管理\n\n"
        "一是制定《平罗县教育局教育体育局政府信息公开指南》《平罗县教育局教育体育局政府信息主动"
        "公开基本目录》，聚焦重点领域信息公开，提升信息公开规范化、标准化、科学化水平，确保信息"
        "及时、全面、精准公开。二是全面推进义务教育阶段信息公开工作，督促各学校依法、及时全面"
        "公开各类信息，定期对校务公开工作进行督导检查，对存在问题紧盯整改。三是执行信息发布审查"
        "机制，坚持“先审查，后公开”原则，对需公开的政府信息进行“三审三校”审查确保信息发布准确、"
        "及时、严谨。\n\n"
        "(四) 政府信息公开平台建设\n\n"
        "持续做好政府网站、政务新媒体的日常管理维护工作，安排专人每天及时发布全县教育领域重点"
        "信息，加大对重要政策及其解读等政府权威信息的推送力度，有效促进与公众的沟通。本年度共"
        "发布信息{posts_total}条，其中政府网站{posts_by_channel.website}条、微信公众号"
        "{posts_by_channel.wechat}条、微博{posts_by_channel.weibo}条、视频号"
        "{posts_by_channel.video}条。\n\n"
        "(五) 监督保障\n\n"
        "一是积极组织全局干部开展政务公开培训，提升了政务公开业务水平,进一步规范了准确发布各类"
        "政府信息,有效助推教体局政务公开工作质量稳步提升;二是将政务信息公开纳入年度考核，年底"
        "通报考核情况，坚决避免政务公开流于形式，确保各项工作落到实处；三是主动接受社会评议，"
        "坚持有错必纠，2023年未出现因政府信息公开问题开展责任追究。"
    ),
    "2": "",
    "3": "",
    "4": "",
    "5": (
        "2023年教体局政务公开工作虽取得一定成效，但也存在一些问题：一是虽积极组织干部政务公开"
        "培训，但还存在部分干部政务公开工作业务水平偏低的问题；二是公开的内容不够全面；三是公开"
        "渠道不够丰富。为切实解决存在的问题，主要从以下方面加快改进。\n\n"
        "（一）加大培训力度。组织多种形式的教育培训，进一步提高干部对政务公开重要性的认识，增强"
        "公开意识、服务意识、法治意识，增强实事求是、求真务实、直面问题、敢于接受监督的精神，"
        "增强抓好政务公开工作的主动性；同时，注重专业人员的培训和专业能力的培养，精心安排培训"
        "科目和内容，对工作人员开展轮训，提高发布信息、解读政策、回应关切的能力。\n\n"
        "（二）扩大公开范围。结合《平罗县教育体育局政府信息主动公开基本目录》，围绕重点领域工作，"
        "积极主动公开，务求公开实效，让群众看得到、听得懂、能监督。进一步细化有针对性地制定和"
        "完善本局公开目录，明确主体、内容、时限、方式等方面的内容，并动态更新，不断提升主动公开的"
        "标准化规范化水平。\n\n"
        "（三）拓展公开渠道。持续强化政府信息公开的载体建设，把政府信息公开工作落到实处。通过政府"
        "门户网站、微信公众号、微博、视频号、政务公开栏、电子显示屏、报刊、电视以及其他媒体设备"
        "设施等载体，多渠道发布政府信息和重要事项，扩大政府信息传播力和影响力。"
    ),
    "6": (
        "(一) 政务公开工作要点落实情况\n\n"
        "2023年教体局认真落实《平罗县2023年政务公开工作要点》（平政办发〔2023〕48号）文件精神，"
        "扎实推进政务公开工作。\n\n"
        "1. 聚焦发展，全面深化重点领域信息公开\n\n"
        "围绕政府自身建设推进信息公开。为打造高标准高质量“阳光财政”，依法扩大预决算公开范围，"
        "扎实推进预算、决算及相关报表公开，安排专人按要求按时完成在县政府门户网站公开政府预决算、"
        "部门预决算和部门所属单位预决算，本年度共公开{posts_by_item.07}条。\n\n"
        "2. 聚焦服务，完善政策发布推送和解读咨询机制\n\n"
        "扩大政策精准推送。通过线上线下相结合的方式，聚焦群众密切关注的招生入学、教师招聘、资助"
        "政策等信息，制作视频、图解、宣传彩页、宣传扇等，利用微信公众号、视频号共发布资助信息6条，"
        "发放各个阶段学生资助政策宣传页3万余份，宣传扇5000个。\n\n"
        "3. 聚焦民主，完善决策政民互动和公众参与机制\n\n"
        "优化政民互动主渠道建设。安排专人负责“12345”热线电话、领导信箱、网络征集等，严格落实各"
        "办理时限，及时解决网民诉求，本年度共收到各类投诉 {complaints_total} 件，退回 "
        "{complaints_by_result.returned} 件，主动联系投诉人撤回 "
        "{complaints_by_result.withdrawn} 件，"
        "回复 {complaints_by_result.answered} 件，做到有件必查、有件必复。\n\n"
        "深度推进政府开放。积极制定《平罗县教育体育局“2023 年政府开放日”活动方案》，9 月 15 日，"
        "组织开展以“推进教育资源均衡配置 打造优质教育新高地”为主题的“政府开放日”活动，邀请"
        "“两代表一委员”、家长代表等 30 余人走进平罗县城关第八小学（南校区），充分感受平罗县在"
        "教育资源配置，推动教育均衡发展的工作成效，激发社会各界对平罗县教育体育工作的监督和参与"
        "热情。\n\n"
        "4. 聚焦基础，完善公开标准化规范化和管理保障机制\n\n"
        "规范公开平台建设。一是规范网络工作群管理。按照文件要求定期统计、备案、清理工作群，本年度"
        "我局共清理工作群 2 个，现有工作群 23 个为重点工作群正常使用；二是规范政务新媒体管理。"
        "进一步增强网络阵地意识，按照“谁发布、谁审核、谁上网、谁负责”的原则，建立健全政务媒体审核"
        "发布管理机制，制定《平罗县教育体育局微信群、QQ 群管理制度》、《平罗县教育体育局微信公众号"
        "管理办法》，严格落实“三审三校”管理制度，抓制度建设、抓内容建设、抓人员管理，切实规范各类"
        "网络媒体平台。\n\n"
        "（二）信息处理费收取情况\n\n"
        "2023 年度我局未收到政府信息公开申请，未收取信息处理费。\n\n"
        "本报告电子版可早“平罗县人民政府门户网站”查阅下载，更多政府信息可登录网站 "
        "<http://www.pingluo.gov.cn> 查阅。\n\n"
        "如有疑问或意见建议，可直接与平罗县教育体育局联系，电话：0952-3816114。"
    ),
}

# -- words for realistic titles -----------------------------------------------------------------

_VILLAGES = ("灵沙", "姚伏", "渠口", "头闸", "通伏", "高庄", "宝丰", "陶乐", "黄渠桥", "城关")
_LAND_REQUESTS = (
    "{v}乡{n}村集体土地征收补偿安置方案",
    "{v}片区国有土地上房屋征收决定及补偿方案",
    "{v}镇{n}号地块不动产登记资料",
    "本人宅基地不动产权籍调查及登记档案",
    "{v}镇国土空间总体规划（2021—2035年）批复文件",
    "{v}工业园区控制性详细规划调整论证材料",
    "{v}村土地征收“一书四方案”及批复",
    "{v}乡基本农田划定及占补平衡验收材料",
    "{v}段建设项目用地预审与选址意见书",
    "{v}砂石矿采矿权出让公告及合同",
    "{v}村土地承包经营权流转合同备案",
    "{v}村违法占地行政处罚决定书",
)
_COMPLAINT_SUBJECTS = (
    "学校周边交通安全隐患",
    "校外培训机构违规收费",
    "学生营养餐质量",
    "教师有偿补课",
    "学生资助发放",
    "招生入学划片",
    "校车接送时间",
    "学校食堂卫生",
)
_POST_TITLES = {
    "website": "平罗县教育体育局关于{t}的通知",
    "wechat": "【平罗教体】{t}",
    "weibo": "#平罗教育# {t}",
    "video": "视频｜{t}",
}
_POST_TOPICS = (
    "2023年秋季学期开学工作",
    "义务教育阶段招生入学",
    "学生资助政策解读",
    "校园安全教育",
    "“双减”政策落实",
    "全民健身活动",
    "教师招聘公告",
    "中小学生体质健康测试",
)


@dataclass
class Built:
    """What ``demo_build`` did, for the command to show."""

    agencies: list[str] = field(default_factory=list)
    users: list[tuple[str, str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    existed: bool = False


# -- reset --------------------------------------------------------------------------------------


def demo_exists() -> bool:
    return Agency.objects.filter(name=COUNTY, is_demo=True).exists()


def demo_reset() -> None:
    """Delete every demo body and what hangs on it; non-demo data is not touched.

    Rows that protect a demo row from deletion (``on_delete=PROTECT``: applications, their fee
    notices and letters, 复议 cases, publications, sub-bodies …) are found through the models'
    relations and deleted first, whatever app they belong to; then the deadlines they held.
    Demo users stay (the append-only audit log refers to them); their roles go with the bodies.
    """
    with transaction.atomic():
        deadline_ids = _delete_protected_first(Agency.objects.filter(is_demo=True))
        Deadline.objects.filter(pk__in=deadline_ids).delete()


def _delete_protected_first(queryset: QuerySet[Any]) -> list[int]:
    """Delete ``queryset`` after the rows that PROTECT-reference it (recursively); the ids of
    the working-day deadlines the deleted rows held."""
    if not queryset.exists():
        return []
    deadlines: list[int] = []
    model = queryset.model
    for rel in model._meta.related_objects:
        if rel.on_delete is models.PROTECT and not rel.many_to_many:
            related = rel.related_model._default_manager.filter(
                **{f"{rel.field.name}__in": queryset}
            )
            deadlines += _delete_protected_first(related)
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is Deadline:
            deadlines += [d for d in queryset.values_list(f.attname, flat=True) if d is not None]
    queryset.delete()
    return deadlines


# -- build --------------------------------------------------------------------------------------


def demo_build(*, seed: int = 2023) -> Built:
    """Create the demo once (idempotent: does nothing when it is already there)."""
    built = Built()
    if demo_exists():
        built.existed = True
        return built
    rng = random.Random(seed)  # noqa: S311 - reproducible demonstration data, not security
    with transaction.atomic():
        agencies = _agencies(built)
        users = _users(agencies, built)
        for name, agency in agencies.items():
            if name == EDUCATION:
                _education(agency, users[name], rng, built)
            elif name == NATURAL_RESOURCES:
                _natural_resources(agency, users[name], rng, built)
            else:
                _ordinary(agency, users[name], rng, built)
        _mark_demo(list(agencies.values()))
    return built


def _agencies(built: Built) -> dict[str, Agency]:
    out: dict[str, Agency] = {}
    county: Agency | None = None
    for name, _, kind, level in BODIES:
        education = name == EDUCATION
        agency = agency_create(
            actor=None,
            name=name,
            kind=kind,
            level=level,
            parent=county,
            is_demo=True,
            office_name=f"{name}办公室",
            phone="0952-3816114" if education else "",
            website="http://www.pingluo.gov.cn" if education else "",
        )
        county = county or agency
        out[name] = agency
        built.agencies.append(name)
    return out


@dataclass
class Staff:
    clerk: Any
    reviewer: Any
    head: Any


def _users(agencies: dict[str, Agency], built: Built) -> dict[str, Staff]:
    user_model = get_user_model()
    # One hash for every demo user: PBKDF2 per user would take most of the demo's time.
    hashed = make_password(DEMO_PASSWORD)
    out: dict[str, Staff] = {}
    codes = {name: code for name, code, _, _ in BODIES}
    for name, agency in agencies.items():
        people: dict[str, Any] = {}
        for suffix, role in ROLE_SUFFIXES:
            username = f"{DEMO_USER_PREFIX}{codes[name]}_{suffix}"
            user, _ = user_model.objects.update_or_create(
                username=username, defaults={"password": hashed}
            )
            membership_grant(actor=None, user=user, agency=agency, role=role)
            people[suffix] = user
            built.users.append((username, name, Role(role).label))
        out[name] = Staff(**people)
    county = agencies[COUNTY]
    for username, role in (
        (f"{DEMO_USER_PREFIX}gkb", Role.OVERSIGHT),
        (f"{DEMO_USER_PREFIX}admin", Role.ADMIN),
    ):
        user, _ = user_model.objects.update_or_create(
            username=username, defaults={"password": hashed}
        )
        membership_grant(actor=None, user=user, agency=county, role=role)
        built.users.append((username, COUNTY, Role(role).label))
    return out


def _bump(built: Built, key: str, n: int = 1) -> None:
    built.counts[key] = built.counts.get(key, 0) + n


def _days(year: int, rng: random.Random, n: int, last: date | None = None) -> Iterator[date]:
    first = date(year, 1, 3)
    end = last or date(year, 12, 28)
    span = (end - first).days
    for _ in range(n):
        yield first + timedelta(days=rng.randrange(span))


# -- publications (entered like ``publishing.imports``: already published) ---------------------


def _posts(
    agency: Agency,
    year: int,
    per_channel: dict[str, int],
    rng: random.Random,
    built: Built,
    *,
    items: dict[str, tuple[str, int]] | None = None,
) -> None:
    """``per_channel`` items, each on exactly one channel; ``items`` tags the first n items of a
    channel with a 第二十条 category: {category: (channel, n)}."""
    tagged = {channel: (item, n) for item, (channel, n) in (items or {}).items()}
    seq = Publication.objects.filter(agency=agency).count()
    rows: list[Publication] = []
    channels: list[str] = []
    for channel, count in per_channel.items():
        item, n_tagged = tagged.get(channel, ("", 0))
        for i, day in enumerate(sorted(_days(year, rng, count))):
            seq += 1
            topic = _POST_TOPICS[rng.randrange(len(_POST_TOPICS))]
            if i < n_tagged and item == "07":
                title = f"{agency.name}{year}年部门预决算公开（{i + 1}）"
            else:
                title = _POST_TITLES.get(channel, "{t}").format(t=topic)
            rows.append(
                Publication(
                    agency=agency,
                    index_number=f"DEMO-{agency.pk}-{year}-{seq:05d}",
                    title=title,
                    formed_on=day,
                    published_on=day,
                    status=PublicationStatus.PUBLISHED,
                    source=Source.IMPORTED,
                    secrecy_reviewed=True,
                    secrecy_reviewer=IMPORTED_SECRECY_REVIEWER,
                    article20_item=item if i < n_tagged else "",
                    is_demo=True,
                )
            )
            channels.append(channel)
    created = Publication.objects.bulk_create(rows, batch_size=500)
    # Searchable like any published item (the postings ``index_publication`` would write).
    SearchTerm.objects.bulk_create(
        (term for p in created for term in posting_rows(p.pk, p.title, "")), batch_size=BATCH
    )
    PublicationChannel.objects.bulk_create(
        [
            PublicationChannel(publication=p, channel=c, published_on=p.published_on or p.formed_on)
            for p, c in zip(created, channels, strict=True)
        ],
        batch_size=500,
    )
    _bump(built, "publications", len(created))


def _table2(agency: Agency, staff: Staff, year: int, values: dict[str, int | str]) -> None:
    for item, value in values.items():
        figure_set(
            actor=staff.clerk,
            agency=agency,
            year=year,
            item=item,
            value=value,
            note="演示数据：由业务科室统计台账汇总",
        )


# -- concerns and proposals ---------------------------------------------------------------------

_INQUIRY_CHANNELS = ("forum", "hotline", "mailbox", "phone", "visit")


def _inquiries(
    agency: Agency,
    staff: Staff,
    year: int,
    results: dict[str, int],
    rng: random.Random,
    built: Built,
    subjects: tuple[str, ...] = _COMPLAINT_SUBJECTS,
    open_count: int = 0,
) -> None:
    """Concerns of the year entered like a 12345 export (``inquiries_import``, all or nothing)."""
    plan = [r for r, n in results.items() for _ in range(n)] + [""] * open_count
    last = date(year, 12, 10)
    rows: list[InquiryRow] = []
    for i, (result, day) in enumerate(zip(plan, _days(year, rng, len(plan), last), strict=True)):
        rows.append(
            InquiryRow(
                row=i + 2,
                external_number=f"D{year}{i + 1:05d}",
                channel=_INQUIRY_CHANNELS[i % len(_INQUIRY_CHANNELS)],
                kind=InquiryKind.COMPLAINT,
                received_on=day,
                subject=f"关于{subjects[rng.randrange(len(subjects))]}的投诉",
                result=result or None,
                replied_on=day + timedelta(days=rng.randrange(1, 10)) if result else None,
                reply_text="已调查核实并答复诉求人。" if result == "answered" else "",
            )
        )
    inquiries_import(actor=staff.clerk, agency=agency, rows=rows, source_name="演示数据")
    _bump(built, "inquiries", len(rows))


def _proposals(
    agency: Agency, staff: Staff, year: int, sources: tuple[tuple[str, int], ...], built: Built
) -> None:
    n = 0
    for source_body, count in sources:
        kind = "deputy_suggestion" if "人大" in source_body else "cppcc_proposal"
        noun = "建议" if kind == "deputy_suggestion" else "提案"
        for i in range(count):
            received = date(year, 3, 10) + timedelta(days=i)
            proposal = proposal_register(
                actor=staff.clerk,
                agency=agency,
                kind=kind,
                source_body=source_body,
                title=f"关于加强{_POST_TOPICS[(n + i) % len(_POST_TOPICS)]}的{noun}",
                received_on=received,
                number=f"{year}-{source_body}-{i + 1:03d}",
                is_demo=True,
            )
            proposal_conclude(
                actor=staff.clerk,
                proposal=proposal,
                result="adopted" if i % 3 else "planned",
                handled_on=received + timedelta(days=60),
                reply_published=True,
                published_url=f"http://www.pingluo.gov.cn/demo/{year}/{source_body}/{i + 1}",
            )
        n += count
    _bump(built, "proposals", n)


# -- the bodies ---------------------------------------------------------------------------------


def _education(agency: Agency, staff: Staff, rng: random.Random, built: Built) -> None:
    """平罗县教育体育局: 2023 exactly as its published report; 2024–2025 in the same vein."""
    settings_update(actor=staff.head, agency=agency, fee_decimals=0)
    _posts(
        agency,
        2023,
        EDUCATION_POSTS_2023,
        rng,
        built,
        items={"07": ("website", EDUCATION_BUDGET_ITEMS_2023)},
    )
    _inquiries(agency, staff, 2023, EDUCATION_COMPLAINTS_2023, rng, built)
    _proposals(agency, staff, 2023, EDUCATION_PROPOSALS_2023, built)
    for name, label, value, source in EDUCATION_RECORDED_2023:
        recorded_figure_set(
            actor=staff.clerk,
            agency=agency,
            year=2023,
            name=name,
            label=label,
            value=value,
            source=source,
            is_demo=True,
        )
    for section, text in EDUCATION_TEMPLATES_2023.items():
        section_template_set(
            actor=staff.clerk, agency=agency, section=section, text=text, year=2023, is_demo=True
        )
    for year in YEARS:
        _table2(agency, staff, year, {"license": 0, "penalty": 0, "coercion": 0, "fee": 0})
    for year, posts in ((2024, (105, 820, 240, 131)), (2025, (112, 801, 199, 164))):
        per_channel = dict(zip(EDUCATION_POSTS_2023, posts, strict=True))
        _posts(agency, year, per_channel, rng, built, items={"07": ("website", 90)})
        _inquiries(
            agency, staff, year, {"returned": 39, "withdrawn": 51, "answered": 402}, rng, built
        )
        _proposals(agency, staff, year, (("市政协", 8), ("县人大", 9), ("县政协", 6)), built)
    _applications(
        agency,
        staff,
        _ledger_rows(agency, 2024, 3, rng, requests=("2024年义务教育学校招生划片范围",)),
        built,
    )


def _ordinary(agency: Agency, staff: Staff, rng: random.Random, built: Built) -> None:
    """A body with a light year: a few dozen posts, some concerns, its 表二 figures."""
    for year in YEARS:
        if agency.name == LATE_BODY and year == 2025:
            continue
        _posts(
            agency,
            year,
            {"website": 10 + rng.randrange(20), "wechat": 15 + rng.randrange(30)},
            rng,
            built,
        )
        _inquiries(
            agency,
            staff,
            year,
            {"answered": 5 + rng.randrange(20), "returned": rng.randrange(4)},
            rng,
            built,
            subjects=("办事流程", "政策咨询", "服务态度"),
        )
        _table2(
            agency,
            staff,
            year,
            {
                "license": rng.randrange(0, 60),
                "penalty": rng.randrange(0, 15),
                "coercion": rng.randrange(0, 3),
                "fee": 0,
            },
        )
        if rng.random() < 0.5:
            rows = _ledger_rows(agency, year, 1 + rng.randrange(3), rng)
            _applications(agency, staff, rows, built)


# -- applications -------------------------------------------------------------------------------

#: Weights of the 21 result rows for the busy body (every row used at least once a year).
_OUTCOME_WEIGHTS: dict[str, int] = {
    "granted": 40,
    "partial": 12,
    "denied_1": 1,
    "denied_2": 1,
    "denied_3": 1,
    "denied_4": 3,
    "denied_5": 2,
    "denied_6": 3,
    "denied_7": 2,
    "denied_8": 3,
    "unable_1": 14,
    "unable_2": 4,
    "unable_3": 2,
    "not_processed_1": 3,
    "not_processed_2": 3,
    "not_processed_3": 1,
    "not_processed_4": 1,
    "not_processed_5": 1,
    "other_1": 2,
    "other_2": 1,
    "other_3": 3,
}
_CATEGORY_WEIGHTS = {
    ApplicantCategory.NATURAL_PERSON: 70,
    ApplicantCategory.COMMERCIAL: 14,
    ApplicantCategory.RESEARCH: 2,
    ApplicantCategory.PUBLIC_INTEREST: 2,
    ApplicantCategory.LEGAL_SERVICE: 9,
    ApplicantCategory.OTHER: 3,
}
_CHANNELS = (
    ApplicationChannel.ONLINE,
    ApplicationChannel.ONLINE,
    ApplicationChannel.LETTER,
    ApplicationChannel.IN_PERSON,
    ApplicationChannel.EMAIL,
)


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _ledger_rows(
    agency: Agency,
    year: int,
    count: int,
    rng: random.Random,
    *,
    requests: tuple[str, ...] = _LAND_REQUESTS,
    open_at_end: int = 0,
) -> list[LedgerRow]:
    """``count`` applications received in ``year``: every outcome row once, then by weight;
    some consulted, extended, corrected or answered late; ``open_at_end`` still open."""
    outcomes = list(_OUTCOME_WEIGHTS) if count >= len(_OUTCOME_WEIGHTS) else []
    while len(outcomes) < count - open_at_end:
        outcomes.append(_weighted(rng, _OUTCOME_WEIGHTS))
    outcomes += [""] * open_at_end
    rows: list[LedgerRow] = []
    last = date(year, 12, 30)
    for i, (outcome, received) in enumerate(
        zip(outcomes, sorted(_days(year, rng, len(outcomes), last)), strict=True)
    ):
        request = requests[rng.randrange(len(requests))].format(
            v=_VILLAGES[rng.randrange(len(_VILLAGES))], n=rng.randrange(1, 12)
        )
        row: dict[str, Any] = {
            "row": i + 2,
            "number": f"{agency.pk:02d}-{year}-{i + 1:04d}",
            "received_on": received,
            "channel": _CHANNELS[rng.randrange(len(_CHANNELS))],
            "applicant_category": _weighted(rng, _CATEGORY_WEIGHTS),
            "request": request,
            "applicant": "演示申请人",
        }
        answered = received + timedelta(days=rng.randrange(5, 26))
        if outcome in ("unable_3", "other_1") or rng.random() < 0.06:
            row["correction_notice_on"] = received + timedelta(days=3)
            if outcome != "other_1":
                row["correction_received_on"] = received + timedelta(days=10)
                answered = received + timedelta(days=10 + rng.randrange(5, 20))
        if outcome == "denied_4" or rng.random() < 0.05:
            row["consultation_sent_on"] = received + timedelta(days=2)
            row["consultation_ended_on"] = received + timedelta(days=2 + rng.randrange(5, 20))
            answered = row["consultation_ended_on"] + timedelta(days=rng.randrange(3, 10))
        if rng.random() < 0.08:
            row["extension_notice_on"] = received + timedelta(days=20)
            answered = received + timedelta(days=35 + rng.randrange(10))
        if rng.random() < 0.07:
            answered += timedelta(days=25)  # answered late: overdue
        if outcome:
            row["answered_on"] = answered
            row["outcome"] = outcome_by_key(outcome)
        rows.append(LedgerRow(**row))
    return rows


def _applications(agency: Agency, staff: Staff, rows: list[LedgerRow], built: Built) -> None:
    applications_import(
        actor=staff.clerk, agency=agency, ledger=LedgerParse(tuple(rows), ()), is_demo=True
    )
    _bump(built, "applications", len(rows))


def _fee_cases(agency: Agency, staff: Staff, year: int, built: Built) -> None:
    """信息处理费 cases through the lifecycle: notice, then paid and answered, or lapsed."""
    rows = [
        LedgerRow(
            row=i + 2,
            number=f"{agency.pk:02d}-{year}-F{i + 1:02d}",
            received_on=date(year, 6, 3 + i),
            channel=ApplicationChannel.ONLINE,
            applicant_category=ApplicantCategory.COMMERCIAL,
            request=f"{_VILLAGES[i]}片区历年土地征收档案（大量复制）",
            applicant="演示申请人",
        )
        for i in range(4)
    ]
    _applications(agency, staff, rows, built)
    for i, row in enumerate(rows):
        case = Application.objects.get(agency=agency, number=row.number)
        notice = row.received_on + timedelta(days=7)
        case = transition(
            actor=staff.head,
            application=case,
            action=ApplicationAction.REQUEST_FEE,
            on=notice,
            fee_method=FeeMethod.PER_PAGE,  # 国办函〔2020〕109号 第三条: a bulk copy
            pages=350,
        )
        if i < 3:
            case = transition(
                actor=staff.clerk,
                application=case,
                action=ApplicationAction.FEE_PAID,
                on=notice + timedelta(days=5),
            )
            transition(
                actor=staff.reviewer,
                application=case,
                action=ApplicationAction.ANSWER,
                on=notice + timedelta(days=9),
                outcome="granted",
            )
        else:
            transition(
                actor=staff.reviewer,
                application=case,
                action=ApplicationAction.FEE_LAPSED,
                on=notice + timedelta(days=45),  # after the payment period ran out
            )
    _bump(built, "fee_cases", len(rows))


def _natural_resources(agency: Agency, staff: Staff, rng: random.Random, built: Built) -> None:
    """A busy body: ~100 applications a year across all 21 outcomes, fees, consultations, late
    answers and cases open at the year's end; concerns; 规范性文件; 表二 figures."""
    for year, count in ((2023, 96), (2024, 118), (2025, 131)):
        rows = _ledger_rows(agency, year, count, rng, open_at_end=4)
        _applications(agency, staff, rows, built)
        _fee_cases(agency, staff, year, built)
        _posts(
            agency,
            year,
            {"website": 150 + rng.randrange(50), "wechat": 80 + rng.randrange(30), "video": 12},
            rng,
            built,
        )
        _inquiries(
            agency,
            staff,
            year,
            {"answered": 60 + rng.randrange(20), "returned": 6, "withdrawn": 4, "transferred": 3},
            rng,
            built,
            subjects=("土地征收补偿", "不动产登记办理", "违法占地", "规划变更", "矿山开采"),
        )
        _proposals(agency, staff, year, (("县人大", 4), ("县政协", 5)), built)
        _table2(
            agency,
            staff,
            year,
            {
                "license": 300 + rng.randrange(80),
                "penalty": 20 + rng.randrange(30),
                "coercion": rng.randrange(4),
                "fee": "1284600.00",
            },
        )
        normative_register(
            actor=staff.clerk,
            agency=agency,
            kind="normative",
            title=f"平罗县{year}年度土地征收补偿标准的通知",
            made_on=date(year, 4, 15),
            document_number=f"平自然资发〔{year}〕{10 + year % 10}号",
        )
    _linked(agency, staff, rng, built)


def _mark_demo(agencies: list[Agency]) -> None:
    """Rows written by services without a demo flag (imports of concerns, 规范性文件)."""
    Inquiry.objects.filter(agency__in=agencies).update(is_demo=True)
    NormativeDocument.objects.filter(agency__in=agencies).update(is_demo=True)


#: (kind, role, route, result or "" for pending): the busy body's cases of one year.
_APPEALS: tuple[tuple[str, str, str, str], ...] = (
    (CaseKind.REVIEW, BodyRole.RESPONDENT, "", Result.UPHELD),
    (CaseKind.REVIEW, BodyRole.RESPONDENT, "", Result.REJECTED),
    (CaseKind.REVIEW, BodyRole.RESPONDENT, "", Result.REVOKED),
    (CaseKind.REVIEW, BodyRole.RESPONDENT, "", Result.WITHDRAWN),
    (CaseKind.REVIEW, BodyRole.RESPONDENT, "", ""),
    (CaseKind.LITIGATION, BodyRole.DEFENDANT, LitigationRoute.DIRECT, Result.REJECTED),
    (CaseKind.LITIGATION, BodyRole.DEFENDANT, LitigationRoute.DIRECT, Result.ORDERED_TO_PERFORM),
    (CaseKind.LITIGATION, BodyRole.DEFENDANT, LitigationRoute.AFTER_REVIEW, Result.REJECTED),
    # The county government is the 复议机关 co-defendant: never counted in its 表四
    # (国办公开办函〔2016〕201号); recorded so that the rule shows.
    (CaseKind.LITIGATION, BodyRole.REVIEW_BODY_CO_DEFENDANT, LitigationRoute.AFTER_REVIEW, ""),
)


def _linked(agency: Agency, staff: Staff, rng: random.Random, built: Built) -> None:
    """复议 and 诉讼 cases about the body's disclosure answers, each linked to an application."""
    n = 0
    for year in YEARS:
        answered = list(
            Application.objects.filter(
                agency=agency, answered_on__year=year, outcome__startswith="denied"
            ).order_by("answered_on")[: len(_APPEALS)]
        )
        for i, (kind, role, route, result) in enumerate(_APPEALS):
            base = answered[i % len(answered)]
            filed = (base.answered_on or base.received_on) + timedelta(days=20 + i)
            if filed.year != year:
                filed = date(year, 11, 1 + i)
            own = role in (BodyRole.RESPONDENT, BodyRole.DEFENDANT)
            case = appeal_register(
                actor=staff.clerk,
                agency=agency,
                kind=kind,
                role=role,
                route=route,
                filed_on=filed,
                copy_received_on=filed + timedelta(days=3),
                case_number=f"（{year}）宁0221{'行初' if kind == CaseKind.LITIGATION else '复'}"
                f"{100 + i}号",
                deciding_body="平罗县人民政府" if kind == CaseKind.REVIEW else "平罗县人民法院",
                applications=[base] if own else [],
                is_demo=True,
            )
            if result:
                appeal_decide(
                    actor=staff.clerk,
                    case=case,
                    result=result,
                    decided_on=filed + timedelta(days=45 + rng.randrange(30)),
                )
            n += 1
    _bump(built, "appeals", n)
