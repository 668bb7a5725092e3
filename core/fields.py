"""Model fields every app may use."""

from django.core.validators import MaxLengthValidator
from django.db import models


class LimitedTextField(models.TextField):
    """Free text with a length limit, enforced by forms, the API and the model's own
    validation alike (a plain TextField's max_length binds only the forms)."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        # As CharField does: the limit joins the field's validators, not its deconstruction.
        self.validators.append(MaxLengthValidator(self.max_length))
