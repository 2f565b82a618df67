from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from custtui.core.errors import CusttuiError
from custtui.core.importing.read import ImportFileError, Table, cell_text, read_table

NOBODY = 65534  # the conventional uid of the unprivileged user


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def write_xlsx(tmp_path: Path, sheets: dict[str, list[list[object]]], name: str = "c.xlsx") -> Path:
    workbook = Workbook()
    first = True
    for title, rows in sheets.items():
        worksheet = workbook.active if first else workbook.create_sheet()
        assert worksheet is not None
        worksheet.title = title
        first = False
        for row in rows:
            worksheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def bad_file_message(path: Path, **kwargs: object) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    assert isinstance(caught.value, CusttuiError)
    return str(caught.value)


# --- CSV ---------------------------------------------------------------------------------


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", "\ufeffFirst Name,Last Name\nZoë,Müller\n".encode())
    table = read_table(path)
    assert table.headers == ["First Name", "Last Name"]
    assert table.rows == [["Zoë", "Müller"]]
    assert table.sheets == []
    assert table.source == "CSV, UTF-8, ','"


def test_cp1252_accents(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("Name,City\nZoë Müller,Köln\n", encoding="cp1252")
    table = read_table(path)
    assert table.rows == [["Zoë Müller", "Köln"]]
    assert table.source.startswith("CSV, cp1252")


def test_latin1_fallback_for_bytes_cp1252_leaves_undefined(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", b"Name,Code\nAl,x\x81y\n")
    table = read_table(path)
    assert table.rows == [["Al", "x\x81y"]]
    assert "latin-1" in table.source


def test_semicolon_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", b"Name;City;Notes\nAl;Paris;likes, commas\nBo;Lyon;x\n")
    table = read_table(path)
    assert table.headers == ["Name", "City", "Notes"]
    assert table.rows[0] == ["Al", "Paris", "likes, commas"]
    assert table.source == "CSV, UTF-8, ';'"


def test_tab_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path, "c.tsv", b"Name\tCity\nAl\tParis\nBo\tLyon\n")
    table = read_table(path)
    assert table.headers == ["Name", "City"]
    assert table.rows == [["Al", "Paris"], ["Bo", "Lyon"]]
    assert table.source.endswith("tab")


def test_single_column(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "c.txt", b"Name\nAl\nBo\n"))
    assert table.headers == ["Name"]
    assert table.rows == [["Al"], ["Bo"]]


def test_quoted_field_with_embedded_newline(tmp_path: Path) -> None:
    data = b'Name,Notes\r\nAl,"line one\r\nline two, still notes"\r\nBo,x\r\n'
    table = read_table(write(tmp_path, "c.csv", data))
    assert table.rows == [["Al", "line one\r\nline two, still notes"], ["Bo", "x"]]


def test_blank_lines_skipped(tmp_path: Path) -> None:
    data = b"\n\nName,City\n\nAl,Paris\n,\n   \nBo,Lyon\n\n"
    table = read_table(write(tmp_path, "c.csv", data))
    assert table.headers == ["Name", "City"]
    assert table.rows == [["Al", "Paris"], ["Bo", "Lyon"]]


def test_trailing_empty_columns_dropped_and_rows_fitted(tmp_path: Path) -> None:
    data = b"Name,,City,,\nAl,x,Paris,,\nBo\nCy,y,Nice,extra,more,again\n"
    table = read_table(write(tmp_path, "c.csv", data))
    assert table.headers == ["Name", "Column 2", "City"]
    assert table.rows == [["Al", "x", "Paris"], ["Bo", "", ""], ["Cy", "y", "Nice"]]


def test_headers_trimmed(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "c.csv", b" Name , City \nAl,Paris\n"))
    assert table.headers == ["Name", "City"]


# --- Excel -------------------------------------------------------------------------------


def test_excel_phone_number_keeps_digits(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path, {"Customers": [["Name", "Phone", "Mobile"], ["Al", 4155552671, 4155552672.0]]}
    )
    table = read_table(path)
    assert table.rows == [["Al", "4155552671", "4155552672"]]
    assert table.source == "Excel, sheet 'Customers'"
    assert table.sheets == ["Customers"]


def test_excel_date_and_other_cells(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        {
            "S": [
                ["Name", "Since", "Seen", "Member", "Score", None],
                ["Al", datetime(2024, 3, 5), datetime(2024, 3, 5, 14, 30), True, 2.5, None],
                ["Bo", date(2023, 1, 2), None, False, 3, None],
            ]
        },
    )
    table = read_table(path)
    assert table.headers == ["Name", "Since", "Seen", "Member", "Score"]
    assert table.rows[0] == ["Al", "2024-03-05", "2024-03-05 14:30:00", "yes", "2.5"]
    assert table.rows[1] == ["Bo", "2023-01-02", "", "no", "3"]


def test_excel_sheet_choice(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        {"Notes": [["Title"], ["hello"]], "Customers": [["Name"], ["Al"], ["Bo"]]},
    )
    first = read_table(path)
    assert first.headers == ["Title"]
    assert first.sheets == ["Notes", "Customers"]
    chosen = read_table(path, sheet="Customers")
    assert chosen.rows == [["Al"], ["Bo"]]
    assert chosen.source == "Excel, sheet 'Customers'"


def test_excel_unknown_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, {"Notes": [["Title"], ["x"]], "Customers": [["Name"], ["Al"]]})
    message = bad_file_message(path, sheet="Clients")
    assert message == "c.xlsx has no sheet 'Clients'; its sheets are 'Notes', 'Customers'."


def test_excel_header_only(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, {"S": [["Name", "City"]]})
    assert bad_file_message(path) == "c.xlsx has a header row but no customers."


def test_excel_empty_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, {"S": []})
    assert bad_file_message(path) == "c.xlsx is empty."


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (4155552671, "4155552671"),
        (4155552671.0, "4155552671"),
        (0.1, "0.1"),
        (float("nan"), "nan"),
        (datetime(2020, 1, 2), "2020-01-02"),
        (datetime(2020, 1, 2, 3, 4, 5), "2020-01-02 03:04:05"),
        ("  kept ", "  kept "),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


# --- bad files ---------------------------------------------------------------------------


def test_binary_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", b"PK\x03\x04\x00\x00junk\x00\xff")
    assert "c.csv is not a text file" in bad_file_message(path)


def test_xlsx_that_is_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "c.xlsx", b"Name,City\nAl,Paris\n")
    assert "c.xlsx is not an Excel workbook" in bad_file_message(path)


def test_xlsx_that_is_junk(tmp_path: Path) -> None:
    path = write(tmp_path, "c.xlsx", bytes(range(256)) * 10)
    assert "c.xlsx is not an Excel workbook" in bad_file_message(path)


def test_xlsx_that_is_a_zip_without_workbook(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "c.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "c.xlsx is not an Excel workbook" in bad_file_message(path)


@pytest.mark.parametrize("name", ["c.csv", "c.xlsx"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    assert bad_file_message(write(tmp_path, name, b"")) == f"{name} is empty."


def test_whitespace_only_csv_is_empty(tmp_path: Path) -> None:
    assert bad_file_message(write(tmp_path, "c.csv", b"\n \r\n,,\n")) == "c.csv is empty."


def test_header_only_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", b"Name,City\n\n")
    assert bad_file_message(path) == "c.csv has a header row but no customers."


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", b"Name\n" + b"Al\n" * 100)
    message = bad_file_message(path, max_bytes=100)
    assert "c.csv is larger than the" in message


def test_line_over_ten_megabytes(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", b"Name,Notes\nAl," + b"x" * 10_000_001 + b"\n")
    assert "longer than 10 MB" in bad_file_message(path)


def test_quoted_value_over_ten_megabytes(tmp_path: Path) -> None:
    # Many short lines inside one quoted value get past the line check but not the field limit.
    value = b"x" * 1000 + b"\n"
    path = write(tmp_path, "c.csv", b'Name,Notes\nAl,"' + value * 10_100 + b'"\n')
    assert "can't be read as CSV" in bad_file_message(path)


def test_missing_file(tmp_path: Path) -> None:
    assert bad_file_message(tmp_path / "gone.csv") == "gone.csv does not exist."


def test_folder(tmp_path: Path) -> None:
    (tmp_path / "d.csv").mkdir()
    assert bad_file_message(tmp_path / "d.csv") == "d.csv is a folder, not a file."


@contextmanager
def not_root() -> Iterator[None]:
    """Root reads a file whatever its mode: when the tests run as root, the block runs as
    nobody (the effective user only, given back at the end)."""
    if os.geteuid() != 0:
        yield
        return
    try:
        os.seteuid(NOBODY)
    except PermissionError:
        pytest.skip("root here may not act as another user, and root reads any file")
    try:
        yield
    finally:
        os.seteuid(0)


def test_permission_denied() -> None:
    # A folder anyone may search (tmp_path's parents are root's alone), holding a file
    # no one may read: the file is found, then its reading is refused.
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o711)
        path = write(Path(folder), "c.csv", b"Name\nAl\n")
        path.chmod(0)
        with not_root():
            message = bad_file_message(path)
    assert message == "c.csv can't be opened: permission denied."


def test_unsupported_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "c.xls", b"whatever")
    assert bad_file_message(path) == "Import reads .csv and .xlsx files."


# --- property ----------------------------------------------------------------------------

_pieces = st.one_of(
    st.text(alphabet=st.sampled_from(list(',;\t"\n\r\x00 aZé€中\ufeff\u2028')), max_size=30),
    st.text(max_size=20),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(_pieces, max_size=10), encoding=st.sampled_from(["utf-8", "utf-16", "raw"]))
def test_random_csv_reads_or_fails_cleanly(tmp_path: Path, parts: list[str], encoding: str) -> None:
    text = "".join(parts)
    if encoding == "raw":
        data = bytes(ord(ch) % 256 for ch in text)
    else:
        data = text.encode(encoding, errors="surrogatepass")
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    try:
        table = read_table(path)
    except ImportFileError:
        return
    assert isinstance(table, Table)
    assert table.rows
    assert all(len(row) == len(table.headers) for row in table.rows)


def test_a_stray_nul_is_dropped_and_its_row_named_instead_of_refusing_the_file(
    tmp_path: Path,
) -> None:
    data = b"Name,Email\nAda Lovelace,ada@example.org\nBob\x00 Baker,bob@exa\x00mple.org\n"
    table = read_table(write(tmp_path, "c.csv", data + b"\x00" * 300))
    assert table.rows == [
        ["Ada Lovelace", "ada@example.org"],
        ["Bob Baker", "bob@example.org"],
    ]
    assert table.source == "CSV, UTF-8, ',', NUL bytes removed from row 3"


def test_many_nuls_still_mean_a_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", "Name,Email\nAda,ada@example.org\n".encode("utf-16-le"))
    assert "c.csv is not a text file" in bad_file_message(path)
