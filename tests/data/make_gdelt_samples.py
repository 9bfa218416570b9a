#!/usr/bin/env python3
"""Writes the GDELT samples the tests read, in GDELT 2.0's published layouts:

- gdelt-events.export.CSV: a 15-minute event file (61 columns, tab-separated,
  no header, no quoting), as http://data.gdeltproject.org/gdeltv2/ serves them
  once unzipped;
- gdelt-events.zip: the same rows split into two such files, zipped;
- gdelt-bigquery.csv: the same rows as a BigQuery export of
  gdelt-bq.gdeltv2.events (comma-separated, quoted where needed, a header of
  the column names, SQLDATE a number).

Run once by hand (python3 tests/data/make_gdelt_samples.py); the rows are made
up but follow the codebook: CAMEO codes as text with their leading zeros,
empty fields where GDELT leaves them empty, one row with a date that does not
exist (31 February) to be reported as a bad row.
"""

import csv
import io
import os
import zipfile

COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL"
).split()
assert len(COLUMNS) == 61


def row(**fields):
    out = [""] * 61
    for name, value in fields.items():
        out[COLUMNS.index(name)] = str(value)
    date = fields["SQLDATE"]
    out[COLUMNS.index("MonthYear")] = date[:6]
    out[COLUMNS.index("Year")] = date[:4]
    out[COLUMNS.index("FractionDate")] = f"{date[:4]}.4500"
    out[COLUMNS.index("DATEADDED")] = f"{date}134500"
    return out


ROWS = [
    # Fighting in Aleppo: material conflict, a city.
    row(GLOBALEVENTID="652000001", SQLDATE="20170610", Actor1Code="SYRMIL", Actor1Name="SYRIA",
        Actor1CountryCode="SYR", Actor1Type1Code="MIL", Actor2Code="IMGMUSISI",
        Actor2Name="ISLAMIC STATE", Actor2Type1Code="INS", IsRootEvent="1", EventCode="193",
        EventBaseCode="193", EventRootCode="19", QuadClass="4", GoldsteinScale="-10.0",
        NumMentions="12", NumSources="3", NumArticles="12", AvgTone="-6.52",
        ActionGeo_Type="4", ActionGeo_FullName="Aleppo, Halab, Syria", ActionGeo_CountryCode="SY",
        ActionGeo_ADM1Code="SY09", ActionGeo_Lat="36.2028", ActionGeo_Long="37.1586",
        ActionGeo_FeatureID="-2214583",
        SOURCEURL="https://www.example-news.org/world/2017/06/10/aleppo-clashes"),
    # Air strike in Raqqa province, placed only by province.
    row(GLOBALEVENTID="652000002", SQLDATE="20170611", Actor1Code="USAMIL", Actor1Name="UNITED STATES",
        Actor1CountryCode="USA", Actor1Type1Code="MIL", Actor2Code="IMGMUSISI",
        Actor2Name="ISLAMIC STATE", Actor2Type1Code="INS", IsRootEvent="0", EventCode="195",
        EventBaseCode="195", EventRootCode="19", QuadClass="4", GoldsteinScale="-10.0",
        NumMentions="4", NumSources="1", NumArticles="4", AvgTone="-4.1",
        ActionGeo_Type="5", ActionGeo_FullName="Ar Raqqah, Syria", ActionGeo_CountryCode="SY",
        ActionGeo_ADM1Code="SY04", ActionGeo_Lat="35.9333", ActionGeo_Long="39.0167",
        ActionGeo_FeatureID="SY04",
        SOURCEURL="https://wire.example.com/2017/06/11/strikes"),
    # A statement: verbal cooperation, leading zero kept in the code.
    row(GLOBALEVENTID="652000003", SQLDATE="20170611", Actor1Code="IRQGOV", Actor1Name="IRAQ",
        Actor1CountryCode="IRQ", Actor1Type1Code="GOV", IsRootEvent="1", EventCode="0231",
        EventBaseCode="023", EventRootCode="02", QuadClass="1", GoldsteinScale="3.4",
        NumMentions="2", NumSources="1", NumArticles="2", AvgTone="1.2",
        ActionGeo_Type="1", ActionGeo_FullName="Iraq", ActionGeo_CountryCode="IZ",
        ActionGeo_Lat="33", ActionGeo_Long="44", ActionGeo_FeatureID="IZ",
        SOURCEURL="BBC Monitoring"),
    # An actor with a code and no name; no place at all.
    row(GLOBALEVENTID="652000004", SQLDATE="20170612", Actor1Code="SYRREB",
        Actor1CountryCode="SYR", Actor1Type1Code="REB", Actor2Code="SYRMIL", Actor2Name="SYRIA",
        Actor2Type1Code="MIL", IsRootEvent="1", EventCode="190", EventBaseCode="190",
        EventRootCode="19", QuadClass="4", GoldsteinScale="-10.0", NumMentions="6",
        NumSources="2", NumArticles="6", AvgTone="-7.0",
        SOURCEURL="https://www.example-news.org/world/2017/06/12/idlib"),
    # A bomb: root 18.
    row(GLOBALEVENTID="652000005", SQLDATE="20170613", Actor1Code="IMGMUSISI",
        Actor1Name="ISLAMIC STATE", Actor1Type1Code="INS", Actor2Code="IRQCVL",
        Actor2Name="IRAQ", Actor2Type1Code="CVL", IsRootEvent="1", EventCode="183",
        EventBaseCode="183", EventRootCode="18", QuadClass="4", GoldsteinScale="-10.0",
        NumMentions="20", NumSources="5", NumArticles="18", AvgTone="-9.3",
        ActionGeo_Type="4", ActionGeo_FullName="Baghdad, Baghdad, Iraq", ActionGeo_CountryCode="IZ",
        ActionGeo_ADM1Code="IZ07", ActionGeo_Lat="33.3386", ActionGeo_Long="44.3939",
        ActionGeo_FeatureID="-3079036",
        SOURCEURL="https://wire.example.com/2017/06/13/baghdad"),
    # A protest: root 14, verbal conflict.
    row(GLOBALEVENTID="652000006", SQLDATE="20170614", Actor1Code="TURCVL", Actor1Name="TURKEY",
        Actor1Type1Code="CVL", IsRootEvent="0", EventCode="141", EventBaseCode="141",
        EventRootCode="14", QuadClass="3", GoldsteinScale="-6.5", NumMentions="3",
        NumSources="1", NumArticles="3", AvgTone="-2.0",
        ActionGeo_Type="4", ActionGeo_FullName="Istanbul, Istanbul, Turkey",
        ActionGeo_CountryCode="TU", ActionGeo_ADM1Code="TU34", ActionGeo_Lat="41.0186",
        ActionGeo_Long="28.9647", ActionGeo_FeatureID="-755070",
        SOURCEURL="https://local.example.net/istanbul/protest"),
    # A bad row: 31 February does not exist.
    row(GLOBALEVENTID="652000007", SQLDATE="20170231", Actor1Code="SYRMIL", Actor1Name="SYRIA",
        IsRootEvent="1", EventCode="190", EventBaseCode="190", EventRootCode="19", QuadClass="4",
        GoldsteinScale="-10.0", NumMentions="1", NumSources="1", NumArticles="1", AvgTone="-5",
        SOURCEURL="https://www.example-news.org/x"),
]


def tsv(rows):
    return "".join("\t".join(r) + "\n" for r in rows)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "gdelt-events.export.CSV"), "w", encoding="utf-8", newline="") as f:
        f.write(tsv(ROWS))
    with zipfile.ZipFile(os.path.join(here, "gdelt-events.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("20170610134500.export.CSV", tsv(ROWS[:4]))
        z.writestr("20170613134500.export.CSV", tsv(ROWS[4:]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in ROWS:
        writer.writerow(r)
    with open(os.path.join(here, "gdelt-bigquery.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


if __name__ == "__main__":
    main()
