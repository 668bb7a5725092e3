"""The credits pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from consortium.governance.models import CreditRule, Redemption, RedemptionStatus, SubsidyScheme
    from members.models import Organization

    hengyuan = Organization.objects.get(name_zh="常州恒远精密机械有限公司")
    scheme = SubsidyScheme.objects.order_by("pk").first()
    rule = CreditRule.objects.published().filter(is_active=True).order_by("pk").first()
    waiting = Redemption.objects.filter(status=RedemptionStatus.REQUESTED).order_by("pk").first()
    account = reverse("governance:credit_account", args=[hengyuan.pk])
    return {
        "council": [
            ("credit account", account),
            ("credit accounts", reverse("governance:credit_accounts")),
            ("credit redemption request", reverse("governance:redemption_request", args=[scheme.pk])),
            ("credit redemptions", reverse("governance:redemptions")),
            ("subsidy schemes", reverse("governance:subsidy_schemes")),
        ],
        "hr": [("credit rules", reverse("governance:credit_rules") + "?kind=internship_month")],
        "officer": [
            ("credit redemptions to decide", reverse("governance:redemptions")),
            ("credit redemption decision", reverse("governance:redemption_decide", args=[waiting.pk])),
            ("credit account ledger by kind", account + "?kind=earned"),
            ("subsidy scheme new", reverse("governance:subsidy_scheme_create")),
        ],
        "secretariat": [
            ("credit accounts by balance", reverse("governance:credit_accounts") + "?sort=-balance"),
            ("credit rule new", reverse("governance:credit_rule_create")),
            ("credit rule withdraw", reverse("governance:credit_rule_withdraw", args=[rule.pk])),
            ("uncredited contributions", reverse("governance:uncredited_contributions")),
        ],
    }
