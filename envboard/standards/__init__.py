"""Standards engine: AQI (HJ 633-2012/2026), period statistics, composite index, water class, CWQI.

Pure Python + DuckDB SQL, no Streamlit. Modules: aqi, period, composite, water, install (SQL temp
objects), reference (shipped CSVs in data/), cli. Rules and choices: envboard/standards/README.md.
"""
