#pragma once
/// \file
/// The spreadsheet reader's cells: each cell converted by its column (a CSV cell is text, a
/// workbook cell what the file stores; a formula, an error value or a date is refused; JSON
/// columns read as Python's json module reads them), each sheet's header checked, and each
/// sheet made into the columns of a frame, with every problem recorded at its cell.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/spreadsheet_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/frame.hpp"
#include "coproduction/io/sheet.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/detail/spreadsheet_columns.hpp"

namespace coproduction::detail::spreadsheet {

/// Sheets of raw cells, read into frame columns; the base of `SpreadsheetReader`.
class SheetCells {
 public:
  SheetCells(std::map<std::string, io::Sheet>& sheets, io::Sheet& place, bool workbook)
      : sheets_(sheets), place_(place), workbook_(workbook) {
    // A sheet that cannot be read leaves the others' references dangling: the frame reader
    // is not asked, as it would report each of them. Metadata refer to nothing.
    fatal_ = !place.problems.empty();
    for (const auto& [name, s] : sheets)
      if (name != "metadata" && !s.readable) fatal_ = true;
  }

 protected:
  // -- problems ----------------------------------------------------------------------------

  void cell_problem(io::Sheet& sheet, std::size_t row, std::size_t column, std::string code,
                    std::string text) {
    reported_.insert({sheet.order, row, column});
    sheet.problem(std::move(code), std::move(text), row, column);
  }

  std::vector<io::SheetProblem> problems() const {
    std::vector<io::SheetProblem> found = place_.problems;
    for (const auto& [name, s] : sheets_) found.insert(found.end(), s.problems.begin(), s.problems.end());
    std::stable_sort(found.begin(), found.end(),
                     [](const io::SheetProblem& a, const io::SheetProblem& b) { return a.key < b.key; });
    return found;
  }

  format_error refuse() const {
    std::vector<format_problem> out;
    for (const auto& p : problems()) out.push_back(p.as_format_problem());
    return format_error(std::move(out));
  }

  // -- cells -------------------------------------------------------------------------------

  /// A cell as the frame reader's value for a column of `kind`, or bad with the problem
  /// recorded.
  Converted convert(io::Sheet& sheet, std::size_t row, std::size_t column, const io::SheetCell& cell,
                    ColumnKind kind) {
    using K = io::SheetCell::Kind;
    Converted out;
    auto bad = [&](const char* code, std::string text) {
      cell_problem(sheet, row, column, code, std::move(text));
      out.bad = true;
      return out;
    };
    if (cell.kind == K::formula)
      return bad("format.value", "a formula (" + cell.text +
                                     "): the reader does not compute formulas; paste the values instead");
    if (cell.kind == K::error) return bad("format.value", "an error value (" + cell.text + ")");
    if (cell.kind == K::date)
      return bad("format.type",
                 "a date or time (" + cell.text +
                     "): Excel turned what was typed into a date; format the column as Text and "
                     "type it again (a date of a relation is text: YYYY, YYYY-MM or YYYY-MM-DD)");
    if (cell.kind != K::text) {
      if (json_kind(kind))
        return bad("format.type", "must be " + json_example(kind) + ", not " +
                                      (cell.kind == K::boolean ? "a boolean" : "a number") + " (" +
                                      cell.shown() + ")");
      if (cell.kind == K::boolean) out.cell = Cell(cell.boolean);
      else if (cell.integral) out.cell = Cell(cell.integer);
      else out.cell = Cell(cell.number);
      return out;
    }
    const std::string text = io::restore(cell.text);
    if (json_kind(kind)) {
      CellJson read = PythonJson::read(text);
      if (read.status == CellJson::Status::too_deep) return bad("format.value", "JSON nested too deeply");
      if (read.status == CellJson::Status::refused) {
        std::string hint;
        const std::size_t first = text.find_first_not_of(" \t\n\r\v\f");
        const std::string_view stripped =
            first == std::string::npos ? std::string_view() : std::string_view(text).substr(first);
        if (stripped.substr(0, 2) == "{'" || stripped.substr(0, 2) == "['" ||
            text.find("': ") != std::string::npos)
          hint = " (it looks like Python's text of a dict, as DataFrame.to_csv writes it; write "
                 "the sheet with cp.write_spreadsheet, or each cell with json.dumps)";
        return bad("format.value", "not JSON: " + read.message + hint + "; must be " + json_example(kind));
      }
      const nlohmann::json& v = read.value;
      if ((kind == ColumnKind::object || kind == ColumnKind::votes) && !v.is_object())
        return bad("format.type", "must be " + json_example(kind));
      if (kind == ColumnKind::ids) {
        if (!v.is_array()) return bad("format.type", "must be " + json_example(kind));
        for (const auto& e : v)
          if (!e.is_string()) return bad("format.type", "must be " + json_example(kind) + ": each id in quotes");
      }
      if (!read.unholdable.empty()) {
        out.cell = Cell::unreadable("a value JSON cannot hold (" + read.unholdable + ")");
        out.unholdable = read.unholdable;
      } else {
        out.cell = Cell::from_json(v);
      }
      out.json = std::move(read.value);
      return out;
    }
    if ((kind == ColumnKind::integer || kind == ColumnKind::number) && !workbook_) {
      if (auto n = number_text(text)) {
        out.cell = std::move(*n);
        return out;
      }
    }
    out.cell = Cell(text);
    return out;
  }

  /// A CSV cell written as a number, as Python's `int` or `float` reads it; nothing for other
  /// text.
  static std::optional<Cell> number_text(const std::string& text) {
    std::size_t i = 0;
    const bool sign = !text.empty() && (text[0] == '+' || text[0] == '-');
    if (sign) i = 1;
    auto digits = [&](std::size_t& k) {
      const std::size_t s = k;
      while (k < text.size() && text[k] >= '0' && text[k] <= '9') ++k;
      return k - s;
    };
    std::size_t k = i;
    const std::size_t whole = digits(k);
    if (whole > 0 && k == text.size()) {
      if (whole > 4300) return Cell(text);  // more digits than Python converts: left as text
      std::int64_t n = 0;
      const char* first = text.data() + (text[0] == '+' ? 1 : 0);
      const auto r = std::from_chars(first, text.data() + text.size(), n);
      if (r.ec != std::errc()) return Cell::unreadable("an integer out of the 64-bit range");
      return Cell(n);
    }
    // [0-9]+\.?[0-9]* | \.[0-9]+, then an optional exponent
    k = i;
    std::size_t before = digits(k), after = 0;
    if (k < text.size() && text[k] == '.') {
      ++k;
      after = digits(k);
    }
    if (before == 0 && after == 0) return std::nullopt;
    if (k < text.size() && (text[k] == 'e' || text[k] == 'E')) {
      ++k;
      if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
      if (digits(k) == 0) return std::nullopt;
    }
    if (k != text.size()) return std::nullopt;
    double x = 0;
    const char* first = text.data() + (text[0] == '+' ? 1 : 0);
    const auto r = std::from_chars(first, text.data() + text.size(), x);
    if (r.ec == std::errc::result_out_of_range) {
      // Python's float: past the largest double is infinite, below the smallest is zero.
      const auto e = text.find_first_of("eE");
      const bool tiny = e != std::string::npos && text.find('-', e) != std::string::npos;
      const bool negative = text[0] == '-';
      x = tiny ? (negative ? -0.0 : 0.0)
               : (negative ? -std::numeric_limits<double>::infinity()
                           : std::numeric_limits<double>::infinity());
    }
    return Cell(x);
  }

  // -- sheets ------------------------------------------------------------------------------

  /// The sheet's columns to read (column number -> name), with problems of its header
  /// recorded; nothing when the sheet holds no cell at all (read as no rows).
  std::optional<std::map<std::size_t, std::string>> header(io::Sheet& sheet,
                                                           const std::vector<SheetColumn>& known,
                                                           bool open_sheet, bool ids = false) {
    if (sheet.cells.empty()) return std::nullopt;
    static const std::map<std::size_t, io::SheetCell> no_cells;
    const auto first_row = sheet.cells.find(1);
    const auto& first = first_row == sheet.cells.end() ? no_cells : first_row->second;
    std::map<std::size_t, std::string> names;
    for (const auto& [column, cell] : first) {
      std::optional<std::string> name;
      if (cell.kind == io::SheetCell::Kind::text) name = io::restore(cell.text);
      else if (ids && cell.kind == io::SheetCell::Kind::number) name = id_text(number_cell(cell));
      if (name && name->empty()) continue;  // a lone apostrophe: no name
      if (!name) {
        cell_problem(sheet, 1, column, "format.type",
                     "a column's name must be text, not " + std::string(cell.kind_name()) + " (" +
                         cell.shown() + ")");
        continue;
      }
      sheet.names[column] = *name;
      names[column] = *name;
    }
    if (names.empty()) {
      sheet.problem("format.missing", "row 1 is empty: it must name the columns", 1);
      fatal_ = true;
      return std::map<std::size_t, std::string>{};
    }
    std::map<std::size_t, std::string> kept;
    std::map<std::string, std::size_t> seen;
    std::vector<std::string> known_names;
    for (const auto& c : known) known_names.emplace_back(c.name);
    for (const auto& [column, name] : names) {
      if (ids && column == 1) {  // the decision column, apart from the stakeholders'
        kept[column] = name;
        continue;
      }
      if (const auto it = seen.find(name); it != seen.end()) {
        cell_problem(sheet, 1, column, "format.duplicate_key",
                     "the column " + python_repr(name) + " is also column " + io::column_letter(it->second));
        continue;
      }
      seen[name] = column;
      if (ids || std::find(known_names.begin(), known_names.end(), name) != known_names.end()) {
        kept[column] = name;
        continue;
      }
      if (const auto meant = io::near_miss(name, known_names)) {
        cell_problem(sheet, 1, column, "format.unknown_field",
                     "the column " + python_repr(name) + " is not one of the sheet's: is it " +
                         python_repr(*meant) +
                         "? (column names are written as documented, in lower case)");
      } else if (open_sheet) {
        kept[column] = name;
      } else {
        std::string listed;
        for (const auto& n : known_names) listed += (listed.empty() ? "" : ", ") + n;
        cell_problem(sheet, 1, column, "format.unknown_field",
                     "the column " + python_repr(name) + " is not one of " + listed +
                         " (this sheet has no attributes)");
      }
    }
    std::map<std::size_t, std::size_t> unnamed;
    for (const auto& [row, cells] : sheet.cells) {
      if (row == 1) continue;
      for (const auto& [column, cell] : cells)
        if (!names.count(column) && !unnamed.count(column)) unnamed[column] = row;
    }
    for (const auto& [column, row] : unnamed)
      cell_problem(sheet, row, column, "format.value",
                   "a value in column " + io::column_letter(column) + ", which has no name in row 1");
    return kept;
  }

  static Cell number_cell(const io::SheetCell& c) {
    return c.integral ? Cell(c.integer) : Cell(c.number);
  }

  /// The rows below the header with a cell in a column read (empty rows are skipped).
  static std::vector<std::size_t> data_rows(const io::Sheet& sheet,
                                            const std::map<std::size_t, std::string>& columns) {
    std::vector<std::size_t> out;
    for (const auto& [row, cells] : sheet.cells) {
      if (row <= 1) continue;
      for (const auto& [column, cell] : cells)
        if (columns.count(column)) {
          out.push_back(row);
          break;
        }
    }
    return out;
  }

  io::Sheet* find_sheet(const std::string& name) {
    const auto it = sheets_.find(name);
    return it == sheets_.end() ? nullptr : &it->second;
  }

  static ColumnKind kind_of(const std::vector<SheetColumn>& known, const std::string& name,
                            ColumnKind otherwise) {
    for (const auto& c : known)
      if (c.name == name) return c.kind;
    return otherwise;
  }

  /// One sheet as the frame reader's columns, its cells converted by column.
  std::optional<SheetFrame> frame(const std::string& name, const std::vector<SheetColumn>& extra,
                                  const std::vector<std::string>& exclude) {
    io::Sheet* sheet = find_sheet(name);
    if (!sheet) return std::nullopt;
    std::vector<SheetColumn> known = sheet_columns(name);
    known.insert(known.end(), extra.begin(), extra.end());
    const bool open = name == "stakeholders" || name == "relations" || name == "projects" ||
                      name == "decisions";
    const auto columns = header(*sheet, known, open);
    if (!columns) return std::nullopt;
    std::map<std::size_t, std::string> kept;
    for (const auto& [c, n] : *columns)
      if (std::find(exclude.begin(), exclude.end(), n) == exclude.end()) kept[c] = n;
    SheetFrame out;
    out.origin.sheet = sheet;
    for (const auto& [c, n] : kept) out.origin.columns[n] = c;
    const auto rows = data_rows(*sheet, kept);
    out.origin.rows = rows;
    for (const auto& [column, column_name] : kept) {
      const ColumnKind kind =
          kind_of(known, column_name, workbook_ ? ColumnKind::any : ColumnKind::text);
      std::vector<Cell> values;
      values.reserve(rows.size());
      for (std::size_t row : rows) {
        const auto& cells = sheet->cells.at(row);
        const auto cell = cells.find(column);
        if (cell == cells.end()) {
          values.emplace_back();
          continue;
        }
        Converted v = convert(*sheet, row, column, cell->second, kind);
        values.push_back(v.bad ? Cell() : std::move(v.cell));
      }
      out.frame.add(column_name, std::move(values));
    }
    return out;
  }

  /// Columns of a sheet read apart from its frame: name -> (column, row -> value).
  std::map<std::string, std::pair<std::size_t, std::map<std::size_t, Converted>>> extra_columns(
      io::Sheet& sheet, const std::vector<SheetColumn>& wanted) {
    std::map<std::string, std::pair<std::size_t, std::map<std::size_t, Converted>>> out;
    const auto names = sheet.names;
    for (const auto& [column, column_name] : names) {
      const std::string& name = column_name;  // a structured binding cannot be captured (C++20)
      const auto w = std::find_if(wanted.begin(), wanted.end(),
                                  [&](const SheetColumn& c) { return c.name == name; });
      if (w == wanted.end()) continue;
      std::map<std::size_t, Converted> values;
      for (const auto& [row, cells] : sheet.cells) {
        if (row <= 1) continue;
        const auto cell = cells.find(column);
        if (cell == cells.end()) continue;
        Converted v = convert(sheet, row, column, cell->second, w->kind);
        if (!v.bad) values.emplace(row, std::move(v));
      }
      out[column_name] = {column, std::move(values)};
    }
    return out;
  }

  std::map<std::string, io::Sheet>& sheets_;
  io::Sheet& place_;
  bool workbook_;
  bool fatal_ = false;
  std::set<std::tuple<int, std::size_t, std::size_t>> reported_;
};

}  // namespace coproduction::detail::spreadsheet
