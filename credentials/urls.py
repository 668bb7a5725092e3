from django.urls import path

from credentials.views import public

app_name = "credentials"

urlpatterns = [
    path("status/<int:organization_id>/<str:purpose>/<int:number>", public.status_list, name="status_list"),
]
