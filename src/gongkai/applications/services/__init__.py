"""Every change to an application: one function per step, each in a transaction, each
appending an immutable event (who, when, what, legal basis, documents), recomputing the stored
due date and writing the audit log. Views call these and nothing else to change a case.

Dates: ``on`` is the legal date of the step (the day the notice went out, the day the payment
arrived …), which may be earlier than the day it is recorded but never later; it decides the
clock. ``recorded_at`` on the event is when it was entered.

One module per topic: :mod:`.intake`, :mod:`.routing`, :mod:`.correction`,
:mod:`.consultation`, :mod:`.extension`, :mod:`.fees`, :mod:`.article35`, :mod:`.decision`,
:mod:`.withdrawal`, :mod:`.other`, :mod:`.templates`; what they share in :mod:`.common` (the
shared steps, the clock and the other deadlines of a case), :mod:`.documents` and
:mod:`.numbers`. Reads that change nothing are in :mod:`gongkai.applications.selectors`.
This module only gathers the public names, so that ``services.application_register(...)``
keeps working.
"""

from __future__ import annotations

from gongkai.applications.services.article35 import (
    application_assess_reasons,
    application_request_reasons,
    application_set_reasonable_period,
)
from gongkai.applications.services.common import (
    ApplicationError,
    Deadline,
    clock_events,
    compute_clock,
    fee_receipt,
    presumed_fee_receipt,
    recompute_due,
    running_deadlines,
    today,
)
from gongkai.applications.services.consultation import (
    POSITIONS,
    application_end_consultation,
    application_start_consultation,
)
from gongkai.applications.services.correction import (
    CORRECTION_TEXT_MAX,
    application_correct_online,
    application_lapse_correction,
    application_receive_correction,
    application_request_correction,
)
from gongkai.applications.services.decision import (
    application_approve_decision,
    application_deliver,
    application_propose_decision,
    application_return_decision,
)
from gongkai.applications.services.documents import (
    Upload,
    check_uploads,
    max_upload_bytes,
    notice_context,
    reply_context,
    unit_context,
    venue_for,
)
from gongkai.applications.services.export import Export, applications_export
from gongkai.applications.services.extension import (
    application_approve_extension,
    application_propose_extension,
    application_reject_extension,
)
from gongkai.applications.services.fees import (
    FEE_DELIVERY,
    application_lapse_fee,
    application_notify_fee,
    application_record_fee_receipt,
    application_record_payment,
    fee_quote,
)
from gongkai.applications.services.intake import (
    ApplicantData,
    Intake,
    application_register,
    application_register_converted,
    application_submit_online,
)
from gongkai.applications.services.numbers import (
    QUERY_CODE_ALPHABET,
    QUERY_CODE_LENGTH,
    UNROUTED_PREFIX,
    hash_query_code,
    new_query_code,
    next_tracking_number,
    query_code_matches,
    reserve_tracking_number,
)
from gongkai.applications.services.other import (
    application_add_documents,
    application_document_downloaded,
    application_personal_data_revealed,
    application_reset_query_code,
    application_viewed,
)
from gongkai.applications.services.routing import application_assign, application_hand_back
from gongkai.applications.services.templates import template_save
from gongkai.applications.services.withdrawal import application_withdraw

__all__ = [
    "CORRECTION_TEXT_MAX",
    "FEE_DELIVERY",
    "POSITIONS",
    "QUERY_CODE_ALPHABET",
    "QUERY_CODE_LENGTH",
    "UNROUTED_PREFIX",
    "ApplicantData",
    "ApplicationError",
    "Deadline",
    "Export",
    "Intake",
    "Upload",
    "application_add_documents",
    "application_approve_decision",
    "application_approve_extension",
    "application_assess_reasons",
    "application_assign",
    "application_correct_online",
    "application_deliver",
    "application_document_downloaded",
    "application_end_consultation",
    "application_hand_back",
    "application_lapse_correction",
    "application_lapse_fee",
    "application_notify_fee",
    "application_personal_data_revealed",
    "application_propose_decision",
    "application_propose_extension",
    "application_receive_correction",
    "application_record_fee_receipt",
    "application_record_payment",
    "application_register",
    "application_register_converted",
    "application_reject_extension",
    "application_request_correction",
    "application_request_reasons",
    "application_reset_query_code",
    "application_return_decision",
    "application_set_reasonable_period",
    "application_start_consultation",
    "application_submit_online",
    "application_viewed",
    "application_withdraw",
    "applications_export",
    "check_uploads",
    "clock_events",
    "compute_clock",
    "fee_quote",
    "fee_receipt",
    "hash_query_code",
    "max_upload_bytes",
    "new_query_code",
    "next_tracking_number",
    "notice_context",
    "presumed_fee_receipt",
    "query_code_matches",
    "recompute_due",
    "reply_context",
    "reserve_tracking_number",
    "running_deadlines",
    "template_save",
    "today",
    "unit_context",
    "venue_for",
]
