"""The calendar names a working weekend as the State Council notice and the plan do: 调休上班."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_make_up_working_day_reads_调休上班(seeded, client, supervisor):
    client.force_login(supervisor)
    page = client.get("/calendar/", {"year": 2026}).content.decode()
    legend = page[page.index('<ul class="legend"') : page.index("</ul>", page.index('<ul class="legend"'))]
    assert re.search(r'<span class="swatch k-makeup"></span>调休上班</li>', legend)
    assert "周末调休上班" not in page
    assert 'title="2026-02-14 调休上班' in page  # the day's own label
