import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from tests.members.factories import UserFactory


@pytest.fixture
def staff_user(db):
    """An alumni office employee: manages clubs from the admin, no superuser rights.

    Their e-mails come in English, the language the clubs' tests read.
    """
    user = UserFactory(language="en")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_club"),
        Permission.objects.get(codename="view_club"),
        Permission.objects.get(codename="view_membership"),
    )
    return user


@pytest.fixture(autouse=True)
def _english(settings):
    """The clubs' tests read the English wording; the French one is checked on its own."""
    previous = translation.get_language()
    settings.LANGUAGE_CODE = "en"
    yield
    translation.activate(previous)
