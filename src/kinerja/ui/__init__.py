"""The web application: the yearly SAKIP cycle in the browser, in Bahasa Indonesia."""
