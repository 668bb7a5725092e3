"""National reference taxonomies every app may depend on: GB/T 2260 regions, GB/T 4754
industries, the 职业教育专业目录 (2021) of majors, the 职业分类大典 (2022) of occupations and the
consortium's skills vocabulary. The tables keep the names they were created with."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualName:
    """An entry with a Chinese and an English name, shown by its code and its name in the
    language of the page."""

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_zh


class Region(models.Model):
    """行政区划: an administrative division, coded by GB/T 2260 (6 digits)."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Province")
        CITY = 2, _("City")
        COUNTY = 3, _("County or district")

    code = models.CharField(_("code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        db_table = "talent_matching_region"

    def __str__(self):
        return f"{self.code} {self.name}"


class Industry(BilingualName, models.Model):
    """国民经济行业分类: an industry by GB/T 4754-2017 (section letter, then division digits)."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        db_table = "talent_matching_industry"


class EducationLevel(models.IntegerChoices):
    """The level of a school's programmes, in the order a posting's minimum compares them."""

    SECONDARY = 1, _("Secondary vocational (中职)")
    HIGHER = 2, _("Higher vocational (高职专科)")
    BACHELOR = 3, _("Vocational bachelor (职教本科)")


def major_family_code(code: str) -> str:
    """The family (专业大类) of a catalogue code, as the 高职专科 part of the catalogue numbers it
    (41–59): 中职 codes number the same families 61–79, 职教本科 codes 21–39."""
    head = int(code[:2])
    if 21 <= head <= 39:
        head += 20
    elif 61 <= head <= 79:
        head -= 20
    return f"{head:02d}"


def major_education_level(code: str) -> int | None:
    """The level a catalogue code belongs to, read from its first two digits (None when they are
    outside the catalogue's ranges)."""
    head = int(code[:2])
    if 21 <= head <= 39:
        return EducationLevel.BACHELOR
    if 41 <= head <= 59:
        return EducationLevel.HIGHER
    if 61 <= head <= 79:
        return EducationLevel.SECONDARY
    return None


class Major(BilingualName, models.Model):
    """职业教育专业目录 (2021): a family of majors (专业大类, 2 digits), a class (专业类, 4 digits)
    or a major (专业, 6 digits) of vocational education."""

    class Level(models.IntegerChoices):
        FAMILY = 1, _("Family of majors")
        CLASS = 2, _("Class of majors")
        MAJOR = 3, _("Major")

    code = models.CharField(_("code"), max_length=6, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    education_level = models.PositiveSmallIntegerField(
        _("education level"), choices=EducationLevel.choices, null=True, blank=True
    )
    family_code = models.CharField(_("family"), max_length=2, db_index=True, default="")
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("major")
        verbose_name_plural = _("majors")

    def save(self, *args, **kwargs):
        self.family_code = major_family_code(self.code)
        self.education_level = major_education_level(self.code)
        super().save(*args, **kwargs)


class Occupation(BilingualName, models.Model):
    """职业分类大典 (2022): a major group (大类, ``2``), a middle group (中类, ``2-02``), a minor
    group (小类, ``2-02-10``) or an occupation (职业, ``2-02-10-03``)."""

    class Level(models.IntegerChoices):
        MAJOR_GROUP = 1, _("Major group")
        MIDDLE_GROUP = 2, _("Middle group")
        MINOR_GROUP = 3, _("Minor group")
        OCCUPATION = 4, _("Occupation")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")


class Skill(BilingualName, models.Model):
    """A skill of the consortium's vocabulary (技能词表), which postings require and profiles
    hold, grouped in families (e.g. 软件开发, 电气控制)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150)
    family = models.CharField(_("family"), max_length=50, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
