import pytest
from django.core import mail

from config.errors import DomainError
from events import registration
from events.models import AttendanceMode, Audience, Registration
from members.services import MemberError
from tests.clubs.factories import ClubFactory
from tests.events.factories import in_days, join
from tests.members.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

API = "/api/community/events"


def test_the_api_journey_register_waitlist_promotion_check_in(client, make_event, sent):
    club = ClubFactory(name="Club Biotech")
    leader = join(club, role="leader")
    event = make_event(
        title="Visite de laboratoire",
        organiser_club=club,
        capacity=1,
        questions=[("Promotion", True)],
        attendance_mode=AttendanceMode.HYBRID,
        join_url="https://visio.example.org/labo",
    )
    question = event.questions.get()
    listing = client.get(f"{API}/").json()
    assert [item["title"] for item in listing["results"]] == ["Visite de laboratoire"]
    assert listing["results"][0]["seats_left"] == 1
    detail = client.get(f"{API}/{event.pk}").json()
    assert detail["questions"][0]["required"] is True
    assert "join_url" not in detail

    first, second = ProfileFactory.create_batch(2)
    client.force_login(first.user)
    refused = client.post(f"{API}/{event.pk}/registration", {}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["message"]
    assert str(question.pk) in refused.json()["errors"]
    with sent():
        created = client.post(
            f"{API}/{event.pk}/registration",
            {"answers": {str(question.pk): "2012"}},
            content_type="application/json",
        )
    assert created.status_code == 201
    assert created.json()["status"] == "confirmed"
    assert created.json()["join_url"] == "https://visio.example.org/labo"
    assert mail.outbox[-1].attachments
    again = client.post(
        f"{API}/{event.pk}/registration",
        {"answers": {str(question.pk): "2012"}},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert "déjà inscrit" in again.json()["message"]

    client.force_login(second.user)
    waiting = client.post(
        f"{API}/{event.pk}/registration",
        {"answers": {str(question.pk): "2015"}},
        content_type="application/json",
    ).json()
    assert waiting["status"] == "waitlisted"
    assert waiting["waitlist_position"] == 1
    assert waiting["join_url"] is None
    assert client.get(f"{API}/{event.pk}").json()["seats_left"] == 0
    assert client.get(f"{API}/?seats_left=true").json()["count"] == 0

    client.force_login(first.user)
    with sent():
        cancelled = client.delete(f"{API}/{event.pk}/registration")
    assert cancelled.json()["status"] == "cancelled"
    assert client.delete(f"{API}/{event.pk}/registration").status_code == 404

    client.force_login(second.user)
    [mine] = client.get(f"{API}/me/registrations").json()
    assert mine["status"] == "confirmed"

    client.force_login(first.user)
    assert client.get(f"{API}/{event.pk}/registrations").status_code == 403
    client.force_login(leader.user)
    rows = client.get(f"{API}/{event.pk}/registrations").json()
    assert [row["status"] for row in rows] == ["confirmed"]
    assert rows[0]["answers"] == {str(question.pk): "2015"}
    checked = client.post(
        f"{API}/{event.pk}/registrations/{rows[0]['id']}/check-in",
        {"present": True},
        content_type="application/json",
    )
    assert checked.json()["checked_in"] is True
    lowered = client.put(
        f"{API}/{event.pk}/capacity", {"capacity": 0}, content_type="application/json"
    )
    assert lowered.status_code == 409
    assert lowered.json()["message"]
    raised = client.put(
        f"{API}/{event.pk}/capacity", {"capacity": 5}, content_type="application/json"
    )
    assert raised.json()["seats_left"] == 4


def test_a_visitor_registers_to_a_public_event_through_the_api(client, make_event, sent):
    event = make_event()
    with sent():
        response = client.post(
            f"{API}/{event.pk}/registration",
            {"name": "Ada", "email": "ada@example.org"},
            content_type="application/json",
        )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert mail.outbox[0].to == ["ada@example.org"]


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"audience": Audience.MEMBERS}, 403),
        ({"registration_closes_at": in_days(-1)}, 409),
        ({"cancelled": True}, 409),
    ],
)
def test_refusals_answer_with_a_message_and_write_nothing(client, make_event, fields, status):
    event = make_event(**fields)
    response = client.post(
        f"{API}/{event.pk}/registration",
        {"name": "Ada", "email": "ada@example.org"},
        content_type="application/json",
    )
    assert response.status_code == status
    assert response.json()["message"]
    assert Registration.objects.count() == 0


def test_listing_filters_and_bad_parameters(client, make_event):
    club = ClubFactory()
    make_event(title="Atelier CV", start=in_days(3), end=in_days(3, hour=20), tags=["carrière"])
    make_event(
        title="Webinaire",
        start=in_days(40),
        end=in_days(40, hour=20),
        organiser_club=club,
        attendance_mode=AttendanceMode.ONLINE,
        venue="",
        join_url="https://visio.example.org/w",
    )
    titles = lambda query: [e["title"] for e in client.get(f"{API}/?{query}").json()["results"]]  # noqa: E731
    assert titles("theme=carri%C3%A8re") == ["Atelier CV"]
    assert titles(f"club={club.slug}") == ["Webinaire"]
    assert titles("online=true") == ["Webinaire"]
    assert titles("online=false") == ["Atelier CV"]
    after = in_days(10).date().isoformat()
    assert titles(f"starts_after={after}") == ["Webinaire"]
    assert titles(f"starts_before={after}") == ["Atelier CV"]
    for query in ("colour=red", "page_size=1000", "when=someday", "page=0", "starts_after=x"):
        response = client.get(f"{API}/?{query}")
        assert response.status_code == 400, query
        assert response.json()["message"]
    past_the_last = client.get(f"{API}/?page=9").json()
    assert past_the_last["results"] == [] and past_the_last["count"] == 2
    assert client.get(f"{API}/999999").status_code == 404
    assert client.get(f"{API}/me/registrations").status_code == 401


@pytest.mark.skipif(
    not issubclass(MemberError, DomainError),
    reason="members.services.require_profile answers 403 once MemberError is a DomainError",
)
def test_members_without_a_profile_are_told_to_create_one(client, make_event):
    event = make_event()
    client.force_login(UserFactory())
    options = client.get(f"{API}/{event.pk}").json()["registration_options"]
    assert options["needs_profile"] is True and options["can_register"] is False
    response = client.post(f"{API}/{event.pk}/registration", {}, content_type="application/json")
    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_the_wagtail_api_exposes_event_fields(client, make_event):
    event = make_event(capacity=4, tags=["international"])
    registration.register(event=event, profile=ProfileFactory())
    data = client.get(f"/api/v2/pages/{event.pk}/").json()
    assert data["seats_left"] == 3
    assert data["time_zone"] == "Europe/Paris"
    assert data["tags"] == ["international"]
    assert "join_url" not in data


def test_the_openapi_schema_lists_the_events_endpoints(client):
    paths = client.get("/api/community/openapi.json").json()["paths"]
    assert "/api/community/events/{event_id}/registration" in paths
    assert "/api/community/events/{event_id}/registrations/{registration_id}/check-in" in paths


def test_the_openapi_document_declares_choices_bounds_and_options(client):
    document = client.get("/api/community/openapi.json").json()
    listing = document["paths"]["/api/community/events/"]["get"]
    params = {param["name"]: param["schema"] for param in listing["parameters"]}
    assert params["when"]["enum"] == ["upcoming", "past", "all"]
    assert (params["page"]["minimum"], params["page_size"]["maximum"]) == (1, 100)
    schemas = document["components"]["schemas"]
    assert "registration_options" in schemas["EventDetailOut"]["properties"]
    assert set(schemas["RegistrationOptionsOut"]["required"]) >= {"can_register", "can_cancel"}
