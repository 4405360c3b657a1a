"""`make run` creates a local demo user for each role and prints how to sign in as them."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from home import roles
from programmes.models import Team

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture
def local_machine(settings, tmp_path):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    return tmp_path


def create_local_admin(*args):
    output = io.StringIO()
    call_command("create_local_admin", *args, stdout=output)
    return output.getvalue()


def demo_password(output):
    return re.search(r"Demo users, each with password (\S+)", output).group(1)


def test_each_role_gets_a_demo_user_who_signs_in_with_the_printed_password(local_machine):
    output = create_local_admin()
    password = demo_password(output)
    expected = {
        "moderator": roles.MODERATORS,
        "editor": roles.EDITORS,
        "translator": roles.TRANSLATORS,
        **{
            f"coordinator{team.number}": team.coordinators_group.name
            for team in Team.objects.filter(locale__language_code="pl")
        },
    }
    assert {"coordinator2", "coordinator4", "coordinator6"} <= set(expected)
    for username, group in expected.items():
        user = get_user_model().objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.check_password(password)
        assert not user.is_superuser
        assert re.search(rf"^\s+{username}\s+{re.escape(group)}$", output, re.M)


def test_running_it_again_changes_nothing(local_machine):
    def accounts():
        return list(get_user_model().objects.order_by("pk").values_list("username", "password"))

    first = demo_password(create_local_admin())
    before = accounts()
    assert demo_password(create_local_admin()) == first
    assert accounts() == before


def test_it_refuses_to_run_on_a_server(settings, tmp_path):
    settings.DEBUG = False
    settings.BASE_DIR = tmp_path
    with pytest.raises(CommandError):
        create_local_admin()
    assert not get_user_model().objects.filter(username="moderator").exists()
