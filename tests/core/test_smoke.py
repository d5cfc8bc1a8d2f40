import pytest


@pytest.mark.django_db
def test_home_page_is_ukrainian_by_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<html lang="uk">' in response.content.decode()
