"""In-app notifications, their email copies, and the deadline reminders (`kinerja remind`)."""
