'use strict';
// Names for the admin widgets that have none a screen reader can announce (axe-core finds these;
// tests/e2e/test_accessibility.py). The admin builds its select2 boxes in jQuery ready callbacks,
// which jQuery 3 runs asynchronously, possibly after "load": this runs as a ready callback queued
// at "load", so after theirs.
function nameDeskWidgets() {
    // A select2 box (autocomplete fields, the claim list's filters) is named by its chosen value
    // alone, empty at first: name it by its field's label, or its filter's heading, too.
    document.querySelectorAll('select.admin-autocomplete, select[data-ajax--url]').forEach(function(select) {
        const container = select.nextElementSibling;
        if (!container || !container.classList.contains('select2')) {
            return;
        }
        let label = select.id ? document.querySelector('label[for="' + CSS.escape(select.id) + '"]') : null;
        if (!label) {
            const details = select.closest('details');
            label = details ? details.querySelector('summary') : null;
        }
        const box = container.querySelector('.select2-selection');
        const rendered = container.querySelector('.select2-selection__rendered');
        if (!label || !box || !rendered) {
            return;
        }
        label.id = label.id || 'label-' + (select.id || select.name);
        box.setAttribute('aria-labelledby', label.id + ' ' + rendered.id);
        rendered.setAttribute('aria-labelledby', label.id);
    });
    // The two-list selector's help icons carry an aria-label, which a plain span may not.
    document.querySelectorAll('.selector .help-tooltip[aria-label]').forEach(function(icon) {
        icon.setAttribute('role', 'img');
    });
}

window.addEventListener('load', function() {
    if (window.django && window.django.jQuery) {
        window.django.jQuery(nameDeskWidgets);
    } else {
        nameDeskWidgets();
    }
});
