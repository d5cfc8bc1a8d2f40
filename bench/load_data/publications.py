"""Benchmark data for publications (`manage.py generate_load_data`): over ten years,
600 periodical issues with 5,000 articles, 120 manuals, 3,000 teachers' publications
elsewhere, 1,500 best-practice entries with their materials and 2,000 news posts.

Bulk inserts through the same models and constraints as real records. Every file field
points to one small shared generated file (a PDF, a cover and its thumbnail) rather than
thousands of copies. A second run adds nothing: the first generated periodical is the marker.
"""

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from contests.models import ContestEdition
from events.models import Event
from imc_portal.models import Subject, Teacher
from publications.demo import ARTICLE_TOPICS, PRACTICE_TOPICS, SHKILNYI_SVIT_JOURNALS
from publications.models import (
    Article,
    ExternalPublication,
    Issue,
    Manual,
    News,
    Periodical,
    PracticeEntry,
    PracticeMaterial,
)
from publications.models.common import Level
from publications.pdf import build_pdf
from staff.models import StaffMember

MARKER = "Освітній простір"
PERIODICALS = [
    MARKER,
    "Методична скарбничка",
    "Початкова школа міста",
    "Логопед і батьки",
    "Шкільна бібліотека",
    "Математика в школі",
]
ISSUES_PER_YEAR = 10  # one a month, January to October: 6 × 10 × 10 years = 600
ARTICLES_PER_YEAR = 500  # 5,000 in ten years
BIG_ISSUE_ARTICLES = 40  # one issue with a long table of contents, for the issue page
MANUALS_PER_YEAR = 12
EXTERNAL_PER_YEAR = 300
PRACTICE_PER_YEAR = 150
NEWS_PER_YEAR = 200
BATCH = 1000

NEWS_TITLES = [
    "Семінар для вчителів ({s}): підсумки",
    "Засідання методичного об’єднання вчителів ({s})",
    "Майстер-клас для педагогів: {s}",
    "Вебінар з питань викладання ({s})",
    "Вийшов новий номер видання: {s}",
    "Каталог передового педагогічного досвіду поповнено ({s})",
    "Результати міського етапу олімпіади ({s})",
    "Конференція педагогів міста: {s}",
]
NEWS_BODY = (
    "Інформаційно-методичний центр повідомляє про захід для педагогів міста. "
    "Учасники семінарів обговорили сучасні підходи до навчання, обмінялися досвідом "
    "роботи та отримали методичні матеріали. Запрошуємо вчителів, вихователів і "
    "бібліотекарів долучатися до наступних засідань методичних об’єднань."
)


def shared_files():
    """(pdf, cover, cover thumbnail) names in the storage, made once."""
    names = {
        "pdf": "publications/load/shared.pdf",
        "cover": "publications/load/cover.jpg",
        "thumb": "publications/load/cover-thumb.jpg",
    }
    if not default_storage.exists(names["pdf"]):
        content = ContentFile(build_pdf(["Load data", "Shared file"]))
        names["pdf"] = default_storage.save(names["pdf"], content)
    for key, size in (("cover", (600, 850)), ("thumb", (240, 340))):
        if not default_storage.exists(names[key]):
            buffer = io.BytesIO()
            Image.new("RGB", size, (31, 90, 166)).save(buffer, format="JPEG", quality=70)
            names[key] = default_storage.save(names[key], ContentFile(buffer.getvalue()))
    return names


def _article_counts(rng, issues, total):
    """Articles per issue: 3–13, one big issue, adding up to exactly ``total``."""
    counts = [3 + rng.randint(0, 10) for _ in issues]
    counts[0] = BIG_ISSUE_ARTICLES
    difference = total - sum(counts)
    while difference:
        index = rng.randrange(1, len(counts))
        step = 1 if difference > 0 else -1
        if counts[index] + step >= 1:
            counts[index] += step
            difference -= step
    return counts


class Generator:
    def __init__(self, rng, years, stdout):
        self.rng = rng
        self.years = years
        self.stdout = stdout
        self.today = timezone.localdate()
        self.files = shared_files()
        self.subjects = list(Subject.objects.order_by("slug"))
        teachers = Teacher.objects.filter(slug__startswith="load-teacher-")
        self.teachers = list(teachers.order_by("pk").values_list("pk", "institution_id"))
        if not self.teachers:  # the core's load data is missing: use whoever is there
            self.teachers = list(Teacher.objects.order_by("pk").values_list("pk", "institution_id"))
        self.staff = list(StaffMember.objects.order_by("pk").values_list("pk", flat=True))

    def teacher(self):
        return self.rng.choice(self.teachers)

    def date_in(self, year):
        return dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))

    def topic(self, subject):
        return self.rng.choice(ARTICLE_TOPICS).format(s=subject.name.lower())

    def periodicals(self):
        periodicals = Periodical.objects.bulk_create(
            Periodical(
                title=title,
                slug=f"load-periodical-{n + 1}",
                audience="педагоги закладів освіти міста",
                founded_year=self.years[0],
                order=100 + n,
            )
            for n, title in enumerate(PERIODICALS)
        )
        issues = Issue.objects.bulk_create(
            (
                Issue(
                    periodical=periodical,
                    year=year,
                    number=number,
                    date=dt.date(year, number, 15),
                    title=f"Тематичний номер: {self.rng.choice(self.subjects).name}",
                    cover=self.files["cover"],
                    cover_thumbnail=self.files["thumb"],
                    pdf=self.files["pdf"],
                )
                for periodical in periodicals
                for year in self.years
                for number in range(1, ISSUES_PER_YEAR + 1)
            ),
            batch_size=BATCH,
        )
        # The big issue is a recent one of the first periodical, already out.
        issues.sort(key=lambda issue: (issue.date > self.today, -issue.date.toordinal()))
        return issues

    def articles(self, issues):
        articles = []
        for issue, count in zip(
            issues,
            _article_counts(self.rng, issues, ARTICLES_PER_YEAR * len(self.years)),
            strict=True,
        ):
            page = 3
            for _n in range(count):
                subject = self.rng.choice(self.subjects)
                length = self.rng.randint(1, 6)
                articles.append(
                    Article(
                        issue=issue,
                        title=self.topic(subject),
                        subject=subject,
                        other_authors="Гість О. В." if self.rng.random() < 0.1 else "",
                        first_page=page,
                        last_page=page + length - 1,
                        file=self.files["pdf"] if self.rng.random() < 0.3 else "",
                    )
                )
                page += length
        articles = Article.objects.bulk_create(articles, batch_size=BATCH)
        Through = Article.teachers.through
        links = set()
        for article in articles:
            for _n in range(self.rng.choice((1, 1, 2))):
                links.add((article.pk, self.teacher()[0]))
        Through.objects.bulk_create(
            (Through(article_id=a, teacher_id=t) for a, t in sorted(links)), batch_size=BATCH
        )
        return articles

    def manuals(self):
        manuals = []
        for year in self.years:
            for _n in range(MANUALS_PER_YEAR):
                subject = self.rng.choice(self.subjects)
                manuals.append(
                    Manual(
                        title=f"Методичний посібник: {self.topic(subject)}",
                        slug=f"load-manual-{len(manuals) + 1}",
                        authoring_group=f"Творча група вчителів ({subject.name.lower()})",
                        year=year,
                        subject=subject,
                        description="Рекомендації, розробки уроків і матеріали для педагогів.",
                        file=self.files["pdf"],
                    )
                )
        manuals = Manual.objects.bulk_create(manuals, batch_size=BATCH)
        Teachers = Manual.teachers.through
        Staff = Manual.staff_authors.through
        teacher_links, staff_links = set(), set()
        for manual in manuals:
            for _n in range(self.rng.randint(1, 3)):
                teacher_links.add((manual.pk, self.teacher()[0]))
            if self.staff and self.rng.random() < 0.3:
                staff_links.add((manual.pk, self.rng.choice(self.staff)))
        Teachers.objects.bulk_create(
            Teachers(manual_id=m, teacher_id=t) for m, t in sorted(teacher_links)
        )
        Staff.objects.bulk_create(Staff(manual_id=m, staffmember_id=s) for m, s in staff_links)
        return manuals

    def external(self):
        journals = sorted(SHKILNYI_SVIT_JOURNALS.values())
        rows = []
        for year in self.years:
            for _n in range(EXTERNAL_PER_YEAR):
                subject = self.rng.choice(self.subjects)
                national = self.rng.random() < 0.6
                rows.append(
                    ExternalPublication(
                        author_id=self.teacher()[0],
                        title=self.topic(subject),
                        venue=self.rng.choice(journals) if national else "Збірник «Освіта міста»",
                        publisher="Шкільний світ" if national else "ІППО",
                        year=year,
                        level=Level.NATIONAL if national else Level.OBLAST,
                        subject=subject,
                    )
                )
        return ExternalPublication.objects.bulk_create(rows, batch_size=BATCH)

    def practice(self):
        entries = []
        for year in self.years:
            for _n in range(PRACTICE_PER_YEAR):
                teacher_pk, institution_pk = self.teacher()
                city = self.date_in(year)
                roll = self.rng.random()
                oblast = national = None
                if roll < 0.05:  # entered the oblast catalogue directly
                    city, oblast = None, city
                elif roll < 0.3:
                    oblast = city + dt.timedelta(days=self.rng.randint(60, 400))
                    if roll < 0.33:
                        national = oblast + dt.timedelta(days=self.rng.randint(60, 400))
                level = Level.NATIONAL if national else Level.OBLAST if oblast else Level.CITY
                number = len(entries) + 1
                entries.append(
                    PracticeEntry(
                        author_id=teacher_pk,
                        institution_id=institution_pk,
                        topic=self.rng.choice(PRACTICE_TOPICS),
                        slug=f"load-practice-{number}",
                        subject=self.rng.choice(self.subjects),
                        level=level,
                        city_decision_date=city,
                        city_decision_number=str(number % 9 + 1) if city else "",
                        oblast_decision_date=oblast,
                        oblast_decision_number=str(100 + number % 50) if oblast else "",
                        national_decision_date=national,
                        national_decision_number=str(number) if national else "",
                        description="Мета, система уроків і занять, результати впровадження.",
                    )
                )
        entries = PracticeEntry.objects.bulk_create(entries, batch_size=BATCH)
        materials = []
        for entry in entries:
            for order in range(self.rng.randint(1, 3)):
                materials.append(
                    PracticeMaterial(
                        entry=entry,
                        title="Опис досвіду (PDF)" if order == 0 else f"Додаток {order}",
                        file=self.files["pdf"],
                        order=order,
                    )
                )
        PracticeMaterial.objects.bulk_create(materials, batch_size=BATCH)
        return entries, materials

    def news(self, issues, entries):
        events = list(Event.objects.order_by("pk").values_list("pk", flat=True))
        editions = list(ContestEdition.objects.order_by("pk").values_list("pk", flat=True))
        first, last = dt.date(self.years[0], 1, 1), min(dt.date(self.years[-1], 12, 31), self.today)
        span = (last - first).days
        count = NEWS_PER_YEAR * len(self.years)
        rows = []
        for n in range(count):
            subject = self.rng.choice(self.subjects)
            links = {}
            roll = self.rng.random()
            if roll < 0.25 and events:
                links["event_id"] = self.rng.choice(events)
            elif roll < 0.3 and editions:
                links["contest_edition_id"] = self.rng.choice(editions)
            elif roll < 0.45:
                links["issue"] = self.rng.choice(issues)
            elif roll < 0.5:
                links["practice_entry"] = self.rng.choice(entries)
            rows.append(
                News(
                    title=self.rng.choice(NEWS_TITLES).format(s=subject.name.lower()),
                    slug=f"load-news-{n + 1}",
                    date=first + dt.timedelta(days=span * n // count),
                    summary=f"Новини для педагогів: {subject.name.lower()}.",
                    body=NEWS_BODY,
                    **links,
                )
            )
        return News.objects.bulk_create(rows, batch_size=BATCH)


def generate(rng, years, stdout):
    if Periodical.objects.filter(title=MARKER).exists():
        stdout.write("Publications load data already present.")
        return
    make = Generator(rng, years, stdout)
    issues = make.periodicals()
    articles = make.articles(issues)
    manuals = make.manuals()
    external = make.external()
    entries, materials = make.practice()
    news = make.news(issues, entries)
    stdout.write(
        f"Publications: {len(PERIODICALS)} periodicals, {len(issues)} issues, "
        f"{len(articles)} articles, {len(manuals)} manuals, {len(external)} publications "
        f"elsewhere, {len(entries)} practice entries with {len(materials)} materials, "
        f"{len(news)} news."
    )
