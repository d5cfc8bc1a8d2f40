from django.urls import path

from imc_portal.accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/sign-up/", views.sign_up, name="sign_up"),
    path("accounts/confirm/<uidb64>/<token>/", views.confirm, name="confirm"),
    path("accounts/login/", views.TeacherLoginView.as_view(), name="login"),
    path("accounts/logout/", views.TeacherLogoutView.as_view(), name="logout"),
    path(
        "accounts/password/reset/",
        views.TeacherPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        views.TeacherPasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.TeacherPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        views.TeacherPasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("me/", views.me, name="me"),
    path("me/data.json", views.me_data, name="me_data"),
    path("me/delete/", views.me_delete, name="me_delete"),
]
