"""What an audit row says was done: a closed list, as Zulip's and Froide's event types.

Every row of the audit log names its action by one of these values, and :func:`record
<gongkai.audit.services.record>` accepts nothing else. The values are what the rows store and
what the hash chain covers (gongkai.audit.chain): a value, once written, is never renamed — a
new wording gets a new member, the old one stays for the rows that carry it (:data:`RETIRED`).
docs/audit.md lists each action with its label and the service that writes it
(tests/audit/test_audit_actions.py keeps the two in step).

The audit layer stands below every app that writes to the log, so the list lives here and the
apps name their actions by member (``AuditAction.ITEM_PUBLISH``); an app with a taxonomy of its
own (the steps of an application, the kinds of appeal) maps it onto these members where it
writes the row.
"""

from __future__ import annotations

from django.db import models


class AuditAction(models.TextChoices):
    # --- logins and the second factor (accounts/services.py) -------------------------------------
    ACCOUNT_LOGIN = "account.login", "登录成功"
    ACCOUNT_LOGIN_FAILED = "account.login_failed", "登录失败"
    ACCOUNT_LOCKED = "account.locked", "登录锁定"
    ACCOUNT_LOGOUT = "account.logout", "退出登录"
    ACCOUNT_TOTP_ENABLED = "account.totp_enabled", "启用动态口令"
    ACCOUNT_TOTP_DISABLED = "account.totp_disabled", "停用动态口令"
    # --- single sign-on through the unified user centre (accounts/services.py) -------------------
    ACCOUNT_SSO_LOGIN = "account.sso_login", "统一身份认证登录"
    ACCOUNT_SSO_REFUSED = "account.sso_refused", "统一身份认证登录被拒绝"
    ACCOUNT_SSO_LOGOUT = "account.sso_logout", "统一身份认证退出登录"
    ACCOUNT_SSO_APPLICANT = "account.sso_applicant", "申请人通过统一身份认证填写身份"

    # --- units, their staff and the venues of remedies (units/services.py; the demo) --------------
    UNIT_CREATE = "unit.create", "登记公开单位"
    UNIT_UPDATE = "unit.update", "修改公开单位信息"
    UNIT_VENUE = "unit.venue", "登记救济途径"
    UNIT_VENUE_REPAIR = "unit.venue_repair", "恢复救济途径记录（演示数据）"
    STAFF_CREATE = "staff.create", "开设工作人员账号"
    STAFF_UPDATE = "staff.update", "修改工作人员账号"
    STAFF_PASSWORD = "staff.password", "重设工作人员密码"

    # --- the holiday calendar (workdays/services.py) ---------------------------------------------
    CALENDAR_LOAD = "calendar.load", "载入节假日安排"
    # --- a region's own days (regions/services.py) ----------------------------------------------
    REGIONAL_DAY_ADD = "regional_day.add", "登记地方节假日或调休上班日"
    REGIONAL_DAY_WITHDRAW = "regional_day.withdraw", "撤销地方节假日或调休上班日"

    # --- the steps of an application: one per EventKind (applications/models.py) ----------------
    APPLICATION_RECEIVED = "application.received", "收到申请"
    APPLICATION_ASSIGNED = "application.assigned", "分办"
    APPLICATION_HANDED_BACK = "application.handed_back", "退回分办"
    APPLICATION_CORRECTION_REQUESTED = "application.correction_requested", "告知补正"
    APPLICATION_CORRECTION_RECEIVED = "application.correction_received", "收到补正"
    APPLICATION_CORRECTION_LAPSED = "application.correction_lapsed", "逾期未补正"
    APPLICATION_CONSULTATION_STARTED = "application.consultation_started", "征求意见"
    APPLICATION_CONSULTATION_ENDED = "application.consultation_ended", "征求意见结束"
    APPLICATION_EXTENSION_PROPOSED = "application.extension_proposed", "申请延期"
    APPLICATION_EXTENSION_APPROVED = "application.extension_approved", "批准延期"
    APPLICATION_EXTENSION_REJECTED = "application.extension_rejected", "不予延期"
    APPLICATION_FEE_NOTIFIED = "application.fee_notified", "收费通知"
    APPLICATION_FEE_NOTICE_RECEIVED = "application.fee_notice_received", "收费通知送达"
    APPLICATION_FEE_PAID = "application.fee_paid", "缴费"
    APPLICATION_FEE_LAPSED = "application.fee_lapsed", "逾期未缴费"
    APPLICATION_ART35_REASONS_REQUESTED = "application.art35_reasons_requested", "要求说明理由"
    APPLICATION_ART35_REASONS_ASSESSED = "application.art35_reasons_assessed", "审查申请理由"
    APPLICATION_ART35_DEADLINE = "application.art35_deadline", "确定延迟答复期限"
    APPLICATION_DECISION_PROPOSED = "application.decision_proposed", "拟定答复"
    APPLICATION_DECISION_APPROVED = "application.decision_approved", "答复审核通过"
    APPLICATION_DECISION_RETURNED = "application.decision_returned", "答复审核退回"
    APPLICATION_DELIVERED = "application.delivered", "送达"
    APPLICATION_WITHDRAWN = "application.withdrawn", "撤回申请"
    APPLICATION_DOCUMENT_ADDED = "application.document_added", "添加材料"
    APPLICATION_NOTICE_GENERATED = "application.notice_generated", "生成文书"
    APPLICATION_QUERY_CODE_RESET = "application.query_code_reset", "重置查询码"

    # --- reading cases and their personal data, exports, templates (applications/services/) ------
    APPLICATION_VIEW = "application.view", "查看、打印或下载案卷"
    APPLICATION_DOWNLOAD = "application.download", "下载案件材料"
    APPLICATION_REVEAL = "application.reveal", "查看完整个人信息"
    APPLICATION_EXPORT = "application.export", "导出申请清单"
    NOTICE_TEMPLATE_SAVE = "notice_template.save", "保存文书模板"

    # --- reconsideration, litigation, complaints (appeals/services.py) --------------------------
    APPEAL_RECONSIDERATION_CREATE = "appeal.reconsideration.create", "登记行政复议"
    APPEAL_RECONSIDERATION_DECIDE = "appeal.reconsideration.decide", "记录行政复议结果"
    APPEAL_LITIGATION_CREATE = "appeal.litigation.create", "登记行政诉讼"
    APPEAL_LITIGATION_DECIDE = "appeal.litigation.decide", "记录行政诉讼结果"
    APPEAL_COMPLAINT_CREATE = "appeal.complaint.create", "登记举报投诉"
    APPEAL_COMPLAINT_DECIDE = "appeal.complaint.decide", "记录举报投诉结果"

    # --- the catalog: columns, items, guides, reading places (catalog/services.py) ---------------
    COLUMN_TREE = "column.tree", "按标准结构建立栏目"
    COLUMN_SAVE = "column.save", "新建或修改栏目"
    ITEM_CREATE = "item.create", "起草信息"
    ITEM_UPDATE = "item.update", "修改信息草稿"
    ITEM_SUBMIT = "item.submit", "提交信息审核"
    ITEM_RETURN = "item.return", "退回信息修改"
    ITEM_PUBLISH = "item.publish", "保密审查后发布信息"
    ITEM_REVISE = "item.revise", "更正已发布信息"
    ITEM_WITHDRAW = "item.withdraw", "撤回信息"
    ITEM_VALIDITY = "item.validity", "标注信息有效性"
    ITEM_ATTACHMENTS = "item.attachments", "添加或删除附件"
    ITEM_IMPORT = "item.import", "导入已发布信息"
    ITEM_BACK_ENTRY = "item.back_entry", "补录历史信息"
    GUIDE_PUBLISH = "guide.publish", "发布公开指南"
    READING_PLACE_SAVE = "reading_place.save", "新增或修改查阅场所"
    PAPER_TRANSFER_RECORD = "paper_transfer.record", "报送纸质文件"

    # --- annual reports (reports/services.py) ----------------------------------------------------
    REPORT_MAPPING_SAVE = "report_mapping.save", "修改办理结果与年报行的对应"
    REPORT_CREATE = "report.create", "编制年度报告草稿"
    REPORT_UPDATE = "report.update", "修改年度报告"
    REPORT_SUBMIT = "report.submit", "报送年度报告"
    REPORT_RETURN = "report.return", "退回年度报告"
    REPORT_ACCEPT = "report.accept", "接收下级政府年度报告"
    REPORT_PUBLISH = "report.publish", "发布年度报告"
    REPORT_REOPEN = "report.reopen", "撤回年度报告的发布"

    # --- training of the units' staff (公开办) ----------------------------------------------
    TRAINING_SESSION_CREATE = "training.session_create", "登记培训"
    TRAINING_SESSION_UPDATE = "training.session_update", "修改培训"
    TRAINING_ATTENDANCE = "training.attendance", "登记参训单位和人数"
    TRAINING_MATERIAL = "training.material", "上传培训材料"
    # --- inspections and rectification (inspections/services.py) ---------------------------------
    INSPECTION_CREATE = "inspection.create", "登记监督检查"
    FINDING_ADD = "finding.add", "登记检查发现的问题"
    RECTIFICATION_ISSUE = "rectification.issue", "下发整改通知书"
    RECTIFICATION_RESPOND = "rectification.respond", "报送整改情况"
    RECTIFICATION_CLOSE = "rectification.close", "确认整改完成"
    RECTIFICATION_RETURN = "rectification.return", "退回整改情况"
    # --- the assessment of the units (assessment/services.py) -----------------------------------
    ASSESSMENT_RUBRIC_LOAD = "assessment.rubric_load", "载入考核细则"
    ASSESSMENT_CREATE = "assessment.create", "开始年度考核"
    ASSESSMENT_SCORE = "assessment.score", "考核评分"
    ASSESSMENT_IMPORT = "assessment.import", "导入第三方评估得分"
    ASSESSMENT_LOCK = "assessment.lock", "锁定年度考核"
    ASSESSMENT_REOPEN = "assessment.reopen", "撤回年度考核的锁定"
    # --- consultations on drafts and surveys (consultations/services.py) -------------------------
    CONSULTATION_OPEN = "consultation.open", "发布意见征集"
    CONSULTATION_ATTACHMENT = "consultation.attachment", "上传意见征集附件"
    CONSULTATION_END = "consultation.end", "提前结束意见征集"
    CONSULTATION_COMMENT = "consultation.comment", "收到公众意见"
    CONSULTATION_MODERATE = "consultation.moderate", "审核公众意见"
    CONSULTATION_ADOPTION = "consultation.adoption", "标明意见采纳情况"
    CONSULTATION_FEEDBACK = "consultation.feedback", "发布意见征集反馈"
    SURVEY_CREATE = "survey.create", "发布调查问卷"
    SURVEY_ANSWER = "survey.answer", "收到调查问卷回答"

    # --- the public's questions (留言咨询) ------------------------------------------------------
    QUESTION_SUBMIT = "question.submit", "收到网上留言"
    QUESTION_ROUTE = "question.route", "留言分办"
    QUESTION_DRAFT = "question.draft", "起草留言答复"
    QUESTION_RETURN = "question.return", "退回留言答复"
    QUESTION_APPROVE = "question.approve", "审核通过留言答复"
    QUESTION_CONVERT = "question.convert", "留言转为政府信息公开申请"
    # --- applications reused: 第四十四条, the de-identified register (reuse/services.py) --------
    REUSE_PUBLICATION_DRAFT = "reuse.publication_draft", "依申请转主动公开（起草）"
    REUSE_REGISTER_SWITCH = "reuse.register_switch", "设置办结申请登记的公开"
    REUSE_RELEASE_PUBLIC = "reuse.release_public", "标记提供的信息可在登记中公开"

    # --- the installation: backup, restore, the keys of personal data (commands) ----------------
    SYSTEM_BACKUP = "system.backup", "备份"
    WEBSITE_RETURN_CREATE = "website_return.create", "编制政府网站工作年度报表"
    WEBSITE_RETURN_UPDATE = "website_return.update", "修改政府网站工作年度报表"
    WEBSITE_RETURN_PUBLISH = "website_return.publish", "发布政府网站工作年度报表"
    WEBSITE_RETURN_REOPEN = "website_return.reopen", "撤回政府网站工作年度报表的发布"
    CONCERN_RESPONSE_RECORD = "concern_response.record", "登记回应关注"
    CONCERN_RESPONSE_UPDATE = "concern_response.update", "修改回应关注记录"
    SYSTEM_RESTORE = "system.restore", "从备份恢复"
    PERSONAL_DATA_KEYS_PRUNED = "personal_data.keys_pruned", "删除旧的个人信息密钥"
    PERSONAL_DATA_REENCRYPTED = "personal_data.reencrypted", "重新加密个人信息"
    # --- background tasks asked for on the staff pages (tasks/services.py) ----------------------
    TASK_QUEUE = "task.queue", "提交后台任务"


# Members that no code writes any more, kept for the rows that carry them (and their labels);
# record() refuses them. The bulk import became the back-entry of historical items (issue 15).
RETIRED: frozenset[AuditAction] = frozenset({AuditAction.ITEM_IMPORT})


# The audit page's filter groups the actions by what they are about: the first part of the value.
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("登录与账号", ("account",)),
    ("单位与工作人员", ("unit", "staff")),
    ("节假日", ("calendar", "regional_day")),
    ("依申请公开", ("application", "notice_template")),
    ("复议、诉讼与投诉", ("appeal",)),
    ("主动公开", ("column", "item", "guide", "reading_place", "paper_transfer")),
    ("年度报告", ("report", "report_mapping")),
    ("业务培训", ("training",)),
    ("监督检查与整改", ("inspection", "finding", "rectification")),
    ("考核", ("assessment",)),
    ("留言咨询", ("question",)),
    ("意见征集", ("consultation", "survey")),
    ("申请的再利用", ("reuse",)),
    ("政府网站年度报表与回应关注", ("website_return", "concern_response")),
    ("系统维护", ("system", "personal_data")),
    ("后台任务", ("task",)),
)


def area(action: AuditAction) -> str:
    """The group an action is shown in (:data:`AREAS`)."""
    prefix = action.value.split(".", 1)[0]
    return next(label for label, prefixes in AREAS if prefix in prefixes)


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The actions as (area, [(value, label), …]) in the order of :data:`AREAS` and the enum."""
    return [
        (label, [(a.value, a.label) for a in AuditAction if area(a) == label]) for label, _ in AREAS
    ]
