"""What the credits part adds to the portal (see core.portal): hub sections, API routes,
scheduled jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _credit_sections(user) -> list:
    """教育责任积分: the balance of the person's organisations (or every account for the
    secretariat and officers); redemptions to decide for officers; contributions to credit for
    the secretariat."""
    from consortium.governance.access import credits as access

    if not access.can_see_credits(user):
        return []
    from consortium.governance.models import CreditAccount, Redemption, RedemptionStatus
    from consortium.governance.services.credits import uncredited_contributions

    sections = []
    own = access.account_organization_ids(user)
    if own:
        balance = sum(CreditAccount.objects.filter(organization_id__in=own).values_list("balance", flat=True))
        text = _("Your organisation holds %(balance)s responsibility credits, earned by hosting interns, training, "
                 "mentoring and co-developing courses, and redeemable under the subsidy schemes.") % {"balance": balance}
    else:
        text = _("Every organisation's responsibility credits: what each earned, and what it redeemed.")
    links = [(_("Credit accounts"), "governance:credit_accounts"), (_("Credit rules"), "governance:credit_rules"),
             (_("Subsidy schemes"), "governance:subsidy_schemes")]
    if own or access.sees_all_accounts(user):
        links.append((_("Redemptions"), "governance:redemptions"))
    sections.append(Section(_("Responsibility credits"), text, links))
    if access.can_decide_redemptions(user):
        waiting = Redemption.objects.filter(status=RedemptionStatus.REQUESTED).count()
        sections.append(Section(
            _("Redemptions to decide"),
            _("Requests to redeem credits under the subsidy schemes, waiting for a government officer."),
            [(_("Redemptions to decide"), "governance:redemptions")], badge=waiting or None))
    if access.can_credit_contributions(user):
        count = uncredited_contributions().count()
        if count:
            sections.append(Section(
                _("Contributions to credit"),
                _("Contributions recorded before a rule covered them: credit them under a rule."),
                [(_("Uncredited contributions"), "governance:uncredited_contributions")], badge=count))
    return sections


def _entry_digest(obj_ref):
    from consortium.governance.services.credits import digest_of_ref

    return digest_of_ref(obj_ref)


def _api():
    from consortium.governance.api import credits

    return credits


HOME_PANELS = [HomePanel(_credit_sections, order=90)]
API_ROUTES = [
    ApiRoute("governance/credit-accounts", _api().CreditAccountViewSet, "governance-credit-account"),
    ApiRoute("governance/credit-entries", _api().CreditEntryViewSet, "governance-credit-entry"),
    ApiRoute("governance/credit-rules", _api().CreditRuleViewSet, "governance-credit-rule"),
]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "credits.rule_published": _("Responsibility credit rule published"),
    "credits.rule_withdrawn": _("Responsibility credit rule withdrawn"),
    "credits.contribution_credited": _("Contribution credited under a rule"),
    "credits.entry_reversed": _("Credit entry reversed"),
    "credits.entry_adjusted": _("Credits adjusted"),
    "credits.scheme_published": _("Subsidy scheme published"),
    "credits.redemption_requested": _("Credit redemption requested"),
    "credits.redemption_approved": _("Credit redemption approved"),
    "credits.redemption_refused": _("Credit redemption refused"),
}
TRANSPARENCY_KINDS = {
    "responsibility_credit.earned": _entry_digest,
    "responsibility_credit.redeemed": _entry_digest,
    "responsibility_credit.reversed": _entry_digest,
    "responsibility_credit.adjusted": _entry_digest,
}
