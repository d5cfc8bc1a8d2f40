import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from publications.models import Article, Issue, PracticeEntry
from publications.pdf import MAX_PDF_BYTES, build_pdf
from tests.factories import SubjectFactory, TeacherFactory
from tests.publications.factories import (
    ArticleFactory,
    ExternalPublicationFactory,
    IssueFactory,
    ManualFactory,
    NewsFactory,
    PeriodicalFactory,
    PracticeEntryFactory,
)

pytestmark = pytest.mark.django_db

ISSUE_ADD = "/en/admin/publications/issue/add/"


def _png(size=(60, 80)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile("cover.png", buffer.getvalue(), "image/png")


def _image_bomb():
    """A small PNG whose header claims 30000 × 30000 pixels."""
    buffer = io.BytesIO()
    Image.new("1", (30000, 30000)).save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile("bomb.png", buffer.getvalue(), "image/png")


def _issue_post(periodical, **files):
    data = {
        "periodical": periodical.pk,
        "year": "2017",
        "number": "2",
        "date": "2017-04-01",
        "title": "",
        "is_published": "on",
        "articles-TOTAL_FORMS": "1",
        "articles-INITIAL_FORMS": "0",
        "articles-MIN_NUM_FORMS": "0",
        "articles-MAX_NUM_FORMS": "1000",
        "articles-0-title": "Проєктна діяльність учнів",
        "articles-0-other_authors": "Гість А. Б.",
        "articles-0-first_page": "3",
        "articles-0-last_page": "9",
    }
    data.update(files)
    return data


def test_admin_adds_issue_with_cover_pdf_and_article(methodist_client):
    periodical = PeriodicalFactory()
    response = methodist_client.post(
        ISSUE_ADD,
        _issue_post(
            periodical,
            cover=_png(),
            pdf=SimpleUploadedFile("issue.bin", build_pdf(["x"]), "application/octet-stream"),
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    issue = Issue.objects.get()
    assert issue.pdf.name.endswith(".pdf")
    assert issue.cover_thumbnail.name.endswith("-thumb.jpg")
    assert issue.articles.get().title == "Проєктна діяльність учнів"
    assert issue.history.count() == 1


@pytest.mark.parametrize(
    ("field", "upload", "message"),
    [
        (
            "pdf",
            SimpleUploadedFile("issue.pdf", b"<html><body>%PDF-</body></html>", "application/pdf"),
            "This file is not a PDF document",
        ),
        (
            "pdf",
            SimpleUploadedFile("issue.pdf", b"%PDF-1.4\n" + b"garbage" * 100, "application/pdf"),
            "The PDF is damaged or empty",
        ),
        (
            "pdf",
            SimpleUploadedFile("issue.docx", b"PK\x03\x04 word document", "application/msword"),
            "This file is not a PDF document",
        ),
        ("cover", SimpleUploadedFile("cover.png", b"%PDF-1.4 not an image"), "not an image"),
        ("cover", _image_bomb(), "too many pixels"),
    ],
)
def test_admin_refuses_bad_upload_and_saves_nothing(methodist_client, field, upload, message):
    periodical = PeriodicalFactory()
    response = methodist_client.post(ISSUE_ADD, _issue_post(periodical, **{field: upload}))
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors[field])
    assert not Issue.objects.exists() and not Article.objects.exists()


def test_oversized_pdf_is_refused(methodist_client, monkeypatch):
    monkeypatch.setattr("publications.pdf.MAX_PDF_BYTES", 1000)
    pdf = SimpleUploadedFile("big.pdf", build_pdf(["x" * 40] * 40), "application/pdf")
    assert pdf.size > 1000
    response = methodist_client.post(ISSUE_ADD, _issue_post(PeriodicalFactory(), pdf=pdf))
    assert "the limit for a PDF is" in str(response.context["adminform"].form.errors["pdf"])
    assert not Issue.objects.exists()
    assert MAX_PDF_BYTES == 20 * 1024 * 1024


def test_practice_entry_without_date_for_its_level_is_refused(methodist_client):
    teacher = TeacherFactory()
    data = {
        "topic": "Досвід без дати",
        "author": teacher.pk,
        "institution": teacher.institution.pk,
        "subject": SubjectFactory().pk,
        "level": "oblast",
        "city_decision_date": "2016-03-01",
        "is_published": "on",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
        "materials-MIN_NUM_FORMS": "0",
        "materials-MAX_NUM_FORMS": "1000",
    }
    response = methodist_client.post("/en/admin/publications/practiceentry/add/", data)
    assert "Give the date of inclusion" in str(response.context["adminform"].form.errors)
    assert not PracticeEntry.objects.exists()


def test_history_revert_restores_a_manual(methodist_client):
    manual = ManualFactory(title="Первісна назва")
    manual.title = "Змінена назва"
    manual.save()
    first = manual.history.earliest()
    url = f"/en/admin/publications/manual/{manual.pk}/history/{first.history_id}/"
    response = methodist_client.get(url)
    assert "Первісна назва" in response.content.decode()
    form = response.context["adminform"].form
    data = {
        name: form[name].value() or ""
        for name in form.fields
        if name not in ("teachers", "staff_authors", "file")
    }
    data["is_published"] = "on"
    response = methodist_client.post(url, data)
    assert response.status_code == 302
    manual.refresh_from_db()
    assert manual.title == "Первісна назва"


ADMIN_PAGES = {
    "periodical": PeriodicalFactory,
    "issue": IssueFactory,
    "article": ArticleFactory,
    "manual": ManualFactory,
    "externalpublication": ExternalPublicationFactory,
    "practiceentry": PracticeEntryFactory,
    "news": NewsFactory,
}


@pytest.mark.parametrize("model", sorted(ADMIN_PAGES))
def test_admin_smoke(admin_client, model):
    ADMIN_PAGES[model]()
    base = f"/en/admin/publications/{model}/"
    changelist = admin_client.get(base)
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == 1
    search = admin_client.get(base, {"q": "об'єднання %00 x"})
    assert search.status_code == 200
    assert admin_client.get(base + "add/").status_code == 200


def test_admin_is_refused_to_anonymous(client):
    response = client.get("/en/admin/publications/issue/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_director_sees_but_cannot_add_issues(director_client):
    assert director_client.get("/en/admin/publications/issue/").status_code == 200
    assert director_client.get(ISSUE_ADD).status_code == 403
