"""Industry mentors: the terms named in the appointments a person sees (the list's filter)."""

from training.access import mentors as access


def terms_for(user) -> list[str]:
    """The distinct terms of the appointments ``user`` sees, newest name first (at most 50)."""
    terms = access.appointments_for(user).order_by().values_list("term", flat=True).distinct()
    return sorted(terms, reverse=True)[:50]
