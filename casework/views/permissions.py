"""Who may see which case: Supervisors every case; caseworkers the flagged ones and those they
hold; nobody else any. Nobody adds, edits or deletes a case in the admin: its status changes only
through services, with a recorded reason."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import Case
from ..services.desk import can_supervise, can_work


def visible_cases(user):
    if can_supervise(user):
        return Case.objects.all()
    if can_work(user):
        return Case.objects.filter(Q(status=Case.Status.FLAGGED) | Q(holder=user))
    return Case.objects.none()


def queued_cases(user):
    """What the queue lists before a search: every case for Supervisors; for caseworkers the
    flagged ones, which wait for them. The cases they decided stay theirs to open and to find
    by a search (visible_cases), rather than heading their queue by their old deadlines."""
    if can_supervise(user):
        return Case.objects.all()
    if can_work(user):
        return Case.objects.filter(status=Case.Status.FLAGGED)
    return Case.objects.none()


def case_for(user, pk) -> Case:
    """The case if this person may see it; otherwise 404, as if it didn't exist."""
    case = visible_cases(user).select_related("submission", "holder").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


class CasePermissionPolicy(ModelPermissionPolicy):
    """Viewing cases takes the caseworkers' or the Supervisors' permission; nothing else exists."""

    def user_has_permission(self, user, action):
        return action == "view" and (can_work(user) or can_supervise(user))

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename__in=["work_on_cases", "supervise_cases"])
            | Q(user_permissions__codename__in=["work_on_cases", "supervise_cases"])
        ).distinct()
