"""Who may do what with responsibility credits (built on the base rules in access/__init__.py).

- The rules and the published subsidy schemes are open to everyone in governance.
- An organisation's administrators see their own organisation's account and its redemptions.
- The secretariat and government officers (Role.OFFICER of a government or park organisation)
  see every account and redemption.
- The secretariat writes rules, credits contributions recorded before their rule existed,
  reverses or adjusts entries; the secretariat and officers publish subsidy schemes; officers
  alone decide redemptions; an organisation's administrators ask for them.
"""

from consortium.governance.access import admin_organization_ids, can_use_governance, is_secretariat
from members import access as members_access
from members.models import PUBLIC_BODY_KINDS, OrganizationStatus, Role


def _reads(user) -> bool:
    """Everyone in governance, and an API key (which reads as its organisation's administrator)."""
    return can_use_governance(user) or (user.is_authenticated and members_access.is_api_key(user))


def is_officer(user) -> bool:
    """A government officer: Role.OFFICER in an active government or industrial-park organisation."""
    if not user.is_authenticated or members_access.is_api_key(user):
        return False
    p = members_access.profile(user)
    return any(p.kind_by_org.get(org) in PUBLIC_BODY_KINDS for org in p.orgs_with_role(Role.OFFICER))


def sees_all_accounts(user) -> bool:
    return is_secretariat(user) or is_officer(user)


def account_organization_ids(user) -> set[int]:
    """The organisations whose account this person reads as their own (their administrators)."""
    if not _reads(user):
        return set()
    return admin_organization_ids(user)


def can_see_credits(user) -> bool:
    """The credits pages: administrators of a member organisation, the secretariat, officers."""
    return can_use_governance(user) and (sees_all_accounts(user) or bool(account_organization_ids(user)))


def can_read_rules(user) -> bool:
    return _reads(user)


def can_manage_rules(user) -> bool:
    return is_secretariat(user)


def can_manage_schemes(user) -> bool:
    return is_secretariat(user) or is_officer(user)


def can_credit_contributions(user) -> bool:
    return is_secretariat(user)


def can_correct_ledger(user) -> bool:
    return is_secretariat(user)


def can_decide_redemptions(user) -> bool:
    return is_officer(user)


def can_request_redemption(user, organization) -> bool:
    return organization.pk in account_organization_ids(user) and organization.status == OrganizationStatus.ACTIVE


def can_see_organization_account(user, organization) -> bool:
    return can_use_governance(user) and (sees_all_accounts(user) or organization.pk in account_organization_ids(user))


# --- scoping -----------------------------------------------------------------------------------


def accounts_for(user, queryset=None):
    from consortium.governance.models import CreditAccount

    queryset = CreditAccount.objects.all() if queryset is None else queryset
    if not _reads(user):
        return queryset.none()
    if sees_all_accounts(user):
        return queryset
    return queryset.filter(organization_id__in=account_organization_ids(user))


def entries_for(user, queryset=None):
    from consortium.governance.models import CreditEntry

    queryset = CreditEntry.objects.all() if queryset is None else queryset
    if not _reads(user):
        return queryset.none()
    if sees_all_accounts(user):
        return queryset
    return queryset.filter(account__organization_id__in=account_organization_ids(user))


def redemptions_for(user, queryset=None):
    from consortium.governance.models import Redemption

    queryset = Redemption.objects.all() if queryset is None else queryset
    if not _reads(user):
        return queryset.none()
    if sees_all_accounts(user):
        return queryset
    return queryset.filter(account__organization_id__in=account_organization_ids(user))


def rules_for(user, queryset=None):
    """Published rules (in force or withdrawn) for everyone in governance; drafts for the secretariat."""
    from consortium.governance.models import CreditRule

    queryset = CreditRule.objects.all() if queryset is None else queryset
    if not can_read_rules(user):
        return queryset.none()
    if can_manage_rules(user):
        return queryset
    return queryset.filter(published_at__isnull=False)


def schemes_for(user, queryset=None):
    from consortium.governance.models import SubsidyScheme

    queryset = SubsidyScheme.objects.all() if queryset is None else queryset
    if not _reads(user):
        return queryset.none()
    if can_manage_schemes(user):
        return queryset
    return queryset.filter(published_at__isnull=False)
