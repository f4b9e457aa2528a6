"""The Lessons page: its one setting (``settings``: the lesson shown) and its parts
(``sections``: the list, one lesson, the summary). The lessons themselves, the session's
progress and the panel on the target pages are shared course content: ``ui.course``.
"""
