import pytest
from django.contrib.auth.models import AnonymousUser

from members import privacy
from members.models import DirectorySettings, StaffAccessLog
from members.privacy import Visibility
from tests.members.factories import (
    ArchiveProfileFactory,
    EducationFactory,
    ProfileFactory,
    UserFactory,
    make_admin_without_right,
    make_staff,
)

pytestmark = pytest.mark.django_db


def test_new_sections_are_visible_to_members_only():
    profile = ProfileFactory(headline="Ingénieure", listed_publicly=True)
    member = UserFactory()
    assert privacy.can_see(member, profile, "headline")
    assert not privacy.can_see(AnonymousUser(), profile, "headline")
    assert privacy.visible_profile(AnonymousUser(), profile).headline == ""
    assert privacy.visible_profile(member, profile).headline == "Ingénieure"


def test_levels_owner_staff_member_public():
    profile = ProfileFactory()
    assert privacy.viewer_level(profile.user, profile) == privacy.OWNER
    assert privacy.viewer_level(make_staff(), profile) == privacy.STAFF
    assert privacy.viewer_level(make_admin_without_right(), profile) == privacy.MEMBER
    assert privacy.viewer_level(AnonymousUser(), profile) == privacy.PUBLIC


def test_private_section_is_for_the_owner_and_staff_only():
    profile = ProfileFactory(biography="secret", biography_visibility=Visibility.PRIVATE)
    assert privacy.can_see(profile.user, profile, "biography")
    assert privacy.can_see(make_staff(), profile, "biography")
    assert not privacy.can_see(UserFactory(), profile, "biography")
    assert not privacy.can_see(make_admin_without_right(), profile, "biography")


def test_visitors_only_find_publicly_listed_profiles():
    listed = ProfileFactory(listed_publicly=True)
    ProfileFactory()
    assert list(privacy.visible_profiles(AnonymousUser())) == [listed]
    assert privacy.visible_profiles(UserFactory()).count() == 2


def test_unclaimed_archive_records_are_staff_only_unless_the_institution_lists_them():
    record = ArchiveProfileFactory()
    EducationFactory(profile=record, faculty="Faculté de droit")
    member = UserFactory()
    assert record not in privacy.visible_profiles(member)
    assert record in privacy.visible_profiles(make_staff())
    assert privacy.index_document_sections(record) == {}

    directory = DirectorySettings.load()
    directory.list_archive_records = True
    directory.save()
    member = UserFactory()
    assert record in privacy.visible_profiles(member)
    view = privacy.visible_profile(member, record)
    assert view.education == ({"programme": "Master Économie appliquée", "end_year": 2012},)
    assert not view.shows("headline")
    assert record not in privacy.visible_profiles(AnonymousUser())


def test_index_never_holds_private_sections_and_tags_the_audience():
    profile = ProfileFactory(
        listed_publicly=True,
        headline_visibility=Visibility.PUBLIC,
        biography_visibility=Visibility.PRIVATE,
    )
    sections = privacy.index_document_sections(profile)
    assert sections["headline"][0] == Visibility.PUBLIC
    assert sections["education"][0] == Visibility.MEMBERS
    assert "biography" not in sections


def test_staff_access_is_logged():
    staff = make_staff()
    profile = ProfileFactory()
    privacy.visible_profile(staff, profile, reason="Demande de la personne")
    log = StaffAccessLog.objects.get()
    assert log.profile == profile and log.staff_user == staff
    assert log.reason == "Demande de la personne"
    privacy.visible_profile(staff, profile, listing=True)
    privacy.visible_profile(ProfileFactory().user, profile)
    assert StaffAccessLog.objects.count() == 1


def test_the_member_preview_is_nobody_in_particular():
    """The owner's "as a member" preview owns no profile, not even an account-less one."""
    record = ArchiveProfileFactory()
    preview = privacy.PreviewMember()
    assert privacy.viewer_level(preview, record) == privacy.MEMBER
    assert not privacy.can_view_profile(preview, record)
    assert record not in privacy.visible_profiles(preview)
