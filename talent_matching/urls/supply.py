"""Addresses of the talent platform: supply and demand (供需预警)."""

from django.urls import path

from talent_matching.views import supply as views

urlpatterns = [
    path("supply/", views.supply_demand, name="supply_demand"),
    path("supply/families/<str:code>/", views.supply_family, name="supply_family"),
    path("supply/figures/<int:year>/<int:month>/<str:code>/", views.supply_figure, name="supply_figure"),
    path("supply/warnings/", views.supply_warnings, name="supply_warnings"),
    path("supply/exposure/", views.supply_exposure, name="supply_exposure"),
    path("supply/thresholds/", views.supply_thresholds, name="supply_thresholds"),
    path("supply/snapshot/", views.supply_snapshot, name="supply_snapshot"),
    path("supply/export/<str:export>/", views.supply_export, name="supply_export"),
]
