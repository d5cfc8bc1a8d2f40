"""Reverting a record to an older version restores its many-to-many links too.

django-simple-history's revert page (``history_form_view``) fills the form with the old
version's fields but with today's many-to-many links, so a revert kept today's authors,
students or participants. The history keeps the links of each version (``m2m_fields``); the
revert form starts from those. A version that kept no links of a field (saved before the
field's links were kept, or made in bulk) keeps today's: the history cannot tell "none" from
"not kept", and a revert must not empty a list of authors by accident.

Put on ``SimpleHistoryAdmin`` once, when the portal starts, like the revert guard
(admin_guard.py)."""

from functools import wraps

from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME


def kept_links(version):
    """The many-to-many links ``version`` (a historical record) kept: primary keys by field,
    for the fields it kept any of."""
    links = {}
    for field in version._history_m2m_fields:
        rows = getattr(version, field.name).all()
        target = rows.model._meta.get_field(field.m2m_reverse_field_name())
        if pks := [getattr(row, target.attname) for row in rows]:
            links[field.name] = pks
    return links


def restore_links_on_revert(admin_class=SimpleHistoryAdmin):
    get_form = admin_class.get_form
    if getattr(get_form, "restores_links", False):
        return

    @wraps(get_form)
    def get_form_with_kept_links(self, request, obj=None, change=False, **kwargs):
        form_class = get_form(self, request, obj, change, **kwargs)
        # Only the revert page's object is built from a historical record.
        version = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if version is None:
            return form_class
        links = {
            name: pks for name, pks in kept_links(version).items() if name in form_class.base_fields
        }

        class RevertForm(form_class):
            def __init__(self, *args, **kwargs):
                kwargs["initial"] = {**links, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

        return RevertForm

    get_form_with_kept_links.restores_links = True
    admin_class.get_form = get_form_with_kept_links
