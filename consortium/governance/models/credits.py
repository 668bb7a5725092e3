"""教育责任积分: responsibility credits.

The council sets rules (``CreditRule``) saying how many credits a kind of contribution earns per
unit — hosting an intern for a month, providing a training course, a mentor's term, co-developing
a course. Other apps announce what an organisation did through ``core.events.contribution``; each
event is recorded once as a ``Contribution`` (its source row named by content type and id) and
credited under the rule in force on the day it happened. Credits are an append-only ledger
(``CreditEntry``) on the organisation's ``CreditAccount``, whose balance the service keeps and the
database holds at zero or above. Enterprises redeem credits against published subsidy schemes
(``SubsidyScheme``, 补贴政策); a government officer approves or refuses each ``Redemption``.

The kinds other apps send (``ContributionKind``):

* ``internship_month`` — the talent platform, when a placement round (internship or 2+1) is
  confirmed: the enterprise of the posting, the ``Placement`` row, the months of the posting
  (at least 1), the day the round was confirmed;
* ``training_course`` — training (not built yet): an enterprise-provided training course held,
  the course (or session) row, quantity 1 per course, the day it ended;
* ``mentor_term`` — training (not built yet): an industry mentor's term served, the mentor
  appointment row, quantity 1 per term, the day the term ended;
* ``course_codeveloped`` — training (not built yet): a co-developed course approved, the course
  row, quantity 1, the day it was approved.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organization

__all__ = [
    "ContributionKind", "CreditRule", "Contribution", "CreditAccount", "EntryKind", "CreditEntry",
    "SubsidyScheme", "RedemptionStatus", "Redemption", "LEDGER_APPEND_ONLY_SQL",
]


class ContributionKind(models.TextChoices):
    INTERNSHIP_MONTH = "internship_month", _("Hosting an intern for a month")  # 接收实习生每人每月
    TRAINING_COURSE = "training_course", _("Providing a training course")  # 提供培训课程
    MENTOR_TERM = "mentor_term", _("An industry mentor's term")  # 产业导师任期
    COURSE_CODEVELOPED = "course_codeveloped", _("Co-developing a course")  # 共建课程


class CreditRuleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, is_active=True)

    def in_force(self, kind: str, on):
        """The published, active rules of ``kind`` whose period covers the day ``on``."""
        return self.published().filter(kind=kind, valid_from__lte=on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class CreditRule(models.Model):
    """积分规则: how many credits one unit of a kind of contribution earns, in a period. Written
    and published by the secretariat; a published rule is never changed, only withdrawn."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of contribution"), max_length=30, choices=ContributionKind.choices)
    credits_per_unit = models.PositiveIntegerField(_("credits per unit"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Left empty, until withdrawn."))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    is_active = models.BooleanField(_("active"), default=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = CreditRuleQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-valid_from", "code"]
        verbose_name = _("responsibility credit rule")
        verbose_name_plural = _("responsibility credit rules")
        constraints = [
            models.CheckConstraint(condition=Q(credits_per_unit__gt=0), name="governance_credit_rule_positive"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                                   name="governance_credit_rule_period"),
        ]

    def __str__(self):
        return f"{self.code} · {self.title}"


class Contribution(models.Model):
    """What an organisation did, as another app announced it: recorded once per kind and source."""

    kind = models.CharField(_("kind"), max_length=30, choices=ContributionKind.choices)
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="credit_contributions")
    source_type = models.ForeignKey(ContentType, verbose_name=_("source type"), on_delete=models.PROTECT,
                                    related_name="+")
    source_id = models.PositiveBigIntegerField(_("source id"))
    quantity = models.PositiveIntegerField(_("quantity"))
    occurred_on = models.DateField(_("occurred on"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_type", "source_id"], name="governance_contribution_once"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="governance_contribution_quantity"),
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_kind_display()} × {self.quantity}"

    @property
    def source_label(self) -> str:
        model = self.source_type.model_class() if self.source_type_id else None
        return f"{model._meta.verbose_name if model else self.source_type.model} #{self.source_id}"


class CreditAccount(models.Model):
    """An organisation's credit account; its balance is kept by the credits service."""

    organization = models.OneToOneField(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                        related_name="credit_account")
    balance = models.IntegerField(_("balance"), default=0)
    # How many entries the ledger holds: the next entry's number is this plus one.
    entry_count = models.PositiveIntegerField(_("entries"), default=0)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        ordering = ["organization__name_zh"]
        verbose_name = _("responsibility credit account")
        verbose_name_plural = _("responsibility credit accounts")
        constraints = [models.CheckConstraint(condition=Q(balance__gte=0), name="governance_credit_balance_not_negative")]

    def __str__(self):
        return str(self.organization)


class EntryKind(models.TextChoices):
    EARNED = "earned", _("Earned")
    REDEEMED = "redeemed", _("Redeemed")
    REVERSED = "reversed", _("Reversed")
    ADJUSTED = "adjusted", _("Adjusted")


class CreditEntry(models.Model):
    """One line of the ledger: never changed or deleted once written (the service and the admin
    console refuse it; ``LEDGER_APPEND_ONLY_SQL`` makes PostgreSQL refuse it too). Numbered per
    account, so its transparency-log entry names it before the row is written."""

    account = models.ForeignKey(CreditAccount, verbose_name=_("account"), on_delete=models.PROTECT,
                                related_name="entries")
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    amount = models.IntegerField(_("amount"))
    balance_after = models.IntegerField(_("balance after"))
    rule = models.ForeignKey(CreditRule, verbose_name=_("rule"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="entries")
    contribution = models.ForeignKey(Contribution, verbose_name=_("contribution"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="entries")
    redemption = models.ForeignKey("Redemption", verbose_name=_("redemption"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="entries")
    reverses = models.OneToOneField("self", verbose_name=_("reverses"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversal")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)
    log_index = models.PositiveBigIntegerField(_("log entry"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-number"]
        verbose_name = _("credit entry")
        verbose_name_plural = _("credit entries")
        indexes = [models.Index(fields=["account", "kind"])]
        constraints = [
            models.UniqueConstraint(fields=["account", "number"], name="governance_credit_entry_number"),
            # A contribution earns credits under a rule once.
            models.UniqueConstraint(fields=["contribution", "rule"], condition=Q(kind="earned"),
                                    name="governance_credit_earned_once"),
            models.UniqueConstraint(fields=["redemption"], condition=Q(kind="redeemed"),
                                    name="governance_credit_redeemed_once"),
            models.CheckConstraint(condition=Q(balance_after__gte=0), name="governance_credit_entry_not_negative"),
            models.CheckConstraint(condition=~Q(amount=0), name="governance_credit_entry_not_zero"),
            models.CheckConstraint(
                condition=(Q(kind="earned", amount__gt=0, contribution__isnull=False, rule__isnull=False)
                           | Q(kind="redeemed", amount__lt=0, redemption__isnull=False)
                           | Q(kind="reversed", reverses__isnull=False)
                           | Q(kind="adjusted")),
                name="governance_credit_entry_source"),
        ]

    def __str__(self):
        return f"{self.account} #{self.number} {self.get_kind_display()} {self.amount:+d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("the credit ledger is append-only: an entry is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("the credit ledger is append-only: an entry is never deleted")


class SubsidySchemeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def open_on(self, day):
        return self.published().filter(opens_on__lte=day).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=day))


class SubsidyScheme(models.Model):
    """补贴政策: what credits can be redeemed for — so many yuan per so many credits, while open.
    Published by the secretariat or a government officer."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    credits_per_unit = models.PositiveIntegerField(_("credits per unit"))
    value_per_unit = models.DecimalField(_("yuan per unit"), max_digits=12, decimal_places=2)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"), null=True, blank=True)
    publisher = models.ForeignKey(Organization, verbose_name=_("published by (organisation)"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = SubsidySchemeQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("subsidy scheme")
        verbose_name_plural = _("subsidy schemes")
        constraints = [
            models.CheckConstraint(condition=Q(credits_per_unit__gt=0) & Q(value_per_unit__gt=0),
                                   name="governance_scheme_positive"),
            models.CheckConstraint(condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                                   name="governance_scheme_period"),
        ]

    def __str__(self):
        return self.title

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return bool(self.published_at) and self.opens_on <= day and (self.closes_on is None or self.closes_on >= day)


class RedemptionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Not approved")


class Redemption(models.Model):
    """积分兑换: an organisation asks to redeem credits under a scheme; a government officer decides."""

    account = models.ForeignKey(CreditAccount, verbose_name=_("account"), on_delete=models.PROTECT,
                                related_name="redemptions")
    scheme = models.ForeignKey(SubsidyScheme, verbose_name=_("subsidy scheme"), on_delete=models.PROTECT,
                               related_name="redemptions")
    credits = models.PositiveIntegerField(_("credits asked"))
    value = models.DecimalField(_("value (yuan)"), max_digits=14, decimal_places=2)
    status = models.CharField(_("status"), max_length=10, choices=RedemptionStatus.choices,
                              default=RedemptionStatus.REQUESTED)
    note = models.CharField(_("note"), max_length=500, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        indexes = [models.Index(fields=["status", "requested_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(credits__gt=0), name="governance_redemption_positive"),
            models.CheckConstraint(condition=Q(status="requested") | Q(decided_at__isnull=False),
                                   name="governance_redemption_decided"),
        ]

    def __str__(self):
        return f"{self.account} · {self.scheme} · {self.credits}"


# PostgreSQL refuses any change or deletion of a ledger line. Installed after every migrate by the
# credits service (post_migrate); the merged migration may run it as RunSQL instead.
LEDGER_APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION governance_credit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the credit ledger is append-only: % of an entry refused', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS governance_credit_entry_append_only ON governance_creditentry;
CREATE TRIGGER governance_credit_entry_append_only BEFORE UPDATE OR DELETE ON governance_creditentry
    FOR EACH ROW EXECUTE FUNCTION governance_credit_entry_append_only();
"""
