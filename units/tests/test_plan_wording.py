"""The unit leadership rows in the administration speak to the joint office, not in Django's words."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_stale_leadership_form_gets_a_message_the_joint_office_understands(client, make_user, unit):
    admin = make_user("admin", "区信访工作联席会议办公室", username="root")
    client.force_login(admin)
    finance = unit("区财政局")
    response = client.post(
        f"/admin/units/unit/{finance.pk}/change/",
        {"name": "区财政局", "kind": "department", "parent": finance.parent_id, "is_key": "on", "order": finance.order},
    )
    assert response.status_code == 200  # shown again, nothing saved
    page = response.content.decode()
    assert "页面提交的内容不完整（页面可能已过期）。请刷新页面后重新填写。" in page
    assert "ManagementForm" not in page and "管理表单" not in page
    finance.refresh_from_db()
    assert not finance.is_key
