from django.core.management.base import BaseCommand, CommandError

from forms_app.documents.store import regenerate
from forms_app.models import IssuedDocument


class Command(BaseCommand):
    help = (
        "Render issued documents again (a template or font was mended): the same verification "
        "code, a new file and SHA-256. Downloads never do this."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=IssuedDocument.Kind.values, required=True)
        parser.add_argument("--reference", action="append", help="only these references")

    def handle(self, *args, kind, reference=None, **options):
        documents = IssuedDocument.objects.filter(kind=kind).select_related("submission")
        if reference:
            documents = documents.filter(submission__reference__in=reference)
            if not documents.exists():
                raise CommandError("No such document.")
        count = 0
        for document in documents.iterator():
            regenerate(document)
            count += 1
        self.stdout.write(f"{count} documents rendered again.")
