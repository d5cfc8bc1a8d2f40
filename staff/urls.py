from django.urls import path

from staff import views

app_name = "staff"
urlpatterns = [
    path("", views.about, name="about"),
    path("staff/<slug:slug>/", views.member_detail, name="detail"),
]
