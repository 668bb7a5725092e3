"""Reads of the postings (岗位需求) that depend on the viewer: the published postings they may see,
narrowed by the filters students and schools use (the browse page's and the API's)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.models import Organization, OrganizationStatus
from talent_matching import access
from talent_matching.models import Posting, PostingStatus


def published_postings(user):
    """The published postings of active members the viewer may see."""
    return access.postings_for(user).filter(status=PostingStatus.PUBLISHED,
                                            organization__status=OrganizationStatus.ACTIVE)


def filter_published(postings, data: dict):
    """Narrow published postings by the browse filters (the page's and the API's)."""
    if data.get("q"):
        for word in data["q"].split():
            postings = postings.filter(Q(title__icontains=word) | Q(description__icontains=word)
                                       | Q(organization__name_zh__icontains=word)
                                       | Q(organization__name_en__icontains=word))
    if data.get("kind"):
        postings = postings.filter(kind=data["kind"])
    if data.get("family"):
        # Postings that name a major of the family (or the family itself), and those open to every major.
        named = Posting.majors.through.objects.filter(posting_id=OuterRef("pk"))
        postings = postings.filter(
            Exists(named.filter(major__family_code=data["family"])) | ~Exists(named)
        )
    if data.get("city"):
        postings = postings.filter(location__parent__code=data["city"])
    if data.get("level"):
        postings = postings.filter(Q(min_level__isnull=True) | Q(min_level__lte=data["level"]))
    if data.get("pay") is not None and data.get("pay") != "":
        postings = postings.alias(top_pay=Coalesce("salary_max", "salary_min")).filter(top_pay__gte=data["pay"])
    if data.get("open"):
        today = timezone.localdate()
        postings = postings.filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
    return postings


def open_postings_count(user) -> int:
    """How many published postings the viewer may see are still taking applications."""
    return access.postings_for(user, Posting.objects.open()).filter(
        organization__status=OrganizationStatus.ACTIVE).count()


def enterprises_with_counts(user) -> list[tuple[Organization, dict]]:
    """The active enterprises the viewer writes postings for, each with its postings counted by
    state (``{"draft": 2, "published": 5}``), in two queries."""
    ids = access.enterprise_ids(user)
    if not ids:
        return []
    counts = {}
    for org_id, status, n in Posting.objects.filter(organization_id__in=ids).values_list(
            "organization_id", "status").annotate(n=Count("pk")):
        counts.setdefault(org_id, {})[status] = n
    return [(organization, counts.get(organization.pk, {}))
            for organization in Organization.objects.filter(pk__in=ids, status=OrganizationStatus.ACTIVE).order_by("name_zh")]
