"""The registry of disclosure units (公开单位) and the staff who work in them."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from gongkai import remedies
from gongkai.units.codes import uscc_problem


def validate_uscc(value: str) -> None:
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(problem)


phone_validator = RegexValidator(
    r"^[0-9+()（）\-－ ,，、转]{5,60}$", "电话号码只能包含数字、空格、括号、连字符和“转”"
)


class UnitKind(models.TextChoices):
    PROVINCE = "province", "省政府"
    CITY = "city", "市政府"
    DISTRICT = "district", "区政府"
    COUNTY = "county", "县政府"
    DEPARTMENT = "department", "委办局（中心）"
    TOWNSHIP = "township", "乡镇"
    STREET = "street", "街道"
    OTHER = "other", "其他"


# The levels that are governments with a disclosure office of their own (政府信息公开工作主管部门),
# a portal and a consolidated annual report (《条例》第五十条): 省、市、区、县. A 乡镇 is a
# government too but reports to its county's office like a department (30号), so it is a unit
# in its government's subtree, not a government of the tree (units/tree.py).
GOVERNMENT_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.CITY, UnitKind.DISTRICT, UnitKind.COUNTY})

# A portal's host name (docs/governments.md): lower-case labels of letters, digits and hyphens,
# dot-separated, at least two labels, no port (gk.yanqing.gov.cn, jq.localhost).
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOST_NAME = re.compile(rf"(?=.{{3,253}}$)(?:{_LABEL}\.)+{_LABEL}", re.ASCII)


def validate_host_name(value: str) -> None:
    if not HOST_NAME.fullmatch(value):
        raise ValidationError(
            "门户网站主机名格式不正确，应为小写字母、数字和连字符组成、以点分隔的域名，"
            "例如 gk.example.gov.cn"
        )


class Unit(models.Model):
    """A body that discloses information under its own name (《条例》第十条)."""

    code = models.SlugField(
        "单位代码",
        max_length=32,
        unique=True,
        help_text="英文字母、数字和连字符，用于网址和编号，例如 fgw",
    )
    name = models.CharField("单位名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30)
    kind = models.CharField("类别", max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc]
    )
    address = models.CharField("公开工作机构办公地址", max_length=200, blank=True)
    postcode = models.CharField(
        "邮政编码",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", "邮政编码应为6位数字")],
    )
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=60, blank=True, validators=[phone_validator])
    fax = models.CharField("传真", max_length=60, blank=True, validators=[phone_validator])
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("网站", blank=True)
    # The host name of this government's portal (集约化: one deployment, a portal per
    # government); the portal answering on it shows this government's subtree only.
    portal_host = models.CharField(
        "门户网站主机名",
        max_length=253,
        blank=True,
        validators=[validate_host_name],
        help_text="仅一级政府（省、市、区、县）填写，例如 gk.example.gov.cn；"
        "访问该主机名的门户只显示本级政府及其下属单位。须同时列入 GONGKAI_ALLOWED_HOSTS",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = "公开单位"
        verbose_name_plural = "公开单位"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=UnitKind.values), name="unit_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["portal_host"],
                condition=~models.Q(portal_host=""),
                name="unit_portal_host_unique",
                violation_error_message="该门户网站主机名已由其他政府使用",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.portal_host = self.portal_host.strip().lower().rstrip(".")
        if self.portal_host and self.kind not in GOVERNMENT_KINDS:
            raise ValidationError(
                {"portal_host": "只有一级政府（省、市、区、县）可以设置门户网站主机名"}
            )
        # A unit may not be its own ancestor.
        seen = {self.pk}
        parent = self.parent
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError({"parent": "上级单位不能形成循环"})
            seen.add(parent.pk)
            parent = parent.parent


class Role(models.TextChoices):
    CLERK = "clerk", "经办人"
    REVIEWER = "reviewer", "审核人"
    OFFICE = "office", "公开办"
    SUPERVISOR = "supervisor", "监督"


UNIT_ROLES = (Role.CLERK, Role.REVIEWER)


class Staff(models.Model):
    """A user's place in the organisation. Clerks and reviewers work for one unit; the office
    (公开办) works for its government's subtree (without a unit: the whole deployment); a
    supervisor reads what the office sees (docs/governments.md)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        on_delete=models.PROTECT,
        related_name="staff",
    )
    name = models.CharField("姓名", max_length=50)
    unit = models.ForeignKey(
        Unit,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    phone = models.CharField("电话", max_length=60, blank=True, validators=[phone_validator])
    # The identifier the district's unified user centre (统一用户中心) gives this person: the
    # OpenID Connect claim or CAS attribute named in GONGKAI_OIDC_STAFF_CLAIM /
    # GONGKAI_CAS_STAFF_ATTRIBUTE (docs/sso.md). Registered here by the office; a person the
    # centre knows but no Staff record names is refused, never created.
    sso_id = models.CharField(
        "统一身份认证标识",
        max_length=200,
        blank=True,
        help_text="统一用户中心中此人的标识（如用户名或工号）；留空则只能用本系统账号密码登录",
    )

    class Meta:
        ordering = ["unit__sort_order", "role", "name"]
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="staff_role_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=[r.value for r in UNIT_ROLES])
                | models.Q(unit__isnull=False),
                name="staff_unit_role_has_unit",
            ),
            models.UniqueConstraint(
                fields=["sso_id"],
                condition=~models.Q(sso_id=""),
                name="staff_sso_id_unique",
                violation_error_message="该统一身份认证标识已登记给其他工作人员",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"

    def clean(self) -> None:
        # The office and the supervisor of a unit see the subtree of the government at or
        # above it (gongkai.accounts.access.scope): the unit must be a government or lie under
        # one (its general office, where the 公开办 sits). No unit: the whole deployment.
        if self.role in (Role.OFFICE, Role.SUPERVISOR) and self.unit is not None:
            from gongkai.units import tree

            if self.unit.kind not in GOVERNMENT_KINDS and tree.government_of(self.unit) is None:
                raise ValidationError(
                    {
                        "unit": "公开办和监督人员的所属单位应为一级政府（省、市、区、县）"
                        "或其下属单位；留空表示整个平台"
                    }
                )

    @property
    def is_active(self) -> bool:
        return bool(self.user.is_active)


class RemedyVenue(models.Model):
    """Where the replies of a unit may be contested, from ``valid_from`` until the next record:
    the body that hears a reconsideration (行政复议机关, one or two by the provision that gives
    it jurisdiction), the internet channel for filing one, and the court of first instance.
    A reply names the record in force on the day it is decided (《行政复议法》第二十条第三款:
    a reply that does not name the body lets the applicant's time run for up to a year).

    Records are never changed: a change of body or court is a new record from its first day,
    so a reply can always be traced to the record it named."""

    unit = models.ForeignKey(
        Unit, verbose_name="公开单位", on_delete=models.PROTECT, related_name="venues"
    )
    valid_from = models.DateField(
        "起始日期", help_text="适用于该日及以后作出的答复，直至下一条记录的起始日期"
    )
    rule = models.CharField(
        "适用情形",
        max_length=32,
        choices=[(rule.value, rule.label) for rule in remedies.VenueRule],
    )
    body = models.CharField("行政复议机关", max_length=100)
    second_body = models.CharField(
        "另一行政复议机关",
        max_length=100,
        blank=True,
        help_text="仅适用于申请人可以选择两个行政复议机关的情形",
    )
    online_channel = models.CharField(
        "互联网申请渠道",
        max_length=300,
        blank=True,
        help_text="提交行政复议申请的互联网渠道，例如网址或平台名称"
        "（《中华人民共和国行政复议法》第二十二条第二款）",
    )
    court = models.CharField("管辖法院", max_length=100)
    note = models.CharField("依据和说明", max_length=500, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    created_by_label = models.CharField("登记人", max_length=200)

    class Meta:
        ordering = ["unit", "-valid_from"]
        verbose_name = "救济途径"
        verbose_name_plural = "救济途径"
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="venue_unit_from_unique"),
            models.CheckConstraint(
                condition=models.Q(rule__in=[rule.value for rule in remedies.VenueRule]),
                name="venue_rule_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}自{self.valid_from.isoformat()}起的救济途径"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("救济途径记录不可修改；如有变化，请登记新的记录")
        super().save(*args, **kwargs)

    @property
    def rule_info(self) -> remedies.RuleInfo:
        return remedies.RULES[remedies.VenueRule(self.rule)]

    @property
    def bodies(self) -> tuple[str, ...]:
        return (self.body, self.second_body) if self.second_body.strip() else (self.body,)

    def as_venue(self) -> remedies.Venue:
        """The record as the pure ``remedies.Venue`` a reply is written from."""
        return remedies.Venue(
            rule=remedies.VenueRule(self.rule),
            bodies=self.bodies,
            valid_from=self.valid_from,
            online_channel=self.online_channel,
            court=self.court,
        )
