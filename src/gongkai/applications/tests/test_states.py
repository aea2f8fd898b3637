"""The lifecycle table: who may do what, from which status (条例 第三十条至第三十九条)."""

from __future__ import annotations

from gongkai.agencies.models import Role
from gongkai.applications.states import (
    AUDIT_CODES,
    CLOSED_STATUSES,
    CONCLUDING_ROWS,
    OPEN_STATUSES,
    TRANSITIONS,
    Action,
    Status,
    allowed_actions,
)


def test_extension_needs_the_head():
    """条例 第三十三条第二款: 需要延长答复期限的，应当经政府信息公开工作机构负责人同意."""
    assert Action.EXTEND in allowed_actions(Status.IN_REVIEW, frozenset({Role.HEAD}))
    assert Action.EXTEND not in allowed_actions(Status.IN_REVIEW, frozenset({Role.CLERK}))
    assert Action.EXTEND not in allowed_actions(Status.IN_REVIEW, frozenset({Role.REVIEWER}))


def test_correction_is_asked_from_review_only_and_received_back_into_review():
    """条例 第三十条: 一次性告知补正; the corrected application is examined again."""
    clerk = frozenset({Role.CLERK})
    assert Action.REQUEST_CORRECTION in allowed_actions(Status.IN_REVIEW, clerk)
    assert Action.REQUEST_CORRECTION not in allowed_actions(Status.AWAITING_CORRECTION, clerk)
    move = TRANSITIONS[(Status.AWAITING_CORRECTION, Action.RECEIVE_CORRECTION)]
    assert move.target == Status.IN_REVIEW


def test_an_answer_needs_a_reviewer_or_the_head():
    assert Action.ANSWER not in allowed_actions(Status.IN_REVIEW, frozenset({Role.CLERK}))
    assert Action.ANSWER in allowed_actions(Status.IN_REVIEW, frozenset({Role.REVIEWER}))


def test_every_open_status_can_be_withdrawn_and_no_closed_one():
    staff = frozenset({Role.CLERK})
    for status in OPEN_STATUSES:
        assert Action.WITHDRAW in allowed_actions(status, staff), status
    for status in CLOSED_STATUSES:
        assert Action.WITHDRAW not in allowed_actions(status, staff), status


def test_closed_statuses_lead_nowhere_but_archive():
    for (status, action), _move in TRANSITIONS.items():
        if status in CLOSED_STATUSES:
            assert (status, action) == (Status.ANSWERED, Action.ARCHIVE)


def test_lapses_conclude_in_the_other_rows_of_table_three():
    """表三 （六）1 逾期不补正 (条例 第三十条), （六）2 逾期未缴费 (国办函〔2020〕109号)."""
    assert CONCLUDING_ROWS[Action.CORRECTION_LAPSED] == "other_1"
    assert CONCLUDING_ROWS[Action.FEE_LAPSED] == "other_2"
    assert CONCLUDING_ROWS[Action.WITHDRAW] == "other_3"
    for action in CONCLUDING_ROWS:
        targets = {move.target for (_, a), move in TRANSITIONS.items() if a == action}
        assert targets <= CLOSED_STATUSES


def test_strangers_may_do_nothing():
    for status in Status:
        assert allowed_actions(status, frozenset()) == []


def test_every_action_has_a_past_tense_audit_code():
    assert set(AUDIT_CODES) == set(Action)
    assert all(code.startswith("application.") for code in AUDIT_CODES.values())
