"""The admin's edit forms: the publication workflow's status choices and the check that refuses
to save over a newer version of a record."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminTextareaWidget, get_select2_language
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django_countries import countries

from programme.public.tilemap import programme_country_codes
from programme.publishing import services
from programme.validators import validate_text_fields


def country_choices():
    """Every country by name in the active language, in two groups: the programme's countries
    (the ACP states and South Sudan), which records name most, then the others."""
    ours = programme_country_codes()
    return [
        (_("ACP countries and South Sudan"), [(c, n) for c, n in countries if c in ours]),
        (_("Other countries"), [(c, n) for c, n in countries if c not in ours]),
    ]


class CountryPicker:
    """A countries select that filters as the editor types, with the select2 the admin's
    autocomplete fields use, here over the select's own grouped options (js/admin-countries.js).
    Without script it is the select itself, groups included."""

    def __init__(self, attrs=None, choices=()):
        language = get_select2_language()
        attrs = {
            "class": "admin-countries",
            # select2's options, read from the element, as the autocomplete fields set them.
            "data-theme": "admin-autocomplete",
            "data-placeholder": "",
            "data-allow-clear": "true",
            "data-width": "100%",
            **({"lang": language} if language else {}),
            **(attrs or {}),
        }
        super().__init__(attrs, choices)

    @property
    def media(self):
        extra = "" if settings.DEBUG else ".min"
        language = get_select2_language()
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                *((f"admin/js/vendor/select2/i18n/{language}.js",) if language else ()),
                "admin/js/jquery.init.js",
                "js/admin-countries.js",
            ),
            css={
                "screen": (
                    f"admin/css/vendor/select2/select2{extra}.css",
                    "admin/css/autocomplete.css",
                )
            },
        )


class CountriesWidget(CountryPicker, forms.SelectMultiple):
    pass


class CountryWidget(CountryPicker, forms.Select):
    pass


class MarkdownTextarea(AdminTextareaWidget):
    """A Markdown field with a Preview button that needs no script: it sends the form to the
    admin's preview page (ContentAdmin.markdown_preview_view) in a new tab."""

    template_name = "admin/widgets/markdown_textarea.html"

    def __init__(self, preview_url, attrs=None):
        super().__init__(attrs)
        self.preview_url = preview_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview_url"] = self.preview_url
        return context


class TagForm(forms.Form):
    """The tags to add to several records at once: a theme, a region, a country (those the
    model has fields for), at least one."""

    def __init__(self, model, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = {field.name: field for field in model._meta.get_fields()}
        for name, label in (("themes", gettext_lazy("Theme")), ("regions", gettext_lazy("Region"))):
            if name in names and names[name].many_to_many:
                queryset = names[name].related_model._default_manager.all()
                self.fields[name] = forms.ModelChoiceField(queryset, label=label, required=False)
        if "countries" in names:
            self.fields["countries"] = forms.ChoiceField(
                label=gettext_lazy("Country"),
                choices=[("", "---------"), *country_choices()],
                widget=CountryWidget,
                required=False,
            )

    def clean(self):
        cleaned_data = super().clean()
        if not any(cleaned_data.get(name) for name in self.fields):
            raise forms.ValidationError(_("Choose a theme, a region or a country to add."))
        return cleaned_data

    def tags(self):
        """The keyword arguments of services.add_tags."""
        return {
            name: [value] for name, value in self.cleaned_data.items() if value not in (None, "")
        }


# A publication's language: the site's languages, then others the ACP countries publish in.
PUBLICATION_LANGUAGES = (*(code for code, _name in settings.LANGUAGES), "pt", "es")


def language_choices(current=""):
    """(code, name) choices of PUBLICATION_LANGUAGES, keeping a stored code that is not one."""
    choices = [("", "---------")]
    choices += [
        (code, get_language_info(code)["name_translated"]) for code in PUBLICATION_LANGUAGES
    ]
    if current and current not in PUBLICATION_LANGUAGES:
        choices.append((current, current))
    return choices


# The time zone the admin's times are in, said the way people say it.
ZONE_NAMES = {"Europe/Brussels": gettext_lazy("Brussels time")}


def zone_name():
    return ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE)


class WorkflowForm(forms.ModelForm):
    """Refuses, with a message on the field, what the workflow functions would refuse the
    user filling it in (`acting_user`, set by the admin): a link that decides whether a
    published record is public. And text with control characters.

    The base of every admin form, inlines included."""

    acting_user = None

    def clean(self):
        cleaned_data = super().clean()
        validate_text_fields(self)
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the form's values
        if self.acting_user is not None:
            for name, target in services.hidden_links(self.acting_user, self.instance).items():
                message = services.hidden_link_message(self.instance, target)
                self.add_error(name if name in self.fields else None, message)


def for_user(form_class, user):
    """form_class, told who fills it in."""
    return type(form_class.__name__, (form_class,), {"acting_user": user})


class VersionCheckedForm(WorkflowForm):
    """Refuses to save over changes that someone else saved after this form was opened.

    The form carries the version the editor started from; if the record's version has moved
    on since, or the form comes without it, the save is refused with a message and the
    editor's typing stays in the form.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Kept as the change's reason in the record's history (django-simple-history).
    change_reason = forms.CharField(
        label=gettext_lazy("What changed and why"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
        help_text=gettext_lazy(
            "Shown in the record's history. With “Send back to editor”, the note the editor reads."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.fields.get("original_language")
        if language is not None:
            # A form posted without it (one built before it existed, a script) keeps the
            # record's language instead of failing on a field the editor never saw.
            language.required = False
        if self.instance.pk is not None and not self.is_bound:
            # The stored version, not the instance's: a history revert starts from an old copy.
            self.fields["seen_version"].initial = self.stored_version()

    def stored_version(self, lock=False):
        # No ordering: a default ordering through a join cannot be locked on PostgreSQL.
        queryset = type(self.instance)._default_manager.filter(pk=self.instance.pk).order_by()
        if lock:
            # The admin saves inside a transaction: hold the row until this save is done.
            queryset = queryset.select_for_update()
        return queryset.values_list("version", flat=True).first()

    def clean_original_language(self):
        return self.cleaned_data["original_language"] or self.instance.original_language

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        seen = cleaned_data.get("seen_version")
        current = self.stored_version(lock=True)
        if current is None:
            return cleaned_data  # deleted since: a history revert brings it back
        if seen is None and "seen_version" not in self.errors:
            # Without the version the form started from, a save could overwrite anything.
            raise forms.ValidationError(
                _(
                    "This form was sent without the version of the record it was opened on, "
                    "so it was not saved. Reload the page and apply your changes again."
                ),
                code="no_version",
            )
        if current != seen:
            record = type(self.instance)._default_manager.get(pk=self.instance.pk)
            last = record.history.first()
            raise forms.ValidationError(
                _(
                    "Someone else saved this record (%(who)s, %(when)s) after you opened "
                    "it, so your changes were not saved. Your text is still in the form: "
                    "copy what you need, reload the page to see their version, and apply "
                    "your changes again."
                )
                % {
                    "who": (last.history_user if last and last.history_user else _("unknown")),
                    "when": date_format(localtime(record.updated_at), "DATETIME_FORMAT"),
                },
                code="stale",
            )
        return cleaned_data
