"""Registering and deciding cases: validated, role-checked, audited; answer deadlines.

Deadline tests cross 国庆节 2024 (10月1日—7日 放假; 9月29日 星期日、10月12日 星期六 调休上班).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.appeals.models import AppealCase, BodyRole, CaseKind, ResultMapping
from gongkai.appeals.services import (
    MAX_DOCUMENT_BYTES,
    answer_due,
    appeal_answered,
    appeal_copy_received,
    appeal_decide,
    appeal_document_add,
    appeal_register,
    appeals_recompute_due,
    result_mapping_set,
)
from gongkai.appeals.tests.factories import ApplicationFactory, ReviewFactory
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from gongkai.workdays.services import notice_import
from gongkai.workdays.tests.published import NOTICE_2026

pytestmark = pytest.mark.django_db


def _events(case: AppealCase, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, target_id=str(case.pk)))


# -- answer deadlines ---------------------------------------------------------------------------


def test_review_answer_is_due_ten_working_days_after_the_copy_across_national_day():
    """行政复议法 第四十八条 "十日内", working days by 第八十八条第二款.

    From Friday 2024-09-27: 9月29日 (调休) 1, 30日 2, 10月1日—7日 off, 8日—11日 3–6,
    12日 (调休) 7, 14日—16日 8–10.
    """
    due = answer_due(kind="review", procedure="ordinary", copy_received_on=date(2024, 9, 27))
    assert due.due == date(2024, 10, 16)
    assert not due.provisional
    assert "第四十八条" in due.basis


def test_simplified_review_answer_is_due_in_five_working_days():
    """行政复议法 第五十三条 (政府信息公开 cases), 第五十四条 "五日内", 第八十八条第二款."""
    due = answer_due(kind="review", procedure="simplified", copy_received_on=date(2024, 9, 27))
    assert due.due == date(2024, 10, 10)
    assert "第五十四条" in due.basis


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # 15th day is 10月1日 (国庆): moved to the first working day after the closure.
        (date(2024, 9, 16), date(2024, 10, 8)),
        # 15th day is an ordinary Saturday: moved to Monday.
        (date(2024, 11, 1), date(2024, 11, 18)),
        # 15th day is 10月12日, a 调休 working Saturday: it stays.
        (date(2024, 9, 27), date(2024, 10, 12)),
        # 15th day is a Thursday: 15 calendar days, holidays inside are not skipped.
        (date(2024, 9, 23), date(2024, 10, 8)),
    ],
)
def test_litigation_answer_is_due_fifteen_calendar_days_after_the_copy(received, expected):
    """行政诉讼法 第六十七条 "十五日内": calendar days (no working-day clause; 第一百零一条 →
    民事诉讼法 第八十五条: a last day that is a day off moves to the next working day)."""
    due = answer_due(kind="litigation", procedure="", copy_received_on=received)
    assert due.due == expected


def test_deadline_in_a_year_without_notice_is_provisional():
    due = answer_due(kind="review", procedure="ordinary", copy_received_on=date(2027, 3, 1))
    assert due.provisional


# -- register -----------------------------------------------------------------------------------


def test_register_computes_the_answer_deadline_and_is_audited(clerk, bureau):
    application = ApplicationFactory(agency=bureau)
    case = appeal_register(
        actor=clerk,
        agency=bureau,
        kind=CaseKind.REVIEW,
        role=BodyRole.RESPONDENT,
        filed_on=date(2024, 9, 20),
        copy_received_on=date(2024, 9, 27),
        case_number="平政复〔2024〕12号",
        applications=[application],
    )
    case.refresh_from_db()
    assert case.procedure == "ordinary"
    assert case.answer_due == date(2024, 10, 16)
    assert list(case.applications.all()) == [application]
    (event,) = _events(case, "appeal.registered")
    assert event.actor == clerk
    assert event.data["answer_due"] == "2024-10-16"
    assert event.data["applications"] == [application.pk]


def test_review_body_has_no_answer_deadline(clerk, bureau):
    case = appeal_register(
        actor=clerk,
        agency=bureau,
        kind=CaseKind.REVIEW,
        role=BodyRole.REVIEW_BODY,
        filed_on=date(2024, 9, 20),
        copy_received_on=date(2024, 9, 27),
    )
    assert case.answer_due is None


def test_co_defendant_review_body_answers_in_fifteen_days(clerk, bureau):
    case = appeal_register(
        actor=clerk,
        agency=bureau,
        kind=CaseKind.LITIGATION,
        route="after_review",
        role=BodyRole.REVIEW_BODY_CO_DEFENDANT,
        filed_on=date(2024, 9, 10),
        copy_received_on=date(2024, 9, 16),
    )
    assert case.answer_due == date(2024, 10, 8)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": "review", "role": "defendant"}, "invalid_role"),
        ({"kind": "litigation", "role": "respondent", "route": "direct"}, "invalid_role"),
        ({"kind": "litigation", "role": "defendant"}, "invalid_route"),
        ({"kind": "review", "role": "respondent", "route": "direct"}, "invalid_route"),
        (
            {
                "kind": "litigation",
                "role": "defendant",
                "route": "direct",
                "procedure": "simplified",
            },
            "invalid_procedure",
        ),
        ({"kind": "appeal", "role": "respondent"}, "invalid_choice"),
        (
            {"kind": "review", "role": "respondent", "copy_received_on": date(2024, 9, 1)},
            "before_filing",
        ),
    ],
)
def test_register_refuses_inconsistent_cases(clerk, bureau, kwargs, code):
    with pytest.raises(ValidationFailed) as caught:
        appeal_register(actor=clerk, agency=bureau, filed_on=date(2024, 9, 20), **kwargs)
    assert caught.value.code == code
    assert not AppealCase.objects.exists()
    assert not AuditEvent.objects.filter(action="appeal.registered").exists()


def test_register_refuses_a_future_filing_date(clerk, bureau):
    with (
        time_machine.travel(datetime(2024, 9, 20, 2, 0, tzinfo=UTC), tick=False),
        pytest.raises(ValidationFailed) as caught,
    ):
        appeal_register(
            actor=clerk, agency=bureau, kind="review", role="respondent", filed_on=date(2024, 9, 21)
        )
    assert caught.value.code == "future_date"


def test_respondent_links_only_its_own_applications(clerk, bureau, other_bureau):
    foreign = ApplicationFactory(agency=other_bureau)
    with pytest.raises(ValidationFailed) as caught:
        appeal_register(
            actor=clerk,
            agency=bureau,
            kind="review",
            role="respondent",
            filed_on=date(2024, 9, 20),
            applications=[foreign],
        )
    assert caught.value.code == "foreign_application"


def test_only_applications_can_be_linked(clerk, bureau):
    with pytest.raises(ValidationFailed) as caught:
        appeal_register(
            actor=clerk,
            agency=bureau,
            kind="review",
            role="respondent",
            filed_on=date(2024, 9, 20),
            applications=[bureau],
        )
    assert caught.value.code == "invalid_application"


def test_register_by_staff_of_another_body_is_refused(other_agency_clerk, oversight, bureau):
    for outsider in (other_agency_clerk, oversight):
        with pytest.raises(PermissionDenied):
            appeal_register(
                actor=outsider,
                agency=bureau,
                kind="review",
                role="respondent",
                filed_on=date(2024, 9, 20),
            )
    assert not AppealCase.objects.exists()


def test_lawsuit_after_review_links_the_bodys_review(clerk, bureau):
    review = ReviewFactory(agency=bureau)
    lawsuit = appeal_register(
        actor=clerk,
        agency=bureau,
        kind="litigation",
        route="after_review",
        role="defendant",
        filed_on=date(2024, 6, 3),
        review_case=review,
    )
    assert list(review.lawsuits.all()) == [lawsuit]
    with pytest.raises(ValidationFailed):
        appeal_register(
            actor=clerk,
            agency=bureau,
            kind="litigation",
            route="direct",
            role="defendant",
            filed_on=date(2024, 6, 3),
            review_case=review,
        )


# -- later steps --------------------------------------------------------------------------------


def test_copy_received_later_sets_the_simplified_deadline_and_is_audited(reviewer, bureau):
    case = ReviewFactory(agency=bureau, filed_on=date(2024, 9, 20))
    case = appeal_copy_received(
        actor=reviewer, case=case, copy_received_on=date(2024, 9, 27), procedure="simplified"
    )
    case.refresh_from_db()
    assert (case.procedure, case.answer_due) == ("simplified", date(2024, 10, 10))
    (event,) = _events(case, "appeal.copy_received")
    assert event.data == {
        "copy_received_on": "2024-09-27",
        "procedure": "simplified",
        "answer_due": "2024-10-10",
    }


def test_answer_recorded_once_and_late_answer_is_flagged(clerk, bureau):
    case = ReviewFactory(agency=bureau, answer_due=date(2024, 3, 18))
    case = appeal_answered(actor=clerk, case=case, answered_on=date(2024, 3, 19))
    (event,) = _events(case, "appeal.answered")
    assert event.data == {"answered_on": "2024-03-19", "late": True}
    with pytest.raises(IllegalTransition):
        appeal_answered(actor=clerk, case=case, answered_on=date(2024, 3, 20))


def test_decide_records_result_and_column_in_the_audit_log(head, bureau):
    case = ReviewFactory(agency=bureau)
    case = appeal_decide(
        actor=head,
        case=case,
        result="revoked",
        decided_on=date(2024, 5, 6),
        deciding_body="平罗县人民政府",
    )
    case.refresh_from_db()
    assert (case.result, case.decided_on, case.deciding_body) == (
        "revoked",
        date(2024, 5, 6),
        "平罗县人民政府",
    )
    (event,) = _events(case, "appeal.decided")
    assert event.actor == head
    assert event.data == {
        "result": "revoked",
        "decided_on": "2024-05-06",
        "table4_column": "corrected",
    }


def test_decided_case_cannot_be_decided_again(head, bureau):
    case = ReviewFactory(agency=bureau, result="upheld", decided_on=date(2024, 5, 6))
    with pytest.raises(IllegalTransition):
        appeal_decide(actor=head, case=case, result="revoked", decided_on=date(2024, 6, 1))
    assert not _events(case, "appeal.decided")


def test_decide_refuses_a_date_before_filing_and_an_unknown_result(head, bureau):
    case = ReviewFactory(agency=bureau, filed_on=date(2024, 3, 4))
    with pytest.raises(ValidationFailed) as caught:
        appeal_decide(actor=head, case=case, result="upheld", decided_on=date(2024, 3, 1))
    assert caught.value.code == "before_filing"
    with pytest.raises(ValidationFailed) as caught:
        appeal_decide(actor=head, case=case, result="won", decided_on=date(2024, 4, 1))
    assert caught.value.code == "invalid_choice"
    case.refresh_from_db()
    assert case.decided_on is None


def test_decide_by_another_body_is_refused(other_agency_clerk, bureau):
    case = ReviewFactory(agency=bureau)
    with pytest.raises(PermissionDenied):
        appeal_decide(
            actor=other_agency_clerk, case=case, result="upheld", decided_on=date(2024, 5, 6)
        )


def test_result_mapping_override_is_for_superusers_and_audited(clerk, django_user_model):
    with pytest.raises(PermissionDenied):
        result_mapping_set(actor=clerk, result="rejected", column="other")
    root = django_user_model.objects.create_superuser("root", "r@example.gov.cn", "pw")
    result_mapping_set(actor=root, result="rejected", column="other", basis="某省统计口径")
    assert ResultMapping.objects.get(result="rejected").column == "other"
    event = AuditEvent.objects.get(action="appeal.result_mapping_set")
    assert event.data["default"] == "upheld"


def test_recompute_updates_stale_deadlines_once(bureau):
    case = ReviewFactory(
        agency=bureau,
        filed_on=date(2024, 9, 20),
        copy_received_on=date(2024, 9, 27),
        answer_due=date(2024, 10, 11),
    )
    assert appeals_recompute_due() == 1
    case.refresh_from_db()
    assert case.answer_due == date(2024, 10, 16)
    assert appeals_recompute_due() == 0
    assert AuditEvent.objects.filter(action="appeal.deadlines_recomputed").count() == 1


def test_document_is_stored_and_audited_without_its_content(clerk, bureau):
    case = ReviewFactory(agency=bureau)
    upload = SimpleUploadedFile("答复书.pdf", b"%PDF-1.7 content", content_type="application/pdf")
    document = appeal_document_add(actor=clerk, case=case, title="行政复议答复书", file=upload)
    assert document.file.name.startswith(f"appeals/{case.pk}/")
    with document.file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.7 content"
    (event,) = _events(case, "appeal.document_added")
    assert event.data == {"document": document.pk, "title": "行政复议答复书", "bytes": 16}


def test_document_needs_a_title_a_content_and_a_staff_member(clerk, other_agency_clerk, bureau):
    case = ReviewFactory(agency=bureau)
    with pytest.raises(ValidationFailed) as caught:
        appeal_document_add(
            actor=clerk, case=case, title=" ", file=SimpleUploadedFile("a.pdf", b"x")
        )
    assert caught.value.code == "invalid_title"
    with pytest.raises(ValidationFailed) as caught:
        appeal_document_add(
            actor=clerk, case=case, title="答辩状", file=SimpleUploadedFile("a.pdf", b"")
        )
    assert caught.value.code == "empty_file"
    big = SimpleUploadedFile("a.pdf", b"x" * (MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(ValidationFailed) as caught:
        appeal_document_add(actor=clerk, case=case, title="答辩状", file=big)
    assert caught.value.code == "file_too_large"
    with pytest.raises(PermissionDenied):
        appeal_document_add(
            actor=other_agency_clerk,
            case=case,
            title="答辩状",
            file=SimpleUploadedFile("a.pdf", b"x"),
        )
    assert not case.documents.exists()


def test_a_corrected_holiday_notice_moves_the_answer_due_of_open_cases_only(bureau):
    """行政复议法 第四十八条: 10 working days from receipt of the copy. When the calendar changes
    (a notice replaced), the due day of a case still awaiting its answer moves with it
    (GONGKAI_CALENDAR_DEPENDENTS); an answered case keeps the day it was judged against."""
    waiting = ReviewFactory(
        agency=bureau, filed_on=date(2026, 2, 9), copy_received_on=date(2026, 2, 10)
    )
    answered = ReviewFactory(
        agency=bureau,
        filed_on=date(2026, 2, 9),
        copy_received_on=date(2026, 2, 10),
        answered_on=date(2026, 2, 12),
        answer_due=date(2026, 3, 2),
    )
    assert appeals_recompute_due() == 1
    waiting.refresh_from_db()
    assert waiting.answer_due == date(2026, 3, 2)
    data = yaml.safe_load(NOTICE_2026)
    data["holidays"][1]["to"] = date(2026, 2, 22)  # hypothetically: 春节 a day shorter
    data["holidays"][1]["days"] = 8

    notice_import(data=data, replace=True)

    waiting.refresh_from_db()
    answered.refresh_from_db()
    assert waiting.answer_due == date(2026, 2, 28)  # 23 February now counts; 28th is worked
    assert answered.answer_due == date(2026, 3, 2)
    event = AuditEvent.objects.get(action="workdays.notice_replaced")
    assert event.data["recomputed_elsewhere"]["appeals_recompute_due"] == 1
