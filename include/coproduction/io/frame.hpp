#pragma once
/// \file
/// Data frames as the frame reader takes them: cells (missing, boolean, integer, number,
/// string, structured JSON, or a foreign value kept as its description), named columns, one
/// frame per table and the five tables of a network. Read by `io/frames.hpp`.

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

}  // namespace coproduction
