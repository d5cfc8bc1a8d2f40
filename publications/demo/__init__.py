"""Demo publications: both periodicals with several years of issues (covers and PDFs made
here), the city-history manual (seed 000), teachers' articles in «Шкільний світ», the ППД
catalogue with 22 city and 20 oblast entries for 2014–2018 (seed 001), and news.

Idempotent: rows are found by natural keys and created only when missing; files are made
only for new rows, so nothing a methodist edited is overwritten."""

import datetime as dt
import io
import random

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from contests.models import ContestEdition
from events.models import Event
from imc_portal.models import Subject, Teacher
from imc_portal.text import latin_slug, transliterate
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

PERIODICALS = [
    # title, audience, issues a year, cover colour, order
    ("Педагогічний вісник", "педагоги закладів загальної середньої освіти", 4, (31, 90, 166), 10),
    ("Дошкільник", "вихователі закладів дошкільної освіти", 2, (196, 98, 45), 20),
]
ISSUE_YEARS = range(2015, 2020)

ARTICLE_TOPICS = [
    "Формування ключових компетентностей на уроках {s}",
    "Проєктна діяльність у викладанні предмета «{s}»",
    "Інтерактивні методи навчання: досвід роботи ({s})",
    "Критичне мислення учнів на уроках {s}",
    "Організація роботи методичного об’єднання вчителів ({s})",
    "Використання цифрових інструментів у навчанні ({s})",
    "Робота з обдарованими дітьми: підготовка до олімпіад ({s})",
    "Оцінювання навчальних досягнень в умовах Нової української школи ({s})",
]
PRESCHOOL_TOPICS = [
    "Розвиток мовлення дитини: спільне завдання закладу і сім’ї",
    "Ігрові технології в роботі з дошкільниками",
    "Екологічне виховання дітей старшого дошкільного віку",
    "Адаптація дитини до умов закладу дошкільної освіти",
    "Музичне виховання та культура почуттів",
    "Логопедичні хвилинки у повсякденному житті групи",
]

MANUALS = [
    (
        "Навчально-методичний посібник з історії рідного міста",
        "Творча група вчителів історії міста",
        2010,
        "Історія",
        "Комплекс уроків з історії рідного міста, підготовлений інформаційно-методичним "
        "центром разом із творчою групою вчителів історії та виданий для поширення у "
        "закладах освіти міста.",
    ),
    (
        "Система методичної роботи з вчителями початкових класів",
        "Методисти ІМЦ",
        2017,
        "Початкова освіта",
        "Рекомендації щодо створення умов для особистісно зорієнтованого навчання і виховання.",
    ),
    (
        "Науково-методичне забезпечення професійної компетентності шкільних бібліотекарів",
        "Творча група шкільних бібліотекарів",
        2019,
        "Шкільні бібліотеки",
        "Збірка матеріалів семінару творчо працюючих бібліотекарів.",
    ),
]

SHKILNYI_SVIT_JOURNALS = {
    "Початкова освіта": "Журнал «Початкова освіта»",
    "Математика": "Журнал «Математика»",
    "Історія": "Журнал «Історія та правознавство»",
    "Українська мова та література": "Журнал «Українська мова та література»",
    "Англійська мова": "Журнал «Англійська мова та література»",
    "Дошкільна освіта": "Журнал «Дитячий садок»",
}

PRACTICE_TOPICS = [
    "Формування читацької компетентності молодших школярів",
    "Розвиток логічного мислення учнів на уроках математики",
    "Технологія критичного мислення на уроках історії",
    "Проєктна діяльність як засіб компетентнісної освіти",
    "Інтерактивні технології навчання української мови",
    "Використання хмарних сервісів у викладанні інформатики",
    "Комунікативний підхід у навчанні англійської мови",
    "Театралізована діяльність у розвитку мовлення дошкільників",
    "Здоров’язбережувальні технології у закладі дошкільної освіти",
    "Сенсорний розвиток дітей раннього віку",
    "Дослідницька діяльність учнів з біології",
    "Краєзнавчий компонент на уроках географії",
    "Експериментальні задачі з фізики",
    "Хімічний експеримент як засіб формування інтересу",
    "Розвиток творчих здібностей учнів на уроках мистецтва",
    "Робота з обдарованими дітьми в позашкільному закладі",
    "Психологічний супровід учнів у період адаптації",
    "Логопедична робота з дітьми із загальним недорозвиненням мовлення",
    "Медіаграмотність на уроках зарубіжної літератури",
    "Шкільна бібліотека як інформаційний центр закладу",
    "Методичне об’єднання як осередок професійного зростання",
    "Інтегровані уроки в початковій школі",
    "Ігрові методи навчання німецької мови",
    "STEM-освіта в закладі загальної середньої освіти",
    "Формування громадянської компетентності учнів",
    "Патріотичне виховання дошкільників",
    "Розвиток фінансової грамотності на уроках математики",
    "Управління методичною роботою у закладі освіти",
    "Особистісно зорієнтований урок літератури",
    "Змішане навчання в старшій школі",
    "Волонтерська діяльність учнів",
    "Екологічна освіта в позашкільному закладі",
    "Формування навичок самооцінювання молодших школярів",
    "Кооперативне навчання на уроках хімії",
    "Дистанційні форми роботи з батьками",
    "Розвиток емоційного інтелекту дошкільників",
    "Ментальні карти на уроках біології",
    "Тьюторський супровід учнів старшої школи",
    "Квест-технології у позакласній роботі",
]


def _cover(title, year, number, colour):
    image = Image.new("RGB", (600, 850), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 560, 810), outline=(255, 255, 255), width=6)
    draw.rectangle((40, 600, 560, 810), fill=(255, 255, 255))
    font = ImageFont.load_default(size=44)
    small = ImageFont.load_default(size=36)
    # The bundled font has no Cyrillic; the cover carries the official transliteration.
    draw.text((70, 90), transliterate(title), fill=(255, 255, 255), font=font)
    draw.text((70, 650), f"No {number} / {year}", fill=colour, font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue())


def _teachers_by_area():
    teachers = Teacher.objects.prefetch_related("subjects").order_by("slug")
    by_area = {}
    for teacher in teachers:
        for subject in teacher.subjects.all():
            by_area.setdefault(subject.name, []).append(teacher)
    return by_area


def load_periodicals(rng, by_area, subjects):
    school_areas = [name for name in by_area if name not in ("Дошкільна освіта", "Мистецтво")]
    for title, audience, per_year, colour, order in PERIODICALS:
        periodical, _created = Periodical.objects.get_or_create(
            title=title, defaults={"audience": audience, "order": order, "founded_year": 2005}
        )
        for year in ISSUE_YEARS:
            for number in range(1, per_year + 1):
                month = 12 * number // per_year - (12 // per_year) + 2
                issue, created = Issue.objects.get_or_create(
                    periodical=periodical,
                    year=year,
                    number=number,
                    defaults={"date": dt.date(year, month, 15)},
                )
                if not created:
                    continue
                stem = f"{periodical.slug}-{year}-{number}"
                issue.cover.save(f"{stem}.jpg", _cover(title, year, number, colour), save=False)
                issue.pdf.save(
                    f"{stem}.pdf",
                    ContentFile(build_pdf([title, f"№ {number}, {year}"])),
                    save=False,
                )
                issue.save()
                for index in range(3):
                    if title == "Дошкільник":
                        area = "Дошкільна освіта"
                        topic = PRESCHOOL_TOPICS[(year + number + index) % len(PRESCHOOL_TOPICS)]
                    else:
                        area = rng.choice(school_areas)
                        topic = rng.choice(ARTICLE_TOPICS).format(s=area.lower())
                    article = Article.objects.create(
                        issue=issue,
                        title=topic,
                        subject=subjects[area],
                        first_page=3 + index * 6,
                        last_page=8 + index * 6,
                    )
                    article.teachers.set(rng.sample(by_area[area], 1 + (index == 2)))


def load_manuals(subjects, by_area):
    for title, group, year, area, description in MANUALS:
        manual, created = Manual.objects.get_or_create(
            title=title,
            defaults={
                "authoring_group": group,
                "year": year,
                "subject": subjects[area],
                "description": description,
            },
        )
        if created:
            manual.file.save(
                f"{latin_slug(title, 60)}.pdf", ContentFile(build_pdf([title, str(year)]))
            )
            manual.teachers.set(by_area.get(area, [])[:3])


def load_external_publications(rng, by_area, subjects):
    for year in range(2014, 2020):
        for index, (area, journal) in enumerate(sorted(SHKILNYI_SVIT_JOURNALS.items())):
            if (year + index) % 2:
                continue
            author = rng.choice(by_area[area])
            title = rng.choice(ARTICLE_TOPICS).format(s=area.lower())
            level = Level.NATIONAL if index % 3 else Level.OBLAST
            ExternalPublication.objects.get_or_create(
                author=author,
                title=title,
                year=year,
                defaults={
                    "venue": journal if level == Level.NATIONAL else "Збірник «Освіта Сумщини»",
                    "publisher": "Шкільний світ" if level == Level.NATIONAL else "СОІППО",
                    "level": level,
                    "subject": subjects[area],
                },
            )


def practice_plan():
    """(city date or None, oblast date or None) for each demo entry, in topic order:
    22 city inclusions and 20 oblast inclusions fall in 2014–2018."""
    plan = []
    for i in range(14):  # city 2014–2017, then the oblast catalogue the next year
        year = 2014 + i % 4
        plan.append((dt.date(year, 3 + i % 8, 20), dt.date(year + 1, 5, 10 + i)))
    for i in range(8):  # city 2014–2018, still city
        plan.append((dt.date(2014 + i % 5, 10, 5 + i), None))
    for i in range(6):  # city before 2014, oblast in 2014–2018
        plan.append((dt.date(2012 + i % 2, 4, 12), dt.date(2014 + i % 5, 11, 3 + i)))
    for i in range(5):  # after 2018
        city = dt.date(2019 + i % 3, 2, 14 + i)
        plan.append((city, dt.date(city.year + 1, 6, 1) if i < 2 else None))
    return plan


def load_practice(rng, subjects, by_area):
    areas = sorted(by_area)
    for index, (topic, (city, oblast)) in enumerate(
        zip(PRACTICE_TOPICS, practice_plan(), strict=False)
    ):
        area = areas[index % len(areas)]
        author = rng.choice(by_area[area])
        entry, created = PracticeEntry.objects.get_or_create(
            topic=topic,
            defaults={
                "author": author,
                "institution": author.institution,
                "subject": subjects[area],
                "level": Level.OBLAST if oblast else Level.CITY,
                "city_decision_date": city,
                "city_decision_number": f"{index % 4 + 1}" if city else "",
                "oblast_decision_date": oblast,
                "oblast_decision_number": f"{100 + index}" if oblast else "",
                "description": f"Опис досвіду роботи з теми «{topic}»: мета, система "
                "уроків і занять, результати впровадження в закладі освіти.",
            },
        )
        if created:
            material = PracticeMaterial(entry=entry, title="Опис досвіду (PDF)")
            material.file.save(
                f"{latin_slug(topic, 60)}.pdf", ContentFile(build_pdf([topic])), save=False
            )
            material.save()


def _event(title_start):
    return Event.objects.filter(title__startswith=title_start).order_by("start").first()


def load_news():
    today = timezone.localdate()
    latest_issue = Issue.objects.select_related("periodical").order_by("-date").first()
    manual = Manual.objects.order_by("year").first()
    entry = PracticeEntry.objects.order_by("-oblast_decision_date").first()
    teacher_of_year = (
        ContestEdition.objects.filter(contest__name="Учитель року").order_by("-year").first()
    )
    items = [
        (
            "Відбувся семінар учителів української мови",
            "Нова українська школа у 7-му класі: матеріали семінару доступні на сторінці події.",
            {"event": _event("Семінар вчителів української мови")},
        ),
        (
            "Запрошуємо на семінар-практикум учителів математики",
            "Формувальне оцінювання на уроках математики: практичні прийоми і досвід гімназії.",
            {"event": _event("Семінар-практикум вчителів математики")},
        ),
        (
            "Вийшов новий номер «Педагогічного вісника»",
            "У номері: досвід методичних об’єднань міста та матеріали семінарів.",
            {"issue": latest_issue},
        ),
        (
            "Каталог передового педагогічного досвіду поповнено",
            "Науково-методична рада схвалила нові роботи до міського каталогу ППД.",
            {"practice_entry": entry},
        ),
        (
            "Посібник з історії рідного міста — у відкритому доступі",
            "Комплекс уроків творчої групи вчителів історії можна завантажити на порталі.",
            {"manual": manual},
        ),
        (
            "Засідання міських методичних об’єднань у новому навчальному році",
            "Розклад засідань і семінарів для вчителів усіх предметів.",
            {},
        ),
        (
            "Семінар-практикум для вчителів початкових класів",
            "Інтерактивні методи навчання у Новій українській школі.",
            {"event": _event("Вебінар «Цифрові інструменти вчителя початкових класів»")},
        ),
        (
            "Підсумки І етапу конкурсу «Учитель року»",
            "Вітаємо переможців та лауреатів міського етапу конкурсу.",
            {"contest_edition": teacher_of_year},
        ),
    ]
    for days_ago, (title, summary, links) in zip(range(2, 200, 11), items, strict=False):
        News.objects.get_or_create(
            title=title,
            defaults={
                "date": today - dt.timedelta(days=days_ago),
                "summary": summary,
                "body": summary,
                **links,
            },
        )


def load(stdout):
    subjects = {s.name: s for s in Subject.objects.all()}
    by_area = _teachers_by_area()
    load_periodicals(random.Random(606), by_area, subjects)
    load_manuals(subjects, by_area)
    load_external_publications(random.Random(607), by_area, subjects)
    load_practice(random.Random(608), subjects, by_area)
    load_news()
    stdout.write(
        f"Publications: {Issue.objects.count()} issues, {Article.objects.count()} articles, "
        f"{Manual.objects.count()} manuals, {ExternalPublication.objects.count()} publications "
        f"elsewhere, {PracticeEntry.objects.count()} practice entries, "
        f"{News.objects.count()} news."
    )
