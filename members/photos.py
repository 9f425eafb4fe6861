"""Members' photos: re-encoded when uploaded, served in the sizes the pages show.

A photo arrives as the member's camera or phone wrote it: megabytes of pixels, and
EXIF metadata that may tell where and when it was taken (a phone's GPS position)
and with what device. A face on a card needs none of it, and whoever may see the
photo would get all of it. So the stored photo is pixels only: turned upright as
its EXIF orientation says, bounded to ``MAX_SIDE`` pixels, flattened on white and
written as a JPEG without metadata.

Pages never get the stored photo itself: each size in ``SIZES`` (twice the CSS size
of the page that shows it, for sharp screens) is a square crop written next to it
(``photos/<name>-card.jpg``) when the photo is saved, or when first asked for if
the photo was stored before sizes existed. The photo view asks ``members.privacy``
before serving any size, exactly as before: only the bytes changed.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from PIL import Image, ImageOps

MAX_SIDE = 1024
# A 48-megapixel phone photo passes; a small file that would decode into gigabytes does not.
MAX_PIXELS = 50_000_000
QUALITY = 85
SIZES = {"card": 128, "profile": 320}
DEFAULT_SIZE = "profile"


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


class TooManyPixels(ValueError):
    """An image whose pixels would not fit in memory once decoded."""

    def __init__(self, width: int, height: int):
        super().__init__(f"{width} × {height} pixels")
        self.width, self.height = width, height


def pixels(source) -> Image.Image:
    """The upright RGB pixels of ``source``, with nothing of its metadata.

    Raises ``TooManyPixels`` before decoding an image of more than ``MAX_PIXELS``.
    """
    with Image.open(source) as opened:
        width, height = opened.size
        if width * height > MAX_PIXELS:
            raise TooManyPixels(width, height)
        # A JPEG decodes straight at the smallest scale still larger than what is kept.
        opened.draft(None, (MAX_SIDE, MAX_SIDE))
        image = ImageOps.exif_transpose(opened)
        if image.mode in ("RGBA", "LA", "P", "PA"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            return flat
        return image.convert("RGB")


# What opening an image that is not one, or not whole, may raise.
UNREADABLE = (OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def reencode(content) -> ContentFile:
    """``content`` (an uploaded image) as a bounded JPEG without metadata."""
    content.seek(0)
    image = pixels(content)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    return ContentFile(_jpeg(image))


def size_name(name: str, size: str) -> str:
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{size}.jpg"))


def stored_names(name: str) -> list[str]:
    """The stored photo ``name`` and its sizes: what deleting the photo removes."""
    return [name, *(size_name(name, size) for size in SIZES)]


def sized(storage: Storage, name: str, size: str) -> str:
    """The name of the stored photo ``name`` at ``size``, written if it is missing."""
    target = size_name(name, size)
    if not storage.exists(target):
        with storage.open(name, "rb") as source:
            image = ImageOps.fit(pixels(source), (SIZES[size], SIZES[size]))
        with storage.open(target, "wb") as out:
            out.write(_jpeg(image))
    return target
