from django import forms
from django.utils.translation import gettext_lazy as _

from corrections.models import SOURCE_LIMIT, WHAT_LIMIT, Correction


class CorrectionForm(forms.ModelForm):
    # A field people never see: software that fills every field fills it too.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Correction
        fields = ("what_is_wrong", "source", "email")
        labels = {
            "what_is_wrong": _("What is wrong on this page?"),
            "source": _("Which source shows it? (an address, a document, a page number)"),
            "email": _("Your e-mail address (optional)"),
        }
        help_texts = {
            "what_is_wrong": _("Up to %(limit)s characters.") % {"limit": WHAT_LIMIT},
            "source": _("Up to %(limit)s characters.") % {"limit": SOURCE_LIMIT},
            "email": _(
                "Only to tell you what became of your correction; never shown, never shared."
            ),
        }
        widgets = {
            "what_is_wrong": forms.Textarea(attrs={"rows": 6, "maxlength": WHAT_LIMIT}),
            "source": forms.Textarea(attrs={"rows": 3, "maxlength": SOURCE_LIMIT}),
        }

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
