"""What a person reads in a terminal (and CI in its log): the status table
(`status_table`), `vp explain`, `vp tree`, `vp due`, `vp lint`, problems as text, JSON and
GitHub annotations (`problems`), `vp diff` (`plandiff`) and changes as a diff (`changes`)."""
