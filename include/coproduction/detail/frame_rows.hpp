#pragma once
/// \file
/// The frame reader's machinery: UTF-8 checks, the words of a cell in a message, id cells,
/// the problem log at `/<frame>/<row>/<column>`, column lookup and the reader of one row's
/// fields under the rules `io/frames.hpp` documents. Users include `io/frames.hpp`.

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
#include "coproduction/detail/utf8.hpp"
#include "coproduction/detail/message_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/nesting.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/io/frame.hpp"

namespace coproduction {

namespace detail {

/// The frames, in the order their problems are listed.
enum class FrameName { stakeholders, relations, projects, decisions, rights };

inline const char* frame_name(FrameName f) {
  static const char* names[] = {"stakeholders", "relations", "projects", "decisions", "rights"};
  return names[static_cast<int>(f)];
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

  /// The id of the row's object (a stakeholder, project or decision: the `noun`), read as
  /// `id` reads it into `target`, and named from then on in the row's messages as
  /// `<noun> "<id>"`. False, with `target` untouched, when the cell gives no id. `target`
  /// must outlive the reader: the name is made from it only for a message.
  bool subject_id(const Field& f, const char* noun, std::string& target) {
    auto read = id(f);
    if (!read) return false;
    target = std::move(*read);
    set_subject(noun, [&target] { return quote(target); });
    return true;
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

}  // namespace coproduction
