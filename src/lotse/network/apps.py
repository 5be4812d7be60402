from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "lotse.network"
    label = "network"

    def ready(self) -> None:
        from lotse.audit.services import actor_context_install
        from lotse.network.access import actor_context

        # The audit log sits below network and learns from it whose event it writes.
        actor_context_install(actor_context)
