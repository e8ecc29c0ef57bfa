"""A Work Day's files: the report to the joint office and the change notices as .docx, the notice at
its API address, and the archive dossier (R12) as .zip — page and API alike."""

import datetime
import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attachments.services import attachment_add
from attachments.tests.conftest import png_bytes
from cases import handling
from exports.tests.conftest import ID_NUMBER, PHONE
from exports.tests.docx_checks import header_text, open_docx, table_rows, texts
from exports.tests.office import workbook
from exports.tests.office_convert import _program
from intake.tests.factories import register_matter
from units.models import Category, Unit
from workdays import services

pytestmark = pytest.mark.django_db

SECTIONS = [
    "01-筛查记录.docx", "02-公告.docx", "03-变更公告.docx", "04-签到册.xlsx", "05-登记表.docx",
    "06-分析研判及报告.docx", "07-交办单.docx", "08-台账.xlsx", "09-办理记录.docx", "10-附件清单.xlsx",
]


@pytest.fixture(autouse=True)
def attachment_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "files")}},
    }


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def dossier(client, user, workday, door="page") -> zipfile.ZipFile:
    client.force_login(user)
    url = f"/workdays/{workday.pk}/dossier.zip" if door == "page" else f"/api/v1/workdays/{workday.pk}/dossier.zip"
    response = client.get(url)
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(body(response)))


def all_docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*texts(document), *cells])


def extracted(archive: zipfile.ZipFile, tmp_path):
    target = tmp_path / "dossier"
    archive.extractall(target)
    return target


def sha256sum_check(folder) -> subprocess.CompletedProcess:
    return subprocess.run([shutil.which("sha256sum"), "-c", "MANIFEST.sha256"], cwd=folder, capture_output=True, text=True)


# --- The report and the notices ---------------------------------------------------------------------


@pytest.mark.parametrize("door", ["/workdays/{id}/report.docx", "/api/v1/workdays/{id}/report.docx"])
def test_the_report_carries_the_analysis_of_the_day(client, clock, town_clerk, registered, door):
    workday = registered.workday
    workday.judgement = "欠薪问题集中在建筑工地"
    workday.save(update_fields=["judgement"])
    client.force_login(town_clerk)
    document = open_docx(client.get(door.format(id=workday.pk)))
    lines = texts(document)
    assert lines[0] == "巴川街道关于2026年12月10日“群众工作日”开展情况的报告"
    assert "登记事项1件，其中集体访0批，重复访0人。" in lines
    rows = table_rows(document)
    assert (rows["诉求"], rows["劳动和社会保障"], rows["巴川街道"], rows["巴川广场"], rows["玉皇村"]) == ("1", "1", "1", "1", "0")
    assert rows["超越职权：已指明反映渠道并报送区信访联席办"] == "1"
    assert f"案件{registered.case.pk}，劳动和社会保障 / 欠薪讨薪，巴川街道：工地拖欠工资三个月（告知渠道：区人力社保局）" in lines
    assert "欠薪问题集中在建筑工地" in lines
    assert "草稿" in header_text(document)  # not submitted yet
    assert ID_NUMBER not in "\n".join(lines)


def test_a_submitted_report_is_no_draft_and_keeps_its_figures(client, clock, town_clerk, registered):
    workday = registered.workday
    clock.set("2026-12-11 09:00")
    services.report_submit(workday=workday, actor=town_clerk, summary="共接待群众1人次")
    client.force_login(town_clerk)
    document = open_docx(client.get(f"/workdays/{workday.pk}/report.docx"))
    assert "草稿" not in header_text(document)
    assert "共接待群众1人次" in texts(document)
    assert texts(document)[-2:] == ["巴川街道", "2026年12月11日"]


def test_the_notice_has_its_api_address_and_the_same_text(client, town_clerk, day):
    client.force_login(town_clerk)
    page = texts(open_docx(client.get(f"/workdays/{day.pk}/notice.docx")))
    api = texts(open_docx(client.get(f"/api/v1/workdays/{day.pk}/notice.docx")))
    assert page == api and page[0] == "巴川街道关于开展“群众工作日”活动的公告"


@pytest.fixture
def postponed(clock, day, town_clerk):
    clock.set("2026-12-03 10:00")
    services.notice_publish(workday=day, actor=town_clerk)
    clock.set("2026-12-05 10:00")
    return services.workday_postpone(workday=day, actor=town_clerk, new_date=datetime.date(2026, 12, 24), reason="遇暴雨天气")


def test_each_change_notice_is_a_document_linked_from_the_day(client, town_clerk, other_town_clerk, postponed):
    change = postponed.notice_changes.get()
    client.force_login(town_clerk)
    page = client.get(f"/workdays/{postponed.pk}/")
    link = f"/workdays/{postponed.pk}/notice-changes/{change.pk}.docx"
    assert link in page.content.decode()
    for door in (link, f"/api/v1{link}"):
        lines = texts(open_docx(client.get(door)))
        assert lines[0] == "巴川街道关于“群众工作日”的延期公告"
        assert "巴川街道原定于2026年12月10日开展的“群众工作日”活动延期举行。" in lines
        assert "原因：遇暴雨天气" in lines
        assert "日期由2026年12月10日（星期四）变更为2026年12月24日（星期四）" in lines
        assert lines[-2:] == ["巴川街道", "2026年12月5日"]
    assert client.get(f"/workdays/{postponed.pk}/notice-changes/999999.docx").status_code == 404
    client.force_login(other_town_clerk)
    assert client.get(link).status_code == 404
    assert client.get(f"/api/v1{link}").status_code == 404


# --- The dossier ------------------------------------------------------------------------------------


def test_an_empty_day_has_every_section_and_a_manifest_that_checks(client, town_clerk, day, tmp_path):
    archive = dossier(client, town_clerk, day)
    assert sorted(archive.namelist()) == sorted([*SECTIONS, "MANIFEST.sha256"])
    assert all_docx_text(archive.read("01-筛查记录.docx")).count("无。") == 1
    assert "无。" in all_docx_text(archive.read("07-交办单.docx"))
    assert "无。" in all_docx_text(archive.read("09-办理记录.docx"))
    sign_in = workbook(archive.read("04-签到册.xlsx")).active
    assert [c.value for c in sign_in[2]] == ["编号", "姓名", "单位", "职务", "签到时间"] and sign_in.max_row == 2
    ledger = workbook(archive.read("08-台账.xlsx")).active
    assert ledger.max_row == 2 and ledger["A2"].value == "编号"
    assert workbook(archive.read("10-附件清单.xlsx")).active.max_row == 2
    folder = extracted(archive, tmp_path)
    checked = sha256sum_check(folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == len(SECTIONS)
    (folder / "05-登记表.docx").write_bytes(b"changed")
    failed = sha256sum_check(folder)
    assert failed.returncode != 0 and "05-登记表.docx: FAILED" in failed.stdout


@pytest.fixture
def full_day(clock, town_clerk, supervisor, labour_clerk, assigned):
    """The day with a screening item, a sign-in, a registration assigned, signed for and replied, and
    a photo."""
    case = assigned
    day = case.workday
    clock.set("2026-12-12 09:00")
    case.refresh_from_db()
    handling.case_receive(case=case, actor=labour_clerk, version=case.version)
    case.refresh_from_db()
    handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="已督促工地支付工资", concluded=True)
    services.screening_add(workday=day, actor=town_clerk, description="某小区物业纠纷", outcome="mediation")
    services.sign_in_add(workday=day, actor=town_clerk, name="张伟", title="党工委书记", unit_name="巴川街道")
    photo = attachment_add(actor=town_clerk, target=day, file=SimpleUploadedFile("现场照片.png", png_bytes(), "image/png"))
    return day, case, photo


@pytest.mark.parametrize("door", ["page", "api"])
def test_the_dossier_holds_the_records_of_the_day_masked(client, supervisor, town_clerk, full_day, door, tmp_path):
    day, case, photo = full_day
    archive = dossier(client, town_clerk, day, door)
    names = archive.namelist()
    assert [n for n in names if not n.startswith("10-附件/")] == [*SECTIONS, "MANIFEST.sha256"]
    assert archive.read("10-附件/001-现场照片.png") == png_bytes()
    screening = all_docx_text(archive.read("01-筛查记录.docx"))
    assert "某小区物业纠纷" in screening and "进入调处程序" in screening
    assert workbook(archive.read("04-签到册.xlsx")).active["B3"].value == "张伟"
    forms = all_docx_text(archive.read("05-登记表.docx"))
    assert "工地拖欠工资三个月" in forms and "李四" in forms
    assert "5002**********2314" in forms and "138****8000" in forms
    assignments = all_docx_text(archive.read("07-交办单.docx"))
    assert "“群众工作日”信访事项交办单" in assignments and "请核实欠薪情况，依法督促支付。" in assignments
    ledger = workbook(archive.read("08-台账.xlsx")).active
    assert ledger.max_row == 3 and ledger["A3"].value == case.pk
    handling_text = all_docx_text(archive.read("09-办理记录.docx"))
    assert "已督促工地支付工资" in handling_text and "区人力社保局" in handling_text
    attachments = workbook(archive.read("10-附件清单.xlsx")).active
    assert attachments["A1"].value == "附件清单" and attachments["B3"].value == "现场照片.png" and attachments["H3"].value == photo.sha256
    report = all_docx_text(archive.read("06-分析研判及报告.docx"))
    assert "登记事项1件，其中集体访0批，重复访0人。" in report
    for name in names:  # the full ID number and phone are nowhere in the dossier
        content = archive.read(name)
        if name.endswith(".docx"):
            content = all_docx_text(content).encode()
        elif name.endswith(".xlsx"):
            from exports.tests.office import all_text

            content = all_text(workbook(content)).encode()
        assert ID_NUMBER.encode() not in content and PHONE.encode() not in content, name
    checked = sha256sum_check(extracted(archive, tmp_path))
    assert checked.returncode == 0 and "10-附件/001-现场照片.png: OK" in checked.stdout


def test_libreoffice_opens_every_file_of_the_dossier(client, town_clerk, full_day, postponed_change_day, tmp_path):
    """One soffice run converts every .docx and .xlsx of a full dossier, plus a change notice alone."""
    office, pdftotext = _program("soffice", "libreoffice"), _program("pdftotext")
    day, _case, _photo = full_day
    folder = extracted(dossier(client, town_clerk, day), tmp_path)
    change_day, change = postponed_change_day
    client.force_login(town_clerk)
    (folder / "change.docx").write_bytes(body(client.get(f"/workdays/{change_day.pk}/notice-changes/{change.pk}.docx")))
    sources = sorted(p for p in folder.iterdir() if p.suffix in (".docx", ".xlsx"))
    out = tmp_path / "pdf"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(out),
         *map(str, sources)],
        check=True, capture_output=True, timeout=600,
    )
    for source in sources:
        pdf = out / (source.stem + ".pdf")
        assert pdf.exists(), source.name
        text = "".join(subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True).stdout.decode().split())
        assert text, source.name
    report = "".join(subprocess.run([pdftotext, "-enc", "UTF-8", str(out / "06-分析研判及报告.pdf"), "-"], check=True, capture_output=True).stdout.decode().split())
    assert "巴川街道关于2026年12月10日“群众工作日”开展情况的报告" in report
    change_text = "".join(subprocess.run([pdftotext, "-enc", "UTF-8", str(out / "change.pdf"), "-"], check=True, capture_output=True).stdout.decode().split())
    assert "延期公告" in change_text and "遇暴雨天气" in change_text


@pytest.fixture
def postponed_change_day(clock, town_clerk, plan_workday):
    clock.set("2026-11-01 10:00")
    other = plan_workday(town_clerk, "2026-11-20")
    clock.set("2026-11-13 10:00")
    services.notice_publish(workday=other, actor=town_clerk)
    clock.set("2026-11-14 10:00")
    other = services.workday_postpone(workday=other, actor=town_clerk, new_date=datetime.date(2026, 11, 27), reason="遇暴雨天气")
    clock.set("2026-12-12 09:00")
    return other, other.notice_changes.get()


def test_only_the_unit_and_the_joint_office_get_the_dossier(client, supervisor, town_clerk, other_town_clerk, full_day):
    day, _case, _photo = full_day
    client.force_login(town_clerk)
    page = client.get(f"/workdays/{day.pk}/").content.decode()
    assert f"/workdays/{day.pk}/dossier.zip" in page and f"/workdays/{day.pk}/report.docx" in page
    # 土桥镇 assists the case but the day is 巴川街道's: its archive is not 土桥镇's.
    client.force_login(other_town_clerk)
    for url in (f"/workdays/{day.pk}/dossier.zip", f"/api/v1/workdays/{day.pk}/dossier.zip",
                f"/workdays/{day.pk}/report.docx", f"/api/v1/workdays/{day.pk}/report.docx",
                "/workdays/999999/dossier.zip", "/api/v1/workdays/999999/dossier.zip"):
        assert client.get(url).status_code == 404, url
    assert sorted(dossier(client, supervisor, day, "api").namelist())[0] == "01-筛查记录.docx"
    client.logout()
    assert client.get(f"/workdays/{day.pk}/dossier.zip").status_code == 302
    assert client.get(f"/api/v1/workdays/{day.pk}/dossier.zip").status_code == 401


def test_a_voided_file_is_listed_and_only_the_joint_office_gets_its_content(client, supervisor, town_clerk, full_day):
    from attachments.services import attachment_void

    day, _case, photo = full_day
    attachment_void(attachment=photo, actor=town_clerk, reason="拍错了")
    unit = dossier(client, town_clerk, day)
    assert not any(n.startswith("10-附件/") for n in unit.namelist())
    listed = workbook(unit.read("10-附件清单.xlsx")).active
    assert "拍错了" in listed["I3"].value and listed["J3"].value == "未收入（已作废）"
    office = dossier(client, supervisor, day)
    assert office.read("10-附件/001-现场照片.png") == png_bytes()


def _register(day, clerk, n):
    for i in range(n):
        register_matter(
            workday=day, actor=clerk, petitioners=[{"name": "李四", "id_number": ID_NUMBER, "phone": PHONE}],
            kind="request", category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
            content=f"诉求{i}", disposition="refer", channel="区人力社保局",
        )


def test_the_query_count_does_not_grow_with_the_day(client, clock, supervisor, town_clerk, day):
    clock.set("2026-12-10 10:00")
    client.force_login(supervisor)

    def count(n_more: int) -> int:
        _register(day, town_clerk, n_more)
        for case in day.cases.filter(assignments__isnull=True):
            handling.case_assign(case=case, actor=supervisor, version=case.version, lead_unit=Unit.objects.get(name="区人力社保局"))
        with CaptureQueriesContext(connection) as queries:
            body(client.get(f"/workdays/{day.pk}/dossier.zip"))
        return len(queries)

    few = count(1)
    assert count(4) == few
