"""The bulletin's document number (文号): given at the issue, per year, gapless, never shared; a draft
has none."""

import threading

import pytest
from django.db import connection

from supervision import bulletins
from supervision.models import Bulletin
from units.models import DistrictSettings


def _issue(supervisor, period="2026Q4"):
    return bulletins.bulletin_issue(bulletin=bulletins.bulletin_generate(period=period, actor=supervisor), actor=supervisor)


@pytest.mark.django_db
class TestDocumentNumber:
    def test_it_numbers_the_years_bulletins_one_after_another(self, clock, supervisor):
        clock.set("2026-12-20 10:00")
        numbers = [_issue(supervisor).document_number for _ in range(3)]
        assert numbers == ["铜信联办〔2026〕1号", "铜信联办〔2026〕2号", "铜信联办〔2026〕3号"]

    def test_it_restarts_in_a_new_year(self, clock, supervisor):
        clock.set("2026-12-31 16:00")
        _issue(supervisor)
        _issue(supervisor)
        clock.set("2027-01-04 09:00")
        first_of_2027 = _issue(supervisor, "2026Q4")
        assert (first_of_2027.number_year, first_of_2027.number_seq) == (2027, 1)
        assert first_of_2027.document_number == "铜信联办〔2027〕1号"

    def test_a_draft_has_no_number_and_a_draft_left_aside_leaves_no_gap(self, clock, supervisor):
        clock.set("2026-12-20 10:00")
        draft = bulletins.bulletin_generate(period="2026Q4", actor=supervisor)
        assert (draft.number_year, draft.number_seq, draft.document_number) == (None, None, "")
        assert _issue(supervisor).document_number == "铜信联办〔2026〕1号"
        draft.refresh_from_db()
        assert draft.document_number == ""
        assert bulletins.bulletin_issue(bulletin=draft, actor=supervisor).document_number == "铜信联办〔2026〕2号"

    def test_the_prefix_comes_from_the_district_settings(self, clock, supervisor):
        DistrictSettings.objects.update(document_prefix="渝信联办")
        clock.set("2026-12-20 10:00")
        assert _issue(supervisor).document_number == "渝信联办〔2026〕1号"

    def test_the_page_and_the_api_show_the_number(self, client, clock, supervisor, town_clerk):
        clock.set("2026-12-20 10:00")
        issued = _issue(supervisor)
        client.force_login(town_clerk)
        page = client.get(f"/bulletins/{issued.pk}/").content.decode()
        assert "铜信联办〔2026〕1号" in page
        assert client.get(f"/api/v1/bulletins/{issued.pk}").json()["document_number"] == "铜信联办〔2026〕1号"

    def test_issuing_through_the_page_gives_the_number(self, client, clock, supervisor):
        clock.set("2026-12-20 10:00")
        draft = bulletins.bulletin_generate(period="2026Q4", actor=supervisor)
        client.force_login(supervisor)
        assert client.post(f"/bulletins/{draft.pk}/issue/").status_code == 302
        assert client.post(f"/bulletins/{draft.pk}/issue/").status_code == 409  # issued once, numbered once
        draft.refresh_from_db()
        assert draft.document_number == "铜信联办〔2026〕1号"


@pytest.mark.django_db(transaction=True)
def test_bulletins_issued_at_the_same_moment_never_share_a_number(reference, clock, supervisor):
    clock.set("2026-12-20 10:00")
    drafts = [bulletins.bulletin_generate(period="2026Q4", actor=supervisor) for _ in range(4)]
    start = threading.Barrier(len(drafts))
    errors: list[str] = []

    def issue(draft):
        try:
            start.wait()
            bulletins.bulletin_issue(bulletin=draft, actor=supervisor)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    numbers = sorted(Bulletin.objects.values_list("number_seq", flat=True))
    assert numbers == [1, 2, 3, 4]
