"""Many-to-many links to people (students, teachers, staff members) that keep them.

Django's own link table deletes its rows with either end: deleting a student silently took
them off their МАН work, a teacher off their articles. Through a ``PeopleField`` deleting a
person who is still listed is refused, as a PROTECT foreign key refuses it: the admin's
delete page and its "delete selected" action say the person cannot be deleted and list the
records that name them (the work, the article, the event), with links to them."""

from django.db import models
from django.db.models import ProtectedError


def protect_listed(collector, field, sub_objs, using):
    """``on_delete`` of a link table's foreign key to a person: refuse, naming the records
    that list the person rather than the rows of the link table, which nobody sees."""
    holder = next(f for f in field.model._meta.local_fields if f.is_relation and f is not field)
    holders = holder.related_model._base_manager.using(using).filter(
        pk__in=sub_objs.values(holder.attname)
    )
    raise ProtectedError(
        f"Cannot delete some instances of model {field.related_model.__name__!r} because "
        f"they are listed in '{holder.related_model.__name__}.{field.model._meta.model_name}'.",
        list(holders),
    )


class PeopleField(models.ManyToManyField):
    """A ``ManyToManyField`` to people whose link rows keep the person from being deleted.
    The link table is Django's own; only what deleting a person does is changed."""

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        through = self.remote_field.through
        if cls._meta.abstract or not through._meta.auto_created:
            return
        own_name = cls._meta.model_name
        person = next(f for f in through._meta.local_fields if f.is_relation and f.name != own_name)
        person.remote_field.on_delete = protect_listed

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # The same table and columns as Django's field; what deleting a person does is no
        # migration's business.
        return name, "django.db.models.ManyToManyField", args, kwargs
