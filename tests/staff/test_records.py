import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from staff.models import StaffMember
from tests.core.test_images import jpeg_with_exif, png_header_claiming
from tests.factories import DepartmentFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/staff/staffmember/add/"


def member_form(dept, **overrides):
    data = {
        "surname": "Нова", "first_name": "Ольга", "patronymic": "Іванівна",
        "role": "methodist", "position": "методист", "department": dept.pk,
        "rate": "0.75", "order": "10", "is_public": "on",
        "awards-TOTAL_FORMS": "0", "awards-INITIAL_FORMS": "0",
        "awards-MIN_NUM_FORMS": "0", "awards-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.parametrize("rate", ["0.10", "1.75", "-1"])
def test_admin_refuses_rate_out_of_range(methodist_client, rate):
    department = DepartmentFactory()
    response = methodist_client.post(ADD_URL, member_form(department, rate=rate))
    assert response.status_code == 200
    assert not StaffMember.objects.exists()
    assert "rate" in response.context["adminform"].form.errors


def test_database_refuses_rate_out_of_range():
    member = StaffMemberFactory()
    member.rate = Decimal("2.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        member.save()


def test_admin_saves_decimal_rate_and_reencoded_photo_with_thumbnail(methodist_client):
    department = DepartmentFactory()
    response = methodist_client.post(
        ADD_URL, member_form(department, photo=jpeg_with_exif(size=(600, 800)))
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    member = StaffMember.objects.get()
    assert member.rate == Decimal("0.75")
    with member.photo.open("rb"), Image.open(member.photo) as photo:
        assert not photo.getexif()
    with member.photo_thumbnail.open("rb"), Image.open(member.photo_thumbnail) as thumb:
        assert thumb.size == (320, 400)
    thumbnail_name = member.photo_thumbnail.name
    member.position = "методист з логопедії"
    member.save()
    assert member.photo_thumbnail.name == thumbnail_name  # made once, not on every save


def test_admin_refuses_image_bomb_with_a_message(methodist_client):
    department = DepartmentFactory()
    response = methodist_client.post(
        ADD_URL, member_form(department, photo=png_header_claiming(50000, 50000))
    )
    assert response.status_code == 200
    assert not StaffMember.objects.exists()
    assert response.context["adminform"].form.errors["photo"] == [
        "Зображення має забагато пікселів; найбільше дозволено 40 мегапікселів."
    ]


def test_admin_refuses_a_pdf_as_photo(methodist_client):
    department = DepartmentFactory()
    fake = SimpleUploadedFile("cv.jpg", b"%PDF-1.4\n%%EOF", "image/jpeg")
    response = methodist_client.post(ADD_URL, member_form(department, photo=fake))
    assert response.status_code == 200
    assert not StaffMember.objects.exists()
    assert "photo" in response.context["adminform"].form.errors


def test_head_of_department_needs_a_department(methodist_client):
    response = methodist_client.post(
        ADD_URL, member_form(DepartmentFactory(), role="head", department="")
    )
    assert response.context["adminform"].form.errors["department"] == [
        "Для завідувача відділу вкажіть відділ."
    ]


def test_png_photo_keeps_transparency_format():
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(buffer, format="PNG")
    member = StaffMemberFactory(photo=SimpleUploadedFile("a.png", buffer.getvalue()))
    assert member.photo_thumbnail.name.endswith(".png")
