"""Demo events and groups reproducing seed 000: the 2009–2010 conferences, festival and
oblast seminars, the city's methodical associations with more than 130 meetings in 2009,
78 teachers in course retraining (18 of them in October–December) and 260 in seminar
forms; plus upcoming events relative to today so every public page has content.

Idempotent: rows are found by slug and left alone when they exist."""

import datetime as dt
import random
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from events.demo import data
from events.models import Attendance, AudienceRole, Event, Group, Material, Region, Speaker
from imc_portal.models import Institution, Subject, Teacher
from imc_portal.text import latin_slug
from staff.models import StaffMember

SEED = 903031


def aware(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


def workday(day):
    """Meetings and seminars happen on weekdays: a weekend date moves to Monday."""
    return day + dt.timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def event_slug(title, start):
    return latin_slug(f"{title[:70]} {timezone.localtime(start).date().isoformat()}", 94)


def demo_pdf(title):
    """A one-page PDF with a line of ASCII text (demo material)."""
    text = title.encode("ascii", "replace").decode().replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 50 780 Td ({text[:80]}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class Loader:
    def __init__(self, stdout):
        self.stdout = stdout
        self.subjects = {s.name: s for s in Subject.objects.all()}
        self.roles = {}
        self.schools = list(Institution.objects.filter(kind="school").order_by("slug"))
        self.curators = {}
        for member in StaffMember.objects.prefetch_related("subjects").order_by("surname"):
            for subject in member.subjects.all():
                self.curators.setdefault(subject.name, member)
        self.teachers = list(Teacher.objects.order_by("slug").prefetch_related("subjects"))
        self.existing = set(Event.objects.values_list("slug", flat=True))
        self.created = 0

    # Reference rows --------------------------------------------------------------------
    def load_roles(self):
        for order, name in enumerate(data.AUDIENCE_ROLES, start=1):
            role, _created = AudienceRole.objects.get_or_create(
                name=name, defaults={"order": order * 10}
            )
            self.roles[name] = role

    def load_partners(self):
        existing = set(Institution.objects.values_list("name", flat=True))
        for name, short, kind in data.PARTNERS:
            if name not in existing:
                Institution.objects.create(name=name, short_name=short, kind=kind)
        self.institutions = {i.name: i for i in Institution.objects.all()}

    def teachers_of(self, area):
        return [t for t in self.teachers if any(s.name == area for s in t.subjects.all())]

    def load_groups(self):
        self.groups = {}
        for order, (area, name) in enumerate(data.ASSOCIATIONS, start=1):
            self.groups[name] = self.group(
                Group.Kind.ASSOCIATION, name, area, order, "", "", self.teachers_of(area)
            )
        for order, (kind, name, area, supervisor, focus) in enumerate(data.GROUPS, start=1):
            pool = self.teachers_of(area) if area else self.teachers
            self.groups[name] = self.group(kind, name, area, order, supervisor, focus, pool)

    def group(self, kind, name, area, order, supervisor, focus, pool):
        group = Group.objects.filter(name=name).first()
        if group:
            return group
        # Each group draws from its own generator, so one edit does not reshuffle the rest.
        rng = random.Random(f"{SEED}-{name}")
        members = rng.sample(pool, min(len(pool), rng.randint(8, 15))) if pool else []
        group = Group.objects.create(
            kind=kind,
            name=name,
            subject=self.subjects.get(area) if area else None,
            head=members[0] if members else None,
            supervisor=supervisor,
            curator=self.curators.get(area) if area else None,
            focus=focus or f"Методична тема {timezone.localdate().year}: компетентнісний підхід.",
            focus_year=timezone.localdate().year - (timezone.localdate().month < 9),
            order=order * 10,
        )
        group.members.set(members)
        return group

    # Events ----------------------------------------------------------------------------
    def event(self, title, kind, start, end=None, **options):
        """Create the event unless a row with its slug exists; return it or None."""
        slug = options.pop("slug", None) or event_slug(title, start)
        if slug in self.existing:
            return None
        self.existing.add(slug)
        area_names = options.pop("subjects", [])
        roles = options.pop("roles", [])
        partners = options.pop("partners", [])
        speakers = options.pop("speakers", [])
        teachers = options.pop("teachers", [])
        region_codes = options.pop("regions", [])
        group = options.pop("group", None)
        area = self.subjects.get(area_names[0]) if area_names else None
        curator = self.curators.get(area.name) if area else None
        fmt = options.pop("format", Event.Format.IN_PERSON)
        event = Event.objects.create(
            title=title,
            slug=slug,
            kind=kind,
            start=start,
            end=end,
            format=fmt,
            is_published=options.pop("is_published", True),
            venue=None if fmt == Event.Format.ONLINE else self.venue_for(slug),
            online_url="https://meet.example.org/imc-" + slug[:40] if fmt != "in_person" else "",
            group=self.groups.get(group) if group else None,
            **options,
        )
        event.subjects.set([self.subjects[name] for name in area_names])
        event.audience_roles.set([self.roles[name] for name in roles])
        event.partners.set([self.institutions[name] for name in partners])
        if curator:
            event.organisers.set([curator])
        bulk_create_with_history(
            [
                Attendance(
                    event=event, teacher=teacher, attended=True, source=Attendance.Source.LIST
                )
                for teacher in teachers
            ],
            Attendance,
        )
        if region_codes:
            event.regions.set(Region.objects.filter(code__in=region_codes))
        bulk_create_with_history(
            [
                Speaker(event=event, name=name, affiliation=aff, topic=topic, order=n)
                for n, (name, aff, topic) in enumerate(speakers)
            ],
            Speaker,
        )
        self.created += 1
        return event

    def venue_for(self, slug):
        return self.schools[zlib.crc32(slug.encode()) % len(self.schools)]

    def load_seed_events(self, course_teachers, seminar_lists):
        seminars = iter(seminar_lists)
        for row in data.SEED_EVENTS:
            row = dict(row)
            title, kind = row.pop("title"), row.pop("kind")
            start, end = aware(*row.pop("start")), aware(*row.pop("end"))
            teachers = []
            if row.pop("course_teachers", None):
                teachers = course_teachers
            if row.pop("seminar", False):
                teachers = next(seminars)
            counted = row.pop("counted_teachers", None)
            self.event(
                title,
                kind,
                start,
                end,
                teachers=teachers,
                counted_teacher_participants=counted,
                audience_institution_kinds=row.pop("institution_kinds", []),
                **row,
            )
        return seminars

    def pick_people(self):
        """Disjoint teacher lists for the courses of 2009 (78 people) and 260 people for
        the seminar forms, spread over the seminars with some overlap."""
        rng = random.Random(f"{SEED}-people")
        used = set()

        def take(pool, count):
            chosen = [t for t in rng.sample(pool, len(pool)) if t.pk not in used][:count]
            used.update(t.pk for t in chosen)
            return chosen

        autumn = take(self.teachers, 18)
        courses = [take(self.teachers_of(area), n) for *_x, area, n in data.COURSES_2009]
        assert len(autumn) + sum(map(len, courses)) == data.COURSE_TEACHERS_2009
        seminar_people = rng.sample(self.teachers, data.SEMINAR_FORM_TEACHERS_2009)
        oblast_count = sum(1 for row in data.SEED_EVENTS if row.get("seminar"))
        slots = oblast_count + len(data.CITY_SEMINARS_2009)
        lists = [seminar_people[n::slots] for n in range(slots)]
        for n, people in enumerate(lists):
            # Some teachers come to more than one seminar; they still count once.
            people.extend(rng.sample(lists[(n + 1) % slots], 3))
        return autumn, courses, lists

    def load_courses_2009(self, courses):
        for (title, first, last, area, _n), teachers in zip(
            data.COURSES_2009, courses, strict=True
        ):
            self.event(
                title,
                Event.Kind.COURSE,
                aware(*first, 10),
                aware(*last, 15),
                subjects=[area],
                partners=[data.OBLAST_INSTITUTE],
                teachers=teachers,
                pd_hours=60,
                participants_count=len(teachers),
            )

    def load_city_seminars_2009(self, lists):
        for (kind, title, (month, day), area), teachers in zip(
            data.CITY_SEMINARS_2009, lists, strict=True
        ):
            self.event(
                title,
                kind,
                aware(2009, month, day, 14),
                aware(2009, month, day, 17),
                subjects=[area],
                teachers=teachers,
                participants_count=len(teachers),
                pd_hours=3,
            )

    def load_meetings_2009(self):
        rng = random.Random(f"{SEED}-meetings")
        for index, (area, name) in enumerate(data.ASSOCIATIONS):
            months = list(data.MEETING_MONTHS_2009)
            months.remove(rng.choice(months))
            if index % 2:
                months.remove(rng.choice(months))
            for month in months:
                topic = rng.choice(data.MEETING_TOPICS)
                day = workday(dt.date(2009, month, rng.randint(5, 26))).day
                self.event(
                    f"Засідання: {topic}",
                    Event.Kind.MEETING,
                    aware(2009, month, day, 14),
                    aware(2009, month, day, 16),
                    slug=latin_slug(f"{name[30:60]} {topic[:30]} 2009-{month:02}", 94),
                    group=name,
                    subjects=[area],
                    participants_count=rng.randint(12, 30),
                )

    def load_relative(self, rows, today):
        for kind, level, fmt, title, days, hour, hours, area, extra in rows:
            day = workday(today + dt.timedelta(days=days))
            start = aware(day.year, day.month, day.day, hour)
            status = extra.get("status", Event.Status.SCHEDULED)
            event = self.event(
                title,
                kind,
                start,
                start + dt.timedelta(hours=hours),
                slug=latin_slug(title, 94),
                level=level,
                format=fmt,
                status=status,
                status_note="Нову дату буде оголошено додатково." if status != "scheduled" else "",
                is_published=not extra.get("draft"),
                subjects=[area] if area else [],
                roles=extra.get("roles", []),
                audience_institution_kinds=extra.get("kinds", []),
                partners=[extra["partner"]] if "partner" in extra else [],
                speakers=[extra["speaker"]] if "speaker" in extra else [],
                group=extra.get("group"),
                pd_hours=extra.get("pd_hours"),
                registration_enabled="places" in extra,
                capacity=extra.get("places"),
                description=f"{title}. Запрошуємо педагогів міста.",
            )
            if event and days < 0:
                Material.objects.create(
                    event=event,
                    title="Презентація доповідача",
                    file=SimpleUploadedFile("slides.pdf", demo_pdf(title), "application/pdf"),
                )
                Material.objects.create(
                    event=event, title="Запис трансляції", url="https://video.example.org/imc"
                )
                event.participants_count = 20 + len(title) % 40
                event.save(update_fields=["participants_count"])

    def load_upcoming_meetings(self, today):
        for index, (area, name) in enumerate(data.ASSOCIATIONS):
            day = workday(today + dt.timedelta(days=3 + 3 * index))
            self.event(
                f"Засідання {name[6:].strip().replace('методичне', 'методичного')}",
                Event.Kind.MEETING,
                aware(day.year, day.month, day.day, 14),
                aware(day.year, day.month, day.day, 16),
                slug=latin_slug(f"zasidannia {name[30:70]} next", 94),
                group=name,
                subjects=[area],
                description="Порядок денний: методична тема року, обмін досвідом.",
            )


def load(stdout):
    loader = Loader(stdout)
    loader.load_roles()
    loader.load_partners()
    loader.load_groups()
    autumn, courses, lists = loader.pick_people()
    remaining = loader.load_seed_events(autumn, lists)
    loader.load_courses_2009(courses)
    loader.load_city_seminars_2009(list(remaining))
    loader.load_meetings_2009()
    today = timezone.localdate()
    loader.load_relative(data.UPCOMING, today)
    loader.load_relative(data.RECENT, today)
    loader.load_upcoming_meetings(today)
    stdout.write(
        f"Events: {loader.created} added, {Event.objects.count()} in all; "
        f"{Group.objects.count()} associations and groups."
    )
