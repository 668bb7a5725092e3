from django.apps import AppConfig


class TalentMatchingConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'talent_matching'
