"""The eligibility rules for targeted state social assistance, as code (OpenFisca), laid out like
OpenFisca's country template: `entities.py` (a person; a family with its applicant and members),
`variables/` by topic (incomes, property, work, costs, the seven refusal grounds, the benefit),
parameters built from the published version in the database (`parameters.py`), and `engine.py`,
which runs one family with its trace or thousands at once.

The formulas know nothing of Django or the registries: they take the facts (`facts.py` gathers
them from a case) and give every variable's value, so the same model serves decisions, replay,
the what-if on past cases and the citizens' calculator.
"""
