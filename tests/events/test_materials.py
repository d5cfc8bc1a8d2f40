import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from events.demo import demo_pdf
from events.documents import MAX_BYTES, check_document
from events.models import Material
from tests import samples
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("anything.bin", demo_pdf("Test"), "pdf"),
        ("photo", samples.image("JPEG"), "jpg"),
        ("x", samples.image("PNG"), "png"),
        ("report.docx", samples.ooxml("word/document.xml"), "docx"),
        ("slides", samples.ooxml("ppt/presentation.xml"), "pptx"),
        ("table", samples.xlsx(), "xlsx"),
        ("a.odt", samples.odf("application/vnd.oasis.opendocument.text"), "odt"),
        ("a", samples.odf("application/vnd.oasis.opendocument.presentation"), "odp"),
        ("a", samples.odf("application/vnd.oasis.opendocument.spreadsheet"), "ods"),
        ("old.doc", samples.ole(), "doc"),
        ("old.XLS", samples.ole(), "xls"),
    ],
)
def test_material_recognised_by_content(name, content, extension):
    assert check_document(upload(name, content)).extension == extension


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00executable"),
        ("page.docx", b"<html><script>alert(1)</script>"),
        ("archive.docx", samples.zipped([("evil.exe", "x")])),
        ("old.exe", samples.ole()),
        ("empty.pdf", b""),
    ],
)
def test_material_refused_by_content(name, content):
    with pytest.raises(ValidationError) as error:
        check_document(upload(name, content))
    assert error.value.code == "invalid_document"


def test_material_whose_name_disagrees_with_its_content_is_refused_naming_both():
    with pytest.raises(ValidationError) as error:
        check_document(upload("photo.pdf", samples.image("JPEG")))
    assert error.value.code == "name_mismatch"
    assert error.value.messages == [
        "Файл названо «photo.pdf», але його вміст — JPEG. Якщо це справді так, перейменуйте "
        "його на .jpg, або завантажте потрібний файл."
    ]


def test_material_too_large_is_refused():
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (MAX_BYTES + 1))
    with pytest.raises(ValidationError) as error:
        check_document(big)
    assert error.value.code == "too_large"


def test_material_saved_with_safe_name_and_served_as_attachment(client):
    event = EventFactory()
    material = Material.objects.create(
        event=event,
        title="Презентація «Урок» ../../etc",
        file=upload('"><script>.pdf', demo_pdf("Test")),
    )
    assert material.file_type == "pdf" and material.size > 0
    assert material.file.name.endswith("/prezentatsiia-urok-etc.pdf")
    response = client.get(material.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="prezentatsiia-urok-etc.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_material_of_draft_event_not_served_to_public(methodist_client):
    client = Client()
    event = EventFactory(is_published=False)
    material = Material.objects.create(
        event=event, title="Файл", file=upload("a.pdf", demo_pdf("T"))
    )
    assert client.get(material.get_absolute_url()).status_code == 404
    assert methodist_client.get(material.get_absolute_url()).status_code == 200


def test_material_needs_file_or_link_not_both():
    event = EventFactory()
    with pytest.raises(ValidationError):
        Material(event=event, title="Нічого").full_clean()
    with pytest.raises(ValidationError):
        Material(
            event=event,
            title="Обидва",
            url="https://example.org",
            file=upload("a.pdf", demo_pdf("T")),
        ).full_clean()


def test_admin_refuses_fake_document_and_saves_nothing(admin_client):
    event = EventFactory()
    url = f"/admin/events/event/{event.pk}/change/"
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: (value if value is not None else "")
        for name, value in form.initial.items()
        if not isinstance(value, list)
    }
    data.update(
        {
            "start_0": event.start.astimezone().strftime("%Y-%m-%d"),
            "start_1": "10:00",
            "end_0": "",
            "end_1": "",
            "speakers-TOTAL_FORMS": "0",
            "speakers-INITIAL_FORMS": "0",
            "materials-TOTAL_FORMS": "1",
            "materials-INITIAL_FORMS": "0",
            "materials-0-title": "Підробка",
            "materials-0-file": upload("fake.pdf", b"MZ executable"),
            "materials-0-order": "0",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "not an allowed document" in response.content.decode() or "не є дозволеним" in (
        response.content.decode()
    )
    assert Material.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_material_download_query_count_does_not_grow(client, django_assert_num_queries, count):
    event = EventFactory()
    materials = [
        Material.objects.create(event=event, title=f"Файл {n}", file=upload("a.pdf", demo_pdf("T")))
        for n in range(count)
    ]
    with django_assert_num_queries(1):
        response = client.get(materials[-1].get_absolute_url())
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_document_is_sent_as_it_is_to_a_browser_that_accepts_gzip(client):
    material = Material.objects.create(
        event=EventFactory(), title="Програма", file=upload("a.pdf", demo_pdf("T"))
    )
    response = client.get(material.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")  # not compressed again
    assert not response.has_header("Content-Encoding")
    assert int(response["Content-Length"]) == len(body) == material.size
