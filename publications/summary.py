"""The publications' section of the director's summary (imc_portal.summary): the centre's
periodicals and manuals, teachers' publications elsewhere, the best-practice catalogues
and the news."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from imc_portal.summary import Figure, Section
from publications import queries
from publications.models.common import Level


def issue_records(period):
    return [(_("Issues"), queries.issue_records(period))]


def manual_records(period):
    return [(_("Manuals"), queries.manual_records(period))]


def external_records(period):
    return [(_("Teachers’ publications elsewhere"), queries.external_publication_records(period))]


def practice_records(level):
    def records(period):
        return [(_("Best practice entries"), queries.practice_records(period, level))]

    return records


def news_records(period):
    return [(_("News"), queries.news_records(period))]


def sentences(values):
    """The report's text, as the seeds write it: "22 роботи з ППД занесено до міського,
    20 – до обласного каталогу передового педагогічного досвіду"."""
    when = values.period.in_words
    issues = values["issues"].current
    manuals = values["manuals"].current
    external = values["external"].current
    city = values["city_practice"].current
    oblast = values["oblast_practice"].current
    news = values["news"].current
    return [
        ngettext(
            "%(when)s, %(count)s issue of the centre's periodicals came out",
            "%(when)s, %(count)s issues of the centre's periodicals came out",
            issues,
        )
        % {"when": when, "count": issues}
        + "; "
        + ngettext(
            "%(count)s manual was published",
            "%(count)s manuals were published",
            manuals,
        )
        % {"count": manuals}
        + "; "
        + ngettext(
            "teachers published %(count)s work in professional journals and collections.",
            "teachers published %(count)s works in professional journals and collections.",
            external,
        )
        % {"count": external},
        ngettext(
            "%(count)s best-practice work was entered into the city catalogue, %(oblast)s "
            "into the oblast catalogue of best pedagogical practice.",
            "%(count)s best-practice works were entered into the city catalogue, %(oblast)s "
            "into the oblast catalogue of best pedagogical practice.",
            city,
        )
        % {"count": city, "oblast": oblast},
        ngettext(
            "%(count)s news item was published on the portal.",
            "%(count)s news items were published on the portal.",
            news,
        )
        % {"count": news},
    ]


def section():
    return Section(
        key="publications",
        title=gettext_lazy("Publications"),
        items=[
            Figure(
                "issues", gettext_lazy("issues of the centre's periodicals"), queries.issues,
                issue_records, headline=True,
            ),
            Figure("manuals", gettext_lazy("manuals"), queries.manuals, manual_records),
            Figure(
                "external", gettext_lazy("teachers’ publications elsewhere"),
                queries.external_publications, external_records, headline=True,
            ),
            Figure(
                "city_practice", gettext_lazy("entries added to the city best-practice catalogue"),
                queries.city_practice_added, practice_records(Level.CITY), headline=True,
            ),
            Figure(
                "oblast_practice",
                gettext_lazy("entries added to the oblast best-practice catalogue"),
                queries.oblast_practice_added, practice_records(Level.OBLAST), headline=True,
            ),
            Figure("news", gettext_lazy("news"), queries.news, news_records),
        ],
        sentences=sentences,
    )  # fmt: skip
