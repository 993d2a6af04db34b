"""Everything that changes files, all through one safe path (`safe_write`): splicing edits
into YAML text (`yaml_splice`), editing CSV in place (`csv_file`), plan edits such as
assessments and activity states (`plans`), indicator values (`data`) and Kolada imports
(`kolada`), and the scaffold of `vp init` (`scaffold`).

May import: `followup`, `data`, `plan`, `common`. Not `output` or `cli`.
"""
