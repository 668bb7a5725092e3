"""Training addresses: the mentors part."""

urlpatterns = []
