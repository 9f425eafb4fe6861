import pytest
from django.core import mail

from home.models import InstitutionSettings
from members import services
from members.models import Connection, ConnectionStatus
from tests.members.factories import ArchiveProfileFactory, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lea():
    return ProfileFactory(first_name="Léa", last_name="Martin")


@pytest.fixture
def samir():
    return ProfileFactory(first_name="Samir", last_name="Haddad")


def test_request_accept_and_remove(client, lea, samir):
    client.force_login(lea.user)
    response = client.post(f"/members/{samir.pk}/connect/", {"message": "Promo 2012 !"})
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert (connection.requester, connection.addressee) == (lea, samir)

    client.force_login(samir.user)
    network = client.get("/members/me/network/").content.decode()
    assert "Léa Martin" in network and "Promo 2012 !" in network
    assert "Léa Martin" in client.get("/dashboard/").content.decode()
    client.post(f"/members/connections/{connection.pk}/accept/")
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.ACCEPTED and connection.responded_at
    assert "Vous êtes en relation." in client.get(f"/members/{lea.pk}/").content.decode()

    client.post(f"/members/connections/{connection.pk}/remove/")
    assert not Connection.objects.exists()


def test_decline_then_only_the_one_who_declined_may_ask(lea, samir):
    connection = services.request_connection(requester=lea, addressee=samir)
    services.answer_connection(profile=samir, connection_id=connection.pk, accept=False)
    with pytest.raises(services.MemberError, match="a refusé votre demande"):
        services.request_connection(requester=lea, addressee=samir)
    again = services.request_connection(requester=samir, addressee=lea)
    assert again.pk == connection.pk
    assert (again.requester, again.status) == (samir, ConnectionStatus.PENDING)


def test_withdraw_a_pending_request(client, lea, samir):
    connection = services.request_connection(requester=lea, addressee=samir)
    client.force_login(lea.user)
    response = client.post(f"/members/connections/{connection.pk}/withdraw/", follow=True)
    assert "Votre demande a été retirée." in response.content.decode()
    assert not Connection.objects.exists()


def test_double_and_self_requests_are_refused(client, lea, samir):
    services.request_connection(requester=lea, addressee=samir)
    with pytest.raises(services.MemberError, match="attend déjà une réponse"):
        services.request_connection(requester=samir, addressee=lea)
    with pytest.raises(services.MemberError, match="avec vous-même"):
        services.request_connection(requester=lea, addressee=lea)
    assert Connection.objects.count() == 1


def test_hidden_members_cannot_be_asked(lea):
    hidden = ProfileFactory(listed_to_members=False)
    with pytest.raises(services.MemberError):
        services.request_connection(requester=lea, addressee=hidden)


def test_an_unclaimed_archive_record_cannot_ask_to_connect(samir):
    record = ArchiveProfileFactory()
    with pytest.raises(services.SignInRequired):
        services.request_connection(requester=record, addressee=samir)
    assert not Connection.objects.exists()


def test_contact_relays_without_revealing_addresses(
    client, lea, samir, django_capture_on_commit_callbacks
):
    client.force_login(lea.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/members/{samir.pk}/contact/",
            {"subject": "Stage", "body": "Bonjour, auriez-vous un conseil ?"},
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [samir.user.email]
    assert lea.user.email not in message.body + message.subject + str(message.reply_to)
    assert "Bonjour, auriez-vous un conseil ?" in message.body
    assert f"/members/{lea.pk}/" in message.body
    assert "Léa" in message.subject


def test_contact_is_rate_limited(client, lea, samir, django_capture_on_commit_callbacks):
    client.force_login(lea.user)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(services.CONTACT_LIMIT):
            client.post(f"/members/{samir.pk}/contact/", {"subject": "S", "body": "B"})
        response = client.post(f"/members/{samir.pk}/contact/", {"subject": "S", "body": "B"})
    assert response.status_code == 429
    assert "réessayez plus tard" in response.content.decode()
    assert len(mail.outbox) == services.CONTACT_LIMIT


def test_visitors_are_sent_to_sign_in(client, samir):
    response = client.post(f"/members/{samir.pk}/contact/", {"subject": "S", "body": "B"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not mail.outbox


def test_the_e_mails_speak_the_recipient_language(
    client, lea, samir, django_capture_on_commit_callbacks
):
    samir.user.language = "en"
    samir.user.save()
    client.force_login(lea.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/members/{samir.pk}/connect/")
        client.post(f"/members/{samir.pk}/contact/", {"subject": "Promo", "body": "Bonjour !"})
    connect, contact = mail.outbox
    assert connect.subject.endswith("Léa Martin would like to connect with you")
    assert "Hello Samir," in connect.body
    assert contact.subject.endswith("Léa Martin: Promo")
    assert "wrote to you through" in contact.body


def test_the_member_asked_is_told_by_email_with_where_to_answer(
    client, lea, samir, django_capture_on_commit_callbacks
):
    lea.headline = "Urbaniste à Lille"
    lea.save()
    client.force_login(lea.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/members/{samir.pk}/connect/", {"message": "Promo 2012 !"})
    [message] = mail.outbox
    assert message.to == [samir.user.email]
    institution = InstitutionSettings.load().name
    assert message.subject == f"[{institution}] Léa Martin souhaite entrer en relation avec vous"
    assert "Bonjour Samir," in message.body
    assert "Urbaniste à Lille" in message.body and "Promo 2012 !" in message.body
    assert f"http://testserver/members/{lea.pk}/" in message.body
    assert "http://testserver/members/me/network/" in message.body
    assert lea.user.email not in message.body


def test_the_email_shows_only_what_the_member_asked_may_see_of_the_requester(
    samir, django_capture_on_commit_callbacks
):
    hidden = ProfileFactory(
        first_name="Inès",
        last_name="Roy",
        headline="zqprivheadline",
        headline_visibility="private",
        listed_to_members=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_connection(requester=hidden, addressee=samir)
    [message] = mail.outbox
    assert "Inès Roy" in message.body
    assert "zqpriv" not in message.body
    assert f"/members/{hidden.pk}/" not in message.body
