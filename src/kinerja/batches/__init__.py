"""Documents made in bulk: the LKj of every office of a subtree, made by background workers.

A `DocumentBatch` asks for one document per office; each `BatchDocument` is made by one task on
the Tasks API queue (`django-tasks`, with the database queue of `django-tasks-db` by default), so
any number of `kinerja worker` processes, on one machine or several against one PostgreSQL, share
the work. The archive of the finished documents is built by whichever worker finishes last.
"""
