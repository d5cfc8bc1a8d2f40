import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.utils import translation

from imc_portal.roles import DIRECTOR, METHODIST


@pytest.fixture(autouse=True)
def _isolated_environment(settings, tmp_path):
    """Uploaded files go to a temporary folder; static files need no collectstatic; the
    cache starts empty; pages are rendered in Ukrainian unless a test asks otherwise.
    Passwords are hashed with a fast hasher first (the real one takes 0.3 s a user and
    every role fixture makes one); the real hashers stay listed, so stored hashes check."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PAGE_CACHE_SECONDS = 0  # tests of the page cache turn it on
    # A request leaves its language active in the thread (LocaleMiddleware does not reset
    # it, and a page served from the cache never reaches it): each test starts in Ukrainian.
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    yield
    cache.clear()


def _user_in(group_name, username):
    user = User.objects.create_user(username=username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def methodist(db):
    return _user_in(METHODIST, "methodist")


@pytest.fixture
def director(db):
    return _user_in(DIRECTOR, "director")


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(username="admin", password="x", email="a@example.org")


@pytest.fixture
def methodist_client(client, methodist):
    client.force_login(methodist)
    return client


@pytest.fixture
def director_client(client, director):
    client.force_login(director)
    return client


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
