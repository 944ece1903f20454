"""casework's admin: every page is a Wagtail admin view or viewset (the style forms_app uses;
Wagtail recommends them over wagtail-modeladmin), wired up in casework/wagtail_hooks.py: the
caseworkers' queue and the case page (queue.py, case.py), the Supervisors' board and audit check
(supervision.py), the registries (registries.py), the rule parameters (rules.py)."""
