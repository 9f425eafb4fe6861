import pytest

from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_with_files(png_file, pdf_file):
    profile = ProfileFactory(photo_visibility="private", cv_visibility="private")
    profile.photo.save("photo.png", png_file())
    profile.cv.save("cv.pdf", pdf_file())
    return profile


def test_a_member_edits_a_profile_that_has_a_photo_and_a_cv(client, member_with_files):
    client.force_login(member_with_files.user)
    response = client.get("/members/me/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/members/{member_with_files.pk}/photo/"' in html
    assert f'href="/members/{member_with_files.pk}/cv/"' in html
    assert 'accept="image/*"' in html and 'accept="application/pdf"' in html
    assert client.get(f"/members/{member_with_files.pk}/cv/").status_code == 200


def test_the_admin_edits_a_member_who_has_a_photo_and_a_cv(
    client, django_user_model, member_with_files
):
    client.force_login(
        django_user_model.objects.create_superuser(email="root@example.org", password="x")
    )
    response = client.get(f"/admin/member_profiles/edit/{member_with_files.pk}/")
    assert response.status_code == 200
    assert f'href="/members/{member_with_files.pk}/cv/"' in response.content.decode()
