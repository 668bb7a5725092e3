"""How verification results and a credential's status read on the pages."""

from django import template
from django.utils.translation import gettext_lazy as _

from credentials import verify
from credentials.vc.verification import FAILED, PASSED

register = template.Library()

OUTCOMES = {
    PASSED: (_("Passed"), "text-bg-success"),
    FAILED: (_("Failed"), "text-bg-danger"),
}
NOT_CHECKED = (_("Not checked"), "text-bg-secondary")

VERDICTS = {
    "valid": (_("Genuine and valid"),
              _("This credential was issued by a member of the consortium, has not been changed, and is valid today."),
              "alert-success"),
    "revoked": (_("Revoked: not valid"),
                _("The credential is genuine, but its issuer has revoked it. It is no longer valid."), "alert-danger"),
    "suspended": (_("Suspended: not valid for now"),
                  _("The credential is genuine, but its issuer has suspended it. It is not valid while suspended."),
                  "alert-warning"),
    "expired": (_("Expired: no longer valid"),
                _("The credential is genuine, but its period of validity has ended."), "alert-warning"),
    "unknown_issuer": (_("Not issued through this portal"),
                       _("The portal cannot vouch for this credential: its issuer is not an organisation of the "
                         "consortium."), "alert-secondary"),
    "invalid": (_("Not valid"),
                _("At least one check failed: do not rely on this credential. The checks below say why."),
                "alert-danger"),
}

BADGES = {
    "active": (_("Valid"), "text-bg-success"),
    "suspended": (_("Suspended"), "text-bg-warning"),
    "revoked": (_("Revoked"), "text-bg-danger"),
    "expired": (_("Expired"), "text-bg-secondary"),
}


@register.simple_tag
def outcome(check):
    return OUTCOMES.get(check.outcome, NOT_CHECKED)


@register.simple_tag
def check_title(check):
    return verify.CHECK_TITLES.get(check.name, check.name)


@register.simple_tag
def verdict(result):
    return VERDICTS[result.verdict]


@register.simple_tag
def status_badge(credential):
    return BADGES[verify.status_badge(credential)]
