"""The audit log (issue 14): one entry for each login, failed login, full view of personal data,
export, download, token issued and token revoked; append-only on every database; searched and
exported by the auditor only."""

import io

import openpyxl
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attachments.models import Attachment
from attachments.tests.conftest import attachment_storage, pdf_bytes, send_upload  # noqa: F401
from audit.models import Action, AppendOnlyError, AuditEntry
from audit.services import log
from cases.tests.conftest import ID_LI, case_factory, labour_clerk  # noqa: F401
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action))


def no_secret_in_the_log(*secrets):
    for entry in AuditEntry.objects.all():
        text = " ".join(str(v) for v in (entry.username, entry.detail, entry.persons, entry.object_id, entry.person_keys))
        for secret in secrets:
            assert secret not in text


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", "区信访工作联席会议办公室", username="auditor")


@pytest.fixture
def sysadmin(make_user):
    return make_user("admin", "区信访工作联席会议办公室", username="sysadmin")


def test_a_login_and_a_failed_login_are_logged_without_the_password(client, town_clerk):
    client.post(reverse("login"), {"username": "town_clerk", "password": "wrong-guess-1"})
    [failed] = entries(Action.LOGIN_FAILED)
    assert failed.username == "town_clerk" and failed.actor is None and failed.ip == "127.0.0.1"
    client.post(reverse("login"), {"username": "town_clerk", "password": PASSWORD})
    [login] = entries(Action.LOGIN)
    assert login.actor == town_clerk and login.username == "town_clerk"
    no_secret_in_the_log("wrong-guess-1", PASSWORD)


def test_a_full_view_of_personal_data_is_logged_masked_and_found_by_the_id_number(client, case_factory, town_clerk):  # noqa: F811
    case = case_factory()
    client.force_login(town_clerk)
    assert client.post(f"/cases/{case.pk}/personal-data/").status_code == 200
    [view] = entries(Action.PII_VIEWED)
    assert (view.actor, view.object_type, view.object_id) == (town_clerk, "cases.case", str(case.pk))
    assert view.persons == "李* 5002**********2314"
    no_secret_in_the_log(ID_LI, "13800138000")
    assert list(AuditEntry.objects.filter(person_keys__contains=__import__("audit.services").services.person_key(ID_LI))) == [view]


def test_a_ledger_export_is_logged(client, case_factory, supervisor):  # noqa: F811
    case_factory()
    client.force_login(supervisor)
    for url in ("/exports/ledger.xlsx", "/api/v1/cases/export.xlsx"):
        assert client.get(url).status_code == 200
    exports = entries(Action.EXPORT)
    assert len(exports) == 2 and {e.actor for e in exports} == {supervisor}
    assert "/exports/ledger.xlsx" in exports[1].detail and "/api/v1/cases/export.xlsx" in exports[0].detail


def test_an_attachment_download_is_logged_with_its_object(client, send_upload, workday_factory, town_clerk):  # noqa: F811
    workday = workday_factory(actor=town_clerk)
    assert send_upload("api", town_clerk, "workday", workday.pk, ("签字登记表.pdf", pdf_bytes())).status_code == 201
    attachment = Attachment.objects.get()
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 200
    [download] = entries(Action.EXPORT)
    assert (download.actor, download.object_type, download.object_id) == (town_clerk, "attachment", str(attachment.pk))
    assert "签字登记表.pdf" in download.detail


def test_a_token_issued_and_revoked_are_logged_without_the_token(client, town_clerk):
    response = client.post(
        "/api/v1/auth/token", {"username": "town_clerk", "password": PASSWORD, "name": "报表同步"}, content_type="application/json"
    )
    token = response.json()["token"]
    [issued] = entries(Action.TOKEN_ISSUED)
    assert issued.actor == town_clerk and issued.detail == "报表同步"
    assert client.delete("/api/v1/auth/token", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 204
    [revoked] = entries(Action.TOKEN_REVOKED)
    assert revoked.actor == town_clerk and revoked.object_type == "accounts.apitoken"
    no_secret_in_the_log(token, PASSWORD)


def test_a_password_change_revokes_and_logs_the_tokens(client, town_clerk):
    from accounts.models import ApiToken

    ApiToken.issue(town_clerk, "a")
    ApiToken.issue(town_clerk, "b")
    town_clerk.set_password("another-pass-2027")
    town_clerk.save()
    assert len(entries(Action.TOKEN_REVOKED)) == 2


def test_an_entry_cannot_be_changed_or_deleted(town_clerk):
    entry = log(Action.LOGIN, actor=town_clerk)
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_change_or_delete_an_entry(town_clerk):
    from django.db import DatabaseError

    entry = log(Action.LOGIN, actor=town_clerk)
    for sql in ("UPDATE audit_auditentry SET detail = 'x' WHERE id = %s", "DELETE FROM audit_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, detail="").exists()


def test_the_admin_shows_the_log_read_only(client, reference):
    from accounts.models import User

    root = User.objects.create_superuser("installer", password="install-pass-2026")
    entry = log(Action.LOGIN, actor=root)
    client.force_login(root)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


# --- the auditor's page ------------------------------------------------------------------------


def test_the_auditor_searches_by_person_user_object_and_date(client, case_factory, town_clerk, supervisor, auditor, clock):  # noqa: F811
    case = case_factory()
    client.force_login(town_clerk)
    client.post(f"/cases/{case.pk}/personal-data/")
    log(Action.LOGIN, actor=supervisor)
    client.force_login(auditor)

    def found(**query):
        response = client.get("/audit/", query)
        assert response.status_code == 200
        return [(e.username, e.action) for e in response.context["page"]]

    assert found(person=ID_LI) == [("town_clerk", "pii_viewed")]
    assert found(person="李四") == [("town_clerk", "pii_viewed")]
    assert found(person="500224198501012315") == []
    assert found(user="supervisor") == [("supervisor", "login")]
    assert found(object_type="cases.case", object_id=str(case.pk)) == [("town_clerk", "pii_viewed")]
    assert len(found(date_from="2026-12-10", date_to="2026-12-10")) == AuditEntry.objects.count() == 4  # logins too
    assert found(date_from="2026-12-11") == []
    page = client.get("/audit/", {"person": "李四"}).content.decode()
    assert "5002**********2314" in page and ID_LI not in page and "13800138000" not in page


def test_a_bad_date_range_is_a_clear_message(client, auditor):
    client.force_login(auditor)
    response = client.get("/audit/", {"date_from": "2026-12-11", "date_to": "2026-12-01"})
    assert response.status_code == 200 and "结束日期早于开始日期" in response.content.decode()


def test_the_auditor_exports_the_search_and_the_export_is_logged(client, supervisor, auditor):
    log(Action.LOGIN, actor=supervisor)
    client.force_login(auditor)
    response = client.get("/audit/export.xlsx", {"user": "supervisor"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["时间", "用户", "动作"] and len(rows) == 2 and rows[1][1] == "supervisor"
    [export] = entries(Action.EXPORT)
    assert export.actor == auditor and "/audit/export.xlsx" in export.detail


def test_the_log_page_queries_do_not_grow_with_its_rows(client, auditor, town_clerk, supervisor):
    client.force_login(auditor)
    log(Action.LOGIN, actor=town_clerk)
    with CaptureQueriesContext(connection) as one:
        client.get("/audit/")
    for user in (town_clerk, supervisor, auditor) * 5:
        log(Action.LOGIN, actor=user)
    with CaptureQueriesContext(connection) as many:
        client.get("/audit/")
    assert len(many) == len(one)


@pytest.mark.parametrize("role", ["supervisor", "clerk", "admin", "security_admin"])
def test_nobody_else_reads_the_audit_log(client, make_user, role):
    client.force_login(make_user(role, "区信访工作联席会议办公室"))
    assert client.get("/audit/").status_code in (403, 404)
    assert client.get("/audit/export.xlsx").status_code in (403, 404)
