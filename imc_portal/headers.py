"""Security headers Django and django-csp do not set."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response of the project's views: the portal uses no
    camera, microphone, location, payment or device API, so no page (nor anything a page
    might be tricked into loading) may ask for them. Placed inside the page cache, which
    keeps it with the page like the content security policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response
