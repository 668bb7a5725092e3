from django.urls import path

from transparency import views

app_name = "transparency"

urlpatterns = [
    path("checkpoint", views.checkpoint, name="checkpoint"),
    path("keys", views.keys, name="keys"),
    path("entries", views.entries, name="entries"),
    path("entries/<int:index>/tlog-proof", views.tlog_proof, name="tlog_proof"),
    path("proof/inclusion", views.inclusion, name="inclusion"),
    path("proof/consistency", views.consistency, name="consistency"),
    path("witness/<int:pk>/add-checkpoint", views.witness_add_checkpoint, name="witness_add_checkpoint"),
    path("witness/<int:pk>/<str:origin_hash>/checkpoint", views.witness_checkpoint, name="witness_checkpoint"),
]
