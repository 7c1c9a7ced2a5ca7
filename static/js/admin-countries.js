'use strict';
// The admin's countries pickers (programme/admin/edit_forms.py, CountryPicker): the select2
// of the admin's autocomplete fields, over the select's own grouped options, so that typing
// filters the list and the programme's countries stay first. Without script, the select.
{
    const $ = django.jQuery;

    function pick(root) {
        $(root).find('select.admin-countries').not('[name*=__prefix__]').select2();
    }

    $(() => pick(document));
    document.addEventListener('formset:added', (event) => pick(event.target));
}
