#pragma once
/// \file
/// What the CSV folder and workbook readers hand to the spreadsheet reader: sheets of raw
/// cells, each cell with the type its file stored it as, and problems placed as a person finds
/// them (the file, or the workbook and sheet; the row as the spreadsheet numbers it; the
/// column's letter and name). Also what the writers take (a sheet's header and rows of
/// values), and the escaping of a text that a spreadsheet would take for a formula
/// (CWE-1236; OWASP, "CSV Injection"), shared by both formats.

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <variant>
#include <vector>

#include "coproduction/detail/python_text.hpp"
#include "coproduction/error.hpp"

namespace coproduction::io {

/// The sheets of a spreadsheet, in the order they are read and written.
inline constexpr std::array<std::string_view, 6> sheet_names = {
    "stakeholders", "relations", "projects", "decisions", "rights", "metadata"};

/// The first characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
/// Injection"; CWE-1236): such a text is written with an apostrophe before it.
inline constexpr std::string_view formula_starters = "=+-@\t\r";

/// The text as a cell holds it: an apostrophe before a text that starts with a formula
/// starter, or with an apostrophe itself (so that reading can tell the two apart and the
/// round trip is exact).
inline std::string neutralise(std::string_view text) {
  if (!text.empty() && (formula_starters.find(text.front()) != std::string_view::npos ||
                        text.front() == '\''))
    return "'" + std::string(text);
  return std::string(text);
}

/// The text a cell means: one leading apostrophe removed, as a spreadsheet does for an
/// apostrophe typed before a value.
inline std::string restore(std::string_view text) {
  if (!text.empty() && text.front() == '\'') text.remove_prefix(1);
  return std::string(text);
}

}  // namespace coproduction::io

namespace coproduction::detail {

/// A name reduced to what a slip keeps: its ASCII letters and digits in lower case (as
/// Python's `str.lower` makes them, so the Kelvin sign is a k and a dotted capital I an i),
/// trailing s's dropped.
inline std::string squashed_name(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
    else if (name.substr(i, 3) == "\xE2\x84\xAA") out += 'k';  // U+212A KELVIN SIGN
    else if (name.substr(i, 2) == "\xC4\xB0") out += 'i';      // U+0130 -> i + U+0307
  }
  while (!out.empty() && out.back() == 's') out.pop_back();
  return out;
}

}  // namespace coproduction::detail

namespace coproduction::io {

/// The known name that `name` is a slip for (another case, spaces or underscores, a
/// singular for a plural: `Stakeholder`, `meta data`), or nothing.
template <class Names>
std::optional<std::string> near_miss(std::string_view name, const Names& known) {
  const std::string squashed = detail::squashed_name(name);
  if (squashed.empty()) return std::nullopt;
  for (const auto& candidate : known) {
    const std::string_view c(candidate);
    if (c != name && detail::squashed_name(c) == squashed) return std::string(c);
  }
  return std::nullopt;
}

/// The spreadsheet letters of a column: 1 -> A, 26 -> Z, 27 -> AA.
inline std::string column_letter(std::size_t index) {
  std::string letters;
  while (index > 0) {
    const std::size_t rest = (index - 1) % 26;
    index = (index - 1) / 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rest));
  }
  return letters;
}

/// A non-empty cell as its file stored it.
///
/// - `text`: `text` is the text (a CSV cell is always one);
/// - `number`: `text` is the number as the file stores it (`12`, `1.5`, `1E+20`); it is an
///   integer (`integral`, value in `integer`) when that text has no `.`, `e` or `E` and fits
///   64 bits, as openpyxl reads it, else a double (`number`);
/// - `boolean`: `boolean`;
/// - `date`: a date or time, `text` its ISO text;
/// - `error`: an error value, `text` as `#N/A`;
/// - `formula`: `text` is the formula.
struct SheetCell {
  enum class Kind { text, number, boolean, date, error, formula };
  Kind kind = Kind::text;
  std::string text;
  bool integral = false;
  std::int64_t integer = 0;
  double number = 0;
  bool boolean = false;

  static SheetCell make_text(std::string text) { return {Kind::text, std::move(text)}; }
  /// A number cell from its stored text; nothing when the text is not a number.
  static std::optional<SheetCell> make_number(std::string text) {
    SheetCell c{Kind::number, std::move(text)};
    const char* first = c.text.data();
    const char* last = first + c.text.size();
    if (first != last && *first == '+') ++first;
    if (c.text.find_first_of(".eE") == std::string::npos) {
      const auto r = std::from_chars(first, last, c.integer);
      if (r.ec == std::errc() && r.ptr == last) {
        c.integral = true;
        c.number = static_cast<double>(c.integer);
        return c;
      }
    }
    const auto r = std::from_chars(first, last, c.number);
    if (r.ptr != last || (r.ec != std::errc() && r.ec != std::errc::result_out_of_range) ||
        first == last)
      return std::nullopt;
    return c;
  }
  /// A number cell holding a double (its text Python's `repr`).
  static SheetCell make_number(double value) {
    SheetCell c{Kind::number, detail::float_text(value)};
    c.number = value;
    return c;
  }
  static SheetCell make_boolean(bool value) {
    SheetCell c{Kind::boolean, value ? "TRUE" : "FALSE"};
    c.boolean = value;
    return c;
  }
  static SheetCell make_date(std::string iso) { return {Kind::date, std::move(iso)}; }
  static SheetCell make_error(std::string value) { return {Kind::error, std::move(value)}; }
  static SheetCell make_formula(std::string formula) {
    return {Kind::formula, std::move(formula)};
  }

  /// The cell's value as a message shows it (as Python's `str` of the value the reader
  /// holds): a text as it is, an integer's digits, a double as `repr` (`1.5`, `2.0`), a
  /// boolean `True` or `False`.
  std::string shown() const {
    switch (kind) {
      case Kind::number: return integral ? std::to_string(integer) : detail::float_text(number);
      case Kind::boolean: return boolean ? "True" : "False";
      default: return text;
    }
  }
  /// The kind's name as messages use it: `text`, `number`, `boolean`, `date`, `error`,
  /// `formula`.
  std::string_view kind_name() const {
    static constexpr std::array<std::string_view, 6> names = {"text", "number", "boolean",
                                                              "date", "error", "formula"};
    return names[static_cast<std::size_t>(kind)];
  }
  bool operator==(const SheetCell&) const = default;
};

/// A problem with its place: `key` orders problems sheet by sheet (the folder or workbook as
/// a whole first), row by row, column by column, then as found.
struct SheetProblem {
  std::array<std::int64_t, 4> key{};
  std::string where, code, message;
  bool operator==(const SheetProblem&) const = default;
  /// As the library's error lists it.
  format_problem as_format_problem() const { return {where, code, message}; }
};

/// The bytes and cells a whole read may take, shared by every file of it: a folder's CSV
/// files, or a workbook's parts.
struct ReadBudget {
  std::uint64_t max_bytes = 0, max_cells = 0;
  std::uint64_t bytes = 0, cells = 0;
};

/// Reading stopped at a limit (`format.size`); carries the one problem that says so.
class size_refused : public error {
 public:
  explicit size_refused(SheetProblem problem)
      : error(problem.code, problem.where, problem.message), problem_(std::move(problem)) {}
  const SheetProblem& problem() const noexcept { return problem_; }

 private:
  SheetProblem problem_;
};

/// One sheet (a CSV file, or a sheet of a workbook): its non-empty cells by row and column
/// (both from 1, as a spreadsheet numbers them), where each CSV row starts in the file, and
/// the problems found in reading it.
class Sheet {
 public:
  /// `name`: the sheet it is (stakeholders, relations, ..., or "folder"/"workbook" for the
  /// place of problems of the whole); `title`: how a message names it
  /// (`data/stakeholders.csv`, `book.xlsx, sheet Stakeholders`); `order`: its place among
  /// the sheets (-1 for the whole).
  Sheet(std::string name, std::string title, int order)
      : name(std::move(name)), title(std::move(title)), order(order) {}

  std::string name;
  std::string title;
  int order;
  /// row -> column -> cell, non-empty cells only.
  std::map<std::size_t, std::map<std::size_t, SheetCell>> cells;
  /// CSV: row -> the line it starts on, where they differ.
  std::map<std::size_t, std::size_t> lines;
  /// column -> its name in row 1.
  std::map<std::size_t, std::string> names;
  std::vector<SheetProblem> problems;
  /// False when the file as a whole could not be read.
  bool readable = true;

  /// A place of the sheet as messages name it: `<title>, byte 12 (line 3)`, or
  /// `<title>, row 7 (line 9), column B (target)`.
  std::string where(std::optional<std::size_t> row = std::nullopt,
                    std::optional<std::size_t> column = std::nullopt,
                    std::optional<std::size_t> byte = std::nullopt,
                    std::optional<std::size_t> line = std::nullopt) const {
    std::string text = title;
    if (byte) {
      text += ", byte " + std::to_string(*byte);
      if (line) text += " (line " + std::to_string(*line) + ")";
      return text;
    }
    if (row) {
      text += ", row " + std::to_string(*row);
      const auto start = lines.find(*row);
      if (start != lines.end() && start->second != *row)
        text += " (line " + std::to_string(start->second) + ")";
    }
    if (column) {
      text += ", column " + column_letter(*column);
      const auto name_of = names.find(*column);
      if (name_of != names.end() && !name_of->second.empty())
        text += " (" + name_of->second + ")";
    }
    return text;
  }

  /// Records a problem at a place of this sheet and returns it. Problems at one place keep
  /// the order they were found in (the last number of the key counts the sheet's problems).
  const SheetProblem& problem(std::string code, std::string message,
                              std::optional<std::size_t> row = std::nullopt,
                              std::optional<std::size_t> column = std::nullopt,
                              std::optional<std::size_t> byte = std::nullopt,
                              std::optional<std::size_t> line = std::nullopt) {
    const auto count = static_cast<std::int64_t>(problems.size()) + 1;
    problems.push_back(
        {{order, static_cast<std::int64_t>(row.value_or(0)),
          static_cast<std::int64_t>(column.value_or(0)), count},
         where(row, column, byte, line), std::move(code), std::move(message)});
    return problems.back();
  }
};

/// One value a writer puts in a cell: nothing (an empty cell), a boolean, an integer, a
/// double or a text (not yet neutralised: the writer does that).
using SheetValue = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

/// A sheet as the writers take it: its name (`stakeholders`, ...), the header, the rows of
/// values, and for each column whether it holds text (a workbook formats such a column as
/// Text, so that Excel keeps what is typed into it as typed).
struct SheetRows {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<SheetValue>> rows;
  std::vector<bool> textual;
};

}  // namespace coproduction::io
