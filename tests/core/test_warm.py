import pytest

from imc_portal.warm import portal_template_names, warm_up_process


@pytest.mark.django_db
def test_warm_up_compiles_every_portal_template_without_touching_the_database(
    django_assert_num_queries,
):
    names = portal_template_names()
    assert {"base.html", "home.html", "events/event_detail.html"} <= set(names)
    # in the gunicorn master, before the workers fork: a query there would open a
    # connection the forks would share
    with django_assert_num_queries(0):
        assert warm_up_process() == len(names)
