'use strict';
// The search page (claims/admin/search.py): a search's address holds only what was asked, so a
// bookmarked or shared URL reads "?unit=troops&value_min=1000", not every empty box.
document.addEventListener('DOMContentLoaded', function() {
    const form = document.querySelector('form.claim-search-form');
    if (!form) {
        return;
    }
    form.addEventListener('submit', function() {
        for (const field of form.elements) {
            if (field.name && (field.tagName === 'INPUT' || field.tagName === 'SELECT') &&
                field.type !== 'checkbox' && field.value === '') {
                field.disabled = true;
            }
        }
    });
    // Back from the results page, the boxes must be usable again.
    window.addEventListener('pageshow', function() {
        for (const field of form.elements) {
            field.disabled = false;
        }
    });
});
