"""Benchmark data for events: 300 groups with their members and about 6,000 events over the
years, with areas, speakers, materials, meetings of the groups and the teachers who took part
in courses and seminars, and an upcoming course that takes registrations: every place taken
and a long waiting list, the benchmark's teacher last on it. Bulk inserts, deterministic from
``rng``; a second run adds nothing.

File materials all point at one small shared PDF (written once) rather than 6,000 files."""

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from bench.load_data.core import BENCH_TEACHER
from events.demo import demo_pdf, workday
from events.demo.data import MEETING_TOPICS
from events.models import Attendance, AudienceRole, Event, Group, Material, Registration, Speaker
from imc_portal.demo import FEMALE_NAMES, MALE_NAMES, SURNAMES
from imc_portal.models import Institution, Subject, Teacher, TeacherAccount
from staff.models import StaffMember

GROUPS = 300
EVENTS = 6000
MARKER = "load-group-1"  # the first generated group: its presence means "done"
SHARED_PDF = "events/materials/load/material.pdf"
BATCH = 1000
# Events reach this far past today, so the upcoming list has several pages.
AHEAD = dt.timedelta(days=180)
# The event with the longest programme, for the benchmark's "detail with many children".
BIG_EVENT = "load-event-1"
# The event that takes registrations: its places all taken, and twice as many teachers on
# the waiting list.
REGISTRATION_EVENT = "load-event-registration"
PLACES, WAITING = 60, 120

GROUP_KINDS = [
    (Group.Kind.ASSOCIATION, "Методичне об'єднання вчителів"),
    (Group.Kind.CREATIVE_GROUP, "Творча група вчителів"),
    (Group.Kind.SCHOOL, "Школа педагогічної майстерності вчителів"),
    (Group.Kind.CLUB, "Клуб учителів"),
]
KIND_WEIGHTS = {
    Event.Kind.MEETING: 0,  # meetings are made for the groups
    Event.Kind.SEMINAR: 30,
    Event.Kind.SEMINAR_PRACTICUM: 12,
    Event.Kind.MASTER_CLASS: 10,
    Event.Kind.CONFERENCE: 4,
    Event.Kind.WEBINAR: 10,
    Event.Kind.ROUND_TABLE: 6,
    Event.Kind.FESTIVAL: 2,
    Event.Kind.COURSE: 8,
    Event.Kind.TRAINING: 8,
    Event.Kind.TRIP: 2,
    Event.Kind.OTHER: 3,
}
KIND_TITLES = {
    Event.Kind.SEMINAR: "Семінар",
    Event.Kind.SEMINAR_PRACTICUM: "Семінар-практикум",
    Event.Kind.MASTER_CLASS: "Майстер-клас",
    Event.Kind.CONFERENCE: "Науково-практична конференція",
    Event.Kind.WEBINAR: "Вебінар",
    Event.Kind.ROUND_TABLE: "Круглий стіл",
    Event.Kind.FESTIVAL: "Фестиваль педагогічних ідей",
    Event.Kind.COURSE: "Курси підвищення кваліфікації",
    Event.Kind.TRAINING: "Тренінг",
    Event.Kind.TRIP: "Навчальна поїздка",
    Event.Kind.OTHER: "Зустріч",
}
TOPICS = [
    *MEETING_TOPICS,
    "Формувальне оцінювання", "Цифрові інструменти вчителя", "Інклюзивне навчання",
    "STEM-освіта", "Критичне мислення на уроці", "Нова українська школа",
    "Медіаграмотність", "Дистанційне навчання", "Наскрізні вміння", "Академічна доброчесність",
]  # fmt: skip
AFFILIATIONS = [
    "методист ІМЦ", "учитель-методист", "автор підручників", "доцент кафедри педагогіки",
    "заступник директора", "практичний психолог", "тренер НУШ",
]  # fmt: skip


def generate(rng, years, stdout):
    if Group.objects.filter(slug=MARKER).exists():
        stdout.write("Events load data already present.")
        return
    Generator(rng, years).run(stdout)
    if connection.vendor == "postgresql":
        # Fresh statistics, so the planner does not judge the new rows by an empty table.
        tables = [Group, Group.members.through, Event, Speaker, Material]
        tables += [Event.subjects.through, Attendance, Registration]
        with connection.cursor() as cursor:
            for model in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


class Generator:
    def __init__(self, rng, years):
        self.rng = rng
        tz = timezone.get_current_timezone()
        self.first = dt.datetime(years[0], 1, 1, tzinfo=tz)
        self.last = dt.datetime(years[-1], 12, 31, tzinfo=tz)
        self.last = min(self.last, timezone.now()) + AHEAD
        self.now = timezone.now()
        self.teachers = list(
            Teacher.objects.filter(slug__startswith="load-teacher-").values_list("pk", flat=True)
        ) or list(Teacher.objects.values_list("pk", flat=True))
        self.subjects = list(Subject.objects.order_by("slug").values_list("pk", "name"))
        self.venues = list(
            Institution.objects.filter(slug__startswith="load-").values_list("pk", flat=True)
        ) or list(Institution.objects.values_list("pk", flat=True))
        self.curators = list(StaffMember.objects.order_by("slug").values_list("pk", flat=True))
        self.roles = list(AudienceRole.objects.order_by("slug").values_list("pk", flat=True))

    def run(self, stdout):
        groups = self.groups()
        events = self.events(groups)
        speakers, materials = self.children(events)
        participants = self.relations(events)
        open_event = self.registrations()
        stdout.write(
            f"Events: {len(groups)} groups, {len(events)} events "
            f"({sum(1 for e in events if e.group_id)} meetings), {speakers} speakers, "
            f"{materials} materials, {participants} teacher participations; {open_event} "
            f"takes registrations ({PLACES} places taken, {WAITING + 1} waiting)."
        )

    def when(self):
        """A weekday between 9:00 and 16:00 inside the span."""
        span = (self.last - self.first).days
        day = workday((self.first + dt.timedelta(days=self.rng.randrange(span))).date())
        hour = self.rng.choice([9, 10, 10, 11, 13, 14, 15, 16])
        start = dt.datetime.combine(day, dt.time(hour), tzinfo=self.first.tzinfo)
        return start, start + dt.timedelta(hours=self.rng.choice([1, 2, 2, 3, 4]))

    def groups(self):
        rng = self.rng
        groups = []
        for n in range(1, GROUPS + 1):
            kind, prefix = GROUP_KINDS[(n - 1) % len(GROUP_KINDS)]
            subject_pk, subject_name = self.subjects[(n - 1) % len(self.subjects)]
            groups.append(
                Group(
                    kind=kind,
                    name=f"{prefix} ({subject_name.lower()}) № {n}",
                    slug=f"load-group-{n}",
                    subject_id=subject_pk,
                    head_id=rng.choice(self.teachers),
                    curator_id=rng.choice(self.curators) if self.curators else None,
                    description="Об'єднання педагогів міста для обміну досвідом.",
                    focus=rng.choice(TOPICS),
                    focus_year=self.now.year - (self.now.month < 9),
                    order=100 + n,
                )
            )
        groups = Group.objects.bulk_create(groups, batch_size=BATCH)
        Members = Group.members.through
        Members.objects.bulk_create(
            (
                Members(group_id=group.pk, teacher_id=teacher)
                for group in groups
                for teacher in rng.sample(self.teachers, rng.randint(12, 40))
            ),
            batch_size=5000,
        )
        return groups

    def events(self, groups):
        rng = self.rng
        kinds = [k for k, w in KIND_WEIGHTS.items() for _ in range(w)]
        rows = []
        for n in range(1, EVENTS + 1):
            start, end = self.when()
            # About a third are the groups' meetings.
            group = groups[rng.randrange(len(groups))] if n % 3 == 0 else None
            kind = Event.Kind.MEETING if group else rng.choice(kinds)
            fmt = rng.choice(
                [Event.Format.IN_PERSON] * 6 + [Event.Format.ONLINE, Event.Format.HYBRID]
            )
            status = rng.choices(list(Event.Status), weights=[95, 2, 3])[0]
            topic = rng.choice(TOPICS)
            title = (
                f"Засідання: {topic.lower()} ({group.name})"
                if group
                else f"{KIND_TITLES[kind]} «{topic}»"
            )
            if kind == Event.Kind.COURSE:
                end = start + dt.timedelta(days=rng.choice([4, 11]), hours=3)
            rows.append(
                Event(
                    title=title[:300],
                    slug=f"load-event-{n}",
                    kind=kind,
                    level=rng.choices(list(Event.Level), weights=[80, 12, 6, 2])[0],
                    format=fmt,
                    status=status,
                    status_note="Перенесено за рішенням організаторів."
                    if status != "scheduled"
                    else "",
                    is_published=rng.random() < 0.97,
                    start=start,
                    end=end,
                    group_id=group.pk if group else None,
                    venue_id=None if fmt == Event.Format.ONLINE else rng.choice(self.venues),
                    online_url=f"https://meet.example.org/load-{n}" if fmt != "in_person" else "",
                    description=f"{KIND_TITLES.get(kind, 'Засідання')}: {topic.lower()}.",
                    pd_hours=rng.choice([None, 2, 3, 6, 30]),
                    participants_count=rng.randint(12, 150) if start < self.now else None,
                    audience_institution_kinds=rng.choice(
                        [[], ["school"], ["preschool"], ["school", "out_of_school"]]
                    ),
                    created=self.now,
                    updated=self.now,
                )
            )
        return Event.objects.bulk_create(rows, batch_size=BATCH)

    def children(self, events):
        rng = self.rng
        speakers, materials = [], []
        names = {True: FEMALE_NAMES, False: MALE_NAMES}
        for event in events:
            count = 30 if event.slug == BIG_EVENT else rng.choice([0, 1, 1, 2, 3, 4])
            for order in range(count):
                female = rng.random() < 0.8
                speakers.append(
                    Speaker(
                        event_id=event.pk,
                        name=f"{rng.choice(SURNAMES)} {rng.choice(names[female])}",
                        affiliation=rng.choice(AFFILIATIONS),
                        topic=rng.choice(TOPICS),
                        order=order,
                    )
                )
            count = 20 if event.slug == BIG_EVENT else rng.choice([0, 0, 1, 2])
            for order in range(count):
                as_file = order % 2 == 0
                materials.append(
                    Material(
                        event_id=event.pk,
                        title=f"Матеріали {order + 1}: {rng.choice(TOPICS).lower()}",
                        file=SHARED_PDF if as_file else "",
                        file_type="pdf" if as_file else "",
                        size=len(self.shared_pdf()) if as_file else None,
                        url="" if as_file else f"https://example.org/materials/{event.pk}/{order}",
                        order=order,
                    )
                )
        Speaker.objects.bulk_create(speakers, batch_size=BATCH)
        Material.objects.bulk_create(materials, batch_size=BATCH)
        if not default_storage.exists(SHARED_PDF):
            default_storage.save(SHARED_PDF, ContentFile(self.shared_pdf()))
        return len(speakers), len(materials)

    def shared_pdf(self):
        return demo_pdf("Load test material")

    def relations(self, events):
        rng = self.rng
        Areas = Event.subjects.through
        Roles = Event.audience_roles.through
        Organisers = Event.organisers.through
        areas, roles, organisers, participants = [], [], [], []
        subject_pks = [pk for pk, _name in self.subjects]
        for event in events:
            for subject in rng.sample(subject_pks, rng.choice([1, 1, 2])):
                areas.append(Areas(event_id=event.pk, subject_id=subject))
            if self.roles and rng.random() < 0.3:
                roles.append(Roles(event_id=event.pk, audiencerole_id=rng.choice(self.roles)))
            if self.curators:
                organisers.append(
                    Organisers(event_id=event.pk, staffmember_id=rng.choice(self.curators))
                )
            took_part = event.kind == Event.Kind.COURSE or event.kind in Event.SEMINAR_FORMS
            if took_part and event.start < self.now and rng.random() < 0.6:
                count = (
                    rng.randint(15, 30) if event.kind == Event.Kind.COURSE else rng.randint(5, 20)
                )
                participants.extend(
                    Attendance(
                        event_id=event.pk,
                        teacher_id=teacher,
                        attended=True,
                        source=Attendance.Source.LIST,
                    )
                    for teacher in rng.sample(self.teachers, count)
                )
        Areas.objects.bulk_create(areas, batch_size=5000)
        Roles.objects.bulk_create(roles, batch_size=5000)
        Organisers.objects.bulk_create(organisers, batch_size=5000)
        Attendance.objects.bulk_create(participants, batch_size=5000)
        return len(participants)

    def registrations(self):
        """A course a month ahead that takes registrations: every place confirmed (and on
        its register), then the waiting list, the benchmark's teacher last on it."""
        day = workday((self.now + dt.timedelta(days=30)).date())
        start = dt.datetime.combine(day, dt.time(10), tzinfo=self.first.tzinfo)
        event = Event.objects.create(
            title="Курси підвищення кваліфікації «Нова українська школа»",
            slug=REGISTRATION_EVENT,
            kind=Event.Kind.COURSE,
            is_published=True,
            start=start,
            end=start + dt.timedelta(days=4, hours=3),
            venue_id=self.venues[0],
            description="Курси для вчителів міста: реєстрація на сайті.",
            pd_hours=30,
            registration_enabled=True,
            capacity=PLACES,
        )
        event.subjects.add(self.subjects[0][0])
        bench_teacher = TeacherAccount.objects.get(user__username=BENCH_TEACHER).teacher_id
        others = [pk for pk in self.teachers if pk != bench_teacher]
        chosen = self.rng.sample(others, PLACES + WAITING)
        confirmed, waiting = chosen[:PLACES], [*chosen[PLACES:], bench_teacher]
        common = {"event_id": event.pk, "created": self.now, "updated": self.now}
        Status = Registration.Status
        rows = [
            Registration(teacher_id=pk, status=Status.CONFIRMED, confirmed_at=self.now, **common)
            for pk in confirmed
        ]
        rows += [
            Registration(teacher_id=pk, status=Status.WAITING, position=number, **common)
            for number, pk in enumerate(waiting, start=1)
        ]
        Registration.objects.bulk_create(rows, batch_size=BATCH)
        Attendance.objects.bulk_create(
            Attendance(
                event_id=event.pk,
                teacher_id=pk,
                attended=False,
                source=Attendance.Source.REGISTERED,
            )
            for pk in confirmed
        )
        return event.slug
