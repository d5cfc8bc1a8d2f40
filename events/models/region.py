"""Ukraine's regions (the oblasts, the Autonomous Republic of Crimea, Kyiv and Sevastopol),
where an event's participants came from: a fixed list, seeded by a migration, whose names
are translated ("Вінницька область"), counted in SQL through the events' links to it."""

from django.db import models
from django.utils.translation import gettext, npgettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# code (ISO 3166-2:UA), kind, English name; in the order of the Constitution's list
# (the Autonomous Republic of Crimea, the oblasts in Ukrainian alphabetical order, Kyiv,
# Sevastopol). The migration 0003 seeds these rows.
OBLAST, REPUBLIC, CITY = "oblast", "republic", "city"
REGIONS = [
    ("UA-43", REPUBLIC, _("Autonomous Republic of Crimea")),
    ("UA-05", OBLAST, _("Vinnytsia Oblast")),
    ("UA-07", OBLAST, _("Volyn Oblast")),
    ("UA-12", OBLAST, _("Dnipropetrovsk Oblast")),
    ("UA-14", OBLAST, _("Donetsk Oblast")),
    ("UA-18", OBLAST, _("Zhytomyr Oblast")),
    ("UA-21", OBLAST, _("Zakarpattia Oblast")),
    ("UA-23", OBLAST, _("Zaporizhzhia Oblast")),
    ("UA-26", OBLAST, _("Ivano-Frankivsk Oblast")),
    ("UA-32", OBLAST, _("Kyiv Oblast")),
    ("UA-35", OBLAST, _("Kirovohrad Oblast")),
    ("UA-09", OBLAST, _("Luhansk Oblast")),
    ("UA-46", OBLAST, _("Lviv Oblast")),
    ("UA-48", OBLAST, _("Mykolaiv Oblast")),
    ("UA-51", OBLAST, _("Odesa Oblast")),
    ("UA-53", OBLAST, _("Poltava Oblast")),
    ("UA-56", OBLAST, _("Rivne Oblast")),
    ("UA-59", OBLAST, _("Sumy Oblast")),
    ("UA-61", OBLAST, _("Ternopil Oblast")),
    ("UA-63", OBLAST, _("Kharkiv Oblast")),
    ("UA-65", OBLAST, _("Kherson Oblast")),
    ("UA-68", OBLAST, _("Khmelnytskyi Oblast")),
    ("UA-71", OBLAST, _("Cherkasy Oblast")),
    ("UA-77", OBLAST, _("Chernivtsi Oblast")),
    ("UA-74", OBLAST, _("Chernihiv Oblast")),
    ("UA-30", CITY, _("the city of Kyiv")),
    ("UA-40", CITY, _("the city of Sevastopol")),
]

# The regions named one by one after "representatives of …" ("…та міста Києва"), in the
# genitive where the language has one.
NAMED_AFTER_REPRESENTATIVES = {
    "UA-43": pgettext_lazy("representatives of", "the Autonomous Republic of Crimea"),
    "UA-30": pgettext_lazy("representatives of", "the city of Kyiv"),
    "UA-40": pgettext_lazy("representatives of", "the city of Sevastopol"),
}


# What an event annotated by EventQuerySet.with_representatives() says of each named region.
NAMED_REGION_ATTRIBUTES = {
    "UA-43": "represents_crimea",
    "UA-30": "represents_kyiv",
    "UA-40": "represents_sevastopol",
}


class Region(models.Model):
    class Kind(models.TextChoices):
        OBLAST = OBLAST, _("oblast")
        REPUBLIC = REPUBLIC, _("autonomous republic")
        CITY = CITY, _("city with special status")

    code = models.CharField(
        _("code"), max_length=5, unique=True, choices=[(c, name) for c, _k, name in REGIONS]
    )
    kind = models.CharField(_("kind of region"), max_length=10, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["order", "code"]

    def __str__(self):
        return str(self.get_code_display())


def representatives_of(regions):
    """ "представники 12 областей та міста Києва": the oblasts counted, the Autonomous
    Republic of Crimea, Kyiv and Sevastopol named; "" for no regions."""
    regions = list(regions)
    oblasts = sum(1 for region in regions if region.kind == OBLAST)
    return representatives_text(oblasts, {region.code for region in regions})


def representatives_text(oblasts, codes):
    """``representatives_of`` from the number of oblasts and the codes of the regions."""
    parts = []
    if oblasts:
        parts.append(
            npgettext("representatives of", "%(count)s oblast", "%(count)s oblasts", oblasts)
            % {"count": oblasts}
        )
    parts += [str(name) for code, name in NAMED_AFTER_REPRESENTATIVES.items() if code in codes]
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else join_and(parts)
    return pgettext("participants", "representatives of %(regions)s") % {"regions": listed}


def join_and(parts):
    """ "A, B та C"."""
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}
