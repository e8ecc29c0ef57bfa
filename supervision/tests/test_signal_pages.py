import pytest

from supervision.models import Bulletin

pytestmark = pytest.mark.django_db


def test_the_table_drills_down_to_the_cases(client, story, supervisor):
    client.force_login(supervisor)
    body = client.get("/supervision/signals/?period=2026Q4").content.decode()
    assert "区人力社保局" in body and "signal=overdue" in body
    from units.models import Unit

    labour = Unit.objects.get(name="区人力社保局").pk
    page = client.get(f"/supervision/signals/cases/?period=2026Q4&unit={labour}&signal=overdue").content.decode()
    assert "欠薪甲" in page and "欠薪乙" not in page


def test_a_bad_period_is_explained_not_a_500(client, supervisor):
    client.force_login(supervisor)
    response = client.get("/supervision/signals/?period=2026Q9", follow=True)
    assert response.status_code == 200
    assert "2026Q4" in response.content.decode()  # the format is explained in the message
    assert client.get("/supervision/signals/cases/?signal=nonsense").status_code == 302


def test_a_town_clerk_sees_only_its_own_row(client, story, town_clerk):
    client.force_login(town_clerk)
    body = client.get("/supervision/signals/?period=2026Q4").content.decode()
    assert "区人力社保局" not in body


def test_draft_edit_issue_through_the_pages(client, story, supervisor, town_clerk):
    client.force_login(town_clerk)
    assert client.post("/bulletins/new/", {"period": "2026Q4"}).status_code == 403
    client.force_login(supervisor)
    response = client.post("/bulletins/new/", {"period": "2026Q4"})
    bulletin = Bulletin.objects.get()
    assert response["Location"] == f"/bulletins/{bulletin.pk}/"
    response = client.post(f"/bulletins/{bulletin.pk}/edit/", {"title": "", "text": "x"})
    assert response.status_code == 400 and "必填" in response.content.decode()
    client.post(f"/bulletins/{bulletin.pk}/edit/", {"title": "关于2026年第四季度群众工作日事项办理情况的通报", "text": bulletin.text})
    client.force_login(town_clerk)
    assert client.get(f"/bulletins/{bulletin.pk}/").status_code == 404
    client.force_login(supervisor)
    client.post(f"/bulletins/{bulletin.pk}/issue/")
    client.force_login(town_clerk)
    page = client.get(f"/bulletins/{bulletin.pk}/").content.decode()
    assert "关于2026年第四季度群众工作日事项办理情况的通报" in page and "<textarea" not in page
    client.logout()
    assert client.get(f"/bulletins/{bulletin.pk}/").status_code == 302
