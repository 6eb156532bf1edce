"""先查一查 (gongkai/portal/lookup_views.py) on both forms that use it: the answered questions it
finds besides the published items, what it never shows (a private reply, a question not yet
answered), and the question form's "查一查" button, which redisplays what was typed and stores
nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.portal.lookup_views import QUESTION_SHARE, similar_questions
from gongkai.questions.models import Question
from gongkai.search.text import bigram_set
from tests.questions.test_questions import answered, ask, form

pytestmark = pytest.mark.django_db

TYPED = "我想申请延庆镇的征地补偿标准"


@pytest.fixture
def questions(clerk_a, reviewer_a, unit_a):
    """One published answer like TYPED, the same question answered privately, one still
    waiting, and one published about something else."""
    like = {"subject": "延庆镇征地补偿标准是多少", "text": "请问延庆镇征地补偿标准在哪里可以查到？"}
    return {
        "published": answered(ask(unit_a, **like), clerk_a, reviewer_a),
        "private": answered(ask(unit_a, public=False, **like), clerk_a, reviewer_a),
        "waiting": ask(unit_a, **like),
        "other": answered(ask(unit_a), clerk_a, reviewer_a),  # 居住证
    }


def test_an_answered_question_like_the_text_is_found_and_nothing_private(questions, client):
    assert Question.objects.on_portal().count() == 2
    assert similar_questions(TYPED) == [questions["published"]]
    data = json.loads(client.get(reverse("portal:similar"), {"q": TYPED}).content)
    assert [q["url"] for q in data["questions"]] == [
        reverse("portal:question", args=[questions["published"].pk])
    ]
    assert data["questions"][0]["title"] == "延庆镇征地补偿标准是多少"
    assert "张三" not in json.dumps(data, ensure_ascii=False)  # the asker is never in it


def test_a_question_sharing_too_few_pairs_is_not_shown(questions):
    # 2 of the text's 9 pairs (延庆, 庆区) are in the 居住证 question: below the share
    text = "延庆区的学校招生划片范围"
    other = questions["other"]
    held = bigram_set(text) & bigram_set(other.public_subject + other.public_text)
    assert 0 < len(held) / len(bigram_set(text)) < QUESTION_SHARE
    assert similar_questions(text) == []
    assert similar_questions("") == similar_questions("，。") == []


def test_the_question_form_lookup_keeps_what_was_typed_and_stores_nothing(questions, client):
    before = (Question.objects.count(), AuditEvent.objects.count())
    token = "5b0c8c0e-2f7a-4a67-9f0e-3a1f1b9c0d11"
    post = form(subject="征地补偿标准", text=TYPED, token=token, lookup="1", asker_name="李四")
    response = client.post(reverse("portal:ask"), post)
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("portal:question", args=[questions["published"].pk]) in page
    assert reverse("portal:question", args=[questions["private"].pk]) not in page
    assert 'value="李四"' in page
    assert f"{TYPED}</textarea>" in page
    assert token in page
    assert "留言未提交" not in page  # nothing checked yet
    assert (Question.objects.count(), AuditEvent.objects.count()) == before

    response = client.post(reverse("portal:ask"), form(subject="某某", text="某某", lookup="1"))
    assert "没有找到相似的已公开信息和已答复的留言" in response.content.decode()


def test_the_application_form_lookup_shows_answered_questions_too(questions, unit_a, client):
    post = {"unit": unit_a.pk, "info_description": TYPED, "lookup": "1"}
    page = client.post(reverse("portal:apply"), post).content.decode()
    assert "以下已答复的留言可能与您的问题相同" in page
    assert reverse("portal:question", args=[questions["published"].pk]) in page
