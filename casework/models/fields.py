from django.db import models


class JSONField(models.JSONField):
    """Django's JSONField, for the tables a batch inserts many rows into at once: each row's JSON
    goes to PostgreSQL as a value of its own. (Django 5.2 bulk-inserts literal values as arrays
    through UNNEST, and psycopg then escapes each JSON text inside the array in Python, quote
    by quote: for a batch's look-ups, decisions and audit events that cost more than all else
    the insert does.) A field with a placeholder of its own is never put in such an array."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"
