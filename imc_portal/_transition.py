"""TEMPORARY: the old fragment helpers without any caching, so that the contests and
publications views import while they are rewritten. Delete with their last caller."""

from django.template.loader import render_to_string


def attach_html(objects, template_name, name="", *, as_name="object", extra=None, prepare=None,
                load=None, attr="html", key=None):  # fmt: skip
    objects = list(objects)
    shown = load(objects) if load else objects
    if prepare:
        prepare(shown)
    for obj, whole in zip(objects, shown, strict=True):
        setattr(obj, attr, render_to_string(template_name, {**(extra or {}), as_name: whole}))
    return objects


def loader(queryset):
    def load(objects):
        found = queryset.in_bulk([obj.pk for obj in objects])
        return [found[obj.pk] for obj in objects]

    return load


def today_key():
    return ""


def kept(name, compute, *parts):
    return compute()


def cached_html(name, render):
    return render()


def cached_until_change(name, compute, timeout=None):
    return compute()


def filters_key(filterset, *extra):
    return ""


def kept_for_filters(name, filterset, render, *extra):
    if isinstance(render, str):
        return render_to_string(render, extra[0]())
    return render()


def rendered_filter_form(request, filterset, template_name=None, name=None):
    app = type(filterset).__module__.split(".")[0] if filterset is not None else "events"
    template_name = template_name or f"{app}/includes/filter_form.html"
    return render_to_string(template_name, {"filter": filterset, "request": request})


def clean_query_data(data):
    cleaned = data.copy()
    for key in list(cleaned.keys()):
        cleaned.setlist(key, [value.replace("\x00", "") for value in cleaned.getlist(key)])
    return cleaned


class _Unfiltered:
    unfiltered = True
    is_active = False
    cleaned_data = {}

    def __init__(self, filterset_class, data, queryset, **kwargs):
        self.filterset_class, self.data, self.qs = filterset_class, data, queryset
        self.kwargs = kwargs

    @property
    def form(self):
        return self.filterset_class(self.data, queryset=self.qs, **self.kwargs).form


def filtered(filterset_class, data, queryset, *, stand_in=_Unfiltered, **kwargs):
    if not set(data) - {"page", "before", "after"}:
        return stand_in(filterset_class, data, queryset, **kwargs)
    return filterset_class(data, queryset=queryset, **kwargs)


def with_authors(other_field):
    from publications.authors import attach_authors

    return lambda missing: attach_authors(missing, other_field)


def attach_entries(objects, template_name, name, *, as_name, full=None, prepare=None):
    return attach_html(objects, template_name, name, as_name=as_name,
                       load=loader(full) if full is not None else None, prepare=prepare)  # fmt: skip


def attach_rows(objects, template_name, name, *, as_name, prepare=None):
    return attach_html(objects, template_name, name, as_name=as_name, prepare=prepare)


def kept_for_filters_template(name, filterset, template_name, context, *extra):
    return render_to_string(template_name, context())


def kept_feed(request, name, parts, feed):
    return feed(request)
