"""Reading the shared resource library: the resources a person sees (``resources_for``, which the
courses part uses to offer resources for a course version) and the list's search and filters."""

from django.db.models import Q, QuerySet

from training.access import resources as access

def resources_for(user, qs: QuerySet | None = None) -> QuerySet:
    """Every shared resource and the person's own organisations' others, with their owner and major."""
    return access.resources_for(user, qs).select_related("owner", "major")


def filter_resources(qs: QuerySet, data: dict) -> QuerySet:
    if data.get("q"):
        q = data["q"]
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    for name in ("kind", "licence", "owner", "major"):
        if data.get(name):
            qs = qs.filter(**{name: data[name]})
    if data.get("skill"):
        qs = qs.filter(skills=data["skill"])
    if data.get("shared") == "shared":
        qs = qs.filter(is_shared=True)
    elif data.get("shared") == "own":
        qs = qs.filter(is_shared=False)
    return qs


def resource_list(user, data: dict) -> QuerySet:
    return filter_resources(resources_for(user), data).prefetch_related("skills").order_by("-created_at", "-pk")
