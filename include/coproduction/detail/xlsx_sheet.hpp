#pragma once
/// \file
/// The cells of one worksheet part, read as openpyxl's `WorkSheetParser` reads them (the
/// parser the Python package uses, not openpyxl's read-only rows, which pad every row to its
/// last cell): the `<row>` elements of the SpreadsheetML namespace, each child of a row a
/// cell, typed by its `t` attribute and its style's number format, a formula reported and
/// never computed. Only the cells the file holds are produced. Users include `io/xlsx.hpp`.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/detail/xlsx_dates.hpp"
#include "coproduction/detail/xlsx_formula.hpp"
#include "coproduction/detail/xlsx_text.hpp"
#include "coproduction/detail/xlsx_tree.hpp"
#include "coproduction/io/sheet.hpp"

namespace coproduction::detail::xlsx {

/// A sheet that cannot be read on (openpyxl would raise): the message says why, as
/// `ValueError: ...` does in the Python package's message.
class sheet_unreadable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A cell as the sheet holds it: its place (the row may be beyond 64 bits, then `row` is
/// the largest value and `row_text` its digits) and its value, none for an empty cell.
struct found_cell {
  std::int64_t row = 0;
  std::string row_text;
  std::int64_t column = 0;
  std::optional<io::SheetCell> cell;
};

/// What a cell element holds, gathered while it is read.
struct raw_cell {
  const std::string* r = nullptr;
  std::string ref, type = "n", style;
  bool has_ref = false, has_style = false;
  bool has_value = false, has_formula = false, has_inline = false, has_si = false;
  std::string value, formula, formula_type, formula_si, inline_plain, inline_runs;
};

/// The value of a number text as openpyxl's `_cast_number` makes it: a float when the text
/// holds `.`, `e` or `E`, else an integer. Throws `sheet_unreadable` as Python's `int` and
/// `float` raise.
inline io::SheetCell number_cell(const std::string& text, bool& is_integer, double& value) {
  io::SheetCell c;
  c.kind = io::SheetCell::Kind::number;
  c.text = text;
  if (text.find_first_of(".eE") != std::string::npos) {
    const auto f = py_float(text);
    if (!f) throw sheet_unreadable("ValueError: could not convert string to float: " + py_repr(text));
    c.number = value = *f;
    is_integer = false;
    return c;
  }
  bool big = false;
  std::string digits;
  const auto i = py_int(text, &big, &digits);
  if (!i && !big) throw sheet_unreadable("ValueError: invalid literal for int() with base 10: " + py_repr(text));
  if (big) {
    // An integer beyond 64 bits: kept as the nearest double (Python keeps it exact).
    c.number = value = py_float(digits).value_or(0);
    is_integer = false;
    c.text = digits;
    return c;
  }
  c.integral = is_integer = true;
  c.integer = *i;
  c.number = value = static_cast<double>(*i);
  return c;
}

/// A place `B12` as openpyxl's `coordinate_to_tuple` reads it: the column letters before the
/// first digit, the row `int()` of the rest.
inline void coordinate(const std::string& ref, found_cell& out) {
  std::size_t digit = 0;
  while (digit < ref.size() && !(ref[digit] >= '0' && ref[digit] <= '9')) ++digit;
  if (digit == ref.size()) digit = ref.size() - 1;
  const std::string letters = ref.substr(0, digit), row = ref.substr(digit);
  bool big = false;
  std::string digits;
  const auto r = py_int(row, &big, &digits);
  if (!r && !big) throw sheet_unreadable("ValueError: invalid literal for int() with base 10: " + py_repr(row));
  out.row = r ? *r : INT64_MAX;
  out.row_text = r ? std::to_string(*r) : digits;
  std::int64_t column = 0;
  bool ok = !letters.empty() && letters.size() <= 3;
  for (char c : letters) {
    const char upper = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    if (upper < 'A' || upper > 'Z') ok = false;
    column = column * 26 + (upper - 'A' + 1);
  }
  if (!ok || column < 1 || column > 18278)
    throw sheet_unreadable("ValueError: " + py_repr(letters) + " is not a valid column name. Column names are from A to ZZZ");
  out.column = column;
}

/// Reads the rows of a worksheet part and calls `on_row(index, index_text, cells)` for each,
/// in document order; `on_row` returns false to stop. Throws the XML reader's
/// `format_error`, or `sheet_unreadable`.
class sheet_parser {
 public:
  sheet_parser(const std::vector<std::string>& strings, const std::set<std::size_t>& date_styles,
               const std::set<std::size_t>& elapsed_styles, bool mac_epoch)
      : strings_(strings), date_styles_(date_styles), elapsed_styles_(elapsed_styles), mac_epoch_(mac_epoch) {}

  template <class OnRow>
  void parse(std::string_view text, OnRow on_row) {
    XmlLimits limits;
    limits.max_bytes = text.size() + 1;
    xml::reader reader(text, limits);
    // The element stack: for each open element, whether it is in the main namespace and its
    // local name; `row_at`, `cell_at` are the depths of the open row and cell.
    struct open_element {
      bool main;
      char tag;  // 'R' row, 'v', 'f', 'i' is, 't', 'r', '?' any other (no string per element)
      bool child = false;
    };
    std::vector<open_element> stack;
    std::size_t row_at = 0, cell_at = 0;
    std::string capture;  // text of the element being captured
    int capturing = 0;    // 0 none, 1 v, 2 f, 3 inline t, 4 run t
    std::size_t capture_at = 0;  // its depth
    std::vector<raw_cell> cells;
    raw_cell cell;
    std::int64_t row_counter = 0;
    std::string row_text;
    bool stop = false;
    while (!stop) {
      const xml::token t = reader.next();
      if (t == xml::token::done) break;
      if (t == xml::token::start) {
        if (!stack.empty()) stack.back().child = true;
        const std::string_view local = reader.local_name();
        const char tag = local == "row" ? 'R' : local == "v" ? 'v' : local == "f" ? 'f' : local == "is" ? 'i'
                       : local == "t" ? 't' : local == "r" ? 'r' : '?';
        stack.push_back({reader.uri() == main_ns, tag});
        const std::size_t depth = stack.size();
        const open_element& e = stack.back();
        if (row_at == 0 && e.main && e.tag == 'R') {
          row_at = depth;
          cells.clear();
          if (const auto* r = reader.find("r")) {
            row_counter = row_number(std::string(r->value));
          } else {
            ++row_counter;
          }
          row_text = row_counter == INT64_MAX && big_row_.size() ? big_row_ : std::to_string(row_counter);
          col_counter_ = 0;
        } else if (row_at && depth == row_at + 1) {
          cell_at = depth;
          cell = raw_cell{};
          if (const auto* a = reader.find("r")) cell.ref = std::string(a->value), cell.has_ref = true;
          if (const auto* a = reader.find("t")) cell.type = std::string(a->value);
          if (const auto* a = reader.find("s")) cell.style = std::string(a->value), cell.has_style = true;
        } else if (cell_at && depth == cell_at + 1 && e.main) {
          if (e.tag == 'v' && !cell.has_value) cell.has_value = true, capturing = 1, capture.clear(), capture_at = depth;
          else if (e.tag == 'f' && !cell.has_formula) {
            cell.has_formula = true, capturing = 2, capture.clear(), capture_at = depth;
            if (const auto* a = reader.find("t")) cell.formula_type = std::string(a->value);
            if (const auto* a = reader.find("si")) cell.formula_si = std::string(a->value), cell.has_si = true;
          } else if (e.tag == 'i' && !cell.has_inline) {
            cell.has_inline = true;
            inline_at_ = depth;
          }
        } else if (cell_at && inline_at_ && depth == inline_at_ + 1 && e.main) {
          if (e.tag == 't') capturing = 3, capture.clear(), capture_at = depth;
          else if (e.tag == 'r') run_at_ = depth;
        } else if (run_at_ && depth == run_at_ + 1 && e.main && e.tag == 't') {
          capturing = 4, capture.clear(), capture_at = depth;
        }
      } else if (t == xml::token::text) {
        if (capturing && stack.size() == capture_at && !stack.back().child) capture += reader.text();
      } else {
        const std::size_t depth = stack.size();
        if (capturing && depth == capture_at) finish_capture(capturing, capture, cell);
        if (depth == run_at_) run_at_ = 0;
        if (depth == inline_at_) inline_at_ = 0;
        if (depth == cell_at) {
          cell_at = 0;
          cells.push_back(std::move(cell));
        }
        if (depth == row_at) {
          row_at = 0;
          std::vector<found_cell> found;
          found.reserve(cells.size());
          for (const raw_cell& c : cells) found.push_back(convert(c, row_counter, row_text));
          stop = !on_row(row_counter, row_text, found);
        }
        stack.pop_back();
      }
    }
  }

 private:
  void finish_capture(int& capturing, std::string& capture, raw_cell& cell) {
    if (capturing == 1) cell.value = capture;
    else if (capturing == 2) cell.formula = capture;
    else if (capturing == 3) cell.inline_plain = capture;
    else if (capturing == 4) cell.inline_runs += capture;
    capturing = 0;
  }

  // openpyxl's `parse_row`: `int(r)`, or a float that is whole.
  std::int64_t row_number(const std::string& r) {
    bool big = false;
    std::string digits;
    big_row_.clear();
    if (const auto i = py_int(r, &big, &digits)) return *i;
    if (big) {
      big_row_ = digits;
      return INT64_MAX;
    }
    const auto f = py_float(r);
    if (!f) throw sheet_unreadable("ValueError: could not convert string to float: " + py_repr(r));
    if (!std::isfinite(*f) || *f != std::floor(*f)) throw sheet_unreadable("ValueError: " + r + " is not a valid row number");
    if (std::fabs(*f) >= 9.2e18) return INT64_MAX;
    return static_cast<std::int64_t>(*f);
  }

  // openpyxl's `parse_cell`, then the Python package's `_cell`.
  found_cell convert(const raw_cell& c, std::int64_t row, const std::string& row_text) {
    found_cell out;
    if (c.has_ref && !c.ref.empty()) {
      coordinate(c.ref, out);
      col_counter_ = out.column;
    } else {
      out.row = row;
      out.row_text = row_text;
      out.column = ++col_counter_;
    }
    std::optional<std::int64_t> style;
    if (c.has_style && !c.style.empty()) {
      style = py_int(c.style);
      if (!style) throw sheet_unreadable("ValueError: invalid literal for int() with base 10: " + py_repr(c.style));
    }
    if (c.has_formula) {
      // A formula is reported, never computed. A cell sharing another's formula holds no
      // text of its own: openpyxl moves the first cell's formula to it.
      std::string text = "=" + c.formula;
      if (c.formula_type == "shared") {
        const std::string key = c.has_si ? "=" + c.formula_si : std::string();  // no si: Python's None
        const auto seen = shared_.find(key);
        if (seen != shared_.end()) {
          const bool placed = c.has_ref && !c.ref.empty();
          try {
            text = translate_formula(seen->second.tokens, placed ? out.row - seen->second.row : 0,
                                     placed ? out.column - seen->second.column : 0);
          } catch (const formula_error& e) {
            throw sheet_unreadable(e.what());
          }
        } else if (text != "=") {
          if (!(c.has_ref && !c.ref.empty()))
            throw sheet_unreadable("TypeError: 'NoneType' object is not iterable");
          try {
            shared_[key] = {tokenize(text), out.row, out.column};
          } catch (const formula_error& e) {
            throw sheet_unreadable(e.what());
          }
        }
      }
      out.cell = io::SheetCell::make_formula(text.empty() ? "=" : text);
      return out;
    }
    const bool inline_string = c.type == "inlineStr";
    if (inline_string) {
      if (!c.has_inline) return out;
      return text_cell(c.inline_plain + c.inline_runs, out);
    }
    if (!c.has_value || c.value.empty()) return out;
    const std::string& v = c.value;
    if (c.type == "n") {
      bool integer = false;
      double value = 0;
      io::SheetCell number = number_cell(v, integer, value);
      if (style && *style >= 0 && date_styles_.count(static_cast<std::size_t>(*style))) {
        const bool elapsed = elapsed_styles_.count(static_cast<std::size_t>(*style)) > 0;
        const auto text = elapsed ? serial_duration(value) : serial_date(value, mac_epoch_);
        out.cell = text ? io::SheetCell::make_date(*text) : io::SheetCell::make_error("#VALUE!");
        return out;
      }
      out.cell = std::move(number);
      return out;
    }
    if (c.type == "s") {
      const auto index = py_int(v);
      if (!index) throw sheet_unreadable("ValueError: invalid literal for int() with base 10: " + py_repr(v));
      std::int64_t i = *index;
      const auto n = static_cast<std::int64_t>(strings_.size());
      if (i < 0) i += n;  // Python's negative indexing
      if (i < 0 || i >= n) throw sheet_unreadable("IndexError: list index out of range");
      return text_cell(strings_[static_cast<std::size_t>(i)], out);
    }
    if (c.type == "b") {
      const auto b = py_int(v);
      bool big = false;
      if (!b) {
        py_int(v, &big);
        if (!big) throw sheet_unreadable("ValueError: invalid literal for int() with base 10: " + py_repr(v));
      }
      out.cell = io::SheetCell::make_boolean(big || *b != 0);
      return out;
    }
    if (c.type == "str") return text_cell(v, out);
    if (c.type == "d") {
      const auto text = iso_date(v);
      if (!text) throw sheet_unreadable("ValueError: Invalid datetime value " + v);
      out.cell = io::SheetCell::make_date(*text);
      return out;
    }
    out.cell = io::SheetCell::make_error(v);  // `e`, or a type openpyxl does not know
    return out;
  }

  static found_cell& text_cell(const std::string& stored, found_cell& out) {
    std::string text = xstring_unescape(stored);
    if (!text.empty()) out.cell = io::SheetCell::make_text(std::move(text));
    return out;
  }

  const std::vector<std::string>& strings_;
  const std::set<std::size_t>& date_styles_;
  const std::set<std::size_t>& elapsed_styles_;
  bool mac_epoch_;
  std::int64_t col_counter_ = 0;
  std::size_t inline_at_ = 0, run_at_ = 0;
  std::string big_row_;
  struct shared_formula {
    std::vector<formula_token> tokens;
    std::int64_t row, column;  ///< where it is written
  };
  std::map<std::string, shared_formula> shared_;
};

}  // namespace coproduction::detail::xlsx
