"""Training addresses: the resources part."""

urlpatterns = []
