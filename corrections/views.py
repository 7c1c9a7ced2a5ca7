"""/corrections/<content type>/<slug>/: the form to suggest a correction to a public record."""

import logging

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from corrections import ratelimit
from corrections.forms import CorrectionForm
from programme import registry

logger = logging.getLogger(__name__)


def public_record(key, slug):
    try:
        content_type = registry.get(key)
    except KeyError:
        raise Http404 from None
    if not content_type.detail_pages:
        raise Http404
    return get_object_or_404(content_type.model._default_manager.published(), slug=slug)


# Never from the page cache, nor from any other: each form has its own CSRF token.
@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request, key, slug):
    record = public_record(key, slug)
    status = 200
    if request.method == "POST":
        form = CorrectionForm(request.POST)
        if not ratelimit.allow(request):
            logger.warning("Corrections: too many from one address; refused")
            return render(
                request,
                "corrections/suggest.html",
                {"record": record, "form": CorrectionForm(), "too_many": True},
                status=429,
            )
        if form.is_valid():
            if form.is_spam():
                logger.info("Corrections: the hidden field was filled; not stored")
            else:
                correction = form.save(commit=False)
                correction.record = record
                correction.record_title = str(record)[:500]
                correction.save()
            return redirect(reverse("corrections:thanks", args=[key, slug]))
        status = 400
    else:
        form = CorrectionForm()
    return render(
        request, "corrections/suggest.html", {"record": record, "form": form}, status=status
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def thanks(request, key, slug):
    return render(request, "corrections/thanks.html", {"record": public_record(key, slug)})
