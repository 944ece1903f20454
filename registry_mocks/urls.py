"""Mounted under /registry-mocks/ in development and tests (never in production), and served alone
by `manage.py run_registry_mocks`."""

from django.urls import path, re_path

from . import sms_gateway, views

app_name = "registry_mocks"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("scenarios", views.scenario_table, name="scenarios"),
    path(
        "population/declarations",
        views.population_declarations,
        name="population_declarations",
    ),
    path("sms/v1/messages", sms_gateway.messages, name="sms_messages"),
    path("sms/v1/messages/<str:message_id>", sms_gateway.message, name="sms_message"),
    path("<str:code>/v1/persons/batch", views.batch, name="batch"),
    path("<str:code>/v1/persons/<str:pin>", views.person, name="person"),
    path("<str:code>/_faults", views.fault_settings, name="faults"),
    # Anything else under the mocks is a JSON 404, never the site's HTML page.
    re_path(r"^(?P<path>.*)$", views.not_found),
]
