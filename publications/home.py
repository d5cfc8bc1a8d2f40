"""The latest news on the home page."""

from publications.models import News

HOME_NEWS = 3


def news_section(request):
    news = list(News.objects.published().order_by("-date", "-id")[:HOME_NEWS])
    if not news:
        return []
    return [{"template": "publications/includes/home_news.html", "news": news}]
