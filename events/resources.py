"""Events from a spreadsheet (a past year's plan or report): a row per event, its moments
written as dd.mm.yyyy HH:MM in Kyiv time. A row with the title and start of an event already
recorded updates that event; an empty cell leaves what is stored."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from events.models import Event, Group
from imc_portal.imports import RowResource, choice, label_mapping, number, text, yes_no

MOMENT_FORMAT = "%d.%m.%Y %H:%M"


def moment(value, column):
    """An aware datetime from a cell: a spreadsheet's date-time, or text dd.mm.yyyy HH:MM,
    read in the portal's time zone (Europe/Kyiv)."""
    if value in (None, ""):
        return None
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=zone)
    try:
        return dt.datetime.strptime(text(value), MOMENT_FORMAT).replace(tzinfo=zone)
    except ValueError:
        raise ValueError(
            _("“%(column)s” must be a date and time as dd.mm.yyyy HH:MM, not “%(value)s”.")
            % {"column": column, "value": text(value)}
        ) from None


class EventResource(RowResource):
    COLUMNS = ["Назва", "Вид", "Рівень", "Формат", "Початок", "Кінець", "Місце проведення", "Адреса", "Посилання", "Група", "Напрями", "Години", "Кількість учасників", "Опубліковано"]  # fmt: skip  # noqa: E501
    REQUIRED_COLUMNS = ["Назва", "Вид", "Початок"]
    m2m = ["subjects"]
    duplicate_message = gettext_lazy("The same event (title and start) as row %(row)s.")

    title = fields.Field(column_name="Назва", attribute="title")
    kind = fields.Field(column_name="Вид")
    level = fields.Field(column_name="Рівень")
    format = fields.Field(column_name="Формат")
    start = fields.Field(column_name="Початок")
    end = fields.Field(column_name="Кінець")
    venue = fields.Field(column_name="Місце проведення")
    address = fields.Field(column_name="Адреса", attribute="address")
    online_url = fields.Field(column_name="Посилання", attribute="online_url")
    group = fields.Field(column_name="Група")
    subjects = fields.Field(column_name="Напрями")
    pd_hours = fields.Field(column_name="Години", attribute="pd_hours")
    participants_count = fields.Field(
        column_name="Кількість учасників", attribute="participants_count"
    )
    is_published = fields.Field(column_name="Опубліковано")

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "level",
            "format",
            "start",
            "end",
            "venue",
            "address",
            "online_url",
            "group",
            "subjects",
            "pd_hours",
            "participants_count",
            "is_published",
        ]
        import_id_fields = ["title", "start"]
        use_transactions = True
        clean_model_instances = True
        report_skipped = True
        skip_html_diff = True

    KIND_WORDS = {
        "засідання методичного об'єднання": "meeting",
        "засідання": "meeting",
        "курс": "course",
        "майстер клас": "master_class",
    }

    def resolve(self, row):
        errors, values = {}, {}
        get = row.get
        values["title"] = text(get("Назва"))
        if not values["title"]:
            errors["Назва"] = _("The title is missing.")
        parsers = [
            (
                "Вид",
                "kind",
                lambda v: choice(v, label_mapping(Event.Kind, **self.KIND_WORDS), _("kind")),
            ),
            ("Рівень", "level", lambda v: choice(v, label_mapping(Event.Level), _("level"))),
            ("Формат", "format", lambda v: choice(v, label_mapping(Event.Format), _("format"))),
            ("Початок", "start", lambda v: moment(v, "Початок")),
            ("Кінець", "end", lambda v: moment(v, "Кінець")),
            ("Години", "pd_hours", lambda v: number(v, "Години")),
            (
                "Кількість учасників",
                "participants_count",
                lambda v: number(v, "Кількість учасників", whole=True),
            ),
            ("Опубліковано", "is_published", lambda v: yes_no(v, "Опубліковано")),
            ("Адреса", "address", text),
            ("Посилання", "online_url", text),
        ]
        for column, name, parse in parsers:
            if column == "Вид" or text(get(column)):  # an empty cell keeps what is stored
                try:
                    values[name] = parse(get(column))
                except ValueError as error:
                    errors[column] = str(error)
        if not text(get("Початок")):
            errors["Початок"] = _("The start is missing.")
        if text(get("Місце проведення")):
            values["venue"] = self.institution(get("Місце проведення"), errors, "Місце проведення")
        if text(get("Група")):
            values["group"] = Group.objects.filter(name__iexact=text(get("Група"))).first()
            if values["group"] is None:
                errors["Група"] = _("Unknown group: “%(name)s”.") % {"name": text(get("Група"))}
        if text(get("Напрями")):
            values["subjects"] = self.subjects(get("Напрями"), errors, "Напрями")
        self._match = None
        values["_identity"] = (values["title"].casefold(), values.get("start"))
        if not errors:
            # The title compared in Python: SQLite folds the case of Latin letters only.
            title = values["title"].casefold()
            same_start = Event.objects.filter(start=values["start"])
            self._match = next((e for e in same_start if e.title.casefold() == title), None)
            if self._match is not None:
                values.pop("title")  # as recorded, not as written
        return values, errors

    def get_instance(self, instance_loader, row):
        return None if self._errors else self._match

    def identity(self, values):
        return values.get("_identity", (None,))

    def dehydrate_kind(self, obj):
        with translation.override("uk"):
            return obj.get_kind_display()

    def dehydrate_level(self, obj):
        with translation.override("uk"):
            return obj.get_level_display()

    def dehydrate_format(self, obj):
        with translation.override("uk"):
            return obj.get_format_display()

    def dehydrate_start(self, obj):
        return timezone.localtime(obj.start).strftime(MOMENT_FORMAT)

    def dehydrate_end(self, obj):
        return timezone.localtime(obj.end).strftime(MOMENT_FORMAT) if obj.end else ""

    def dehydrate_venue(self, obj):
        return obj.venue.name if obj.venue else ""

    def dehydrate_group(self, obj):
        return obj.group.name if obj.group else ""

    def dehydrate_subjects(self, obj):
        return "; ".join(subject.name for subject in obj.subjects.all())

    def dehydrate_is_published(self, obj):
        return "так" if obj.is_published else "ні"
