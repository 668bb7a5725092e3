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
