"""A school's retention schedule, where it differs from the default, is set by a system
administrator (it is the school's or trust's policy, set with their data protection officer).
The admin shows no pupil data: legal holds and subject access requests stay on the pupil's page."""

from django import forms
from django.contrib import admin

from sendco.domain import retention

from .models import RetentionSetting


class RetentionSettingForm(forms.ModelForm):
    class Meta:
        model = RetentionSetting
        fields = ("school", "rule", "years")

    def clean_years(self):
        years = self.cleaned_data["years"]
        if not retention.MIN_YEARS <= years <= retention.MAX_YEARS:
            raise forms.ValidationError(
                f"Enter a number of years from {retention.MIN_YEARS} to {retention.MAX_YEARS}."
            )
        return years


@admin.register(RetentionSetting)
class RetentionSettingAdmin(admin.ModelAdmin):  # changes are kept in its history (who, when)
    form = RetentionSettingForm
    list_display = ("school", "rule", "years")
    list_filter = ("rule",)
