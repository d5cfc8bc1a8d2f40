"""Mounted at the site root: the app serves /publications/…, /practice/… and /news/…"""

from django.urls import path

from publications import views

app_name = "publications"
urlpatterns = [
    path("publications/", views.index, name="index"),
    path("publications/manuals/", views.manual_list, name="manuals"),
    path("publications/manuals/<slug:slug>/", views.manual_detail, name="manual"),
    path("publications/articles/", views.article_list, name="articles"),
    path("publications/<slug:slug>/", views.periodical_detail, name="periodical"),
    path(
        "publications/<slug:slug>/<int:year>/",
        views.periodical_detail,
        name="periodical_year",
    ),
    path(
        "publications/<slug:slug>/<int:year>/<int:number>/",
        views.issue_detail,
        name="issue",
    ),
    path("practice/", views.practice_list, name="practice"),
    path("practice/<slug:slug>/", views.practice_detail, name="practice_detail"),
    path("news/", views.news_list, name="news"),
    path("news/feed/", views.news_feed, name="news_feed"),
    path("news/<slug:slug>/", views.news_detail, name="news_detail"),
]
