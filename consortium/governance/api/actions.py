"""Action items in the API, under the pages' rules (``access.actions``): everyone in governance
reads them, with their progress notes; ``POST …/notes/`` adds a progress note (the owner
organisation's people and the secretariat). Other writes go through the pages' services."""

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consortium.governance.access import actions as access
from consortium.governance.models import ActionItem, ActionNote
from consortium.governance.services import actions as services
from core.api import FilterSet, ScopedQuerysetMixin, YesNoFilter


class ActionNoteSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.display_name", read_only=True, default="")

    class Meta:
        model = ActionNote
        fields = ["id", "author", "author_name", "text", "percent", "created_at"]
        read_only_fields = fields


class ActionItemSerializer(serializers.ModelSerializer):
    resolution_number = serializers.CharField(source="resolution.number", read_only=True)
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True, help_text="Due date passed and neither done nor cancelled.")

    class Meta:
        model = ActionItem
        fields = ["id", "resolution", "resolution_number", "title", "description", "owner", "owner_name",
                  "responsible", "due_on", "status", "progress", "is_overdue", "cancel_reason", "created_at",
                  "completed_at"]
        read_only_fields = fields


class ActionItemDetailSerializer(ActionItemSerializer):
    notes = ActionNoteSerializer(many=True, read_only=True)

    class Meta(ActionItemSerializer.Meta):
        fields = ActionItemSerializer.Meta.fields + ["notes"]
        read_only_fields = fields


class NoteCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=3000)
    percent = serializers.IntegerField(min_value=0, max_value=99, required=False, allow_null=True, default=None)


class ActionItemFilter(FilterSet):
    overdue = YesNoFilter(method="filter_overdue", help_text="true: only the overdue items; false: the others.")

    class Meta:
        model = ActionItem
        fields = ["status", "owner", "resolution"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(pk__in=ActionItem.objects.overdue().values("pk"))
        return queryset.filter(overdue if value else ~overdue)


class ActionItemViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """督办事项: action items following from resolutions, with their owner, due date, status and notes."""

    api_part = "governance"
    queryset = ActionItem.objects.select_related("resolution", "owner").order_by("due_on", "id")
    scope = staticmethod(access.action_items_for)
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    search_fields = ["title", "resolution__number"]
    ordering_fields = ["due_on", "created_at"]

    def get_serializer_class(self):
        return ActionItemDetailSerializer if self.action == "retrieve" else ActionItemSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("notes__author")
        return queryset

    @extend_schema(request=NoteCreateSerializer, responses={201: ActionNoteSerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        """A progress note by the owner organisation's people (or the secretariat)."""
        item = self.get_object()
        data = NoteCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # A refusal (not an owner: 403; a closed item: 400) answers in the API's error shape.
        note = services.action_note_add(item=item, actor=request.user, **data.validated_data)
        return Response(ActionNoteSerializer(note).data, status=status.HTTP_201_CREATED)
