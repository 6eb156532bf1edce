"""The form of a policy interpretation (文字、图解、音视频、问答), counted by the website's annual
return (docs/website-return.md)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_item_back_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="item",
            name="interpretation_form",
            field=models.CharField(
                blank=True,
                choices=[
                    ("text", "文字"),
                    ("graphic", "图解"),
                    ("media", "音视频"),
                    ("qa", "问答"),
                ],
                help_text="政策解读的形式；其他信息为空",
                max_length=10,
                verbose_name="解读形式",
            ),
        ),
    ]
