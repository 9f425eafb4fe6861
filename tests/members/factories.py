import time

import factory
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from members.models import (
    Education,
    Experience,
    GraduateRecord,
    Organisation,
    OrganisationKind,
    Profile,
    ProfileKind,
    ProfileSource,
    User,
)

PASSWORD = "correct-horse-battery-42"


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class ProfileFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    kind = ProfileKind.ALUMNUS
    first_name = factory.Sequence(lambda n: f"Camille{n}")
    last_name = factory.Sequence(lambda n: f"Lefebvre{n}")

    class Meta:
        model = Profile


class ArchiveProfileFactory(ProfileFactory):
    user = None
    source = ProfileSource.ARCHIVE
    graduate_record = factory.RelatedFactory(
        "tests.members.factories.GraduateRecordFactory", factory_related_name="profile"
    )


class EducationFactory(factory.django.DjangoModelFactory):
    profile = factory.SubFactory(ProfileFactory)
    programme = "Master Économie appliquée"
    degree = "Master"
    discipline = "Économie"
    faculty = "Faculté d’économie et de gestion"
    end_year = 2012
    start_year = factory.LazyAttribute(lambda education: (education.end_year or 2012) - 2)

    class Meta:
        model = Education


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Entreprise {n}")
    kind = OrganisationKind.COMPANY
    sector = "digital"
    city = "Lille"
    country = "FR"

    class Meta:
        model = Organisation


class ExperienceFactory(factory.django.DjangoModelFactory):
    profile = factory.SubFactory(ProfileFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Cheffe de projet"
    sector = "digital"

    class Meta:
        model = Experience


def make_staff(email="dpo@example.org"):
    """A user who may read members' full records (the permission, not is_staff)."""
    user = UserFactory(email=email, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_full_profile"))
    return User.objects.get(pk=user.pk)


def make_admin_without_right(email="editor@example.org"):
    """Staff of the admin (an editor) without the right to read full records."""
    user = UserFactory(email=email, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return User.objects.get(pk=user.pk)


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now for this TOTP secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in_recently(client, user) -> None:
    """Signs in as allauth records a password given again just now (reauthentication)."""
    client.force_login(user)
    reauthenticate(client, user)


def reauthenticate(client, user) -> None:
    """Records in ``client``'s session that ``user`` gave the password again just now."""
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "password", reauthenticated=True)
    request.session.save()


class GraduateRecordFactory(factory.django.DjangoModelFactory):
    profile = factory.SubFactory(ArchiveProfileFactory, graduate_record=None)
    student_number = factory.Sequence(lambda n: f"{21000000 + n}")
    name_key = factory.LazyAttribute(
        lambda record: f"{record.profile.last_name} {record.profile.first_name}".casefold()
    )
    digest = factory.Sequence(lambda n: f"{n:032x}")

    class Meta:
        model = GraduateRecord
