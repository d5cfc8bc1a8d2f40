# The site search's index (imc_portal.search_index): the table, its text index (an FTS5
# trigram table with triggers on SQLite, a GIN trigram index on PostgreSQL) and, for a
# database that already holds records, its entries. Filling runs the apps' current
# search.py declarations, so it depends on every app's latest migration of the time; if a
# later schema change ever makes it fail, the index can be filled afterwards with
# `manage.py rebuild_search_index`.

from django.db import migrations, models


def create_text_index(apps, schema_editor):
    from imc_portal.search_index import create_text_index

    create_text_index(schema_editor.connection)


def drop_text_index(apps, schema_editor):
    from imc_portal.search_index import drop_text_index

    drop_text_index(schema_editor.connection)


def fill(apps, schema_editor):
    from imc_portal.search_index import rebuild

    # A new database has nothing to index, and today's models may read columns that later
    # migrations add: only a database with records is filled here.
    alias = schema_editor.connection.alias
    content = [
        model
        for model in apps.get_models()
        if model._meta.app_label in ("staff", "events", "contests", "publications")
        and not model._meta.auto_created
    ]
    if not any(model.objects.using(alias).exists() for model in content):
        return

    rebuild(using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('imc_portal', '0002_roles'),
        ('staff', '0001_initial'),
        ('events', '0002_event_end_index'),
        ('contests', '0002_figures_indexes'),
        # pg_trgm, for the text index on PostgreSQL
        ('publications', '0004_search_trigram_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('section', models.CharField(max_length=60, verbose_name='section')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='record id')),
                ('title', models.TextField(verbose_name='title')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('url', models.CharField(max_length=500, verbose_name='address')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('visible_from', models.DateField(blank=True, help_text='Records dated in the future are found only once their date has come.', null=True, verbose_name='public from')),
                ('sort_key', models.TextField(blank=True, verbose_name='sort key')),
                ('text', models.TextField(verbose_name='searchable text')),
            ],
            options={
                'verbose_name': 'search entry',
                'verbose_name_plural': 'search entries',
                'ordering': ['section', 'sort_key'],
                'constraints': [models.UniqueConstraint(fields=('section', 'object_id'), name='search_entry_unique_record')],
            },
        ),
        migrations.RunPython(create_text_index, drop_text_index),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
