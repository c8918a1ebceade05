#pragma once
/// \file
/// Editing a network: removing stakeholders, relations, projects and decisions, and updating
/// them in place. The members are declared in `Network` (model/network.hpp, which includes
/// this header at its end, so including either gives both) and defined and documented here;
/// what a removal reports (`removal`) and its refusal (`in_use`) are in model/removal.hpp,
/// the checks and commits in detail/network_editor.hpp.
///
/// Every edit is checked as the inserts are (the same checks, `detail/model_checks.hpp`),
/// holds the network as every change does (`concurrent_modification` while it is read), and
/// either succeeds whole or throws and changes nothing (the strong guarantee): everything
/// that can throw (the checks, and every allocation of the new state) runs first, and the
/// network is then changed only by moves and swaps, which cannot throw.
///
/// What refers to what, and so what a removal must deal with:
/// - a relation refers to its source and target;
/// - a decision refers to its project and, by id, to every stakeholder listed in its rights
///   (a right of `none` included), its votes and its veto (votes and veto name holders only);
/// - a relation's provenance `reported_by` is free text ("a stakeholder id or a role", as the
///   format says), never checked against the stakeholders: a removal leaves it as it is; a
///   renaming rewrites each `reported_by` equal to the old id, which named that stakeholder.
///
/// Vertex indices are positions: removing a stakeholder moves every later one down by one,
/// and relations, projects and decisions likewise keep their order and close up. Copies and
/// pickles taken before an edit are values and do not change.

#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "coproduction/detail/network_editor.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/removal.hpp"

namespace coproduction {

/// The position of the relation (source, target, type) in `relations`, or nothing when the
/// network has none. O(1) when there is none, else O(relations) (a scan for its position).
inline std::optional<std::size_t> Network::find_relation(std::string_view source,
                                                         std::string_view target,
                                                         std::string_view type) const {
  const auto u = find(source), v = find(target);
  const auto t = data_.type_ids.find(type);
  if (!u || !v || t == data_.type_ids.end() || !data_.keys.contains({to32(*u), to32(*v), t->second}))
    return std::nullopt;
  for (std::size_t i = 0; i < data_.relations.size(); ++i) {
    const Record& r = data_.relations[i];
    if (r.source == *u && r.target == *v && r.type == t->second) return i;
  }
  return std::nullopt;
}

/// Removes a stakeholder. Without `cascade`, throws `in_use` when a relation has it as an end
/// or a decision lists it (in its rights, whatever the right, and so in its votes or veto),
/// naming how many and the first few. With `cascade`, removes those relations and takes it
/// out of those decisions' rights, votes and veto; a decision whose rule then no longer holds
/// (no holder left, a `sole` rule's decider gone, a quota above the votes left: the checks of
/// `add_decision`) is removed too, since only its holders could say how it is carried now.
/// Returns what was removed. Every later stakeholder moves down one vertex. Throws
/// `unknown_id` for an unknown id. O(stakeholders + relations + rights).
inline removal Network::remove_stakeholder(std::string_view id, bool cascade) {
  const write_guard change(*this, "remove_stakeholder");
  const std::string ids[] = {std::string(id)};
  return detail::network_editor::remove_stakeholders(*this, ids, cascade);
}

/// Removes several stakeholders in one pass, all or none, as `remove_stakeholder` does; a
/// reference from one of them to another counts. A repeated id counts once.
/// O(stakeholders + relations + rights), however many go.
inline removal Network::remove_stakeholders(std::span<const std::string> ids, bool cascade) {
  const write_guard change(*this, "remove_stakeholders");
  return detail::network_editor::remove_stakeholders(*this, ids, cascade);
}

/// Removes the relation at position `i` of the relations (insertion order); later relations
/// move down one. Throws `unknown_id` (where `relation <i>`) when there is none. Relation
/// types no relation has any more leave `relation_types()`. O(stakeholders + relations).
inline removal Network::remove_relation(std::size_t i) {
  const write_guard change(*this, "remove_relation");
  const std::size_t positions[] = {i};
  return detail::network_editor::remove_relations(*this, positions);
}

/// Removes the relation (source, target, type). Throws `unknown_id` (where
/// `source->target (type)`) when there is none. O(stakeholders + relations).
inline removal Network::remove_relation(std::string_view source, std::string_view target,
                                        std::string_view type) {
  const write_guard change(*this, "remove_relation");
  const std::size_t positions[] = {
      detail::network_editor::relation_position(*this, source, target, type)};
  return detail::network_editor::remove_relations(*this, positions);
}

/// Removes the relations at these positions in one pass, all or none (a repeated position
/// counts once). O(stakeholders + relations).
inline removal Network::remove_relations(std::span<const std::size_t> positions) {
  const write_guard change(*this, "remove_relations");
  return detail::network_editor::remove_relations(*this, positions);
}

/// Removes a project. Without `cascade`, throws `in_use` when decisions belong to it; with
/// `cascade`, removes them too. Throws `unknown_id` for an unknown id. O(projects +
/// decisions).
inline removal Network::remove_project(std::string_view id, bool cascade) {
  const write_guard change(*this, "remove_project");
  const std::string ids[] = {std::string(id)};
  return detail::network_editor::remove_projects(*this, ids, cascade);
}

/// Removes several projects in one pass, all or none, as `remove_project` does.
inline removal Network::remove_projects(std::span<const std::string> ids, bool cascade) {
  const write_guard change(*this, "remove_projects");
  return detail::network_editor::remove_projects(*this, ids, cascade);
}

/// Removes a decision (nothing refers to one). Throws `unknown_id` for an unknown id.
/// O(decisions).
inline removal Network::remove_decision(std::string_view id) {
  const write_guard change(*this, "remove_decision");
  const std::string ids[] = {std::string(id)};
  return detail::network_editor::remove_decisions(*this, ids);
}

/// Removes several decisions in one pass, all or none. O(decisions).
inline removal Network::remove_decisions(std::span<const std::string> ids) {
  const write_guard change(*this, "remove_decisions");
  return detail::network_editor::remove_decisions(*this, ids);
}

/// Replaces the stakeholder `id` by `replacement`, at the same vertex. Checked as
/// `add_stakeholder` checks a new one, and more: an `object` holds no rights, so a change of
/// kind to `object` while the stakeholder holds a right other than `none` throws
/// `invalid_value` (field `kind`) naming the decision. A new id renames it: the new id must
/// be free (`duplicate_id`), and every reference follows (the decisions' rights, votes and
/// veto, and each relation's `reported_by` equal to the old id); relations refer to the
/// vertex and need nothing. O(1) without a renaming or a change to `object`; O(stakeholders
/// + relations + rights) with one. Throws `unknown_id` for an unknown id.
inline const Stakeholder& Network::update_stakeholder(std::string_view id,
                                                       Stakeholder replacement) {
  const write_guard change(*this, "update_stakeholder");
  return detail::network_editor::update_stakeholder(*this, id, std::move(replacement));
}

/// Calls `edit` on a copy of the stakeholder `id`, then replaces it by the copy as the other
/// `update_stakeholder` does: `net.update_stakeholder("carers", [](Stakeholder& s) {
/// s.paid = true; })`. Nothing changes if `edit` throws.
template <std::invocable<Stakeholder&> Edit>
const Stakeholder& Network::update_stakeholder(std::string_view id, Edit edit) {
  const write_guard change(*this, "update_stakeholder");
  Stakeholder s = stakeholder(id);
  edit(s);
  return detail::network_editor::update_stakeholder(*this, id, std::move(s));
}

/// Replaces the relation at position `i` by `replacement`, in the same place. Checked as
/// `add_relation` checks a new one (a (source, target, type) another relation has is a
/// `duplicate_id`). Throws `unknown_id` (where `relation <i>`) when there is no relation
/// there. O(1) when source, target and type stay; O(relations) when they change (the set of
/// keys and the list of types are built again).
inline Relation Network::update_relation(std::size_t i, const Relation& replacement) {
  const write_guard change(*this, "update_relation");
  return detail::network_editor::update_relation(*this, i, replacement);
}

/// Calls `edit` on a copy of the relation at position `i`, then replaces it by the copy as
/// the other `update_relation` does. Nothing changes if `edit` throws.
template <std::invocable<Relation&> Edit>
Relation Network::update_relation(std::size_t i, Edit edit) {
  const write_guard change(*this, "update_relation");
  Relation r = relation_at(detail::network_editor::relation_position(*this, i));
  edit(r);
  return detail::network_editor::update_relation(*this, i, r);
}

/// Replaces the project `id` by `replacement`, in the same place, checked as `add_project`
/// checks a new one. A new id renames it, and its decisions follow. O(1) without a
/// renaming, O(projects + decisions) with one. Throws `unknown_id` for an unknown id.
inline const Project& Network::update_project(std::string_view id, Project replacement) {
  const write_guard change(*this, "update_project");
  return detail::network_editor::update_project(*this, id, std::move(replacement));
}

/// Calls `edit` on a copy of the project `id`, then replaces it by the copy.
template <std::invocable<Project&> Edit>
const Project& Network::update_project(std::string_view id, Edit edit) {
  const write_guard change(*this, "update_project");
  Project p = project(id);
  edit(p);
  return detail::network_editor::update_project(*this, id, std::move(p));
}

/// Replaces the decision `id` by `replacement`, in the same place, checked as `add_decision`
/// checks a new one (its rights, rule, votes, quota and veto together, so a change of rights
/// that leaves a vote or a veto to a stakeholder who no longer holds the decision is
/// refused). A new id renames it (nothing refers to a decision). O(rights + votes + veto)
/// without a renaming, O(decisions) with one. Throws `unknown_id` for an unknown id.
inline const Decision& Network::update_decision(std::string_view id, Decision replacement) {
  const write_guard change(*this, "update_decision");
  return detail::network_editor::update_decision(*this, id, std::move(replacement));
}

/// Calls `edit` on a copy of the decision `id`, then replaces it by the copy.
template <std::invocable<Decision&> Edit>
const Decision& Network::update_decision(std::string_view id, Edit edit) {
  const write_guard change(*this, "update_decision");
  Decision dec = decision(id);
  edit(dec);
  return detail::network_editor::update_decision(*this, id, std::move(dec));
}

}  // namespace coproduction
