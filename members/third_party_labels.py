"""Labels that third-party apps show our users but translate into no Chinese.

Django looks words up in the project's catalogue first, so a translation of the exact
English text there translates it wherever the app uses it (admin columns, the audit trail).
``gettext_noop`` only marks the strings, so that ``makemessages`` keeps them in
``locale/``; nothing imports this module.
"""

from django.utils.translation import gettext_noop

# django-axes' AccessAttempt fields, shown as members.LoginLockout.
AXES = [
    gettext_noop("Username"),
    gettext_noop("IP Address"),
    gettext_noop("Attempt Time"),
    gettext_noop("Failed Logins"),
    gettext_noop("Path"),
    gettext_noop("User Agent"),
    gettext_noop("HTTP Accept"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
]

# django-axes' models, as the audit trail's filters and the console may name them.
AXES_MODELS = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
]
