"""Recovery codes made before codes were stored hashed are replaced by their keyed hash, so
they keep working and no plain code stays in the database."""

from django.db import migrations

PLAIN_LENGTH = 8  # django-otp's StaticToken.random_token(); a stored hash is 16 characters


def hash_plain_codes(apps, schema_editor):
    from sendco.accounts.mfa import recovery_digest

    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all():
        if len(token.token) <= PLAIN_LENGTH:
            token.token = recovery_digest(token.token)
            token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_api_token_expiry"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop)]
