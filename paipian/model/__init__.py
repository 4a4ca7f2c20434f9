"""The modelling kernel under both the rules and the solver phases.

``PhaseModel`` (a CP-SAT model with its rule guards and named penalties), the
decision variables each phase exposes to the rule modules (``vars``), and the
plans one phase hands the next (``plans``). ``paipian/constraints`` and
``paipian/solver`` import from here; nothing here imports either of them.
"""
