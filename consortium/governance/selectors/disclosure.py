"""信息公开: what the public disclosure pages show — nothing but rows marked public (resolutions,
approved minutes, projects with their budget execution)."""

from django.db.models import Q

from consortium.governance.models import Resolution

# The version of the governance data behind cached pages (the public pages, the register, a meeting's page):
# bumped by every governance write (consortium/governance/signals.py).
DISCLOSURE = "governance:data"


def public_resolutions(*, q: str = "", year: int | None = None, body: int | None = None):
    resolutions = Resolution.objects.filter(is_public=True).select_related("body")
    if q:
        resolutions = resolutions.filter(Q(title__icontains=q) | Q(number__icontains=q) | Q(text__icontains=q))
    if year:
        resolutions = resolutions.filter(year=year)
    if body:
        resolutions = resolutions.filter(body_id=body)
    return resolutions.only("number", "title", "adopted_on", "year", "body__name", "body__name_en", "body__code")


def public_years() -> list[int]:
    return list(Resolution.objects.filter(is_public=True).order_by("-year").values_list("year", flat=True).distinct())
