"""The JSON API at `/api/v1/` (django-ninja): the web app's data and workflow for other tools."""
