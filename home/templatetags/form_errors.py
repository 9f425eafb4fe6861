from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def form_errors(form, formsets=()):
    """``{% form_errors form formsets as errors %}``: every error a refused form shows, its
    rows' (``formsets``) included, as ``(anchor, text)``: the id of the field to link
    to (a radio group's first choice), or ``""`` for an error of the whole form."""
    errors = []
    forms = [form, *(row for formset in formsets or () for row in formset.forms)]
    # A page without the form (a variable the template does not have) shows no error.
    for each in (candidate for candidate in forms if hasattr(candidate, "non_field_errors")):
        errors += [("", str(error)) for error in each.non_field_errors()]
        for field in each:
            anchor = f"{field.auto_id}_0" if field.use_fieldset else field.id_for_label
            errors += [(anchor, f"{field.label}{_(':')} {error}") for error in field.errors]
    for formset in formsets or ():
        errors += [("", str(error)) for error in formset.non_form_errors()]
    return errors
