from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("events/", views.upcoming, name="upcoming"),
    path("events/archive/", views.archive, name="archive"),
    path("events/archive/<int:year>/", views.archive, name="archive_year"),
    path("events/calendar/", views.calendar_month, name="calendar"),
    path("events/calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar_month"),
    path("events/feed.ics", views.feed_ics, name="feed_ics"),
    path("events/feed/", views.feed_atom, name="feed_atom"),
    path("events/materials/<int:pk>/", views.material_download, name="material_download"),
    path(
        "events/registrations/<int:pk>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "events/registrations/<int:pk>/accept/",
        views.registration_accept,
        name="registration_accept",
    ),
    path("events/my-registrations.ics", views.my_calendar, name="my_calendar"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/ics", views.event_ics, name="detail_ics"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
]
