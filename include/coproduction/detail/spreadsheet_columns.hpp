#pragma once
/// \file
/// The spreadsheet reader's table of columns: the columns of each sheet in the order the
/// writer writes them, how each column's cells are read, and where each row of a frame came
/// from in the sheets (so that the frame reader's problems go back to their cells).

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/io/frame.hpp"
#include "coproduction/io/sheet.hpp"

namespace coproduction::detail::spreadsheet {

/// How a column's cells are read. id: an id (text, or in a workbook a whole number); text,
/// word (a word of a vocabulary), boolean: text the frame reader judges; integer, number: a
/// number (in a CSV file, text written as a number); object: JSON text of an object; json:
/// JSON text of any value; votes: JSON text of an object of ids and votes; ids: JSON text of
/// an array of ids; any: text, or in a workbook a number or TRUE/FALSE.
enum class ColumnKind { id, text, word, boolean, integer, number, object, json, votes, ids, any };

struct SheetColumn {
  std::string_view name;
  ColumnKind kind;
};

/// The columns of each sheet, in the order the writer writes them, with how each is read.
inline const std::vector<SheetColumn>& sheet_columns(std::string_view sheet) {
  using K = ColumnKind;
  static const std::map<std::string_view, std::vector<SheetColumn>> columns = {
      {"stakeholders",
       {{"id", K::id}, {"label", K::text}, {"kind", K::word}, {"role", K::text},
        {"sector", K::text}, {"expertise", K::word}, {"under_served", K::boolean},
        {"paid", K::boolean}, {"convenor", K::boolean}, {"size", K::integer},
        {"influence", K::number}, {"attributes", K::object}}},
      {"relations",
       {{"source", K::id}, {"target", K::id}, {"type", K::text}, {"weight", K::number},
        {"scale", K::word}, {"reported_by", K::text}, {"date", K::text}, {"method", K::text},
        {"attributes", K::object}}},
      {"projects", {{"id", K::id}, {"label", K::text}, {"claimed", K::word}, {"attributes", K::object}}},
      {"decisions",
       {{"id", K::id}, {"label", K::text}, {"project", K::id}, {"stage", K::word},
        {"rule", K::word}, {"quota", K::number}, {"weight", K::number}, {"attributes", K::object}}},
      {"rights",
       {{"decision", K::id}, {"stakeholder", K::id}, {"right", K::word}, {"votes", K::integer},
        {"veto", K::boolean}}},
      {"metadata", {{"key", K::text}, {"value", K::any}, {"json", K::json}}},
  };
  static const std::vector<SheetColumn> none;
  const auto it = columns.find(sheet);
  return it == columns.end() ? none : it->second;
}

/// The decisions sheet's columns for the votes and vetoes of a wide rights sheet.
inline const std::vector<SheetColumn>& wide_decision_columns() {
  static const std::vector<SheetColumn> columns = {{"votes", ColumnKind::votes},
                                                   {"veto", ColumnKind::ids}};
  return columns;
}

inline bool textual(ColumnKind k) {
  return k != ColumnKind::boolean && k != ColumnKind::integer && k != ColumnKind::number;
}
inline bool json_kind(ColumnKind k) {
  return k == ColumnKind::object || k == ColumnKind::json || k == ColumnKind::votes ||
         k == ColumnKind::ids;
}

inline std::string json_example(ColumnKind k) {
  switch (k) {
    case ColumnKind::object:
      return "JSON text of an object, such as {\"ward\": \"east\", \"sessions\": 12}";
    case ColumnKind::votes:
      return "JSON text of an object of holders and their votes, such as {\"outreach\": 2, "
             "\"womens_group\": 1}";
    case ColumnKind::ids: return "JSON text of a list of stakeholder ids, such as [\"womens_group\"]";
    default: return "JSON text, such as 12, true, [\"a\", \"b\"] or \"text\"";
  }
}

/// Whether a rights sheet's header is the long form's: it names a stakeholder and a right
/// column (a wide sheet names decision, then stakeholder ids).
template <class Names>
bool looks_long(const Names& names) {
  bool stakeholder = false, right = false;
  for (const auto& n : names) {
    if (!n) continue;
    stakeholder = stakeholder || *n == "stakeholder";
    right = right || *n == "right";
  }
  return stakeholder && right;
}

/// An id as the frame reader reads it: text, or a whole number's digits.
inline std::optional<std::string> id_text(const Cell& value) {
  switch (value.type()) {
    case Cell::Type::string: return value.text();
    case Cell::Type::integer: return std::to_string(value.integer());
    case Cell::Type::number: {
      const double x = value.number();
      if (x == static_cast<double>(static_cast<std::int64_t>(x)) && x < 9007199254740992.0 &&
          x > -9007199254740992.0)
        return std::to_string(static_cast<std::int64_t>(x));
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

/// A frame cell's value as JSON (for the metadata).
inline nlohmann::json cell_json(const Cell& c) {
  switch (c.type()) {
    case Cell::Type::boolean: return c.boolean();
    case Cell::Type::integer: return c.integer();
    case Cell::Type::number: return c.number();
    case Cell::Type::string: return c.text();
    case Cell::Type::structured: return c.structured();
    default: return nullptr;
  }
}

/// A place of a cell: its sheet, row and column.
struct CellPlace {
  io::Sheet* sheet = nullptr;
  std::optional<std::size_t> row, column;
};

/// Where the rows of one frame came from: each frame row's sheet row, and its columns'
/// numbers; a row made from several cells (the wide rights sheet) names each of its cells.
struct FrameOrigin {
  io::Sheet* sheet = nullptr;
  std::map<std::string, std::size_t> columns;
  std::vector<std::size_t> rows;
  std::vector<std::map<std::string, CellPlace>> cells;  // wide rights only
  std::vector<std::string> holders;                     // wide rights: each row's holder

  CellPlace locate(std::size_t row, const std::string& column) const {
    if (!cells.empty()) {
      if (row < cells.size()) {
        const auto it = cells[row].find(column);
        return it != cells[row].end() ? it->second : cells[row].at("right");
      }
      return {sheet, std::nullopt, std::nullopt};
    }
    if (row >= rows.size()) return {sheet, std::nullopt, std::nullopt};
    const auto it = columns.find(column);
    return {sheet, rows[row],
            it == columns.end() ? std::nullopt : std::optional<std::size_t>(it->second)};
  }
};

struct SheetFrame {
  Frame frame;
  FrameOrigin origin;
};

/// A converted cell: its frame cell, and for a JSON column the JSON it holds; `bad` when the
/// cell was reported as a problem of its own (it is passed on as missing).
struct Converted {
  bool bad = false;
  Cell cell;
  std::optional<nlohmann::json> json;
  std::string unholdable;  // why the JSON holds a value the model cannot (CellJson::unholdable)
};

}  // namespace coproduction::detail::spreadsheet
