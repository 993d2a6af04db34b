"""Where data comes in from outside, one module per source: Kolada's API (`kolada_api`),
Kolada's files (`kolada_file`) and Excel workbooks (`workbook`). A source reads and returns
plain values with the place each came from; `edit/` writes them through the one safe path.

May import: `data`, `plan`, `common`. Not `edit`, `output` or `cli`.
"""
