"""The governance rules in the security matrix: responsibility credits.

Everyone in governance (not students) reads the rules and the subsidy schemes; an organisation's
administrators (admin_a, admin_b) read their own account and redemptions and ask to redeem; the
secretariat and the government officer read every account; the officer (and the secretariat,
who is an officer too here) decides redemptions; the secretariat writes rules and credits
contributions; schemes are published by both. Everyone else finds nothing; the visitor signs in."""

from datetime import date

from consortium.governance.models import (
    Contribution,
    ContributionKind,
    CreditAccount,
    CreditEntry,
    CreditRule,
    Redemption,
    SubsidyScheme,
)
from tests.matrix import api, page, personas, signed_in

RULE_CODE = "matrix-intern"
SCHEME_TITLE = "矩阵积分补贴"


def _rule(w) -> CreditRule:
    from consortium.governance.services import credits as services

    return CreditRule.objects.filter(code=RULE_CODE).first() or services.rule_publish(
        actor=w.users["secretariat"], code=RULE_CODE, title="矩阵实习规则", kind=ContributionKind.INTERNSHIP_MONTH,
        credits_per_unit=10, valid_from=date(2026, 1, 1))


def _scheme(w) -> SubsidyScheme:
    from consortium.governance.services import credits as services

    return SubsidyScheme.objects.filter(title=SCHEME_TITLE).first() or services.scheme_publish(
        actor=w.users["secretariat"], title=SCHEME_TITLE, description="", credits_per_unit=10, value_per_unit=500,
        opens_on=date(2026, 1, 1))


def _account(w, organization) -> CreditAccount:
    """The organisation's account with 100 credits, adjusted in by the secretariat."""
    from consortium.governance.services import credits as services

    account = CreditAccount.objects.filter(organization=organization).first()
    if account is None:
        services.entry_adjust(organization=organization, amount=100, note="矩阵初始积分", actor=w.users["secretariat"])
        account = CreditAccount.objects.get(organization=organization)
    return account


def a_rule(w, t):
    return {"pk": _rule(w).pk}


def a_scheme(w, t):
    return {"scheme": _scheme(w).pk}


def an_account(w, t):
    _account(w, t.org)
    return {"organization": t.org.pk}


def an_account_pk(w, t):
    return {"pk": _account(w, t.org).pk}


def an_entry(w, t):
    return {"pk": _account(w, t.org).entries.order_by("number").first().pk}


def a_redemption(w, t):
    """A request of A's, waiting for an officer."""
    account = _account(w, w.orgs["org_a"])
    redemption = Redemption.objects.filter(account=account).first() or Redemption.objects.create(
        account=account, scheme=_scheme(w), credits=10, value=500)
    return {"pk": redemption.pk}


def an_uncredited_contribution(w, t):
    Contribution.objects.get_or_create(
        kind=ContributionKind.TRAINING_COURSE, source_type_id=_content_type(w), source_id=w.orgs["org_a"].pk,
        defaults={"organization": w.orgs["org_a"], "quantity": 1, "occurred_on": date(2026, 3, 1)})
    return {}


def _content_type(w) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(type(w.orgs["org_a"])).pk


def rules_state(w, t):
    return list(CreditRule.objects.values_list("pk", "code", "is_active"))


def schemes_state(w, t):
    return list(SubsidyScheme.objects.values_list("pk", "title"))


def redemptions_state(w, t):
    return list(Redemption.objects.values_list("pk", "status", "credits"))


def ledger_state(w, t):
    return list(CreditEntry.objects.values_list("pk", "amount")) + list(CreditAccount.objects.values_list("pk", "balance"))


IN_GOVERNANCE = personas(200, anonymous=302, student=404)
SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)
SCHEME_WRITERS = personas(404, anonymous=302, officer=200, secretariat=200)
ADMINS = personas(404, anonymous=302, admin_a=200, admin_b=200)
CREDIT_READERS = personas(404, anonymous=302, admin_a=200, admin_b=200, officer=200, secretariat=200)
DECIDERS = personas(404, anonymous=302, officer=200, secretariat=200)
NEW_RULE = {"code": "", "title": "", "kind": "internship_month", "credits_per_unit": "", "valid_from": ""}
NEW_SCHEME = {"title": "", "credits_per_unit": "", "value_per_unit": "", "opens_on": ""}
API_SIGNED_IN = signed_in(200, anonymous=401)

RULES = {
    "governance:credit_rules": (page(expect={"any": IN_GOVERNANCE}),),
    "governance:credit_rule_create": (
        page(expect={"any": SECRETARIAT_ONLY}),
        page(method="post", data=NEW_RULE, state=rules_state, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:credit_rule_withdraw": (
        page(kwargs=a_rule, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_rule, method="post", state=rules_state, expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "governance:credit_accounts": (page(expect={"any": CREDIT_READERS}),),
    "governance:credit_account": (
        page(kwargs=an_account, expect={
            "own": CREDIT_READERS,
            "other": personas(404, anonymous=302, officer=200, secretariat=200),
        }),
    ),
    "governance:subsidy_schemes": (page(expect={"any": IN_GOVERNANCE}),),
    "governance:subsidy_scheme_create": (
        page(expect={"any": SCHEME_WRITERS}),
        page(method="post", data=NEW_SCHEME, state=schemes_state, expect={"any": SCHEME_WRITERS}),
    ),
    "governance:redemption_request": (
        page(kwargs=a_scheme, expect={"any": ADMINS}),
        # More credits than anyone holds: refused, the form shown again.
        page(kwargs=a_scheme, method="post", data={"organization": "", "credits": "100000"}, state=redemptions_state,
             expect={"any": ADMINS}),
    ),
    "governance:redemptions": (page(expect={"any": CREDIT_READERS}),),
    "governance:redemption_decide": (
        page(kwargs=a_redemption, expect={"any": DECIDERS}),
        page(kwargs=a_redemption, method="post", data={"decision": "refuse", "reason": ""}, state=redemptions_state,
             expect={"any": DECIDERS}),
    ),
    "governance:uncredited_contributions": (
        page(kwargs=an_uncredited_contribution, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=an_uncredited_contribution, method="post", data={"rule": ""}, state=ledger_state,
             expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance-credit-account-list": (api(expect={"any": API_SIGNED_IN}),),
    "governance-credit-account-detail": (
        api(kwargs=an_account_pk, expect={
            "own": personas(200, anonymous=401, student=404, teacher=404, member_a=404, outsider=404),
            "other": personas(404, anonymous=401, officer=200, secretariat=200),
        }),
    ),
    "governance-credit-entry-list": (api(expect={"any": API_SIGNED_IN}),),
    "governance-credit-entry-detail": (
        api(kwargs=an_entry, expect={
            "own": personas(200, anonymous=401, student=404, teacher=404, member_a=404, outsider=404),
            "other": personas(404, anonymous=401, officer=200, secretariat=200),
        }),
    ),
    "governance-credit-rule-list": (api(expect={"any": API_SIGNED_IN}),),
    "governance-credit-rule-detail": (api(kwargs=a_rule, expect={"any": personas(200, anonymous=401, student=404)}),),
}
