"""The Django project of Kinerja: settings, URLs and the WSGI entry point."""
