#!/usr/bin/env python3
"""Writes the Parquet samples the tests read, with the writers researchers use:

- acled-slice.parquet (pyarrow): ACLED's columns with typed values: event_date
  a DATE, inter1 an 8-bit integer, fatalities a 32-bit integer with a null,
  latitude a double, timestamp a TIMESTAMP, the country dictionary-encoded,
  notes a large string; one bad row (a latitude of 95).
- ucdp-slice.parquet (pandas): UCDP GED's columns as a DataFrame writes them:
  date_start and date_end as TIMESTAMP (ns), best, low and high as 64-bit
  integers, one side given as a null.
- acled-api.parquet and acled-generated.parquet (DuckDB): ACLED CSV files
  (acled-generated.csv is `frontline generate --format acled --events 300
  --actors 40 --seed 11`) copied to Parquet, DuckDB typing the columns
  (event_date a DATE, counts BIGINT, coordinates DOUBLE).
- gdelt-bigquery.parquet (DuckDB): tests/data/gdelt-bigquery.csv copied to
  Parquet, DuckDB inferring the types (SQLDATE a BIGINT, the codes VARCHAR).

Run once by hand (pip install pyarrow pandas duckdb; python3
tests/data/make_parquet_samples.py), not in CI.
"""

import datetime as dt
import os

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))


def acled():
    rows = [
        ("SYR2001", dt.date(2017, 6, 10), 1, "Battles", "Armed clash", "Military Forces of Syria (2000-)",
         1, "Islamic State (Syria)", 2, "Syria", "Aleppo", "Aleppo", 36.2028, 37.1586, 1,
         "SOHR; Reuters", "Other-National", "Clashes in the east of the city.", 12, dt.datetime(2017, 6, 20, 8, 30)),
        ("SYR2002", dt.date(2017, 6, 11), 2, "Explosions/Remote violence", "Air/drone strike",
         "Military Forces of Russia (2000-)", 8, None, None, "Syria", "Ar-Raqqa", "Raqqa", 35.95, 39.01, 2,
         "SOHR", "Other", "Air strikes on the old city.", None, dt.datetime(2017, 6, 20, 8, 31)),
        ("SYR2003", dt.date(2017, 6, 12), 3, "Battles", "Armed clash", "SDF", 2, "Islamic State (Syria)", 2,
         "Syria", "Ar-Raqqa", "Raqqa", 95.0, 39.01, 1, "SOHR", "Other", "A latitude out of range.", 3,
         dt.datetime(2017, 6, 20, 8, 32)),
    ]
    names = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
             "inter1", "actor2", "inter2", "country", "admin1", "location", "latitude", "longitude",
             "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp"]
    columns = list(zip(*rows))
    types = [pa.string(), pa.date32(), pa.int64(), pa.string(), pa.string(), pa.string(), pa.int8(),
             pa.string(), pa.int8(), pa.string(), pa.string(), pa.string(), pa.float64(), pa.float64(),
             pa.int16(), pa.string(), pa.string(), pa.large_string(), pa.int32(), pa.timestamp("us")]
    arrays = [pa.array(c, type=t) for c, t in zip(columns, types)]
    arrays[names.index("country")] = arrays[names.index("country")].dictionary_encode()
    pq.write_table(pa.Table.from_arrays(arrays, names=names), os.path.join(HERE, "acled-slice.parquet"))


def ucdp():
    frame = pd.DataFrame({
        "id": [301, 302],
        "year": [2017, 2017],
        "type_of_violence": [1, 3],
        "conflict_name": ["Syria: Government", "Syria: IS"],
        "side_a": ["Government of Syria", "IS"],
        "side_b": ["IS", None],
        "source_office": ["SOHR", "Reuters;SANA"],
        "source_article": ["SOHR, 2017-06-10", None],
        "where_prec": [1, 4],
        "where_description": ["Palmyra town", "Deir ez-Zor governorate"],
        "adm_1": ["Homs governorate", "Deir ez-Zor governorate"],
        "latitude": [34.5503, 35.3333],
        "longitude": [38.2806, 40.15],
        "country": ["Syria", "Syria"],
        "event_clarity": [1, 2],
        "date_start": pd.to_datetime(["2017-06-10", "2017-07-02"]),
        "date_end": pd.to_datetime(["2017-06-10", "2017-07-05"]),
        "deaths_a": [2, 0],
        "deaths_b": [5, 0],
        "deaths_civilians": [0, 9],
        "deaths_unknown": [0, 0],
        "best": [7, 9],
        "high": [9, 12],
        "low": [7, 9],
    })
    frame.to_parquet(os.path.join(HERE, "ucdp-slice.parquet"), index=False)


def acled_duckdb():
    for name in ["acled-api", "acled-generated"]:
        source = os.path.join(HERE, f"{name}.csv")
        target = os.path.join(HERE, f"{name}.parquet")
        duckdb.sql(f"COPY (SELECT * FROM read_csv('{source}', header = true)) TO '{target}' (FORMAT parquet)")


def gdelt():
    source = os.path.join(HERE, "gdelt-bigquery.csv")
    target = os.path.join(HERE, "gdelt-bigquery.parquet")
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{source}', header = true)) TO '{target}' (FORMAT parquet)")


if __name__ == "__main__":
    acled()
    acled_duckdb()
    ucdp()
    gdelt()
