"""The members' background work, on the django-tasks queue."""

from __future__ import annotations

from django_tasks import task

from members.archives import importer
from members.models import ArchiveImport


@task()
def import_archive(*, archive_import_id: int) -> None:
    """Runs (or resumes) an import uploaded in the admin, from its stored file."""
    archive_import = ArchiveImport.objects.get(pk=archive_import_id)
    importer.run(archive_import, archive_import.file.path)
