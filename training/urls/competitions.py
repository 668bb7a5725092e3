"""Training addresses: the competitions part."""

urlpatterns = []
