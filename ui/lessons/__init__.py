"""The Lessons: predict, run, explain (issue 16).

- ``catalog``: the lessons as data (target page, settings, hidden controls, choices, when
  the run counts and the numbers of the run);
- ``progress``: the session's answers and the downloadable summary;
- ``panel``: the lesson panel that ``ui.frame.page`` draws on a target page (``?lesson=``),
  and the start of a lesson (the page's state reset to the lesson's link);
- ``sections``: the parts of the Lessons page.
"""
