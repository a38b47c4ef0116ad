"""Monthly briefing (月度通报) of a scope: one edition = figures, ranked tables, lists and 通报 text.

build.build_edition   every figure from metrics.summary and the queries/briefing_*.sql files
figures, tables       per-city values and standings now and a year earlier (ranking.rank_cities ranks)
text                  the official-style text, written from the same edition dict as the tables
layout                labelled, formatted tables shared by the page, meeting mode and the exports
charts, export_*      kaleido PNGs (one server per export) and DOCX / PDF / XLSX bytes
editions              issued editions as files beside the database, reopened exactly as issued; diff
cli                   python -m envboard briefing --month 2022-12 --scope 360700 --format docx,pdf,xlsx -o DIR
"""
