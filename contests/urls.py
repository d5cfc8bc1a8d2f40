from django.urls import path

from contests import views

app_name = "contests"

urlpatterns = [
    path("contests/", views.contest_index, name="index"),
    path("contests/<slug:slug>/<int:year>/", views.contest_edition, name="edition"),
    path("olympiads/", views.olympiad_index, name="olympiad_index"),
    path("olympiads/<int:year>/", views.olympiad_year, name="olympiad_year"),
    path("man/", views.man_index, name="man_index"),
    path("man/<int:year>/", views.man_year, name="man_year"),
    path("projects/", views.projects_index, name="projects_index"),
    path("projects/<int:year>/", views.projects_year, name="projects_year"),
]
