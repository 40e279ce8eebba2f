# Reads an .xlsx with openpyxl (an independent reader of what exceljs writes) and prints what the
# tests check as JSON: each sheet's name, state, frozen cell, merged ranges, column widths, and
# every cell's value (dates as YYYY-MM-DD) with its number format.
import json, sys, datetime
import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in book.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, datetime.datetime):
                v = v.date().isoformat()
            cells.append({"v": v, "fmt": c.number_format})
        rows.append(cells)
    widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
    validations = [
        {"sqref": str(dv.sqref), "formula": dv.formula1} for dv in ws.data_validations.dataValidation
    ]
    out.append({
        "name": ws.title,
        "state": ws.sheet_state,
        "freeze": ws.freeze_panes,
        "merged": [str(r) for r in ws.merged_cells.ranges],
        "widths": widths,
        "rows": rows,
        "validations": validations,
    })
print(json.dumps(out, ensure_ascii=False))
