from django.urls import path

from talent_matching import views

app_name = "talent_matching"

urlpatterns = [
    path("", views.index, name="index"),
]
