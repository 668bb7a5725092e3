"""Industry colleges, training bases and their bookings in the API, under the pages' rules
(``access.bases``): everyone in the training area reads the colleges and the bases (with their
equipment); the bookings a person sees are their organisations' requests and those to the bases
their school owns. ``POST`` on bookings requests one (through ``services.bases.booking_request``);
``accept``, ``decline`` (``reason``) and ``cancel`` are ``POST`` actions. Refusals answer in the
API's error shape, a booking's overlap with the sentence naming the booking it meets."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from core.api import MAX_ID, FilterSet, ScopedQuerysetMixin
from members.models import Organization
from training.access import bases as access
from training.models import BaseBooking, BaseEquipment, Course, IndustryCollege, TrainingBase
from training.services import bases as services


class IndustryCollegeSerializer(serializers.ModelSerializer):
    lead_school_name = serializers.CharField(source="lead_school.name_zh", read_only=True)

    class Meta:
        model = IndustryCollege
        fields = ["id", "name", "lead_school", "lead_school_name", "partners", "majors", "description",
                  "established_on"]
        read_only_fields = fields


class BaseEquipmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = BaseEquipment
        fields = ["name", "model", "quantity"]
        read_only_fields = fields


class TrainingBaseSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name_zh", read_only=True)
    equipment = BaseEquipmentSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingBase
        fields = ["id", "name", "kind", "college", "owner", "owner_name", "partners", "address", "majors", "capacity",
                  "opening_hours", "description", "equipment"]
        read_only_fields = fields


class BaseBookingSerializer(serializers.ModelSerializer):
    base_name = serializers.CharField(source="base.name", read_only=True)
    organization_name = serializers.CharField(source="organization.name_zh", read_only=True)

    class Meta:
        model = BaseBooking
        fields = ["id", "base", "base_name", "organization", "organization_name", "starts_at", "ends_at", "purpose",
                  "group_size", "course", "status", "decline_reason", "decided_at", "cancelled_at", "created_at"]
        read_only_fields = fields


class BaseBookingCreateSerializer(serializers.Serializer):
    base = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    organization = serializers.IntegerField(min_value=1, max_value=MAX_ID,
                                            help_text="The organisation booking (the owner school or a partner).")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    purpose = serializers.CharField(max_length=300)
    group_size = serializers.IntegerField(min_value=1, max_value=100000)
    course = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None)


class BaseBookingDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class IndustryCollegeFilter(FilterSet):
    class Meta:
        model = IndustryCollege
        fields = ["lead_school"]


class TrainingBaseFilter(FilterSet):
    class Meta:
        model = TrainingBase
        fields = ["kind", "owner", "college"]


class BaseBookingFilter(FilterSet):
    class Meta:
        model = BaseBooking
        fields = ["base", "status", "organization"]


def _call(service, **kwargs):
    """A service's refusal in the API's error shape, with its sentence."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(error.message_dict) from None
        raise ValidationError({"status": error.messages}) from None
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error) or None) from None


class IndustryCollegeViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """产业学院: the industry colleges schools lead with partner enterprises."""

    api_part = "training"
    queryset = IndustryCollege.objects.select_related("lead_school").prefetch_related("partners", "majors").order_by(
        "name", "id")
    scope = staticmethod(access.colleges_for)
    serializer_class = IndustryCollegeSerializer
    filterset_class = IndustryCollegeFilter
    search_fields = ["name"]
    ordering_fields = ["name", "established_on"]


class TrainingBaseViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """实训基地: the training bases, with their equipment and capacity."""

    api_part = "training"
    queryset = TrainingBase.objects.select_related("owner").prefetch_related("partners", "majors", "equipment").order_by(
        "name", "id")
    scope = staticmethod(access.bases_for)
    serializer_class = TrainingBaseSerializer
    filterset_class = TrainingBaseFilter
    search_fields = ["name", "address"]
    ordering_fields = ["name", "capacity"]


class BaseBookingViewSet(ScopedQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """实训基地预约: the bookings of training bases the caller requested or decides."""

    api_part = "training"
    queryset = BaseBooking.objects.select_related("base", "organization").order_by("starts_at", "id")
    scope = staticmethod(access.bookings_for)
    serializer_class = BaseBookingSerializer
    filterset_class = BaseBookingFilter
    search_fields = ["purpose"]
    ordering_fields = ["starts_at", "created_at"]

    def _answer(self, booking, code=status.HTTP_200_OK):
        booking = BaseBooking.objects.select_related("base", "organization").get(pk=booking.pk)
        return Response(BaseBookingSerializer(booking, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=BaseBookingCreateSerializer, responses={201: BaseBookingSerializer})
    def create(self, request, *args, **kwargs):
        data = BaseBookingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        training_base = access.bases_for(request.user).filter(pk=values["base"]).first()
        if training_base is None:
            raise ValidationError({"base": [_("No such training base.")]})
        organization = Organization.objects.filter(pk=values["organization"]).first()
        course = None
        if values.get("course"):
            course = Course.objects.filter(pk=values["course"]).first()
            if course is None:
                raise ValidationError({"course": [_("No such course.")]})
        booking = _call(services.booking_request, actor=request.user, training_base=training_base,
                        organization=organization, starts_at=values["starts_at"], ends_at=values["ends_at"],
                        purpose=values["purpose"], group_size=values["group_size"], course=course)
        return self._answer(booking, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: BaseBookingSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The owner school's administrator accepts the request (refused if it overlaps an accepted booking)."""
        return self._answer(_call(services.booking_accept, booking=self.get_object(), actor=request.user))

    @extend_schema(request=BaseBookingDeclineSerializer, responses={200: BaseBookingSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The owner school's administrator declines the request, with the reason."""
        booking = self.get_object()
        data = BaseBookingDeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(_call(services.booking_decline, booking=booking, actor=request.user,
                                  reason=data.validated_data["reason"]))

    @extend_schema(request=None, responses={200: BaseBookingSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """The requester or the owner school's administrator cancels a pending or accepted booking."""
        return self._answer(_call(services.booking_cancel, booking=self.get_object(), actor=request.user))
