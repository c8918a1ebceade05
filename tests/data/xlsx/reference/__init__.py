"""The Python package's workbook reader and writer as they were when the C++ reader and
writer (include/coproduction/io/xlsx.hpp) took their place: `_xlsx.py` (reading through
openpyxl, writing its own XML) and `_table.py` (the sheets and cells it hands on), kept
unchanged as the reference that make_fixtures.py runs to make the expected files."""
