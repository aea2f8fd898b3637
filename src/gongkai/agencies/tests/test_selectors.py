from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from gongkai.agencies.models import Role
from gongkai.agencies.selectors import roles_of
from gongkai.agencies.services import membership_grant
from gongkai.audit.models import AuditEvent


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
