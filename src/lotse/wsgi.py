import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
application = get_wsgi_application()

from lotse.core.startup import warm_up_and_freeze  # noqa: E402 - needs the loaded application

warm_up_and_freeze()
