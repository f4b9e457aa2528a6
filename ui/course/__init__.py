"""The course: the lessons (issue 16) as content shared by every page, not a page of its
own.

- ``catalog``: the lessons as data (target page, settings, hidden controls, choices, when
  the run counts and the numbers of the run);
- ``progress``: the session's answers and the downloadable summary;
- ``panel``: the lesson panel that ``ui.frame.page`` draws on a target page (``?lesson=``),
  and the start of a lesson (the page's state reset to the lesson's link).

The Lessons page's own parts (its setting, the list, one lesson, the summary) are the page
package ``ui.lessons``. Nothing here imports a page package: a lesson reads the run of its
target page from session state, by the keys that page keeps there.
"""
