#pragma once
/// \file
/// The spreadsheet reader: sheets of raw cells (io/sheet.hpp) turned into the frame reader's
/// columns (io/frames.hpp), the wide rights sheet and the metadata sheet read, and the frame
/// reader's problems turned back into the places a person finds them (file or workbook and
/// sheet, row, column letter and name).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/spreadsheet_cells.hpp"
#include "coproduction/detail/spreadsheet_columns.hpp"
#include "coproduction/detail/spreadsheet_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/frame.hpp"
#include "coproduction/io/frames.hpp"
#include "coproduction/io/sheet.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction::detail::spreadsheet {

/// Turns sheets into the frame reader's columns, and its problems into sheet places.
class SpreadsheetReader : private SheetCells {
 public:
  using SheetCells::SheetCells;


  /// The network, or `format_error` with every problem in sheet, row and column order.
  Network network() {
    if (!sheets_.count("stakeholders") && !fatal_) {
      place_.problem("format.missing", std::string("there is no stakeholders sheet ") +
                                           (workbook_ ? "" : "(a file stakeholders.csv)"));
      fatal_ = true;
    }
    const std::optional<nlohmann::json> metadata = read_metadata();
    std::vector<std::string> wide_names;
    for (const auto& c : wide_decision_columns()) wide_names.emplace_back(c.name);
    std::map<std::string, std::optional<SheetFrame>> frames;
    for (const char* name : {"stakeholders", "relations", "projects", "decisions"}) {
      const bool d = std::string_view(name) == "decisions";
      frames[name] = frame(name, d ? wide_decision_columns() : std::vector<SheetColumn>{},
                           d ? wide_names : std::vector<std::string>{});
    }
    frames["rights"] = rights(frames["decisions"]);
    if (fatal_) throw refuse();
    Network net;
    try {
      Frames given;
      auto put = [&](const char* name, std::optional<Frame>& slot) {
        if (frames[name]) slot = frames[name]->frame;
      };
      put("stakeholders", given.stakeholders);
      put("relations", given.relations);
      put("projects", given.projects);
      put("decisions", given.decisions);
      put("rights", given.rights);
      add_frames(net, given);
    } catch (const format_error& e) {
      for (const format_problem& p : e.problems()) place_problem(p, frames);
    }
    if (!problems().empty()) throw refuse();
    if (metadata) net.set_metadata(*metadata);
    return net;
  }


 private:
  std::optional<SheetFrame> rights(const std::optional<SheetFrame>& decisions) {
    io::Sheet* sheet = find_sheet("rights");
    io::Sheet* decision_sheet = find_sheet("decisions");
    std::vector<std::pair<std::size_t, std::string>> given;
    if (decision_sheet)
      for (const auto& [c, n] : decision_sheet->names)
        if (n == "votes" || n == "veto") given.emplace_back(c, n);
    if (!sheet || sheet->cells.empty()) {
      misplaced(decision_sheet, given, "there is no rights sheet");
      return std::nullopt;
    }
    static const std::map<std::size_t, io::SheetCell> no_cells;
    const auto first_row = sheet->cells.find(1);
    const auto& first = first_row == sheet->cells.end() ? no_cells : first_row->second;
    std::vector<std::optional<std::string>> names;
    for (const auto& [c, cell] : first)
      names.push_back(cell.kind == io::SheetCell::Kind::text
                          ? std::optional<std::string>(io::restore(cell.text))
                          : std::nullopt);
    bool slip = false;
    if (!names.empty() && names[0] != "decision") {
      static const std::vector<std::string> long_names = {"stakeholder", "right"};
      for (const auto& n : names)
        if (n && !n->empty() && io::near_miss(*n, long_names)) slip = true;
    }
    if (looks_long(names) || slip) {
      misplaced(decision_sheet, given, "the rights sheet is long");
      return frame("rights", {}, {});
    }
    const auto first_cell = first.find(1);
    if (first_cell == first.end() || first_cell->second.kind != io::SheetCell::Kind::text ||
        io::restore(first_cell->second.text) != "decision") {
      sheet->problem("format.missing",
                     "the sheet is neither long (columns decision, stakeholder, right, votes, "
                     "veto: one row per decision and stakeholder) nor wide (column A decision, "
                     "then one column per stakeholder id)",
                     1);
      fatal_ = true;
      return std::nullopt;
    }
    return wide(*sheet, decisions);
  }

  void misplaced(io::Sheet* sheet, const std::vector<std::pair<std::size_t, std::string>>& given,
                 const std::string& why) {
    for (const auto& [column, name] : given)
      cell_problem(*sheet, 1, column, "format.unknown_field",
                   "the decisions sheet has a " + name + " column only beside a wide rights sheet, and " +
                       why + ": give each holder's " + name + " in the rights sheet's " + name + " column");
  }

  /// A wide rights sheet (decisions x stakeholders) as the long frame, with the votes and
  /// vetoes of the decisions sheet's votes and veto columns.
  std::optional<SheetFrame> wide(io::Sheet& sheet, const std::optional<SheetFrame>& decisions) {
    const auto header_columns =
        header(sheet, {{"decision", ColumnKind::id}}, false, true);
    if (!header_columns || header_columns->empty()) return std::nullopt;
    SheetFrame out;
    out.origin.sheet = &sheet;
    std::vector<std::array<Cell, 5>> rows;  // decision, stakeholder, right, votes, veto
    for (std::size_t row : data_rows(sheet, *header_columns)) {
      const auto& cells = sheet.cells.at(row);
      Cell decision;
      if (const auto d = cells.find(1); d != cells.end()) {
        Converted v = convert(sheet, row, 1, d->second, ColumnKind::id);
        if (!v.bad) decision = std::move(v.cell);
      }
      for (const auto& [column, stakeholder] : *header_columns) {
        if (column == 1) continue;
        const auto cell = cells.find(column);
        if (cell == cells.end()) continue;
        Converted right = convert(sheet, row, column, cell->second, ColumnKind::word);
        rows.push_back({decision, Cell(stakeholder), right.bad ? Cell() : std::move(right.cell),
                        Cell(), Cell()});
        out.origin.holders.push_back(stakeholder);
        out.origin.cells.push_back({{"decision", {&sheet, row, 1}},
                                    {"stakeholder", {&sheet, row, column}},
                                    {"right", {&sheet, row, column}}});
      }
    }
    if (decisions && find_sheet("decisions")) wide_votes(rows, out.origin);
    static const char* names[] = {"decision", "stakeholder", "right", "votes", "veto"};
    for (std::size_t i = 0; i < 5; ++i) {
      std::vector<Cell> column;
      column.reserve(rows.size());
      for (const auto& r : rows) column.push_back(r[i]);
      out.frame.add(names[i], std::move(column));
    }
    return out;
  }

  /// Puts the decisions sheet's votes and vetoes on the rows of the wide rights.
  void wide_votes(std::vector<std::array<Cell, 5>>& rows, FrameOrigin& origin) {
    io::Sheet& sheet = sheets_.at("decisions");
    auto extra = extra_columns(sheet, wide_decision_columns());
    std::optional<std::size_t> id_column;
    for (const auto& [c, n] : sheet.names)
      if (n == "id") {
        id_column = c;
        break;
      }
    if (!id_column) return;
    std::map<std::pair<std::string, std::string>, std::size_t> at;
    for (std::size_t index = 0; index < rows.size(); ++index) {
      const auto d = id_text(rows[index][0]), s = id_text(rows[index][1]);
      if (d && s) at.emplace(std::make_pair(*d, *s), index);
    }
    std::map<std::size_t, std::string> ids;
    for (const auto& [number, cells] : sheet.cells) {
      const auto cell = cells.find(*id_column);
      if (number <= 1 || cell == cells.end()) continue;
      std::optional<std::string> text;
      if (cell->second.kind == io::SheetCell::Kind::text) text = io::restore(cell->second.text);
      else if (cell->second.kind == io::SheetCell::Kind::number) text = id_text(number_cell(cell->second));
      if (text) ids[number] = *text;
    }
    if (const auto votes = extra.find("votes"); votes != extra.end()) {
      const std::size_t column = votes->second.first;
      for (const auto& [number, value] : votes->second.second) {
        const auto decision = ids.find(number);
        if (decision == ids.end() || !value.json) continue;
        for (auto it = value.json->begin(); it != value.json->end(); ++it) {
          const auto at_row = at.find({decision->second, it.key()});
          if (at_row == at.end()) {
            cell_problem(sheet, number, column, "model.invalid_value",
                         "decision \"" + decision->second + "\": votes for \"" + it.key() +
                             "\", who has no right in the decision's row of the rights sheet");
            continue;
          }
          // An integer past 64 bits stands in the JSON as a double: the model cannot hold it.
          const bool beyond = !value.unholdable.empty() && it.value().is_number_float() &&
                              std::fabs(it.value().get<double>()) >= 9.2e18;
          rows[at_row->second][3] = beyond ? Cell::unreadable("an integer out of the 64-bit range")
                                           : Cell::from_json(it.value());
          origin.cells[at_row->second]["votes"] = {&sheet, number, column};
        }
      }
    }
    if (const auto veto = extra.find("veto"); veto != extra.end()) {
      const std::size_t column = veto->second.first;
      for (const auto& [number, value] : veto->second.second) {
        const auto decision = ids.find(number);
        if (decision == ids.end() || !value.json) continue;
        std::vector<std::size_t> found;
        for (const auto& h : *value.json) {
          const std::string holder = h.get<std::string>();
          const auto at_row = at.find({decision->second, holder});
          if (at_row == at.end() ||
              std::find(found.begin(), found.end(), at_row->second) != found.end()) {
            cell_problem(sheet, number, column, "model.invalid_value",
                         "decision \"" + decision->second + "\": \"" + holder + "\" " +
                             (at_row != at.end()
                                  ? "is named twice"
                                  : "has no right in the decision's row of the rights sheet"));
            continue;
          }
          found.push_back(at_row->second);
          rows[at_row->second][4] = Cell(true);
          origin.cells[at_row->second]["veto"] = {&sheet, number, column};
        }
        // The frame reader lists veto holders in the order of their rows: the rows of the
        // holders swap places so that they come in the order of the list.
        std::vector<std::pair<std::array<Cell, 5>, std::map<std::string, CellPlace>>> moved;
        for (std::size_t i : found) moved.emplace_back(rows[i], origin.cells[i]);
        std::vector<std::size_t> slots = found;
        std::sort(slots.begin(), slots.end());
        for (std::size_t k = 0; k < slots.size(); ++k) {
          const std::size_t slot = slots[k];
          rows[slot] = moved[k].first;
          origin.cells[slot] = moved[k].second;
          origin.holders[slot] = rows[slot][1].text();
          at[{decision->second, rows[slot][1].text()}] = slot;
        }
      }
    }
  }

  std::optional<nlohmann::json> read_metadata() {
    io::Sheet* sheet = find_sheet("metadata");
    if (!sheet) return std::nullopt;
    const auto& known = sheet_columns("metadata");
    const auto columns = header(*sheet, known, false);
    nlohmann::json out = nlohmann::json::object();
    if (!columns) return out;
    std::map<std::string, std::size_t> by_name;
    for (const auto& [c, n] : *columns) by_name[n] = c;
    std::map<std::string, std::size_t> rows_of;
    if (!by_name.count("key")) {
      sheet->problem("format.missing", "the sheet has no \"key\" column", 1);
      return out;
    }
    std::string unholdable;
    for (std::size_t row : data_rows(*sheet, *columns)) {
      const auto& cells = sheet->cells.at(row);
      std::map<std::string, Converted> got;
      for (const auto& [name, column] : by_name) {
        const auto cell = cells.find(column);
        if (cell != cells.end())
          got[name] = convert(*sheet, row, column, cell->second, kind_of(known, name, ColumnKind::text));
      }
      const std::size_t key_column = by_name["key"];
      const auto key = got.find("key");
      if (key != got.end() && key->second.bad) continue;
      if (key == got.end() || key->second.cell.type() != Cell::Type::string ||
          key->second.cell.text().empty()) {
        if (key == got.end()) {
          cell_problem(*sheet, row, key_column, "format.missing", "the key is missing");
        } else {
          const Cell& k = key->second.cell;
          std::string shown;
          switch (k.type()) {
            case Cell::Type::string: shown = python_repr(k.text()); break;
            case Cell::Type::boolean: shown = k.boolean() ? "True" : "False"; break;
            case Cell::Type::integer: shown = std::to_string(k.integer()); break;
            case Cell::Type::number: shown = float_text(k.number()); break;
            default: shown = "None";
          }
          cell_problem(*sheet, row, key_column, "format.type", "a key is text, not " + shown);
        }
        continue;
      }
      const std::string name = key->second.cell.text();
      if (const auto seen = rows_of.find(name); seen != rows_of.end()) {
        cell_problem(*sheet, row, key_column, "format.duplicate_key",
                     "the key " + python_repr(name) + " is also in row " + std::to_string(seen->second));
        continue;
      }
      rows_of[name] = row;
      std::vector<std::string> given;
      for (const char* n : {"value", "json"})
        if (got.count(n)) given.emplace_back(n);
      if (given.size() != 1) {
        cell_problem(*sheet, row, key_column, "format.value",
                     given.empty() ? "no value: fill the value column (text) or the json column "
                                     "(any JSON, \"\" for an empty text)"
                                   : "both a value and a json cell: fill one");
        continue;
      }
      const Converted& v = got[given[0]];
      if (v.bad) continue;
      if (unholdable.empty()) unholdable = v.unholdable;
      out[name] = v.json ? *v.json : cell_json(v.cell);
    }
    if (!unholdable.empty()) {
      sheet->problem("format.value", "the metadata cannot be kept: " + unholdable);
      return out;
    }
    try {
      Network check;
      check.set_metadata(out);
    } catch (const error& e) {
      sheet->problem("format.value", "the metadata cannot be kept: " + e.detail());
    }
    return out;
  }

  // -- the frame reader's problems -----------------------------------------------------

  static std::string sheet_words(std::string text) {
    auto replace = [&](std::string_view from, std::string_view to) {
      for (std::size_t at = text.find(from); at != std::string::npos;
           at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    };
    replace("the frame has no", "the sheet has no");
    replace("in the decisions frame", "in the decisions sheet");
    replace("without a decisions frame", "without a decisions sheet");
    return text;
  }

  /// Records one of the frame reader's problems at the cell it came from.
  void place_problem(const format_problem& problem,
                     const std::map<std::string, std::optional<SheetFrame>>& frames) {
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
      const std::size_t slash = problem.pointer.find('/', start);
      parts.push_back(problem.pointer.substr(start, slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    const SheetFrame* frame = nullptr;
    if (parts.size() > 1)
      if (const auto it = frames.find(parts[1]); it != frames.end() && it->second) frame = &*it->second;
    std::string text = sheet_words(problem.message);
    if (!frame) {
      place_.problem(problem.code, problem.pointer + ": " + text);
      return;
    }
    const FrameOrigin& origin = frame->origin;
    if (parts.size() < 4) {
      origin.sheet->problem(problem.code, text, 1);
      return;
    }
    std::string column;
    for (std::size_t i = 0; i < parts[3].size(); ++i) {
      if (parts[3][i] == '~' && i + 1 < parts[3].size() && (parts[3][i + 1] == '1' || parts[3][i + 1] == '0')) {
        column += parts[3][i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        column += parts[3][i];
      }
    }
    const std::size_t index = static_cast<std::size_t>(std::stoull(parts[2]));
    const CellPlace place = origin.locate(index, column);
    if (place.row && place.column &&
        reported_.count({place.sheet->order, *place.row, *place.column}))
      return;  // the cell's own problem says it already
    text = rows_in_sheet(text, origin);
    if (!origin.holders.empty() && (column == "votes" || column == "veto"))
      text += " (for \"" + origin.holders.at(index) + "\")";  // one cell holds every holder's
    if (place.row && place.column) text += hint(*place.sheet, *place.row, *place.column, column, problem.code);
    place.sheet->problem(problem.code, text, place.row, place.column);
  }

  /// "(rows 3 and 5)" of a frame as the rows of the sheet.
  static std::string rows_in_sheet(const std::string& text, const FrameOrigin& origin) {
    std::string out;
    std::size_t at = 0;
    while (true) {
      const std::size_t open = text.find("(rows ", at);
      if (open == std::string::npos) break;
      std::size_t k = open + 6;
      auto number = [&](std::size_t& p) -> std::optional<std::size_t> {
        const std::size_t s = p;
        while (p < text.size() && text[p] >= '0' && text[p] <= '9') ++p;
        if (p == s) return std::nullopt;
        return static_cast<std::size_t>(std::stoull(text.substr(s, p - s)));
      };
      const auto a = number(k);
      std::optional<std::size_t> b;
      if (a && text.compare(k, 5, " and ") == 0) {
        k += 5;
        b = number(k);
      }
      if (!a || !b || k >= text.size() || text[k] != ')') {
        out += text.substr(at, open + 1 - at);
        at = open + 1;
        continue;
      }
      auto shown = [&](std::size_t r) {
        const auto row = origin.locate(r, "right").row;
        return row ? std::to_string(*row) : std::string("None");
      };
      out += text.substr(at, open - at) + "(rows " + shown(*a) + " and " + shown(*b) + ")";
      at = k + 1;
    }
    return out + text.substr(at);
  }

  /// A word on how a cell came to be of the wrong type, where the file type explains it.
  std::string hint(const io::Sheet& sheet, std::size_t row, std::size_t column,
                   const std::string& name, const std::string& code) const {
    const auto r = sheet.cells.find(row);
    if (r == sheet.cells.end() || code != "format.type") return "";
    const auto c = r->second.find(column);
    if (c == r->second.end()) return "";
    std::optional<ColumnKind> kind;
    for (const auto& col : sheet_columns(sheet.name))
      if (col.name == name) kind = col.kind;
    if (!kind) return "";
    if (c->second.kind == io::SheetCell::Kind::number &&
        (*kind == ColumnKind::text || *kind == ColumnKind::word))
      return " (Excel stored the cell as a number: format the column as Text, or type an "
             "apostrophe before the value)";
    if (c->second.kind == io::SheetCell::Kind::text &&
        (*kind == ColumnKind::integer || *kind == ColumnKind::number)) {
      if (workbook_) return " (a number stored as text: in Excel, convert it to a number)";
      return " (a number is written as 2, 0.5 or 1e-3: a point for decimals, no spaces)";
    }
    return "";
  }

};

}  // namespace coproduction::detail::spreadsheet
