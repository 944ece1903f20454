"""Every view and export of personal data goes into the audit trail: who, what and when. forms_app
(and the case views) send `personal_data_accessed`; this receiver records it, in the caller's
transaction, linked to the case when one record was seen."""

from django.dispatch import receiver

from forms_app.personal_data import personal_data_accessed

from .audit import record_event
from .models import Case


@receiver(personal_data_accessed)
def record_personal_data_access(sender, *, user, action, references, detail, **kwargs):
    case = None
    if len(references) == 1:
        case = Case.objects.filter(reference=references[0]).first()
    record_event(
        f"personal_data.{action}",
        case=case,
        actor=user,
        data={"model": sender._meta.label, "references": references, **detail},
    )
