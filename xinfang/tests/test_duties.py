"""Separation of duties (三员分立): the auditor reads the audit log and nothing else; the system
administrator manages accounts and reference data and reads no case or personal data; the security
administrator sets the policies; none of them is a superuser."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from accounts.models import ApiToken, User
from cases.tests.conftest import case_factory, labour_clerk  # noqa: F401

pytestmark = pytest.mark.django_db

JOINT_OFFICE = "区信访工作联席会议办公室"


@pytest.fixture
def case(case_factory):  # noqa: F811
    return case_factory()


def refused_urls(case):
    registration = case.registration
    person = registration.petitioners.first().person
    return [
        "/",
        f"/cases/{case.pk}/",
        "/cases/",
        f"/workdays/{registration.workday_id}/",
        "/workdays/",
        f"/persons/{person.pk}/",
        "/exports/ledger.xlsx",
        "/dashboard/",
        "/supervision/",
        "/notifications/",
        "/api/v1/cases",
        f"/api/v1/cases/{case.pk}",
        "/api/v1/workdays",
    ]


def test_the_auditor_reads_the_audit_log_and_nothing_else(client, make_user, case):
    auditor = make_user("auditor", JOINT_OFFICE)
    client.force_login(auditor)
    assert client.get("/audit/").status_code == 200
    assert client.get("/").url == "/audit/"
    for url in refused_urls(case)[1:]:
        assert client.get(url).status_code in (403, 404), url
    assert client.get("/admin/").status_code == 403
    # with a token too
    client.logout()  # (revokes the user's tokens)
    token = ApiToken.issue(auditor)
    for url in ("/api/v1/cases", f"/api/v1/cases/{case.pk}", "/api/v1/workdays"):
        assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403, url
    assert client.get("/api/v1/auth/tokens", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_the_system_administrator_reads_no_case_or_personal_data(client, make_user, case):
    admin = make_user("admin", JOINT_OFFICE)
    client.force_login(admin)
    for url in refused_urls(case)[1:]:
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert "李四" not in response.content.decode()
    assert client.get("/").url == "/admin/"
    index = client.get("/admin/")
    assert index.status_code == 200
    models = {m["object_name"] for app in index.context["app_list"] for m in app["models"]}
    assert {"User", "Unit", "Category"} <= models
    assert not models & {"Event", "AuditEntry", "Notification", "Delivery", "ApiToken"}
    assert client.get("/admin/history/event/").status_code == 403
    assert client.get("/units/").status_code == 200


def test_the_security_administrator_sets_the_policies_only(client, make_user, case):
    security = make_user("security_admin", JOINT_OFFICE)
    client.force_login(security)
    index = client.get("/admin/")
    models = {m["object_name"] for app in index.context["app_list"] for m in app["models"]}
    assert "ApiToken" in models and "AccessAttempt" in models
    assert not models & {"User", "Unit", "Event", "AuditEntry"}
    for url in refused_urls(case)[1:] + ["/units/"]:
        assert client.get(url).status_code in (403, 404), url


@pytest.mark.parametrize("role", ["admin", "security_admin", "auditor"])
def test_no_duty_is_a_superuser(reference, role):
    call_command("create_user", "duty", "--unit", JOINT_OFFICE, "--role", role, "--password", "a-long-password")
    user = User.objects.get(username="duty")
    assert not user.is_superuser and user.is_staff == (role != "auditor")
    user.is_superuser = True
    with pytest.raises(ValidationError, match="superuser"):
        user.full_clean(exclude=["password"])


def test_create_user_refuses_a_superuser_duty(reference):
    with pytest.raises(CommandError, match="superuser"):
        call_command("create_user", "duty", "--unit", JOINT_OFFICE, "--role", "auditor", "--password", "a-long-password", "--superuser")
    assert not User.objects.filter(username="duty").exists()


def test_the_administrator_cannot_make_a_superuser_or_change_their_own_role(client, make_user, town_clerk):
    admin = make_user("admin", JOINT_OFFICE)
    client.force_login(admin)
    own = client.get(f"/admin/accounts/user/{admin.pk}/change/")
    assert own.status_code == 200
    readonly = own.context["adminform"].readonly_fields
    assert {"is_superuser", "user_permissions", "role"} <= set(readonly)


def test_the_migration_demotes_a_superuser_administrator(reference):
    from django.apps import apps

    demote = __import__("accounts.migrations.0004_duties_are_not_superusers", fromlist=["demote"]).demote
    User.objects.create_user("old_root", role="admin", is_superuser=True, is_staff=True)
    installer = User.objects.create_superuser("installer", password="install-pass-2026")
    demote(apps, None)
    old_root = User.objects.get(username="old_root")
    assert not old_root.is_superuser and old_root.is_staff and old_root.has_perm("units.change_unit")
    assert not old_root.has_perm("history.view_event")
    assert User.objects.get(pk=installer.pk).is_superuser
