"""paipian 排片 — the after-school service timetable (课后服务排片表) engine.

Path from files to timetable: ``io.load_instance`` → ``data.ProblemData`` →
``solver.solve`` → ``solution.Solution`` → ``checker.check`` / ``report``.
"""

__version__ = "0.1.0"
