"""What every API endpoint shares: pagination, error bodies, and the scoping mixin."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, permissions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _django_validation_detail(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def exception_handler(exc, context):
    """Every error answers ``{"code", "message", "errors"}``: a stable machine code, a
    translated sentence, and per-field messages where input was at fault."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    errors = {}
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        message = _("The request has errors; see the fields listed.")
        detail = response.data
        errors = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        code = codes if isinstance(codes, str) else "error"
        detail = response.data.get("detail") if isinstance(response.data, dict) else response.data
        message = str(detail)
    response.data = {"code": code, "message": message, "errors": errors}
    return response


class ScopedQuerysetMixin:
    """The one place a viewset narrows its queryset to what the caller may see.

    ``scope`` is a function from ``members.access`` taking (user, queryset)."""

    scope = None

    def get_queryset(self):
        return type(self).scope(self.request.user, super().get_queryset())


class ActionPermission(permissions.BasePermission):
    """Adapts a ``members.access`` check ``(user, obj) -> bool`` for unsafe methods."""

    check = None

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return type(self).check(request.user, obj)
