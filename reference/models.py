"""National reference taxonomies every app may depend on: GB/T 2260 regions and GB/T 4754
industries, and the 职业教育专业目录 (2021) of majors (the occupations catalogue will join them). The tables keep the
names they were created with."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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


class Industry(models.Model):
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

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_zh


class Major(models.Model):
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
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("major")
        verbose_name_plural = _("majors")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_zh
