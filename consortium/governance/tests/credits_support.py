"""Building blocks of the credits tests: rules in force, an account with credits, a scheme."""

from datetime import date

from consortium.governance.models import ContributionKind
from consortium.governance.services import credits as services

SINCE = date(2025, 1, 1)


def internship_rule(secretariat, *, credits=10, code="intern", valid_from=SINCE, valid_to=None):
    return services.rule_publish(actor=secretariat, code=code, title="接收实习生每人每月",
                                 kind=ContributionKind.INTERNSHIP_MONTH, credits_per_unit=credits,
                                 valid_from=valid_from, valid_to=valid_to)


def earn(organization, source, *, quantity=10, on=date(2026, 3, 1), kind=ContributionKind.INTERNSHIP_MONTH):
    """Announce a contribution as another app would (through core.events)."""
    from core import events

    events.contribution.send(sender=type(source), kind=kind, organization=organization, source=source,
                             quantity=quantity, occurred_on=on)


def scheme(actor, *, credits=10, value=500):
    return services.scheme_publish(actor=actor, title="校企合作积分补贴", description="每 10 分 500 元。",
                                   credits_per_unit=credits, value_per_unit=value, opens_on=SINCE)
