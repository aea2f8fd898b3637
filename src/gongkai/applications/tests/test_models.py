"""The invariants the law fixes hold in the database, whoever writes the rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from gongkai.applications.models import Application, new_tracking_code
from gongkai.applications.states import Status
from gongkai.applications.tests.factories import ApplicationFactory, ConsultationFactory

pytestmark = pytest.mark.django_db

D = date


def refused(**changes):
    application = ApplicationFactory()
    for name, value in changes.items():
        setattr(application, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        application.save()


def test_str_shows_number_and_status_but_no_personal_data():
    application = ApplicationFactory(number="YSQ-2025-0042")
    assert str(application) == "YSQ-2025-0042（审查中）"
    assert "张三" not in str(application)


def test_tracking_codes_are_random_and_unique():
    codes = {new_tracking_code() for _ in range(50)}
    assert len(codes) == 50
    first, second = ApplicationFactory(), ApplicationFactory()
    assert first.tracking_code != second.tracking_code


def test_number_is_unique_per_body_only(bureau, other_bureau):
    ApplicationFactory(agency=bureau, number="YSQ-1")
    ApplicationFactory(agency=other_bureau, number="YSQ-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(agency=bureau, number="YSQ-1")


def test_an_open_application_has_no_outcome():
    refused(outcome="granted", answered_on=D(2025, 3, 20))


def test_a_concluded_application_has_an_outcome_and_a_date():
    refused(status=Status.ANSWERED)
    refused(status=Status.WITHDRAWN, answered_on=D(2025, 3, 20))
    refused(status=Status.ANSWERED, outcome="granted")


def test_outcome_must_be_a_row_of_table_three():
    refused(status=Status.ANSWERED, outcome="granted_99", answered_on=D(2025, 3, 20))


def test_answer_is_not_before_receipt():
    refused(status=Status.ANSWERED, outcome="granted", answered_on=D(2025, 3, 2))


def test_correction_is_received_after_it_was_requested():
    refused(correction_requested_on=D(2025, 3, 10), correction_received_on=D(2025, 3, 9))


def test_extension_has_its_notice_date():
    refused(extended=True)


def test_a_concluded_row_is_accepted():
    application = ApplicationFactory(concluded=True, outcome="denied_3")
    assert application.is_open is False
    assert Application.objects.get(pk=application.pk).get_outcome_display() == (
        "（三）不予公开 3.危及“三安全一稳定”"
    )


def test_one_open_consultation_per_application():
    """第三十二条: a consultation at a time; a closed one does not block the next."""
    first = ConsultationFactory(sent_on=D(2025, 3, 5), ended_on=D(2025, 3, 10))
    ConsultationFactory(application=first.application, sent_on=D(2025, 3, 11))
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(application=first.application, sent_on=D(2025, 3, 12))


def test_consultation_does_not_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(sent_on=D(2025, 3, 5), ended_on=D(2025, 3, 4))


# -- how the rows are shown in the admin ------------------------------------------------------


@pytest.fixture
def admin_client_with_case(admin_client):
    application = ApplicationFactory(number="YSQ-2025-0042", applicant_name="王小明")
    return admin_client, application


def test_admin_list_shows_no_personal_data(admin_client_with_case):
    client, _ = admin_client_with_case
    page = client.get("/admin/applications/application/").content.decode()
    assert "YSQ-2025-0042" in page
    assert "王小明" not in page
    assert "640221199001011234" not in page


def test_admin_change_form_shows_the_applicant_read_only(admin_client_with_case):
    client, application = admin_client_with_case
    page = client.get(f"/admin/applications/application/{application.pk}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "王小明" in content
    assert "申请人（个人信息，仅限办理使用）" in content
    assert 'name="applicant_name"' not in content
    assert client.get("/admin/applications/application/add/").status_code == 403
