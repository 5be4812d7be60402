from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lotse.core"
    label = "core"

    def ready(self) -> None:
        from django.db.models import fields
        from django.utils.translation import gettext_lazy as _

        # Django 6.1's label for "nothing chosen yet" has no German translation of its own;
        # Django documents replacing it in an app's ready().
        fields.BLANK_CHOICE_LABEL = _("– please choose –")
