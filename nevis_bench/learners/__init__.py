"""Built-in learners: each module defines `make_learner(...) -> nevis_bench.learner.Learner`."""
