"""Training pages under /training/, one module of addresses per part."""

from django.urls import path

from training.urls import bases, competitions, courses, employees, mentors, pathways, resources, standards, teachers
from training.views import hub

app_name = "training"

urlpatterns = [
    path("", hub.home, name="home"),
    *standards.urlpatterns,
    *courses.urlpatterns,
    *resources.urlpatterns,
    *teachers.urlpatterns,
    *mentors.urlpatterns,
    *employees.urlpatterns,
    *bases.urlpatterns,
    *competitions.urlpatterns,
    *pathways.urlpatterns,
]
