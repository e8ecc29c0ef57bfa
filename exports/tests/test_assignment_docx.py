"""The 交办单 of a case: GET /cases/{id}/assignment.docx (page and API) and its print page."""

import pytest

from accounts.models import Role
from cases import handling
from conftest import _make_user
from exports.docx import BODY_FONT, HEADING_FONT, TITLE_FONT
from exports.tests.conftest import ID_NUMBER, PHONE
from exports.tests.docx_checks import east_asia, margins_mm, open_docx, table_rows, texts
from exports.tests.office_convert import pdf_text

pytestmark = pytest.mark.django_db

DOORS = ("/cases/{id}/assignment.docx", "/api/v1/cases/{id}/assignment.docx")
TITLE = "“群众工作日”信访事项交办单"


@pytest.mark.parametrize("door", DOORS)
def test_it_holds_the_assignment_field_by_field(client, labour_clerk, assigned, door):
    client.force_login(labour_clerk)
    document = open_docx(client.get(door.format(id=assigned.pk)))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].text == TITLE and east_asia(paragraphs[0]) == TITLE_FONT
    rows = table_rows(document)
    assert rows["案件编号"] == str(assigned.pk)
    assert rows["登记日期"] == "2026年12月10日"
    assert rows["群众工作日"] == "2026年12月10日 巴川广场"
    assert rows["主办单位"] == "巴川街道"
    assert rows["反映问题"] == "工地拖欠工资三个月"
    assert rows["问题类别"].endswith("欠薪讨薪")
    assert rows["承办单位"] == "区人力社保局"
    assert rows["协办单位"] == "土桥镇"
    assert rows["交办意见"] == "请核实欠薪情况，依法督促支付。"
    assert rows["答复期限"] == "2026年12月22日"
    assert rows["签收人及签收时间"] == ""  # not signed for yet: signed by hand on paper
    # The name in full, as the case page shows it; phone and ID number masked.
    assert rows["信访人"].startswith("李四")
    assert "138****8000" in rows["信访人"] and "5002**********2314" in rows["信访人"]
    assert ID_NUMBER not in rows["信访人"] and PHONE not in rows["信访人"]
    label, value = document.tables[0].rows[0].cells
    assert (east_asia(label.paragraphs[0]), east_asia(value.paragraphs[0])) == (HEADING_FONT, BODY_FONT)
    assert texts(document)[-2:] == ["铜梁区信访工作联席会议办公室", "2026年12月11日"]
    assert margins_mm(document) == (37, 35, 28, 26)


def test_an_assisting_unit_gets_it_and_another_unit_gets_404(client, other_town_clerk, assigned):
    client.force_login(other_town_clerk)  # 土桥镇 assists this case
    for door in DOORS:
        assert client.get(door.format(id=assigned.pk)).status_code == 200
    client.force_login(_make_user("anju_clerk", "安居镇", Role.CLERK))
    for door in DOORS:
        assert client.get(door.format(id=assigned.pk)).status_code == 404
        assert client.get(door.format(id=999999)).status_code == 404
    assert client.get(f"/cases/{assigned.pk}/print/assignment/").status_code == 404


def test_a_case_never_assigned_has_no_assignment_form(client, town_clerk, registered):
    client.force_login(town_clerk)
    for door in DOORS:
        assert client.get(door.format(id=registered.case.pk)).status_code == 404
    assert client.get(f"/cases/{registered.case.pk}/print/assignment/").status_code == 404
    assert 'data-testid="assignment-form-links"' not in client.get(f"/cases/{registered.case.pk}/").content.decode()


def test_the_case_page_links_the_word_file_and_the_print_page(client, town_clerk, assigned):
    client.force_login(town_clerk)
    page = client.get(f"/cases/{assigned.pk}/").content.decode()
    assert f'href="/cases/{assigned.pk}/assignment.docx"' in page
    assert f'href="/cases/{assigned.pk}/print/assignment/"' in page


def test_the_print_page_shows_the_same_form(client, labour_clerk, assigned):
    client.force_login(labour_clerk)
    response = client.get(f"/cases/{assigned.pk}/print/assignment/")
    assert response.status_code == 200
    page = response.content.decode()
    for expected in (TITLE, "区人力社保局", "土桥镇", "请核实欠薪情况，依法督促支付。", "2026年12月22日", "138****8000", "data-print"):
        assert expected in page, expected
    assert ID_NUMBER not in page and PHONE not in page
    assert "/static/js/print.js" in page


def test_libreoffice_opens_it(client, labour_clerk, assigned, tmp_path):
    client.force_login(labour_clerk)
    text = pdf_text(client.get(f"/cases/{assigned.pk}/assignment.docx").content, tmp_path)
    assert TITLE in text and "请核实欠薪情况" in text


def test_it_names_who_signed_for_it(client, clock, labour_clerk, assigned):
    clock.set("2026-12-11 14:00")
    assigned.refresh_from_db()
    handling.case_receive(case=assigned, actor=labour_clerk, version=assigned.version, responsible_person="赵六")
    client.force_login(labour_clerk)
    rows = table_rows(open_docx(client.get(f"/cases/{assigned.pk}/assignment.docx")))
    assert rows["签收人及签收时间"] == f"{labour_clerk.display_name} 2026年12月11日"
