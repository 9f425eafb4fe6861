"""The clubs' business rules, the only code that writes clubs and memberships.

Split by use case:

- ``membership``: a member's own moves (join, leave, withdraw, answer an invitation);
- ``management``: the leaders' space (requests, invitations, roles, removals,
  announcements);
- ``proposals``: a club's life (proposed, approved or declined, archived, reopened);
- ``departure``: a member going for good hands their clubs over;
- ``queries``: reads shared by pages, the API, the admin and the e-mails.

Each write locks the club's row first (``config.locking``), so that two people acting
at once cannot leave a club without a leader, computes ``clubs.policies.options_for``
under the lock, starts with ``options.raise_if_refused(…)``, writes, and leaves its
e-mails to ``clubs.notifications`` once the transaction has committed.
"""

from clubs.errors import ClubError
from clubs.policies import MANAGE_PERMISSION, is_club_staff
from clubs.services.departure import hand_over_clubs
from clubs.services.management import (
    approve_request,
    change_role,
    delete_announcement,
    invite,
    post_announcement,
    reject_request,
    remove_member,
)
from clubs.services.membership import (
    accept_invitation,
    cancel_request,
    decline_invitation,
    join,
    leave,
)
from clubs.services.proposals import (
    approve_proposal,
    archive_club,
    decline_proposal,
    propose_club,
    reopen_club,
)
from clubs.services.queries import (
    club_approvers,
    managers_of,
    membership_of,
    my_memberships,
    proposed_clubs,
)

__all__ = [
    "MANAGE_PERMISSION",
    "ClubError",
    "accept_invitation",
    "approve_proposal",
    "approve_request",
    "archive_club",
    "cancel_request",
    "change_role",
    "club_approvers",
    "decline_invitation",
    "decline_proposal",
    "delete_announcement",
    "hand_over_clubs",
    "invite",
    "is_club_staff",
    "join",
    "leave",
    "managers_of",
    "membership_of",
    "my_memberships",
    "post_announcement",
    "proposed_clubs",
    "propose_club",
    "reject_request",
    "remove_member",
    "reopen_club",
]
