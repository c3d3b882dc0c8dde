"""WSGI entry point for application servers (gunicorn `kinerja.web.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.web.settings")

application = get_wsgi_application()
