"""Importing values: every bad file is refused with row and column named, and nothing written."""

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from indicators.models import Value, ValueStatus

from .conftest import snapshot

HEADER = "indicator;period;group;value\n"


def csv_bytes(*rows, header=HEADER, encoding="utf-8"):
    return (header + "".join(row + "\n" for row in rows)).encode(encoding)


def xlsx_bytes(*rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def kolada_bytes(*blocks):
    return json.dumps({"count": len(blocks), "values": list(blocks), "next_page": None}).encode()


def kolada_block(kpi="N12345", municipality="1287", period=2021, **genders):
    values = [{"gender": g, "count": 1, "status": "", "value": v} for g, v in genders.items()]
    return {"kpi": kpi, "municipality": municipality, "period": period, "values": values}


def run_command(tmp_path, name, content, *options):
    path = tmp_path / name
    path.write_bytes(content)
    out, err = StringIO(), StringIO()
    call_command("import_values", str(path), *options, stdout=out, stderr=err)
    return out.getvalue()


def upload(client, name, content):
    return client.post("/indikatorer/import/", {"file": SimpleUploadedFile(name, content)})


BAD_FILES = {
    "wrong header": (
        "fel.csv",
        csv_bytes("brott-bostadsinbrott;2021;alla;90", header="indikator;period;group;value\n"),
        [
            "Rad 1, kolumn indikator: okänd kolumn.",
            "Rad 1, kolumn indicator: kolumnen saknas.",
        ],
    ),
    "text in value": (
        "fel.csv",
        csv_bytes("brott-bostadsinbrott;2021;alla;90", "brott-bostadsinbrott;2020;alla;saknas"),
        ["Rad 3, kolumn value: ”saknas” är inte ett tal."],
    ),
    "missing value": (
        "fel.csv",
        csv_bytes("brott-bostadsinbrott;2021;alla;"),
        ["Rad 2, kolumn value: värdet saknas."],
    ),
    "too many decimals": (
        "fel.csv",
        csv_bytes("tm-fortkorning;2021;alla;1,955"),
        ["Rad 2, kolumn value: ”1,955” har fler än två decimaler."],
    ),
    "unknown indicator": (
        "fel.csv",
        csv_bytes("brott-cykelstold;2021;alla;90"),
        ["Rad 2, kolumn indicator: det finns ingen indikator ”brott-cykelstold”."],
    ),
    "unknown group": (
        "fel.csv",
        csv_bytes("fhe-tobak;2021;ak7;3"),
        ["Rad 2, kolumn group: det finns ingen grupp ”ak7”."],
    ),
    "group the indicator is not broken down by": (
        "fel.csv",
        csv_bytes("fhe-narkotika;2021;ak6;3"),
        ["Rad 2, kolumn group: fhe-narkotika redovisas inte för ”ak6” (bara ak9, gy2)."],
    ),
    "unknown period": (
        "fel.csv",
        csv_bytes("brott-bostadsinbrott;2021-22;alla;90"),
        ["Rad 2, kolumn period: Polisanmälda brott har ingen period ”2021-22” (perioder: 2016,"],
    ),
    "index above its scale": (
        "fel.csv",
        csv_bytes("tm-fortkorning;2021;alla;7"),
        ["Rad 2, kolumn value: 7 ligger utanför skalan 0–6."],
    ),
    "share above 100 %": (
        "fel.csv",
        csv_bytes("fhe-tobak;2021;ak9;140"),
        ["Rad 2, kolumn value: 140 ligger utanför skalan 0–100."],
    ),
    "negative count": (
        "fel.csv",
        csv_bytes("brott-bostadsinbrott;2021;alla;-1"),
        ["Rad 2, kolumn value: -1 är lägre än det lägsta möjliga värdet, 0."],
    ),
    "duplicate row": (
        "fel.csv",
        csv_bytes(
            "brott-bostadsinbrott;2021;alla;90",
            "brott-skadegorelse;2021;alla;150",
            "brott-bostadsinbrott;2021;alla;91",
        ),
        ["Rad 4: kolumnerna indicator, municipality, period och group upprepar rad 2."],
    ),
    "bad status": (
        "fel.csv",
        csv_bytes("brott-bostadsinbrott;2021;alla;90;kanske", header=HEADER[:-1] + ";status\n"),
        ["Rad 2, kolumn status: ”kanske” är ingen status; skriv preliminär eller slutlig."],
    ),
    "empty file": ("tom.csv", b"", ["Rad 1: filen är tom. Första raden ska ange kolumnerna"]),
    "only a header": ("tom.csv", csv_bytes(), ["Rad 2: filen har inga rader med värden."]),
    "UTF-16 from Excel's Unicode text": (
        "fel.txt",
        csv_bytes("brott-bostadsinbrott;2021;alla;90", encoding="utf-16"),
        ["Rad 1, kolumn 1: filen är varken i UTF-8 eller Windows-1252 (byte 0x00)."],
    ),
    "byte that is neither UTF-8 nor Windows-1252": (
        "fel.csv",
        csv_bytes("brott-bostadsinbrott;2021;alla;90;", header=HEADER[:-1] + ";note\n")[:-1]
        + b"tr\x81\n",
        ["Rad 2, kolumn note: filen är varken i UTF-8 eller Windows-1252 (byte 0x81)."],
    ),
    "UTF-8 with a row pasted from a Windows-1252 file": (
        "blandad.csv",
        csv_bytes("brott-bostadsinbrott;2021;alla;90;Påhittat", header=HEADER[:-1] + ";note\n")
        + "brott-skadegorelse;2021;alla;150;Anderslöv\n".encode("cp1252"),
        [
            "Rad 3, kolumn note: filen blandar UTF-8 och Windows-1252: den här byten (0xF6) är "
            "inte UTF-8"
        ],
    ),
    "Windows-1252 with a row pasted from a UTF-8 file": (
        "blandad.csv",
        csv_bytes(
            "brott-bostadsinbrott;2021;alla;90;Påhittat",
            header=HEADER[:-1] + ";note\n",
            encoding="cp1252",
        )
        + "brott-skadegorelse;2021;alla;150;Anderslöv\n".encode(),
        ["Rad 2, kolumn note: filen blandar UTF-8 och Windows-1252: den här byten (0xE5)"],
    ),
    "comma separator with an unquoted decimal comma": (
        "fel.csv",
        b"indicator,period,group,value\ntm-fortkorning,2021,alla,1,5\n",
        ["Rad 2: raden har fler fält än första raden."],
    ),
    "quotation mark never closed": (
        "fel.csv",
        csv_bytes(
            "brott-bostadsinbrott;2021;alla;90",
            'brott-skadegorelse;"2021;alla;150',
            "brott-bostadsinbrott;2020;alla;91",
        ),
        ["Rad 3: ett citattecken avslutas aldrig."],
    ),
    "a value under an empty heading": (
        "fel.csv",
        csv_bytes("brott-bostadsinbrott;2021;alla;90;x", header=HEADER[:-1] + ";\n"),
        ["Rad 2: raden har fler fält än första raden."],
    ),
    "XLSX with text in value": (
        "fel.xlsx",
        xlsx_bytes(
            ["indicator", "period", "group", "value"],
            ["brott-bostadsinbrott", 2021, "alla", 90],
            ["brott-bostadsinbrott", 2020, "alla", "saknas"],
        ),
        ["Rad 3, kolumn value: ”saknas” är inte ett tal."],
    ),
    "damaged XLSX": (
        "fel.xlsx",
        b"PK\x03\x04 not really a workbook",
        ["Rad 1: filen kan inte läsas som en Excel-arbetsbok (.xlsx)."],
    ),
    "Kolada KPI not linked": (
        "kolada.json",
        kolada_bytes(kolada_block(kpi="N00000", T=90)),
        ["Post 1, fält kpi: N00000 är inte kopplat till någon indikator"],
    ),
    "Kolada answer for a municipality not entered": (
        "kolada.json",
        kolada_bytes(kolada_block(municipality="1280", T=90)),
        ["Post 1, fält municipality: det finns ingen kommun med koden ”1280”"],
    ),
    "Kolada value out of scale": (
        "kolada.json",
        kolada_bytes(kolada_block(period=2020, T=90), kolada_block(T=-5)),
        ["Post 2, fält value: -5 är lägre än det lägsta möjliga värdet, 0."],
    ),
    "not JSON": (
        "kolada.json",
        b'{"values": [\n  {"kpi": }\n]}',
        ["Rad 2: filen är inte giltig JSON (tecken 11)."],
    ),
}


@pytest.mark.parametrize(("name", "content", "messages"), BAD_FILES.values(), ids=BAD_FILES)
def test_command_refuses_a_bad_file_and_writes_nothing(tmp_path, stored, name, content, messages):
    path = tmp_path / name
    path.write_bytes(content)
    err = StringIO()
    with pytest.raises(CommandError, match="Inget importerades: filen har fel.") as refused:
        call_command("import_values", str(path), stdout=StringIO(), stderr=err)
    assert refused.value.returncode == 1
    for message in messages:
        assert message in err.getvalue()
    assert snapshot() == stored


@pytest.mark.parametrize(("name", "content", "messages"), BAD_FILES.values(), ids=BAD_FILES)
def test_upload_refuses_a_bad_file_and_writes_nothing(
    security_client, stored, name, content, messages
):
    response = upload(security_client, name, content)
    assert response.status_code == 200
    assert "Filen kan inte importeras" in response.text
    for message in messages:
        assert message in response.text
    assert "Importera värdena" not in response.text
    assert "indicators.pending_import" not in security_client.session
    assert snapshot() == stored


def test_command_exits_non_zero_as_a_process(tmp_path):
    path = tmp_path / "fel.csv"
    path.write_bytes(b"indikator;period;group;value\nx;2021;alla;1\n")
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"}
    finished = subprocess.run(
        [sys.executable, "manage.py", "import_values", str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 1
    assert "Rad 1, kolumn indikator: okänd kolumn." in finished.stderr


GOOD_FILES = {
    "semicolons, decimal comma, BOM": (
        "bra.csv",
        b"\xef\xbb\xbf" + csv_bytes("tm-fortkorning;2021;alla;1,75", "fhe-tobak;2021;ak9;8,1"),
    ),
    "commas with quoted decimal comma and decimal point": (
        "bra.csv",
        b'indicator,period,group,value\ntm-fortkorning,2021,alla,"1,75"\nfhe-tobak,2021,ak9,8.1\n',
    ),
    "tabs": (
        "bra.txt",
        b"indicator\tperiod\tgroup\tvalue\ntm-fortkorning\t2021\talla\t1,75\n"
        b"fhe-tobak\t2021\tak9\t8,10\n",
    ),
    "Windows-1252": (
        "bra.csv",
        csv_bytes("tm-fortkorning;2021;alla;1,75", "fhe-tobak;2021;ak9;8,1", encoding="cp1252"),
    ),
    "XLSX": (
        "bra.xlsx",
        xlsx_bytes(
            ["indicator", "period", "group", "value"],
            ["tm-fortkorning", 2021, "alla", 1.75],
            [],
            ["fhe-tobak", "2021", "ak9", 8.1],
        ),
    ),
}


@pytest.mark.parametrize(("name", "content"), GOOD_FILES.values(), ids=GOOD_FILES)
def test_swedish_excel_files_are_read(tmp_path, stored, name, content):
    output = run_command(tmp_path, name, content)
    assert "0 att lägga till, 2 att ändra, 0 oförändrade." in output
    assert "tm-fortkorning 1287 2021 alla: 2,35 → 1,75" in output
    assert "fhe-tobak 1287 2021 ak9: 9,5 % → 8,1 %" in output
    speeding = Value.objects.get(indicator__code="tm-fortkorning", period__label="2021")
    assert speeding.value == Decimal("1.75")


def test_windows_1252_note_keeps_its_letters(tmp_path, stored):
    content = csv_bytes(
        "brott-skadegorelse;2021;alla;188;Åtgärdat i Anderslöv", header=HEADER[:-1] + ";note\n"
    )
    run_command(tmp_path, "noter.csv", content.decode().encode("cp1252"))
    value = Value.objects.get(indicator__code="brott-skadegorelse", period__label="2021")
    assert value.note == "Åtgärdat i Anderslöv"


def test_reimporting_the_same_file_changes_nothing(tmp_path, stored):
    content = csv_bytes("brott-bostadsinbrott;2021;alla;98")
    run_command(tmp_path, "a.csv", content)
    after_first = snapshot()
    assert after_first != stored
    output = run_command(tmp_path, "a.csv", content)
    assert "0 att lägga till, 0 att ändra, 1 oförändrade." in output
    assert snapshot() == after_first


def test_export_then_import_is_a_round_trip(tmp_path, stored, police_client):
    response = police_client.get("/indikatorer/export.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="indikatorvarden.csv"'
    content = response.content
    text = content.decode("utf-8-sig")
    assert content.startswith(b"\xef\xbb\xbf")
    assert text.startswith("indicator;period;group;value;status;note;municipality\r\n")
    assert "tm-fortkorning;2021;alla;2,35;slutlig;Påhittat exempelvärde" in text
    assert "brott-bostadsinbrott;2022;alla;95;preliminär;Påhittat exempelvärde" in text
    output = run_command(tmp_path, "export.csv", content)
    count = Value.objects.count()
    assert f"0 att lägga till, 0 att ändra, {count} oförändrade." in output
    assert snapshot() == stored


def test_status_and_note_columns_are_kept_when_left_out(tmp_path, stored):
    run_command(tmp_path, "a.csv", csv_bytes("brott-bostadsinbrott;2022;alla;96"))
    value = Value.objects.get(indicator__code="brott-bostadsinbrott", period__label="2022")
    assert (value.value, value.status, value.note) == (
        Decimal(96),
        ValueStatus.PRELIMINARY,
        "Påhittat exempelvärde",
    )
    header = HEADER[:-1] + ";status;note\n"
    output = run_command(
        tmp_path, "b.csv", csv_bytes("brott-bostadsinbrott;2022;alla;96;;", header=header)
    )
    assert "96 → 96; Preliminär → Slutlig; anteckning: ”Påhittat exempelvärde” → ””" in output
    value.refresh_from_db()
    assert (value.status, value.note) == (ValueStatus.FINAL, "")


def test_new_values_are_added_with_history(tmp_path, stored):
    header = HEADER[:-1] + ";status;note\n"
    content = csv_bytes(
        "fhe-tobak;2016;ak9;14;slutlig;Rättad",
        "fhe-otrygghet;2016;ak6;12;slutlig;Påhittat exempelvärde",
        header=header,
    )
    Value.objects.filter(
        indicator__code="fhe-tobak", period__label="2016", group__code="ak9"
    ).delete()
    output = run_command(tmp_path, "a.csv", content)
    assert "1 att lägga till, 0 att ändra, 1 oförändrade." in output
    added = Value.objects.get(indicator__code="fhe-tobak", period__label="2016", group__code="ak9")
    assert (added.value, added.note, added.is_demo) == (Decimal(14), "Rättad", False)
    assert added.history.count() == 1


def test_a_file_longer_than_the_limit_is_refused(tmp_path, stored, monkeypatch):
    monkeypatch.setattr("indicators.reading.MAX_ROWS", 2)
    rows = [f"brott-bostadsinbrott;{year};alla;90" for year in (2019, 2020, 2021)]
    path = tmp_path / "lang.csv"
    path.write_bytes(csv_bytes(*rows))
    err = StringIO()
    with pytest.raises(CommandError, match="Inget importerades: filen har fel."):
        call_command("import_values", str(path), stdout=StringIO(), stderr=err)
    assert "Rad 4: filen har fler än 2 rader; dela upp den." in err.getvalue()
    assert snapshot() == stored


def test_dry_run_writes_nothing(tmp_path, stored):
    output = run_command(
        tmp_path, "a.csv", csv_bytes("brott-bostadsinbrott;2021;alla;98"), "--dry-run"
    )
    assert "0 att lägga till, 1 att ändra" in output
    assert snapshot() == stored


def test_kolada_answer_imports_the_linked_kpi_with_attribution(tmp_path, stored):
    content = kolada_bytes(kolada_block(T=97, K=40, M=None), kolada_block(period=2020, T=None))
    output = run_command(tmp_path, "kolada.json", content)
    assert "0 att lägga till, 1 att ändra, 0 oförändrade." in output
    assert "Post 2: brott-bostadsinbrott har ingen grupp för kön ”K”; hoppas över." in output
    assert "Post 4: Kolada har inget värde; hoppas över." in output
    value = Value.objects.get(indicator__code="brott-bostadsinbrott", period__label="2021")
    assert (value.value, value.note) == (Decimal(97), "Från Kolada (CC BY 4.0)")
    again = run_command(tmp_path, "kolada.json", content)
    assert "0 att lägga till, 0 att ändra, 1 oförändrade." in again


def test_upload_previews_then_confirm_writes(security_client, security_user, stored):
    content = csv_bytes("brott-bostadsinbrott;2021;alla;98", "brott-skadegorelse;2021;alla;188")
    response = upload(security_client, "rättelse.csv", content)
    assert "0 att lägga till, 1 att ändra, 1 oförändrade." in response.text
    assert "100 → 98" in response.text
    assert snapshot() == stored  # nothing yet
    fingerprint = response.context["preview"].fingerprint()
    response = security_client.post(
        "/indikatorer/import/bekrafta/", {"fingerprint": fingerprint}, follow=True
    )
    assert "rättelse.csv importerad: 0 tillagda, 1 ändrade." in response.text
    value = Value.objects.get(indicator__code="brott-bostadsinbrott", period__label="2021")
    assert (value.value, value.entered_by) == (Decimal(98), security_user)
    assert value.history.first().history_user == security_user
    assert "indicators.pending_import" not in security_client.session


def test_confirmed_import_writes_history_naming_the_user(security_client, security_user, stored):
    wave = {"indicator__code": "fhe-tobak", "period__label": "2016", "group__code": "ak9"}
    Value.objects.filter(**wave).delete()
    content = csv_bytes("fhe-tobak;2016;ak9;14", "brott-bostadsinbrott;2021;alla;98")
    response = upload(security_client, "a.csv", content)
    fingerprint = response.context["preview"].fingerprint()
    security_client.post("/indikatorer/import/bekrafta/", {"fingerprint": fingerprint})
    added = Value.objects.get(**wave)
    changed = Value.objects.get(indicator__code="brott-bostadsinbrott", period__label="2021")
    for value, kind in ((added, "+"), (changed, "~")):
        record = value.history.first()
        assert (record.history_type, record.history_user) == (kind, security_user)
        assert record.history_date == value.updated
        assert (record.value, record.status, record.note, record.entered_by) == (
            value.value,
            value.status,
            value.note,
            security_user,
        )
    assert added.history.count() == 1


def test_a_large_import_is_written_in_batches_with_history(tmp_path, stored, monkeypatch):
    monkeypatch.setattr("indicators.writing.BATCH_ROWS", 2)  # SQLite's batches
    wave = {"indicator__code": "fhe-tobak", "period__label": "2016"}
    Value.objects.filter(**wave).delete()
    groups = ["ak6", "ak9", "gy2"]
    rows = [f"fhe-tobak;2016;{group};{n}" for n, group in enumerate(groups, start=1)]
    rows += [f"fhe-alkohol;2021;{group};{n}0" for n, group in enumerate(groups, start=1)]
    output = run_command(tmp_path, "a.csv", csv_bytes(*rows))
    assert "3 att lägga till, 3 att ändra, 0 oförändrade." in output
    added = Value.objects.filter(**wave)
    changed = Value.objects.filter(indicator__code="fhe-alkohol", period__label="2021")
    assert {v.group.code: v.value for v in added} == {"ak6": 1, "ak9": 2, "gy2": 3}
    assert {v.group.code: v.value for v in changed} == {"ak6": 10, "ak9": 20, "gy2": 30}
    assert {v.group.code: v.sample_size for v in changed} == {"ak6": 410, "ak9": 380, "gy2": 290}
    for values, kind in ((added, "+"), (changed, "~")):
        for value in values:
            record = value.history.first()
            assert (record.history_type, record.history_date) == (kind, value.updated)
            assert record.history_user is record.entered_by is None
            assert (record.value, record.sample_size) == (value.value, value.sample_size)
    assert [value.history.count() for value in added] == [1, 1, 1]


def test_confirm_refuses_when_the_values_changed_since_the_preview(security_client, stored):
    response = upload(security_client, "a.csv", csv_bytes("brott-bostadsinbrott;2021;alla;98"))
    fingerprint = response.context["preview"].fingerprint()
    Value.objects.filter(indicator__code="brott-bostadsinbrott", period__label="2021").update(
        value=98
    )
    changed = snapshot()
    response = security_client.post(
        "/indikatorer/import/bekrafta/", {"fingerprint": fingerprint}, follow=True
    )
    assert "Värdena har ändrats sedan förhandsgranskningen" in response.text
    assert snapshot() == changed


def test_confirm_refuses_a_preview_it_did_not_show(security_client, stored):
    upload(security_client, "a.csv", csv_bytes("brott-bostadsinbrott;2021;alla;98"))
    response = security_client.post(
        "/indikatorer/import/bekrafta/", {"fingerprint": "x"}, follow=True
    )
    assert "Värdena har ändrats sedan förhandsgranskningen" in response.text
    assert snapshot() == stored


def test_confirm_without_a_pending_import(security_client, stored):
    response = security_client.post("/indikatorer/import/bekrafta/", follow=True)
    assert "Ingen import väntar" in response.text


def test_a_file_that_changes_nothing_offers_no_import(security_client, stored):
    response = upload(security_client, "a.csv", csv_bytes("brott-bostadsinbrott;2021;alla;100"))
    assert "Filen ändrar ingenting" in response.text
    assert "Importera värdena" not in response.text


@pytest.mark.parametrize("fixture", ["police_client", "reader_client"])
def test_only_the_security_unit_imports(request, stored, fixture):
    client = request.getfixturevalue(fixture)
    assert client.get("/indikatorer/import/").status_code == 403
    content = csv_bytes("brott-bostadsinbrott;2021;alla;98")
    assert upload(client, "a.csv", content).status_code == 403
    assert client.post("/indikatorer/import/bekrafta/").status_code == 403
    assert snapshot() == stored


def test_readers_cannot_export(reader_client, stored):
    assert reader_client.get("/indikatorer/export.csv").status_code == 403
