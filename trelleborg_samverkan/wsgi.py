"""WSGI entry point, e.g. `gunicorn trelleborg_samverkan.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trelleborg_samverkan.settings")

application = get_wsgi_application()
