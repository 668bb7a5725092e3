"""Training addresses: the pathways part."""

urlpatterns = []
