"""The site's URLs plus the baseline of the API benchmark: a bare Django view that inserts the
JSON body as one row, through the same middleware as every other request."""

import json

from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as site_urlpatterns

BARE_TABLE = "bench_bare_insert"


@csrf_exempt
def bare_insert(request):
    answers = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (body) VALUES (%s) RETURNING id",  # noqa: S608
            [json.dumps(answers)],
        )
        (row_id,) = cursor.fetchone()
    return JsonResponse({"id": row_id}, status=201)


urlpatterns = [path("bench/bare-insert/", bare_insert), *site_urlpatterns]
