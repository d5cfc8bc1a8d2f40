"""The teachers listed on each event become its register's rows, ticked: what the figures
counted before is what they count now."""

from django.db import migrations
from django.utils import timezone

BATCH = 2000


def participants_to_attendance(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Attendance = apps.get_model("events", "Attendance")
    HistoricalAttendance = apps.get_model("events", "HistoricalAttendance")
    links = Event.teacher_participants.through.objects.order_by("pk").values_list(
        "event_id", "teacher_id"
    )
    now = timezone.now()
    rows = [
        Attendance(
            event_id=event, teacher_id=teacher, attended=True, source="list", created=now, updated=now
        )
        for event, teacher in links.iterator(chunk_size=BATCH)
    ]
    Attendance.objects.bulk_create(rows, batch_size=BATCH)
    # Each row starts its history, as a row added in the admin does.
    HistoricalAttendance.objects.bulk_create(
        [
            HistoricalAttendance(
                id=row.pk,
                event_id=row.event_id,
                teacher_id=row.teacher_id,
                attended=True,
                source="list",
                created=now,
                updated=now,
                history_date=now,
                history_type="+",
                history_change_reason="From the event's list of teachers who took part",
            )
            for row in Attendance.objects.order_by("pk").iterator(chunk_size=BATCH)
        ],
        batch_size=BATCH,
    )


def attendance_to_participants(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Attendance = apps.get_model("events", "Attendance")
    Link = Event.teacher_participants.through
    Link.objects.bulk_create(
        [
            Link(event_id=event, teacher_id=teacher)
            for event, teacher in Attendance.objects.filter(attended=True)
            .order_by("pk")
            .values_list("event_id", "teacher_id")
            .iterator(chunk_size=BATCH)
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    Attendance.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0005_attendance")]

    operations = [migrations.RunPython(participants_to_attendance, attendance_to_participants)]
