"""Publications: the 第二十六条 deadline and the review before release (条例 第十七条).

Every workflow test asserts the state and the audit row. "Today" is frozen (conftest.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import (
    IllegalTransition,
    NotFoundOrForbidden,
    PermissionDenied,
    ValidationFailed,
)
from gongkai.publishing.models import (
    Channel,
    Decision,
    DisclosureMode,
    Publication,
    PublicationChannel,
    ReviewDecision,
)
from gongkai.publishing.selectors import due_of, publications_overdue
from gongkai.publishing.services import (
    publication_channel_add,
    publication_create,
    publication_secrecy_review,
    publication_update,
    review_chain_set,
    settings_update,
    transition,
)
from gongkai.publishing.states import Action, Status, allowed_actions
from gongkai.workdays.models import DeadlineStatus

pytestmark = pytest.mark.django_db

#: A Friday before the 2025 国庆节、中秋节 closure (10月1日至8日放假，9月28日、10月11日上班).
BEFORE_NATIONAL_DAY = date(2025, 9, 26)


def create(clerk, bureau, **extra):
    values = {"title": "2025年秋季学期义务教育招生计划", "formed_on": BEFORE_NATIONAL_DAY}
    values.update(extra)
    return publication_create(actor=clerk, agency=bureau, **values)


def events(publication, action):
    return list(
        AuditEvent.objects.filter(
            action=action, target_type="publishing.publication", target_id=str(publication.pk)
        ).order_by("id")
    )


def through_chain(publication, clerk, reviewer, head):
    publication = transition(actor=clerk, publication=publication, action=Action.SUBMIT)
    publication = transition(actor=clerk, publication=publication, action=Action.APPROVE)
    publication = transition(actor=reviewer, publication=publication, action=Action.APPROVE)
    return transition(actor=head, publication=publication, action=Action.APPROVE)


# --- the deadline (条例 第二十六条) -------------------------------------------------------------


def test_due_date_is_20_working_days_across_the_national_day_closure(clerk, bureau):
    """第二十六条: 20 working days from formation. Counting from Fri 26 Sep 2025: the 调休
    Sunday 28 Sep counts, 1–8 Oct do not, Sat 11 Oct counts → Thu 30 Oct (not 24 Oct)."""
    publication = create(clerk, bureau)
    assert publication.publish_deadline.due == date(2025, 10, 30)
    assert publication.publish_deadline.days == 20
    assert due_of(publication) == date(2025, 10, 30)
    [event] = events(publication, "publication.created")
    assert event.data["due"] == "2025-10-30"


def test_a_special_term_set_by_law_overrides_the_20_days(clerk, bureau):
    publication = create(clerk, bureau, override_due=date(2025, 10, 10))
    assert due_of(publication) == date(2025, 10, 10)


def test_the_overdue_list_holds_late_and_pending_items_but_not_timely_ones(
    clerk, reviewer, head, bureau
):
    """第二十六条 and 第五十三条（二）: pending past the due date, or published after it."""
    pending = create(clerk, bureau, title="逾期未公开")
    timely = create(clerk, bureau, title="按时公开")
    late = create(clerk, bureau, title="逾期公开")
    for item, on in ((timely, date(2025, 10, 30)), (late, date(2025, 10, 31))):
        item = through_chain(item, clerk, reviewer, head)
        item = publication_secrecy_review(actor=clerk, publication=item, reviewer_name="王保密")
        transition(actor=clerk, publication=item, action=Action.RELEASE, on=on)

    assert publications_overdue(agency=bureau, as_of=date(2025, 10, 30)) == []
    overdue = publications_overdue(agency=bureau, as_of=date(2025, 10, 31))
    assert {(o["title"], o["late"], o["due"]) for o in overdue} == {
        ("逾期未公开", False, "2025-10-30"),
        ("逾期公开", True, "2025-10-30"),
    }
    pending.publish_deadline.refresh_from_db()
    assert pending.publish_deadline.status == DeadlineStatus.OPEN


def test_a_new_formation_date_opens_a_new_period(clerk, bureau):
    publication = create(clerk, bureau)
    old = publication.publish_deadline
    publication = publication_update(
        actor=clerk, publication=publication, formed_on=date(2025, 10, 9)
    )
    old.refresh_from_db()
    assert old.status == DeadlineStatus.CLOSED
    assert publication.publish_deadline.start == date(2025, 10, 9)
    assert publication.publish_deadline.status == DeadlineStatus.OPEN
    assert events(publication, "publication.updated")[0].data == {"fields": ["formed_on"]}


def test_index_numbers_follow_the_bodys_pattern_and_count_per_year(clerk, head, bureau):
    bureau.credit_code = "11640221MB1234567X"
    settings_update(actor=head, agency=bureau, index_pattern="{credit_code}/{year}-{seq:05d}")
    first = create(clerk, bureau)
    second = create(clerk, bureau, formed_on=date(2025, 1, 6))
    other_year = create(clerk, bureau, formed_on=date(2026, 1, 5))
    assert first.index_number.endswith("/2025-00001")
    assert second.index_number.endswith("/2025-00002")
    assert other_year.index_number.endswith("/2026-00001")


def test_a_broken_index_pattern_is_refused(head, bureau):
    with pytest.raises(ValidationFailed, match="索引号格式"):
        settings_update(actor=head, agency=bureau, index_pattern="{unknown}-{seq}")


def test_a_stranger_cannot_create_for_another_body(other_agency_clerk, bureau):
    with pytest.raises(NotFoundOrForbidden):
        create(other_agency_clerk, bureau)
    assert not Publication.objects.exists()


def test_withheld_information_needs_a_reason_and_has_no_deadline(clerk, bureau):
    with pytest.raises(ValidationFailed, match="不予公开须说明理由"):
        create(clerk, bureau, disclosure_mode=DisclosureMode.WITHHELD)
    withheld = create(
        clerk,
        bureau,
        disclosure_mode=DisclosureMode.WITHHELD,
        withheld_reason="内部事务信息（条例第十六条第一款）",
        review_due=date(2026, 9, 26),
    )
    assert withheld.publish_deadline is None
    with pytest.raises(IllegalTransition):
        transition(actor=clerk, publication=withheld, action=Action.SUBMIT)


# --- the review chain (先审查，后公开) ------------------------------------------------------------


def test_the_full_chain_then_secrecy_review_then_release(clerk, reviewer, head, bureau):
    publication = create(clerk, bureau)
    publication = transition(actor=clerk, publication=publication, action=Action.SUBMIT)
    assert (publication.status, publication.review_step) == (Status.IN_REVIEW, 1)
    publication = transition(
        actor=clerk, publication=publication, action=Action.APPROVE, comment="初审同意"
    )
    assert (publication.status, publication.review_step) == (Status.IN_REVIEW, 2)
    publication = transition(actor=reviewer, publication=publication, action=Action.APPROVE)
    assert publication.review_step == 3
    publication = transition(actor=head, publication=publication, action=Action.APPROVE)
    assert (publication.status, publication.review_step) == (Status.APPROVED, 0)

    with pytest.raises(IllegalTransition, match="保密审查"):
        transition(actor=clerk, publication=publication, action=Action.RELEASE)
    publication = publication_secrecy_review(
        actor=clerk, publication=publication, reviewer_name="王保密"
    )
    publication = transition(
        actor=clerk,
        publication=publication,
        action=Action.RELEASE,
        on=date(2025, 10, 20),
        channels=[(Channel.WEBSITE, "https://example.gov.cn/a/1"), (Channel.WECHAT, "")],
    )
    assert publication.status == Status.PUBLISHED
    assert publication.published_on == date(2025, 10, 20)
    publication.publish_deadline.refresh_from_db()
    assert publication.publish_deadline.status == DeadlineStatus.CLOSED
    assert set(
        PublicationChannel.objects.filter(publication=publication).values_list("channel", flat=True)
    ) == {Channel.WEBSITE, Channel.WECHAT}

    decisions = list(
        ReviewDecision.objects.filter(publication=publication).values_list(
            "step_name", "decision", "decided_by__username"
        )
    )
    assert decisions == [
        ("初审", Decision.APPROVE, "clerk"),
        ("复审", Decision.APPROVE, "reviewer"),
        ("终审", Decision.APPROVE, "head"),
    ]
    approvals = events(publication, "publication.approve")
    assert [e.data["step_name"] for e in approvals] == ["初审", "复审", "终审"]
    assert [e.actor.username for e in approvals] == ["clerk", "reviewer", "head"]
    [secrecy] = events(publication, "publication.secrecy_reviewed")
    assert secrecy.data == {"reviewer": "王保密"}
    [release] = events(publication, "publication.release")
    assert release.data["to"] == Status.PUBLISHED
    assert release.data["channels"] == [Channel.WEBSITE, Channel.WECHAT]


def test_no_step_can_be_skipped(clerk, reviewer, head, bureau):
    publication = transition(actor=clerk, publication=create(clerk, bureau), action="submit")
    with pytest.raises(PermissionDenied, match="初审"):
        transition(actor=head, publication=publication, action=Action.APPROVE)
    with pytest.raises(PermissionDenied, match="初审"):
        transition(actor=reviewer, publication=publication, action=Action.APPROVE)
    publication = transition(actor=clerk, publication=publication, action=Action.APPROVE)
    with pytest.raises(PermissionDenied, match="复审"):
        transition(actor=head, publication=publication, action=Action.APPROVE)
    with pytest.raises(IllegalTransition, match="审查中"):
        transition(actor=clerk, publication=publication, action=Action.RELEASE)
    publication.refresh_from_db()
    assert (publication.status, publication.review_step) == (Status.IN_REVIEW, 2)
    assert not events(publication, "publication.release")
    assert len(events(publication, "publication.approve")) == 1


def test_one_person_decides_one_step_per_round(clerk, reviewer, bureau):
    reviewer_also_head = reviewer
    from gongkai.agencies.services import membership_grant

    membership_grant(actor=None, user=reviewer_also_head, agency=bureau, role="head")
    publication = transition(actor=clerk, publication=create(clerk, bureau), action="submit")
    publication = transition(actor=clerk, publication=publication, action="approve")
    publication = transition(actor=reviewer, publication=publication, action="approve")
    with pytest.raises(PermissionDenied, match="一人只能审查一个步骤"):
        transition(actor=reviewer, publication=publication, action="approve")


def test_a_return_sends_the_item_back_to_draft_with_the_comment(clerk, reviewer, head, bureau):
    publication = transition(actor=clerk, publication=create(clerk, bureau), action="submit")
    publication = transition(actor=clerk, publication=publication, action="approve")
    with pytest.raises(ValidationFailed, match="退回须填写审查意见"):
        transition(actor=reviewer, publication=publication, action=Action.RETURN)
    publication = transition(
        actor=reviewer,
        publication=publication,
        action=Action.RETURN,
        comment="附件含学生身份证号，删除后再报",
    )
    assert (publication.status, publication.review_step) == (Status.DRAFT, 0)
    [returned] = events(publication, "publication.return")
    assert returned.data["comment"] == "附件含学生身份证号，删除后再报"
    assert returned.data["step_name"] == "复审"
    assert returned.actor.username == "reviewer"
    assert ReviewDecision.objects.get(decision=Decision.RETURN).comment.startswith("附件含")

    # A new round starts from the first step again; the old approvals do not count.
    publication = through_chain(publication, clerk, reviewer, head)
    assert (publication.status, publication.review_round) == (Status.APPROVED, 2)
    assert ReviewDecision.objects.filter(publication=publication, round=2).count() == 3


def test_release_needs_every_step_of_the_current_round(clerk, reviewer, head, bureau):
    publication = through_chain(create(clerk, bureau), clerk, reviewer, head)
    publication = publication_secrecy_review(
        actor=clerk, publication=publication, reviewer_name="王保密"
    )
    # Someone bypasses the services and marks a new round as approved.
    Publication.objects.filter(pk=publication.pk).update(review_round=2)
    with pytest.raises(IllegalTransition, match="未完成审查：初审、复审、终审"):
        transition(actor=clerk, publication=publication, action=Action.RELEASE)


def test_a_configured_chain_replaces_the_default(clerk, head, bureau):
    review_chain_set(actor=head, agency=bureau, steps=[("审核", "reviewer"), ("签发", "head")])
    publication = transition(actor=clerk, publication=create(clerk, bureau), action="submit")
    with pytest.raises(PermissionDenied, match="审核"):
        transition(actor=clerk, publication=publication, action="approve")
    assert allowed_actions(publication.status, frozenset({"reviewer"}), "reviewer") == [
        Action.APPROVE,
        Action.RETURN,
    ]
    with pytest.raises(PermissionDenied):
        review_chain_set(actor=clerk, agency=bureau, steps=[("初审", "clerk")])


def test_channels_are_added_only_to_published_items(clerk, reviewer, head, bureau):
    publication = create(clerk, bureau)
    with pytest.raises(IllegalTransition):
        publication_channel_add(
            actor=clerk, publication=publication, channel="weibo", published_on=date(2025, 10, 9)
        )
    publication = through_chain(publication, clerk, reviewer, head)
    publication_secrecy_review(actor=clerk, publication=publication, reviewer_name="王保密")
    transition(actor=clerk, publication=publication, action="release", on=date(2025, 10, 9))
    publication_channel_add(
        actor=clerk, publication=publication, channel="weibo", published_on=date(2025, 10, 10)
    )
    assert publication.channels.count() == 2
    assert events(publication, "publication.channel_added")[0].data["channel"] == "weibo"


def test_the_database_refuses_a_publication_without_secrecy_review(bureau):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Publication.objects.create(
            agency=bureau,
            index_number="X-1",
            title="绕过服务",
            formed_on=date(2025, 1, 2),
            status=Status.PUBLISHED,
            published_on=date(2025, 1, 3),
        )
