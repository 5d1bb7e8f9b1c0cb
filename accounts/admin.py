"""Users get their roles as grants, per municipality or in every one; the groups that carry a
role's model permissions follow the grants, so the user page does not offer them."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .models import RoleGrant

User = get_user_model()


class RoleGrantFormSet(BaseInlineFormSet):
    def clean(self):
        """The same role twice in one municipality, among the rows sent together (each row is
        checked against the saved ones by the model's constraints)."""
        super().clean()
        given = [
            (form.cleaned_data["role"], form.cleaned_data.get("municipality"))
            for form in self.forms
            if form.cleaned_data.get("role") and not form.cleaned_data.get("DELETE")
        ]
        if len(given) != len(set(given)):
            raise ValidationError(_("The same role is given twice for the same municipality."))


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    formset = RoleGrantFormSet
    fields = ["role", "municipality"]
    extra = 0


class RoleGrantUserAdmin(UserAdmin):
    inlines = [RoleGrantInline]
    actions = ["reset_two_factor"]
    list_filter = ["is_staff", "is_superuser", "is_active", "role_grants__role"]
    fieldsets = [
        (name, {**options, "fields": [f for f in options["fields"] if f != "groups"]})
        for name, options in UserAdmin.fieldsets
    ]

    def get_inlines(self, request, obj):
        # Like the rest of a user's details, roles are given once the user exists.
        return self.inlines if obj is not None else []

    @admin.action(
        description=gettext_lazy("Reset two factors (a lost phone)"), permissions=["change"]
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.turn_off(user)
            self.log_change(request, user, _("Two factors reset."))
        count = len(queryset)
        message = ngettext(
            "Two factors are reset for %(count)s user, who sets them up again if required.",
            "Two factors are reset for %(count)s users, who set them up again if required.",
            count,
        )
        self.message_user(request, message % {"count": count})


# The devices' own admin pages show the secret keys; a reset is all an administrator needs.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


admin.site.unregister(User)
admin.site.register(User, RoleGrantUserAdmin)
