"""The base class of every expected failure: what the command-line tools print as one message.

An error a user can act on (an unknown name, a missing or corrupt download, a task not built, a
run dir that holds another run) derives from `UserError`, and its message names the task, the
file or URL, and what to do. `nevis build`, `nevis run` and the other commands print such errors
as one line and exit 2; anything else is a bug (ours or a learner's) and keeps its traceback.
It lives in `nevis_datasets`, the lowest layer, so streams and the benchmarker can derive from it.
"""


class UserError(Exception):
  """An expected failure; the message says what went wrong and the way out."""
