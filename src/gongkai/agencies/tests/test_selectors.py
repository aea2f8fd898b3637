from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import roles_of, staff_require
from gongkai.agencies.services import membership_grant
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import PermissionDenied


def test_roles_are_per_agency(bureau, other_bureau, clerk, head):
    assert roles_of(clerk, bureau) == {Role.CLERK}
    assert roles_of(clerk, other_bureau) == frozenset()
    membership_grant(actor=head, user=clerk, agency=bureau, role=Role.REVIEWER)
    membership_grant(actor=head, user=clerk, agency=bureau, role=Role.REVIEWER)
    assert roles_of(clerk, bureau) == {Role.CLERK, Role.REVIEWER}
    granted = AuditEvent.objects.filter(action="membership.granted", data__role="reviewer")
    assert granted.count() == 1


def test_anonymous_has_no_roles(bureau):
    assert roles_of(AnonymousUser(), bureau) == frozenset()


def test_only_clerks_reviewers_and_heads_handle_a_bodys_records(
    bureau, clerk, reviewer, head, oversight, django_user_model
):
    """One rule for every app: 经办人、审核人、负责人 handle the records; 公开办 reads them and a
    管理员 manages accounts, neither records cases; None is the system (command line)."""
    for user in (clerk, reviewer, head, None):
        staff_require(user, bureau, "登记案件")
    admin = django_user_model.objects.create_user("admin-only")
    membership_grant(actor=head, user=admin, agency=bureau, role=Role.ADMIN)
    for user in (admin, oversight, AnonymousUser()):
        with pytest.raises(PermissionDenied, match=r"不是“.*”的工作人员，不能登记案件"):
            staff_require(user, bureau, "登记案件")
