"""The API of the consortium's announcements: what the secretariat has published, read-only,
in the order of the public list (pinned first, then the newest)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from consortium.models import Announcement, AnnouncementAttachment
from core.api import FilterSet


class AnnouncementAttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    url = serializers.SerializerMethodField(help_text="Where to download the file.")

    class Meta:
        model = AnnouncementAttachment
        fields = ["id", "name", "content_type", "size", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, attachment) -> str:
        request = self.context.get("request")
        path = attachment.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class AnnouncementSerializer(serializers.ModelSerializer):
    attachments = AnnouncementAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Announcement
        fields = ["id", "title", "body", "pinned", "published_at", "updated_at", "attachments"]


class AnnouncementFilter(FilterSet):
    class Meta:
        model = Announcement
        fields = ["pinned"]


class AnnouncementViewSet(viewsets.ReadOnlyModelViewSet):
    """通知公告: the announcements the secretariat has published, with their files. Drafts
    and withdrawn announcements are not here (404)."""

    api_part = "announcements"
    queryset = Announcement.objects.published().in_public_order().prefetch_related("attachments")
    serializer_class = AnnouncementSerializer
    filterset_class = AnnouncementFilter
    search_fields = ["title", "body"]
    ordering_fields = ["published_at"]
