"""The course's maintenance tools, run from the repository's root as modules.

    python -m tools.run_notebooks   # `make notebooks`: execute notebooks, store their outputs
    python -m tools.student         # `make student`: student copies without solutions
    python -m tools.navigation      # `make nav`: navigation lines, course map, syllabus

- ``tools.execute``: the course's notebooks in order and the one executor both of the first two
  use (a fresh kernel, the same timeouts, stable widget ids);
- ``tools.widget_ids``: saved widget states whose ids do not change from run to run;
- ``tools.student``: the student copy, cut by cell tags;
- ``tools.navigation``: what ``make nav`` writes, read from the notebooks' header cells.

Under pytest the root ``conftest.py`` puts the repository on ``sys.path``, so tests write
``from tools import student``.
"""
