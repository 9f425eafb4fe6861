"""Path converters: a record id in a URL is bounded to the database's id range, so a
larger number answers 404 like an unknown id instead of overflowing the query."""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class RecordIdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RecordIdConverter, "id")
