import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

PARTS = ("standards", "courses", "resources", "teachers", "mentors", "employees", "bases", "competitions", "pathways")


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        # Each part's services connect their receivers (training.events, core.events) when imported.
        for part in PARTS:
            importlib.import_module(f"training.services.{part}")
