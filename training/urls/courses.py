"""Training addresses: the courses part."""

urlpatterns = []
