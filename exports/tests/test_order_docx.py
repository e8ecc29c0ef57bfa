"""The 督办单: GET /supervision/orders/{id}.docx (page) and /api/v1/supervision-orders/{id}.docx."""

import pytest

from exports.tests.docx_checks import open_docx, table_rows, texts
from exports.tests.office_convert import pdf_text
from supervision import orders

pytestmark = pytest.mark.django_db

DOORS = ("/supervision/orders/{id}.docx", "/api/v1/supervision-orders/{id}.docx")
TITLE = "“群众工作日”信访事项督办单"


@pytest.mark.parametrize("door", DOORS)
def test_it_holds_the_order_field_by_field(client, labour_clerk, order, door):
    client.force_login(labour_clerk)
    document = open_docx(client.get(door.format(id=order.pk)))
    assert texts(document)[0] == TITLE
    rows = table_rows(document)
    assert rows["督办编号"] == str(order.pk)
    assert rows["案件编号"] == str(order.case_id)
    assert rows["承办单位"] == "区人力社保局"
    assert rows["督办事项"] == "请加快办理，书面报告进展。"
    assert rows["督办日期"] == "2026年12月15日"
    assert rows["回复期限"] == "2026年12月18日"
    assert rows["办理情况"] == "尚未回复"
    assert "回复日期" not in rows
    assert texts(document)[-2:] == ["铜梁区信访工作联席会议办公室", "2026年12月15日"]


def test_it_carries_the_units_response_once_answered(client, clock, supervisor, labour_clerk, order):
    clock.set("2026-12-16 15:00")
    orders.order_respond(order=order, actor=labour_clerk, content="已督促企业支付工资。")
    client.force_login(supervisor)
    rows = table_rows(open_docx(client.get(f"/supervision/orders/{order.pk}.docx")))
    assert rows["办理情况"] == "已督促企业支付工资。" and rows["回复日期"] == "2026年12月16日"


def test_another_unit_gets_404(client, dept_clerk, order):
    client.force_login(dept_clerk)  # 区住房城乡建委: not the order's unit
    for door in DOORS:
        assert client.get(door.format(id=order.pk)).status_code == 404


def test_the_orders_page_links_the_word_file(client, supervisor, order):
    client.force_login(supervisor)
    assert f'href="/supervision/orders/{order.pk}.docx"' in client.get("/supervision/orders/").content.decode()


def test_libreoffice_opens_it(client, supervisor, order, tmp_path):
    client.force_login(supervisor)
    text = pdf_text(client.get(f"/supervision/orders/{order.pk}.docx").content, tmp_path)
    assert TITLE in text and "请加快办理" in text
