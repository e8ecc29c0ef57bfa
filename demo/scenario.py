"""A lived-in demo: Work Days in several states with registrations, cases and their handling, written
through the real services at the real time, so every flag and deadline is what the product computes.
The days held are held today (the services accept entries from the day on); the coming days are
planned from today. Loaded once (skipped when Work Days exist)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases import handling
from intake import services as intake_services
from intake.inputs import RegistrationIn
from intake.validators import id_number_check_digit
from units.models import Category, DistrictLeader, Unit
from workdays import services
from workdays.models import WorkDay


def day(offset: int) -> str:
    """A date `offset` days from today."""
    return (timezone.localdate() + dt.timedelta(days=offset)).isoformat()


def _id(first17: str) -> str:
    return first17 + id_number_check_digit(first17)


def _day(actor, date, place, **extra):
    fields = {
        "host_unit": actor.unit, "date": dt.date.fromisoformat(date), "start_time": dt.time(9, 0), "end_time": dt.time(12, 0),
        "place": place, "leader": actor.unit.name + "主要负责人", "participants": services.proposed_participants(actor.unit),
        "agenda": "一、主要负责人介绍活动目的、方法、措施和成效；二、现场接待群众来访，登记诉求、意见和建议；三、能当场答复的当场答复。",
        "procedure": "签到 → 宣传政策 → 登记 → 分类处置 → 汇总报送",
        "activity_forms": ["定点接待", "走街串巷"], "visit_targets": ["空巢老人", "信访群体（人员）"],
        "research_topics": ["群众“柴米油盐”"], "relief_areas": ["生活", "就业"],
    }
    fields["invited_leaders"] = services.proposed_invitees(actor.unit)
    fields.update(extra)
    return services.workday_plan(actor=actor, **fields)


def _register(workday, clerk, name, id17, phone, category, content, disposition, **extra):
    territory = workday.host_unit if workday.host_unit.is_territory else Unit.objects.get(name="巴川街道")
    data = RegistrationIn(
        petitioners=[{"name": name, "id_number": _id(id17) if id17 else "", "phone": phone, "address": extra.pop("address", "")}],
        kind=extra.pop("kind", "request"), category_id=Category.objects.get(name=category).pk, territory_unit_id=territory.pk,
        content=content, disposition=disposition, **extra,
    )
    registration, _ = intake_services.registration_create(workday=workday, actor=clerk, data=data)
    return registration.case


@transaction.atomic
def load_scenario() -> bool:
    if WorkDay.objects.exists():
        return False
    bachuan, tuqiao, zhujian = (User.objects.get(username=u) for u in ("bachuan", "tuqiao", "zhujian"))
    office = User.objects.get(username="lianxiban")
    labour = User.objects.get(username="renshe")

    # 巴川街道: a day held today and reported, with cases in every stage (planned on the day itself, so
    # the screening and the notice show as late, as the product would show them).
    held = _day(bachuan, day(0), "巴川街道中心广场", extension_sites=["玉皇村", "龙门社区"])
    services.screening_add(workday=held, actor=bachuan, description="玉皇村土地流转租金纠纷", outcome="mediation")
    services.screening_add(workday=held, actor=bachuan, description="龙门社区老旧小区加装电梯意见分歧", outcome="unresolved",
                           opinion="暂不具备条件，已准备政策解答，做好疏导")
    services.workday_inform_leader(workday=held, actor=bachuan, note="书面报告联系区领导，邀请区人力社保局参加")
    services.notice_publish(workday=held, actor=bachuan)
    for who in ("张伟", "刘芳", "陈明"):
        services.sign_in_add(workday=held, actor=bachuan, name=who, title="街道干部")
    services.briefing_record(workday=held, actor=bachuan, briefing="介绍了本次活动的目的、方法和近期化解成效。", materials_count=260)
    _register(held, bachuan, "张桂英", "50022419580312002", "13896012345", "低保与救助", "咨询低保申请条件", "on_the_spot",
              answer="已当场讲解低保申请条件和流程，发放办事指南。", address="玉皇村")
    lamp = _register(held, bachuan, "李国强", "50022419700521003", "13983012346", "市容环境", "小区路灯损坏多日未修", "time_limit",
                     promised_days=5, address="龙门社区")
    wages = _register(held, bachuan, "王建华", "50022419850715005", "15123012347", "欠薪讨薪", "在某工地务工被拖欠工资三个月", "refer",
                      channel="告知可向区人力社保局劳动保障监察大队反映", people_count=6)
    _register(held, bachuan, "赵明", "", "13594012348", "不动产登记", "房屋不动产证办理进度", "refer", channel="告知可向区规划自然资源局反映")
    services.report_submit(workday=held, actor=bachuan, summary="共接待群众4批9人次，当场答复1件，承诺解决时限1件，需交办2件。")
    services.report_forward(workday=held, actor=office)
    handling.case_assign(case=wages, actor=office, version=wages.version, lead_unit=Unit.objects.get(name="区人力社保局"),
                         assisting_units=[Unit.objects.get(name="巴川街道")])
    wages.refresh_from_db()
    handling.case_receive(case=wages, actor=labour, version=wages.version, responsible_person="钱进")
    wages.refresh_from_db()
    handling.case_assist_opinion(case=wages, actor=bachuan, version=wages.version, content="已核实工地位置及务工人员名单。")
    lamp.refresh_from_db()
    handling.case_reply(case=lamp, actor=bachuan, version=lamp.version, content="已联系物业更换路灯，群众表示满意。", concluded=True)
    wages.refresh_from_db()
    handling.case_reply(case=wages, actor=labour, version=wages.version, content="已责令施工方支付拖欠工资，款项已到位。", concluded=True)
    wages.refresh_from_db()
    handling.case_revisit(case=wages, actor=office, version=wages.version, reached=True, satisfied=True, confirms_reply=True,
                          note="电话回访，群众确认已收到工资。")

    # 土桥镇: held today as well; the notice went out late and the report is still missing.
    late_day = _day(tuqiao, day(0), "土桥镇农贸市场")
    services.notice_publish(workday=late_day, actor=tuqiao)
    services.sign_in_add(workday=late_day, actor=tuqiao, name="赵磊", title="镇党委委员")
    _register(late_day, tuqiao, "孙秀兰", "50022419620101004", "13709012349", "惠农补贴", "耕地地力保护补贴未到账", "time_limit",
              promised_days=10, address="土桥村")
    _register(late_day, tuqiao, "周强", "", "13608012350", "道路", "村道破损影响出行", "refer", channel="告知可向区交通局反映")

    # Coming days: 区住房城乡建委 (notice published on time, 6 days ahead) and 巴川街道, and the joint
    # office's own day led by a district leader.
    coming = _day(zhujian, day(6), "东城街道金龙广场", research_topics=["基层基础建设"])
    services.notice_publish(workday=coming, actor=zhujian)
    _day(bachuan, day(20), "巴川街道中心广场")
    leader = DistrictLeader.objects.order_by("order").first()
    _day(office, day(25), "铜梁区龙城广场", leading_district_leader=leader, invited_leaders=[leader] if leader else [])
    return True
