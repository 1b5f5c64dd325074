"""factdb.auth.ModelBackend: Django's permissions, own and groups', read in one query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.auth.models import Group, Permission

from factdb.auth import ModelBackend
from tests import factories


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)  # no permission cache


def test_a_user_has_their_own_and_their_groups_permissions(db, django_assert_num_queries):
    user = factories.user()
    user.user_permissions.add(Permission.objects.get(codename="add_claim"))
    desk = Group.objects.create(name="Desk")
    desk.permissions.add(Permission.objects.get(codename="view_source"))
    user.groups.add(desk)

    reloaded = fresh(user)
    with django_assert_num_queries(1):
        perms = ModelBackend().get_all_permissions(reloaded)
    assert {"claims.add_claim", "sources.view_source"} <= perms
    assert perms == DjangoModelBackend().get_all_permissions(fresh(user))


def test_the_roles_read_the_same_as_with_djangos_backend(editor, journalist):
    for user in (editor, journalist):
        ours = ModelBackend().get_all_permissions(fresh(user))
        assert ours and ours == DjangoModelBackend().get_all_permissions(fresh(user))


def test_an_inactive_user_has_none(editor):
    editor.is_active = False
    editor.save()
    assert ModelBackend().get_all_permissions(fresh(editor)) == set()
    assert not fresh(editor).has_perm("claims.view_claim")


def test_a_superuser_has_every_permission(db):
    root = factories.user(is_superuser=True)
    assert len(ModelBackend().get_all_permissions(fresh(root))) == Permission.objects.count()


def test_the_site_uses_it(settings):
    assert "factdb.auth.ModelBackend" in settings.AUTHENTICATION_BACKENDS
    assert "django.contrib.auth.backends.ModelBackend" not in settings.AUTHENTICATION_BACKENDS
