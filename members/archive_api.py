"""The community API's graduate-archive endpoints: the imports and their progress, for
the staff who follow them in the admin (``members.archives.access``)."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from config.protocol import Page, PageQuery, paginate, refusals, reject_unknown
from members.archives.access import ARCHIVE_IMPORTS
from members.errors import MemberError, SignInRequired
from members.models import ArchiveImport, ArchiveImportStatus

router = Router(tags=["graduate archives"])

StatusChoice = Literal[tuple(ArchiveImportStatus.values)]  # type: ignore[valid-type]


class ArchiveImportOut(Schema):
    id: int
    file_name: str
    status: StatusChoice
    dry_run: bool
    started_at: datetime
    finished_at: datetime | None
    percent: int = Field(description="Share of the file read, 100 once done")
    last_line: int = Field(description="The last line whose rows are written")
    rows: int
    created: int
    updated: int
    unchanged: int
    kept: int = Field(description="Rows that changed a claimed record: its profile was kept")
    rejected: int
    warnings: int
    failure: str = Field(description="Why a failed import stopped")


class ArchiveImportPageOut(Page[ArchiveImportOut]):
    pass


def _import_out(archive_import: ArchiveImport) -> dict:
    fields = set(ArchiveImportOut.model_fields) - {"last_line"}
    return {
        **{name: getattr(archive_import, name) for name in fields},
        "last_line": archive_import.line,
    }


def _require_follower(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise SignInRequired()
    if not ARCHIVE_IMPORTS.user_has_permission(request.user, "view"):
        raise MemberError(_("Only the staff who read full records follow the imports."), status=403)


@router.get(
    "/imports/",
    response={200: ArchiveImportPageOut, **refusals(400, 401, 403)},
    summary="The imports of the graduate archives, newest first",
)
def list_imports(request: HttpRequest, query: Query[PageQuery]):
    reject_unknown(request, PageQuery)
    _require_follower(request)
    return paginate(ArchiveImport.objects.order_by("-started_at", "-pk"), query, _import_out)


@router.get(
    "/imports/{id:import_id}",
    response={200: ArchiveImportOut, **refusals(401, 403, 404)},
    summary="One import of the graduate archives: its state and counts, as it runs",
)
def read_import(request: HttpRequest, import_id: int):
    _require_follower(request)
    archive_import = ArchiveImport.objects.filter(pk=import_id).first()
    if archive_import is None:
        raise MemberError(_("There is no such import."), status=404)
    return _import_out(archive_import)
