'use strict';
// The claim list's filters (claims/admin_filters.py). Django's autocomplete.js has already made
// each autocomplete filter's select box a select2 search box; here the text box that serves
// browsers without JavaScript makes way for it, and choosing or clearing a value reloads the list.
{
    const $ = django.jQuery;

    $(function() {
        $('form.claims-filter-autocomplete').each(function() {
            const form = this;
            const select = form.querySelector('select');
            form.querySelector('.claims-filter-find').remove();
            // select2 announces a choice with a jQuery event, which a DOM listener would not see.
            $(select).on('change', function() {
                // A cleared box leaves the parameter out instead of sending it empty.
                select.disabled = !select.value;
                form.submit();
            });
        });
    });
}
