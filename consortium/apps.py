from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConsortiumConfig(AppConfig):
    default = True
    name = "consortium"
    verbose_name = _("Consortium")

    def ready(self):
        from consortium import signals
        from consortium.celery import app
        from core import portal

        signals.connect()

        # Every app's periodic tasks, for Celery beat (which reads the schedule after this).
        app.conf.beat_schedule = {
            task.name: {"task": task.task, "schedule": task.schedule} for task in portal.periodic_tasks()
        }


class ConsoleAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the secretariat's console as the default site, so that every
    app registers its pages with plain ``@admin.register`` and imports nothing of the site.
    https://docs.djangoproject.com/en/5.2/ref/contrib/admin/#overriding-the-default-admin-site"""

    default = False
    default_site = "consortium.console.ConsortiumAdminSite"
