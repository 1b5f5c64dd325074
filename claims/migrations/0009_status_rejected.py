"""Rejected proposals get their own status instead of "retracted" (which stays for figures a source or
the newsroom withdrew). Claims retracted by "Rejected proposal: …" become rejected, each with a
history record saying why."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

REASON = "migration 0009: a rejected proposal has its own status"


def rejected_proposals_get_their_status(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    Note = apps.get_model("claims", "VerificationNote")
    History = apps.get_model("claims", "HistoricalClaim")
    notes = Note.objects.filter(status_to="retracted", body__startswith="Rejected proposal:")
    for note in notes.select_related("claim").order_by("pk"):
        claim = note.claim
        later = Note.objects.filter(claim=claim, pk__gt=note.pk).exclude(status_to="")
        if claim.status != "retracted" or later.exists():
            continue
        Claim.objects.filter(pk=claim.pk).update(status="rejected")
        note.status_to = "rejected"
        Note.objects.filter(pk=note.pk).update(status_to="rejected")
        last = History.objects.filter(id=claim.pk).order_by("-history_date", "-history_id").first()
        if last is not None:
            last.pk = None
            last.status = "rejected"
            last.history_type = "~"
            last.history_date = timezone.now()
            last.history_change_reason = REASON
            last.history_user_id = None
            last.save()


def rejected_back_to_retracted(apps, schema_editor):
    apps.get_model("claims", "Claim").objects.filter(status="rejected").update(status="retracted")
    Note = apps.get_model("claims", "VerificationNote")
    Note.objects.filter(status_to="rejected").update(status_to="retracted")


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0008_note_history_keeps_evidence_sources'),
        ('sources', '0002_source_history_keeps_text'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='claim',
            name='claim_status_valid',
        ),
        migrations.RemoveConstraint(
            model_name='verificationnote',
            name='note_status_valid',
        ),
        migrations.AlterField(
            model_name='claim',
            name='status',
            field=models.CharField(choices=[('unverified', 'Unverified'), ('in_review', 'In review'), ('verified', 'Verified'), ('disputed', 'Disputed'), ('false', 'False'), ('misleading', 'Misleading'), ('unverifiable', 'Unverifiable'), ('retracted', 'Retracted'), ('rejected', 'Rejected proposal')], default='unverified', max_length=15),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='status',
            field=models.CharField(choices=[('unverified', 'Unverified'), ('in_review', 'In review'), ('verified', 'Verified'), ('disputed', 'Disputed'), ('false', 'False'), ('misleading', 'Misleading'), ('unverifiable', 'Unverifiable'), ('retracted', 'Retracted'), ('rejected', 'Rejected proposal')], default='unverified', max_length=15),
        ),
        migrations.AlterField(
            model_name='historicalverificationnote',
            name='status_from',
            field=models.CharField(blank=True, choices=[('unverified', 'Unverified'), ('in_review', 'In review'), ('verified', 'Verified'), ('disputed', 'Disputed'), ('false', 'False'), ('misleading', 'Misleading'), ('unverifiable', 'Unverifiable'), ('retracted', 'Retracted'), ('rejected', 'Rejected proposal')], max_length=15),
        ),
        migrations.AlterField(
            model_name='historicalverificationnote',
            name='status_to',
            field=models.CharField(blank=True, choices=[('unverified', 'Unverified'), ('in_review', 'In review'), ('verified', 'Verified'), ('disputed', 'Disputed'), ('false', 'False'), ('misleading', 'Misleading'), ('unverifiable', 'Unverifiable'), ('retracted', 'Retracted'), ('rejected', 'Rejected proposal')], max_length=15),
        ),
        migrations.AlterField(
            model_name='verificationnote',
            name='status_from',
            field=models.CharField(blank=True, choices=[('unverified', 'Unverified'), ('in_review', 'In review'), ('verified', 'Verified'), ('disputed', 'Disputed'), ('false', 'False'), ('misleading', 'Misleading'), ('unverifiable', 'Unverifiable'), ('retracted', 'Retracted'), ('rejected', 'Rejected proposal')], max_length=15),
        ),
        migrations.AlterField(
            model_name='verificationnote',
            name='status_to',
            field=models.CharField(blank=True, choices=[('unverified', 'Unverified'), ('in_review', 'In review'), ('verified', 'Verified'), ('disputed', 'Disputed'), ('false', 'False'), ('misleading', 'Misleading'), ('unverifiable', 'Unverifiable'), ('retracted', 'Retracted'), ('rejected', 'Rejected proposal')], max_length=15),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['unverified', 'in_review', 'verified', 'disputed', 'false', 'misleading', 'unverifiable', 'retracted', 'rejected'])), name='claim_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='verificationnote',
            constraint=models.CheckConstraint(condition=models.Q(('status_from__in', ['', 'unverified', 'in_review', 'verified', 'disputed', 'false', 'misleading', 'unverifiable', 'retracted', 'rejected']), ('status_to__in', ['', 'unverified', 'in_review', 'verified', 'disputed', 'false', 'misleading', 'unverifiable', 'retracted', 'rejected'])), name='note_status_valid'),
        ),
        migrations.RunPython(rejected_proposals_get_their_status, rejected_back_to_retracted),
    ]
