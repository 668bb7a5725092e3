"""Messages of Django and DRF that the portal words itself.

The project's catalogues come before theirs (LOCALE_PATHS), so a msgid listed here takes the
portal's translation in both languages wherever Django or DRF uses it — forms, the admin
console and the API alike. The English catalogue rewords them too."""

from django.utils.translation import gettext_noop

REWORDED = [
    # Django's validator on every text field. Its Chinese says "empty strings are not
    # allowed", which sends people looking for a blank they did not leave: name the character.
    gettext_noop("Null characters are not allowed."),
]
