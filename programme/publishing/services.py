"""Writes that change who may see what: publish, schedule, unpublish, send to review, send back
to the editor, tag, save, delete and restore.

Each function takes the acting user and checks the permission itself, so the admin's forms,
its actions, history revert, the restore of deleted records and management commands cannot
differ. A user without the publish permission for a model (programme.publishing.roles) may correct a
published record but may not change whether it, or anything depending on it, is public:

- its status and publication date stay as they are;
- a link (foreign key) may change only from and to records the public sees (or none),
  because a record is public only through its parents (a statement through its speaker and
  event);
- a record that a published record points to may not be deleted (the link would be
  emptied or the record deleted with it).

A refused write raises PermissionDenied with a message that says why.
"""

import contextlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import signals
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.models import Publishable, SluggedModel, Status
from programme.publishing import notify
from programme.publishing.roles import can_publish

NOT_A_PUBLISHER = gettext_lazy("Only publishers can publish or unpublish.")


@contextlib.contextmanager
def links_first(record):
    """Hold back record's history while its many-to-many links change (and the record, if it
    is saved inside): its next save, or write_history, keeps them in one historical record
    with its user and reason, instead of django-simple-history writing one for each list of
    links changed (each a copy of every link table, with neither)."""
    record.skip_history_when_saving = True
    try:
        yield
    finally:
        del record.skip_history_when_saving


def write_history(record, created=False):
    """Write record's historical record now, with its links, user and reason, as its save
    would have: for a save made with its history held back (links_first, the admin's form
    saving the links after the record, a raw load of the fixtures). Every receiver of
    post_save runs again, as for a second save (the page cache starts one more generation)."""
    signals.post_save.send(
        sender=type(record),
        instance=record,
        created=created,
        update_fields=None,
        raw=False,
        using=record._state.db,
    )


def _require_publisher(user, record):
    if not can_publish(user, type(record)):
        raise PermissionDenied(NOT_A_PUBLISHER)


def _is_workflow(record):
    return isinstance(record, Publishable)


def _links(model):
    """The foreign keys of model that point to records with the publication workflow."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.many_to_one and issubclass(field.related_model, Publishable)
    ]


def _stored(record, names):
    if record.pk is None:
        return None
    return type(record)._default_manager.filter(pk=record.pk).values(*names).first()


def _is_public(model, pk):
    """Whether the record model/pk is one the public sees; no record at all hides nothing."""
    return pk is None or model._default_manager.published().filter(pk=pk).exists()


def hidden_links(user, record):
    """{field name: linked record} of the links that a save by user would change on a
    published record from or to a record the public does not see ({} when user may publish).

    Either change could change whether the record is public: it is public only through its
    parents."""
    if not _is_workflow(record) or can_publish(user, type(record)):
        return {}
    links = _links(type(record))
    stored = _stored(record, ["status", *(field.attname for field in links)])
    status = stored["status"] if stored else record.status
    if status != Status.PUBLISHED and record.status != Status.PUBLISHED:
        return {}
    hidden = {}
    for field in links:
        new = getattr(record, field.attname)
        old = stored[field.attname] if stored else None
        if stored and old == new:
            continue
        model = field.related_model
        if not _is_public(model, new):
            hidden[field.name] = getattr(record, field.name)
        elif not _is_public(model, old):
            hidden[field.name] = model._default_manager.get(pk=old)
    return hidden


def hidden_link_message(record, target):
    return _(
        "“%(target)s” is not public, so this link decides whether this published %(item)s "
        "is on the public site: only publishers can change it. Choose a published record or "
        "ask a publisher."
    ) % {"target": target, "item": record._meta.verbose_name}


def check_save(user, record):
    """Refuse a save by user that would change whether record is public."""
    if not _is_workflow(record) or can_publish(user, type(record)):
        return
    stored = _stored(record, ["status", "published_at"])
    was_published = stored is not None and stored["status"] == Status.PUBLISHED
    if was_published:
        unchanged = (
            record.status == Status.PUBLISHED and record.published_at == stored["published_at"]
        )
    else:
        unchanged = record.status != Status.PUBLISHED
    if not unchanged:
        raise PermissionDenied(NOT_A_PUBLISHER)
    for target in hidden_links(user, record).values():
        raise PermissionDenied(hidden_link_message(record, target))


def mark_reviewed(record):
    """A record is reviewed when a member of staff publishes it, or saves a change to it while
    it is public (a record without the workflow, a theme or a region, always is): the public
    pages say "Last reviewed" with this date in archive mode. Called by the functions below,
    before the save; a record loaded from the fixtures has none until then."""
    if not isinstance(record, SluggedModel):
        return  # sources and their versions are what records cite, not records reviewed
    if not _is_workflow(record) or record.status == Status.PUBLISHED:
        record.reviewed_at = timezone.now()


def save(user, record, reason=None):
    """Save record's changes as user, refusing what user may not change."""
    check_save(user, record)
    if reason:
        record._change_reason = reason
    record._history_user = user
    mark_reviewed(record)
    record.save()
    return record


def _set_status(user, record, status, published_at=models.NOT_PROVIDED, reason=None):
    record.status = status
    if published_at is not models.NOT_PROVIDED:
        record.published_at = published_at
    mark_reviewed(record)
    if reason:
        record._change_reason = reason
    record._history_user = user
    record.save()
    return record


def publish(user, record, reason=None):
    """Make record public now (or at the date it was scheduled for, if it has one)."""
    _require_publisher(user, record)
    return _set_status(user, record, Status.PUBLISHED, reason=reason)


def schedule(user, record, when, reason=None):
    """Make record public at `when` (now if None)."""
    _require_publisher(user, record)
    return _set_status(user, record, Status.PUBLISHED, when, reason=reason)


def unpublish(user, record, reason=None):
    """Take record off the public site (back to draft)."""
    _require_publisher(user, record)
    return _set_status(user, record, Status.DRAFT, reason=reason)


def _was_published(record):
    stored = _stored(record, ["status"])
    return record.status == Status.PUBLISHED or (
        stored is not None and stored["status"] == Status.PUBLISHED
    )


def send_to_review(user, record, reason=None):
    """Mark record as ready for a publisher, who is told by e-mail; a published record
    leaves the public site."""
    if _was_published(record):
        _require_publisher(user, record)
    _set_status(user, record, Status.REVIEW, reason=reason)
    notify.review_requested(user, record)
    return record


def send_back(user, record, note=None):
    """Return a record in review to its editor as a draft, with a note saying why (kept as the
    change's reason in its history). Reviewing is the publishers' part."""
    _require_publisher(user, record)
    stored = _stored(record, ["status"])
    if (stored or {"status": record.status})["status"] != Status.REVIEW:
        raise ValidationError(_("Only a record in review can be sent back."))
    return _set_status(user, record, Status.DRAFT, reason=note)


def may_tag(user, record):
    """Whether user may add themes, regions or countries to record: Editors only to records
    that are not published, Publishers to any."""
    return not _is_workflow(record) or can_publish(user, type(record)) or not _was_published(record)


def add_tags(user, record, themes=(), regions=(), countries=()):
    """Add themes, regions and country codes to record (those it has fields for), kept in its
    history as one change."""
    if not may_tag(user, record):
        raise PermissionDenied(NOT_A_PUBLISHER)
    names = {field.name for field in record._meta.get_fields()}
    with transaction.atomic():
        with links_first(record):
            if themes and "themes" in names:
                record.themes.add(*themes)
            if regions and "regions" in names:
                record.regions.add(*regions)
        if countries and "countries" in names:
            codes = [country.code for country in record.countries]
            record.countries = codes + [code for code in countries if code not in codes]
        added = [str(tag) for tag in (*themes, *regions)] + list(countries)
        save(user, record, reason=_("Tagged: %(tags)s") % {"tags": ", ".join(added)})
    return record


def _published_dependents(record):
    """Whether a published record points to record through a foreign key."""
    for relation in record._meta.related_objects:
        if relation.many_to_many or not issubclass(relation.related_model, Publishable):
            continue
        manager = relation.related_model._default_manager
        if manager.filter(**{relation.field.name: record}, status=Status.PUBLISHED).exists():
            return True
    return False


def may_delete(user, record):
    """Whether user may delete record without changing what the public sees.

    Only the workflow rules: the model's delete permission is the admin's to ask."""
    if record is None or not _is_workflow(record) or can_publish(user, type(record)):
        return True
    return record.status != Status.PUBLISHED and not _published_dependents(record)


def delete(user, record):
    """Delete record as user, refusing what may_delete refuses."""
    if not may_delete(user, record):
        raise PermissionDenied(NOT_A_PUBLISHER)
    record._history_user = user
    record.delete()


def may_restore(user, record):
    """Whether user may bring back a deleted record (`record` is its last state): only
    publishers bring back a published one, which would appear on the public site again."""
    if record is None or not _is_workflow(record) or can_publish(user, type(record)):
        return True
    return record.status != Status.PUBLISHED


def restore(user, historical_record):
    """Bring back a deleted record from its last historical state, with the many-to-many
    links it had. Raises ValidationError when it cannot come back (its slug was taken since,
    a record it points to is gone)."""
    record = historical_record.instance
    if not may_restore(user, record):
        raise PermissionDenied(NOT_A_PUBLISHER)
    record.full_clean()
    with transaction.atomic():
        # (The links' rows may wait for the record's until the transaction ends.)
        with links_first(record):
            _restore_links(historical_record, record)
        save(user, record, reason=_("Restored after deletion"))
    return record


def _restore_links(historical_record, record):
    """Give record the many-to-many links its history kept (django-simple-history's
    m2m_fields). The deletion's own historical record has none (the links go first), so they
    are read from the version before it."""
    fields = getattr(historical_record, "_history_m2m_fields", ())
    if not fields:
        return
    if historical_record.history_type == "-":
        historical_record = historical_record.prev_record
        if historical_record is None:
            return
    for field in fields:
        target = field.m2m_reverse_field_name()
        kept = getattr(historical_record, field.name).values_list(f"{target}_id", flat=True)
        # Links to records deleted since cannot come back.
        existing = field.related_model._default_manager.filter(pk__in=list(kept))
        getattr(record, field.name).set(list(existing.values_list("pk", flat=True)))
