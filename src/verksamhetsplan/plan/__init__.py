"""The plan format and its reading and checking: the pydantic model (`model`), safe
position-aware YAML reading (`yaml_reader`), loading files into models (`load`), pydantic's
errors as located Swedish problems (`model_errors`), the checks across plans (`checks`) and
the JSON Schema (`schema`).

May import: `common`.
"""
