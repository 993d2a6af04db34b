"""Indicator data: the CSV file format (`format`), periods, observations, the row reader and
checker (`rows`), the pyarrow/numpy reader for large data (`arrow`), where a repository keeps
plans and data (`layout`), and `vp validate` as a function over plans and data (`validate`).

May import: `plan`, `common`.
"""
