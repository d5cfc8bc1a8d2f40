from django.urls import path, register_converter

from imc_portal.summary import views


class PeriodConverter:
    """ "2009", "2019-2020" or "2019-01-01--2019-06-30" (Period.slug)."""

    regex = r"\d{4}(?:-\d{4}|-\d{2}-\d{2}--\d{4}-\d{2}-\d{2})?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PeriodConverter, "period")

urlpatterns = [
    path("", views.summary_index, name="summary_index"),
    path("<period:period>/", views.summary, name="summary"),
    path("<period:period>/summary.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("<period:period>/summary.docx", views.summary_docx, name="summary_docx"),
    path("<period:period>/<slug:section>.csv", views.summary_csv, name="summary_csv"),
    path(
        "<period:period>/<slug:section>/<str:item>/",
        views.figure_records,
        name="summary_records",
    ),
]
