import io
from pathlib import Path, PurePath

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members import photos
from members.models import Profile
from tests.members.conftest import phone_photo
from tests.members.factories import ProfileFactory, sign_in_recently
from tests.members.test_bad_input import profile_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_with_files(png_file, pdf_file):
    profile = ProfileFactory(photo_visibility="private", cv_visibility="private")
    profile.photo.save("photo.png", png_file())
    profile.cv.save("cv.pdf", pdf_file())
    return profile


def test_a_member_edits_a_profile_that_has_a_photo_and_a_cv(client, member_with_files):
    sign_in_recently(client, member_with_files.user)
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
    sign_in_recently(
        client, django_user_model.objects.create_superuser(email="root@example.org", password="x")
    )
    response = client.get(f"/admin/member_profiles/edit/{member_with_files.pk}/")
    assert response.status_code == 200
    assert f'href="/members/{member_with_files.pk}/cv/"' in response.content.decode()


def served_image(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    content = b"".join(response.streaming_content)
    return content, Image.open(io.BytesIO(content))


def test_an_uploaded_photo_is_served_small_and_without_its_metadata(client):
    member = ProfileFactory()
    sign_in_recently(client, member.user)
    original = phone_photo()
    upload = SimpleUploadedFile("IMG_0001.JPG", original, content_type="image/jpeg")
    response = client.post("/members/me/edit/", {**profile_form(member), "photo": upload})
    assert response.status_code == 302
    member.refresh_from_db()

    card, card_image = served_image(client.get(f"/members/{member.pk}/photo/card/"))
    assert card_image.size == (128, 128)
    assert len(card) < 20_000 < len(original)
    profile_size, profile_image = served_image(client.get(f"/members/{member.pk}/photo/"))
    assert profile_image.size == (320, 320)
    for content, image in ((card, card_image), (profile_size, profile_image)):
        assert not image.getexif()
        assert b"Exif" not in content and b"PhoneMaker" not in content

    with member.photo.open("rb") as stored:
        kept = Image.open(io.BytesIO(stored.read()))
    assert not kept.getexif() and max(kept.size) <= 1024
    assert client.get(f"/members/{member.pk}/photo/poster/").status_code == 404


def test_a_photo_is_stored_upright():
    member = ProfileFactory()
    sideways = phone_photo(width=400, height=200, orientation=6)
    member.photo.save("sideways.jpg", SimpleUploadedFile("sideways.jpg", sideways))
    with member.photo.open("rb") as stored:
        assert Image.open(io.BytesIO(stored.read())).size == (200, 400)


def test_the_directory_cards_show_the_card_size(client):
    member = ProfileFactory(photo_visibility="members")
    member.photo.save("me.jpg", SimpleUploadedFile("me.jpg", phone_photo(300, 300)))
    sign_in_recently(client, ProfileFactory().user)
    html = client.get("/members/").content.decode()
    assert f'src="/members/{member.pk}/photo/card/"' in html


def test_a_private_photo_stays_private_in_every_size(client):
    member = ProfileFactory(photo_visibility="private")
    member.photo.save("me.jpg", SimpleUploadedFile("me.jpg", phone_photo(300, 300)))
    sign_in_recently(client, ProfileFactory().user)
    for url in (f"/members/{member.pk}/photo/", f"/members/{member.pk}/photo/card/"):
        assert client.get(url).status_code == 404
    sign_in_recently(client, member.user)
    assert client.get(f"/members/{member.pk}/photo/card/").status_code == 200


def test_a_photo_stored_before_sizes_existed_is_served_resized(client):
    member = ProfileFactory(photo_visibility="public", listed_publicly=True)
    name = member.photo.storage.save("photos/old.jpg", ContentFile(phone_photo(600, 400)))
    Profile.objects.filter(pk=member.pk).update(photo=name)
    content, image = served_image(client.get(f"/members/{member.pk}/photo/card/"))
    assert image.size == (128, 128) and b"PhoneMaker" not in content


def test_an_image_that_does_not_decode_is_refused_with_a_message(client):
    member = ProfileFactory()
    sign_in_recently(client, member.user)
    broken = SimpleUploadedFile("photo.jpg", phone_photo(300, 300)[:2000])
    response = client.post("/members/me/edit/", {**profile_form(member), "photo": broken})
    assert response.status_code == 200
    assert "Transférez une image valide." in response.content.decode()
    member.refresh_from_db()
    assert not member.photo


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(client):
    """A small file can hold an image that would take gigabytes once decoded."""
    member = ProfileFactory()
    sign_in_recently(client, member.user)
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    huge = SimpleUploadedFile("photo.png", buffer.getvalue())
    response = client.post("/members/me/edit/", {**profile_form(member), "photo": huge})
    assert response.status_code == 200
    assert "trop de pixels (9000 × 9000)" in response.content.decode()
    member.refresh_from_db()
    assert not member.photo


def test_a_stored_photo_that_no_longer_decodes_is_not_found(client):
    member = ProfileFactory(photo_visibility="public", listed_publicly=True)
    name = member.photo.storage.save("photos/cut.jpg", ContentFile(phone_photo(600, 400)[:900]))
    Profile.objects.filter(pk=member.pk).update(photo=name)
    assert client.get(f"/members/{member.pk}/photo/card/").status_code == 404


def test_erasing_the_account_removes_the_photo_in_every_size(
    client, django_capture_on_commit_callbacks
):
    member = ProfileFactory()
    member.photo.save("me.jpg", SimpleUploadedFile("me.jpg", phone_photo(300, 300)))
    folder = Path(member.photo.path).parent
    assert len(list(folder.iterdir())) == 3
    sign_in_recently(client, member.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/members/me/data/", {"confirmation": member.user.email})
    assert response.status_code == 302
    assert list(folder.iterdir()) == []


def test_a_replaced_photo_and_a_cleared_cv_leave_the_disk(
    client, pdf_file, django_capture_on_commit_callbacks
):
    member = ProfileFactory()
    member.photo.save("old.jpg", SimpleUploadedFile("old.jpg", phone_photo(300, 300)))
    member.cv.save("cv.pdf", pdf_file())
    old_photo, old_cv = Path(member.photo.path), Path(member.cv.path)
    sign_in_recently(client, member.user)
    new = SimpleUploadedFile("new.jpg", phone_photo(200, 200))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/members/me/edit/", {**profile_form(member), "photo": new, "cv-clear": "on"}
        )
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.cv and not old_cv.exists()
    assert not old_photo.exists()
    assert sorted(path.name for path in old_photo.parent.iterdir()) == sorted(
        PurePath(name).name for name in photos.stored_names(member.photo.name)
    )


def test_a_member_s_files_are_served_as_files_the_browser_does_not_second_guess(
    client, member_with_files
):
    sign_in_recently(client, member_with_files.user)
    photo = client.get(f"/members/{member_with_files.pk}/photo/")
    assert photo["Content-Type"] == "image/jpeg"
    assert photo["Content-Disposition"] == f'inline; filename="photo-{member_with_files.pk}.jpg"'
    cv = client.get(f"/members/{member_with_files.pk}/cv/")
    assert cv["Content-Type"] == "application/pdf"
    assert cv["Content-Disposition"].startswith("attachment;")
    for response in (photo, cv):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
