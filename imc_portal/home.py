"""The centre's own section of the home page."""

from django.urls import reverse


def sections(request):
    return [
        {
            "cache": "about",
            "template": "includes/home_about.html",
            "about_url": reverse("staff:about"),
        }
    ]
