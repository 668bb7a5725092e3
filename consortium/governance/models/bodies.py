"""Governing bodies (理事会, 指导委员会 and working bodies) and their seats.

A seat belongs to a member organisation, not to a person: its principal representative votes,
or its alternate when the principal is absent or has delegated. Ended seats are kept (seat
history); a body's current seats are those not ended."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import OrganizationKind


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Council")  # 理事会
    STEERING = "steering", _("Steering committee")  # 指导委员会
    DECISION_OFFICE = "decision_office", _("Decision office")  # 决策办公室
    DISCUSSION_GROUP = "discussion_group", _("Discussion group")  # 议事组
    ASSESSMENT_OFFICE = "assessment_office", _("Assessment office")  # 评估办公室
    WORKING_GROUP = "working_group", _("Working group")  # 工作组


class Level(models.TextChoices):
    """The three levels a matter moves through."""

    DECISION = "decision", _("Planning and decision")  # 规划决策
    COORDINATION = "coordination", _("Coordination")  # 统筹协调
    IMPLEMENTATION = "implementation", _("Implementation")  # 组织实施


class QuorumRule(models.TextChoices):
    MORE_THAN_HALF = "more_than_half", _("More than half of the seats")
    TWO_THIRDS = "two_thirds", _("Two thirds of the seats")


class Body(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    # The short mark in resolution numbers: 2026-理-007.
    code = models.CharField(_("resolution mark"), max_length=4, unique=True,
                            help_text=_("One or two characters used in resolution numbers, such as 理."))
    quorum_rule = models.CharField(_("quorum"), max_length=20, choices=QuorumRule.choices,
                                   default=QuorumRule.MORE_THAN_HALF)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("governing body")
        verbose_name_plural = _("governing bodies")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if get_language() == "en" and self.name_en else self.name


class SeatQuota(models.Model):
    """How many seats organisations of one kind may hold in a body."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="quotas")
    organization_kind = models.CharField(_("kind of organisation"), max_length=30, choices=OrganizationKind.choices)
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["body", "organization_kind"], name="governance_quota_once")]
        verbose_name = _("seat quota")
        verbose_name_plural = _("seat quotas")

    def __str__(self):
        return f"{self.body}: {self.get_organization_kind_display()} × {self.seats}"


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")


class SeatQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)

    def ended(self):
        return self.filter(ended_at__isnull=False)

    def held_by(self, user):
        """Seats the person holds as principal or alternate."""
        return self.filter(Q(principal=user) | Q(alternate=user))


class Seat(models.Model):
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="seats")
    organization = models.ForeignKey("members.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="governance_seats")
    principal = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("principal representative"),
                                  on_delete=models.PROTECT, related_name="principal_seats")
    alternate = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("alternate representative"),
                                  null=True, blank=True, on_delete=models.PROTECT, related_name="alternate_seats")
    role = models.CharField(_("office"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER)
    weight = models.PositiveSmallIntegerField(_("voting weight"), default=1)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    # The principal has handed the vote to the alternate until this day (inclusive).
    delegated_until = models.DateField(_("delegated to the alternate until"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("appointed"), default=timezone.now)

    objects = SeatQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-role", "organization__name_zh"]
        constraints = [
            models.UniqueConstraint(fields=["body", "organization"], condition=Q(ended_at__isnull=True),
                                    name="governance_one_current_seat_per_org"),
            models.UniqueConstraint(fields=["body"], condition=Q(ended_at__isnull=True, role="chair"),
                                    name="governance_one_current_chair_per_body"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="governance_seat_weight_positive"),
            models.CheckConstraint(condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                                   name="governance_seat_term_order"),
            models.CheckConstraint(condition=~Q(alternate=models.F("principal")),
                                   name="governance_alternate_not_principal"),
        ]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self):
        return f"{self.body} · {self.organization}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    def delegated_on(self, day) -> bool:
        """The principal has handed the vote to the alternate on this day."""
        return self.alternate_id is not None and self.delegated_until is not None and day <= self.delegated_until
