from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional demo network; an app only so that `lotse demo` is its own command."""

    name = "lotse.demo"
    label = "demo"
