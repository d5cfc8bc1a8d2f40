import pytest

from imc_portal.text import latin_slug, normalize_apostrophes, transliterate


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Згорани", "Zghorany"),
        ("Юрій Яковенко", "Yurii Yakovenko"),
        ("Їжакевич", "Yizhakevych"),
        ("Лук'яненко", "Lukianenko"),
        ("Щербухи", "Shcherbukhy"),
    ],
)
def test_transliteration_follows_the_official_table(ukrainian, latin):
    assert transliterate(ukrainian) == latin


def test_latin_slug():
    assert latin_slug("Гімназія № 1 «Сонечко»") == "himnaziia-no-1-sonechko"
    assert latin_slug("«»") == "item"


def test_apostrophes_are_normalised():
    assert normalize_apostrophes("об’єднання обʼєднання") == "об'єднання об'єднання"


def test_choice_labels_follow_the_active_language_and_keep_unknown_values():
    from django.utils import translation

    from imc_portal.models import Institution

    school = Institution(kind=Institution.Kind.SCHOOL)
    with translation.override("en"):
        assert school.get_kind_display() == "general secondary school"
    with translation.override("uk"):
        assert school.get_kind_display() == "заклад загальної середньої освіти"
    assert Institution(kind="unknown").get_kind_display() == "unknown"
