"""Apache Beam pipelines that build or analyse many NEVIS tasks at once. Not written yet.

Single large tasks already build through Beam (`TaskBuilder.USE_BEAM`); see the README.
"""
