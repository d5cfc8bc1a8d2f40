# Institutions join the site search (imc_portal/search.py): a database that already holds
# institutions gets their entries. Like 0003, it runs today's search.py declaration; if a
# later schema change ever makes it fail, `manage.py rebuild_search_index` fills them.

from django.db import migrations


def index_institutions(apps, schema_editor):
    from imc_portal.search_index import refresh_records, search_indexes

    alias = schema_editor.connection.alias
    institutions = apps.get_model("imc_portal", "Institution").objects.using(alias)
    if not institutions.exists():
        return
    index = next(index for index in search_indexes() if index.key == "imc_portal.institution")
    refresh_records(index, institutions.values_list("pk", flat=True))


class Migration(migrations.Migration):
    dependencies = [
        ("imc_portal", "0006_teacher_created_from_sign_up"),
    ]

    operations = [
        migrations.RunPython(index_institutions, migrations.RunPython.noop),
    ]
