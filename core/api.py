"""What every API endpoint shares: pagination, filters, error bodies, and the scoping mixin.

Query parameters are strict: a page, a page size, an id or a yes/no filter that is not what
the schema says is refused with a 400 that names the parameter, never ignored or guessed at.
An empty value means the parameter was not given (the schema says so: allowEmptyValue)."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, filters, pagination, permissions
from rest_framework.views import exception_handler as drf_exception_handler

# The largest id the database holds (a 64-bit signed integer).
MAX_ID = 2**63 - 1


def _whole_number(request, name: str, *, default: int, low: int, high: int | None) -> int:
    raw = request.query_params.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        if high is None:
            message = _("Give a whole number of at least %(low)d.") % {"low": low}
        else:
            message = _("Give a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
        raise exceptions.ValidationError({name: [message]})
    return value


class Pagination(pagination.PageNumberPagination):
    """Pages of 50 (page_size up to 200). A page past the end answers 404; a page or page
    size that is not a whole number in range answers 400."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()

    def get_page_size(self, request):
        return _whole_number(request, self.page_size_query_param, default=self.page_size, low=1,
                             high=self.max_page_size)

    def get_page_number(self, request, paginator):
        return _whole_number(request, self.page_query_param, default=1, low=1, high=None)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


# --- filters --------------------------------------------------------------------------


class IdField(forms.IntegerField):
    default_error_messages = {"invalid": gettext_lazy("Give the id as a whole number.")}

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An object's id: a whole number from 1 up to the largest id the database holds. An id
    no one has matches nothing (an empty list), as a search would."""

    field_class = IdField


class YesNoField(forms.Field):
    default_error_messages = {"invalid": gettext_lazy("Give true or false.")}
    VALUES = {"true": True, "false": False}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        try:
            return self.VALUES[str(value).lower()]
        except KeyError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


@extend_schema_field({"type": "boolean"})
class YesNoFilter(django_filters.BooleanFilter):
    """true or false, nothing else (not 1, 0, yes or on)."""

    field_class = YesNoField


class FilterSet(django_filters.FilterSet):
    """The base of every API filter set: ids and yes/no fields filter strictly."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": YesNoFilter},
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
        models.AutoField: {"filter_class": IdFilter},
        models.BigAutoField: {"filter_class": IdFilter},
    }


def _django_validation_detail(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def error_response(*, status: int, code: str, message: str) -> JsonResponse:
    """An error answered outside DRF's views (an address no API route matches), in the
    same shape as every other API error."""
    return JsonResponse({"code": code, "message": message, "errors": {}}, status=status)


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


class SearchFilter(filters.SearchFilter):
    """DRF's search, refusing a NUL character (which the database cannot compare) with the
    message every text field gives."""

    def get_search_terms(self, request):
        if "\x00" in request.query_params.get(self.search_param, ""):
            raise exceptions.ValidationError({self.search_param: [_("Null characters are not allowed.")]})
        return super().get_search_terms(request)


class OrderingFilter(filters.OrderingFilter):
    """DRF's ordering, on the columns a view names in ``ordering_fields`` only. DRF would
    otherwise offer every serializer field, including ones computed by a method, which the
    database cannot sort by."""

    def get_valid_fields(self, queryset, view, context=None):
        if getattr(view, "ordering_fields", None) is None:
            return []
        return super().get_valid_fields(queryset, view, context or {})


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
