"""Admin permission policies the apps share."""

from wagtail.permission_policies import ModelPermissionPolicy


class RefusingPolicy(ModelPermissionPolicy):
    """The model's permissions, minus the actions ``refused`` names for everyone: rows
    the application alone writes (a log, the reports a form keeps)."""

    def __init__(self, model, *, refused: tuple[str, ...]):
        super().__init__(model)
        self.refused = refused

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
