"""The admin console's training pages, one module per part (each registers its own models)."""

from training.admin_parts import (  # noqa: F401
    bases, competitions, courses, employees, mentors, pathways, resources, standards, teachers,
)
