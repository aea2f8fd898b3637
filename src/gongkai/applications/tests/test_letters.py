"""Letters (答复书 / 告知书): content by the law, GB/T 9704 layout, frozen once issued.

Remedy clauses follow 行政复议法（2023）第二十条、第二十三条 (regulations.md §4.2); article
numbers without a law name are those of the 政府信息公开条例.
"""

from __future__ import annotations

import io
import json
from datetime import date

import docx
import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Role
from gongkai.agencies.services import membership_grant
from gongkai.applications.fees import quote_by_pages
from gongkai.applications.letters import (
    BODY_FONT,
    LETTER_KINDS,
    TITLE_FONT,
    default_template,
    letter_issue,
    letter_preview,
    letter_verify,
)
from gongkai.applications.models import (
    LETTER_TYPE_CHOICES,
    Letter,
    LetterFrozen,
    LetterTemplate,
)
from gongkai.applications.services import PERSONAL_FIELDS, transition
from gongkai.applications.states import Action, Status
from gongkai.applications.tests.factories import ApplicationFactory, ConsultationFactory
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import NotFoundOrForbidden, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db

TODAY = "2026-06-30 10:00 +08:00"
NAME, ADDRESS = "张三", "平罗县城关镇某路1号"


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def case(bureau, outcome=None, **extra):
    values = {"agency": bureau, "applicant_address": ADDRESS, "applicant_name": NAME}
    if outcome is not None:
        values.update(concluded=True, outcome=outcome)
    values.update(extra)
    return ApplicationFactory(**values)


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def issued_text(letter: Letter) -> str:
    with letter.file.open("rb") as handle:
        return text_of(handle.read())


def test_the_registry_covers_every_letter_type():
    assert set(LETTER_KINDS) == {value for value, _ in LETTER_TYPE_CHOICES}


@pytest.mark.parametrize("letter_type", sorted(LETTER_KINDS))
def test_every_letter_type_renders_with_the_sample(letter_type):
    text = text_of(letter_preview(letter_type=letter_type))
    kind = LETTER_KINDS[letter_type]
    assert kind.title in text
    assert "样例县教育体育局" in text
    assert "2026年6月30日" in text
    if "remedy" in kind.needs:
        assert "样例县人民政府申请行政复议" in text
    if kind.key.startswith(("reply_", "notice_")):
        assert "《中华人民共和国政府信息公开条例》" in text or "（样例）答复依据" in text


def test_a_refusal_requires_review_first_by_the_county_government(bureau, reviewer):
    application = case(bureau, "denied_1")
    letter = letter_issue(
        actor=reviewer,
        application=application,
        letter_type="reply_denied",
        fields={"reason": "该信息已依法定密"},
    )
    text = issued_text(letter)
    assert "《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十四条" in text
    assert "应当自收到本答复之日起六十日内先向平罗县人民政府申请行政复议" in text
    assert "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内" in text
    assert "六个月" not in text  # no direct lawsuit offered (行政复议法第二十三条第二款)
    assert "或者自收到本答复之日起" not in text
    assert f"{NAME}：" in text


def test_a_granted_answer_offers_review_or_lawsuit(bureau, head):
    letter = letter_issue(
        actor=head, application=case(bureau, "granted"), letter_type="reply_granted"
    )
    text = issued_text(letter)
    assert (
        "可以自收到本答复之日起六十日内向平罗县人民政府申请行政复议，"
        "或者自收到本答复之日起六个月内向有管辖权的人民法院提起行政诉讼" in text
    )
    assert "第三十六条第（一）项、第（二）项" in text


def test_a_partial_answer_puts_review_first_for_the_withheld_part(bureau, reviewer):
    letter = letter_issue(
        actor=reviewer,
        application=case(bureau, "partial"),
        letter_type="reply_partial",
        fields={"reason": "其中第三方商业秘密部分不予公开"},
    )
    text = issued_text(letter)
    assert "《中华人民共和国政府信息公开条例》第三十七条" in text
    assert (
        "对本答复中不予公开的部分不服的，应当自收到本答复之日起六十日内先向平罗县人民政府" in text
    )
    assert "对本答复其他内容不服的" in text


def test_an_unknown_review_body_refuses_the_answer(county, reviewer):
    vertical = Agency.objects.create(
        name="平罗县税务局",
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.COUNTY,
        parent=county,
        vertically_managed=True,
    )
    membership_grant(actor=None, user=reviewer, agency=vertical, role=Role.REVIEWER)
    with pytest.raises(ValidationFailed, match="行政复议机关") as caught:
        letter_issue(
            actor=reviewer, application=case(vertical, "granted"), letter_type="reply_granted"
        )
    assert caught.value.code == "review_body_unknown"
    assert not Letter.objects.exists()


def test_a_deadline_in_an_unpublished_year_carries_the_provisional_wording(bureau, reviewer):
    with time_machine.travel("2027-03-02 10:00 +08:00", tick=False):
        application = case(bureau, received_on=date(2027, 3, 1))
        letter = letter_issue(actor=reviewer, application=application, letter_type="receipt")
    text = issued_text(letter)
    assert "（本期限按尚未公布的2027年节假日安排暂定，以国务院办公厅通知为准）" in text
    event = AuditEvent.objects.get(action="letter.issued")
    assert event.data["provisional_due"] is True


def test_the_page_follows_gbt_9704(bureau, reviewer):
    letter = letter_issue(
        actor=reviewer,
        application=case(bureau, "granted"),
        letter_type="reply_granted",
        number="平教体依公开〔2026〕3号",
    )
    with letter.file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    section = document.sections[0]
    sizes = [
        section.page_width.mm,
        section.page_height.mm,
        section.top_margin.mm,
        section.bottom_margin.mm,
        section.left_margin.mm,
        section.right_margin.mm,
    ]
    assert sizes == pytest.approx([210, 297, 37, 35, 28, 26], abs=0.1)
    title, number, *rest = document.paragraphs
    assert title.text == "政府信息公开申请答复书（予以公开）"
    assert title.runs[0].font.size == Pt(22)
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == TITLE_FONT
    assert number.text == "平教体依公开〔2026〕3号"
    runs = [run for p in rest for run in p.runs]
    assert runs
    assert {run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in runs} == {BODY_FONT}
    assert {run.font.size for run in runs} == {Pt(16)}
    assert [p.text for p in rest[-2:]] == ["平罗县教育体育局", "2026年6月30日"]
    fonts = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    ).blob.decode()
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert "embedTrueTypeFonts" not in document.settings.element.xml
    footer = section.footer.paragraphs[0]._element.xml
    assert "PAGE" in footer
    assert "— " in footer


def test_an_issued_letter_is_frozen_and_verified(bureau, reviewer):
    letter = letter_issue(
        actor=reviewer, application=case(bureau, "granted"), letter_type="reply_granted"
    )
    assert letter_verify(letter).ok
    letter.number = "改〔2026〕9号"
    with pytest.raises(LetterFrozen):
        letter.save()
    with pytest.raises(LetterFrozen):
        Letter.objects.get(pk=letter.pk).delete()
    stored = Letter.objects.get(pk=letter.pk)
    with open(stored.file.path, "ab") as handle:
        handle.write(b"tampered")
    check = letter_verify(stored)
    assert not check.ok
    assert check.actual != check.stored
    assert "文件已被改动" in check.problems[0]


def test_a_changed_hash_in_the_database_is_detected_against_the_audit_log(bureau, reviewer):
    letter = letter_issue(
        actor=reviewer, application=case(bureau, "granted"), letter_type="reply_granted"
    )
    Letter.objects.filter(pk=letter.pk).update(sha256="0" * 64)
    problems = letter_verify(Letter.objects.get(pk=letter.pk)).problems
    assert any("操作日志" in p for p in problems)


def test_reissuing_makes_a_new_letter(bureau, reviewer):
    application = case(bureau, "granted")
    first = letter_issue(actor=reviewer, application=application, letter_type="reply_granted")
    second = letter_issue(actor=reviewer, application=application, letter_type="reply_granted")
    assert second.pk != first.pk
    assert second.reissue_of == first
    assert (first.number, second.number) == ("〔2026〕1号", "〔2026〕2号")
    assert letter_verify(first).ok
    assert letter_verify(second).ok


def test_only_a_reviewer_or_head_signs(bureau, clerk, other_agency_clerk):
    application = case(bureau, "granted")
    with pytest.raises(PermissionDenied, match="审核人或负责人"):
        letter_issue(actor=clerk, application=application, letter_type="reply_granted")
    with pytest.raises(NotFoundOrForbidden):
        letter_issue(actor=other_agency_clerk, application=application, letter_type="reply_granted")
    assert not Letter.objects.exists()
    assert not AuditEvent.objects.filter(action="letter.issued").exists()


def test_the_audit_row_and_file_name_carry_no_personal_data(bureau, reviewer):
    application = case(bureau, "denied_4", applicant_email="zhangsan@example.com")
    letter = letter_issue(
        actor=reviewer,
        application=application,
        letter_type="reply_denied",
        fields={"reason": "涉及第三方商业秘密"},
    )
    assert NAME in issued_text(letter)
    assert ADDRESS not in letter.file.name
    event = AuditEvent.objects.get(action="letter.issued")
    assert event.data["sha256"] == letter.sha256
    assert event.data["letter_type"] == "reply_denied"
    logged = json.dumps(event.data, ensure_ascii=False) + event.target_repr
    for name in PERSONAL_FIELDS:
        value = getattr(application, name)
        assert value
        assert value not in logged
        assert value not in letter.file.name
    assert letter.file.name.startswith(f"letters/{letter.pk}-reply_denied")


def test_the_answer_must_fit_the_outcome_and_its_required_texts(bureau, reviewer):
    granted = case(bureau, "granted")
    with pytest.raises(ValidationFailed, match="应出具") as caught:
        letter_issue(actor=reviewer, application=granted, letter_type="reply_denied")
    assert caught.value.code == "letter_type_mismatch"
    with pytest.raises(ValidationFailed, match="理由或说明"):
        letter_issue(
            actor=reviewer, application=case(bureau, "denied_2"), letter_type="reply_denied"
        )
    with pytest.raises(ValidationFailed, match="尚未作出办理结果"):
        letter_issue(actor=reviewer, application=case(bureau), letter_type="reply_granted")
    with pytest.raises(ValidationFailed, match="没有这些填写项"):
        letter_issue(
            actor=reviewer,
            application=granted,
            letter_type="reply_granted",
            fields={"payment_method": "x"},
        )


def test_a_third_party_is_consulted_without_the_applicants_identity(bureau, reviewer):
    application = case(bureau, status=Status.IN_CONSULTATION)
    ConsultationFactory(application=application, party="平罗县某食品公司", sent_on=date(2026, 6, 1))
    letter = letter_issue(
        actor=reviewer, application=application, letter_type="consult_third_party"
    )
    text = issued_text(letter)
    assert "平罗县某食品公司：" in text
    assert "提出意见的期限届满日为2026年6月23日" in text
    assert NAME not in text
    assert ADDRESS not in text


def test_a_fee_notice_states_basis_standard_amount_and_payment(bureau, head):
    letter = letter_issue(
        actor=head,
        application=case(bureau, status=Status.AWAITING_FEE),
        letter_type="fee_notice",
        fee=quote_by_pages(150),
        fields={"payment_method": "通过非税收入缴款码缴入国库"},
    )
    text = issued_text(letter)
    assert "收费数额：1700元" in text
    assert "按量计收" in text
    assert "第三条、第五条" in text
    assert "自收到本通知次日起20个工作日内缴纳" in text
    with pytest.raises(ValidationFailed, match="收费计算"):
        letter_issue(
            actor=head,
            application=case(bureau),
            letter_type="fee_notice",
            fields={"payment_method": "x"},
        )


def test_a_fee_notice_defaults_to_the_fee_recorded_in_the_case(bureau, clerk, head):
    application = case(bureau, received_on=date(2025, 3, 3))
    application = transition(
        actor=head,
        application=application,
        action=Action.REQUEST_FEE,
        on=date(2025, 3, 10),
        fee_method="per_page",
        pages=2219,
    )
    letter = letter_issue(
        actor=head,
        application=application,
        letter_type="fee_notice",
        on=date(2025, 3, 10),
        fields={"payment_method": "通过非税收入缴款码缴入国库"},
    )
    text = issued_text(letter)
    assert "收费数额：83460元" in text
    assert "缴费期限届满日为2025年4月8日" in text


def test_the_bodys_own_template_is_used_but_may_not_drop_the_remedy(bureau, reviewer):
    default = default_template("reply_granted")
    LetterTemplate.objects.create(
        agency=bureau,
        letter_type="reply_granted",
        title="答复书",
        body="本局特别说明\n" + default.body,
    )
    letter = letter_issue(
        actor=reviewer, application=case(bureau, "granted"), letter_type="reply_granted"
    )
    text = issued_text(letter)
    assert text.startswith("答复书")
    assert "本局特别说明" in text
    assert AuditEvent.objects.get(action="letter.issued").data["template"].startswith("agency:")
    LetterTemplate.objects.filter(agency=bureau).update(
        body="{{ applicant }}：\n根据{{ basis }}的规定，予以公开。"
    )
    with pytest.raises(ValidationFailed, match="救济途径告知"):
        letter_issue(
            actor=reviewer, application=case(bureau, "granted"), letter_type="reply_granted"
        )


def test_admin_preview_returns_a_sample_document(admin_client):
    template = LetterTemplate.objects.create(
        letter_type="reply_denied",
        title="不予公开答复书",
        body=default_template("reply_denied").body,
    )
    response = admin_client.get(
        reverse("admin:applications_lettertemplate_preview", args=[template.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = text_of(response.content)
    assert "不予公开答复书" in text
    assert "样例申请人" in text
    assert "先向样例县人民政府申请行政复议" in text
    added = admin_client.get(
        reverse("admin:applications_lettertemplate_add") + "?letter_type=receipt"
    )
    assert "答复期限届满日为" in added.content.decode()


def test_admin_refuses_a_template_with_an_unknown_variable(admin_client):
    response = admin_client.post(
        reverse("admin:applications_lettertemplate_add"),
        {
            "letter_type": "receipt",
            "title": "回执",
            "body": "{{ applicant }}：\n{{ due }}{{ nobody }}",
        },
    )
    assert response.status_code == 200
    assert "不存在的变量：nobody" in response.context["adminform"].form.non_field_errors()[0]
    assert not LetterTemplate.objects.exists()


def test_the_command_issues_and_verifies(bureau, reviewer, tmp_path):
    application = case(bureau, "granted")
    out = tmp_path / "out.docx"
    stdout = io.StringIO()
    call_command(
        "letters",
        "issue",
        "--agency",
        bureau.name,
        "--number",
        application.number,
        "--type",
        "reply_granted",
        "--user",
        "reviewer",
        "-o",
        str(out),
        stdout=stdout,
    )
    assert "政府信息公开申请答复书（予以公开）" in text_of(out.read_bytes())
    assert NAME not in stdout.getvalue()
    call_command(
        "letters",
        "verify",
        "--agency",
        bureau.name,
        "--number",
        application.number,
        stdout=io.StringIO(),
    )
    letter = Letter.objects.get()
    with open(letter.file.path, "wb") as handle:
        handle.write(b"x")
    with pytest.raises(CommandError, match="校验未通过"):
        call_command("letters", "verify", "--id", str(letter.pk), stdout=io.StringIO())
