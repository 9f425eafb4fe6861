from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _


def validate_links(value: str) -> None:
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        if line.strip():
            try:
                check(line.strip())
            except ValidationError as error:
                raise ValidationError(
                    _("Line %(number)s is not a valid web address: %(line)s"),
                    params={"number": number, "line": line.strip()},
                    code="invalid_link",
                ) from error
