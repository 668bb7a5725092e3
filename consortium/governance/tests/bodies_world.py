"""Bodies and seats for the bodies part's tests: a council with quotas, and people to seat."""

from datetime import date

from consortium.governance.models import Body, BodyKind, Level, QuorumRule, SeatQuota
from members.models import OrganizationKind


def council(name="测试理事会", code="测", quotas=None) -> Body:
    body = Body.objects.create(name=name, name_en="Test council", kind=BodyKind.COUNCIL, level=Level.DECISION,
                               code=code, quorum_rule=QuorumRule.MORE_THAN_HALF)
    for kind, seats in (quotas or {}).items():
        SeatQuota.objects.create(body=body, organization_kind=kind, seats=seats)
    return body


def working_group(name="测试工作组", code="工") -> Body:
    return Body.objects.create(name=name, kind=BodyKind.WORKING_GROUP, level=Level.IMPLEMENTATION, code=code)


TERM = date(2026, 1, 1)
ENTERPRISES_TWO_SCHOOLS_ONE = {OrganizationKind.ENTERPRISE: 2, OrganizationKind.HIGHER_VOCATIONAL: 1}
