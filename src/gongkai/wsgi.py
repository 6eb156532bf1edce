"""WSGI entry point for a production server (e.g. ``gunicorn gongkai.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

# Files written in the data folder hold personal data: 600 and 700, whatever the server's umask.
os.umask(0o077)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()
