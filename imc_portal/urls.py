from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from imc_portal import institutions, views

admin.site.site_header = _("Methodical centre: records")
admin.site.site_title = _("Methodical centre")
admin.site.index_title = _("Records")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
]

# Ukrainian lives at unprefixed URLs and is never guessed from the browser; English is /en/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", include("staff.urls")),
    path("", include("events.urls")),
    path("", include("contests.urls")),
    path("teachers/<slug:slug>/", views.teacher_detail, name="teacher_detail"),
    path("institutions/", institutions.institution_list, name="institution_list"),
    path("institutions/<slug:slug>/", institutions.institution_detail, name="institution_detail"),
    path("search/", views.search, name="search"),
    path("summary/", include("imc_portal.summary.urls")),
    path("", include("publications.urls")),
    path("", include("imc_portal.accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
