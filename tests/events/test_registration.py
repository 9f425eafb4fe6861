import datetime as dt

import pytest
from django.core import mail
from freezegun import freeze_time

from events import registration
from events.errors import RegistrationError
from events.guest_links import guest_token
from events.models import Audience, Registration, RegistrationStatus
from tests.clubs.factories import ClubFactory
from tests.events.factories import in_days, join
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_seats_go_first_then_the_waiting_list(make_event):
    event = make_event(capacity=2)
    first, second, third = ProfileFactory.create_batch(3)
    assert registration.register(event=event, profile=first).status == "confirmed"
    assert registration.register(event=event, profile=second).status == "confirmed"
    waiting = registration.register(event=event, profile=third)
    assert waiting.status == "waitlisted"
    assert waiting.waitlist_position() == 1


def test_a_full_event_without_waiting_list_refuses(make_event):
    event = make_event(capacity=1, waitlist_enabled=False)
    registration.register(event=event, profile=ProfileFactory())
    with pytest.raises(RegistrationError) as refused:
        registration.register(event=event, profile=ProfileFactory())
    assert refused.value.status == 409
    assert Registration.objects.count() == 1


def test_unlimited_events_confirm_everyone(make_event):
    event = make_event(capacity=None)
    for profile in ProfileFactory.create_batch(5):
        assert registration.register(event=event, profile=profile).status == "confirmed"


def test_cancelling_promotes_the_first_in_line_and_tells_them(make_event, sent):
    event = make_event(capacity=1)
    holder, first, second = ProfileFactory.create_batch(3)
    seat = registration.register(event=event, profile=holder)
    first_waiting = registration.register(event=event, profile=first)
    registration.register(event=event, profile=second)
    mail.outbox.clear()
    with sent():
        outcome = registration.cancel(registration=seat)
    assert [r.pk for r in outcome.promoted] == [first_waiting.pk]
    first_waiting.refresh_from_db()
    assert first_waiting.status == "confirmed"
    [message] = mail.outbox
    assert message.to == [first.user.email]
    assert event.title in message.subject
    assert message.attachments[0][0].endswith(".ics")


def test_a_cancelled_member_may_register_again_and_joins_the_end_of_the_line(make_event):
    event = make_event(capacity=1)
    holder, other = ProfileFactory.create_batch(2)
    seat = registration.register(event=event, profile=holder)
    registration.register(event=event, profile=other)
    registration.cancel(registration=seat)
    again = registration.register(event=event, profile=holder)
    assert again.status == "waitlisted"


def test_more_seats_promote_the_waiting_list_in_order(make_event):
    event = make_event(capacity=1)
    profiles = ProfileFactory.create_batch(4)
    registrations = [registration.register(event=event, profile=p) for p in profiles]
    outcome = registration.change_capacity(event=event, capacity=3)
    assert [r.pk for r in outcome.promoted] == [registrations[1].pk, registrations[2].pk]
    assert Registration.objects.get(pk=registrations[3].pk).waitlist_position() == 1
    event.refresh_from_db()
    assert event.capacity == 3
    assert event.latest_revision.content["capacity"] == 3


def test_fewer_seats_than_taken_is_refused(make_event):
    event = make_event(capacity=3)
    for profile in ProfileFactory.create_batch(2):
        registration.register(event=event, profile=profile)
    with pytest.raises(RegistrationError) as refused:
        registration.change_capacity(event=event, capacity=1)
    assert "2" in refused.value.message
    event.refresh_from_db()
    assert event.capacity == 3


def test_check_in_is_for_confirmed_registrants(make_event):
    event = make_event(capacity=1)
    seat = registration.register(event=event, profile=ProfileFactory())
    waiting = registration.register(event=event, profile=ProfileFactory())
    assert registration.check_in(registration=seat).checked_in_at is not None
    assert registration.check_in(registration=seat, present=False).checked_in_at is None
    with pytest.raises(RegistrationError):
        registration.check_in(registration=waiting)
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def test_answers_are_kept(make_event):
    event = make_event(questions=[("Régime alimentaire", False), ("Promotion", True)])
    diet, year = event.questions.all()
    done = registration.register(
        event=event, profile=ProfileFactory(), answers={diet.pk: "", year.pk: "2012"}
    )
    assert done.answer_rows(event.questions.all()) == [
        ("Régime alimentaire", ""),
        ("Promotion", "2012"),
    ]


# Guests ----------------------------------------------------------------------


def test_a_guest_holds_no_seat_until_they_confirm(make_event, sent):
    event = make_event(capacity=1)
    with sent():
        guest = registration.register(event=event, name="Ada Lovelace", email="Ada@Example.org")
    assert guest.status == "pending"
    assert guest.email == "ada@example.org"
    [message] = mail.outbox
    assert "/events/guests/confirm/" in message.body
    member = registration.register(event=event, profile=ProfileFactory())
    assert member.status == "confirmed"
    token = guest_token(guest, purpose="confirm")
    assert registration.confirm_guest(token=token).status == "waitlisted"
    assert registration.confirm_guest(token=token).status == "waitlisted"


def test_a_guest_registering_twice_gets_the_link_again(make_event, sent):
    event = make_event()
    with sent():
        first = registration.register(event=event, name="Ada", email="ada@example.org")
    with sent():
        again = registration.register(event=event, name="Ada", email="ADA@example.org")
    assert first.pk == again.pk
    assert len(mail.outbox) == 2


def test_a_guest_link_expires_after_a_week(make_event):
    event = make_event()
    with freeze_time(dt.datetime.now(dt.UTC) - dt.timedelta(days=8)):
        guest = registration.register(event=event, name="Ada", email="ada@example.org")
        token = guest_token(guest, purpose="confirm")
    with pytest.raises(RegistrationError) as refused:
        registration.confirm_guest(token=token)
    assert refused.value.status == 410


def test_a_forged_guest_link_is_refused(make_event):
    with pytest.raises(RegistrationError):
        registration.confirm_guest(token="forged:token")


# Bad input: each refused with a message, nothing written ------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"registration_closes_at": in_days(-1)}, "closes"),
        ({"registration_opens_at": in_days(3)}, "ouvrent"),
        ({"cancelled": True}, "annulé"),
        ({"start": in_days(-3), "end": in_days(-3) + dt.timedelta(hours=2)}, "commencé"),
        ({"registration_enabled": False}, "sans inscription"),
    ],
)
def test_registering_when_the_event_takes_none_is_refused(make_event, sent, fields, expected):
    event = make_event(**fields)
    with sent(), pytest.raises(RegistrationError) as refused:
        registration.register(event=event, profile=ProfileFactory())
    assert expected in refused.value.message
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_registering_twice_is_refused(make_event):
    event = make_event()
    profile = ProfileFactory()
    registration.register(event=event, profile=profile)
    with pytest.raises(RegistrationError) as refused:
        registration.register(event=event, profile=profile)
    assert "déjà inscrit" in refused.value.message
    assert Registration.objects.count() == 1


def test_missing_required_answers_are_refused_question_by_question(make_event):
    event = make_event(questions=[("Promotion", True), ("Remarques", False)])
    year = event.questions.get(label="Promotion")
    with pytest.raises(RegistrationError) as refused:
        registration.register(event=event, profile=ProfileFactory(), answers={year.pk: "  "})
    assert list(refused.value.errors) == [str(year.pk)]
    assert Registration.objects.count() == 0


def test_visitors_cannot_register_to_members_events(make_event):
    event = make_event(audience=Audience.MEMBERS)
    with pytest.raises(RegistrationError) as refused:
        registration.register(event=event, name="Ada", email="ada@example.org")
    assert refused.value.status == 403
    assert "connectez-vous" in refused.value.message
    assert Registration.objects.count() == 0
    assert registration.register(event=event, profile=ProfileFactory()).status == "confirmed"


def test_club_events_are_for_the_club_members(make_event):
    club = ClubFactory()
    member = join(club)
    event = make_event(audience=Audience.CLUB_MEMBERS, organiser_club=club)
    with pytest.raises(RegistrationError) as refused:
        registration.register(event=event, profile=ProfileFactory())
    assert club.name in refused.value.message
    assert registration.register(event=event, profile=member).status == "confirmed"
    assert Registration.objects.count() == 1


def test_a_guest_without_a_valid_address_is_refused(make_event):
    event = make_event()
    with pytest.raises(RegistrationError) as refused:
        registration.register(event=event, name="", email="not-an-address")
    assert set(refused.value.errors) == {"name", "email"}
    assert Registration.objects.count() == 0


def test_cancelling_twice_is_refused(make_event):
    event = make_event()
    seat = registration.register(event=event, profile=ProfileFactory())
    registration.cancel(registration=seat)
    with pytest.raises(RegistrationError):
        registration.cancel(registration=seat)
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_a_member_erasing_their_account_frees_their_seat(make_event, sent):
    event = make_event(capacity=1)
    holder = ProfileFactory()
    registration.register(event=event, profile=holder)
    waiting = registration.register(event=event, profile=ProfileFactory())
    with sent():
        holder.delete()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_changing_the_seats_publishes_them_and_keeps_an_editors_draft(make_event):
    from events.models import EventPage

    event = make_event(capacity=2)
    event.summary = "Brouillon de l’éditeur"
    event.save_revision()
    registration.change_capacity(event=event, capacity=5)
    live = EventPage.objects.get(pk=event.pk)
    assert live.capacity == 5
    assert live.summary != "Brouillon de l’éditeur"
    assert live.live_revision.as_object().capacity == 5
    assert live.has_unpublished_changes
    draft = live.get_latest_revision_as_object()
    assert (draft.summary, draft.capacity) == ("Brouillon de l’éditeur", 5)
