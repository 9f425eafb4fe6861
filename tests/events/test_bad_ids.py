import pytest

from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db

TOO_LARGE = str(2**63)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", f"/events/calendar/{TOO_LARGE}.ics"),
        ("get", f"/events/{TOO_LARGE}/registrations/"),
        ("get", f"/events/{TOO_LARGE}/registrations.csv"),
        ("get", f"/events/{TOO_LARGE}/check-in/"),
        ("post", f"/events/{TOO_LARGE}/register/"),
        ("post", f"/events/{TOO_LARGE}/cancel/"),
    ],
)
def test_an_event_id_beyond_the_database_range_is_not_found(client, method, url):
    client.force_login(ProfileFactory().user)
    assert getattr(client, method)(url).status_code == 404
