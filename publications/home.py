"""The latest news on the home page."""

from django.utils import timezone

from imc_portal.page_cache import cached_until_change
from publications.models import News

HOME_NEWS = 3


def latest_news():
    return list(News.objects.published().order_by("-date", "-id")[:HOME_NEWS])


def sections(request):
    """Rendered once per content version and day (news dated ahead appear on their date)."""
    today = timezone.localdate().isoformat()
    news = cached_until_change(f"publications:home:{today}", latest_news)
    if not news:
        return []
    return [
        {
            "cache": f"news:{today}",
            "template": "publications/includes/home_news.html",
            "news": news,
        }
    ]
