"""Training addresses: the teachers part."""

urlpatterns = []
