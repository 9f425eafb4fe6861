"""The members app's models: accounts, profiles, organisations, the network and the
records kept for privacy (staff access log, consents), the graduate archives."""

from .accounts import User, UserManager
from .archives import (
    ArchiveImport,
    ArchiveImportStatus,
    ArchiveProblem,
    ArchiveSpelling,
    ArchiveTermKind,
    GraduateRecord,
)
from .network import Connection, ConnectionStatus, ContactMessage
from .organisations import Organisation, OrganisationContact, OrganisationKind, Sector
from .profiles import (
    Education,
    Experience,
    ExpertiseDomain,
    Profile,
    ProfileExpertise,
    ProfileKind,
    ProfileSource,
)
from .records import Consent, DirectorySettings, StaffAccessLog

__all__ = [
    "ArchiveImport",
    "ArchiveImportStatus",
    "ArchiveProblem",
    "ArchiveSpelling",
    "ArchiveTermKind",
    "GraduateRecord",
    "Connection",
    "ConnectionStatus",
    "ContactMessage",
    "Consent",
    "DirectorySettings",
    "Education",
    "Experience",
    "ExpertiseDomain",
    "Organisation",
    "OrganisationContact",
    "OrganisationKind",
    "Profile",
    "ProfileExpertise",
    "ProfileKind",
    "ProfileSource",
    "Sector",
    "StaffAccessLog",
    "User",
    "UserManager",
]
