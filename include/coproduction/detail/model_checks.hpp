#pragma once
/// \file
/// The checks `Network` makes of every stakeholder, relation, project and decision before it
/// stores one, each throwing the `model_error` that names the object and the field at fault.
/// The network calls them from each of its inserts (its stores are private, so no insert
/// bypasses them); what a check needs to know of the network (is this id taken? who is this
/// stakeholder?) it is told by its arguments, so that a decision in no network is checked by
/// the same code (`Network::check_rule`). Users include `model/network.hpp`.

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "coproduction/detail/message_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/decision.hpp"
#include "coproduction/model/nesting.hpp"
#include "coproduction/model/project.hpp"
#include "coproduction/model/relation.hpp"
#include "coproduction/model/stakeholder.hpp"

namespace coproduction::detail {

/// "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a month in 1..12 and a day in 1..31.
inline bool is_partial_date(std::string_view d) {
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (d[i] < '0' || d[i] > '9') return false;
    return true;
  };
  auto number = [&](std::size_t from) { return (d[from] - '0') * 10 + (d[from + 1] - '0'); };
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!digits(0, 4)) return false;
  if (d.size() >= 7 && (d[4] != '-' || !digits(5, 2) || number(5) < 1 || number(5) > 12))
    return false;
  if (d.size() == 10 && (d[7] != '-' || !digits(8, 2) || number(8) < 1 || number(8) > 31))
    return false;
  return true;
}

/// Relation types are identifiers: `^[a-z][a-z0-9_]*$`.
inline bool is_type_name(std::string_view t) {
  if (t.empty() || t[0] < 'a' || t[0] > 'z') return false;
  for (char c : t)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/// A relation as messages name it: `source->target (type)`.
inline std::string relation_name(const Relation& r) {
  return r.source + "->" + r.target + " (" + r.type + ")";
}

/// The refusal of a relation that repeats a (source, target, type).
inline duplicate_id duplicate_relation(const Relation& r) {
  return duplicate_id(relation_name(r), "", "the relation " + relation_name(r) + " already exists");
}

/// \throws invalid_value ("attributes") unless `a` is null or an object that nests no deeper
///         than attributes may (`attributes_level`).
inline void check_attributes(const std::string& subject, const nlohmann::json& a) {
  if (!a.is_null() && !a.is_object())
    throw invalid_value(subject, "attributes", "attributes must be an object");
  // Checked here, on every path in, so that whatever the network holds is written and read
  // back under the reader's default limits.
  if (!a.is_null() && !fits_nesting(a, attributes_level))
    throw invalid_value(subject, "attributes",
                        "attributes nest deeper than " +
                            std::to_string(max_nesting - attributes_level + 1) + " levels");
}

/// \throws invalid_value (`field`) unless `x` is a finite number > 0.
inline void check_positive(const std::string& subject, const std::string& field, double x) {
  if (!std::isfinite(x) || x <= 0)
    throw invalid_value(subject, field, "must be a finite number > 0, not " + number_text(x));
}

/// Everything about a relation but its ends' existence and its uniqueness; `u` and `v` are
/// its resolved ends. \throws invalid_value for a self-relation, a type that is not a type
/// name, a weight that is not a finite number > 0, a malformed provenance date, or bad
/// attributes. O(1) when it passes: the relation's name is made only for a message.
inline void check_relation(const Relation& r, std::size_t u, std::size_t v) {
  auto name = [&r] { return relation_name(r); };
  if (u == v) throw invalid_value(name(), "target", "a stakeholder cannot relate to itself");
  if (!is_type_name(r.type))
    throw invalid_value(name(), "type", quote(r.type) + " is not a type name (^[a-z][a-z0-9_]*$)");
  if (r.weight && !(std::isfinite(*r.weight) && *r.weight > 0))
    check_positive(name(), "weight", *r.weight);
  if (!r.provenance.date.empty() && !is_partial_date(r.provenance.date))
    throw invalid_value(name(), "provenance/date",
                        quote(r.provenance.date) + " is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  if (!r.attributes.is_null()) check_attributes(name(), r.attributes);
}

/// A stakeholder; `taken` says whether its id is taken already. \throws invalid_value for an
/// empty id, a size below 1 (or a person's other than 1), an influence that is not a finite
/// number >= 0, or bad attributes; duplicate_id when `taken`.
inline void check_stakeholder(const Stakeholder& s, bool taken) {
  if (s.id.empty()) throw invalid_value(s.id, "id", "an id must not be empty");
  if (taken) throw duplicate_id(s.id, "id", "stakeholder " + quote(s.id) + " already exists");
  if (s.size) {
    if (*s.size < 1)
      throw invalid_value(s.id, "size", "must be an integer >= 1, not " + std::to_string(*s.size));
    if (s.kind == Kind::person && *s.size != 1)
      throw invalid_value(s.id, "size", "a person's size is 1, not " + std::to_string(*s.size));
  }
  if (s.influence && (!std::isfinite(*s.influence) || *s.influence < 0))
    throw invalid_value(s.id, "influence",
                        "must be a finite number >= 0, not " + number_text(*s.influence));
  check_attributes(s.id, s.attributes);
}

/// A project; `taken` says whether its id is taken already. \throws invalid_value for an
/// empty id or bad attributes; duplicate_id when `taken`.
inline void check_project(const Project& p, bool taken) {
  if (p.id.empty()) throw invalid_value(p.id, "id", "an id must not be empty");
  if (taken) throw duplicate_id(p.id, "id", "project " + quote(p.id) + " already exists");
  check_attributes(p.id, p.attributes);
}

/// The checks of a decision's rule against its rights (`Network::check_rule` documents
/// them). `known(id)` says whether a stakeholder a vote or veto names exists, so that an
/// unknown one is an unknown_id reported with the other problems of its entry.
template <class Known>
void check_rule(const Decision& d, Known known) {
  const auto check_holder = [&](const std::string& id, const std::string& field) {
    if (!known(id)) throw unknown_id(d.id, field, "unknown stakeholder " + quote(id));
    if (!is_holder(d.right_of(id)))
      throw invalid_value(d.id, field,
                          quote(id) + " does not hold the decision (right " +
                              std::string(to_string(d.right_of(id))) + ")");
  };
  std::size_t decides = 0, holders = 0;
  for (const auto& [id, right] : d.rights) {
    holders += is_holder(right);
    decides += right == Right::decides;
  }
  if (holders == 0)
    throw invalid_value(d.id, "rights", "no stakeholder holds the decision (shared or decides)");
  const DecisionRule& rule = d.rule;
  if (rule.kind == RuleKind::sole && decides != 1)
    throw invalid_value(d.id, "rule/kind",
                        "a sole rule needs exactly one \"decides\" holder, not " +
                            std::to_string(decides));
  if (!rule.votes.empty() && rule.kind != RuleKind::majority && rule.kind != RuleKind::quota)
    throw invalid_value(d.id, "rule/votes", "votes are given only for majority or quota rules");
  for (const auto& [id, votes] : rule.votes) {
    const std::string field = "rule/votes/" + pointer_token(id);
    check_holder(id, field);
    if (votes < 1)
      throw invalid_value(d.id, field,
                          "votes must be an integer >= 1, not " + std::to_string(votes));
  }
  if (rule.kind == RuleKind::quota) {
    if (!rule.quota) throw invalid_value(d.id, "rule/quota", "a quota rule needs a quota");
    check_positive(d.id, "rule/quota", *rule.quota);
    long double total = 0;
    for (const auto& id : d.holders()) total += d.votes_of(id);
    if (*rule.quota > total)
      throw invalid_value(d.id, "rule/quota",
                          "the quota " + number_text(*rule.quota) + " is larger than the " +
                              number_text(static_cast<double>(total)) + " votes of the holders");
  } else if (rule.quota) {
    throw invalid_value(d.id, "rule/quota", "only a quota rule has a quota");
  }
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < rule.veto.size(); ++i) {
    const std::string field = "rule/veto/" + std::to_string(i);
    check_holder(rule.veto[i], field);
    if (!seen.insert(rule.veto[i]).second)
      throw invalid_value(d.id, field, quote(rule.veto[i]) + " is listed twice");
  }
}

/// A decision. `taken` says whether its id is taken, `project_known` whether its project
/// exists, and `find(id)` gives the stakeholder with this id, or null. \throws duplicate_id,
/// unknown_id (project, a right's stakeholder, a vote's or veto's) and invalid_value as
/// `Network::add_decision` documents.
template <class Find>
void check_decision(const Decision& d, bool taken, bool project_known, Find find) {
  if (d.id.empty()) throw invalid_value(d.id, "id", "an id must not be empty");
  if (taken) throw duplicate_id(d.id, "id", "decision " + quote(d.id) + " already exists");
  if (!project_known) throw unknown_id(d.id, "project", "unknown project " + quote(d.project));
  for (const auto& [id, right] : d.rights) {
    const std::string field = "rights/" + pointer_token(id);
    const Stakeholder* s = find(id);
    if (s == nullptr) throw unknown_id(d.id, field, "unknown stakeholder " + quote(id));
    if (s->kind == Kind::object && right != Right::none)
      throw invalid_value(d.id, field,
                          "the object " + quote(id) + " cannot hold a right (" +
                              std::string(to_string(right)) + ")");
  }
  check_rule(d, [&](const std::string& id) { return find(id) != nullptr; });
  if (d.weight) check_positive(d.id, "weight", *d.weight);
  check_attributes(d.id, d.attributes);
}

}  // namespace coproduction::detail
