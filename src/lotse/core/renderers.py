"""The form renderer of the house: KERN UX markup for forms and fields lives in templates.

As pretalx's `common/forms/renderers.py`: Django renders `{{ form }}` and
`{{ field.as_field_group }}` through these templates, and widgets through the project's template
engine, so `core/templates/django/forms/widgets/` can override Django's widget templates."""

from django.forms.renderers import TemplatesSetting


class KernFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
