from django.apps import AppConfig


class WorkPermissionConfig(AppConfig):
    name = "lotse.workpermission"
    label = "workpermission"
    verbose_name = "Work permission"
