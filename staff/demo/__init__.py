"""Demo staff reproducing seed 001: a director, two departments led by heads, 14 methodists
on 13.75 posts, a practical psychologist, a librarian, 2 technicians and a technical worker;
award counts 2 / 8 / 1 / 2 and the centre's distinctions. Names are invented."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from imc_portal.models import Subject
from staff.models import Award, AwardKind, Department, Distinction, StaffMember

Role = StaffMember.Role

DEPARTMENTS = [
    ("Відділ методичного супроводу загальної середньої освіти", 10),
    ("Відділ методичного супроводу дошкільної, позашкільної освіти та виховної роботи", 20),
]

# surname, first name, patronymic, role, position, department index, rate, subjects
PEOPLE = [
    ("Литвин", "Галина", "Петрівна", Role.DIRECTOR, "директор", None, "1.00", []),
    ("Кулик", "Наталія", "Іванівна", Role.HEAD, "завідувач відділу", 0, "1.00", ["Управління закладом освіти"]),
    ("Сорока", "Віктор", "Андрійович", Role.HEAD, "завідувач відділу", 1, "1.00", ["Дошкільна освіта"]),
    ("Бойко", "Олена", "Миколаївна", Role.METHODIST, "методист з української мови та літератури", 0, "1.00", ["Українська мова та література"]),
    ("Гуменюк", "Тетяна", "Василівна", Role.METHODIST, "методист з математики", 0, "1.00", ["Математика"]),
    ("Дорошенко", "Ірина", "Олегівна", Role.METHODIST, "методист з історії", 0, "1.00", ["Історія", "Курси морально-етичного спрямування"]),
    ("Єрмоленко", "Андрій", "Сергійович", Role.METHODIST, "методист з інформатики", 0, "1.00", ["Інформатика"]),
    ("Журба", "Світлана", "Юріївна", Role.METHODIST, "методист з іноземних мов", 0, "1.00", ["Англійська мова", "Німецька мова"]),
    ("Зозуля", "Людмила", "Петрівна", Role.METHODIST, "методист з фізики та хімії", 0, "1.00", ["Фізика", "Хімія"]),
    ("Іваненко", "Оксана", "Григорівна", Role.METHODIST, "методист з біології та географії", 0, "1.00", ["Біологія", "Географія"]),
    ("Калина", "Валентина", "Іванівна", Role.METHODIST, "методист з початкової освіти", 0, "1.00", ["Початкова освіта"]),
    ("Лозовий", "Роман", "Михайлович", Role.METHODIST, "методист з зарубіжної літератури", 0, "0.75", ["Зарубіжна література"]),
    ("Мазур", "Алла", "Вікторівна", Role.METHODIST, "методист з дошкільної освіти", 1, "1.00", ["Дошкільна освіта"]),
    ("Нестеренко", "Юлія", "Олександрівна", Role.METHODIST, "методист з логопедії", 1, "1.00", ["Логопедія"]),
    ("Охріменко", "Ганна", "Дмитрівна", Role.METHODIST, "методист з позашкільної освіти", 1, "1.00", ["Мистецтво"]),
    ("Пилипенко", "Марина", "Сергіївна", Role.METHODIST, "методист з виховної роботи", 1, "1.00", ["Фізична культура"]),
    ("Рудь", "Катерина", "Богданівна", Role.METHODIST, "методист з роботи з бібліотеками", 1, "1.00", ["Шкільні бібліотеки"]),
    ("Семенко", "Лариса", "Іванівна", Role.PSYCHOLOGIST, "практичний психолог", 1, "1.00", ["Практична психологія"]),
    ("Тищенко", "Надія", "Олексіївна", Role.LIBRARIAN, "бібліотекар", None, "1.00", []),
    ("Усенко", "Ігор", "Петрович", Role.TECHNICIAN, "технік", None, "1.00", []),
    ("Фоменко", "Олег", "Васильович", Role.TECHNICIAN, "технік", None, "1.00", []),
    ("Цибуля", "Ніна", "Федорівна", Role.TECHNICAL_WORKER, "прибиральниця службових приміщень", None, "1.00", []),
]  # fmt: skip

AWARD_KINDS = [
    ("Заслужений учитель України", AwardKind.Level.STATE, "почесне звання", 10),
    ("Відмінник освіти України", AwardKind.Level.DEPARTMENTAL, "відомчий заохочувальний знак", 20),
    ("Софія Русова", AwardKind.Level.DEPARTMENTAL, "нагрудний знак", 30),
    ("Премія імені А. С. Макаренка", AwardKind.Level.REGIONAL, "обласна премія", 40),
]

# award kind index → (surnames of holders, year)
AWARDS = {
    0: (["Литвин", "Кулик"], 2012),
    1: (["Литвин", "Кулик", "Сорока", "Бойко", "Гуменюк", "Дорошенко", "Калина", "Мазур"], 2010),
    2: (["Мазур"], 2016),
    3: (["Бойко", "Гуменюк"], 2017),
}

DISTINCTIONS = [
    ("Всеукраїнський проект «Золотий фонд нації»", None, "Центр занесено до категорії «Національні лідери України».", 10),
    ("Золота медаль IX Міжнародної виставки «Інноватика в сучасній освіті»", 2018, "", 20),
    ("Золота медаль IX Міжнародної виставки «Сучасні заклади освіти»", 2018, "", 30),
]  # fmt: skip

PALETTE = ["#1f5aa6", "#2e7d32", "#8e24aa", "#c62828", "#00838f", "#6d4c41"]


def silhouette_portrait(index):
    """A plain portrait placeholder, a silhouette on a colour (demo only)."""
    image = Image.new("RGB", (480, 600), PALETTE[index % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    draw.ellipse((150, 110, 330, 290), fill="#f4f4f4")
    draw.ellipse((60, 330, 420, 760), fill="#f4f4f4")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile(f"portrait-{index}.jpg", buffer.getvalue(), "image/jpeg")


def load(stdout):
    departments = [
        Department.objects.get_or_create(name=name, defaults={"order": order})[0]
        for name, order in DEPARTMENTS
    ]
    subjects = {subject.name: subject for subject in Subject.objects.all()}
    members = {}
    for index, (surname, first, middle, role, position, dept, rate, areas) in enumerate(PEOPLE):
        member, created = StaffMember.objects.get_or_create(
            surname=surname,
            first_name=first,
            patronymic=middle,
            defaults={
                "role": role,
                "position": position,
                "department": departments[dept] if dept is not None else None,
                "rate": Decimal(rate),
                "order": index * 10,
                "is_public": role not in (Role.TECHNICIAN, Role.TECHNICAL_WORKER),
                "email": f"staff{index + 1}@example.org" if role != Role.TECHNICAL_WORKER else "",
                "room": str(100 + index) if role != Role.TECHNICAL_WORKER else "",
            },
        )
        if created:
            if member.is_public:
                member.photo = silhouette_portrait(index)
                member.save()
            member.subjects.set([subjects[name] for name in areas])
        members[surname] = member

    kinds = [
        AwardKind.objects.get_or_create(
            name=name, defaults={"level": level, "description": description, "order": order}
        )[0]
        for name, level, description, order in AWARD_KINDS
    ]
    for kind_index, (surnames, year) in AWARDS.items():
        for surname in surnames:
            Award.objects.get_or_create(member=members[surname], kind=kinds[kind_index], year=year)

    for title, year, description, order in DISTINCTIONS:
        Distinction.objects.get_or_create(
            title=title, year=year, defaults={"description": description, "order": order}
        )
    stdout.write(f"Staff: {StaffMember.objects.count()} members, {Award.objects.count()} awards.")
