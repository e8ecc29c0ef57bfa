import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from history.models import Event
from units.models import Category, ListItem, Unit, UnitKind

pytestmark = pytest.mark.django_db


def _counts():
    return (Unit.objects.count(), Category.objects.count(), ListItem.objects.count(), Event.objects.count())


def test_it_loads_the_tongliang_units_categories_and_lists():
    call_command("load_reference")
    assert Unit.objects.filter(kind__in=[UnitKind.TOWN, UnitKind.STREET]).count() == 28
    assert Unit.objects.filter(kind=UnitKind.STREET).count() == 5
    assert Unit.objects.get(kind=UnitKind.JOINT_OFFICE).name == "区信访工作联席会议办公室"
    assert Unit.objects.get(name="区住房城乡建委").is_key
    assert not Unit.objects.get(name="区财政局").is_key
    housing = Category.objects.get(name="城乡建设", parent=None)
    assert housing.department.name == "区住房城乡建委"
    assert Category.objects.get(name="物业管理").responsible_department().name == "区住房城乡建委"
    assert ListItem.objects.filter(kind="visit_target", name="空巢老人").exists()


def test_it_changes_nothing_when_run_twice():
    call_command("load_reference")
    counts = _counts()
    call_command("load_reference")
    assert _counts() == counts


def test_it_keeps_the_key_flag_edited_by_the_joint_office():
    call_command("load_reference")
    Unit.objects.filter(name="区财政局").update(is_key=True)
    call_command("load_reference")
    assert Unit.objects.get(name="区财政局").is_key


def _write(tmp_path, mutate):
    data = json.loads(settings.REFERENCE_DATA_FILE.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "district.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_it_names_the_entry_with_a_missing_field_and_changes_nothing(tmp_path):
    path = _write(tmp_path, lambda d: (d["departments"][3].pop("key"), d["towns"].append("新设镇")))
    before = _counts()
    with pytest.raises(CommandError) as err:
        call_command("load_reference", str(path))
    assert "departments[3]" in str(err.value) and "区住房城乡建委" in str(err.value) and "'key'" in str(err.value)
    assert _counts() == before and not Unit.objects.filter(name="新设镇").exists()


def test_it_refuses_a_category_whose_department_is_unknown(tmp_path):
    def mutate(d):
        d["categories"][0]["department"] = "区不存在局"
        d["categories"].append({"name": "新类别", "children": [], "department": None})

    before = _counts()
    with pytest.raises(CommandError) as err:
        call_command("load_reference", str(_write(tmp_path, mutate)))
    assert "categories[0] (城乡建设)" in str(err.value)
    assert _counts() == before and not Category.objects.filter(name="新类别").exists()


def test_it_refuses_a_malformed_name_after_loading_nothing(tmp_path):
    def mutate(d):
        d["towns"][2] = ""

    before = _counts()
    with pytest.raises(CommandError) as err:
        call_command("load_reference", str(_write(tmp_path, mutate)))
    assert "towns[2]" in str(err.value)
    assert _counts() == before


def test_it_refuses_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_reference", str(path))


def test_it_loads_another_districts_file(tmp_path):
    def mutate(d):
        d["district"]["name"] = "大足区"
        d["towns"] = ["龙岗街道"]
        d["streets"] = []

    call_command("load_reference", str(_write(tmp_path, mutate)))
    town = Unit.objects.get(name="龙岗街道")
    assert town.kind == UnitKind.TOWN and town.parent.name == "大足区" and town.parent.kind == UnitKind.DISTRICT


def test_it_applies_the_files_signoff_flag_on_every_run(tmp_path):
    from units.models import DistrictSettings

    call_command("load_reference")
    assert DistrictSettings.objects.get().signoff_required is False
    call_command("load_reference", str(_write(tmp_path, lambda d: d["district"].update(signoff_required=True))))
    assert DistrictSettings.objects.get().signoff_required is True
    call_command("load_reference", str(_write(tmp_path, lambda d: d["district"].update(signoff_required=False))))
    assert DistrictSettings.objects.get().signoff_required is False


def test_it_sets_the_document_number_prefix_when_the_file_names_one(tmp_path):
    from units.models import DistrictSettings

    call_command("load_reference")
    assert DistrictSettings.objects.get().document_prefix == "铜信联办"
    call_command("load_reference", str(_write(tmp_path, lambda d: d["joint_office"].update(document_prefix="足信联办"))))
    assert DistrictSettings.objects.get().document_prefix == "足信联办"
    # A file without it leaves the prefix as the joint office set it.
    call_command("load_reference", str(_write(tmp_path, lambda d: d["joint_office"].pop("document_prefix"))))
    assert DistrictSettings.objects.get().document_prefix == "足信联办"


def test_it_refuses_a_document_number_prefix_too_long(tmp_path):
    with pytest.raises(CommandError, match="document_prefix"):
        call_command("load_reference", str(_write(tmp_path, lambda d: d["joint_office"].update(document_prefix="铜" * 21))))
