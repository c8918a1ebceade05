#pragma once
/// \file
/// Reading a network from data frames: the five tables a researcher keeps in a spreadsheet
/// (stakeholders, relations, projects, decisions and rights), given as named columns of
/// cells. Every cell is checked against its field, nothing is coerced, and every problem is
/// reported with its place, `/<frame>/<row>/<column>`, in one `format_error` (the error the
/// JSON reader throws). The Python `from_frames` reaches this reader through the binding.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/error.hpp"
#include "coproduction/model/nesting.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

/// One cell of a data frame: missing, a boolean, an integer, a number, a string, a structured
/// JSON value (an object or an array, as an `attributes` cell holds), or a value of a type no
/// field can take, kept only as a description for the message (a date object, a value of
/// a foreign type, a string that is not Unicode).
///
/// A NaN number is a missing cell, as pandas writes a gap in a float column; the reader
/// never turns a missing cell into text.
class Cell {
 public:
  enum class Type { missing, boolean, integer, number, string, structured, unreadable };

  /// A missing cell.
  Cell() = default;
  Cell(std::nullptr_t) {}
  Cell(bool value) : value_(std::in_place_type<bool>, value) {}
  /// An integer. An unsigned value above the largest `std::int64_t` is unreadable.
  template <class T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>)
  Cell(T value) {
    if constexpr (std::is_unsigned_v<T>) {
      if (static_cast<std::uint64_t>(value) >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        value_.template emplace<Unreadable>(Unreadable{"an integer out of the 64-bit range"});
        return;
      }
    }
    value_.template emplace<std::int64_t>(static_cast<std::int64_t>(value));
  }
  /// A number; NaN makes a missing cell.
  Cell(double value) {
    if (!std::isnan(value)) value_.emplace<double>(value);
  }
  Cell(std::string value) : value_(std::in_place_type<std::string>, std::move(value)) {}
  Cell(std::string_view value) : value_(std::in_place_type<std::string>, value) {}
  Cell(const char* value) : value_(std::in_place_type<std::string>, value) {}

  /// A cell holding a JSON value: null is missing, a boolean, integer, number or string
  /// makes that cell, an object or array a structured cell; one nested deeper than
  /// `max_nesting` is unreadable (a cell is copied, and a copy recurses once per level).
  static Cell from_json(nlohmann::json value) {
    if (nesting_depth(value, max_nesting) > max_nesting)
      return unreadable("a value nested deeper than " + std::to_string(max_nesting) + " levels");
    switch (value.type()) {
      case nlohmann::json::value_t::null:
      case nlohmann::json::value_t::discarded: return Cell();
      case nlohmann::json::value_t::boolean: return Cell(value.get<bool>());
      case nlohmann::json::value_t::number_integer: return Cell(value.get<std::int64_t>());
      case nlohmann::json::value_t::number_unsigned: return Cell(value.get<std::uint64_t>());
      case nlohmann::json::value_t::number_float: return Cell(value.get<double>());
      case nlohmann::json::value_t::string: return Cell(value.get<std::string>());
      default: {
        Cell c;
        c.value_.emplace<nlohmann::json>(std::move(value));
        return c;
      }
    }
  }
  /// A value no field can take, described for the message ("a Timestamp").
  static Cell unreadable(std::string description) {
    Cell c;
    c.value_.emplace<Unreadable>(Unreadable{std::move(description)});
    return c;
  }

  Type type() const { return static_cast<Type>(value_.index()); }
  bool missing() const { return type() == Type::missing; }
  /// The value of a cell of that type; asking a cell of another type throws
  /// `std::bad_variant_access`.
  bool boolean() const { return std::get<bool>(value_); }
  std::int64_t integer() const { return std::get<std::int64_t>(value_); }
  double number() const { return std::get<double>(value_); }
  const std::string& text() const { return std::get<std::string>(value_); }
  const nlohmann::json& structured() const { return std::get<nlohmann::json>(value_); }
  /// What an unreadable cell held.
  const std::string& description() const { return std::get<Unreadable>(value_).what; }

  bool operator==(const Cell&) const = default;

 private:
  struct Unreadable {
    std::string what;
    bool operator==(const Unreadable&) const = default;
  };
  std::variant<std::monostate, bool, std::int64_t, double, std::string, nlohmann::json,
               Unreadable>
      value_;
};

/// A named column of cells, one per row.
struct Column {
  std::string name;
  std::vector<Cell> cells;
};

/// A data frame: named columns. Its rows are as many as its longest column has cells; a
/// shorter column is a problem the reader reports.
struct Frame {
  std::vector<Column> columns;

  /// Adds a column; returns the frame, so columns can be chained.
  Frame& add(std::string name, std::vector<Cell> cells) {
    columns.push_back({std::move(name), std::move(cells)});
    return *this;
  }
  std::size_t rows() const {
    std::size_t n = 0;
    for (const Column& c : columns) n = std::max(n, c.cells.size());
    return n;
  }
};

/// The five frames of a network, each in the shape the Python `Network` properties give:
/// - stakeholders: id, kind (default person), label, role, sector, expertise, under_served,
///   paid, convenor, size, influence, attributes;
/// - relations: source, target, type, weight, scale, reported_by, date, method, attributes;
/// - projects: id, label, claimed, attributes;
/// - decisions: id, project, stage, rule, label, quota, weight, attributes;
/// - rights, one row per decision and stakeholder: decision, stakeholder, right, votes (the
///   holder's votes under a majority or quota rule), veto (whether the holder has one).
/// A column the format does not know goes into each row's attributes (rights have none, so
/// there it is a problem). A frame left out adds nothing.
struct Frames {
  std::optional<Frame> stakeholders, relations, projects, decisions, rights;
};

namespace detail {

/// The frames, in the order their problems are listed.
enum class FrameName { stakeholders, relations, projects, decisions, rights };

inline const char* frame_name(FrameName f) {
  static const char* names[] = {"stakeholders", "relations", "projects", "decisions", "rights"};
  return names[static_cast<int>(f)];
}

/// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF).
inline bool valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    else return false;
    if (n - i < len) return false;
    if (s[i + 1] < lo || s[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return false;
    i += len;
  }
  return true;
}

/// True when every string and key of a JSON value is UTF-8. Iterative: it recurses nowhere.
inline bool valid_utf8_json(const nlohmann::json& value) {
  std::vector<const nlohmann::json*> todo{&value};
  while (!todo.empty()) {
    const nlohmann::json* v = todo.back();
    todo.pop_back();
    if (v->is_string()) {
      if (!valid_utf8(v->get_ref<const std::string&>())) return false;
    } else if (v->is_object()) {
      for (auto it = v->begin(); it != v->end(); ++it) {
        if (!valid_utf8(it.key())) return false;
        todo.push_back(&it.value());
      }
    } else if (v->is_array()) {
      for (const auto& item : *v) todo.push_back(&item);
    }
  }
  return true;
}

/// A string as a quoted literal for a message: JSON escapes for quotes and control
/// characters, invalid UTF-8 replaced by U+FFFD, and cut after 60 bytes, so a message is
/// always valid UTF-8 and of bounded length whatever the cell held.
inline std::string quoted_text(std::string_view text) {
  constexpr std::size_t limit = 60;
  std::string cut(text.substr(0, limit));
  if (text.size() > limit) {
    std::size_t end = cut.size();
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    cut.resize(end);
  }
  std::string out = nlohmann::json(cut).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > limit) out += "...";
  return out;
}

/// A number for a message: `2`, `2.5`, `inf`.
inline std::string number_text(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == std::floor(x) && std::fabs(x) < 9.0e15) return std::to_string(static_cast<long long>(x));
  return nlohmann::json(x).dump();
}

/// What a cell holds, for a message: `a number (2.5)`, `a string ("yes please")`.
inline std::string describe(const Cell& c) {
  switch (c.type()) {
    case Cell::Type::missing: return "a missing cell";
    case Cell::Type::boolean: return std::string("a boolean (") + (c.boolean() ? "true" : "false") + ")";
    case Cell::Type::integer: return "an integer (" + std::to_string(c.integer()) + ")";
    case Cell::Type::number: return "a number (" + number_text(c.number()) + ")";
    case Cell::Type::string: return "a string (" + quoted_text(c.text()) + ")";
    case Cell::Type::structured: return c.structured().is_object() ? "an object" : "an array";
    case Cell::Type::unreadable: return c.description();
  }
  return "a cell";
}

/// Largest integer a double holds exactly, and the bound for a whole number read from one.
inline constexpr double exact_integer_limit = 9007199254740992.0;  // 2^53

/// The id a cell names: its text, or the decimal digits of an integer (a whole number, as a
/// gapped column of integer ids holds, counts as one). Nothing, with `why` set, otherwise.
/// Used by the reader and by callers that resolve id columns themselves.
inline std::optional<std::string> id_text(const Cell& c, std::string& why) {
  switch (c.type()) {
    case Cell::Type::string:
      if (c.text().empty()) why = "an id must not be empty";
      else if (!valid_utf8(c.text())) why = "is not valid UTF-8: " + quoted_text(c.text());
      else return c.text();
      return std::nullopt;
    case Cell::Type::integer: return std::to_string(c.integer());
    case Cell::Type::number:
      if (std::isfinite(c.number()) && c.number() == std::floor(c.number()) &&
          std::fabs(c.number()) < exact_integer_limit)
        return std::to_string(static_cast<long long>(c.number()));
      break;
    default: break;
  }
  why = "an id must be a string or a whole number, not " + describe(c);
  return std::nullopt;
}

/// Collects the problems of the five frames and lists them frame by frame, then row by row
/// (problems of a frame as a whole first), in the order found within a row.
class FrameLog {
 public:
  void add(FrameName frame, std::optional<std::size_t> row, std::string_view column,
           std::string code, std::string message) {
    std::string pointer = std::string("/") + frame_name(frame);
    if (row) {
      pointer += "/" + std::to_string(*row);
      if (!column.empty()) pointer += "/" + pointer_token(column);
    }
    entries_.push_back({static_cast<int>(frame), row ? *row + 1 : 0,
                        {std::move(pointer), std::move(code), std::move(message)}});
  }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  std::vector<format_problem> problems() const {
    std::vector<Entry> sorted = entries_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) {
      return a.frame != b.frame ? a.frame < b.frame : a.row < b.row;
    });
    std::vector<format_problem> out;
    out.reserve(sorted.size());
    for (auto& e : sorted) out.push_back(std::move(e.problem));
    return out;
  }

 private:
  struct Entry {
    int frame;
    std::size_t row;  // 0 for the frame as a whole, else row + 1
    format_problem problem;
  };
  std::vector<Entry> entries_;
};

/// A field of a frame: its name and its column, null when the frame has none.
struct Field {
  std::string_view name;
  const Column* column = nullptr;
};

/// One frame's columns, checked once: a repeated name, a name that is not UTF-8 and a
/// column shorter than the frame are problems of the frame. Columns the format does not
/// know are kept, in name order, for the rows' attributes.
class FrameColumns {
 public:
  /// `first_row` > 0 reads a later part of a frame read in parts: its rows are numbered
  /// from there, and problems of the frame as a whole, reported with the first part, are
  /// not repeated.
  FrameColumns(const Frame& frame, FrameName name, std::initializer_list<std::string_view> known,
               FrameLog& log, std::size_t first_row = 0)
      : name_(name), rows_(frame.rows()), first_row_(first_row), log_(log) {
    std::unordered_set<std::string_view> seen;
    for (const Column& c : frame.columns) {
      if (!valid_utf8(c.name)) {
        whole_frame("format.value", "a column name is not valid UTF-8: " + quoted_text(c.name));
        continue;
      }
      if (!seen.insert(c.name).second) {
        whole_frame("format.duplicate_key",
                    "the column " + quoted_text(c.name) + " appears more than once");
        continue;
      }
      if (c.cells.size() != rows_)
        whole_frame("format.value", "the column " + quoted_text(c.name) + " has " +
                                        std::to_string(c.cells.size()) + " cells, the frame " +
                                        std::to_string(rows_) + " rows");
      auto k = std::find(known.begin(), known.end(), std::string_view(c.name));
      if (k != known.end()) known_.push_back({*k, &c});
      else extra_.push_back(&c);
    }
    std::sort(extra_.begin(), extra_.end(),
              [](const Column* a, const Column* b) { return a->name < b->name; });
  }

  std::size_t rows() const { return rows_; }
  /// The number in the whole frame of this part's row 0.
  std::size_t first_row() const { return first_row_; }
  FrameName name() const { return name_; }
  /// The field of this name; its column is null when the frame has none. `name` must
  /// outlive the field (a literal).
  Field field(std::string_view name) const {
    for (const Field& f : known_)
      if (f.name == name) return f;
    return Field{name, nullptr};
  }
  /// A field the frame must have; a missing column is one problem of the frame and clears
  /// `ok`.
  Field require(std::string_view name, bool& ok) const {
    Field f = field(name);
    if (!f.column) {
      whole_frame("format.missing", "the frame has no " + quoted_text(name) + " column");
      ok = false;
    }
    return f;
  }
  /// Records a problem of the frame as a whole (once, with its first part).
  void whole_frame(std::string code, std::string message) const {
    if (first_row_ == 0) log_.add(name_, std::nullopt, "", std::move(code), std::move(message));
  }
  /// The columns the format does not know, in name order.
  const std::vector<const Column*>& extra() const { return extra_; }

 private:
  FrameName name_;
  std::size_t rows_, first_row_;
  FrameLog& log_;
  std::vector<Field> known_;
  std::vector<const Column*> extra_;
};

/// Reads the cells of one row, recording a problem at `/<frame>/<row>/<column>` for each that
/// does not fit its field. Once the row's subject is known (`stakeholder "carers"`), its
/// messages start with it.
class RowReader {
 public:
  RowReader(const FrameColumns& columns, std::size_t row, FrameLog& log)
      : columns_(columns), row_(row), log_(log), start_(log.size()) {}

  /// True when no problem was recorded for this row.
  bool clean() const { return log_.size() == start_; }

  /// Names the row in its messages as `<noun> <name()>`; `name` is called only for a message.
  void set_subject(const char* noun, std::function<std::string()> name) {
    noun_ = noun;
    name_ = std::move(name);
  }
  /// `message`, preceded by the subject unless it names the subject already.
  std::string about(const std::string& message) const {
    if (!name_) return message;
    const std::string name = name_();
    if (message.find(name) != std::string::npos) return message;
    return std::string(noun_) + " " + name + ": " + message;
  }
  /// Records a problem at this row (and `column`, unless empty).
  void problem(std::string_view column, std::string code, const std::string& message) {
    log_.add(columns_.name(), columns_.first_row() + row_, column, std::move(code), about(message));
  }

  static const Cell& cell(const Field& f, std::size_t row) {
    static const Cell missing;
    return f.column && row < f.column->cells.size() ? f.column->cells[row] : missing;
  }
  const Cell& cell(const Field& f) const { return cell(f, row_); }

  /// An id: a non-empty string or a whole number (see `id_text`). A missing id is a problem
  /// when `required` (a frame without the column has that reported once, not per row).
  std::optional<std::string> id(const Field& f, bool required = true) {
    const Cell& c = cell(f);
    if (c.missing()) {
      if (required && f.column) missing(f);
      return std::nullopt;
    }
    std::string why;
    auto id = id_text(c, why);
    if (!id) problem(f.name, c.type() == Cell::Type::string ? "format.value" : "format.type", why);
    return id;
  }

  /// A non-empty UTF-8 string.
  std::optional<std::string> text(const Field& f, bool required = false) {
    const Cell& c = cell(f);
    if (c.missing()) {
      if (required && f.column) missing(f);
      return std::nullopt;
    }
    if (c.type() != Cell::Type::string) {
      problem(f.name, "format.type", "must be a string, not " + describe(c));
    } else if (c.text().empty()) {
      problem(f.name, "format.value", "must not be empty (leave the cell empty instead)");
    } else if (!valid_utf8(c.text())) {
      problem(f.name, "format.value", "is not valid UTF-8: " + quoted_text(c.text()));
    } else {
      return c.text();
    }
    return std::nullopt;
  }

  /// A word of a closed vocabulary.
  template <class E>
  std::optional<E> word(const Field& f, bool required = false) {
    auto t = text(f, required);
    if (!t) return std::nullopt;
    if (auto value = parse<E>(*t)) return value;
    problem(f.name, "format.value", quoted_text(*t) + " is not one of " + spellings<E>());
    return std::nullopt;
  }

  /// A boolean: a boolean cell, the strings true/false, yes/no or 1/0 in any case, or the
  /// numbers 1 and 0. Anything else is refused.
  std::optional<bool> flag(const Field& f) {
    const Cell& c = cell(f);
    const char* code = "format.value";
    switch (c.type()) {
      case Cell::Type::missing: return std::nullopt;
      case Cell::Type::boolean: return c.boolean();
      case Cell::Type::integer:
        if (c.integer() == 0 || c.integer() == 1) return c.integer() == 1;
        break;
      case Cell::Type::number:
        if (c.number() == 0.0 || c.number() == 1.0) return c.number() == 1.0;
        break;
      case Cell::Type::string: {
        std::string lower(c.text());
        for (char& ch : lower)
          if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (lower == "true" || lower == "yes" || lower == "1") return true;
        if (lower == "false" || lower == "no" || lower == "0") return false;
        break;
      }
      default: code = "format.type"; break;
    }
    problem(f.name, code,
            "must be true or false (or yes/no, 1/0, in any case), not " + describe(c));
    return std::nullopt;
  }

  /// An integer: an integer cell, or a whole number below 2^53 (a float column with gaps
  /// holds its integers so). Not a boolean, not a fraction, not a string.
  std::optional<long long> integer(const Field& f) {
    const Cell& c = cell(f);
    switch (c.type()) {
      case Cell::Type::missing: return std::nullopt;
      case Cell::Type::integer: return c.integer();
      case Cell::Type::number:
        if (std::isfinite(c.number()) && c.number() == std::floor(c.number()) &&
            std::fabs(c.number()) < exact_integer_limit)
          return static_cast<long long>(c.number());
        problem(f.name, "format.value", "must be a whole number, not " + describe(c));
        return std::nullopt;
      default:
        problem(f.name, "format.type", "must be a whole number, not " + describe(c));
        return std::nullopt;
    }
  }

  /// A number: an integer or a number cell. Not a boolean, not a string.
  std::optional<double> number(const Field& f) {
    const Cell& c = cell(f);
    switch (c.type()) {
      case Cell::Type::missing: return std::nullopt;
      case Cell::Type::integer: return static_cast<double>(c.integer());
      case Cell::Type::number: return c.number();
      default:
        problem(f.name, "format.type", "must be a number, not " + describe(c));
        return std::nullopt;
    }
  }

  /// The row's attributes: its `attributes` cell (an object, or missing) with the cell of
  /// every column the format does not know added under the column's name, unless missing.
  nlohmann::json attributes(const Field& f) {
    nlohmann::json out;
    const Cell& a = cell(f);
    if (a.type() == Cell::Type::structured && a.structured().is_object()) {
      if (valid_utf8_json(a.structured())) out = a.structured();
      else problem(f.name, "format.value", "holds a string that is not valid UTF-8");
    } else if (!a.missing()) {
      problem(f.name, "format.type", "must be an object (a dict), not " + describe(a));
    }
    for (const Column* column : columns_.extra()) {
      const std::string_view name = column->name;
      const Cell& c = cell(Field{name, column});
      nlohmann::json value;
      switch (c.type()) {
        case Cell::Type::missing: continue;
        case Cell::Type::boolean: value = c.boolean(); break;
        case Cell::Type::integer: value = c.integer(); break;
        case Cell::Type::number:
          if (!std::isfinite(c.number())) {
            problem(name, "format.value",
                    "cannot be kept in attributes: JSON has no " + number_text(c.number()));
            continue;
          }
          value = c.number();
          break;
        case Cell::Type::string:
          if (!valid_utf8(c.text())) {
            problem(name, "format.value", "is not valid UTF-8: " + quoted_text(c.text()));
            continue;
          }
          value = c.text();
          break;
        case Cell::Type::structured:
          if (!valid_utf8_json(c.structured())) {
            problem(name, "format.value", "holds a string that is not valid UTF-8");
            continue;
          }
          value = c.structured();
          break;
        case Cell::Type::unreadable:
          problem(name, "format.type", "cannot be kept in attributes: " + describe(c));
          continue;
      }
      if (out.is_object() && out.contains(column->name)) {
        problem(name, "format.duplicate_key", "the column is also a key of the row's attributes");
        continue;
      }
      if (!out.is_object()) out = nlohmann::json::object();
      out[column->name] = std::move(value);
    }
    return out;
  }

 private:
  void missing(const Field& f) {
    problem(f.name, "format.missing", "the " + std::string(f.name) + " is missing");
  }

  const FrameColumns& columns_;
  std::size_t row_;
  FrameLog& log_;
  std::size_t start_;
  const char* noun_ = "";
  std::function<std::string()> name_;
};

/// Undoes RFC 6901 escaping of one reference token.
inline std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

}  // namespace detail

/// Reads the frames of a network, one after another, into a copy of a base network,
/// collecting every problem; `finish` gives the network or throws them all. `add_frames` and
/// `read_frames` run it over a `Frames`. A caller that resolves a plain edge list itself (the
/// Python binding reads pandas' arrays of string objects in place) calls the steps in turn
/// and tries `add_edge_list` before `read_relations`.
///
/// Rules for cells:
/// - a boolean is a boolean cell, the string true/false, yes/no or 1/0 in any case, or the
///   number 1 or 0; anything else is refused;
/// - an integer (size, votes) is an integer cell or a whole number below 2^53 (2.0, as a
///   float column with gaps holds it); never 1.5, a boolean or a string;
/// - a number (influence, weight, quota) is an integer or a number cell, never a boolean or
///   a string;
/// - a string is a non-empty UTF-8 string, never a number or a boolean; a word (kind, stage,
///   right, ...) is one of its vocabulary;
/// - an id (of a stakeholder, project or decision, and every reference to one) is a
///   non-empty string or a whole number, read as its decimal digits;
/// - a missing cell is "not given"; a missing id, source, target, type, project, stage,
///   rule, decision, stakeholder or right is a problem.
///
/// Each problem is at `/<frame>/<row>/<column>` (row: the position in the frame, from 0),
/// or at `/<frame>` for the frame as a whole (a missing or repeated column), with the JSON
/// reader's codes: `format.missing`, `format.type`, `format.value`, `format.duplicate_key`,
/// `format.unknown_field`, and `model.unknown_id`, `model.duplicate_id`,
/// `model.invalid_value` for the model's rules, reported at the cell they come from.
class FrameReader {
 public:
  /// Starts from a copy of `base`; the reader never changes `base` itself.
  explicit FrameReader(const Network& base) : net_(base) {}

  /// The network read so far (to resolve ids against).
  const Network& network() const { return net_; }
  /// True while no problem has been found.
  bool clean() const { return log_.empty(); }

  /// Reads and adds the stakeholders. A stakeholder with a bad cell is still added by id and
  /// kind, so references to it elsewhere add no cascade of "unknown stakeholder" problems.
  /// A large frame may be read in parts, each given with the number of its first row in the
  /// whole frame (problems of the frame as a whole are reported with part 0). O(rows x
  /// columns).
  void read_stakeholders(const Frame& frame, std::size_t first_row = 0) {
    detail::FrameColumns columns(frame, detail::FrameName::stakeholders,
                                 {"id", "label", "kind", "role", "sector", "expertise",
                                  "under_served", "paid", "convenor", "size", "influence",
                                  "attributes"},
                                 log_, first_row);
    bool addable = true;
    const detail::Field id = columns.require("id", addable), label = columns.field("label"),
                        kind = columns.field("kind"), role = columns.field("role"),
                        sector = columns.field("sector"), expertise = columns.field("expertise"),
                        under_served = columns.field("under_served"),
                        paid = columns.field("paid"), convenor = columns.field("convenor"),
                        size = columns.field("size"), influence = columns.field("influence"),
                        attributes = columns.field("attributes");
    for (std::size_t i = 0; i < columns.rows(); ++i) {
      detail::RowReader r(columns, i, log_);
      Stakeholder s;
      const auto read_id = r.id(id);
      if (read_id) {
        s.id = *read_id;
        r.set_subject("stakeholder", [&s] { return detail::quote(s.id); });
      }
      if (auto v = r.word<Kind>(kind)) s.kind = *v;
      if (auto v = r.text(label)) s.label = *v;
      if (auto v = r.text(role)) s.role = *v;
      if (auto v = r.text(sector)) s.sector = *v;
      s.expertise = r.word<Expertise>(expertise);
      s.under_served = r.flag(under_served);
      s.paid = r.flag(paid);
      s.convenor = r.flag(convenor);
      s.size = r.integer(size);
      s.influence = r.number(influence);
      s.attributes = r.attributes(attributes);
      if (!addable || !read_id) continue;
      if (!r.clean()) s = Stakeholder{.id = s.id, .kind = s.kind};
      try {
        net_.add_stakeholder(s);
      } catch (const model_error& e) {
        model_problem(r, e, {{"id", "id"}, {"size", "size"}, {"influence", "influence"},
                             {"attributes", "attributes"}});
        if (e.field() != "id") add_bare(Stakeholder{.id = s.id, .kind = s.kind});
      }
    }
  }

  /// Reads and adds the relations, each checked whole; a relation with a bad cell is left
  /// out. A large frame may be read in parts, as `read_stakeholders` says. O(rows x columns).
  void read_relations(const Frame& frame, std::size_t first_row = 0) {
    detail::FrameColumns columns(frame, detail::FrameName::relations,
                                 {"source", "target", "type", "weight", "scale", "reported_by",
                                  "date", "method", "attributes"},
                                 log_, first_row);
    bool addable = true;
    const detail::Field source = columns.require("source", addable),
                        target = columns.require("target", addable),
                        type = columns.require("type", addable), weight = columns.field("weight"),
                        scale = columns.field("scale"),
                        reported_by = columns.field("reported_by"),
                        date = columns.field("date"), method = columns.field("method"),
                        attributes = columns.field("attributes");
    for (std::size_t i = 0; i < columns.rows(); ++i) {
      detail::RowReader r(columns, i, log_);
      Relation rel;
      const auto s = r.id(source), t = r.id(target);
      const auto k = r.text(type, true);
      if (s && t && k) {
        rel.source = *s, rel.target = *t, rel.type = *k;
        r.set_subject("relation", [&rel] { return relation_name(rel); });
      }
      rel.weight = r.number(weight);
      rel.scale = r.word<Scale>(scale);
      if (auto v = r.text(reported_by)) rel.provenance.reported_by = *v;
      if (auto v = r.text(date)) rel.provenance.date = *v;
      if (auto v = r.text(method)) rel.provenance.method = *v;
      rel.attributes = r.attributes(attributes);
      if (!addable || !r.clean()) continue;
      try {
        net_.add_relation(rel);
      } catch (const model_error& e) {
        model_problem(r, e, {{"source", "source"}, {"target", "target"}, {"type", "type"},
                             {"weight", "weight"}, {"provenance/date", "date"},
                             {"attributes", "attributes"}});
      }
    }
  }

  /// Adds a plain edge list given as columns of vertices and type codes, all or none, as
  /// `Network::add_relations` does, and throws `model_error` as it does, leaving the reader
  /// as it was: the caller then reads the frame with `read_relations` to report every
  /// problem. O(rows).
  void add_edge_list(std::span<const Network::vertex_type> source,
                     std::span<const Network::vertex_type> target,
                     std::span<const std::uint32_t> type, std::span<const std::string> type_names,
                     std::span<const double> weight = {}) {
    net_.add_relations(source, target, type, type_names, weight);
  }

  /// Reads and adds the projects. A project with a bad cell is still added by id.
  void read_projects(const Frame& frame) {
    detail::FrameColumns columns(frame, detail::FrameName::projects,
                                 {"id", "label", "claimed", "attributes"}, log_);
    bool addable = true;
    const detail::Field id = columns.require("id", addable), label = columns.field("label"),
                        claimed = columns.field("claimed"),
                        attributes = columns.field("attributes");
    for (std::size_t i = 0; i < columns.rows(); ++i) {
      detail::RowReader r(columns, i, log_);
      Project p;
      const auto read_id = r.id(id);
      if (read_id) {
        p.id = *read_id;
        r.set_subject("project", [&p] { return detail::quote(p.id); });
      }
      if (auto v = r.text(label)) p.label = *v;
      p.claimed = r.word<CollaborationType>(claimed);
      p.attributes = r.attributes(attributes);
      if (!addable || !read_id) continue;
      if (!r.clean()) p = Project{.id = p.id};
      try {
        net_.add_project(p);
      } catch (const model_error& e) {
        model_problem(r, e, {{"id", "id"}, {"attributes", "attributes"}});
        if (e.field() != "id") net_.add_project(Project{.id = p.id});
      }
    }
  }

  /// Reads the decisions and their rights (either may be null) and adds each decision whose
  /// cells, and rows of rights, are all in order. A rule of the model a decision breaks is
  /// reported at the cell it comes from: a right, vote or veto at its row of the rights
  /// frame, the project, rule, quota or weight at the decision's row.
  void read_decisions(const Frame* decisions, const Frame* rights) {
    using detail::FrameName;
    std::unordered_map<std::string, Assembly> held;
    bool rights_usable = true;
    if (rights) {
      if (!decisions)
        log_.add(FrameName::rights, std::nullopt, "", "format.missing",
                 "rights were given without a decisions frame");
      rights_usable = read_rights(*rights, held);
    }
    if (!decisions) return;
    detail::FrameColumns columns(*decisions, FrameName::decisions,
                                 {"id", "label", "project", "stage", "rule", "quota", "weight",
                                  "attributes"},
                                 log_);
    bool addable = rights_usable;
    const detail::Field id = columns.require("id", addable),
                        project = columns.require("project", addable),
                        stage = columns.require("stage", addable),
                        rule = columns.require("rule", addable), label = columns.field("label"),
                        quota = columns.field("quota"), weight = columns.field("weight"),
                        attributes = columns.field("attributes");
    std::unordered_set<std::string> read;
    for (std::size_t i = 0; i < columns.rows(); ++i) {
      detail::RowReader r(columns, i, log_);
      Decision d;
      const auto read_id = r.id(id);
      if (read_id) {
        d.id = *read_id;
        r.set_subject("decision", [&d] { return detail::quote(d.id); });
        if (!read.insert(d.id).second) {
          r.problem("id", "model.duplicate_id",
                    "decision " + detail::quote(d.id) + " already exists");
          continue;
        }
      }
      if (auto v = r.text(label)) d.label = *v;
      if (auto v = r.id(project)) d.project = *v;
      if (auto v = r.word<Stage>(stage, true)) d.stage = *v;
      if (auto v = r.word<RuleKind>(rule, true)) d.rule.kind = *v;
      d.rule.quota = r.number(quota);
      d.weight = r.number(weight);
      d.attributes = r.attributes(attributes);
      if (!addable || !read_id || !r.clean()) continue;
      static const Assembly none;
      auto it = held.find(d.id);
      const Assembly& a = it == held.end() ? none : it->second;
      if (a.broken) continue;  // its rows of rights have problems of their own
      d.rights = a.rights;
      d.rule.votes = a.votes;
      d.rule.veto = a.veto;
      try {
        net_.add_decision(d);  // a copy: the row's messages still name d.id
      } catch (const model_error& e) {
        decision_problem(r, e, a);
      }
    }
    for (const auto& [decision, a] : held)
      if (!read.count(decision))
        log_.add(FrameName::rights, a.first_row, "decision", "model.unknown_id",
                 "no decision " + detail::quote(decision) + " in the decisions frame");
  }

  /// The network with every frame read. Throws `format_error` with every problem found,
  /// frame by frame (stakeholders, relations, projects, decisions, rights) and row by row.
  Network finish() && {
    if (!log_.empty()) throw format_error(log_.problems());
    return std::move(net_);
  }

 private:
  // The rights, votes and vetoes of one decision, gathered from its rows of the rights frame.
  struct Assembly {
    std::map<std::string, Right> rights;
    std::map<std::string, long long> votes;
    std::vector<std::string> veto;
    std::map<std::string, std::size_t> row_of;  // stakeholder -> row of the rights frame
    std::size_t first_row = 0;
    bool broken = false;
  };

  static std::string relation_name(const Relation& r) {
    return r.source + "->" + r.target + " (" + r.type + ")";
  }

  void add_bare(const Stakeholder& s) {
    try {
      net_.add_stakeholder(s);
    } catch (const model_error&) {
      // The row's problem is reported already; the bare stakeholder only spares cascades.
    }
  }

  // A model error of the row's object, at the column its field names (`fields` maps the
  // model's field to a column), else at the row.
  static void model_problem(
      detail::RowReader& r, const model_error& e,
      std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
    for (const auto& [field, column] : fields)
      if (e.field() == field) return r.problem(column, e.code(), e.message());
    r.problem("", e.code(), e.field().empty() ? e.message() : e.field() + ": " + e.message());
  }

  // Gathers the rows of rights by decision; false when the frame lacks a column it needs.
  bool read_rights(const Frame& frame, std::unordered_map<std::string, Assembly>& held) {
    using detail::FrameName;
    detail::FrameColumns columns(frame, FrameName::rights,
                                 {"decision", "stakeholder", "right", "votes", "veto"}, log_);
    for (const Column* extra : columns.extra())
      log_.add(FrameName::rights, std::nullopt, "", "format.unknown_field",
               "the column " + detail::quoted_text(extra->name) +
                   " is not one of decision, stakeholder, right, votes, veto (rights have no "
                   "attributes)");
    bool usable = true;
    const detail::Field decision = columns.require("decision", usable),
                        stakeholder = columns.require("stakeholder", usable),
                        right = columns.require("right", usable), votes = columns.field("votes"),
                        veto = columns.field("veto");
    for (std::size_t i = 0; i < columns.rows(); ++i) {
      detail::RowReader r(columns, i, log_);
      const auto d = r.id(decision);
      if (d) r.set_subject("decision", [&d] { return detail::quote(*d); });
      const auto who = r.id(stakeholder);
      const auto level = r.word<Right>(right, true);
      const auto v = r.integer(votes);
      const auto vetoes = r.flag(veto);
      if (!usable || !d) continue;
      auto [it, added] = held.try_emplace(*d);
      Assembly& a = it->second;
      if (added) a.first_row = i;
      if (!who || !r.clean()) {
        a.broken = true;
        continue;
      }
      if (auto [seen, first] = a.row_of.emplace(*who, i); !first) {
        r.problem(stakeholder.name, "format.duplicate_key",
                  "stakeholder " + detail::quote(*who) + " is given a right twice (rows " +
                      std::to_string(seen->second) + " and " + std::to_string(i) + ")");
        a.broken = true;
        continue;
      }
      a.rights.emplace(*who, *level);
      if (v) a.votes.emplace(*who, *v);
      if (vetoes.value_or(false)) a.veto.push_back(*who);
    }
    return usable;
  }

  // A model error of a decision, at the cell it comes from.
  void decision_problem(detail::RowReader& r, const model_error& e, const Assembly& a) {
    const std::string& field = e.field();
    const std::string message = r.about(e.message());
    auto at_right = [&](const std::string& who, const char* column) {
      auto it = a.row_of.find(who);
      if (it == a.row_of.end()) return false;
      log_.add(detail::FrameName::rights, it->second, column, e.code(), message);
      return true;
    };
    auto after = [&](std::string_view prefix) -> std::optional<std::string> {
      if (field.size() > prefix.size() && field.compare(0, prefix.size(), prefix) == 0)
        return field.substr(prefix.size());
      return std::nullopt;
    };
    if (auto who = after("rights/")) {
      if (at_right(detail::unescape_token(*who),
                   e.code() == "model.unknown_id" ? "stakeholder" : "right"))
        return;
    } else if (auto holder = after("rule/votes/")) {
      if (at_right(detail::unescape_token(*holder), "votes")) return;
    } else if (auto index = after("rule/veto/")) {
      std::size_t k = 0;
      bool number = index->size() <= 9;
      for (char c : *index) {
        if (c < '0' || c > '9') number = false;
        else k = k * 10 + static_cast<std::size_t>(c - '0');
      }
      if (number && k < a.veto.size() && at_right(a.veto[k], "veto")) return;
    }
    static const std::pair<std::string_view, std::string_view> columns[] = {
        {"id", "id"},           {"project", "project"},  {"rule/kind", "rule"},
        {"rule/votes", "rule"}, {"rule/quota", "quota"}, {"weight", "weight"},
        {"attributes", "attributes"}};
    for (const auto& [f, column] : columns)
      if (field == f) return r.problem(column, e.code(), e.message());
    r.problem("", e.code(), field.empty() || field == "rights" ? e.message()
                                                                : field + ": " + e.message());
  }

  Network net_;
  detail::FrameLog log_;
};

/// Adds the frames to `net`, all or nothing: every problem of every frame (cells that do not
/// fit their field, and every rule of the model: unknown or repeated ids, weights, quotas,
/// rules) is collected and thrown together as one `format_error`, each problem at
/// `/<frame>/<row>/<column>`, e.g. `/stakeholders/3/size: stakeholder "carers": must be a
/// whole number, not a number (2.5)`; `net` is then unchanged. `FrameReader` lists the rules
/// for cells. O(cells), plus the model's checks.
inline void add_frames(Network& net, const Frames& frames) {
  FrameReader reader(net);
  if (frames.stakeholders) reader.read_stakeholders(*frames.stakeholders);
  if (frames.relations) reader.read_relations(*frames.relations);
  if (frames.projects) reader.read_projects(*frames.projects);
  if (frames.decisions || frames.rights)
    reader.read_decisions(frames.decisions ? &*frames.decisions : nullptr,
                          frames.rights ? &*frames.rights : nullptr);
  net = std::move(reader).finish();
}

/// A new network from frames. Throws `format_error` as `add_frames` does.
inline Network read_frames(const Frames& frames) {
  Network net;
  add_frames(net, frames);
  return net;
}

}  // namespace coproduction
