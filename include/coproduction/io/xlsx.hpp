#pragma once
/// \file
/// An `.xlsx` workbook (ECMA-376, Office Open XML SpreadsheetML) as sheets of cells, and
/// sheets as a workbook: the two halves of reading and writing a network as a spreadsheet
/// that deal with the file format (the columns and what each cell means are the spreadsheet
/// reader's, `io/sheet.hpp` holds what passes between them).
///
/// Reading treats the workbook as hostile (docs/spreadsheet.md, "Limits: hostile files"):
/// the zip archive is checked before anything is parsed (at most 10,000 parts; the sizes the
/// parts declare, which unpacking then holds them to, within the byte budget, so a zip bomb
/// is refused before it is unpacked; no part declaring an XML document type, which entity
/// expansion attacks use); every part is read with the library's XML reader, which reads no
/// DTD; and only the cells the sheets hold are read, each as the file stores it: a number
/// cell is a number (a date when its number format shows a date, as openpyxl decides it),
/// a text cell text (shared or inline, the workbook's `_xHHHH_` escapes undone), and a
/// formula is reported, never computed (a formula filled down is moved to its cell as
/// openpyxl moves it). The sheets, the cells, the problems and their places and codes are the
/// Python package's (`coproduction.io._xlsx`, which reads through openpyxl), and so are the
/// messages, but for these:
/// - a workbook that cannot be opened as one says `not a workbook this reader can read:` and
///   why, and a part or sheet that cannot be read gives this reader's reason (the XML
///   reader's place and message, the zip layer's), where Python names its exception;
/// - the archive is held to more than Python's zip reader asks: any part with a damaged local
///   header, two parts of one name, a name with a control character, data before the archive
///   or an archive on several disks is refused (Python reads such archives);
/// - the parts openpyxl parses and this reader does not need (document properties, theme)
///   are not checked;
/// - a number cell's integer beyond 64 bits is kept as the nearest double, and an escape of
///   a UTF-16 surrogate (`_xD800_`) as the text it is.
///
/// Writing makes the same bytes as the Python package's writer: shared strings, text
/// columns formatted as Text, a bold frozen header, each number as its shortest exact text,
/// characters XML cannot hold written as `_xHHHH_`, and a zip archive with fixed time
/// stamps, so that the same network gives the same bytes.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "coproduction/detail/xlsx_package.hpp"
#include "coproduction/detail/xlsx_sheet.hpp"
#include "coproduction/detail/xlsx_text.hpp"
#include "coproduction/detail/xlsx_writer.hpp"
#include "coproduction/detail/zip_archive.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/file.hpp"
#include "coproduction/io/sheet.hpp"

namespace coproduction::io {

/// The most parts (files inside the zip archive) a workbook may hold.
inline constexpr std::uint64_t xlsx_max_parts = 10000;
/// Excel's limits: rows and columns of a sheet, characters of a cell.
inline constexpr std::int64_t xlsx_max_rows = 1048576;
inline constexpr std::int64_t xlsx_max_columns = 16384;
inline constexpr std::size_t xlsx_max_cell_characters = 32767;

/// The sheets of a workbook that `read_workbook` found, in the order of `sheet_names`, and
/// the place of the problems of the workbook as a whole.
struct WorkbookSheets {
  std::vector<Sheet> sheets;
  Sheet place;
  /// The sheet of this name (`stakeholders`, ...), or null when the workbook has none.
  const Sheet* find(std::string_view name) const {
    for (const Sheet& s : sheets)
      if (s.name == name) return &s;
    return nullptr;
  }
};

/// Text as a workbook's XML holds it: `_xHHHH_` for a character XML cannot hold (or would
/// turn into another), `_x005F_` before a literal `_xHHHH_` (ECMA-376 Part 1, 22.9.2.19).
inline std::string xstring_escape(std::string_view text) { return detail::xlsx::xstring_escape(text); }

/// The text a workbook's string means: every `_xHHHH_` is the character it codes.
inline std::string xstring_unescape(std::string_view text) { return detail::xlsx::xstring_unescape(text); }

}  // namespace coproduction::io

namespace coproduction::detail::xlsx {

/// `where: message` of an error from the XML reader or the zip layer.
inline std::string described(const format_error& e) {
  return e.where().empty() ? e.detail() : e.where() + ": " + e.detail();
}

/// A sheet title as Python's `str.lower` makes it, where that can give a sheet's name:
/// ASCII letters lowered and the Kelvin sign a k; any other non-ASCII character is kept
/// (it can match no sheet).
inline std::string lowered_title(std::string_view title) {
  std::string out;
  for (std::size_t i = 0; i < title.size(); ++i) {
    const char c = title[i];
    if (title.substr(i, 3) == "\xE2\x84\xAA") out += 'k', i += 2;
    else out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

/// Checks the zip archive before anything parses it (the Python package's
/// `_check_archive`); false, with a problem recorded, when it is not one or a part declares
/// a document type. Throws `size_refused` for too many parts or a zip bomb.
inline bool check_archive(std::string_view data, std::optional<zip::archive>& archive,
                          io::Sheet& place, io::ReadBudget& budget) {
    try {
    archive.emplace(data, io::xlsx_max_parts);
  } catch (const zip::too_many_parts& e) {
    throw io::size_refused(place.problem("format.size", "the workbook holds " + std::to_string(e.parts()) +
                                                        " parts, more than the limit of " + std::to_string(io::xlsx_max_parts)));
  } catch (const zip::zip_error& e) {
    if (!e.part().empty()) {
      place.problem("format.syntax", "the part " + py_repr(e.part()) + " cannot be unpacked: " + e.detail());
    } else if (data.substr(0, 4) == "\xD0\xCF\x11\xE0") {
      place.problem("format.syntax",
                    "an Excel 97-2003 (.xls) or password-protected workbook: save it as an "
                    "Excel Workbook (.xlsx) without a password");
    } else {
      place.problem("format.syntax", "not an .xlsx workbook (it is not a zip archive)");
    }
    return false;
  }
  const std::uint64_t unpacked = archive->declared_size();
  if (budget.bytes > budget.max_bytes || unpacked > budget.max_bytes - budget.bytes)
    throw io::size_refused(place.problem(
        "format.size", "the workbook's parts unpack to " + std::to_string(unpacked) +
                           " bytes, more than the limit of " + std::to_string(budget.max_bytes) +
                           " (max_bytes): refused before unpacking (a zip bomb?)"));
  budget.bytes += unpacked;
  for (const zip::entry& part : archive->entries()) {
    const std::string lower = lowered_title(part.name);
    auto ends = [&](std::string_view tail) {
      return lower.size() >= tail.size() && lower.compare(lower.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (!ends(".xml") && !ends(".rels") && !ends(".vml")) continue;
    std::string head;
    try {
      // As Python reads the first 64 KiB: a part that short is read whole, and checked.
      head = part.size <= 65536 ? archive->read(part) : archive->head(part, 65536);
    } catch (const zip::zip_error& e) {
      place.problem("format.syntax", "the part " + py_repr(part.name) + " cannot be unpacked: " + e.detail());
      return false;
    }
    if (head.find("<!DOCTYPE") != std::string::npos || head.find("<!ENTITY") != std::string::npos) {
      place.problem("format.syntax", "the part " + py_repr(part.name) +
                                         " declares an XML document type, which no workbook needs: "
                                         "refused (entity expansion)");
      return false;
    }
  }
  return true;
}

/// Reads one sheet's cells (the Python package's `_read_sheet`).
inline void read_sheet(const zip::archive& archive, const sheet_entry& entry,
                       const package& package, const std::vector<std::string>& strings,
                       io::Sheet& sheet, io::ReadBudget& budget) {
    if (entry.chart) {
    sheet.problem("format.syntax", "the sheet cannot be read: it is a chart sheet, which holds no cells");
    sheet.readable = false;
    return;
  }
  try {
    const std::string text = archive.read(*archive.find(entry.part));
    sheet_parser parser(strings, package.date_styles, package.elapsed_styles, package.mac_epoch);
    std::int64_t rows_seen = 0;
    parser.parse(text, [&](std::int64_t index, const std::string&, std::vector<found_cell>& row) {
      ++rows_seen;
      if (rows_seen > io::xlsx_max_rows || index > io::xlsx_max_rows) {  // empty rows cost time, not cells
        sheet.problem("format.size", "more than the " + std::to_string(io::xlsx_max_rows) + " rows a sheet holds");
        sheet.readable = false;
        return false;
      }
      budget.cells += row.size();
      if (budget.cells > budget.max_cells)
        throw io::size_refused(sheet.problem("format.size", "the sheets hold more than " + std::to_string(budget.max_cells) +
                                                            " cells (max_cells)"));
      for (found_cell& found : row) {
        if (!(found.row >= 1 && found.row <= io::xlsx_max_rows && found.column >= 1 && found.column <= io::xlsx_max_columns)) {
          sheet.problem("format.size", "a cell at row " + found.row_text + ", column " + std::to_string(found.column) +
                                           ": beyond the last row (" + std::to_string(io::xlsx_max_rows) + ") or column (" +
                                           std::to_string(io::xlsx_max_columns) + ") of a sheet");
          sheet.readable = false;
          return false;
        }
        if (!found.cell) continue;
        const auto r = static_cast<std::size_t>(found.row), c = static_cast<std::size_t>(found.column);
        auto& cells = sheet.cells[r];
        if (cells.count(c)) sheet.problem("format.duplicate_key", "the file holds this cell twice", r, c);
        cells[c] = std::move(*found.cell);
      }
      return true;
    });
  } catch (const io::size_refused&) {
    throw;
  } catch (const format_error& e) {
    sheet.problem("format.syntax", "the sheet cannot be read: " + described(e));
    sheet.readable = false;
  } catch (const sheet_unreadable& e) {
    sheet.problem("format.syntax", std::string("the sheet cannot be read: ") + e.what());
    sheet.readable = false;
  }
}

}  // namespace coproduction::detail::xlsx

namespace coproduction::io {

/// The sheets of a workbook held in memory, by name, and a sheet for the workbook itself
/// holding the problems of the workbook as a whole (the Python package's
/// `_xlsx.read_workbook`). A sheet's name ignores case (`Stakeholders` is the sheet
/// `stakeholders`); other sheets are not read, but one whose name looks like a slip for a
/// sheet's (`relation`) is a problem (`format.unknown_field`), as are two sheets of one
/// name (`format.duplicate_key`). `title` names the workbook in every place (its path).
///
/// Problems are recorded, never thrown: a file that is not a zip archive, an Excel 97-2003
/// or password-protected file, a part that cannot be unpacked (damaged, lying about its
/// size, failing its CRC-32, encrypted) or declares a document type, a workbook whose parts
/// cannot be found, a sheet that cannot be read (`readable` false). The budget's bytes grow
/// by the parts' declared sizes, its cells by every shared string and cell.
///
/// Throws `size_refused` (with the one problem) for a workbook over `budget.max_bytes`, more
/// than 10,000 parts, parts declaring more bytes than the budget has left (before unpacking
/// any), or more shared strings and cells than `budget.max_cells`.
///
/// Complexity: linear in the archive's size and the parts' unpacked sizes.
inline WorkbookSheets read_workbook_bytes(std::string_view data, const std::string& title, ReadBudget& budget) {
  namespace xlsx = coproduction::detail::xlsx;
  WorkbookSheets out{{}, Sheet("workbook", title, -1)};
  Sheet& place = out.place;
  if (data.size() > budget.max_bytes)
    throw size_refused(place.problem("format.size", "the workbook has " + std::to_string(data.size()) +
                                                        " bytes, more than the limit of " +
                                                        std::to_string(budget.max_bytes) + " (max_bytes)"));
  std::optional<coproduction::detail::zip::archive> archive;
  if (!xlsx::check_archive(data, archive, place, budget)) return out;
  std::vector<std::string> strings;
  try {
    strings = xlsx::read_shared_strings(*archive, xlsx::shared_strings_part(*archive), [&] {
      if (++budget.cells > budget.max_cells)
        throw size_refused(place.problem("format.size", "the workbook holds more than " + std::to_string(budget.max_cells) +
                                                            " cells and shared strings (max_cells)"));
    });
  } catch (const size_refused&) {
    throw;
  } catch (const format_error& e) {
    place.problem("format.syntax", "the shared strings cannot be read: " + xlsx::described(e));
    return out;
  }
  xlsx::package package;
  try {
    package = xlsx::read_package(*archive);
  } catch (const xlsx::not_a_workbook& e) {
    place.problem("format.syntax", std::string("not a workbook this reader can read: ") + e.what());
    return out;
  } catch (const format_error& e) {
    place.problem("format.syntax", "not a workbook this reader can read: " + xlsx::described(e));
    return out;
  }
  std::map<std::string, std::vector<std::string>> titles;
  for (const xlsx::sheet_entry& s : package.sheets) {
    const std::string lower = xlsx::lowered_title(s.title);
    if (std::find(sheet_names.begin(), sheet_names.end(), lower) != sheet_names.end()) {
      titles[lower].push_back(s.title);
      continue;
    }
    if (const auto meant = near_miss(s.title, sheet_names))
      place.problem("format.unknown_field", "the sheet " + xlsx::py_repr(s.title) + " is not read: is it the " + *meant +
                                                " sheet? Name it " + *meant);
  }
  for (std::size_t order = 0; order < sheet_names.size(); ++order) {
    const std::string name(sheet_names[order]);
    const auto found = titles.find(name);
    if (found == titles.end()) continue;
    if (found->second.size() > 1) {
      std::string listed;
      for (const std::string& t : found->second) listed += (listed.empty() ? "" : ", ") + xlsx::py_repr(t);
      place.problem("format.duplicate_key", std::to_string(found->second.size()) + " sheets are the " + name +
                                                " sheet: " + listed + "; keep one");
      continue;
    }
    Sheet sheet(name, title + ", sheet " + found->second.front(), static_cast<int>(order));
    for (const xlsx::sheet_entry& s : package.sheets)
      if (s.title == found->second.front()) {
        xlsx::read_sheet(*archive, s, package, strings, sheet, budget);
        break;
      }
    out.sheets.push_back(std::move(sheet));
  }
  return out;
}

/// `read_workbook_bytes` of the file at `path`, named by its path. Throws `size_refused`
/// for a file over `budget.max_bytes` before reading it, `io_error` when it cannot be read.
inline WorkbookSheets read_workbook(const std::filesystem::path& path, ReadBudget& budget) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw io_error(path.string(), ec.message());
  if (size > budget.max_bytes) {
    Sheet place("workbook", path.string(), -1);
    throw size_refused(place.problem("format.size", "the workbook has " + std::to_string(size) +
                                                        " bytes, more than the limit of " +
                                                        std::to_string(budget.max_bytes) + " (max_bytes)"));
  }
  const std::string data = read_text_file(path, budget.max_bytes);
  return read_workbook_bytes(data, path.string(), budget);
}

/// The bytes of a workbook of these sheets, in order (the Python package's
/// `_xlsx.workbook_bytes`): the first sheet selected, each with a bold frozen header row,
/// columns as wide as their first 1,000 values (8 to 60 characters), the columns marked
/// `textual` formatted as Text, each text cell a shared string (neutralised: an apostrophe
/// before a formula starter) with the Text format, each number its shortest exact text
/// (`0.30000000000000004`), each boolean TRUE or FALSE. Deterministic: the same sheets give
/// the same bytes. Throws `input_error` (`sheets`) for a row longer than its header, a
/// `textual` flag list of another length, or a number that is not finite. The writer
/// checks no limit of Excel's (rows, columns, characters): the caller does, before.
inline std::string workbook_bytes(const std::vector<SheetRows>& sheets) {
  return coproduction::detail::zip::write_archive(coproduction::detail::xlsx::workbook_parts(sheets));
}

}  // namespace coproduction::io
