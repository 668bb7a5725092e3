"""Validation of national codes, with messages a person can act on."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength


def normalize_credit_code(value: str) -> str:
    return uscc.compact(value or "")


def validate_credit_code(value: str) -> None:
    """统一社会信用代码 (GB 32100-2015): 18 characters ending in a check character."""
    try:
        uscc.validate(value)
    except InvalidLength:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length",
            params={"count": len(normalize_credit_code(value))},
        )
    except InvalidChecksum:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong; please check for a typing mistake."),
            code="credit_code_checksum",
        )
    except (InvalidFormat, InvalidComponent):
        raise ValidationError(
            _("This is not a valid unified social credit code: it may use digits and capital letters "
              "except I, O, S, V and Z."),
            code="credit_code_format",
        )


# GB 32100-2015: a credit code's first character names the registering authority and its
# second the kind of registration. Each kind of member organisation is registered as one of:
REGISTRATIONS = {
    "11": _("a government organ"),
    "12": _("a public institution"),
    "51": _("a social organisation"),
    "52": _("a private non-enterprise unit"),
    "91": _("an enterprise"),
}


def registrations_for(kind: str) -> tuple[str, ...]:
    """The registrations an organisation of this kind may have (the code's first two characters)."""
    from members.models import OrganizationKind as K

    schools = ("12", "52")  # a public school is a public institution; a private one a private non-enterprise unit
    return {
        K.GOVERNMENT: ("11",),
        K.INDUSTRIAL_PARK: ("11", "12"),  # a park's administrative committee
        K.ENTERPRISE: ("91",),
        K.SECONDARY_VOCATIONAL: schools,
        K.HIGHER_VOCATIONAL: schools,
        K.VOCATIONAL_BACHELOR: schools,
        K.UNIVERSITY: schools,
        K.RESEARCH_INSTITUTE: ("12", "52", "91"),
        K.INDUSTRY_ASSOCIATION: ("51",),
    }.get(kind, tuple(REGISTRATIONS))


def validate_registration_fits_kind(credit_code: str, kind: str, kind_label) -> None:
    """The credit code's registration must fit the organisation's kind: an enterprise's code
    (91…) for a government body is refused, saying why."""
    prefix = (credit_code or "")[:2]
    allowed = registrations_for(kind)
    if len(prefix) < 2 or prefix in allowed:
        return
    registered = REGISTRATIONS.get(prefix)
    expected = "、".join(allowed) if len(allowed) > 1 else allowed[0]
    if registered is None:
        message = _("A code starting %(prefix)s is not one a %(kind)s is registered with; its code starts "
                    "with %(expected)s.")
    else:
        message = _("A code starting %(prefix)s belongs to %(registered)s, not a %(kind)s, whose code starts "
                    "with %(expected)s.")
    raise ValidationError(
        message, code="credit_code_registration",
        params={"prefix": prefix, "registered": registered, "kind": str(kind_label).lower(), "expected": expected},
    )
