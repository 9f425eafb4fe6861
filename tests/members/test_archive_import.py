"""Importing the graduate archives: what a file becomes, what a second import changes,
what bad input reports, and how a killed import resumes."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from members.archives import importer
from members.archives.columns import COLUMNS
from members.models import (
    ArchiveImport,
    ArchiveImportStatus,
    ArchiveSpelling,
    DirectorySettings,
    Education,
    GraduateRecord,
    Profile,
    ProfileSource,
)
from search.models import IndexedDocument
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = [column.name for column in COLUMNS if column.name != "etablissement"]
AMINATA = [
    "21000001", "N'Diaye", "Aminata", "", "12/03/1990", "aminata.ndiaye@example.org",
    "Master Économie appliquée", "Master", "Économie", "Faculté d'économie", "2014", "Lille", "FR",
]  # fmt: skip
JEAN = [
    "21000002", "de La Fontaine", "Jean-Baptiste", "Lefèvre", "01/07/1988", "",
    "Licence Histoire", "Licence", "Histoire", "Faculté des Lettres", "2010", "", "",
]  # fmt: skip


def write_csv(path, rows, *, header=HEADER, delimiter=";", encoding="utf-8-sig"):
    with path.open("w", encoding=encoding, newline="") as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def graduate(number, **changes):
    row = dict(zip(HEADER, AMINATA, strict=True))
    row.update(numero_etudiant=str(number), nom=f"Nom{number}", courriels="")
    row.update(changes)
    return [row[name] for name in HEADER]


def run_import(path, **options):
    archive_import = importer.start(path, dry_run=options.pop("dry_run", False))
    return importer.run(archive_import, path, **options)


def problems(archive_import):
    return [
        (problem.line, problem.column, problem.rejected)
        for problem in archive_import.problems.order_by("line", "pk")
    ]


def test_a_file_becomes_passive_members_with_their_names_as_written(tmp_path):
    done = run_import(write_csv(tmp_path / "archives.csv", [AMINATA, JEAN]))

    assert (done.status, done.rows, done.created, done.rejected) == ("done", 2, 2, 0)
    record = GraduateRecord.objects.select_related("profile", "education").get(
        student_number="21000002"
    )
    profile = record.profile
    assert (profile.last_name, profile.first_name) == ("de La Fontaine", "Jean-Baptiste")
    assert profile.user is None and profile.source == ProfileSource.ARCHIVE
    assert (record.birth_name, record.birth_date) == ("Lefèvre", date(1988, 7, 1))
    assert record.name_key == "de la fontaine jean baptiste"
    assert (record.education.programme, record.education.end_year) == ("Licence Histoire", 2010)
    assert record.education.profile_id == profile.pk
    aminata = GraduateRecord.objects.get(student_number="21000001")
    assert aminata.emails == "aminata.ndiaye@example.org"
    assert (aminata.profile.city, aminata.profile.country) == ("Lille", "FR")


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "archives.csv", [AMINATA, JEAN])
    run_import(path)
    before = list(Profile.objects.values_list("pk", "updated_at").order_by("pk"))

    again = run_import(path)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert list(Profile.objects.values_list("pk", "updated_at").order_by("pk")) == before
    assert Education.objects.count() == GraduateRecord.objects.count() == 2


def test_a_changed_row_updates_an_unclaimed_record_and_never_a_claimed_profile(tmp_path):
    run_import(write_csv(tmp_path / "first.csv", [AMINATA, JEAN]))
    claimed = Profile.objects.get(graduate_record__student_number="21000002")
    claimed.user = UserFactory()
    claimed.last_name = "Delafontaine"  # what its owner wrote
    claimed.save()
    aminata = [*AMINATA]
    aminata[HEADER.index("ville")] = "Roubaix"
    jean = [*JEAN]
    jean[HEADER.index("nom")] = "De la Fontaine"
    jean[HEADER.index("courriels")] = "jb.delafontaine@example.org"

    done = run_import(write_csv(tmp_path / "second.csv", [aminata, jean]))

    assert (done.updated, done.kept, done.unchanged) == (1, 1, 0)
    assert Profile.objects.get(graduate_record__student_number="21000001").city == "Roubaix"
    claimed.refresh_from_db()
    assert claimed.last_name == "Delafontaine"
    assert claimed.graduate_record.emails == "jb.delafontaine@example.org"


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"date_naissance": "31/02/1994"}, "date_naissance"),
        ({"date_naissance": "00/13/1990"}, "date_naissance"),
        ({"date_naissance": "01/01/2001", "annee_diplome": "1999"}, "annee_diplome"),
        ({"annee_diplome": "20l5"}, "annee_diplome"),
        ({"annee_diplome": "1789"}, "annee_diplome"),
        ({"nom": ""}, "nom"),
        ({"formation": ""}, "formation"),
        ({"numero_etudiant": ""}, "numero_etudiant"),
        ({"numero_etudiant": "21 000"}, "numero_etudiant"),
        ({"nom": "x" * 300}, "nom"),
    ],
)
def test_a_faulty_row_is_reported_on_its_line_and_the_others_imported(tmp_path, changes, column):
    rows = [graduate(1), graduate(2, **changes), graduate(3)]

    done = run_import(write_csv(tmp_path / "archives.csv", rows))

    assert (done.created, done.rejected) == (2, 1)
    assert (3, column, True) in problems(done)
    assert set(GraduateRecord.objects.values_list("student_number", flat=True)) == {"1", "3"}


def test_a_value_the_record_can_do_without_is_left_out_with_a_warning(tmp_path):
    rows = [graduate(1, courriels="jean.dupont@ a@b@c.fr ok@example.org", pays="ZZ")]

    done = run_import(write_csv(tmp_path / "archives.csv", rows))

    assert (done.created, done.rejected, done.warnings) == (1, 0, 3)
    record = GraduateRecord.objects.get()
    assert record.emails == "ok@example.org"
    assert record.profile.country == ""


def test_a_student_number_twice_in_a_file_keeps_the_first_row(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH", 2)  # the second one in another batch
    rows = [graduate(1, prenoms="Première"), graduate(2), graduate(1, prenoms="Seconde")]

    done = run_import(write_csv(tmp_path / "archives.csv", rows))

    assert (done.created, done.rejected) == (2, 1)
    assert problems(done) == [(4, "numero_etudiant", True)]
    assert GraduateRecord.objects.get(student_number="1").profile.first_name == "Première"


def test_a_windows_1252_file_is_read_as_such(tmp_path):
    path = write_csv(tmp_path / "archives.csv", [JEAN], encoding="cp1252")

    done = run_import(path)

    assert (done.encoding, done.created) == ("cp1252", 1)
    assert Profile.objects.get().graduate_record.birth_name == "Lefèvre"


def test_a_line_that_is_not_the_files_encoding_is_reported_and_the_rest_imported(tmp_path):
    path = tmp_path / "archives.csv"
    good = ";".join(graduate(1)).encode()
    bad = ";".join(graduate(2, nom="Lefèvre")).encode("cp1252")
    path.write_bytes(b"\n".join([";".join(HEADER).encode(), good, bad, b""]))
    archive_import = importer.start(path, encoding="utf-8")

    done = importer.run(archive_import, path)

    assert (done.created, done.rejected) == (1, 1)
    assert problems(done) == [(3, "", True)]


def test_commas_and_a_byte_order_mark_are_read_too(tmp_path):
    path = write_csv(tmp_path / "archives.csv", [AMINATA], delimiter=",")

    assert run_import(path).created == 1
    assert GraduateRecord.objects.get().profile.last_name == "N'Diaye"


def test_headers_are_known_in_french_and_english_whatever_their_case(tmp_path):
    header = ["Student number", "Family name", "Prénom", "FORMATION", "Année du diplôme"]
    path = write_csv(tmp_path / "a.csv", [["9", "Martin", "Zoé", "Licence", "2001"]], header=header)

    done = run_import(path)

    assert (done.created, done.warnings) == (1, 0)


def test_an_unknown_column_is_left_out_with_a_warning(tmp_path):
    path = write_csv(
        tmp_path / "a.csv", [[*graduate(1), "vu"]], header=[*HEADER, "Remarque du service"]
    )

    done = run_import(path)

    assert (done.created, done.warnings) == (1, 1)
    assert problems(done) == [(1, "Remarque du service", False)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        ("nom;prenoms\nMartin;Zoé\n".encode(), "Required columns are missing"),
        (b"numero_etudiant;nom;Nom de famille\n", "both give"),
    ],
)
def test_a_file_that_cannot_be_imported_says_why_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "archives.csv"
    path.write_bytes(content)

    with translation.override("en"):
        done = run_import(path)

    assert done.status == ArchiveImportStatus.FAILED
    assert message in done.failure
    assert Profile.objects.count() == 0
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("import_graduates", str(path), "--no-progress", stdout=io.StringIO())


def write_xlsx(path, rows, *, sheets=("Diplômés",)):
    workbook = openpyxl.Workbook()
    for number, name in enumerate(sheets):
        sheet = workbook.active if number == 0 else workbook.create_sheet()
        sheet.title = name
        if number == 0:
            sheet.append(HEADER)
            for row in rows:
                sheet.append(row)
    workbook.save(path)
    return path


def test_a_workbook_gives_its_dates_and_numbers_as_the_csv_would(tmp_path):
    row = graduate(21000009)
    row[HEADER.index("numero_etudiant")] = 21000009
    row[HEADER.index("date_naissance")] = date(1990, 3, 12)
    row[HEADER.index("annee_diplome")] = 2014
    path = write_xlsx(tmp_path / "archives.xlsx", [row], sheets=("Diplômés", "Notes"))

    done = run_import(path)

    assert (done.encoding, done.created, done.warnings) == ("xlsx", 1, 1)
    record = GraduateRecord.objects.get()
    assert (record.student_number, record.birth_date) == ("21000009", date(1990, 3, 12))
    assert "Notes" in done.problems.get().message


def test_spellings_name_the_faculties_and_reject_those_they_do_not_know(tmp_path):
    ArchiveSpelling.objects.create(
        kind="faculty", spelling="FAC. ECO.", name="Faculté d'économie et de gestion"
    )
    rows = [graduate(1, composante="fac eco"), graduate(2, composante="Faculté inconnue")]

    done = run_import(write_csv(tmp_path / "archives.csv", rows))

    assert (done.created, done.rejected) == (1, 1)
    assert problems(done) == [(3, "composante", True)]
    assert Education.objects.get().faculty == "Faculté d'économie et de gestion"


def test_a_dry_run_counts_and_writes_nothing(tmp_path):
    path = write_csv(tmp_path / "archives.csv", [AMINATA, JEAN, graduate(3, nom="")])

    done = run_import(path, dry_run=True)

    assert (done.created, done.rejected, done.status) == (2, 1, "done")
    assert Profile.objects.count() == 0


class Killed(Exception):
    """The process dies between two batches."""


def test_a_killed_import_resumes_where_it_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH", 3)
    rows = [graduate(number) for number in range(1, 11)] + [graduate(11, nom="")]
    path = write_csv(tmp_path / "archives.csv", rows)
    archive_import = importer.start(path)

    def die_after_the_second_batch(progress):
        if progress.rows == 6:
            raise Killed

    with pytest.raises(Killed):
        importer.run(archive_import, path, progress=die_after_the_second_batch)
    assert GraduateRecord.objects.count() == 6

    resumed = importer.resumable(path)
    assert resumed.pk == archive_import.pk and resumed.line == 7
    done = importer.run(resumed, path)

    assert (done.status, done.rows, done.created, done.rejected) == ("done", 11, 10, 1)
    numbers = list(GraduateRecord.objects.values_list("student_number", flat=True))
    assert sorted(numbers, key=int) == [str(number) for number in range(1, 11)]
    assert importer.resumable(path) is None


def test_the_command_resumes_and_writes_the_report(tmp_path):
    path = write_csv(tmp_path / "archives.csv", [AMINATA, graduate(2, annee_diplome="20l5")])
    with pytest.raises(CommandError, match="No interrupted import"):
        call_command("import_graduates", str(path), "--resume", stdout=io.StringIO())
    report = tmp_path / "report.csv"
    out = io.StringIO()

    call_command("import_graduates", str(path), "--report", str(report), stdout=out)

    assert "1 created" in out.getvalue() and "1 rejected" in out.getvalue()
    lines = list(csv.reader(report.open(encoding="utf-8-sig")))
    assert lines[1][:3] == ["3", "annee_diplome", "20l5"]
    assert ArchiveImport.objects.get().status == "done"


def test_records_reach_the_search_index_only_when_the_institution_lists_them(
    tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(write_csv(tmp_path / "archives.csv", [AMINATA]))
    assert not IndexedDocument.objects.filter(kind="members").exists()

    with django_capture_on_commit_callbacks(execute=True):
        directory = DirectorySettings.load()
        directory.list_archive_records = True
        directory.save()
    with django_capture_on_commit_callbacks(execute=True):
        run_import(write_csv(tmp_path / "more.csv", [JEAN]))

    titles = set(IndexedDocument.objects.filter(kind="members").values_list("title", flat=True))
    assert titles == {"Aminata N'Diaye", "Jean-Baptiste de La Fontaine"}
    out = io.StringIO()
    call_command("search_index", "--check", "--kind", "members", stdout=out)
    assert "The search index matches the database." in out.getvalue()
