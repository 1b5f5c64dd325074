"""Every admin page for every role, history forms included: what each role may open and post.

The expected answer of each (role, model, page, method) comes from one table of what each role may
do to each model in the admin (ADMIN_RIGHTS); any answer that differs is a deviation, and there are
none. A refused POST leaves every table, history included, as it was.
"""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from claims.factsheets.services import sheet_add_claims, sheet_create
from claims.models import Claim, Status, Tag
from claims.services import note_add
from factdb.history.admin import HistoryAdmin
from factdb.models import LanguagePreference
from sources.models import Publisher, SourceImport
from tests import factories

ROLES = ["anonymous", "journalist", "editor", "admin"]
V, A, C, D = "view", "add", "change", "delete"
# What each role may do to each model through the admin: the groups' permissions, less what an
# admin refuses everyone (claims are never deleted; notes are added on their claim's page and
# never changed; nothing of the newsroom's is deleted but by an administrator).
ADMIN_RIGHTS = {
    "sources.publisher": {"journalist": {V}, "editor": {V, A, C}, "admin": {V, A, C, D}},
    "sources.claimant": {"journalist": {V}, "editor": {V, A, C}, "admin": {V, A, C, D}},
    "sources.source": {"journalist": {V}, "editor": {V, A, C}, "admin": {V, A, C, D}},
    "claims.measure": {"journalist": {V}, "editor": {V, A, C}, "admin": {V, A, C, D}},
    "claims.tag": {"journalist": {V}, "editor": {V, A, C}, "admin": {V, A, C, D}},
    "claims.claim": {"journalist": {V}, "editor": {V, A, C}, "admin": {V, A, C}},
    "claims.verificationnote": {"journalist": {V}, "editor": {V}, "admin": {V, D}},
    "claims.factsheet": {"journalist": {V, A, C}, "editor": {V, A, C}, "admin": {V, A, C, D}},
    # Each user sets their own on /admin/language/; the admin pages are for administrators.
    "factdb.languagepreference": {"journalist": set(), "editor": set(), "admin": {V, A, C, D}},
}
# Models whose history form may revert a record (for those who may change it). Claims may not:
# their status changes only through a verification note.
REVERTIBLE = set(ADMIN_RIGHTS) - {"claims.claim", "claims.verificationnote"}


@pytest.fixture
def world(db, editor):
    publisher = factories.publisher(name="Left Voice")
    source = factories.source(publisher=publisher)
    claim = factories.claim(
        source=source, claimant=factories.claimant(), measure=factories.measure()
    )
    claim.summary = "first summary"
    claim.save()
    note = note_add(claim=claim, author=editor, body="Checked against the decree.")
    sheet = sheet_create(title="Border troops", user=editor)
    sheet_add_claims(sheet=sheet, claims=[claim])
    tag = Tag.objects.create(name="border")
    gone = factories.publisher(name="Deleted outlet")
    gone_pk, gone_record = gone.pk, gone.history.latest().history_id
    gone.delete()
    return {
        "sources.publisher": publisher,
        "sources.claimant": claim.claimant,
        "sources.source": source,
        "claims.measure": claim.measure,
        "claims.tag": tag,
        "claims.claim": claim,
        "claims.verificationnote": note,
        "claims.factsheet": sheet,
        "sources.sourceimport": SourceImport.objects.create(
            url="https://news.example/story", requested_by=editor
        ),
        "deleted publisher": (gone_pk, gone_record),
        "factdb.languagepreference": LanguagePreference.objects.create(user=editor, language="es"),
    }


def client_as(role, request) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue("admin_user" if role == "admin" else role))
    return client


def everything() -> dict:
    """Rows in every table of ours and in their history tables."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in ("claims", "sources")
    }


def record_form_data(model_admin, obj, request_user) -> dict:
    """What a browser would post back from the history form, with one text field changed."""
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = request_user
    form = model_admin.get_form(request, obj)(instance=obj)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    for text_field in ("name", "label", "title", "summary"):
        if text_field in data:
            data[text_field] = f"{data[text_field]}-rewritten"  # a valid tag (slug) too
            break
    if "status" in data:
        data["status"] = Status.VERIFIED
    return data


def expected(role, rights, page, method, label):
    if role == "anonymous":
        return 302  # to the login page
    may = rights[role]
    if page in ("changelist", "history") or page in ("change", "history form") and method == "GET":
        # An empty POST to the list selects no action, and the history page reads no POST.
        return 200 if may & {V, C} else 403
    if page == "deleted history form":
        return (200 if may & {V, C} else 403) if method == "GET" else 403
    if page == "add":
        return 200 if A in may else 403  # an empty POST: the form comes back with its errors
    if page == "change":  # an empty POST: the form comes back with its errors
        return 200 if C in may else 403
    if page == "history form":  # POST: a revert
        return 302 if C in may and label in REVERTIBLE else 403
    if page == "delete":  # POSTed only by those who may not delete
        return 200 if D in may else 403
    raise AssertionError(page)


def pages(label, obj, world):
    app, model = label.split(".")
    yield "changelist", reverse(f"admin:{app}_{model}_changelist")
    yield "add", reverse(f"admin:{app}_{model}_add")
    yield "change", reverse(f"admin:{app}_{model}_change", args=[obj.pk])
    yield "history", reverse(f"admin:{app}_{model}_history", args=[obj.pk])
    yield "delete", reverse(f"admin:{app}_{model}_delete", args=[obj.pk])
    record = obj.history.latest().history_id
    yield "history form", reverse(f"admin:{app}_{model}_simple_history", args=[obj.pk, record])
    if label == "sources.publisher":
        gone_pk, gone_record = world["deleted publisher"]
        url = reverse("admin:sources_publisher_simple_history", args=[gone_pk, gone_record])
        yield "deleted history form", url


def test_every_history_tracked_model_has_its_admin_on_the_safe_base_and_a_row_here():
    tracked = {
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if hasattr(model, "history")
    }
    assert tracked == set(ADMIN_RIGHTS)
    for model, model_admin in admin.site._registry.items():
        if hasattr(model, "history"):
            assert isinstance(model_admin, HistoryAdmin), model


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_role_matrix_has_no_deviations(request, world, role):
    client = client_as(role, request)
    deviations = []
    for label, rights in ADMIN_RIGHTS.items():
        obj = world[label]
        model_admin = admin.site._registry[type(obj)]
        for page, url in pages(label, obj, world):
            for method in ("GET", "POST"):
                if page == "delete" and method == "POST" and D in rights.get(role, set()):
                    continue  # an administrator's deletes: tests/factdb/history/test_recovery.py
                before = everything()
                if method == "GET":
                    response = client.get(url)
                elif page in ("history form", "deleted history form"):
                    actor = request.getfixturevalue("admin_user")
                    record = type(obj).history.get(history_id=url.rstrip("/").split("/")[-1])
                    response = client.post(
                        url, record_form_data(model_admin, record.instance, actor)
                    )
                else:
                    response = client.post(url, {"post": "yes"} if page == "delete" else {})
                want = expected(role, rights, page, method, label)
                if response.status_code != want:
                    deviations.append((label, page, method, response.status_code, want))
                # Only a revert writes; everything else, refused or not, leaves every row be.
                if not (page == "history form" and want == 302) and everything() != before:
                    deviations.append((label, page, method, "wrote", "nothing written"))
    assert not deviations, deviations


def test_a_journalist_cannot_verify_a_claim_through_its_history_form(request, world, journalist):
    """The probe's reproduction: POST status=verified&summary=X at …/history/<record>/."""
    claim = world["claims.claim"]
    record = claim.history.earliest()
    client = client_as("journalist", request)
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, record.history_id])
    data = record_form_data(admin.site._registry[Claim], record.instance, journalist)
    data["summary"] = "X"

    response = client.post(url, data)

    assert response.status_code == 403
    claim.refresh_from_db()
    assert (claim.status, claim.summary) == (Status.UNVERIFIED, "first summary")


def test_an_editor_cannot_revert_a_claim_either(request, world, editor):
    claim = world["claims.claim"]
    record = claim.history.earliest()
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, record.history_id])
    data = record_form_data(admin.site._registry[Claim], record.instance, editor)

    assert client_as("editor", request).post(url, data).status_code == 403
    assert claim.history.count() == Claim.objects.get(pk=claim.pk).history.count()


def test_a_journalist_cannot_bring_back_a_deleted_publisher(request, world, journalist):
    gone_pk, gone_record = world["deleted publisher"]
    record = Publisher.history.get(history_id=gone_record)
    url = reverse("admin:sources_publisher_simple_history", args=[gone_pk, gone_record])
    data = record_form_data(admin.site._registry[Publisher], record.instance, journalist)

    for role in ("journalist", "editor", "admin"):
        assert client_as(role, request).post(url, data).status_code == 403
    assert not Publisher.objects.filter(pk=gone_pk).exists()


def test_an_editor_may_still_revert_a_publisher_to_an_earlier_name(request, world, editor):
    publisher = world["sources.publisher"]
    record = publisher.history.earliest()
    publisher.name = "Renamed by mistake"
    publisher.save()
    url = reverse("admin:sources_publisher_simple_history", args=[publisher.pk, record.history_id])
    data = record_form_data(admin.site._registry[Publisher], record.instance, editor)
    data["name"] = "Left Voice"

    response = client_as("editor", request).post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    publisher.refresh_from_db()
    assert publisher.name == "Left Voice"
    assert publisher.history.latest().history_user == editor


def test_a_reader_sees_the_old_record_read_only(request, world):
    claim = world["claims.claim"]
    record = claim.history.earliest()
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, record.history_id])

    page = client_as("journalist", request).get(url).content.decode()

    assert re.search(r'<input type="text" name="summary"[^>]* disabled', page)
    assert re.search(r'<textarea name="quote"[^>]* disabled', page)
    assert 'name="_save"' not in page and "Revert" not in page


# The admin's other pages: (url name, its arguments from the world) -> {method: answer per role
# in ROLES order}. The users', groups', tokens' and lockouts' admins are the administrator's.
ADMINS_ONLY = (302, 403, 403, 200)
STAFF_PAGE = (302, 200, 200, 200)
OTHER_PAGES = {
    ("index", ()): {"GET": STAFF_PAGE},
    ("app_list", ("claims",)): {"GET": STAFF_PAGE},
    ("app_list", ("auth",)): {"GET": (302, 404, 404, 200)},  # an app they see nothing of
    ("auth_user_password_change", ("editor",)): {"GET": ADMINS_ONLY},
    # The desk's own pages. A decision with no decision in it is a 400, its form with errors.
    ("admin:claims_claim_decide", ("claims.claim",)): {
        "GET": (302, 405, 405, 405),
        "POST": (302, 403, 400, 400),
    },
    # A lineage action without an action: back to the claim page with a message, nothing written.
    ("admin:claims_claim_lineage", ("claims.claim",)): {
        "GET": (302, 405, 405, 405),
        "POST": (302, 403, 302, 302),
    },
    # The claim is on a measure already: the page again, with a warning, nothing written.
    ("admin:claims_measure_attach", ("claims.measure", "claims.claim")): {
        "GET": (302, 405, 405, 405),
        "POST": (302, 403, 302, 302),
    },
    # The claim form's helper: without a quote a 400 naming it; only GET.
    ("admin:claims_claim_entry_help", ()): {
        "GET": (302, 403, 400, 400),
        "POST": (302, 403, 405, 405),
    },
    ("admin:claims_factsheet_preview", ("claims.factsheet", "html")): {"GET": STAFF_PAGE},
    # A publish without the confirmation page's version number is refused.
    ("admin:claims_factsheet_publish", ("claims.factsheet",)): {
        "GET": STAFF_PAGE,
        "POST": (302, 400, 400, 400),
    },
    ("deleted-records", ()): {"GET": ADMINS_ONLY},
    # Withdrawing a source is an editor's: the form, and without a reason a 400 writing nothing.
    ("admin:sources_source_withdraw", ("sources.source",)): {
        "GET": (302, 403, 200, 200),
        "POST": (302, 403, 400, 400),
    },
    # A journalist's tools: the list's exports and the search page read; a reader saves and
    # deletes only searches of their own (a save without a name is a 400, nobody's is a 404).
    ("admin:claims_claim_export", ("csv",)): {"GET": STAFF_PAGE},
    ("admin:claims_claim_search", ()): {"GET": STAFF_PAGE},
    ("admin:claims_claim_search_export", ("csv",)): {"GET": STAFF_PAGE},
    ("admin:claims_claim_search_save", ()): {
        "GET": (302, 405, 405, 405),
        "POST": (302, 400, 400, 400),
    },
    ("admin:claims_claim_search_delete", (999999,)): {
        "GET": (302, 405, 405, 405),
        "POST": (302, 404, 404, 404),
    },
    # Adding a source from a URL or a file, and the progress page of one import: Editors' work.
    ("admin:sources_source_add_from", ()): {"GET": (302, 403, 200, 200)},
    ("admin:sources_source_import", ("sources.sourceimport",)): {"GET": (302, 403, 200, 200)},
}
# Not a matter of roles, or Django's own pages for one's own account.
NOT_ROLE_BASED = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "jsi18n",
    "autocomplete",  # its answers follow the related admin's view permission (Django's own)
    "view_on_site",  # no model here has a public page
}
STANDARD = ("changelist", "add", "change", "history", "delete", "simple_history")


def other_page_url(name, args, world, request):
    values = []
    for arg in args:
        if arg in world:
            values.append(world[arg].pk)
        elif arg == "editor":
            values.append(request.getfixturevalue("editor").pk)
        else:
            values.append(arg)
    return reverse(
        name if ":" in name or name == "deleted-records" else f"admin:{name}", args=values
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_admins_other_pages_have_no_deviations(request, world, role):
    client = client_as(role, request)
    deviations = []
    for (name, args), methods in OTHER_PAGES.items():
        url = other_page_url(name, args, world, request)
        for method, answers in methods.items():
            before = everything()
            response = client.get(url) if method == "GET" else client.post(url, {})
            want = answers[ROLES.index(role)]
            if response.status_code != want:
                deviations.append((name, method, response.status_code, want))
            if everything() != before:
                deviations.append((name, method, "wrote", "nothing written"))
    assert not deviations, deviations


# Admins of accounts, tokens and lockouts: nobody's but the administrator's, on every page.
ADMINISTRATORS_MODELS = [
    "auth.user",
    "auth.group",
    "authtoken.tokenproxy",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "django_tasks_database.dbtaskresult",  # the background tasks' record, read-only
]
# The administrator's empty POST to a change page: the form with its errors, or, for axes'
# read-only records, the list again with nothing changed.
EMPTY_CHANGE_POST = {
    "axes.accessattempt": 302,
    "axes.accesslog": 302,
    "axes.accessfailurelog": 302,
    "django_tasks_database.dbtaskresult": 403,  # nobody edits what a worker recorded
}


@pytest.fixture
def administrators_rows(db, editor):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult
    from rest_framework.authtoken.models import Token, TokenProxy

    Token.objects.create(user=editor)
    # Someone else's attempts: a login clears the attempts of whoever logs in.
    seen = {"username": "casey", "ip_address": "10.0.0.1", "user_agent": "t", "path_info": "/"}
    return {
        "auth.user": editor,
        "auth.group": Group.objects.get(name="Editors"),
        "authtoken.tokenproxy": TokenProxy.objects.get(user=editor),
        "axes.accessattempt": AccessAttempt.objects.create(failures_since_start=1, **seen),
        "axes.accesslog": AccessLog.objects.create(**seen),
        "axes.accessfailurelog": AccessFailureLog.objects.create(locked_out=False, **seen),
        "django_tasks_database.dbtaskresult": DBTaskResult.objects.create(
            args_kwargs={"args": [1], "kwargs": {}},
            task_path="sources.services.run_source_import",
            backend_name="default",
            run_after=timezone.now(),
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_administrators_admins_are_closed_to_everyone_else(
    request, administrators_rows, admin_user, role
):
    from django.test import RequestFactory

    client = client_as(role, request)
    as_admin = RequestFactory().get("/")
    as_admin.user = admin_user
    deviations = []
    for label, obj in administrators_rows.items():
        model_admin = admin.site._registry[type(obj)]
        app, model = label.split(".")
        may = {
            "changelist": model_admin.has_view_permission(as_admin),
            "add": model_admin.has_add_permission(as_admin),
            "change": model_admin.has_view_or_change_permission(as_admin, obj),
            "history": model_admin.has_view_or_change_permission(as_admin, obj),
            "delete": model_admin.has_delete_permission(as_admin, obj),
        }
        for page, admin_may in may.items():
            args = [] if page in ("changelist", "add") else [obj.pk]
            url = reverse(f"admin:{app}_{model}_{page}", args=args)
            for method in ("GET", "POST") if page == "change" else ("GET",):
                before = everything(), type(obj)._default_manager.count()
                response = client.get(url) if method == "GET" else client.post(url, {})
                want = {"anonymous": 302, "admin": 200 if admin_may else 403}.get(role, 403)
                if role == "admin" and method == "POST":
                    want = EMPTY_CHANGE_POST.get(label, 200)
                if response.status_code != want:
                    deviations.append((label, page, method, response.status_code, want))
                if (everything(), type(obj)._default_manager.count()) != before:
                    deviations.append((label, page, method, "wrote", "nothing written"))
    assert not deviations, deviations


def test_every_admin_url_has_a_row_in_one_of_the_matrices():
    def names(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from names(pattern.url_patterns)
            elif pattern.name:
                yield pattern.name

    tracked = {label.replace(".", "_") for label in ADMIN_RIGHTS}
    covered = {f"{model}_{page}" for model in tracked for page in STANDARD}
    covered |= {name.removeprefix("admin:") for name, _ in OTHER_PAGES}
    covered |= {
        f"{label.replace('.', '_')}_{page}"
        for label in ADMINISTRATORS_MODELS
        for page in ("changelist", "add", "change", "history", "delete")
    }
    assert set(names(admin.site.urls[0])) - covered - NOT_ROLE_BASED == set()
