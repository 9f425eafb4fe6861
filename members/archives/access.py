"""Who may follow the archive imports: their reports quote the archives' rows (names,
addresses), so their screens and endpoints need the full-record permission on top of
the model's own. An import is a record of what happened: nobody edits it. The admin
registers this policy for the model; the community API asks it too."""

from home.admin_permissions import RefusingPolicy
from members import privacy
from members.models import ArchiveImport


class ArchiveImportPolicy(RefusingPolicy):
    def user_has_permission(self, user, action):
        return user.has_perm(privacy.FULL_RECORD_PERMISSION) and super().user_has_permission(
            user, action
        )


ARCHIVE_IMPORTS = ArchiveImportPolicy(ArchiveImport, refused=("change",))
