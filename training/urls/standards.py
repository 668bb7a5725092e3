"""Training addresses: the standards part."""

urlpatterns = []
