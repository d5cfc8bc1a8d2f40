# pg_trgm lets the site search match Ukrainian words in other forms and with typos
# (imc_portal.site_search.text_filter). A no-op on SQLite.
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [TrigramExtension()]
