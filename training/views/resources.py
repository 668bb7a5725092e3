"""The resource library's pages: the resources a person sees, searched and filtered, one resource
with its licence and owner, its file (handed out only here, to those who see it), and the writes
of the people who add and keep resources. Every write is a call to ``services.resources``;
anything outside the viewer's reach answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.files import download
from members.forms import add_service_errors
from members.models import Organization
from training.access import resources as access
from training.forms.resources import ResourceFilterForm, ResourceForm
from training.selectors import resources as selectors
from training.services import resources as services

PAGE_SIZE = 25


def _reader(request) -> None:
    if not access.can_read_resources(request.user):
        raise Http404


def _resource(request, pk, *, edit=False):
    _reader(request)
    resource = get_object_or_404(selectors.resources_for(request.user).select_related("created_by"), pk=pk)
    if edit and not access.can_edit_resource(request.user, resource):
        raise Http404
    return resource


@login_required
def resource_list(request):
    _reader(request)
    visible = selectors.resources_for(request.user)
    form = ResourceFilterForm(request.GET or None, visible=visible)
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.resource_list(request.user, data), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/resources/list.html", {
        "form": form, "page": page, "can_add": access.can_add_resources(request.user),
    })


@login_required
def resource_detail(request, pk):
    resource = _resource(request, pk)
    return render(request, "training/resources/detail.html", {
        "resource": resource, "skills": list(resource.skills.order_by("code")),
        "can_edit": access.can_edit_resource(request.user, resource),
    })


@login_required
def resource_file(request, pk):
    resource = _resource(request, pk)
    kind = services.kind_of_name(resource.file_name)
    if not resource.file or kind is None:
        raise Http404
    return download(resource.file, name=resource.file_name, content_type=kind.content_type,
                    fallback=f"resource-{resource.pk}{kind.extensions[0]}")


def _form(request, resource=None):
    owners = access.owner_choices(request.user)
    initial = None
    if resource is not None:
        initial = {name: getattr(resource, name) for name in services.RESOURCE_FIELDS if name != "skills"}
        initial["skills"] = list(resource.skills.all())
        owners = owners | Organization.objects.filter(pk=resource.owner_id)
    posted = request.method == "POST"
    form = ResourceForm(request.POST if posted else None, request.FILES if posted else None,
                        owners=owners, initial=initial)
    if posted and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if resource is None:
                resource = services.resource_create(actor=request.user, **data)
            else:
                services.resource_update(resource=resource, actor=request.user, **data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The resource is saved."))
            return redirect("training:resource", resource.pk)
    return render(request, "training/resources/form.html", {"form": form, "resource": resource})


@login_required
def resource_create(request):
    _reader(request)
    if not access.can_add_resources(request.user):
        raise Http404
    return _form(request)


@login_required
def resource_edit(request, pk):
    return _form(request, _resource(request, pk, edit=True))


@login_required
def resource_delete(request, pk):
    resource = _resource(request, pk, edit=True)
    if request.method == "POST":
        try:
            services.resource_delete(resource=resource, actor=request.user)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("training:resource", pk=resource.pk)
        messages.success(request, _("The resource is deleted."))
        return redirect("training:resources")
    return render(request, "training/resources/delete.html", {"resource": resource})
