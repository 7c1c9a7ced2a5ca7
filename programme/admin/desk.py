"""The review desk on the admin's first page: what waits for the signed-in person.

Publishers see what is in review (oldest first) and what is scheduled; editors their drafts and
what was sent back to them; everyone what was published lately and what others changed lately.
The content types come from the registry. Each type costs one query for its counts and one per
non-empty section, whatever the number of records.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from programme import registry
from programme.models import Publishable, Status
from programme.publishing import services

SHOWN = 8  # items listed per section; the counts say how many there are
RECENT = timedelta(days=14)


@dataclass
class Section:
    key: str
    title: str
    empty: str
    items: list = field(default_factory=list)
    counts: list = field(default_factory=list)  # (content type name, count, changelist link)

    @property
    def total(self):
        return sum(count for _name, count, _link in self.counts)


# key: (title, text when empty, filter of the changelist link)
SECTIONS = {
    "review": (_("In review, oldest first"), _("Nothing waits for review."), {"status": "review"}),
    "scheduled": (_("Scheduled"), _("Nothing is scheduled."), {"status": "published"}),
    "drafts": (_("Your drafts"), _("You have no drafts."), {"status": "draft"}),
    "sent_back": (
        _("Sent back to you"),
        _("Nothing was sent back to you."),
        {"status": "draft"},
    ),
    "published": (
        _("Published in the last 14 days"),
        _("Nothing was published in the last 14 days."),
        {"status": "published"},
    ),
    "changed": (
        _("Changed by others in the last 14 days"),
        _("Nobody else changed anything in the last 14 days."),
        {},
    ),
}
PUBLISHER_SECTIONS = ("review", "scheduled", "published", "changed")
EDITOR_SECTIONS = ("drafts", "sent_back", "published", "changed")


def _history_of(model):
    return model.history.model.objects.filter(id=OuterRef("pk"))


def _conditions(model, user, moment):
    """{section: (condition, ordering)} for model's records, as seen by user."""
    history = _history_of(model)
    by_others = history.filter(history_date__gte=moment - RECENT).exclude(history_user=user)
    changed = Q(Exists(by_others))
    if not issubclass(model, Publishable):
        return {"changed": (changed, "-updated_at")}
    mine = Exists(history.filter(history_user=user))
    # In review in the version before this one: a publisher sent it back.
    latest_first = history.order_by("-history_date", "-history_id")
    previous = Coalesce(Subquery(latest_first.values("status")[1:2]), Value(""))
    sent_back = Q(Exact(previous, Status.REVIEW))
    return {
        "review": (Q(status=Status.REVIEW), "updated_at"),
        "scheduled": (Q(status=Status.PUBLISHED, published_at__gt=moment), "published_at"),
        "sent_back": (Q(status=Status.DRAFT) & Q(mine) & sent_back, "-updated_at"),
        "drafts": (Q(status=Status.DRAFT) & Q(mine) & ~sent_back, "-updated_at"),
        "published": (
            Q(status=Status.PUBLISHED, published_at__lte=moment, published_at__gte=moment - RECENT),
            "-published_at",
        ),
        "changed": (changed, "-updated_at"),
    }


def _annotated(queryset, model, user):
    history = _history_of(model).order_by("-history_date", "-history_id")
    by_others = history.exclude(history_user=user).filter(history_user__isnull=False)
    return queryset.annotate(
        last_reason=Subquery(history.values("history_change_reason")[:1]),
        last_by=Subquery(history.values("history_user__username")[:1]),
        last_other=Subquery(by_others.values("history_user__username")[:1]),
    )


def _sort_key(key):
    if key == "scheduled":
        return lambda obj: obj.published_at
    if key == "review":
        return lambda obj: obj.updated_at
    if key == "published":
        return lambda obj: -obj.published_at.timestamp()
    return lambda obj: -obj.updated_at.timestamp()


def desk(request):
    """The sections of the signed-in user's desk, each with its items and counts."""
    user, moment = request.user, now()
    publisher = False
    wanted = {}
    for content_type in registry.registered():
        model = content_type.model
        model_admin = admin.site._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            continue
        publisher = publisher or services.can_publish(user, model)
        wanted[model] = model_admin
    keys = PUBLISHER_SECTIONS if publisher else EDITOR_SECTIONS
    sections = {key: Section(key, *SECTIONS[key][:2]) for key in keys}
    for model, model_admin in wanted.items():
        conditions = _conditions(model, user, moment)
        shown = [key for key in keys if key in conditions]
        if not shown:
            continue
        queryset = _annotated(model_admin.get_queryset(request), model, user)
        counts = model._default_manager.aggregate(
            **{key: Count("pk", filter=conditions[key][0]) for key in shown}
        )
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for key in shown:
            if not counts[key]:
                continue
            condition, ordering = conditions[key]
            found = list(queryset.filter(condition).order_by(ordering)[:SHOWN])
            for obj in found:
                obj.desk_type = model._meta.verbose_name
                obj.desk_link = reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[obj.pk],
                )
            section = sections[key]
            section.items.extend(found)
            query = urlencode({f"{name}__exact": value for name, value in SECTIONS[key][2].items()})
            link = f"{changelist}?{query}" if query else changelist
            section.counts.append((model._meta.verbose_name_plural, counts[key], link))
    for key, section in sections.items():
        section.items = sorted(section.items, key=_sort_key(key))[:SHOWN]
    return {"publisher": publisher, "sections": list(sections.values()), "now": moment}
