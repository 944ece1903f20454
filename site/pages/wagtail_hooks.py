from wagtail import hooks


@hooks.register("filter_form_submissions_for_user")
def only_who_sees_submissions(user, editable_forms):
    """What people send through a form page (a feedback form: names, addresses, messages) is
    personal data, like a declaration: editing the page doesn't show it, the permission to see
    submissions does (docs/security.md)."""
    if user.has_perm("forms_app.view_submission"):
        return editable_forms
    return editable_forms.none()
