"""Imports of user files: read, map, normalise, validate, preview, apply (restore and retire in writes.py).

What officials send is a list: a title row or two ("UBND HUYỆN …", "DANH SÁCH SẢN PHẨM OCOP NĂM
2023"), then a header ("STT, Tên sản phẩm, Tên chủ thể, Phân hạng, Năm công nhận"), then a row per
product. ``preview.prepare`` reads such a file into a **plan** (the mapping step: each column of
each sheet with its recognised meaning or "ignored", and the values that hold for the whole file:
province, source, decision date, level …, partly read from the title rows), applies the plan, and
returns a **preview**: what would be added, changed or is already there, and every problem by
sheet, row and column. Nothing is written until ``apply.apply``. A saved plan (``Plan.to_json``)
is reused with ``mapping=`` (the command line's ``--mapping FILE``).

Identity follows RULES.md §5: a row equal to what is recorded is "unchanged"; a product already
known with a new date or star rating gets a new evaluation (its history grows), never an overwrite.
Every imported fact row keeps its origin as its quote (file, sheet, row, the original cells) with
``quote_status`` "imported" (RULES.md §1).

An accepted import is kept as a folder in the local data folder (RULES.md §7):
``imports/NNNN-name/`` with ``rows/<table>.csv`` (the normalised rows), ``original/<file>`` (the
upload as received) and ``meta.json`` (who, when, file name, sha256, row counts, the plan). Every
build replays the accepted imports after the shipped files. History lives in ``history.jsonl``.

The modules, in the order an upload meets them (this package exports nothing itself):

- ``reading``: the bytes of a file into sheets of cells, every bound checked first; ``workbook``
  (.xlsx and .xls through python-calamine: merged cells, formulas without a value, hidden sheets) and
  ``encodings`` (text in TCVN3 or VNI, named as such);
- ``headers``: what a column of a product list means, from its header cell;
- ``values``: a cell into the value the database stores (text, stars, dates, numbers, choices);
- ``known``: what is already recorded, indexed by identity;
- ``plan``: the mapping step (each sheet's use, header row and columns; the whole-file values);
- ``title_rows`` and ``issuer``: the whole-file values a list's title rows state, and who issued it
  (the level of its recognitions);
- ``preview``: ``prepare`` (the plan applied, nothing written) and the ``Preview`` it returns;
- ``product_rows`` and ``table_rows``: the rows of a product list, and of a sheet in a table's own form;
- ``row_checks``: what both kinds of row share (cell checks, the quote, ids);
- ``duplicates``: a new product that may be a recorded one, decided by a person;
- ``apply``: keeping an accepted preview as an import folder and building the new database.
"""
