"""Signal handlers: what happens in casework when something happens elsewhere."""


def freeze_published_rule_parameters(sender, instance, revision=None, **kwargs):
    """Publishing the rule parameters freezes them as a new version."""
    from .services import freeze_rule_parameters

    freeze_rule_parameters(instance, revision=revision, user=revision.user if revision else None)
