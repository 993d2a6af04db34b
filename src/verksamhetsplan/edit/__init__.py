"""Everything that changes files, all through one safe path (`safe_write`): splicing edits
into YAML text (`yaml_splice`), editing CSV in place (`csv_file`), plan edits such as
assessments and activity states (`plans`), indicator values (`data`), values brought in by
`sources/` from Kolada's files and workbooks (`kolada`) and Kolada's API (`fetch`), and the
scaffold of `vp init` (`scaffold`).

May import: `sources`, `followup`, `data`, `plan`, `common`. Not `output` or `cli`.
"""
