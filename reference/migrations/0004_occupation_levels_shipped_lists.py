"""Occupations have named levels; the shipped occupations (职业分类大典 2022 subset) and skills
are loaded, and the shipped majors grown to 中职 and 职教本科 entries are brought in."""

from django.db import migrations, models


def load(apps, schema_editor):
    from reference.importing import majors_import, occupations_import, skills_import

    majors_import(Major=apps.get_model("reference", "Major"))
    occupations_import(Occupation=apps.get_model("reference", "Occupation"))
    skills_import(Skill=apps.get_model("reference", "Skill"))


class Migration(migrations.Migration):

    dependencies = [
        ('reference', '0003_occupations_skills_major_levels'),
    ]

    operations = [
        migrations.AlterField(
            model_name='occupation',
            name='level',
            field=models.PositiveSmallIntegerField(choices=[(1, 'Major group'), (2, 'Middle group'), (3, 'Minor group'), (4, 'Occupation')], verbose_name='level'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
