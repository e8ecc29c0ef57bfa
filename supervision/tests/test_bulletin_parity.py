"""Generated from the bulletin's transition table: the bulletin page and the API give the same
verdict for every step × user × status, and it is the table's."""

import json

import pytest

from conftest import door_verdict, table_verdict
from supervision import bulletins
from supervision.models import Bulletin

pytestmark = pytest.mark.django_db

DOORS = {
    # step: (page URL, API method and URL, input)
    "edit": ("edit/", ("put", ""), {"title": "关于群众工作日事项办理情况的通报", "text": "经查，各单位按期答复。"}),
    "issue": ("issue/", ("post", "/issue"), {}),
}


@pytest.fixture
def in_every_status(clock, supervisor):
    clock.set("2026-12-20 10:00")
    draft = bulletins.bulletin_generate(period="2026Q4", actor=supervisor)
    issued = bulletins.bulletin_issue(bulletin=bulletins.bulletin_generate(period="2026Q4", actor=supervisor), actor=supervisor)
    return {Bulletin.Status.DRAFT: draft, Bulletin.Status.ISSUED: issued}


@pytest.mark.parametrize("name", list(DOORS))
def test_page_and_api_give_the_tables_verdict(name, client, in_every_status, supervisor, town_clerk):
    step = bulletins.TABLE[name]
    page_path, (method, api_path), data = DOORS[name]
    for user in (supervisor, town_clerk):
        for status, bulletin in in_every_status.items():

            def page(user=user, bulletin=bulletin):
                client.force_login(user)
                return client.post(f"/bulletins/{bulletin.pk}/{page_path}", data)

            def api(user=user, bulletin=bulletin):
                client.force_login(user)
                call = getattr(client, method)
                return call(f"/api/v1/bulletins/{bulletin.pk}{api_path}", json.dumps(data), content_type="application/json")

            visible = bulletins.visible_bulletins(user).filter(pk=bulletin.pk).exists()
            want = table_verdict(step, user, bulletin, visible=visible)
            verdicts = (door_verdict(page), door_verdict(api))
            assert verdicts == (want, want), f"{name} by {user.username} on a {status} bulletin"
