'use strict';
// The claim list (admin/claims/claim/change_list.html). Loaded after Django's nav_sidebar.js.
{
    // The navigation sidebar starts closed on this list, whose table needs the width; opening it
    // here is remembered for this list alone, and the other admin pages keep their own setting.
    const LIST_KEY = 'factdb.claimList.navSidebarIsOpen';
    const PAGES_KEY = 'django.admin.navSidebarIsOpen';
    const toggle = document.getElementById('toggle-nav-sidebar');
    const main = document.getElementById('main');
    const nav = document.getElementById('nav-sidebar');
    if (toggle && main && nav) {
        const pages = localStorage.getItem(PAGES_KEY);
        const show = function(open) {
            main.classList.toggle('shifted', open);
            nav.setAttribute('aria-expanded', String(open));
            toggle.setAttribute('aria-expanded', String(open));
        };
        show(localStorage.getItem(LIST_KEY) === 'true');
        // nav_sidebar.js has flipped the class by the time this runs; it also stored its own flag.
        toggle.addEventListener('click', function() {
            const open = main.classList.contains('shifted');
            show(open);
            localStorage.setItem(LIST_KEY, String(open));
            if (pages === null) {
                localStorage.removeItem(PAGES_KEY);
            } else {
                localStorage.setItem(PAGES_KEY, pages);
            }
        });
    }

    // The filters: beside the list on a wide screen, a drawer above it on a narrow one (closed
    // until asked for). Without JavaScript the drawer stays open.
    const drawer = document.getElementById('claims-filter-drawer');
    if (drawer) {
        const narrow = window.matchMedia('(max-width: 767px)');
        const fit = function() {
            drawer.open = !narrow.matches;
        };
        fit();
        narrow.addEventListener('change', fit);
    }
}
