"""Contest editions, olympiad years and МАН works in the site search
(``imc_portal.search_index``). Students are never searched: their names are not a way
into the portal."""

from django.utils.translation import gettext_lazy as _

from contests.models import Contest, ContestEdition, ManSection, ManWork, Nomination, Olympiad
from imc_portal.models import Subject
from imc_portal.search_index import Document, SearchIndex, descending


def _edition(edition):
    contest = edition.contest
    return Document(
        title=f"«{contest.name}» {edition.year}",
        url=edition.get_absolute_url(),
        text=(contest.name, *(nomination.name for nomination in edition.nominations.all())),
        sort_key=(contest.order, contest.name, descending(edition.year)),
    )


def _olympiad(olympiad):
    subject = olympiad.subject
    return Document(
        title=str(olympiad),
        url=olympiad.get_absolute_url(),
        text=(subject.name,),
        sort_key=(descending(olympiad.year), olympiad.kind, subject.order, subject.name),
    )


def _man_work(work):
    section = work.section
    return Document(
        title=f"{work.title} ({work.year})",
        url=work.get_absolute_url(),
        text=(work.title, section.name),
        summary=section.name,
        sort_key=(descending(work.year), section.order, section.name, work.title),
    )


def indexes():
    return [
        SearchIndex(
            key="contests.edition",
            title=_("Professional contests"),
            rows=lambda: (
                ContestEdition.objects.published()
                .select_related("contest")
                .prefetch_related("nominations")
            ),
            document=_edition,
            follows={Contest: "contest", Nomination: "nominations"},
        ),
        SearchIndex(
            key="contests.olympiad",
            title=_("Olympiads"),
            rows=lambda: Olympiad.objects.published().select_related("subject"),
            document=_olympiad,
            follows={Subject: "subject"},
        ),
        SearchIndex(
            key="contests.man_work",
            title=_("Small Academy of Sciences"),
            rows=lambda: ManWork.objects.published().select_related("section"),
            document=_man_work,
            follows={ManSection: "section"},
        ),
    ]
