#pragma once
/// \file
/// What changed between two networks (two waves of a timeline, or a network before and after
/// an edit): the stakeholders, projects, decisions, rights and relations that appeared,
/// vanished or changed, and, per relation type, how much the ties moved (Hamming distance and
/// Jaccard index over the dyads both networks can speak for).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "coproduction/detail/message_text.hpp"
#include "coproduction/detail/network_store.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/timeline.hpp"

namespace coproduction {

/// How an element differs from the first network to the second.
enum class change_kind : std::uint8_t {
  appeared = 0,  ///< in the second network only
  vanished = 1,  ///< in the first network only
  changed = 2,   ///< in both, with some field different
};

/// "appeared", "vanished" or "changed".
constexpr std::string_view to_string(change_kind c) {
  switch (c) {
    case change_kind::appeared: return "appeared";
    case change_kind::vanished: return "vanished";
    default: return "changed";
  }
}

/// Options of `diff`.
struct diff_options {
  /// Stakeholders not surveyed in either network (a timeline gives the union of the two
  /// waves' `not_surveyed`): a dyad with such an end is left out of the tie comparison, since
  /// a missing tie there may be one nobody was asked about. Each id must be a stakeholder of
  /// one network or the other.
  std::vector<std::string> not_surveyed{};
};

/// A stakeholder, project or decision that appeared, vanished or changed, matched by id.
struct item_change {
  std::string id{};
  change_kind change = change_kind::changed;
  /// For `changed`, the fields that differ, in the order of the type's fields; else empty.
  std::vector<std::string> fields{};
  bool operator==(const item_change&) const = default;
};

/// A decision's entry for one stakeholder (its right, the votes given to it, whether it holds
/// a veto) that appeared, vanished or changed, matched by (decision, stakeholder).
struct right_change {
  std::string decision{};
  std::string stakeholder{};
  change_kind change = change_kind::changed;
  std::vector<std::string> fields{};  ///< of `right`, `votes`, `veto`, for `changed`
  bool operator==(const right_change&) const = default;
};

/// A relation that appeared, vanished or changed. Relations are matched by (source, target,
/// type, scale) as a multiset: the k-th relation with a key in the first network (in relation
/// order) is matched with the k-th with that key in the second; `occurrence` is k, from 0.
struct relation_change {
  std::string source{}, target{}, type{};
  std::optional<Scale> scale{};
  std::size_t occurrence = 0;
  change_kind change = change_kind::changed;
  std::vector<std::string> fields{};  ///< of `weight`, `provenance`, `attributes`, for `changed`
  /// The relation's position in the first and in the second network, when it is there.
  std::optional<std::size_t> position_a{}, position_b{};
  bool operator==(const relation_change&) const = default;
};

/// The ties of one relation type in both networks. A tie of type t is an ordered pair
/// (source, target) joined by at least one relation of type t. The dyads compared are the
/// ordered pairs of distinct stakeholders in both networks (objects included) with neither end
/// among the `not_surveyed`; the counts are of ties on those dyads only.
struct tie_change {
  std::string type{};
  std::uint64_t in_a = 0;       ///< |A|: ties in the first network
  std::uint64_t in_b = 0;       ///< |B|: ties in the second network
  std::uint64_t kept = 0;       ///< |A and B|
  std::uint64_t appeared = 0;   ///< |B minus A|
  std::uint64_t vanished = 0;   ///< |A minus B|
  std::uint64_t hamming = 0;    ///< |A xor B| = appeared + vanished, in [0, dyads]
  double jaccard = 0;           ///< |A and B| / |A or B| in [0, 1]; NaN when both are empty
  std::uint64_t dyads = 0;      ///< ordered dyads compared: m (m - 1) for m stakeholders
  bool operator==(const tie_change& o) const {
    return type == o.type && in_a == o.in_a && in_b == o.in_b && kept == o.kept &&
           appeared == o.appeared && vanished == o.vanished && hamming == o.hamming &&
           dyads == o.dyads &&
           (jaccard == o.jaccard || (std::isnan(jaccard) && std::isnan(o.jaccard)));
  }
};

/// How many of each element the two networks hold together: the size of the union, elements
/// being matched as `diff` matches them (relations: those of the first network plus those of
/// the second left unmatched).
struct diff_totals {
  std::size_t stakeholders = 0, projects = 0, decisions = 0, rights = 0, relations = 0;
  bool operator==(const diff_totals&) const = default;
};

/// The difference of two networks. Rows list only what differs: elements of the first network
/// that vanished or changed, in its order, then those of the second that appeared, in its
/// order (rights decision by decision in that order, stakeholders by id within each; the
/// rights of a decision that appeared or vanished appear or vanish with it). `ties` has one
/// row per relation type of either network, the first network's types first, each in order
/// of first appearance.
struct network_diff {
  std::vector<item_change> stakeholders{};
  std::vector<item_change> projects{};
  std::vector<item_change> decisions{};
  std::vector<right_change> rights{};
  std::vector<relation_change> relations{};
  std::vector<tie_change> ties{};
  /// Ordered dyads among the stakeholders of both networks left out of every tie comparison
  /// for an end not surveyed: c (c - 1) - m (m - 1) for c stakeholders in both, m of them
  /// surveyed.
  std::uint64_t left_out_dyads = 0;
  diff_totals totals{};
  bool operator==(const network_diff&) const = default;
};

namespace detail {

inline std::vector<std::string> stakeholder_fields(const Stakeholder& a, const Stakeholder& b) {
  std::vector<std::string> out;
  if (a.label != b.label) out.emplace_back("label");
  if (a.kind != b.kind) out.emplace_back("kind");
  if (a.role != b.role) out.emplace_back("role");
  if (a.sector != b.sector) out.emplace_back("sector");
  if (a.expertise != b.expertise) out.emplace_back("expertise");
  if (a.under_served != b.under_served) out.emplace_back("under_served");
  if (a.paid != b.paid) out.emplace_back("paid");
  if (a.convenor != b.convenor) out.emplace_back("convenor");
  if (a.size != b.size) out.emplace_back("size");
  if (a.influence != b.influence) out.emplace_back("influence");
  if (a.attributes != b.attributes) out.emplace_back("attributes");
  return out;
}

inline std::vector<std::string> project_fields(const Project& a, const Project& b) {
  std::vector<std::string> out;
  if (a.label != b.label) out.emplace_back("label");
  if (a.claimed != b.claimed) out.emplace_back("claimed");
  if (a.attributes != b.attributes) out.emplace_back("attributes");
  return out;
}

// The votes and veto holders of a rule belong to the rights table, one stakeholder at a time;
// the decision's `rule` differs when its kind or quota does.
inline std::vector<std::string> decision_fields(const Decision& a, const Decision& b) {
  std::vector<std::string> out;
  if (a.label != b.label) out.emplace_back("label");
  if (a.project != b.project) out.emplace_back("project");
  if (a.stage != b.stage) out.emplace_back("stage");
  if (a.rule.kind != b.rule.kind || a.rule.quota != b.rule.quota) out.emplace_back("rule");
  if (a.weight != b.weight) out.emplace_back("weight");
  if (a.attributes != b.attributes) out.emplace_back("attributes");
  return out;
}

/// Elements with ids (stakeholders, projects, decisions) matched by id: `lookup_b(id)` finds
/// the second network's element or null, `in_a(id)` says whether the first network has it.
template <class T, class LookupB, class InA, class Fields, class Each>
void match_by_id(const std::vector<T>& a, const std::vector<T>& b, LookupB lookup_b, InA in_a,
                 Fields fields, std::vector<item_change>& out, std::size_t& total, Each each) {
  total = a.size();
  for (const T& x : a) {
    const T* y = lookup_b(x.id);
    if (!y) out.push_back({x.id, change_kind::vanished, {}});
    else if (auto f = fields(x, *y); !f.empty()) out.push_back({x.id, change_kind::changed, std::move(f)});
    each(&x, y);
  }
  for (const T& y : b)
    if (!in_a(y.id)) {
      out.push_back({y.id, change_kind::appeared, {}});
      ++total;
      each(static_cast<const T*>(nullptr), &y);
    }
}

/// The explicit votes of a holder (nothing when the rule gives none) and whether it holds a
/// veto; `vetoes` is the decision's veto list as a set.
struct right_entry {
  Right right;
  std::optional<long long> votes;
  bool veto;
  bool operator==(const right_entry&) const = default;
};
inline right_entry entry_of(const Decision& d, const std::string& who, Right right,
                            const std::set<std::string_view>& vetoes) {
  const auto v = d.rule.votes.find(who);
  return {right, v == d.rule.votes.end() ? std::nullopt : std::optional<long long>(v->second),
          vetoes.count(who) > 0};
}

// The rights of one decision in the first network (`a`, or null) against the second (`b`, or
// null), merged over the stakeholder ids of both (each map is in id order).
inline void diff_rights(const Decision* a, const Decision* b, std::vector<right_change>& out,
                        std::size_t& total) {
  static const std::map<std::string, Right> none;
  const auto& ra = a ? a->rights : none;
  const auto& rb = b ? b->rights : none;
  std::set<std::string_view> veto_a, veto_b;
  if (a) veto_a.insert(a->rule.veto.begin(), a->rule.veto.end());
  if (b) veto_b.insert(b->rule.veto.begin(), b->rule.veto.end());
  const std::string& id = a ? a->id : b->id;
  auto i = ra.begin();
  auto j = rb.begin();
  while (i != ra.end() || j != rb.end()) {
    ++total;
    if (j == rb.end() || (i != ra.end() && i->first < j->first)) {
      out.push_back({id, i->first, change_kind::vanished, {}});
      ++i;
    } else if (i == ra.end() || j->first < i->first) {
      out.push_back({id, j->first, change_kind::appeared, {}});
      ++j;
    } else {
      const right_entry x = entry_of(*a, i->first, i->second, veto_a);
      const right_entry y = entry_of(*b, j->first, j->second, veto_b);
      std::vector<std::string> fields;
      if (x.right != y.right) fields.emplace_back("right");
      if (x.votes != y.votes) fields.emplace_back("votes");
      if (x.veto != y.veto) fields.emplace_back("veto");
      if (!fields.empty()) out.push_back({id, i->first, change_kind::changed, std::move(fields)});
      ++i, ++j;
    }
  }
}

// The correspondence of the two networks: each stakeholder of one as a vertex of the other
// (`none` when it is not there), and each relation type of the second as a type of the
// union (the first network's types, then the second's new ones).
struct correspondence {
  static constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> a_to_b, b_to_a;
  std::vector<std::string> types;                // the union of the types
  std::vector<std::uint32_t> b_type;             // a type of the second -> its union index

  correspondence(const Network& a, const Network& b)
      : a_to_b(a.num_stakeholders(), none), b_to_a(b.num_stakeholders(), none),
        types(a.relation_types()), b_type(b.relation_types().size()) {
    for (std::size_t v = 0; v < a.num_stakeholders(); ++v)
      if (const auto w = b.find(a.stakeholder_at(v).id)) {
        a_to_b[v] = *w;
        b_to_a[*w] = v;
      }
    string_map<std::uint32_t> index;
    for (std::size_t t = 0; t < types.size(); ++t)
      index.emplace(types[t], static_cast<std::uint32_t>(t));
    for (std::size_t t = 0; t < b_type.size(); ++t) {
      const std::string& name = b.relation_types()[t];
      const auto [it, added] = index.emplace(name, static_cast<std::uint32_t>(types.size()));
      if (added) types.push_back(name);
      b_type[t] = it->second;
    }
  }
};

// A relation as matching sees it: its key (source, target, type, scale) in coordinates both
// networks share (the first network's vertices, the union's types), its rank among the
// relations of its network with that key, in relation order, and its position.
struct relation_slot {
  std::uint64_t source, target;  // 64 bits: the second network's own vertices are numbered
                                 // past the first's
  std::uint32_t type;
  std::int32_t scale;
  std::uint64_t rank;
  std::size_t position;
  auto key() const { return std::tie(source, target, type, scale); }
  auto match() const { return std::tie(source, target, type, scale, rank); }
};

// The slots of a network's relations, ranked within each key (a relation with an end missing
// from the other network gets a key of its own, past every shared vertex, so it matches
// nothing yet is still ranked among its own kind).
template <class Vertex, class Type>
std::vector<relation_slot> slots_of(const Network& net, Vertex vertex, Type type) {
  std::vector<relation_slot> out(net.num_relations());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto scale = net.relation_scale(i);
    out[i] = {vertex(net.relation_source(i)), vertex(net.relation_target(i)),
              type(net.relation_type_index(i)), scale ? static_cast<std::int32_t>(*scale) : -1,
              0, i};
  }
  std::sort(out.begin(), out.end(), [](const relation_slot& x, const relation_slot& y) {
    return std::tie(x.source, x.target, x.type, x.scale, x.position) <
           std::tie(y.source, y.target, y.type, y.scale, y.position);
  });
  for (std::size_t i = 1; i < out.size(); ++i)
    if (out[i].key() == out[i - 1].key()) out[i].rank = out[i - 1].rank + 1;
  return out;
}

inline relation_change relation_row(const Network& net, std::size_t i, std::uint64_t occurrence,
                                    change_kind change) {
  return {net.stakeholder_at(net.relation_source(i)).id,
          net.stakeholder_at(net.relation_target(i)).id,
          net.relation_type(i),
          net.relation_scale(i),
          static_cast<std::size_t>(occurrence),
          change,
          {},
          std::nullopt,
          std::nullopt};
}

// Relations matched as a multiset by (source, target, type, scale): the k-th of a key in the
// first network with the k-th of that key in the second. Two sorts and one merge.
inline void diff_relations(const Network& a, const Network& b, const correspondence& c,
                           network_diff& out) {
  constexpr std::size_t none = correspondence::none;
  // The second network's vertices missing from the first are numbered past the first's.
  const auto a_vertex = [&](std::size_t v) { return static_cast<std::uint64_t>(v); };
  const auto b_vertex = [&](std::size_t w) {
    return static_cast<std::uint64_t>(c.b_to_a[w] != none ? c.b_to_a[w]
                                                          : a.num_stakeholders() + w);
  };
  const auto same_type = [](std::size_t t) { return static_cast<std::uint32_t>(t); };
  const auto b_type = [&](std::size_t t) { return c.b_type[t]; };
  const std::vector<relation_slot> sa = slots_of(a, a_vertex, same_type);
  const std::vector<relation_slot> sb = slots_of(b, b_vertex, b_type);

  std::vector<std::size_t> match_a(a.num_relations(), none), match_b(b.num_relations(), none);
  std::vector<std::uint64_t> rank_a(a.num_relations()), rank_b(b.num_relations());
  for (const relation_slot& x : sa) rank_a[x.position] = x.rank;
  for (const relation_slot& y : sb) rank_b[y.position] = y.rank;
  // Both lists are sorted by (key, position), so by (key, rank): merge them.
  for (std::size_t i = 0, j = 0; i < sa.size() && j < sb.size();) {
    if (sa[i].match() < sb[j].match()) ++i;
    else if (sb[j].match() < sa[i].match()) ++j;
    else {
      match_a[sa[i].position] = sb[j].position;
      match_b[sb[j].position] = sa[i].position;
      ++i, ++j;
    }
  }

  for (std::size_t i = 0; i < a.num_relations(); ++i) {
    const std::size_t j = match_a[i];
    if (j == none) {
      relation_change row = relation_row(a, i, rank_a[i], change_kind::vanished);
      row.position_a = i;
      out.relations.push_back(std::move(row));
      continue;
    }
    std::vector<std::string> fields;
    if (a.relation_weight(i) != b.relation_weight(j)) fields.emplace_back("weight");
    if (a.relation_provenance(i) != b.relation_provenance(j)) fields.emplace_back("provenance");
    if (a.relation_attributes(i) != b.relation_attributes(j)) fields.emplace_back("attributes");
    if (!fields.empty()) {
      relation_change row = relation_row(a, i, rank_a[i], change_kind::changed);
      row.fields = std::move(fields);
      row.position_a = i;
      row.position_b = j;
      out.relations.push_back(std::move(row));
    }
  }
  out.totals.relations = a.num_relations();
  for (std::size_t j = 0; j < b.num_relations(); ++j)
    if (match_b[j] == none) {
      relation_change row = relation_row(b, j, rank_b[j], change_kind::appeared);
      row.position_b = j;
      out.relations.push_back(std::move(row));
      ++out.totals.relations;
    }
}

// A tie: (type in the union of types, source, target), the ends as vertices of the first
// network (both ends are in both networks).
using tie_key = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;

inline void diff_ties(const Network& a, const Network& b, const correspondence& c,
                      const diff_options& options, network_diff& out) {
  constexpr std::size_t none = correspondence::none;
  std::vector<char> unsurveyed(a.num_stakeholders(), 0);
  for (const std::string& id : options.not_surveyed) {
    if (!a.contains(id) && !b.contains(id))
      throw input_error("not_surveyed", "unknown stakeholder " + quote(id) +
                                            ": in neither network");
    if (const auto v = a.find(id)) unsurveyed[*v] = 1;
  }
  std::uint64_t common = 0, surveyed = 0;
  for (std::size_t v = 0; v < a.num_stakeholders(); ++v)
    if (c.a_to_b[v] != none) {
      ++common;
      if (!unsurveyed[v]) ++surveyed;
    }
  const std::uint64_t dyads = surveyed * (surveyed ? surveyed - 1 : 0);
  out.left_out_dyads = common * (common ? common - 1 : 0) - dyads;

  // Each network's ties on the compared dyads (both ends in both networks, neither not
  // surveyed), sorted and without repeats (two relations of one type between the same pair
  // cannot be stored, but the set does not rely on it).
  const auto compared = [&](std::size_t u, std::size_t v) {
    return u != none && v != none && c.a_to_b[u] != none && c.a_to_b[v] != none &&
           !unsurveyed[u] && !unsurveyed[v];
  };
  std::vector<tie_key> ta, tb;
  ta.reserve(a.num_relations());
  tb.reserve(b.num_relations());
  for (std::size_t i = 0; i < a.num_relations(); ++i) {
    const std::size_t u = a.relation_source(i), v = a.relation_target(i);
    if (compared(u, v))
      ta.emplace_back(static_cast<std::uint32_t>(a.relation_type_index(i)),
                      static_cast<std::uint32_t>(u), static_cast<std::uint32_t>(v));
  }
  for (std::size_t j = 0; j < b.num_relations(); ++j) {
    const std::size_t u = c.b_to_a[b.relation_source(j)], v = c.b_to_a[b.relation_target(j)];
    if (compared(u, v))
      tb.emplace_back(c.b_type[b.relation_type_index(j)], static_cast<std::uint32_t>(u),
                      static_cast<std::uint32_t>(v));
  }
  for (auto* ties : {&ta, &tb}) {
    std::sort(ties->begin(), ties->end());
    ties->erase(std::unique(ties->begin(), ties->end()), ties->end());
  }

  out.ties.resize(c.types.size());
  for (std::size_t t = 0; t < c.types.size(); ++t) {
    out.ties[t].type = c.types[t];
    out.ties[t].dyads = dyads;
  }
  // One merge of the two sorted lists counts every type at once.
  std::size_t i = 0, j = 0;
  while (i < ta.size() || j < tb.size()) {
    if (j == tb.size() || (i < ta.size() && ta[i] < tb[j])) {
      ++out.ties[std::get<0>(ta[i])].vanished;
      ++i;
    } else if (i == ta.size() || tb[j] < ta[i]) {
      ++out.ties[std::get<0>(tb[j])].appeared;
      ++j;
    } else {
      ++out.ties[std::get<0>(ta[i])].kept;
      ++i, ++j;
    }
  }
  for (tie_change& row : out.ties) {
    row.in_a = row.kept + row.vanished;
    row.in_b = row.kept + row.appeared;
    row.hamming = row.appeared + row.vanished;
    const std::uint64_t either = row.kept + row.hamming;
    row.jaccard = either == 0 ? std::numeric_limits<double>::quiet_NaN()
                              : static_cast<double>(row.kept) / static_cast<double>(either);
  }
}

}  // namespace detail

/// What differs from network `a` to network `b` (`network_diff` says how the tables are
/// ordered). Stakeholders are compared on label, kind, role, sector, expertise, under_served,
/// paid, convenor, size, influence and attributes; projects on label, claimed and attributes;
/// decisions on label, project, stage, rule (its kind and quota), weight and attributes; each
/// decision's entry for a stakeholder on its right, the votes the rule gives it and whether it
/// holds a veto; matched relations on weight, provenance and attributes. Values are compared
/// as stored: an absent optional field differs from any value (a weight not given from a
/// weight of 1), and JSON values (attributes) compare deeply.
///
/// Ties, per relation type: A and B are the sets of ordered pairs (u, v) joined by a relation
/// of that type in `a` and in `b`, over the dyads compared (`tie_change`). The Hamming
/// distance |A xor B| counts the dyads whose tie state differs (Hamming 1950; as a distance
/// between two graphs on one vertex set, Butts & Carley 2005, sna's `hdist`); the Jaccard
/// index |A and B| / |A or B| (Jaccard 1901) is the share of ties in either network kept in
/// both, NaN when neither has a tie of the type.
///
/// Holds a read guard on each network for the whole call (so throws
/// `concurrent_modification` while either is being changed). Throws `input_error`
/// (`not_surveyed`) for an id that is a stakeholder of neither network. O((stakeholders +
/// relations + rights) log(relations + rights)) time, O(stakeholders + relations) memory.
inline network_diff diff(const Network& a, const Network& b, const diff_options& options = {}) {
  const Network::read_guard reading_a(a), reading_b(b);
  network_diff out;
  detail::match_by_id(
      a.stakeholders(), b.stakeholders(),
      [&](const std::string& id) -> const Stakeholder* {
        const auto v = b.find(id);
        return v ? &b.stakeholder_at(*v) : nullptr;
      },
      [&](const std::string& id) { return a.contains(id); }, detail::stakeholder_fields,
      out.stakeholders, out.totals.stakeholders, [](const Stakeholder*, const Stakeholder*) {});
  // Projects and decisions are looked up through the networks' own indexes (`project`,
  // `decision` throw for an unknown id, so membership is asked first).
  detail::string_map<std::size_t> projects_a, projects_b, decisions_a, decisions_b;
  for (std::size_t i = 0; i < a.num_projects(); ++i) projects_a.emplace(a.projects()[i].id, i);
  for (std::size_t i = 0; i < b.num_projects(); ++i) projects_b.emplace(b.projects()[i].id, i);
  for (std::size_t i = 0; i < a.num_decisions(); ++i) decisions_a.emplace(a.decisions()[i].id, i);
  for (std::size_t i = 0; i < b.num_decisions(); ++i) decisions_b.emplace(b.decisions()[i].id, i);
  detail::match_by_id(
      a.projects(), b.projects(),
      [&](const std::string& id) -> const Project* {
        const auto it = projects_b.find(id);
        return it == projects_b.end() ? nullptr : &b.projects()[it->second];
      },
      [&](const std::string& id) { return projects_a.contains(id); }, detail::project_fields,
      out.projects, out.totals.projects, [](const Project*, const Project*) {});
  detail::match_by_id(
      a.decisions(), b.decisions(),
      [&](const std::string& id) -> const Decision* {
        const auto it = decisions_b.find(id);
        return it == decisions_b.end() ? nullptr : &b.decisions()[it->second];
      },
      [&](const std::string& id) { return decisions_a.contains(id); }, detail::decision_fields,
      out.decisions, out.totals.decisions,
      [&](const Decision* x, const Decision* y) {
        detail::diff_rights(x, y, out.rights, out.totals.rights);
      });
  const detail::correspondence shared(a, b);
  detail::diff_relations(a, b, shared, out);
  detail::diff_ties(a, b, shared, options, out);
  return out;
}

/// What differs from wave `from` to wave `to` of a timeline: `diff` of their networks, with
/// the stakeholders not surveyed in either wave left out of the tie comparison. Throws
/// `std::out_of_range` for a wave past the last.
inline network_diff diff(const Timeline& timeline, std::size_t from, std::size_t to) {
  const Wave& a = timeline.wave(from);
  const Wave& b = timeline.wave(to);
  diff_options options;
  options.not_surveyed = a.not_surveyed;
  options.not_surveyed.insert(options.not_surveyed.end(), b.not_surveyed.begin(),
                              b.not_surveyed.end());
  return diff(a.network, b.network, options);
}

}  // namespace coproduction
