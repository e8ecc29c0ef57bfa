"""District leaders listed in the reference file: validated with the rest, loaded idempotently."""

import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from history.models import Event
from units.models import DistrictLeader

pytestmark = pytest.mark.django_db

LEADERS = [
    {"name": "王建国", "title": "副区长", "liaison_units": ["巴川街道", "土桥镇"], "oversight_units": ["区住房城乡建委"]},
    {"name": "李秀英", "title": "区委常委", "liaison_units": ["东城街道"], "oversight_units": []},
]


def _write(tmp_path, leaders):
    data = json.loads(settings.REFERENCE_DATA_FILE.read_text(encoding="utf-8"))
    data["leaders"] = leaders
    path = tmp_path / "district.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _leaders():
    return {
        leader.name: (
            leader.title,
            sorted(leader.liaison_units.values_list("name", flat=True)),
            sorted(leader.oversight_units.values_list("name", flat=True)),
        )
        for leader in DistrictLeader.objects.all()
    }


def test_leaders_are_loaded_with_their_links_and_counted(tmp_path, capsys):
    call_command("load_reference", str(_write(tmp_path, LEADERS)))
    assert _leaders() == {
        "王建国": ("副区长", ["土桥镇", "巴川街道"], ["区住房城乡建委"]),
        "李秀英": ("区委常委", ["东城街道"], []),
    }
    assert "2 district leaders" in capsys.readouterr().out


def test_running_twice_creates_nothing_and_a_changed_file_updates_title_and_links(tmp_path):
    path = _write(tmp_path, LEADERS)
    call_command("load_reference", str(path))
    ids, events = set(DistrictLeader.objects.values_list("id", flat=True)), Event.objects.count()
    call_command("load_reference", str(path))
    assert set(DistrictLeader.objects.values_list("id", flat=True)) == ids and Event.objects.count() == events

    changed = [{**LEADERS[0], "title": "区委副书记", "liaison_units": ["巴川街道"]}, LEADERS[1]]
    call_command("load_reference", str(_write(tmp_path, changed)))
    assert set(DistrictLeader.objects.values_list("id", flat=True)) == ids
    assert _leaders()["王建国"] == ("区委副书记", ["巴川街道"], ["区住房城乡建委"])
    assert Event.objects.count() == events + 1


@pytest.mark.parametrize(
    "leaders, words",
    [
        ([{**LEADERS[0], "liaison_units": ["巴川街道", "不存在镇"]}], ["leaders[0] (王建国)", "不存在镇"]),
        ([{**LEADERS[0], "oversight_units": ["区不存在局"]}], ["oversight_units", "区不存在局"]),
        ([{"name": "王建国", "liaison_units": []}], ["leaders[0] (王建国)", "'title'"]),
        ([{"title": "副区长"}], ["leaders[0]", "'name'"]),
        ([LEADERS[0], LEADERS[0]], ["leaders[1] (王建国)", "twice"]),
        ({"name": "王建国"}, ["leaders", "list"]),
        ([{**LEADERS[0], "liaison_units": "巴川街道"}], ["liaison_units", "list"]),
    ],
)
def test_a_bad_leader_entry_is_named_and_nothing_changes(tmp_path, leaders, words):
    before = (_leaders(), Event.objects.count())
    with pytest.raises(CommandError) as err:
        call_command("load_reference", str(_write(tmp_path, leaders)))
    assert all(word in str(err.value) for word in words), str(err.value)
    assert (_leaders(), Event.objects.count()) == before


def test_the_shipped_file_has_no_leaders_and_loads_none(capsys):
    call_command("load_reference")
    assert not DistrictLeader.objects.exists()
    assert "0 district leaders" in capsys.readouterr().out
