"""信息公开: the public disclosure pages, open without signing in. Only rows marked public appear."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from consortium.governance.forms.disclosure import PublicResolutionFilter
from consortium.governance.models import Resolution
from consortium.governance.selectors import disclosure as selectors
from consortium.governance.selectors.minutes import public_minutes
from consortium.governance.selectors.projects import line_execution, public_projects
from core.caching import cache_page
from members.auth import page_viewer

PAGE_SIZE = 25


@cache_page(selectors.DISCLOSURE, viewer_key=page_viewer)
def public_home(request):
    """信息公开: the latest public resolutions, approved minutes and projects with their execution."""
    return render(request, "governance/disclosure/home.html", {
        "resolutions": selectors.public_resolutions()[:10],
        "minutes": public_minutes()[:5],
        "projects": public_projects()[:10],
    })


@cache_page(selectors.DISCLOSURE, viewer_key=page_viewer)
def public_resolution_list(request):
    form = PublicResolutionFilter(request.GET or None, years=selectors.public_years())
    filters = form.cleaned_data if form.is_valid() else {}
    resolutions = selectors.public_resolutions(
        q=filters.get("q") or "", year=filters.get("year"), body=getattr(filters.get("body"), "pk", None))
    page = Paginator(resolutions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/disclosure/resolution_list.html", {"form": form, "page": page})


@cache_page(selectors.DISCLOSURE, viewer_key=page_viewer)
def public_resolution(request, number):
    resolution = get_object_or_404(Resolution.objects.select_related("body", "motion"), number=number, is_public=True)
    return render(request, "governance/disclosure/resolution_detail.html", {"resolution": resolution})


@cache_page(selectors.DISCLOSURE, viewer_key=page_viewer)
def public_minutes_list(request):
    page = Paginator(public_minutes(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/disclosure/minutes_list.html", {"page": page})


@cache_page(selectors.DISCLOSURE, viewer_key=page_viewer)
def public_minutes_detail(request, pk):
    version = get_object_or_404(public_minutes(), pk=pk)
    return render(request, "governance/disclosure/minutes_detail.html", {"version": version})


@cache_page(selectors.DISCLOSURE, viewer_key=page_viewer)
def public_project_list(request):
    page = Paginator(public_projects(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/disclosure/project_list.html", {"page": page})


@cache_page(selectors.DISCLOSURE, viewer_key=page_viewer)
def public_project(request, pk):
    project = get_object_or_404(public_projects(), pk=pk)
    return render(request, "governance/disclosure/project_detail.html", {
        "project": project, "lines": line_execution(project)})
