"""Training addresses: the bases part."""

urlpatterns = []
