"""The centre's own section of the home page."""


def about_section(request):
    return [{"template": "includes/home_about.html"}]
