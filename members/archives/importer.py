"""Importing an archive file: each valid row becomes a passive member, or updates one.

The one way in for the command line (``import_graduates``), the admin's upload and
the demo. Rows go by batches of ``BATCH``, each in one transaction with its report
lines and the import's counts, the last line written included: a killed import is
resumed (``resume``) after the last batch that committed, nothing lost and nothing
twice. A record is keyed on (institution, student number):

- a new key creates a profile without an account (``source`` archive), its
  programme and its ``GraduateRecord``, written without ``post_save`` (``config.bulk``);
- a row equal to what the record holds changes nothing (its digest);
- a changed row updates an unclaimed record, and only the archive's data of a record
  its owner has claimed: never what they wrote on their profile.

A student number twice in one file is reported at its second line: the first row
stands. The search index follows through ``search.sync`` when unclaimed records
reach it at all (``members.privacy.archive_records_indexed``).
"""

from __future__ import annotations

import functools
import itertools
import operator
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from config import bulk
from config.bulk import relaxed_commit
from config.threads import ahead
from members import privacy
from members.archives.columns import Problem
from members.archives.files import ArchiveFile, ArchiveFileError, Row, fingerprint, open_archive
from members.archives.rows import GraduateRow, RowChecker, Spellings
from members.models import (
    ArchiveImport,
    ArchiveImportStatus,
    ArchiveProblem,
    Education,
    GraduateRecord,
    Profile,
    ProfileKind,
    ProfileSource,
)
from search import sync

BATCH = 2000
RESUMABLE = (ArchiveImportStatus.RUNNING, ArchiveImportStatus.INTERRUPTED)

PROFILE_FIELDS = ("id", "kind", "source", "first_name", "last_name", "city", "country")
EDUCATION_FIELDS = ("id", "profile_id", "programme", "degree", "discipline", "faculty", "end_year")
RECORD_FIELDS = (
    "profile_id",
    "education_id",
    "last_import_id",
    "institution",
    "student_number",
    "birth_name",
    "birth_date",
    "emails",
    "name_key",
    "digest",
)
# What a changed row rewrites: the record always, the profile and programme of an
# unclaimed record only.
UPDATED_RECORD_FIELDS = (
    "education_id",
    "birth_name",
    "birth_date",
    "emails",
    "name_key",
    "digest",
    "last_import_id",
    "updated_at",
)
UPDATED_PROFILE_FIELDS = ("first_name", "last_name", "city", "country", "updated_at")
UPDATED_EDUCATION_FIELDS = ("programme", "degree", "discipline", "faculty", "end_year")
# What the import reads of the records its rows name.
_KNOWN = (
    "pk",
    "institution",
    "student_number",
    "digest",
    "last_import_id",
    "education_id",
    "profile_id",
    "profile__user_id",
)

Progress = Callable[[ArchiveImport], None]


def start(
    path: str | Path,
    *,
    user=None,
    file_name: str = "",
    dry_run: bool = False,
    encoding: str | None = None,
) -> ArchiveImport:
    """A new import of the file at ``path``, recorded before a row is read."""
    path = Path(path)
    with path.open("rb") as file:
        digest = fingerprint(file)
    return ArchiveImport.objects.create(
        file_name=file_name or path.name,
        fingerprint=digest,
        size=path.stat().st_size,
        encoding=encoding or "",
        dry_run=dry_run,
        started_by=user,
    )


def receive(upload: File, *, user, dry_run: bool = False) -> ArchiveImport:
    """A new import of a file uploaded in the admin, kept in the private storage for
    the background task that reads it (and for a resume)."""
    name = upload.name or "archive"
    archive_import = ArchiveImport(file_name=name[:255], started_by=user, dry_run=dry_run)
    archive_import.file.save(f"{uuid.uuid4().hex}{Path(name).suffix.lower()}", upload, save=False)
    with archive_import.file.open("rb") as stored:
        archive_import.fingerprint = fingerprint(stored)
    archive_import.size = archive_import.file.size
    archive_import.save()
    return archive_import


def resumable(path: str | Path) -> ArchiveImport | None:
    """The latest import of this very file that stopped before its end, if any."""
    with Path(path).open("rb") as file:
        digest = fingerprint(file)
    return (
        ArchiveImport.objects.filter(fingerprint=digest, status__in=RESUMABLE, dry_run=False)
        .order_by("-started_at", "-pk")
        .first()
    )


def run(
    archive_import: ArchiveImport,
    path: str | Path,
    *,
    sheet: str | None = None,
    institution: str = "",
    progress: Progress | None = None,
) -> ArchiveImport:
    """Imports (or resumes) ``archive_import`` from the file at ``path``.

    Returns the import with its counts. A file that cannot be read at all ends the
    import as failed, with the reason in its report; a ``KeyboardInterrupt`` leaves it
    interrupted, to be resumed.
    """
    ArchiveImport.objects.filter(pk=archive_import.pk).update(
        status=ArchiveImportStatus.RUNNING, failure=""
    )
    try:
        archive = open_archive(path, encoding=archive_import.encoding or None, sheet=sheet)
    except ArchiveFileError as error:
        _fail(archive_import, error)
        return _reloaded(archive_import)
    writer = _Writer(
        archive_import,
        archive,
        RowChecker(Spellings.load(), today=timezone.localdate(), institution=institution),
    )
    try:
        writer.run(progress)
    except ArchiveFileError as error:
        _fail(archive_import, error)
    except KeyboardInterrupt:
        _finish(archive_import, ArchiveImportStatus.INTERRUPTED)
        raise
    else:
        _finish(archive_import, ArchiveImportStatus.DONE)
    return _reloaded(archive_import)


def _fail(archive_import: ArchiveImport, error: ArchiveFileError) -> None:
    """The file cannot be read (any further): the reason is the report's last line."""
    with transaction.atomic():
        ArchiveProblem.objects.create(
            archive_import=archive_import, line=error.line, message=error.message
        )
        _finish(archive_import, ArchiveImportStatus.FAILED, failure=error.message)


def _finish(archive_import: ArchiveImport, status: str, *, failure: str = "") -> None:
    ArchiveImport.objects.filter(pk=archive_import.pk).update(
        status=status, failure=failure, finished_at=timezone.now()
    )


def _reloaded(archive_import: ArchiveImport) -> ArchiveImport:
    archive_import.refresh_from_db()
    return archive_import


@dataclass
class _Counts:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    rejected: int = 0
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)

    def report(self, problems: Iterable[Problem]) -> None:
        rejected_lines = set()
        for problem in problems:
            self.problems.append(problem)
            if problem.rejected:
                rejected_lines.add(problem.line)
            else:
                self.warnings += 1
        self.rejected += len(rejected_lines)


@dataclass
class _Checked:
    """A batch read and checked, to be written."""

    line: int
    read: int
    graduates: dict[tuple[str, str], GraduateRow]
    counts: _Counts


class _Writer:
    def __init__(self, archive_import: ArchiveImport, archive: ArchiveFile, checker: RowChecker):
        self.archive_import = archive_import
        self.archive = archive
        self.checker = checker
        self.indexed = privacy.archive_records_indexed()
        # A dry run writes nothing, so it cannot find a number seen in an earlier batch
        # through the records: it keeps the keys (memory grows with the file).
        self.seen: set[tuple[str, str]] | None = set() if archive_import.dry_run else None

    def run(self, progress: Progress | None) -> None:
        resumed_after = self.archive_import.line
        if resumed_after == 0 and self.archive.warnings:
            counts = _Counts()
            counts.report(self.archive.warnings)
            with transaction.atomic():
                self._save(counts, line=0, read=0)
        rows = (row for row in self.archive.rows if row.line > resumed_after)
        batches = iter(lambda: tuple(itertools.islice(rows, BATCH)), ())
        # The next batches are read and checked in a thread while this one waits for
        # the database to write the last: the two cores work at once.
        for checked in ahead((self._check(batch) for batch in batches), depth=2):
            with transaction.atomic():
                relaxed_commit()
                self._upsert(checked.graduates, checked.counts)
                self._save(checked.counts, line=checked.line, read=checked.read)
            if progress is not None:
                progress(self.archive_import)

    def _check(self, batch: tuple[Row, ...]) -> _Checked:
        counts = _Counts(rows=len(batch))
        graduates: dict[tuple[str, str], GraduateRow] = {}
        for row in batch:
            graduate, problems = self.checker.check(row)
            if graduate is not None and (graduate.key in graduates or self._seen(graduate)):
                problems = [*problems, _duplicate(graduate)]
                graduate = None
            counts.report(problems)
            if graduate is not None:
                graduates[graduate.key] = graduate
        return _Checked(batch[-1].line, self.archive.read, graduates, counts)

    def _seen(self, graduate: GraduateRow) -> bool:
        if self.seen is None:
            return False
        seen = graduate.key in self.seen
        self.seen.add(graduate.key)
        return seen

    def _upsert(self, graduates: dict[tuple[str, str], GraduateRow], counts: _Counts) -> None:
        numbers: dict[str, list[str]] = {}
        for institution, number in graduates:
            numbers.setdefault(institution, []).append(number)
        # By institution, then numbers: the order of the key's index.
        named = (
            Q(institution=institution, student_number__in=its_numbers)
            for institution, its_numbers in numbers.items()
        )
        existing = {
            (record["institution"], record["student_number"]): record
            for record in GraduateRecord.objects.filter(
                functools.reduce(operator.or_, named, Q(pk__in=()))
            ).values(*_KNOWN)
        }
        new, changed, unchanged = [], [], []
        for key, graduate in graduates.items():
            record = existing.get(key)
            if record is None:
                new.append(graduate)
            elif record["last_import_id"] == self.archive_import.pk:
                counts.report([_duplicate(graduate)])
            elif record["digest"] == graduate.digest:
                unchanged.append(record["pk"])
            else:
                changed.append((record, graduate))
        counts.created = len(new)
        counts.unchanged = len(unchanged)
        counts.kept = sum(1 for record, _ in changed if record["profile__user_id"] is not None)
        counts.updated = len(changed) - counts.kept
        if self.archive_import.dry_run:
            return
        created = self._create(new)
        updated = self._update(changed)
        GraduateRecord.objects.filter(pk__in=unchanged).update(last_import=self.archive_import)
        if self.indexed:
            sync.mark("members", [*created, *updated])

    def _create(self, graduates: list[GraduateRow]) -> list[int]:
        count = len(graduates)
        profiles = bulk.reserve_ids(Profile, count)
        educations = bulk.reserve_ids(Education, count)
        bulk.insert(
            Profile,
            PROFILE_FIELDS,
            (
                (
                    pk,
                    ProfileKind.ALUMNUS,
                    ProfileSource.ARCHIVE,
                    row.first_name,
                    row.last_name,
                    row.city,
                    row.country,
                )
                for pk, row in zip(profiles, graduates, strict=True)
            ),
        )
        bulk.insert(
            Education,
            EDUCATION_FIELDS,
            (
                (pk, profile, row.programme, row.degree, row.discipline, row.faculty, row.end_year)
                for pk, profile, row in zip(educations, profiles, graduates, strict=True)
            ),
        )
        bulk.insert(
            GraduateRecord,
            RECORD_FIELDS,
            (
                (
                    profile,
                    education,
                    self.archive_import.pk,
                    row.institution,
                    row.student_number,
                    row.birth_name,
                    row.birth_date,
                    row.emails,
                    row.name_key,
                    row.digest,
                )
                for profile, education, row in zip(profiles, educations, graduates, strict=True)
            ),
        )
        return profiles

    def _update(self, changed: list[tuple[dict, GraduateRow]]) -> list[int]:
        """Rewrites the records of changed rows; the profile and programme of those
        nobody has claimed. Returns the profiles rewritten."""
        now = timezone.now()
        records, profiles, programmes = [], [], []
        for known, row in changed:
            record = GraduateRecord(
                pk=known["pk"],
                education_id=known["education_id"],
                birth_name=row.birth_name,
                birth_date=row.birth_date,
                emails=row.emails,
                name_key=row.name_key,
                digest=row.digest,
                last_import_id=self.archive_import.pk,
                updated_at=now,
            )
            records.append(record)
            if known["profile__user_id"] is not None:
                continue  # claimed: the profile is its owner's
            profile_id = known["profile_id"]
            profiles.append(
                Profile(
                    pk=profile_id,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    city=row.city,
                    country=row.country,
                    updated_at=now,
                )
            )
            programme = Education(
                pk=known["education_id"],
                profile_id=profile_id,
                programme=row.programme,
                degree=row.degree,
                discipline=row.discipline,
                faculty=row.faculty,
                end_year=row.end_year,
            )
            if programme.pk is None:  # its owner's programme until they removed it
                programme.save()
                record.education_id = programme.pk
            programmes.append(programme)
        Profile.objects.bulk_update(profiles, UPDATED_PROFILE_FIELDS)
        Education.objects.bulk_update(programmes, UPDATED_EDUCATION_FIELDS)
        GraduateRecord.objects.bulk_update(records, UPDATED_RECORD_FIELDS)
        return [profile.pk for profile in profiles]

    def _save(self, counts: _Counts, *, line: int, read: int) -> None:
        ArchiveProblem.objects.bulk_create(
            ArchiveProblem(
                archive_import=self.archive_import,
                line=problem.line,
                column=problem.column,
                value=problem.value,
                message=problem.message[:300],
                rejected=problem.rejected,
            )
            for problem in counts.problems
        )
        ArchiveImport.objects.filter(pk=self.archive_import.pk).update(
            line=max(line, self.archive_import.line),
            progress=read,
            encoding=self.archive.encoding,
            **{name: F(name) + getattr(counts, name) for name in ArchiveImport.COUNTS},
        )
        # The same counts in memory, for the progress bar.
        archive_import = self.archive_import
        archive_import.line = max(line, archive_import.line)
        archive_import.progress = read
        for name in ArchiveImport.COUNTS:
            setattr(archive_import, name, getattr(archive_import, name) + getattr(counts, name))


def _duplicate(graduate: GraduateRow) -> Problem:
    return Problem(
        graduate.line,
        _("This student number is on an earlier line of the file: one row per graduate."),
        "numero_etudiant",
        graduate.student_number,
    )
