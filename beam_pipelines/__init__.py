"""Apache Beam pipelines that build or analyse many NEVIS tasks at once, on any Beam runner.

`build_stream`: every task of a stream, Beam tasks as Beam jobs with the user's options.
Single large tasks build through Beam on their own too (`TaskBuilder.USE_BEAM`); see the README.
"""
