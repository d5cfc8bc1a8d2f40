"""The two roles of the portal, as auth groups.

The groups are created by a data migration; their permissions are (re)synced after every
migrate, so that models added by later apps are covered without another migration.
"""

from django.apps import apps as global_apps
from django.conf import settings

METHODIST = "Методист"
DIRECTOR = "Директор"


def sync_role_permissions(sender=None, apps=global_apps, using="default", **kwargs):
    """Methodists edit every record of the portal's apps and nothing else (no users,
    groups or permissions). The director views every record of the portal's apps and
    changes nothing; users, groups and permissions are the superuser's alone."""
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    groups = {
        group.name: group
        for group in Group.objects.using(using).filter(name__in=[METHODIST, DIRECTOR])
    }
    if methodist := groups.get(METHODIST):
        methodist.permissions.set(
            Permission.objects.using(using).filter(content_type__app_label__in=settings.PORTAL_APPS)
        )
    if director := groups.get(DIRECTOR):
        director.permissions.set(
            Permission.objects.using(using).filter(
                content_type__app_label__in=settings.PORTAL_APPS, codename__startswith="view_"
            )
        )


def is_director(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=DIRECTOR).exists())
