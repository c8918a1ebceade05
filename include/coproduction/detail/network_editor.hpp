#pragma once
/// \file
/// The machinery of `Network`'s editing members (model/editing.hpp, which includes this
/// header; include that one, or model/network.hpp): what each removal and update checks and
/// prepares before it changes anything, and the commit that then cannot throw.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "coproduction/detail/message_text.hpp"
#include "coproduction/detail/model_checks.hpp"
#include "coproduction/detail/triple_set.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/removal.hpp"

namespace coproduction::detail {

/// The machinery of the editing members of `Network` (a friend of it): each function checks
/// and prepares everything first, then commits with moves and swaps that cannot throw. None
/// takes the network's write guard; the members that call them hold it.
struct network_editor {
  using Data = Network::Data;
  using Record = Network::Record;
  using Details = Network::Details;
  template <class T>
  using string_map = Network::string_map<T>;
  static constexpr std::uint32_t gone = std::numeric_limits<std::uint32_t>::max();

  // The commits below move stored values and rely on those moves not throwing.
  static_assert(std::is_nothrow_move_assignable_v<Stakeholder> &&
                std::is_nothrow_move_assignable_v<Project> &&
                std::is_nothrow_move_assignable_v<Decision> &&
                std::is_nothrow_move_assignable_v<Details> &&
                std::is_nothrow_move_constructible_v<Details> &&
                std::is_nothrow_move_assignable_v<triple_set>);

  /// What a removal takes out: a mask over each store (empty: nothing of that store; for
  /// stakeholders also: no vertex moves), and the decisions that stay with entries taken out
  /// (by position, each the decision as it will be).
  struct plan {
    std::vector<char> stakeholders, relations, projects, decisions;
    std::vector<std::pair<std::size_t, Decision>> trimmed;
  };

  static bool marked(const std::vector<char>& mask, std::size_t i) {
    return !mask.empty() && mask[i] != 0;
  }

  // Up to three names, quoted (or as given, for relations), and how many more.
  static std::string first_few(const std::vector<std::string>& names, bool quoted) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < 3; ++i)
      out += (i ? ", " : "") + (quoted ? quote(names[i]) : names[i]);
    if (names.size() > 3) out += " and " + std::to_string(names.size() - 3) + " more";
    return out;
  }
  static std::string counted(std::size_t n, const char* noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  }

  /// Removes what `p` marks, and every relation of a marked stakeholder; reports what went.
  /// O(stakeholders + relations) when stakeholders or relations go, else O(projects +
  /// decisions), plus the size of what is reported.
  static removal apply(Network& net, plan p) {
    Data& d = net.data_;
    const std::size_t n = d.stakeholders.size(), m = d.relations.size();
    const bool vertices = !p.stakeholders.empty();
    if (vertices) {
      p.relations.resize(m, 0);
      for (std::size_t i = 0; i < m; ++i)
        if (p.stakeholders[d.relations[i].source] || p.stakeholders[d.relations[i].target])
          p.relations[i] = 1;
    }
    const bool edges = !p.relations.empty();

    // -- Everything that can throw: the report, the new codes, the new types and keys.
    removal out;
    std::vector<std::uint32_t> vertex_to;
    if (vertices) {
      vertex_to.resize(n);
      std::uint32_t kept = 0;
      for (std::size_t v = 0; v < n; ++v) {
        if (p.stakeholders[v]) {
          vertex_to[v] = gone;
          out.stakeholders.push_back(d.stakeholders[v].id);
        } else {
          vertex_to[v] = kept++;
        }
      }
    }
    std::vector<std::uint32_t> type_to;
    std::vector<std::string> types;
    string_map<std::uint32_t> type_ids;
    std::vector<std::size_t> details_to;
    triple_set keys;
    if (edges) {
      // Types in order of first appearance among the relations that stay, as a network
      // built with only those relations has them; details keep their relative order, so
      // they close up by moving forward.
      type_to.assign(d.types.size(), gone);
      details_to.assign(d.details.size(), Network::no_details);
      std::vector<char> used(d.details.size(), 0);
      std::size_t staying = 0;
      for (std::size_t i = 0; i < m; ++i) {
        const Record& r = d.relations[i];
        if (p.relations[i]) {
          out.relations.push_back(net.relation_at(i));
          continue;
        }
        ++staying;
        if (type_to[r.type] == gone) {
          type_to[r.type] = static_cast<std::uint32_t>(types.size());
          types.push_back(d.types[r.type]);
          type_ids.emplace(d.types[r.type], type_to[r.type]);
        }
        if (r.details != Network::no_details) used[r.details] = 1;
      }
      for (std::size_t j = 0, kept = 0; j < used.size(); ++j)
        if (used[j]) details_to[j] = kept++;
      keys.reserve(staying);
      for (std::size_t i = 0; i < m; ++i) {
        if (p.relations[i]) continue;
        const Record& r = d.relations[i];
        keys.insert({vertices ? vertex_to[r.source] : r.source,
                     vertices ? vertex_to[r.target] : r.target, type_to[r.type]});
      }
    }
    for (std::size_t j = 0; j < d.projects.size(); ++j)
      if (marked(p.projects, j)) out.projects.push_back(d.projects[j].id);
    for (const auto& [k, trimmed] : p.trimmed) {
      const Decision& old = d.decisions[k];
      for (const auto& [who, right] : old.rights) {
        if (trimmed.rights.contains(who)) continue;
        const auto votes = old.rule.votes.find(who);
        out.rights.push_back(
            {old.id, who, right,
             votes == old.rule.votes.end() ? std::nullopt : std::optional<long long>(votes->second),
             std::find(old.rule.veto.begin(), old.rule.veto.end(), who) != old.rule.veto.end()});
      }
    }
    for (std::size_t k = 0; k < d.decisions.size(); ++k)
      if (marked(p.decisions, k)) out.decisions.push_back(d.decisions[k].id);
    const std::vector<std::size_t> project_to = positions_after(p.projects);
    const std::vector<std::size_t> decision_to = positions_after(p.decisions);

    // -- The commit: moves, swaps and erasures at the end, none of which throws.
    [&]() noexcept {
      if (vertices) {
        close_up(d.stakeholders, [&](std::size_t v) { return !p.stakeholders[v]; });
        reindex(d.index, [&](std::size_t v) -> std::size_t {
          return vertex_to[v] == gone ? Network::no_details : vertex_to[v];
        });
      }
      if (edges) {
        std::size_t w = 0;
        for (std::size_t i = 0; i < m; ++i) {
          if (p.relations[i]) continue;
          Record r = d.relations[i];
          if (vertices) {
            r.source = vertex_to[r.source];
            r.target = vertex_to[r.target];
          }
          r.type = type_to[r.type];
          if (r.details != Network::no_details) r.details = details_to[r.details];
          d.relations[w++] = r;
        }
        d.relations.erase(d.relations.begin() + static_cast<std::ptrdiff_t>(w), d.relations.end());
        close_up(d.details, [&](std::size_t j) { return details_to[j] != Network::no_details; });
        d.types.swap(types);
        d.type_ids.swap(type_ids);
        d.keys = std::move(keys);
      }
      for (auto& [k, trimmed] : p.trimmed) d.decisions[k] = std::move(trimmed);
      if (!p.decisions.empty()) {
        close_up(d.decisions, [&](std::size_t k) { return !p.decisions[k]; });
        reindex(d.decision_index, [&](std::size_t k) { return decision_to[k]; });
      }
      if (!p.projects.empty()) {
        close_up(d.projects, [&](std::size_t j) { return !p.projects[j]; });
        reindex(d.project_index, [&](std::size_t j) { return project_to[j]; });
      }
      net.changed();
    }();
    return out;
  }

  // Each position's position once the marked ones are gone (no_details for a marked one).
  static std::vector<std::size_t> positions_after(const std::vector<char>& mask) {
    std::vector<std::size_t> to(mask.size());
    for (std::size_t i = 0, kept = 0; i < mask.size(); ++i)
      to[i] = mask[i] ? Network::no_details : kept++;
    return to;
  }

  // Keeps the elements `keep(i)` says, in order, moving each forward.
  template <class T, class Keep>
  static void close_up(std::vector<T>& v, Keep keep) noexcept {
    std::size_t w = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
      if (keep(i)) {
        if (w != i) v[w] = std::move(v[i]);
        ++w;
      }
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(w), v.end());
  }

  // Gives each entry its new position, erasing those `to` maps to no_details. Erasing by
  // iterator and assigning a number throw nothing.
  template <class Map, class To>
  static void reindex(Map& index, To to) noexcept {
    for (auto it = index.begin(); it != index.end();) {
      const std::size_t at = to(it->second);
      if (at == Network::no_details) {
        it = index.erase(it);
      } else {
        it->second = static_cast<typename Map::mapped_type>(at);
        ++it;
      }
    }
  }

  /// Removes the stakeholders (a repeated id counts once); without `cascade`, refuses with
  /// `in_use` when a relation or a decision refers to one of them.
  static removal remove_stakeholders(Network& net, std::span<const std::string> ids,
                                     bool cascade) {
    const Data& d = net.data_;
    plan p;
    p.stakeholders.assign(d.stakeholders.size(), 0);
    for (const std::string& id : ids) p.stakeholders[net.vertex(id)] = 1;
    std::vector<char> referred(d.stakeholders.size(), 0);
    std::vector<std::string> relations, decisions;
    for (std::size_t i = 0; i < d.relations.size(); ++i) {
      const Record& r = d.relations[i];
      if (!p.stakeholders[r.source] && !p.stakeholders[r.target]) continue;
      referred[r.source] = referred[r.target] = 1;
      if (!cascade) relations.push_back(relation_name(net.relation_at(i)));
    }
    for (std::size_t k = 0; k < d.decisions.size(); ++k) {
      const Decision& dec = d.decisions[k];
      std::optional<Decision> trimmed;
      for (const auto& [who, right] : dec.rights) {
        const auto v = net.find(who);
        if (!v || !p.stakeholders[*v]) continue;
        referred[*v] = 1;
        if (!trimmed) trimmed = dec;
        trimmed->rights.erase(who);
        trimmed->rule.votes.erase(who);
        std::erase(trimmed->rule.veto, who);
      }
      if (!trimmed) continue;
      decisions.push_back(dec.id);
      if (!cascade) continue;
      // A decision whose rule no longer holds without them (no holder left, a sole rule's
      // decider gone, a quota above the votes left) goes with them: only its holders could
      // say how it is now carried, and the library will not guess.
      if (rule_holds(*trimmed)) {
        p.trimmed.emplace_back(k, std::move(*trimmed));
      } else {
        p.decisions.resize(d.decisions.size(), 0);
        p.decisions[k] = 1;
      }
    }
    if (!cascade && (!relations.empty() || !decisions.empty())) {
      std::string where;
      for (const std::string& id : ids)
        if (referred[net.vertex(id)]) {
          where = id;
          break;
        }
      std::string message = "referred to by ";
      if (!relations.empty())
        message += counted(relations.size(), "relation") + " (" + first_few(relations, false) + ")";
      if (!relations.empty() && !decisions.empty()) message += " and by ";
      if (!decisions.empty())
        message += "the rights of " + counted(decisions.size(), "decision") + " (" +
                   first_few(decisions, true) + ")";
      message += "; remove or change those first, or remove with cascade, which removes them";
      throw in_use(where, message, relations.size(), decisions);
    }
    return apply(net, std::move(p));
  }

  static bool rule_holds(const Decision& dec) {
    try {
      check_rule(dec, [](const std::string&) { return true; });
      return true;
    } catch (const model_error&) {
      return false;
    }
  }

  /// Removes the relations at these positions (a repeated one counts once).
  static removal remove_relations(Network& net, std::span<const std::size_t> positions) {
    plan p;
    p.relations.assign(net.data_.relations.size(), 0);
    for (const std::size_t i : positions) p.relations[relation_position(net, i)] = 1;
    return apply(net, std::move(p));
  }

  /// Removes the projects (a repeated id counts once); without `cascade`, refuses with
  /// `in_use` when a decision belongs to one of them, else removes those decisions too.
  static removal remove_projects(Network& net, std::span<const std::string> ids, bool cascade) {
    const Data& d = net.data_;
    plan p;
    p.projects.assign(d.projects.size(), 0);
    for (const std::string& id : ids) p.projects[project_position(net, id)] = 1;
    std::vector<std::string> decisions;
    std::string where;
    for (std::size_t k = 0; k < d.decisions.size(); ++k) {
      const auto j = d.project_index.find(d.decisions[k].project);
      if (j == d.project_index.end() || !p.projects[j->second]) continue;
      if (where.empty()) where = d.decisions[k].project;
      decisions.push_back(d.decisions[k].id);
      p.decisions.resize(d.decisions.size(), 0);
      p.decisions[k] = 1;
    }
    if (!cascade && !decisions.empty())
      throw in_use(where,
                   counted(decisions.size(), "decision") + " (" + first_few(decisions, true) +
                       ") belong to it; remove them first, or remove with cascade, which "
                       "removes them",
                   0, decisions);
    return apply(net, std::move(p));
  }

  /// Removes the decisions (a repeated id counts once); nothing refers to a decision.
  static removal remove_decisions(Network& net, std::span<const std::string> ids) {
    plan p;
    p.decisions.assign(net.data_.decisions.size(), 0);
    for (const std::string& id : ids) p.decisions[decision_position(net, id)] = 1;
    return apply(net, std::move(p));
  }

  static std::size_t relation_position(const Network& net, std::size_t i) {
    const std::size_t m = net.data_.relations.size();
    if (i >= m)
      throw unknown_id("relation " + std::to_string(i), "",
                       "no relation at position " + std::to_string(i) + " (the network has " +
                           counted(m, "relation") + ")");
    return i;
  }
  static std::size_t project_position(const Network& net, std::string_view id) {
    const auto it = net.data_.project_index.find(id);
    if (it == net.data_.project_index.end())
      throw unknown_id(std::string(id), "", "unknown project " + quote(id));
    return it->second;
  }
  static std::size_t decision_position(const Network& net, std::string_view id) {
    const auto it = net.data_.decision_index.find(id);
    if (it == net.data_.decision_index.end())
      throw unknown_id(std::string(id), "", "unknown decision " + quote(id));
    return it->second;
  }
  static std::size_t relation_position(const Network& net, std::string_view source,
                                       std::string_view target, std::string_view type) {
    if (const auto i = net.find_relation(source, target, type)) return *i;
    const std::string name = std::string(source) + "->" + std::string(target) + " (" +
                             std::string(type) + ")";
    throw unknown_id(name, "", "no relation " + name);
  }

  // A copy of `index` with `from` renamed `to`: a renaming is O(size of the index).
  template <class T>
  static string_map<T> renamed(const string_map<T>& index, const std::string& from,
                               const std::string& to) {
    string_map<T> out = index;
    const T at = out.at(from);
    out.erase(from);
    out.emplace(to, at);
    return out;
  }

  /// Replaces the stakeholder `which` by `s`, as `Network::update_stakeholder` documents.
  static const Stakeholder& update_stakeholder(Network& net, std::string_view which,
                                               Stakeholder s) {
    Data& d = net.data_;
    const std::string id(which);  // `which` may view the id about to be replaced
    const Network::vertex_type v = net.vertex(id);
    const bool renaming = s.id != id;
    check_stakeholder(s, renaming && net.contains(s.id));
    if (s.kind == Kind::object)
      for (const Decision& dec : d.decisions)
        if (const Right right = dec.right_of(id); right != Right::none)
          throw invalid_value(id, "kind",
                              "an object holds no decision rights, and " + quote(id) +
                                  " holds " + std::string(to_string(right)) + " in decision " +
                                  quote(dec.id));
    std::vector<std::pair<std::size_t, Decision>> decisions;
    std::vector<std::pair<std::size_t, std::string>> reporters;
    string_map<Network::vertex_type> index;
    if (renaming) {
      for (std::size_t k = 0; k < d.decisions.size(); ++k) {
        if (!d.decisions[k].rights.contains(id)) continue;
        Decision dec = d.decisions[k];
        rename_key(dec.rights, id, s.id);
        rename_key(dec.rule.votes, id, s.id);
        std::replace(dec.rule.veto.begin(), dec.rule.veto.end(), id, s.id);
        decisions.emplace_back(k, std::move(dec));
      }
      for (std::size_t j = 0; j < d.details.size(); ++j)
        if (d.details[j].provenance.reported_by == id) reporters.emplace_back(j, s.id);
      index = renamed(d.index, id, s.id);
    }
    [&]() noexcept {
      d.stakeholders[v] = std::move(s);
      for (auto& [k, dec] : decisions) d.decisions[k] = std::move(dec);
      for (auto& [j, name] : reporters) d.details[j].provenance.reported_by.swap(name);
      if (renaming) d.index.swap(index);
      net.changed();
    }();
    return d.stakeholders[v];
  }

  template <class Map>
  static void rename_key(Map& map, const std::string& from, const std::string& to) {
    auto node = map.extract(from);
    if (node.empty()) return;
    node.key() = to;
    map.insert(std::move(node));
  }

  /// Replaces the relation at position `i` by `r`, as `Network::update_relation` documents.
  static Relation update_relation(Network& net, std::size_t i, const Relation& r) {
    Data& d = net.data_;
    relation_position(net, i);
    const auto u = net.endpoint(r, r.source, "source"), v = net.endpoint(r, r.target, "target");
    check_relation(r, u, v);
    const Record old = d.relations[i];
    const auto type = d.type_ids.find(r.type);
    const bool same_key = type != d.type_ids.end() && type->second == old.type &&
                          u == old.source && v == old.target;
    if (!same_key && type != d.type_ids.end() &&
        d.keys.contains({Network::to32(u), Network::to32(v), type->second}))
      throw duplicate_relation(r);
    Record rec{Network::to32(u), Network::to32(v), old.type, Network::no_scale,
               r.weight.value_or(Network::nan), old.details};
    if (r.scale) rec.scale = static_cast<std::int32_t>(*r.scale);

    // A new key: the keys and the types are built again (O(relations)), the types in order
    // of first appearance, as a network built with the new relation in this place has them.
    std::vector<std::uint32_t> type_to;
    std::vector<std::string> types;
    string_map<std::uint32_t> type_ids;
    triple_set keys;
    if (!same_key) {
      const std::size_t m = d.relations.size();
      const auto code = type != d.type_ids.end() ? type->second
                                                 : static_cast<std::uint32_t>(d.types.size());
      type_to.assign(d.types.size() + 1, gone);
      keys.reserve(m);
      for (std::size_t j = 0; j < m; ++j) {
        const std::uint32_t c = j == i ? code : d.relations[j].type;
        if (type_to[c] == gone) {
          type_to[c] = static_cast<std::uint32_t>(types.size());
          types.push_back(c == d.types.size() ? r.type : d.types[c]);
          type_ids.emplace(types.back(), type_to[c]);
        }
        keys.insert({j == i ? rec.source : d.relations[j].source,
                     j == i ? rec.target : d.relations[j].target, type_to[c]});
      }
      rec.type = type_to[code];
    }

    // The rare parts: kept in the relation's slot, a slot added, or the slot given up (the
    // last slot moves into it, so that every slot stays some relation's).
    const bool details = !r.provenance.empty() || !r.attributes.is_null();
    Details fresh;
    if (details) fresh = Details{r.provenance, r.attributes};
    if (details && old.details == Network::no_details) d.details.reserve(d.details.size() + 1);
    std::size_t last_owner = Network::no_details;
    if (!details && old.details != Network::no_details && old.details + 1 != d.details.size())
      for (std::size_t j = 0; j < d.relations.size(); ++j)
        if (d.relations[j].details + 1 == d.details.size()) last_owner = j;

    [&]() noexcept {
      if (details) {
        if (old.details != Network::no_details) {
          d.details[old.details] = std::move(fresh);
        } else {
          rec.details = d.details.size();
          d.details.push_back(std::move(fresh));  // into the room reserved above
        }
      } else if (old.details != Network::no_details) {
        if (last_owner != Network::no_details) {
          d.details[old.details] = std::move(d.details.back());
          d.relations[last_owner].details = old.details;
        }
        if (old.details + 1 == d.details.size() || last_owner != Network::no_details)
          d.details.pop_back();
        rec.details = Network::no_details;
      }
      if (!same_key) {
        for (std::size_t j = 0; j < d.relations.size(); ++j)
          if (j != i) d.relations[j].type = type_to[d.relations[j].type];
        d.types.swap(types);
        d.type_ids.swap(type_ids);
        d.keys = std::move(keys);
      }
      d.relations[i] = rec;
      net.changed();
    }();
    return net.relation_at(i);
  }

  /// Replaces the project `which` by `p`, as `Network::update_project` documents.
  static const Project& update_project(Network& net, std::string_view which, Project p) {
    Data& d = net.data_;
    const std::string id(which);
    const std::size_t at = project_position(net, id);
    const bool renaming = p.id != id;
    check_project(p, renaming && d.project_index.contains(p.id));
    std::vector<std::pair<std::size_t, std::string>> decisions;
    string_map<std::size_t> index;
    if (renaming) {
      for (std::size_t k = 0; k < d.decisions.size(); ++k)
        if (d.decisions[k].project == id) decisions.emplace_back(k, p.id);
      index = renamed(d.project_index, id, p.id);
    }
    [&]() noexcept {
      d.projects[at] = std::move(p);
      for (auto& [k, name] : decisions) d.decisions[k].project.swap(name);
      if (renaming) d.project_index.swap(index);
      net.changed();
    }();
    return d.projects[at];
  }

  /// Replaces the decision `which` by `dec`, as `Network::update_decision` documents.
  static const Decision& update_decision(Network& net, std::string_view which, Decision dec) {
    Data& d = net.data_;
    const std::string id(which);
    const std::size_t at = decision_position(net, id);
    const bool renaming = dec.id != id;
    check_decision(dec, renaming && d.decision_index.contains(dec.id),
                   d.project_index.contains(dec.project),
                   [&](const std::string& who) -> const Stakeholder* {
                     const auto v = net.find(who);
                     return v ? &d.stakeholders[*v] : nullptr;
                   });
    string_map<std::size_t> index;
    if (renaming) index = renamed(d.decision_index, id, dec.id);
    [&]() noexcept {
      d.decisions[at] = std::move(dec);
      if (renaming) d.decision_index.swap(index);
      net.changed();
    }();
    return d.decisions[at];
  }
};

}  // namespace coproduction::detail
