"""History of every value: who changed what, when, from what to what (django-simple-history).

The historical tables live in this app, apart from the storage apps, so that a dataset's rows
and their history are counted and migrated separately.
"""
