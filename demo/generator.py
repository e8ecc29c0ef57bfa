"""A data generator for measurements (issue 13): `manage.py generate --cases N --seed S`.

It builds what several years of the district look like — Work Days of every unit at the frequency
R1 asks (FrequencyRule), their registrations and petitioners (group visits, repeat petitioners,
valid GB 11643 ID numbers and phones), the cases with their handling (assignments with lead and
assisting units, returns, replies on time and late, feedback on referred matters, revisits, 督办),
the notifications those events send and the history rows they write — and ADDS it to the current
database, after `migrate` and `load_reference`. Existing rows stay; a second run (with another
seed) adds more without colliding on a unique field (person ID numbers on file are skipped).

How it stays fast: the rows are plain tuples with primary keys given here (from the table's
current maximum), written table by table in chunks — by COPY on PostgreSQL, by `executemany` of
the fields' own database values elsewhere (what bulk_create does, without building model
instances) — never one save() per row. Deadlines come from the services' own arithmetic
(`workcal.calendar.add_workdays`, memoised per start day and length, REPLY_WORKDAYS etc.), and the
texts of notifications from notifications.texts, as the services write them.

It writes while nothing else writes to the database (primary keys are taken from the maximum):
run it on a database the application is not serving. Deterministic for a seed, a `today` and the
reference data it starts from.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role, User
from cases.deadlines import is_late
from cases.models import (
    RECEIVE_WORKDAYS,
    REPLY_WORKDAYS,
    Assignment,
    Case,
    CaseStatus,
    CitizenFeedback,
    Handling,
    Reply,
    Revisit,
)
from history.models import Event
from intake.models import GROUP_VISIT_SIZE, Disposition, Kind, Person, Petitioner, Registration
from intake.validators import id_number_check_digit
from notifications import texts
from notifications.models import Kind as NoticeKind
from notifications.models import Notification
from supervision.models import SupervisionOrder
from units.models import TERRITORY_KINDS, Category, FrequencyRule, Period, Unit, UnitKind
from workcal.calendar import add_workdays
from workdays.models import Report, SignIn, Status, WorkDay

CHUNK_CASES = 20_000  # cases generated before the rows are written (and committed)
ORDER_RESPOND_DAYS = 3  # working days a 督办 gives the unit to answer

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华霞平刚桂兰玉梅红建国志飞鹏辉林凤珍玲琴云莲燕春兵德福贵荣文斌海波宇浩成光忠德"
# Chongqing prefixes of ID numbers: Tongliang (500224, most), Tongliang today (500151), neighbours.
REGIONS = ["500224"] * 8 + ["500151", "500106", "500113", "510681"]
MOBILE_PREFIXES = ["133", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "173", "177", "180",
                   "181", "183", "187", "189", "199"]
MATTERS = [
    "反映{c}方面的问题，希望尽快解决", "咨询{c}相关政策和办理流程", "对{c}处理结果有异议，请求复查",
    "就{c}问题多次反映未果，要求给予答复", "建议改进{c}相关工作", "反映邻里之间因{c}产生纠纷",
    "希望政府协调解决{c}问题", "对{c}工作提出意见",
]
ANSWERS = ["已当场解释相关政策，群众表示理解。", "已当场告知办理流程和所需材料，发放办事指南。", "已现场协调相关人员，当场答复。"]
CHANNELS = ["告知可向{d}反映", "告知通过法定途径向{d}申请", "告知可通过12345热线或向{d}书面反映"]
REPLIES = ["经调查核实，已协调相关单位解决，群众表示满意。", "已按政策办理完毕，并当面向群众答复。", "已现场处理，问题得到解决。",
           "已依法依规作出处理，并向群众解释说明。"]
NOT_CONCLUDED = "因涉及历史遗留问题暂不能办结，已向群众说明情况。"
FEEDBACK_TO_CENTER = "该事项涉及多部门职责，已书面报告区信访投诉中心，建议协调会商。"
# Villages and communities for extension sites and addresses when the reference data lists none.
PLACES = ["玉皇村", "龙门社区", "团结村", "光明社区", "新华村", "和平社区", "石鱼村", "金龙社区", "永嘉村", "白龙社区"]
RETURN_REASONS = ["该事项不属于本单位职责范围。", "经核实属地管理，应由属地办理。"]
REVISIT_NOTES = ["电话回访，群众对办理结果表示满意。", "电话回访，群众认为问题尚未解决。", "多次拨打电话无人接听。"]


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    busiest_workday_id: int | None = None


# --- writing rows -------------------------------------------------------------------------------

_PREPARED = (models.DateTimeField, models.DateField, models.TimeField, models.JSONField, models.UUIDField)


def _sqlite_value(f: models.Field) -> Callable:
    """What the field's get_db_prep_save gives on SQLite, without its per-call overhead (measured: it
    was most of the writing time): UTC naive ISO text for times, ISO dates, JSON text."""
    if isinstance(f, models.DateTimeField):
        return lambda v: v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(f, models.DateField):
        return dt.date.isoformat
    if isinstance(f, models.JSONField):
        return json.dumps
    return functools.partial(f.get_db_prep_save, connection=connection)


class _Table:
    """One table's pending rows: tuples in the order of the model's concrete fields."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        self.defaults = [self._default(f) for f in self.fields]
        start = model._default_manager.aggregate(m=Max("pk"))["m"] or 0
        self.next_id = start + 1
        self.rows: list[tuple] = []
        self.written = 0

    @staticmethod
    def _default(f: models.Field):
        return f.get_default()  # "" for a text field without a default, as a model instance has

    def add(self, **values) -> int:
        pk = self.next_id
        self.next_id += 1
        values["id"] = pk
        row = list(self.defaults)
        for name, value in values.items():
            row[self.index[name]] = value
        self.rows.append(tuple(row))
        return pk

    def write(self) -> None:
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        if connection.vendor == "postgresql":
            json_cols = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
            with connection.cursor() as cursor:
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in self.rows:
                        if json_cols:
                            row = list(row)
                            for i in json_cols:
                                row[i] = json.dumps(row[i], ensure_ascii=False)
                        copy.write_row(row)
        else:
            prep = [(i, _sqlite_value(f)) for i, f in enumerate(self.fields) if isinstance(f, _PREPARED)]
            marks = ", ".join(["%s"] * len(self.columns))
            sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
            with connection.cursor() as cursor:
                for start in range(0, len(self.rows), 5000):
                    batch = []
                    for row in self.rows[start:start + 5000]:
                        row = list(row)
                        for i, p in prep:
                            if row[i] is not None:
                                row[i] = p(row[i])
                        batch.append(row)
                    cursor.executemany(sql, batch)
        self.written += len(self.rows)
        self.rows = []


class _Sink:
    """Every table the generator writes, in the order their foreign keys need."""

    def __init__(self):
        order = [
            WorkDay, SignIn, Report, Person, Registration, Petitioner, Case, Case.assisting_units.through, Assignment,
            Assignment.assisting_units.through, Reply, CitizenFeedback, Revisit, SupervisionOrder, Notification, Event,
        ]
        self.tables = {m: _Table(m) for m in order}

    def __getitem__(self, model) -> _Table:
        return self.tables[model]

    def flush(self) -> None:
        with transaction.atomic():
            for table in self.tables.values():
                table.write()

    def reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    def counts(self) -> dict[str, int]:
        return {m._meta.db_table: t.written for m, t in self.tables.items()}


# --- the generator ------------------------------------------------------------------------------

@dataclass
class _Person:
    pk: int | None
    name: str
    id_number: str
    phone: str
    address: str
    last_case: int | None = None


class Generator:
    def __init__(self, *, seed: int, today: dt.date, now: dt.datetime, years: int, progress: Callable[[str], None]):
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.now = now
        self.years = years
        self.progress = progress
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.sink = _Sink()
        self.taken_ids = set(Person.objects.values_list("id_number", flat=True))
        self.persons: list[_Person] = []
        ct = ContentType.objects.get_for_model
        self.ct_case, self.ct_workday, self.ct_person = ct(Case).pk, ct(WorkDay).pk, ct(Person).pk
        self.ct_registration = ct(Registration).pk
        self.case_url = reverse("cases:detail", args=[999999999]).replace("999999999", "{}")
        with translation.override(settings.LANGUAGE_CODE):
            self.text = {k: str(getattr(texts, k)) for k in (
                "ASSIGNED", "ASSISTING", "RETURNED", "REPLIED", "REVISIT_NOT_REACHED", "REVISIT_UNSATISFIED",
                "REVISIT_CONTRADICTS", "ORDER_ISSUED", "ORDER_ANSWERED")}
        self._load_reference()

    # reference data and users
    def _load_reference(self) -> None:
        units = list(Unit.objects.order_by("order", "id"))
        self.joint_office = next(u for u in units if u.kind == UnitKind.JOINT_OFFICE)
        self.territories = [u for u in units if u.kind in TERRITORY_KINDS]
        if not self.territories:
            raise RuntimeError("No towns or streets: run `manage.py load_reference` first.")
        self.villages: dict[int, list[str]] = {}
        for u in units:
            if u.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY) and u.parent_id:
                self.villages.setdefault(u.parent_id, []).append(u.name)
        self.unit_name = {u.pk: u.name for u in units}
        categories = list(Category.objects.select_related("parent", "department", "parent__department").order_by("order", "id"))
        parents = {c.parent_id for c in categories if c.parent_id}
        self.categories = [c for c in categories if c.pk not in parents]
        self.category_weights = list(itertools.accumulate(1 / (i + 2) ** 0.7 for i in range(len(self.categories))))
        self.category_dept = {c.pk: c.responsible_department() for c in self.categories}
        rules = list(FrequencyRule.objects.all())
        self.hosts: list[tuple[Unit, FrequencyRule]] = []
        for u in units:
            rule = next((r for r in rules if r.applies_to(u)), None)
            if rule is not None:
                self.hosts.append((u, rule))
        involved = {u.pk: u for u, _ in self.hosts}
        involved.update({u.pk: u for u in self.territories})
        involved.update({d.pk: d for d in self.category_dept.values() if d is not None})
        self.users = self._users(list(involved.values()))

    def _users(self, units: list[Unit]) -> dict[int, User]:
        """One generated clerk per unit (the joint office's is a supervisor), made once and reused by
        later runs; existing accounts are left alone."""
        wanted = {f"gen_{u.pk}": u for u in units}
        existing = {user.username: user for user in User.objects.filter(username__in=wanted)}
        new = []
        for username, unit in wanted.items():
            if username not in existing:
                names = random.Random(unit.name)
                role = Role.SUPERVISOR if unit.kind == UnitKind.JOINT_OFFICE else Role.CLERK
                new.append(User(username=username, unit=unit, role=role, password=make_password(None),
                                full_name=names.choice(SURNAMES) + "".join(names.choices(GIVEN, k=2))))
        User.objects.bulk_create(new)
        by_name = {user.username: user for user in User.objects.filter(username__in=wanted)}
        return {unit.pk: by_name[username] for username, unit in wanted.items()}

    # small helpers
    @functools.cache  # noqa: B019 — one generator per run
    def deadline(self, day: dt.date, n: int):
        return add_workdays(day, n)

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    def past(self, moment: dt.datetime) -> bool:
        return moment <= self.now

    def event(self, ct: int, pk: int, at: dt.datetime, actor: int | None, action: str, changes=None, note: str = "") -> None:
        self.sink[Event].add(content_type_id=ct, object_id=pk, at=at, actor_id=actor, action=action,
                             changes=changes or {}, note=note)

    def notify(self, unit_id: int, kind: str, text: str, case_id: int, at: dt.datetime) -> None:
        user = self.users.get(unit_id)
        if user is None:
            return
        read = at + dt.timedelta(hours=self.rng.randint(1, 72))
        self.sink[Notification].add(recipient_id=user.pk, kind=kind, text=text[:300], url=self.case_url.format(case_id),
                                    created_at=at, read_at=read if self.past(read) else None)

    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choices(GIVEN, k=r.choice((1, 2, 2))))

    def id_number(self) -> str:
        r = self.rng
        while True:
            birth = dt.date(1940, 1, 1) + dt.timedelta(days=r.randrange(23_000))
            first17 = f"{r.choice(REGIONS)}{birth:%Y%m%d}{r.randrange(1000):03d}"
            number = first17 + id_number_check_digit(first17)
            if number not in self.taken_ids:
                self.taken_ids.add(number)
                return number

    def phone(self) -> str:
        r = self.rng
        if r.random() < 0.05:
            return f"023-{r.randint(2, 8)}{r.randrange(10**6, 10**7 - 1):07d}"[:12]
        return r.choice(MOBILE_PREFIXES) + f"{r.randrange(10**8):08d}"

    def places(self, unit: Unit) -> list[str]:
        """The villages and communities of a town or street (generic ones when none are on file)."""
        if unit.kind not in TERRITORY_KINDS:
            return []
        return self.villages.get(unit.pk) or PLACES

    # Work Days
    def plan_days(self) -> list[tuple[Unit, dt.date]]:
        """Each host's days, period by period, as its frequency rule asks (sometimes one more), on
        working days before today."""
        first_year = self.today.year - self.years + 1
        days = []
        for unit, rule in self.hosts:
            months = 3 if rule.period == Period.QUARTER else 6
            for year in range(first_year, self.today.year + 1):
                for start_month in range(1, 13, months):
                    start = dt.date(year, start_month, 1)
                    end_month = start_month + months
                    end = dt.date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1) - dt.timedelta(days=1)
                    if start >= self.today:
                        continue
                    end = min(end, self.today - dt.timedelta(days=1))
                    span = self.deadline(start - dt.timedelta(days=1), 1).date
                    count = rule.required + (self.rng.random() < 0.15)
                    for _ in range(count):
                        day = self.deadline(span - dt.timedelta(days=1), self.rng.randint(1, 55 * months // 3)).date
                        if day <= end:
                            days.append((unit, day))
        days.sort(key=lambda d: (d[1], d[0].order, d[0].pk))
        return days

    def workday(self, unit: Unit, day: dt.date, size: int) -> tuple[int, list[str], str]:
        r = self.rng
        clerk = self.users[unit.pk].pk
        villages = self.places(unit)
        sites = r.sample(villages, k=min(len(villages), r.choice((0, 1, 2)))) if villages else []
        place = f"{unit.name}{r.choice(['中心广场', '农贸市场', '便民服务中心', '文化广场'])}"
        planned = self.at(day - dt.timedelta(days=r.randint(10, 20)), 9)
        notice = self.at(day - dt.timedelta(days=r.randint(5, 7)), 10)
        held = self.at(day, 9)
        reported = self.at(self.deadline(day, 2).date, 17)
        is_reported = self.past(reported)
        status = Status.REPORTED if is_reported else Status.HELD
        pk = self.sink[WorkDay].add(
            host_unit_id=unit.pk, date=day, start_time=dt.time(9), end_time=dt.time(17 if size > 200 else 12), place=place,
            extension_sites=sites, leader=f"{unit.name}主要负责人", agenda="现场接待群众来访，登记诉求、意见和建议；能当场答复的当场答复。",
            procedure="签到 → 宣传政策 → 登记 → 分类处置 → 汇总报送", activity_forms=["定点接待"], visit_targets=[], research_topics=[],
            relief_areas=[], status=status, leader_informed_at=planned + dt.timedelta(days=1), leader_informed_note="书面报告联系区领导",
            notice_published_at=notice, held_at=held, materials_count=r.randint(50, 500), version=5 if is_reported else 4,
            created_by_id=clerk, created_at=planned,
        )
        for n in range(r.randint(3, 6)):
            self.sink[SignIn].add(workday_id=pk, name=self.name(), title="干部", unit_name=unit.name,
                                  signed_at=held + dt.timedelta(minutes=n), recorded_by_id=clerk)
        self.event(self.ct_workday, pk, planned, clerk, "planned")
        self.event(self.ct_workday, pk, notice, clerk, "notice_published", {"status": [Status.PLANNED, Status.NOTICE_PUBLISHED]})
        self.event(self.ct_workday, pk, held, clerk, "held", {"status": [Status.NOTICE_PUBLISHED, Status.HELD]})
        if is_reported:
            forwarded = reported + dt.timedelta(hours=r.randint(1, 40))
            self.sink[Report].add(workday_id=pk, summary=f"共接待群众{size}批，详见登记表。", figures={"registrations": size},
                                  submitted_at=reported, submitted_by_id=clerk,
                                  forwarded_at=forwarded if self.past(forwarded) else None,
                                  forwarded_by_id=self.users[self.joint_office.pk].pk if self.past(forwarded) else None)
            self.event(self.ct_workday, pk, reported, clerk, "report_submitted", {"status": [Status.HELD, Status.REPORTED]})
        return pk, sites, place

    # petitioners
    def petitioner_for(self, used: set[int], unit: Unit) -> _Person:
        r = self.rng
        if self.persons and r.random() < 0.10:  # a repeat petitioner (重复访)
            candidate = self.persons[r.randrange(max(0, len(self.persons) - 5000), len(self.persons))]
            if id(candidate) not in used:
                used.add(id(candidate))
                return candidate
        villages = self.places(unit)
        address = r.choice(villages) if villages and r.random() < 0.8 else ""
        with_id = r.random() < 0.85
        person = _Person(pk=None, name=self.name(), id_number=self.id_number() if with_id else "", phone=self.phone(), address=address)
        if with_id:
            self.persons.append(person)
        used.add(id(person))
        return person

    def registration(self, workday_id: int, unit: Unit, day: dt.date, sites: list[str], at: dt.datetime, used: set[int]) -> None:
        r = self.rng
        clerk = self.users[unit.pk]
        category = r.choices(self.categories, cum_weights=self.category_weights)[0]
        territory = unit if unit.kind in TERRITORY_KINDS else r.choice(self.territories)
        group = r.random() < 0.04
        listed = [self.petitioner_for(used, territory)]
        if group:
            listed += [self.petitioner_for(used, territory) for _ in range(r.randint(1, 2))]
        people_count = r.randint(GROUP_VISIT_SIZE, 30) if group else len(listed)
        roll = r.random()
        disposition = Disposition.ON_THE_SPOT if roll < 0.45 else Disposition.TIME_LIMIT if roll < 0.70 else Disposition.REFER
        dept = self.category_dept[category.pk]
        promised_days = r.choice((3, 5, 7, 10, 15, 20, 30)) if disposition == Disposition.TIME_LIMIT else None
        registration = self.sink[Registration].add(
            workday_id=workday_id, people_count=people_count, site=r.choice(sites) if sites and r.random() < 0.3 else "",
            kind=r.choices((Kind.REQUEST, Kind.OPINION, Kind.SUGGESTION), weights=(80, 12, 8))[0], category_id=category.pk,
            territory_id=territory.pk, content=r.choice(MATTERS).format(c=category.name), disposition=disposition,
            answer=r.choice(ANSWERS) if disposition == Disposition.ON_THE_SPOT else "",
            channel=r.choice(CHANNELS).format(d=dept.name if dept else "区信访办") if disposition == Disposition.REFER else "",
            promised_days=promised_days, responsible_person=clerk.display_name, registered_at=at, registered_by_id=clerk.pk,
        )
        repeat_of = None
        for position, person in enumerate(listed):
            if person.id_number and person.pk is None:
                person.pk = self.sink[Person].add(id_number=person.id_number, name=person.name, phone=person.phone,
                                                  address=person.address, created_at=at)
                self.event(self.ct_person, person.pk, at, clerk.pk, "created")
            elif person.pk is not None and position == 0:
                repeat_of = person.last_case
            self.sink[Petitioner].add(registration_id=registration, position=position, person_id=person.pk, name=person.name,
                                      id_number=person.id_number, phone=person.phone if position == 0 or r.random() < 0.5 else "",
                                      address=person.address)
        self.event(self.ct_workday, workday_id, at, clerk.pk, "registered", {"registrations": [None, registration]})
        case = self.case(registration, workday_id, unit, day, category, territory, disposition, at, clerk, promised_days,
                         repeat_of if r.random() < 0.5 else None)
        for person in listed:
            if person.pk is not None:
                person.last_case = case

    # cases
    def case(self, registration, workday_id, unit, day, category, territory, disposition, at, clerk, promised_days, repeat_of) -> int:
        r = self.rng
        office = self.users[self.joint_office.pk].pk
        deadline = self.deadline(day, REPLY_WORKDAYS)
        c = {
            "registration_id": registration, "workday_id": workday_id, "host_unit_id": unit.pk, "category_id": category.pk,
            "territory_id": territory.pk, "responsible_person": clerk.display_name, "version": 1,
        }
        pk = self.sink[Case].next_id
        later: list[tuple[dt.datetime, str, dict, str, int]] = []  # timeline of the case after its creation

        def bump(moment, action, changes=None, note="", actor=office):
            later.append((moment, action, changes or {}, note, actor))

        if disposition == Disposition.REFER:
            c.update(handling=Handling.ASSIGNED, status=CaseStatus.AWAITING_ASSIGNMENT, feedback_due=deadline.date,
                     feedback_provisional=deadline.provisional)
            if r.random() < 0.85:
                fed = self.at(self.deadline(day, r.choice((1, 2, 3, 5, 7, 7, 9))).date, 16)
                if self.past(fed):
                    self.sink[CitizenFeedback].add(case_id=pk, content="已将事项转交情况告知群众。", created_at=fed, created_by_id=clerk.pk)
                    c.update(feedback_at=fed, feedback_provisional=False)
                    bump(fed, "feedback_given", note="已将事项转交情况告知群众。", actor=clerk.pk)
            self.assigned(pk, c, day, category, territory, bump)
        else:
            c.update(handling=Handling.SELF, lead_unit_id=unit.pk, clock_start=day, due_date=deadline.date,
                     due_provisional=deadline.provisional)
            if promised_days:
                promised = self.deadline(day, promised_days)
                c.update(promised_due=promised.date, promised_provisional=promised.provisional)
            if disposition == Disposition.ON_THE_SPOT:
                c.update(status=CaseStatus.ANSWERED, replied_at=at, due_provisional=False)
            else:
                c.update(status=CaseStatus.HANDLING)
                self.reply(pk, c, unit.pk, clerk.pk, day, deadline.date, bump)
        if c["status"] in (CaseStatus.REPLIED, CaseStatus.ANSWERED) and r.random() < 0.6:
            closed = (c.get("replied_at") or at) + dt.timedelta(days=r.randint(2, 20))
            if self.past(closed):
                bump(closed, "closed", {"status": [c["status"], CaseStatus.CLOSED]})
                c.update(status=CaseStatus.CLOSED, closed_at=closed)
        if repeat_of is not None:
            linked = at + dt.timedelta(days=r.randint(1, 5))
            if self.past(linked):
                c["repeat_of_id"] = repeat_of
                bump(linked, "linked", {"repeat_of": [None, repeat_of]})
        c["version"] = 1 + len(later)
        created = self.sink[Case].add(**c)
        assert created == pk
        self.event(self.ct_case, pk, at, clerk.pk, "case_created")
        for moment, action, changes, note, actor in sorted(later, key=lambda e: e[0]):
            self.event(self.ct_case, pk, moment, actor, action, changes, note)
        return pk

    def assigned(self, pk, c, day, category, territory, bump) -> None:
        """交办 by the joint office, sometimes returned once (退回) and assigned again."""
        r = self.rng
        office = self.users[self.joint_office.pk].pk
        dept = self.category_dept[category.pk]
        lead = dept or territory
        assisting = [territory] if territory.pk != lead.pk else []
        delivered_day = self.deadline(day, r.choice((1, 1, 2, 3)))
        for attempt in range(2):
            delivered = self.at(delivered_day.date, 10, r.randint(0, 59))
            if not self.past(delivered):
                return
            due = self.deadline(delivered_day.date, REPLY_WORKDAYS)
            assignment = self.sink[Assignment].add(case_id=pk, lead_unit_id=lead.pk, delivered_at=delivered, delivered_by_id=office,
                                                   due_date=due.date, instructions="请按时办理并答复群众。")
            for unit in assisting:
                self.sink[Assignment.assisting_units.through].add(assignment_id=assignment, unit_id=unit.pk)
            c.update(status=CaseStatus.ASSIGNED, lead_unit_id=lead.pk, clock_start=delivered_day.date, due_date=due.date,
                     due_provisional=due.provisional)
            bump(delivered, "assigned", {"status": [CaseStatus.AWAITING_ASSIGNMENT, CaseStatus.ASSIGNED], "lead_unit": [None, lead.pk],
                                         "assisting_units": [None, [u.name for u in assisting]]}, "请按时办理并答复群众。")
            values = {"number": pk, "category": category.name, "due": due.date.isoformat()}
            self.notify(lead.pk, NoticeKind.ASSIGNED, self.text["ASSIGNED"] % values, pk, delivered)
            for unit in assisting:
                self.notify(unit.pk, NoticeKind.ASSIGNED, self.text["ASSISTING"] % values, pk, delivered)
            lead_clerk = self.users[lead.pk].pk
            received = self.at(self.deadline(delivered_day.date, r.choice((0, 0, 1, 1, 1, 2, 3)) or 1).date, 9, r.randint(0, 59))
            if attempt == 0 and r.random() < 0.06:  # 退回
                returned = self.at(self.deadline(delivered_day.date, RECEIVE_WORKDAYS).date, 15)
                if not self.past(returned):
                    return
                reason = r.choice(RETURN_REASONS)
                self.sink[Assignment].rows[-1] = self._set(Assignment, self.sink[Assignment].rows[-1], returned_at=returned,
                                                           returned_by_id=lead_clerk, return_reason=reason,
                                                           overdue_when_returned=is_late(returned, due.date))
                bump(returned, "returned", {"status": [CaseStatus.ASSIGNED, CaseStatus.AWAITING_ASSIGNMENT]}, reason, lead_clerk)
                self.notify(self.joint_office.pk, NoticeKind.RETURNED,
                            self.text["RETURNED"] % {"number": pk, "category": category.name, "unit": lead.name}, pk, returned)
                c.update(status=CaseStatus.AWAITING_ASSIGNMENT, lead_unit_id=None, clock_start=None, due_date=None,
                         due_provisional=False, return_count=c.get("return_count", 0) + 1)
                lead, assisting = (territory, []) if territory.pk != lead.pk else (r.choice(self.territories), [])
                delivered_day = self.deadline(returned.date(), r.choice((1, 2)))
                continue
            if self.past(received):
                self.sink[Assignment].rows[-1] = self._set(Assignment, self.sink[Assignment].rows[-1], received_at=received,
                                                           received_by_id=lead_clerk)
                c.update(responsible_person=self.users[lead.pk].display_name, responsible_user_id=lead_clerk)
                bump(received, "received", {"responsible_person": [None, self.users[lead.pk].display_name]}, actor=lead_clerk)
            for unit in assisting:
                self.sink[Case.assisting_units.through].add(case_id=pk, unit_id=unit.pk)
            self.reply(pk, c, lead.pk, lead_clerk, delivered_day.date, due.date, bump, category=category)
            return

    def _set(self, model, row: tuple, **values) -> tuple:
        table = self.sink[model]
        row = list(row)
        for name, value in values.items():
            row[table.index[name]] = value
        return tuple(row)

    def reply(self, pk, c, unit_id, actor, start: dt.date, due: dt.date, bump, category=None) -> None:
        """答复 on time (most) or late; then sometimes a revisit (回访) and a 督办 on late cases."""
        r = self.rng
        office = self.users[self.joint_office.pk].pk
        category_name = category.name if category else ""
        late = r.random() < 0.12
        n = r.randint(8, 15) if late else r.randint(1, REPLY_WORKDAYS)
        replied = self.at(self.deadline(start, n).date, r.randint(9, 17), r.randint(0, 59))
        if late or not self.past(replied):
            issued = self.at(self.deadline(due, 1).date, 10)
            if self.past(issued) and r.random() < 0.5:  # 督办 on an overdue case
                respond_by = self.deadline(issued.date(), ORDER_RESPOND_DAYS).date
                answered = issued + dt.timedelta(days=r.randint(1, 4))
                done = self.past(answered) and r.random() < 0.8
                self.sink[SupervisionOrder].add(
                    case_id=pk, unit_id=unit_id, text="该事项已逾期，请加快办理并书面报告办理情况。", issued_at=issued, issued_by_id=office,
                    respond_by=respond_by, status=SupervisionOrder.Status.RESPONDED if done else SupervisionOrder.Status.ISSUED,
                    response="已加快办理，近日答复群众。" if done else "", responded_at=answered if done else None,
                    responded_by_id=actor if done else None,
                )
                self.notify(unit_id, NoticeKind.ORDER_ISSUED, self.text["ORDER_ISSUED"] % {
                    "number": pk, "category": category_name, "respond_by": respond_by.isoformat()}, pk, issued)
        if not self.past(replied) or r.random() < 0.03:
            return  # still being handled
        concluded = r.random() < 0.92
        assigned = c["handling"] == Handling.ASSIGNED
        if not assigned:
            concluded = True
        content = r.choice(REPLIES) if concluded else NOT_CONCLUDED
        self.sink[Reply].add(case_id=pk, unit_id=unit_id, content=content, concluded=concluded,
                             feedback_to_center=FEEDBACK_TO_CENTER if assigned and not concluded else "", replied_at=replied,
                             replied_by_id=actor, due_date=due, on_time=not is_late(replied, due))
        bump(replied, "replied", {"status": [c["status"], CaseStatus.REPLIED]}, content, actor)
        c.update(status=CaseStatus.REPLIED, replied_at=replied, due_provisional=False)
        if c.get("feedback_due") and c.get("feedback_at") is None and unit_id == c["host_unit_id"]:
            c.update(feedback_at=replied, feedback_provisional=False)
        if assigned:
            self.notify(self.joint_office.pk, NoticeKind.REPLIED, self.text["REPLIED"] % {
                "number": pk, "category": category_name, "unit": self.unit_name[unit_id]}, pk, replied)
        if r.random() < 0.3:
            revisited = replied + dt.timedelta(days=r.randint(1, 6), hours=1)
            if self.past(revisited):
                reached = r.random() < 0.9
                satisfied = (r.random() < 0.85) if reached else None
                confirms = (r.random() < 0.95) if reached else None
                note = REVISIT_NOTES[0 if satisfied else 1] if reached else REVISIT_NOTES[2]
                self.sink[Revisit].add(case_id=pk, reached=reached, satisfied=satisfied, confirms_reply=confirms, note=note,
                                       created_at=revisited, created_by_id=office)
                bump(revisited, "revisited", {"revisit": [None, {"reached": reached, "satisfied": satisfied, "confirms_reply": confirms}]},
                     note)
                failed = ("REVISIT_NOT_REACHED" if not reached else "REVISIT_UNSATISFIED" if not satisfied
                          else "REVISIT_CONTRADICTS" if not confirms else None)
                if failed:
                    self.notify(self.joint_office.pk, NoticeKind.REVISIT_FAILED,
                                self.text[failed] % {"number": pk, "category": category_name}, pk, revisited)

    # the whole run
    def run(self, cases: int, busiest_day: int | None) -> Result:
        started = time.monotonic()
        days = self.plan_days()
        if not days:
            raise RuntimeError("No Work Day to generate: no unit has a frequency rule.")
        sizes = self.allot(cases, len(days), busiest_day)
        busiest_index = self.busiest_index(days) if busiest_day else None
        if busiest_index is not None:
            sizes[busiest_index], sizes[-1] = sizes[-1], sizes[busiest_index]
        self.progress(f"{len(days)} Work Days from {days[0][1]} to {days[-1][1]}; {cases} cases to generate")
        done = pending = 0
        busiest_id = None
        for i, ((unit, day), size) in enumerate(zip(days, sizes, strict=True)):
            workday_id, sites, _place = self.workday(unit, day, size)
            if i == busiest_index:
                busiest_id = workday_id
            seconds = (8 if size > 200 else 3) * 3600  # a busy day goes on into the afternoon
            offsets = sorted(self.rng.randrange(seconds) for _ in range(size))
            used: set[int] = set()
            for offset in offsets:
                at = self.at(day, 9) + dt.timedelta(seconds=offset)
                self.registration(workday_id, unit, day, sites, at, used)
            done += size
            pending += size
            if pending >= CHUNK_CASES:
                self.sink.flush()
                pending = 0
                self.progress(f"  {done:,} / {cases:,} cases ({time.monotonic() - started:.0f} s)")
        self.sink.flush()
        self.sink.reset_sequences()
        return Result(counts=self.sink.counts(), elapsed=time.monotonic() - started, busiest_workday_id=busiest_id)

    def allot(self, cases: int, n_days: int, busiest_day: int | None) -> list[int]:
        """How many cases each day gets: `busiest_day` for the last entry (swapped into place by
        run), the rest spread unevenly over the other days."""
        busy = min(busiest_day or 0, cases)
        rest = cases - busy
        slots = n_days - 1 if busiest_day else n_days
        weights = [self.rng.lognormvariate(0, 0.6) for _ in range(slots)]
        total = sum(weights)
        sizes = [int(rest * w / total) for w in weights]
        for k in range(rest - sum(sizes)):
            sizes[k % slots] += 1
        if busiest_day:
            sizes.append(busy)
        return sizes

    def busiest_index(self, days: list[tuple[Unit, dt.date]]) -> int:
        """The joint office's latest day (a busy joint-office day), else the latest day."""
        for i in range(len(days) - 1, -1, -1):
            if days[i][0].pk == self.joint_office.pk:
                return i
        return len(days) - 1


def generate(*, cases: int, seed: int, busiest_day: int | None = None, years: int = 5, today: dt.date | None = None,
             progress: Callable[[str], None] = lambda message: None) -> Result:
    """Add `cases` cases (with everything around them) to the database; see the module docstring.
    `today` fixes the clock for a reproducible run (the events happen before its evening)."""
    if today is None:
        now = timezone.now()
        today = timezone.localdate(now)
    else:
        now = dt.datetime.combine(today, dt.time(20), tzinfo=ZoneInfo(settings.TIME_ZONE))
    generator = Generator(seed=seed, today=today, now=now, years=years, progress=progress)
    return generator.run(cases, busiest_day)
