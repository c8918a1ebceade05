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
#include "coproduction/io/frame.hpp"
#include "coproduction/detail/frame_rows.hpp"

namespace coproduction {

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
      const bool read_id = r.subject_id(id, "stakeholder", s.id);
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
        r.set_subject("relation", [&rel] { return detail::relation_name(rel); });
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
      const bool read_id = r.subject_id(id, "project", p.id);
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
      const bool read_id = r.subject_id(id, "decision", d.id);
      if (read_id && !read.insert(d.id).second) {
        r.problem("id", "model.duplicate_id",
                  "decision " + detail::quote(d.id) + " already exists");
        continue;
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
