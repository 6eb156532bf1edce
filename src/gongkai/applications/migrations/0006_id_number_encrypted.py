"""Identity-document numbers encrypted at rest (《个人信息保护法》第五十一条): the column holds a
Fernet token under the key of ``GONGKAI_PERSONAL_DATA_KEYS`` or ``DATA_DIR/personal_data_keys``
(gongkai.core.crypto), and a keyed hash beside it is what fee counting searches by.

The data step reads and writes the column with plain SQL: the model's field would try to decrypt
the clear numbers stored before."""

from django.db import migrations

import gongkai.core.fields
from gongkai.core.crypto import keyring

TABLE = "applications_application"


def _rows(schema_editor):
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        number = quote("id_number")
        cursor.execute(f"SELECT {quote('id')}, {number} FROM {quote(TABLE)} WHERE {number} <> ''")  # noqa: S608
        return cursor.fetchall()


def _write(schema_editor, values):
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        assignments = f"{quote('id_number')} = %s, {quote('id_number_hash')} = %s"
        sql = f"UPDATE {quote(TABLE)} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608
        cursor.executemany(sql, values)


def encrypt(apps, schema_editor):
    ring = keyring()
    _write(
        schema_editor,
        [
            (ring.encrypt(number), ring.lookup_hash(number), pk)
            for pk, number in _rows(schema_editor)
        ],
    )


def decrypt(apps, schema_editor):
    ring = keyring()
    _write(schema_editor, [(ring.decrypt(token), "", pk) for pk, token in _rows(schema_editor)])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_remove_exemptions_and_details"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="id_number_hash",
            field=gongkai.core.fields.LookupHashField(
                db_index=True, source="id_number", verbose_name="证件号码检索摘要"
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="id_number",
            field=gongkai.core.fields.EncryptedTextField(
                clear_max_length=40, verbose_name="证件号码"
            ),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
