"""The graduate archives: the records the university imports, and each import's history.

A record of the archives is a passive member: a ``Profile`` without an account, seen by
staff only (``members.privacy``), with a ``GraduateRecord`` beside it that holds what
the archives know and only serves to recognise the graduate when they claim it (birth
date, birth name, the addresses on file). The directory never shows a record's fields.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.files import private_storage


class ArchiveImportStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    INTERRUPTED = "interrupted", _("Interrupted")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ArchiveImport(models.Model):
    """One run of an archive file through the import, from the admin or the command line.

    ``line`` is the last line whose rows are written: the counts and the problems are
    committed with each batch of rows, so that a killed import resumes after it.
    """

    file = models.FileField(_("file"), upload_to="archives/", storage=private_storage, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    fingerprint = models.CharField(
        _("fingerprint"), max_length=64, db_index=True, help_text=_("SHA-256 of the file.")
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    encoding = models.CharField(_("encoding"), max_length=16, blank=True)
    dry_run = models.BooleanField(
        _("dry run"), default=False, help_text=_("Rows checked and counted, nothing written.")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started on"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ArchiveImportStatus.choices,
        default=ArchiveImportStatus.RUNNING,
    )
    failure = models.TextField(_("why it stopped"), blank=True)

    line = models.PositiveIntegerField(_("last line written"), default=0)
    progress = models.PositiveIntegerField(
        _("bytes read"), default=0, help_text=_("Of the file's size, for the progress bar.")
    )
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    created = models.PositiveIntegerField(_("records created"), default=0)
    updated = models.PositiveIntegerField(_("records updated"), default=0)
    unchanged = models.PositiveIntegerField(_("records unchanged"), default=0)
    kept = models.PositiveIntegerField(
        _("claimed profiles kept"),
        default=0,
        help_text=_(
            "Rows that change a claimed record: the archive data is updated, the profile "
            "its owner wrote is not."
        ),
    )
    rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    warnings = models.PositiveIntegerField(_("warnings"), default=0)

    # What an import counts, in the order its page and report show them.
    COUNTS = ("rows", "created", "updated", "unchanged", "kept", "rejected", "warnings")

    class Meta:
        verbose_name = _("archive import")
        verbose_name_plural = _("archive imports")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ArchiveImportStatus.DONE, ArchiveImportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ArchiveImportStatus.DONE:
            return 100
        return min(99, self.progress * 100 // self.size) if self.size else 0


class ArchiveProblem(models.Model):
    """A line of an import's report: a row rejected, or a value left out of a row."""

    archive_import = models.ForeignKey(
        ArchiveImport, on_delete=models.CASCADE, related_name="problems"
    )
    line = models.PositiveIntegerField(_("line"))
    column = models.CharField(_("column"), max_length=64, blank=True)
    value = models.CharField(_("value"), max_length=200, blank=True)
    message = models.CharField(_("message"), max_length=300)
    rejected = models.BooleanField(
        _("row rejected"),
        default=True,
        help_text=_("Otherwise the row was imported without this value."),
    )

    class Meta:
        verbose_name = _("import problem")
        verbose_name_plural = _("import problems")
        ordering = ["line", "pk"]

    def __str__(self):
        return f"{self.line}: {self.message}"


class ArchiveTermKind(models.TextChoices):
    FACULTY = "faculty", _("Faculty or component")
    PROGRAMME = "programme", _("Programme")


class ArchiveSpelling(models.Model):
    """How the archives spell a faculty or a programme, and the name the site uses.

    Once a kind has entries, the import knows its names: a row whose faculty (or
    programme) is neither a name nor a spelling listed here is rejected, so that a
    typing error of the archives does not become a faculty of its own.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ArchiveTermKind.choices)
    spelling = models.CharField(
        _("spelling in the archives"),
        max_length=200,
        help_text=_("As the files write it, e.g. “FAC. SC. ECO.”; case and accents do not matter."),
    )
    name = models.CharField(
        _("name on the site"),
        max_length=200,
        help_text=_("e.g. “Faculté des sciences économiques”."),
    )

    class Meta:
        verbose_name = _("archive spelling")
        verbose_name_plural = _("archive spellings")
        ordering = ["kind", "name", "spelling"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "spelling"], name="members_archivespelling_unique"
            )
        ]

    def __str__(self):
        return f"{self.spelling} → {self.name}"


class GraduateRecord(models.Model):
    """What the archives know of a graduate, beside their profile (staff only).

    Keyed on (institution, student number): importing the same row again changes
    nothing (``digest``), and a record its owner has claimed keeps their profile.
    """

    profile = models.OneToOneField(
        "members.Profile",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="graduate_record",
    )
    institution = models.CharField(
        _("institution"),
        max_length=32,
        blank=True,
        help_text=_("Empty for the university itself; a code for a merged or partner one."),
    )
    student_number = models.CharField(_("student number"), max_length=32)
    birth_name = models.CharField(_("birth name"), max_length=150, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    emails = models.TextField(
        _("e-mail addresses on file"), blank=True, help_text=_("Separated by spaces.")
    )
    name_key = models.CharField(
        _("name, folded"),
        max_length=310,
        help_text=_("Family and given names without case or accents, to match a claim."),
    )
    education = models.OneToOneField(
        "members.Education",
        verbose_name=_("the programme of the archives"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    digest = models.CharField(_("digest of the row"), max_length=32)
    # Bookkeeping of the import, without a constraint or an index for it to keep up
    # at each of the archives' rows (deleting an import clears it in one pass).
    last_import = models.ForeignKey(
        ArchiveImport,
        verbose_name=_("last import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    class Meta:
        verbose_name = _("graduate record")
        verbose_name_plural = _("graduate records")
        ordering = ["institution", "student_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "student_number"], name="members_graduaterecord_key"
            )
        ]
        indexes = [
            models.Index(fields=["name_key", "birth_date"], name="members_graduate_match_idx")
        ]

    def __str__(self):
        number = (
            f"{self.institution}/{self.student_number}" if self.institution else self.student_number
        )
        return number
