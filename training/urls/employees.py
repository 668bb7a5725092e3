"""Training addresses: the employees part."""

urlpatterns = []
