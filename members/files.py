"""Members' files: stored outside the public media folder, served only through views
that ask ``members.privacy`` first.

A CV or a photo is personal data whose visibility its owner chooses; a file under
``MEDIA_ROOT`` would be served to anybody who knows its address, so these files live
under ``PRIVATE_MEDIA_ROOT`` instead (never published by the web server). Such a file
has no address of its own: ``GuardedFileField`` and ``PhotoField`` name the
view that serves it, and every form made from them (the member's, the admin's)
links the current file to that view.
"""

import os
import re
import uuid
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from members import photos

CV_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_BYTES = 3 * 1024 * 1024


class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at ``settings.PRIVATE_MEDIA_ROOT``, read when used
    (so tests and deployments may move it), with no public URL."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


@dataclass(frozen=True)
class GuardedLink:
    """What a form shows of a stored private file: its name and the view serving it."""

    name: str
    url: str

    def __str__(self):
        return self.name


class GuardedFileInput(forms.ClearableFileInput):
    """A file input whose current file links to ``view_name`` (given the owner's key).

    Django's input links to the storage's URL, which a private file does not have.
    """

    def __init__(self, attrs=None, *, view_name: str):
        super().__init__(attrs)
        self.view_name = view_name

    def is_initial(self, value):
        return bool(value) and getattr(getattr(value, "instance", None), "pk", None) is not None

    def format_value(self, value):
        if self.is_initial(value):
            return GuardedLink(
                name=PurePath(value.name).name,
                url=reverse(self.view_name, args=[value.instance.pk]),
            )
        return None


class GuardedFieldMixin:
    """A file field served by the view ``view_name``, which checks who may read it.

    A file replaced or cleared is deleted once the save has committed: a member who
    takes their CV or photo down expects it gone, not kept on the disk.
    """

    def __init__(self, *args, view_name: str, **kwargs):
        self.view_name = view_name
        super().__init__(*args, **kwargs)

    def stored_names(self, name: str) -> list[str]:
        return [name]

    def pre_save(self, model_instance, add):
        file = super().pre_save(model_instance, add)
        if not add:
            stored = (
                type(model_instance)
                ._base_manager.filter(pk=model_instance.pk)
                .values_list(self.attname, flat=True)
                .first()
            )
            if stored and stored != file.name:
                for name in self.stored_names(stored):
                    transaction.on_commit(partial(file.storage.delete, name))
        return file

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["view_name"] = self.view_name
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"widget": GuardedFileInput(view_name=self.view_name), **kwargs})


class GuardedFileField(GuardedFieldMixin, models.FileField):
    pass


class PhotoFieldFile(ImageFieldFile):
    """A photo is stored re-encoded, with its sizes beside it (see ``members.photos``)."""

    def save(self, name, content, save=True):
        super().save(str(PurePath(name).with_suffix(".jpg")), photos.reencode(content), save)
        for size in photos.SIZES:
            photos.sized(self.storage, self.name, size)

    def delete(self, save=True):
        if self.name:
            for name in photos.stored_names(self.name)[1:]:
                self.storage.delete(name)
        super().delete(save)


class PhotoFormField(forms.ImageField):
    """An uploaded photo must decode whole: Django's check reads only its header."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is not None:
            try:
                upload.seek(0)
                photos.pixels(upload)
            except photos.TooManyPixels as error:
                raise ValidationError(
                    _(
                        "This image has too many pixels (%(width)s × %(height)s): send one of "
                        "at most %(megapixels)s million pixels."
                    ),
                    code="too_many_pixels",
                    params={
                        "width": error.width,
                        "height": error.height,
                        "megapixels": photos.MAX_PIXELS // 1_000_000,
                    },
                ) from error
            except photos.UNREADABLE as error:
                raise ValidationError(
                    self.error_messages["invalid_image"], code="invalid_image"
                ) from error
            upload.seek(0)
        return upload


class PhotoField(GuardedFieldMixin, models.ImageField):
    attr_class = PhotoFieldFile

    def stored_names(self, name: str) -> list[str]:
        return photos.stored_names(name)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})


@deconstructible
class RandomName:
    """Uploads get an unguessable name in ``folder``, keeping only the extension."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


_PDF_EOF = re.compile(rb"%%EOF\s*$")


def validate_cv(file) -> None:
    """A CV must really be a PDF: checked on the bytes, not on the name."""
    if file.size > CV_MAX_BYTES:
        raise ValidationError(
            _("The CV is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(file.size), "limit": filesizeformat(CV_MAX_BYTES)},
            code="cv_too_large",
        )
    file.seek(0)
    content = file.read()
    file.seek(0)
    tail = content[-2048:]
    looks_like_pdf = (
        content.startswith(b"%PDF-")
        and _PDF_EOF.search(tail) is not None
        and b"startxref" in tail
        and b" obj" in content
    )
    if not looks_like_pdf:
        raise ValidationError(
            _("The CV must be a PDF document; this file is not one."), code="cv_not_pdf"
        )


def validate_photo_size(file) -> None:
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(file.size), "limit": filesizeformat(PHOTO_MAX_BYTES)},
            code="photo_too_large",
        )
