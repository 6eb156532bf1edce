"""Changes to the unit registry and to staff: one function per change, each in a transaction
and each audited (《条例》第四条: every agency designates who does its disclosure work)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from gongkai import law, remedies
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import actor_label, record
from gongkai.core.updates import diff, model_update, snapshot
from gongkai.units import signals
from gongkai.units.models import RemedyVenue, Role, Staff, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

UNIT_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "parent",
    "uscc",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
    "portal_host",
    "sort_order",
    "is_active",
)
STAFF_FIELDS = ("name", "unit", "role", "phone", "sso_id")
VENUE_FIELDS = ("valid_from", "rule", "body", "second_body", "online_channel", "court", "note")


@transaction.atomic
def unit_create(*, actor: Actor, data: dict[str, Any]) -> Unit:
    unit = Unit(**{k: v for k, v in data.items() if k in UNIT_FIELDS})
    unit.full_clean()
    unit.save()
    record(
        actor=actor,
        action=AuditAction.UNIT_CREATE,
        obj=unit,
        unit=unit,
        summary=f"登记公开单位“{unit.name}”",
        basis=law.ART4_WORK_SYSTEM,
        changes=diff({}, snapshot(unit, UNIT_FIELDS)),
    )
    return unit


@transaction.atomic
def unit_update(*, actor: Actor, unit: Unit, data: dict[str, Any]) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    update = model_update(unit, fields=UNIT_FIELDS, data=data)
    unit.full_clean()
    changes = update.changes()
    if not changes:
        return unit
    unit.save()
    record(
        actor=actor,
        action=AuditAction.UNIT_UPDATE,
        obj=unit,
        unit=unit,
        summary=f"修改公开单位“{unit.name}”的信息：{'、'.join(_labels(Unit, changes))}",
        basis=law.ART4_WORK_SYSTEM,
        changes=changes,
    )
    if "is_active" in changes:
        # Its items leave the portal and the search index, or come back (the catalog listens).
        switched = {"unit_id": unit.pk, "is_active": unit.is_active}
        signals.unit_switching.send(sender=Unit, **switched)
        transaction.on_commit(lambda: signals.unit_switched.send(sender=Unit, **switched))
    return unit


def _labels(model: type[Unit] | type[Staff], changes: dict[str, Any]) -> list[str]:
    names = {f.name: str(getattr(f, "verbose_name", f.name)) for f in model._meta.get_fields()}
    names.setdefault("is_active", "启用状态")
    return [names.get(name, name) for name in changes]


@transaction.atomic
def staff_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    name: str,
    role: Role,
    unit: Unit | None,
    phone: str = "",
    password_hash: str = "",
    sso_id: str = "",
) -> Staff:
    """Open an account for a staff member. ``password_hash`` (an already hashed password) lets
    the demo give many accounts one password without hashing it for each."""
    user_model = get_user_model()
    user = user_model(username=username)
    assert isinstance(user, AbstractUser)
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    staff = Staff(user=user, name=name, role=role, unit=unit, phone=phone, sso_id=sso_id)
    staff.full_clean()
    staff.save()
    record(
        actor=actor,
        action=AuditAction.STAFF_CREATE,
        obj=staff,
        unit=unit,
        summary=f"开设工作人员账号 {username}：{name}，{staff.get_role_display()}"
        + (f"，{unit.name}" if unit else ""),
        basis=law.ART4_WORK_SYSTEM,
        changes=diff({}, snapshot(staff, STAFF_FIELDS)),
    )
    return staff


@transaction.atomic
def staff_update(
    *,
    actor: Actor,
    member: Staff,
    name: str,
    role: Role,
    unit: Unit | None,
    phone: str,
    is_active: bool,
    sso_id: str | None = None,
) -> Staff:
    member = Staff.objects.select_for_update().select_related("user").get(pk=member.pk)
    update = model_update(
        member,
        fields=STAFF_FIELDS,
        data={
            "name": name,
            "role": role,
            "unit": unit,
            "phone": phone,
            "sso_id": member.sso_id if sso_id is None else sso_id,
        },
    )
    member.full_clean()
    changes = update.changes(also={"is_active": (member.user.is_active, is_active)})
    if not changes:
        return member
    member.save()
    if member.user.is_active != is_active:
        member.user.is_active = is_active
        member.user.save(update_fields=["is_active"])
    record(
        actor=actor,
        action=AuditAction.STAFF_UPDATE,
        obj=member,
        unit=unit,
        summary=f"修改工作人员 {member.user.get_username()}（{member.name}）："
        f"{'、'.join(_labels(Staff, changes))}",
        basis=law.ART4_WORK_SYSTEM,
        changes=changes,
    )
    return member


@transaction.atomic
def staff_set_password(*, actor: Actor, member: Staff, password: str) -> None:
    user = member.user
    user.set_password(password)
    user.save(update_fields=["password"])
    record(
        actor=actor,
        action=AuditAction.STAFF_PASSWORD,
        obj=member,
        unit=member.unit,
        summary=f"重设工作人员 {user.get_username()} 的密码",
        basis=law.ART4_WORK_SYSTEM,
    )


# --- where replies may be contested -------------------------------------------------------------
@transaction.atomic
def venue_record(
    *,
    actor: Actor,
    unit: Unit,
    valid_from: dt.date,
    rule: remedies.VenueRule | str,
    body: str,
    second_body: str = "",
    online_channel: str = "",
    court: str = "",
    note: str = "",
) -> RemedyVenue:
    """Record where the replies of ``unit`` decided on or after ``valid_from`` may be
    contested: the reconsideration body (or the two the applicant chooses between) that the
    provision of the 《行政复议法》 in force gives jurisdiction (``remedies.RULES``), the internet
    channel for filing (第二十二条第二款) and the court of first instance. Every problem is
    reported at once (ValidationError, in Chinese) and nothing is stored; a record is never
    changed afterwards, a change is a new record from its first day."""
    Unit.objects.select_for_update().get(pk=unit.pk)  # one record per unit and day at a time
    errors: dict[str, list[str]] = {}
    try:
        chosen: remedies.VenueRule | None = remedies.VenueRule(rule)
    except ValueError:
        chosen = None
    venue = RemedyVenue(
        unit=unit,
        valid_from=valid_from,
        rule=chosen.value if chosen else "",
        body=body.strip(),
        second_body=second_body.strip(),
        online_channel=online_channel.strip(),
        court=court.strip(),
        note=note.strip(),
        created_by_label=actor_label(actor),
    )
    problems: list[str] = []
    if not venue.body and (venue.second_body or chosen is None):
        # The pure check counts the bodies given; the first is the one a reply names first,
        # so it is the one that cannot be left out.
        problems.append("请写明行政复议机关")
    if chosen is None:
        errors["rule"] = ["请选择适用的情形"]
        if not venue.court:
            problems.append("请写明管辖法院")
    else:
        problems += remedies.venue_problems(venue.as_venue())
    if problems:
        errors[NON_FIELD_ERRORS] = list(dict.fromkeys(problems))
    try:
        # Lengths and the like; an empty body or court is already explained above.
        venue.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            messages = [
                message
                for error in field_errors
                if error.code not in ("blank", "null", "required")
                for message in error.messages
            ]
            if messages:
                errors.setdefault(field, []).extend(messages)
    if RemedyVenue.objects.filter(unit=unit, valid_from=valid_from).exists():
        errors.setdefault("valid_from", []).append(
            f"{unit.name}已有自{valid_from.isoformat()}起的记录；已登记的记录不能修改，"
            "如有变化，请另选起始日期登记新的记录"
        )
    if errors:
        raise ValidationError(errors)
    assert chosen is not None
    venue.save()
    info = remedies.RULES[chosen]
    record(
        actor=actor,
        action=AuditAction.UNIT_VENUE,
        obj=venue,
        unit=unit,
        summary=f"登记{unit.name}自{valid_from.isoformat()}起的救济途径：行政复议机关"
        f"{'或者'.join(venue.bodies)}，管辖法院{venue.court}",
        basis=info.basis,
        changes=diff({}, snapshot(venue, VENUE_FIELDS)),
    )
    return venue
