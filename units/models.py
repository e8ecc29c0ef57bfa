"""Units (组织单位), district leaders, categories (问题类别) and the R13 reference lists."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    DISTRICT = "district", _("District")
    JOINT_OFFICE = "joint_office", _("Joint office")
    STREET = "street", _("Street")
    TOWN = "town", _("Town")
    DEPARTMENT = "department", _("Department")
    COMMUNITY = "community", _("Community")
    VILLAGE = "village", _("Village")


TERRITORY_KINDS = (UnitKind.TOWN, UnitKind.STREET)


class Unit(models.Model):
    """组织单位 — a node of the district's tree: the district, the joint office, towns and streets,
    departments, and the villages and communities under a town."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_key = models.BooleanField(_("key petition department"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_joint_office(self) -> bool:
        return self.kind == UnitKind.JOINT_OFFICE

    @property
    def is_territory(self) -> bool:
        """Towns and streets are the territories (属地) where matters arise."""
        return self.kind in TERRITORY_KINDS


class DistrictLeader(models.Model):
    """区级领导 — a district leader who liaises with (联系) towns/streets or oversees (分管) departments."""

    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(pgettext_lazy("post", "title"), max_length=100)
    liaison_units = models.ManyToManyField(
        Unit, verbose_name=_("liaison units (联系)"), blank=True, related_name="liaison_leaders"
    )
    oversight_units = models.ManyToManyField(
        Unit, verbose_name=_("overseen units (分管)"), blank=True, related_name="oversight_leaders"
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("district leader")
        verbose_name_plural = _("district leaders")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）"


class UnitOfficial(models.Model):
    """A member of a unit's leadership (e.g. 李明, 党工委书记), entered in the admin. The plan form
    proposes them as participants written 姓名（职务）; the principal leader (主要负责同志) is the one
    whose absence from the sign-in book is flagged (R3)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="officials")
    name = models.CharField(_("name"), max_length=50)
    post = models.CharField(_("post"), max_length=100)
    is_principal = models.BooleanField(
        _("principal leader"), default=False, help_text=_("The unit's principal leader (主要负责同志), who leads its Work Days (R3).")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("unit leadership member")
        verbose_name_plural = _("unit leadership")
        ordering = ["unit", "-is_principal", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=models.Q(is_principal=True), name="one_principal_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.post}）"


class Category(models.Model):
    """问题类别 — a tree; a first-level category may name the department responsible (属事)."""

    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent category"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    department = models.ForeignKey(
        Unit,
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="categories",
        limit_choices_to={"kind": UnitKind.DEPARTMENT},
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # What __str__ reads besides the row (history names a category in one query with it).
    name_relations = ("parent",)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="category_unique_name_per_parent")]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    def responsible_department(self) -> Unit | None:
        """The department of this category, or of the nearest ancestor that names one."""
        node: Category | None = self
        while node is not None:
            if node.department_id:
                return node.department
            node = node.parent
        return None


class ListKind(models.TextChoices):
    ACTIVITY_FORM = "activity_form", _("Activity form")
    VISIT_TARGET = "visit_target", _("Visit target")
    RESEARCH_TOPIC = "research_topic", _("Research topic")
    RELIEF_AREA = "relief_area", _("Relief area")


class ListItem(models.Model):
    """An entry of one of the R13 lists: activity forms, visit targets, research topics, relief areas."""

    kind = models.CharField(_("list"), max_length=20, choices=ListKind.choices)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reference list item")
        verbose_name_plural = _("reference list items")
        ordering = ["kind", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="listitem_unique_name_per_kind")]

    def __str__(self) -> str:
        return self.name


class Period(models.TextChoices):
    QUARTER = "quarter", _("Every quarter")
    HALF_YEAR = "half_year", _("Every half-year")


class FrequencyRule(models.Model):
    """R1 — how often a kind of unit must hold a Work Day (群众工作日). Editable by the joint office."""

    unit_kind = models.CharField(_("unit kind"), max_length=20, choices=UnitKind.choices)
    key_departments_only = models.BooleanField(_("key departments only"), default=False)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    required = models.PositiveSmallIntegerField(_("days required per period"), default=1)

    class Meta:
        verbose_name = _("frequency rule")
        verbose_name_plural = _("frequency rules")
        constraints = [models.UniqueConstraint(fields=["unit_kind", "key_departments_only"], name="one_rule_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_unit_kind_display()} {self.get_period_display()} {self.required}"

    def applies_to(self, unit: Unit) -> bool:
        return unit.kind == self.unit_kind and (unit.is_key or not self.key_departments_only)


class DistrictSettings(models.Model):
    """The district's own facts from the reference file: its name, the joint office, the complaint centre.
    One row."""

    district_name = models.CharField(_("district"), max_length=100)
    joint_office_short = models.CharField(_("joint office short name"), max_length=100)
    petition_office = models.CharField(_("petition office"), max_length=100)
    complaint_center = models.CharField(_("complaint centre"), max_length=100)
    # 发文字号的机关代字: the prefix of the joint office's document numbers, e.g. 铜信联办〔2026〕12号.
    document_prefix = models.CharField(
        _("document number prefix"),
        max_length=20,
        default="铜信联办",
        help_text=_("The issuer code of the joint office's document numbers, e.g. 铜信联办 in 铜信联办〔2026〕12号."),
    )
    signoff_required = models.BooleanField(
        _("sign-off by the unit leader required"),
        default=False,
        help_text=_("Replies, Work Day reports and results publications are released only when a unit leader approves (审核签发)."),
    )

    class Meta:
        verbose_name = _("district settings")
        verbose_name_plural = _("district settings")

    def __str__(self) -> str:
        return self.district_name


def signoff_required() -> bool:
    """Whether this district has a unit leader approve replies, reports and results before they go out."""
    return DistrictSettings.objects.filter(signoff_required=True).exists()
