"""The members' business rules, the only code that writes their state.

- ``members.services.profiles``: creating and editing a profile (the form and the
  API alike), consent, completeness;
- ``members.services.network``: connection requests and their answers;
- ``members.services.contact``: the contact relay and its hourly limit.

What a person may do is answered before by ``members.policies``, and each write
starts by asking it again. Views, API endpoints, admin actions and commands call
these functions; each refuses with ``members.errors.MemberError`` (a
``config.errors.DomainError``) carrying a translated message. Other apps import
from here: ``require_profile``, ``profile_of`` and ``MemberError`` keep their names.
"""

from members.errors import MemberError, ProfileRequired, SignInRequired
from members.policies import (
    CONTACT_LIMIT,
    CONTACT_WINDOW_SECONDS,
    contact_messages_left,
    profile_of,
    require_profile,
)
from members.services.contact import send_contact_message
from members.services.network import (
    answer_connection,
    network_of,
    remove_connection,
    request_connection,
    withdraw_connection,
)
from members.services.profiles import (
    EDITABLE_FIELDS,
    FILE_FIELDS,
    MAX_EXPERTISE_DOMAINS,
    PRIVACY_NOTICE_VERSION,
    RECORD_FIELDS,
    create_profile,
    profile_completeness,
    record_consent,
    update_profile,
)

__all__ = [
    "CONTACT_LIMIT",
    "CONTACT_WINDOW_SECONDS",
    "EDITABLE_FIELDS",
    "FILE_FIELDS",
    "MAX_EXPERTISE_DOMAINS",
    "PRIVACY_NOTICE_VERSION",
    "RECORD_FIELDS",
    "MemberError",
    "ProfileRequired",
    "SignInRequired",
    "answer_connection",
    "contact_messages_left",
    "create_profile",
    "network_of",
    "profile_completeness",
    "profile_of",
    "record_consent",
    "remove_connection",
    "request_connection",
    "require_profile",
    "send_contact_message",
    "update_profile",
    "withdraw_connection",
]
