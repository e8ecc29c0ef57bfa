"""Defect 10 (issue 14): a page links only what its reader may open. A voided entry is listed to
the host unit and the linked district leader with its registration page (which they may open) but
without a link to its case (the joint office's alone); a lead or assisting unit reads the host's
Work Day as text. Every link these pages show answers its reader 200."""

import re

import pytest

from accounts.models import Role
from cases.models import CaseStatus
from conftest import _make_user

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/(?:cases|workdays)/[^"#?]*)"')


def _dead_links(client, body: str) -> list[str]:
    """The links to case and Work Day pages in `body` that answer anything but 200."""
    links = sorted(set(HREF.findall(body)))
    return [f"{url} → {client.get(url).status_code}" for url in links if not url.endswith(("/new/", "/lookup/"))
            and client.get(url).status_code != 200]


@pytest.fixture
def assisting_clerk(reference):
    """Clerk of 土桥镇, the assisting unit of the factory's assigned cases."""
    return _make_user("assisting_clerk", "土桥镇", Role.CLERK)


@pytest.mark.parametrize("who", ["town_clerk", "district_leader"])
def test_a_voided_entry_is_listed_without_a_dead_link(request, client, case_factory, who):
    voided = case_factory(CaseStatus.VOIDED)
    user = request.getfixturevalue(who)
    client.force_login(user)
    day_page = client.get(f"/workdays/{voided.workday_id}/")
    assert day_page.status_code == 200
    body = day_page.content.decode()
    assert f"/workdays/{voided.workday_id}/registrations/{voided.registration.pk}/" in body
    assert f'href="/cases/{voided.pk}/"' not in body
    assert _dead_links(client, body) == []
    entry = client.get(f"/workdays/{voided.workday_id}/registrations/{voided.registration.pk}/")
    assert entry.status_code == 200
    assert f"/cases/{voided.pk}/" not in entry.content.decode()
    assert _dead_links(client, entry.content.decode()) == []


def test_the_joint_office_sees_the_voided_entry_marked_and_linked(client, case_factory, supervisor):
    voided = case_factory(CaseStatus.VOIDED)
    client.force_login(supervisor)
    body = client.get(f"/workdays/{voided.workday_id}/").content.decode()
    assert 'data-testid="voided-mark"' in body
    assert f'href="/cases/{voided.pk}/"' in body
    assert f'href="/cases/{voided.pk}/"' in client.get(
        f"/workdays/{voided.workday_id}/registrations/{voided.registration.pk}/"
    ).content.decode()


def test_the_host_still_links_its_live_cases(client, case_factory, town_clerk):
    live = case_factory(CaseStatus.AWAITING_ASSIGNMENT)
    client.force_login(town_clerk)
    body = client.get(f"/workdays/{live.workday_id}/").content.decode()
    assert f'href="/cases/{live.pk}/"' in body
    assert 'data-testid="voided-mark"' not in body
    case_page = client.get(f"/cases/{live.pk}/").content.decode()
    assert f'href="/workdays/{live.workday_id}/"' in case_page


@pytest.mark.parametrize("who", ["labour_clerk", "assisting_clerk"])
def test_a_lead_or_assisting_unit_reads_the_hosts_work_day_as_text(request, client, case_factory, who):
    case = case_factory(CaseStatus.ASSIGNED)
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/workdays/{case.workday_id}/").status_code == 404
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/workdays/{case.workday_id}/"' not in body
    assert "巴川街道 2026-12-10" in body
    assert _dead_links(client, body) == []
    listing = client.get(f"/cases/?workday={case.workday_id}")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert f'href="/workdays/{case.workday_id}/"' not in body
    assert 'data-testid="workday-text"' in body and "巴川街道 2026-12-10" in body
    assert _dead_links(client, body) == []


def test_the_host_links_its_work_day_in_the_case_list(client, case_factory, town_clerk):
    case = case_factory(CaseStatus.ASSIGNED)
    client.force_login(town_clerk)
    body = client.get(f"/cases/?workday={case.workday_id}").content.decode()
    assert f'href="/workdays/{case.workday_id}/"' in body


def test_an_unrelated_unit_does_not_learn_a_days_name_from_the_filter(client, case_factory, reference):
    case = case_factory(CaseStatus.ASSIGNED)
    client.force_login(_make_user("far_clerk", "区住房城乡建委", Role.CLERK))
    body = client.get(f"/cases/?workday={case.workday_id}").content.decode()
    assert "2026-12-10" not in body
