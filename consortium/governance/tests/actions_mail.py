"""A mail backend that fails, to show a reminder's claim is given back when sending fails."""

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise OSError("the mail server is down")
