# GIN trigram indexes for the site search on PostgreSQL (a no-op on SQLite).
#
# imc_portal.site_search.text_filter matches a term with UPPER(col) LIKE '%…%', col ~* '\m…'
# and col %> '…' (trigram word similarity), OR-ed over a few columns of one table. With an
# index on col and on UPPER(col) for each, PostgreSQL answers with a BitmapOr of index scans
# instead of reading every row. The planner rates pg_trgm's operator as cheap as "=" and
# would still pick a sequential scan (200 ms on 5,000 articles against 1 ms), so its real
# per-row cost is declared.
from django.db import migrations

SEARCHED = {
    "publications_article": ["title", "other_authors"],
    "publications_manual": ["title", "authoring_group", "description"],
    "publications_externalpublication": ["title", "venue"],
    "publications_practiceentry": ["topic", "description"],
    "publications_news": ["title", "summary", "body"],
}
COST = "ALTER FUNCTION word_similarity_commutator_op(text, text) COST {}"


def _names(table, column):
    short = table.removeprefix("publications_")[:12]
    return f"pub_{short}_{column}_trgm", f"pub_{short}_{column}_utrgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in SEARCHED.items():
        for column in columns:
            plain, upper = _names(table, column)
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS {plain} ON {table} USING gin ("{column}" gin_trgm_ops)'
            )
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {upper} ON {table} "
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )
    schema_editor.execute(COST.format(1000))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in SEARCHED.items():
        for column in columns:
            for name in _names(table, column):
                schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(COST.format(1))


class Migration(migrations.Migration):
    dependencies = [("publications", "0003_news_links_practice_order_indexes")]

    operations = [migrations.RunPython(create, drop)]
