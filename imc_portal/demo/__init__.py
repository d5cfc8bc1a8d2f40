"""Demo data for the shared core: the centre, subject areas, institutions and teachers of
one city (Sumy, after seed 001). People's names are invented."""

import random

from simple_history.utils import bulk_create_with_history

from imc_portal.models import Centre, Institution, Subject, Teacher
from imc_portal.text import latin_slug

CENTRE = {
    "name": "Інформаційно-методичний центр управління освіти і науки Сумської міської ради",
    "short_name": "ІМЦ м. Суми",
    "city": "Суми",
    "parent_body": "Управління освіти і науки Сумської міської ради",
    "address": "вул. Покровська, 2, м. Суми, 40000",
    "phone": "+380 542 00 00 00",
    "email": "imc@example.org",
    "founded_year": 2004,
    "description": (
        "Інформаційно-методичний центр засновано в 2004 році. Центр здійснює методичний "
        "супровід закладів загальної середньої, дошкільної та позашкільної освіти міста, "
        "організовує конкурси фахової майстерності, олімпіади та турніри, популяризує "
        "педагогічний досвід і забезпечує психологічний супровід освітнього процесу. "
        "Колегіальним органом центру є науково-методична рада."
    ),
}

SUBJECTS = [
    "Українська мова та література", "Математика", "Історія", "Інформатика",
    "Англійська мова", "Німецька мова", "Зарубіжна література", "Фізика", "Хімія",
    "Біологія", "Географія", "Початкова освіта", "Дошкільна освіта", "Шкільні бібліотеки",
    "Логопедія", "Практична психологія", "Курси морально-етичного спрямування",
    "Мистецтво", "Фізична культура", "Управління закладом освіти",
]  # fmt: skip

STREETS = [
    "вул. Соборна", "вул. Петропавлівська", "вул. Харківська", "вул. Покровська",
    "вул. Герасима Кондратьєва", "вул. Прокоф'єва", "вул. Іллінська", "вул. Воскресенська",
    "вул. Римського-Корсакова", "вул. Засумська", "вул. Лушпи", "вул. Нижньосироватська",
]  # fmt: skip

PRESCHOOL_NAMES = [
    "Сонечко", "Веселка", "Казка", "Ромашка", "Барвінок", "Дзвіночок", "Малятко",
    "Колосок", "Ластівка", "Берізка", "Теремок", "Золотий ключик", "Світлячок", "Калинка",
]  # fmt: skip

OTHER_INSTITUTIONS = [
    (Institution.Kind.OUT_OF_SCHOOL, "Центр дитячої та юнацької творчості Сумської міської ради", "ЦДЮТ"),
    (Institution.Kind.OUT_OF_SCHOOL, "Палац дітей та юнацтва Сумської міської ради", "Палац дітей та юнацтва"),
    (Institution.Kind.OUT_OF_SCHOOL, "Станція юних техніків Сумської міської ради", "СЮТ"),
    (Institution.Kind.OUT_OF_SCHOOL, "Дитячо-юнацька спортивна школа № 1", "ДЮСШ № 1"),
    (Institution.Kind.HIGHER, "Сумський державний педагогічний університет імені А. С. Макаренка", "СумДПУ"),
    (Institution.Kind.HIGHER, "Національний університет «Острозька академія»", "НаУОА"),
    (Institution.Kind.HIGHER, "Національний педагогічний університет імені М. П. Драгоманова", "НПУ ім. Драгоманова"),
    (Institution.Kind.HIGHER, "Сумський обласний інститут післядипломної педагогічної освіти", "СОІППО"),
    (Institution.Kind.OTHER, "Інститут сучасних інформаційних технологій (м. Київ)", "ІСІТ"),
]  # fmt: skip

SURNAMES = [
    "Бондаренко", "Ковальчук", "Ткаченко", "Кравченко", "Олійник", "Шевчук", "Коваленко",
    "Поліщук", "Мельник", "Лисенко", "Марченко", "Руденко", "Савченко", "Петренко",
    "Мороз", "Гребенюк", "Литвиненко", "Панченко", "Кузьменко", "Демченко", "Левченко",
    "Харченко", "Гончаренко", "Сидоренко", "Павленко", "Яковенко", "Тимошенко", "Білик",
    "Захарченко", "Кириленко", "Остапенко", "Гордієнко", "Рибак", "Даниленко", "Карпенко",
    "Мірошниченко", "Осадчий", "Приходько", "Власенко", "Назаренко", "Зінченко", "Чорновол",
    "Костенко", "Лук'яненко", "Федоренко", "Степаненко", "Тарасенко", "Головко", "Дячук",
    "Швець", "Романенко", "Пономаренко", "Ярошенко", "Бабенко", "Гнатюк", "Верес",
]  # fmt: skip
FEMALE_NAMES = [
    "Олена", "Наталія", "Ірина", "Світлана", "Тетяна", "Людмила", "Оксана", "Валентина",
    "Галина", "Ніна", "Лариса", "Алла", "Вікторія", "Юлія", "Марина", "Інна", "Катерина",
    "Ганна", "Надія", "Любов", "Зоя", "Тамара", "Віра", "Жанна",
]  # fmt: skip
MALE_NAMES = [
    "Олександр", "Сергій", "Андрій", "Володимир", "Віктор", "Юрій", "Микола", "Петро",
    "Іван", "Олег", "Василь", "Дмитро", "Ігор", "Михайло", "Богдан", "Роман",
]  # fmt: skip
PATRONYMIC_ROOTS = [
    "Олександр", "Сергій", "Андрій", "Володимир", "Віктор", "Юрій", "Миколай", "Петр",
    "Іван", "Олег", "Василь", "Дмитр", "Ігор", "Михайл", "Богдан", "Роман", "Григор",
]  # fmt: skip

TEACHER_COUNT = 320


def patronymic(root, female):
    if root.endswith("й"):
        base = root[:-1]
        return base + ("ївна" if female else "йович")
    return root + ("івна" if female else "ович")


def invented_people(rng, count):
    """Distinct (surname, first name, patronymic, female) tuples."""
    seen = set()
    while len(seen) < count:
        female = rng.random() < 0.82  # most of the city's teachers are women
        surname = rng.choice(SURNAMES)
        first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        seen.add((surname, first, patronymic(rng.choice(PATRONYMIC_ROOTS), female), female))
    return sorted(seen)


def load_centre():
    centre = Centre.objects.filter(pk=Centre.SINGLETON_ID).first()
    if centre is None:
        Centre(**CENTRE).save()


def load_subjects():
    for order, name in enumerate(SUBJECTS, start=1):
        Subject.objects.get_or_create(name=name, defaults={"order": order * 10})


def city_institutions():
    rows = []
    for number in range(1, 21):
        street = STREETS[number % len(STREETS)]
        if number in (1, 3, 9):
            name = f"Сумська гімназія № {number}"
        elif number in (2, 15, 17):
            name = f"Сумський ліцей № {number}"
        elif number in (16, 20):
            name = f"Сумський навчально-виховний комплекс № {number}"
        else:
            name = f"Сумська загальноосвітня школа I–III ступенів № {number}"
        short = name.replace("Сумська ", "").replace("Сумський ", "")
        short = short.replace("загальноосвітня школа I–III ступенів", "ЗОШ")
        short = short.replace("навчально-виховний комплекс", "НВК")
        rows.append(
            (Institution.Kind.SCHOOL, name, short[0].upper() + short[1:], f"{street}, {number + 3}")
        )
    for number, nickname in enumerate(PRESCHOOL_NAMES, start=1):
        name = f"Заклад дошкільної освіти (ясла-садок) № {number} «{nickname}»"
        street = STREETS[(number * 5) % len(STREETS)]
        rows.append(
            (
                Institution.Kind.PRESCHOOL,
                name,
                f"ЗДО № {number} «{nickname}»",
                f"{street}, {number * 2 + 1}",
            )
        )
    for index, (kind, name, short) in enumerate(OTHER_INSTITUTIONS):
        address = f"{STREETS[index]}, {40 + index}, м. Суми" if "Суми" in name else ""
        rows.append((kind, name, short, address))
    return rows


def load_institutions():
    existing = set(Institution.objects.values_list("name", flat=True))
    for kind, name, short, address in city_institutions():
        if name not in existing:
            Institution.objects.create(kind=kind, name=name, short_name=short, address=address)


def load_teachers(stdout):
    rng = random.Random(2009)
    schools = list(Institution.objects.filter(kind=Institution.Kind.SCHOOL).order_by("name"))
    preschools = list(Institution.objects.filter(kind=Institution.Kind.PRESCHOOL).order_by("name"))
    out_of_school = list(
        Institution.objects.filter(kind=Institution.Kind.OUT_OF_SCHOOL).order_by("name")
    )
    subjects = {s.name: s for s in Subject.objects.all()}
    school_subjects = [subjects[name] for name in SUBJECTS[:12] if name != "Дошкільна освіта"]
    existing = set(Teacher.objects.values_list("surname", "first_name", "patronymic"))
    taken_slugs = set(Teacher.objects.values_list("slug", flat=True))
    new, areas = [], []
    for index, (surname, first, middle, female) in enumerate(invented_people(rng, TEACHER_COUNT)):
        roll = index % 10
        if roll < 7:
            institution, subject = rng.choice(schools), rng.choice(school_subjects)
            position = "учителька" if female else "учитель"
        elif roll < 9:
            institution, subject = rng.choice(preschools), subjects["Дошкільна освіта"]
            position = "вихователька" if female else "вихователь"
        else:
            institution, subject = rng.choice(out_of_school), subjects["Мистецтво"]
            position = "керівник гуртка"
        category = rng.choice([c for c, _label in Teacher.Category.choices])
        title = rng.choice(
            ["", "", "", Teacher.Title.SENIOR_TEACHER, Teacher.Title.TEACHER_METHODIST]
        )
        if (surname, first, middle) in existing:
            continue
        slug = base = latin_slug(f"{surname} {first} {middle}")
        n = 2
        while slug in taken_slugs:
            slug, n = f"{base}-{n}", n + 1
        taken_slugs.add(slug)
        new.append(
            Teacher(
                surname=surname,
                first_name=first,
                patronymic=middle,
                slug=slug,
                institution=institution,
                position=position,
                category=category,
                pedagogical_title=title if roll < 7 else "",
            )
        )
        areas.append(subject)
    # Each teacher's history starts with this record (its links are not kept in bulk).
    bulk_create_with_history(new, Teacher)
    # bulk_create sets primary keys on PostgreSQL and SQLite alike.
    Through = Teacher.subjects.through
    Through.objects.bulk_create(
        Through(teacher_id=teacher.pk, subject_id=subject.pk)
        for teacher, subject in zip(new, areas, strict=True)
    )
    stdout.write(f"Teachers: {len(new)} added, {Teacher.objects.count()} in all.")


def load(stdout):
    load_centre()
    load_subjects()
    load_institutions()
    load_teachers(stdout)
    stdout.write(
        f"Centre, {Subject.objects.count()} subject areas, "
        f"{Institution.objects.count()} institutions."
    )
