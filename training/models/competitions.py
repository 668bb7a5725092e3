"""技能大赛: skill competitions at school, city, provincial and national level, their categories
(赛项), teams of students with coaches, results and awards. Awards are issued as credentials."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from members.models import Organization


class CompetitionLevel(models.IntegerChoices):
    SCHOOL = 1, _("School")
    CITY = 2, _("City")
    PROVINCIAL = 3, _("Provincial")
    NATIONAL = 4, _("National")


class Competition(models.Model):
    """One edition of a competition (2026年常州市职业院校技能大赛)."""

    organizer = models.ForeignKey(Organization, verbose_name=_("organiser"), on_delete=models.PROTECT,
                                  related_name="training_competitions")
    name = models.CharField(_("name"), max_length=200)
    level = models.PositiveSmallIntegerField(_("level"), choices=CompetitionLevel.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description = LimitedTextField(_("description"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-year", "-level", "name"]
        verbose_name = _("skill competition")
        verbose_name_plural = _("skill competitions")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="training_competition_dates"),
        ]

    def __str__(self):
        return self.name


class CompetitionCategory(models.Model):
    """赛项: a category of a competition and the skills it tests."""

    competition = models.ForeignKey(Competition, verbose_name=_("competition"), on_delete=models.CASCADE,
                                    related_name="categories")
    name = models.CharField(_("name"), max_length=200)
    skills = models.ManyToManyField("reference.Skill", verbose_name=_("skills tested"), blank=True,
                                    related_name="training_competition_categories")
    team_size = models.PositiveSmallIntegerField(_("students per team"), default=1)

    class Meta:
        ordering = ["competition_id", "name"]
        verbose_name = _("competition category")
        verbose_name_plural = _("competition categories")
        constraints = [models.UniqueConstraint(fields=["competition", "name"], name="training_category_name")]

    def __str__(self):
        return f"{self.competition} · {self.name}"
