"""Mounted under /registry-mocks/ in development and tests; never in production."""

urlpatterns = []
