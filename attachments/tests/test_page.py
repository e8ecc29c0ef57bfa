"""The attachments block on the Work Day's and the case's pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attachments.tests.conftest import pdf_bytes, png_bytes, upload
from cases.models import CaseStatus

pytestmark = pytest.mark.django_db


def test_the_host_units_clerk_gets_the_upload_form_a_leader_does_not(workday_factory, town_clerk, district_leader, client):
    workday = workday_factory(actor=town_clerk)
    client.force_login(town_clerk)
    assert 'data-testid="attach-form"' in client.get(f"/workdays/{workday.pk}/").content.decode()
    client.force_login(district_leader)
    page = client.get(f"/workdays/{workday.pk}/").content.decode()
    assert 'data-testid="attachments"' in page and 'data-testid="attach-form"' not in page


def test_the_case_page_offers_the_case_and_its_reply(case_factory, labour_clerk, client, send_upload):
    case = case_factory(CaseStatus.REPLIED)
    reply = case.replies.get()
    client.force_login(labour_clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'value="case:{case.pk}"' in page and f'value="reply:{reply.pk}"' in page
    client.post("/attachments/", {"target_ref": f"reply:{reply.pk}", "file": upload("整改材料.pdf", pdf_bytes())})
    assert reply.attachments.get().name == "整改材料.pdf"


def test_queries_do_not_grow_with_files(workday_factory, town_clerk, client, send_upload):
    workday = workday_factory(actor=town_clerk)
    send_upload("api", town_clerk, "workday", workday.pk, ("1.png", png_bytes()))
    client.force_login(town_clerk)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/workdays/{workday.pk}/")
    for n in range(2, 6):
        send_upload("api", town_clerk, "workday", workday.pk, (f"{n}.pdf", pdf_bytes(padding=n)))
    with CaptureQueriesContext(connection) as five:
        assert "5.pdf" in client.get(f"/workdays/{workday.pk}/").content.decode()
    assert len(five) == len(one)


def test_case_page_queries_do_not_grow_with_files(case_factory, labour_clerk, client, send_upload):
    case = case_factory(CaseStatus.REPLIED)
    reply = case.replies.get()
    send_upload("api", labour_clerk, "case", case.pk, ("1.png", png_bytes()))
    client.force_login(labour_clerk)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/cases/{case.pk}/")
    for n in range(2, 6):
        send_upload("api", labour_clerk, "reply", reply.pk, (f"{n}.pdf", pdf_bytes(padding=n)))
    with CaptureQueriesContext(connection) as five:
        assert "5.pdf" in client.get(f"/cases/{case.pk}/").content.decode()
    assert len(five) == len(one)


def test_the_dossier_gathers_the_files_of_the_day_and_its_cases(case_factory, labour_clerk, town_clerk, send_upload, attachment_storage):
    import hashlib

    from attachments.selectors import dossier_files
    from attachments.services import storage

    case = case_factory(CaseStatus.REPLIED)
    send_upload("api", town_clerk, "workday", case.workday_id, ("现场照片.png", png_bytes()))
    send_upload("api", labour_clerk, "case", case.pk, ("整改报告.pdf", pdf_bytes()))
    send_upload("api", labour_clerk, "reply", case.replies.get().pk, ("反馈.pdf", pdf_bytes()))
    files = list(dossier_files(case.workday))
    assert sorted(a.name for a in files) == ["反馈.pdf", "整改报告.pdf", "现场照片.png"]
    for a in files:
        with storage().open(a.path, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == a.sha256
