"""Fill `actor_label` on the rows written before it existed, from each user as they are now."""

from django.db import migrations


def backfill(apps, schema_editor):
    AccessLog = apps.get_model("audit", "AccessLog")
    User = apps.get_model("accounts", "User")
    # The historical model has a plain manager, so update() is allowed here (and only here).
    user_ids = AccessLog.objects.filter(actor_label="", user__isnull=False).values("user_id").distinct()
    for user in User.objects.filter(pk__in=user_ids):
        name = " ".join(p for p in (user.first_name, user.last_name) if p) or user.display_name
        label = f"{user.username} ({name})" if name else user.username
        AccessLog.objects.filter(user_id=user.pk, actor_label="").update(actor_label=label[:300])


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_actor_label"), ("accounts", "0002_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
