"""技能大赛: skill competitions at school, city, provincial and national level, their categories
(赛项), teams of students with coaches, results and awards. Awards are issued as credentials."""

from django.conf import settings
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
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)

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


class Award(models.IntegerChoices):
    """The award scheme of vocational skill competitions: 一等奖, 二等奖, 三等奖, 优胜奖."""

    FIRST = 1, _("First prize")
    SECOND = 2, _("Second prize")
    THIRD = 3, _("Third prize")
    MERIT = 4, _("Merit award")


# The award as it is written on the credential (its achievement's level), whatever the language.
AWARD_LEVEL_ZH = {Award.FIRST: "一等奖", Award.SECOND: "二等奖", Award.THIRD: "三等奖", Award.MERIT: "优胜奖"}


class CompetitionTeam(models.Model):
    """A school's team in a category: its students (``members``) and coaches, then its rank and award."""

    category = models.ForeignKey(CompetitionCategory, verbose_name=_("competition category"),
                                 on_delete=models.CASCADE, related_name="teams")
    school = models.ForeignKey(Organization, verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="training_competition_teams")
    name = models.CharField(_("team name"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("placing"), null=True, blank=True)
    award = models.PositiveSmallIntegerField(_("award"), choices=Award.choices, null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"), null=True,
                                      on_delete=models.SET_NULL, related_name="+")
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        ordering = ["category_id", "rank", "name"]
        verbose_name = _("competition team")
        verbose_name_plural = _("competition teams")
        constraints = [
            models.UniqueConstraint(fields=["category", "name"], name="training_team_name"),
            models.CheckConstraint(condition=models.Q(rank__isnull=True) | models.Q(rank__gte=1),
                                   name="training_team_rank_positive"),
        ]

    def __str__(self):
        return f"{self.name} · {self.category.name}"


class CompetitionTeamMember(models.Model):
    """A student of a team, at most one team per category; ``credential`` is their award once issued."""

    team = models.ForeignKey(CompetitionTeam, verbose_name=_("team"), on_delete=models.CASCADE,
                             related_name="members")
    category = models.ForeignKey(CompetitionCategory, verbose_name=_("competition category"),
                                 on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("student"), on_delete=models.PROTECT,
                                related_name="training_competition_teams")
    credential = models.OneToOneField("credentials.Credential", verbose_name=_("award credential"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="competition_member")

    class Meta:
        ordering = ["team_id", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [models.UniqueConstraint(fields=["category", "student"], name="training_student_one_team")]

    def __str__(self):
        return f"{self.student} · {self.team.name}"


class CompetitionCoach(models.Model):
    """A coach of a team: a teacher of its school or an engineer of a member enterprise."""

    team = models.ForeignKey(CompetitionTeam, verbose_name=_("team"), on_delete=models.CASCADE,
                             related_name="coaches")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("coach"), on_delete=models.PROTECT,
                              related_name="training_competition_coaching")
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        ordering = ["team_id", "pk"]
        verbose_name = _("team coach")
        verbose_name_plural = _("team coaches")
        constraints = [models.UniqueConstraint(fields=["team", "coach"], name="training_coach_once")]

    def __str__(self):
        return f"{self.coach} · {self.team.name}"


# PostgreSQL guards (applied by migration 0003_competitions_guards): a member row belongs to its
# team's category, and a team holds no more students than its category allows.
COMPETITION_TEAM_GUARD_SQL = """
CREATE OR REPLACE FUNCTION training_competition_member_guard() RETURNS trigger AS $$
DECLARE
    wanted integer;
    size integer;
    taken integer;
BEGIN
    SELECT t.category_id, c.team_size INTO wanted, size
      FROM training_competitionteam t JOIN training_competitioncategory c ON c.id = t.category_id
     WHERE t.id = NEW.team_id;
    IF NEW.category_id <> wanted THEN
        RAISE EXCEPTION 'a team member belongs to the category of their team' USING ERRCODE = '23514';
    END IF;
    PERFORM 1 FROM training_competitionteam WHERE id = NEW.team_id FOR UPDATE;
    SELECT count(*) INTO taken FROM training_competitionteammember WHERE team_id = NEW.team_id AND id <> NEW.id;
    IF taken >= size THEN
        RAISE EXCEPTION 'the team is full (% students)', size USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS training_competition_member_guard ON training_competitionteammember;
CREATE TRIGGER training_competition_member_guard BEFORE INSERT OR UPDATE OF team_id, category_id
    ON training_competitionteammember FOR EACH ROW EXECUTE FUNCTION training_competition_member_guard();
"""
COMPETITION_TEAM_GUARD_REVERSE_SQL = """
DROP TRIGGER IF EXISTS training_competition_member_guard ON training_competitionteammember;
DROP FUNCTION IF EXISTS training_competition_member_guard();
"""

__all__ = [
    "AWARD_LEVEL_ZH",
    "COMPETITION_TEAM_GUARD_REVERSE_SQL",
    "COMPETITION_TEAM_GUARD_SQL",
    "Award",
    "Competition",
    "CompetitionCategory",
    "CompetitionCoach",
    "CompetitionLevel",
    "CompetitionTeam",
    "CompetitionTeamMember",
]
