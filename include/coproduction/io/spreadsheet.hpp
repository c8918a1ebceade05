#pragma once
/// \file
/// A partnership as a spreadsheet: a folder of CSV files or one `.xlsx` workbook, with the
/// sheets `stakeholders`, `relations`, `projects`, `decisions`, `rights` and `metadata`,
/// laid out for a researcher to fill in by hand (docs/spreadsheet.md).
///
/// Reading goes through the frame reader (io/frames.hpp), which checks every cell and every
/// rule of the model; this header turns files into its columns and its problems back into the
/// places a person finds them: the file, or the workbook and sheet; the row as the
/// spreadsheet numbers it (the header is row 1); the column's letter and name.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coproduction/detail/spreadsheet_reader.hpp"
#include "coproduction/detail/spreadsheet_writer.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/csv_folder.hpp"
#include "coproduction/io/file.hpp"
#include "coproduction/io/sheet.hpp"
#include "coproduction/io/xlsx.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

/// The limits of a read, over every file of it: they bound the memory a hostile file can
/// make the reader use.
struct spreadsheet_read_options {
  /// The most bytes the files may hold (for a workbook: its parts unpacked, refused before
  /// unpacking). Default 256 MiB.
  std::uint64_t max_bytes = std::uint64_t{256} << 20;
  /// The most cells the sheets may hold in all (empty ones between filled ones included).
  std::uint64_t max_cells = 10'000'000;
};

/// The two forms of the rights sheet.
enum class rights_layout {
  /// One row per decision and stakeholder: decision, stakeholder, right, votes, veto.
  long_form,
  /// One row per decision and one column per stakeholder, each cell a right (empty: not
  /// listed); the votes and veto of each decision are JSON text in the decisions sheet's
  /// `votes` and `veto` columns.
  wide,
};

struct spreadsheet_write_options {
  rights_layout rights = rights_layout::long_form;
};

/// Reads a network from a folder of CSV files or an `.xlsx` workbook.
///
/// The sheets (a file `<sheet>.csv` each, or a sheet of the workbook) are `stakeholders`
/// (required), `relations`, `projects`, `decisions`, `rights` (long or wide) and `metadata`;
/// the header is row 1. Every cell is read for what it is, never coerced: an empty cell is
/// "not given"; a CSV cell is text, converted by its column (`007` stays the id `007`); a
/// workbook cell is what the file stores, and a formula is refused, never computed. A
/// leading apostrophe (which the writer puts before a text a spreadsheet would take for a
/// formula) is removed. O(cells).
///
/// Throws `format_error` listing every problem of every sheet at once, each at its place, as
/// `partnership.xlsx, sheet stakeholders, row 4, column H (paid)` or
/// `data/relations.csv, row 7, column B (target)`, with the frame reader's code and message
/// (files over the limits are refused, `format.size`, before they are read whole);
/// `input_error` ("path") for a path that is neither a folder nor an `.xlsx` file;
/// `io_error` for a path that does not exist or cannot be read.
inline Network read_spreadsheet(const std::filesystem::path& path,
                                const spreadsheet_read_options& options = {}) {
  io::ReadBudget budget{options.max_bytes, options.max_cells};
  const std::string given = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw io_error(given, "no such file or folder");
  try {
    if (std::filesystem::is_directory(status)) {
      io::CsvFolder folder = io::read_csv_folder(given, budget);
      return coproduction::detail::spreadsheet::SpreadsheetReader(folder.sheets, folder.place, false).network();
    }
    if (coproduction::detail::spreadsheet::ends_with_xlsx(given)) {
      if (!std::filesystem::is_regular_file(status)) throw io_error(given, "not a regular file");
      io::WorkbookSheets book = io::read_workbook(path, budget);
      std::map<std::string, io::Sheet> sheets;
      for (io::Sheet& s : book.sheets) sheets.emplace(s.name, std::move(s));
      return coproduction::detail::spreadsheet::SpreadsheetReader(sheets, book.place, true).network();
    }
  } catch (const io::size_refused& refused) {
    throw format_error({refused.problem().as_format_problem()});
  }
  throw input_error("path", "a folder of CSV files or an .xlsx workbook, not the file " +
                                coproduction::detail::spreadsheet::python_repr(given) +
                                " (for one CSV file, give its folder)");
}

/// The sheets of a network as the writers take them (every column of each sheet, empty
/// where a value is not given), with the rights `layout`. Throws `input_error` ("rights")
/// for a wide sheet whose stakeholder ids would make it read as a long one, ("net") for
/// metadata with an empty key.
inline std::vector<io::SheetRows> spreadsheet_sheets(const Network& net,
                                                 rights_layout layout = rights_layout::long_form) {
  return coproduction::detail::spreadsheet::network_sheets(net, layout == rights_layout::wide);
}

/// Writes a network as a folder of CSV files or an `.xlsx` workbook (a name ending in
/// `.xlsx`), atomically; reading it back gives a network equal to `net`.
///
/// A folder (made if missing; its parent must exist) holds `stakeholders.csv`,
/// `relations.csv`, `projects.csv`, `decisions.csv`, `rights.csv` and, when the network has
/// metadata, `metadata.csv`: UTF-8 with a byte-order mark, comma-separated, quoted as RFC
/// 4180 says. A text cell a spreadsheet would take for a formula (starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return), or starting with an apostrophe, is written with an
/// apostrophe before it (CWE-1236); the reader removes it.
///
/// The file, or the folder as a whole, is written under a temporary name beside the target,
/// flushed and renamed over it; an existing file or folder keeps its mode and group, each
/// CSV file the mode of the one it replaces; an existing folder holding other files is not
/// replaced; a symbolic link is written through; on failure nothing is left behind.
///
/// Throws `input_error` ("path") for a name ending as another file type (`.csv`, `.xls`,
/// `.ods` ...), as `spreadsheet_sheets` says; `limit_exceeded` ("path") for a value the file
/// cannot hold or the reader would not take back (a cell over 32,767 characters in a
/// workbook, 131,072 in a CSV file; more rows or columns than a workbook has; an integer
/// beyond 2^53 in a workbook); `io_error` when it cannot be written.
inline void write_spreadsheet(const Network& net, const std::filesystem::path& path,
                              const spreadsheet_write_options& options = {}) {
  const std::string target = path.string();
  const bool workbook = coproduction::detail::spreadsheet::ends_with_xlsx(target);
  if (!workbook) {
    std::string bare = coproduction::detail::spreadsheet::lower(target);
    while (!bare.empty() && (bare.back() == '/' || bare.back() == '\\')) bare.pop_back();
    for (std::string_view other : {".csv", ".tsv", ".txt", ".json", ".xls", ".xlsm", ".xlsb", ".ods"})
      if (bare.size() >= other.size() && bare.compare(bare.size() - other.size(), other.size(), other) == 0)
        throw input_error("path", "a name ending in .xlsx for a workbook, or a folder for CSV "
                                  "files, not " + coproduction::detail::spreadsheet::python_repr(target));
  }
  const std::vector<io::SheetRows> sheets = spreadsheet_sheets(net, options.rights);
  coproduction::detail::spreadsheet::check_sheet_cells(sheets, workbook, io::max_csv_cell_characters);
  if (workbook) {
    write_text_file(io::workbook_bytes(sheets), path);
    return;
  }
  std::map<std::string, std::string> files;
  for (const io::SheetRows& s : sheets) files[s.name + ".csv"] = io::csv_bytes(s);
  std::set<std::string> replaceable;
  for (std::string_view name : io::sheet_names) replaceable.insert(std::string(name) + ".csv");
  coproduction::detail::spreadsheet::write_folder(target, files, replaceable);
}

}  // namespace coproduction
