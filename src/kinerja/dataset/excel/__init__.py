"""The dataset format's Excel face: the workbook a planner fills in, read and written by one schema.

`layout` and `columns` say which sheets and columns the workbook has; `writer` (with
`instructions`) writes it, `package`, `cells`, `reader` and `tree` read it back into the schema,
`realizations` reads the quarterly realisation workbook, and `results_workbook` writes the measured
achievements for Excel users.
"""
