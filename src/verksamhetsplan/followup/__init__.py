"""The engine: a goal's attainment against its target (`attainment`), roll-ups per area,
plan and council goal (`rollup`), a repository opened for computing (`repository`), and the
Swedish words for verdicts (`words`). The results are data; rendering them is `output`'s job.

May import: `data`, `plan`, `common`.
"""
