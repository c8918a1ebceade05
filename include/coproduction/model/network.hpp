#pragma once
/// \file
/// The network: stakeholders, relations, projects and decisions, validated on insert. The
/// checks of each insert are in `detail/model_checks.hpp`; the network calls them from every
/// insert, and its stores are private, so no insert bypasses one. Removals and updates are
/// declared here and defined in `model/editing.hpp`, which this header includes at its end.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <nlohmann/json.hpp>

#include "coproduction/detail/access_count.hpp"
#include "coproduction/detail/memory_bytes.hpp"
#include "coproduction/detail/message_text.hpp"
#include "coproduction/detail/model_checks.hpp"
#include "coproduction/detail/network_store.hpp"
#include "coproduction/detail/triple_set.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/decision.hpp"
#include "coproduction/model/nesting.hpp"
#include "coproduction/model/project.hpp"
#include "coproduction/model/relation.hpp"
#include "coproduction/model/removal.hpp"
#include "coproduction/model/stakeholder.hpp"

namespace coproduction {

namespace detail {
// Lets the library's tests hold a change open, to check what a reader meets meanwhile.
struct network_access;
struct network_editor;  // the editing members' machinery (detail/network_editor.hpp)
}  // namespace detail

/// A co-production partnership as a graph (DESIGN section 1): stakeholders are the vertices,
/// relations directed, typed edges, and projects and decisions sit beside them. Every insert
/// is validated and either succeeds whole or throws a `model_error` and changes nothing, and
/// so does every removal and update (model/editing.hpp). Vertex indices are positions in
/// insertion order: removing a stakeholder moves each later one down by one; relations,
/// projects and decisions keep insertion order likewise.
///
/// Storage is compact and flat: a relation is a 32-byte record of vertex indices, an interned
/// type, its weight and scale, with provenance and attributes kept aside for the relations
/// that have them. `graph()` is the Boost.Graph view of the same data, a
/// `boost::adjacency_list` with `Stakeholder` and `Relation` bundles, built on first use and
/// kept until the network next changes.
///
/// Thread safety is that of a standard container: any number of threads may call const
/// members at once (the first `graph()` is built under a lock); a change needs exclusive
/// access and invalidates references returned by `graph()`, `add_stakeholder`,
/// `stakeholder`, `stakeholder_at`, `stakeholders()` and `relation_type`. A reader that reads
/// more than once (an analysis) holds a `read_guard` for the whole read: while any guard
/// lives, every change (the `add_*`, `remove_*` and `update_*` members, `set_metadata`, copy
/// and move assignment) throws `concurrent_modification` and changes nothing, and a guard
/// taken while a change runs throws the same; so a guarded read never sees two states of the
/// network. Copying a network holds a guard on it while copying. Moving from a network with
/// the move constructor, and destroying it, still need exclusive access, as for any object
/// (the move constructor stays `noexcept`, so containers move networks).
class Network {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      Stakeholder, Relation>;
  using vertex_type = Graph::vertex_descriptor;
  using edge_type = Graph::edge_descriptor;

  /// Vertex indices and relation types are stored in 32 bits.
  static constexpr std::size_t max_stakeholders = std::numeric_limits<std::uint32_t>::max();

  Network() = default;

  /// Holds a network for reading: while it lives, every change of the network throws
  /// `concurrent_modification`. Any number of guards may be held at once, from any threads,
  /// nested or not. Taking one throws `concurrent_modification` while a change runs in
  /// another thread. The network must outlive the guard. O(1), lock-free.
  class read_guard {
   public:
    explicit read_guard(const Network& net) : net_(net) { net_.access_.begin_read(); }
    ~read_guard() { net_.access_.end_read(); }
    read_guard(const read_guard&) = delete;
    read_guard& operator=(const read_guard&) = delete;

   private:
    const Network& net_;
  };

  /// A `read_guard` on this network: `const auto guard = net.reading();`. Throws
  /// `concurrent_modification` while a change runs.
  [[nodiscard]] read_guard reading() const { return read_guard(*this); }

  /// How many read guards are held on this network now.
  std::size_t readers() const noexcept { return access_.readers(); }

  /// Adds a stakeholder. Throws `duplicate_id` if the id is taken and `invalid_value` for an
  /// empty id, a size below 1 (or a person's size other than 1), an influence that is not a
  /// finite number >= 0, attributes that are not an object, or a network already holding
  /// `max_stakeholders`. O(1) amortised.
  const Stakeholder& add_stakeholder(Stakeholder s) {
    const write_guard change(*this, "add_stakeholder");
    detail::check_stakeholder(s, contains(s.id));
    if (data_.stakeholders.size() >= max_stakeholders)
      throw invalid_value(s.id, "id", "a network holds at most " +
                                          std::to_string(max_stakeholders) + " stakeholders");
    changed();
    data_.stakeholders.push_back(std::move(s));
    data_.index.emplace(data_.stakeholders.back().id, data_.stakeholders.size() - 1);
    return data_.stakeholders.back();
  }

  /// Adds many stakeholders, all or none: each is validated as `add_stakeholder` does (an id
  /// repeated within the batch counts as a duplicate) before any is inserted. O(batch).
  void add_stakeholders(std::vector<Stakeholder> batch) {
    const write_guard change(*this, "add_stakeholders");
    if (batch.size() > max_stakeholders - data_.stakeholders.size())
      throw invalid_value("stakeholders", "", "a network holds at most " +
                                                  std::to_string(max_stakeholders) +
                                                  " stakeholders");
    std::unordered_set<std::string_view> pending;
    pending.reserve(batch.size());
    for (const Stakeholder& s : batch) {
      detail::check_stakeholder(s, contains(s.id));
      if (!pending.insert(s.id).second)
        throw duplicate_id(s.id, "id", "stakeholder " + detail::quote(s.id) + " already exists");
    }
    changed();
    grow(data_.stakeholders, batch.size());
    if (data_.stakeholders.size() + batch.size() > data_.index.size() * 2)
      data_.index.reserve(data_.stakeholders.size() + batch.size());
    for (Stakeholder& s : batch) {
      data_.stakeholders.push_back(std::move(s));
      data_.index.emplace(data_.stakeholders.back().id, data_.stakeholders.size() - 1);
    }
  }

  /// Adds a relation. Throws `unknown_id` for an unknown source or target, `duplicate_id` for
  /// a repeated (source, target, type), and `invalid_value` for a self-relation, a type that
  /// is not `^[a-z][a-z0-9_]*$`, a weight that is not a finite number > 0, a malformed
  /// provenance date, or attributes that are not an object. O(1) amortised.
  void add_relation(const Relation& r) {
    const write_guard change(*this, "add_relation");
    // Checked whole before anything changes, so a refusal costs O(1): a reader that logs
    // problem after problem must not pay a batch's O(relations) restore for each.
    const vertex_type u = endpoint(r, r.source, "source"), v = endpoint(r, r.target, "target");
    detail::check_relation(r, u, v);
    const auto type = data_.type_ids.find(r.type);
    if (type != data_.type_ids.end() && data_.keys.contains({to32(u), to32(v), type->second}))
      throw detail::duplicate_relation(r);
    changed();
    const std::uint32_t t = intern(r.type);
    data_.keys.insert({to32(u), to32(v), t});
    store(u, v, t, r);
  }

  /// Adds many relations, all or none: every relation is validated as `add_relation` does (a
  /// repeat within the batch counts as a duplicate), and a refused batch leaves the network
  /// unchanged. O(batch) expected; a refusal also costs O(relations) to restore the index.
  void add_relations(const std::vector<Relation>& batch) {
    const write_guard change(*this, "add_relations");
    insert_batch(batch.size(), [&](std::size_t i) {
      const Relation& r = batch[i];
      const vertex_type u = endpoint(r, r.source, "source"), v = endpoint(r, r.target, "target");
      detail::check_relation(r, u, v);
      const std::uint32_t t = intern(r.type);
      if (!data_.keys.insert({to32(u), to32(v), t})) throw detail::duplicate_relation(r);
      store(u, v, t, r);
    });
  }

  /// Adds many relations given as columns, as a data frame holds them: row i relates vertex
  /// `source[i]` to vertex `target[i]` with the type `type_names[type[i]]` and, when `weight`
  /// is not empty, the weight `weight[i]` (NaN for "not given"). All or none, as the other
  /// `add_relations`; a vertex or type code out of range throws `unknown_id` naming the row.
  /// Each type name is checked once, not once per row: this is the fast path for an edge list
  /// of millions of rows.
  void add_relations(std::span<const vertex_type> source, std::span<const vertex_type> target,
                     std::span<const std::uint32_t> type,
                     std::span<const std::string> type_names,
                     std::span<const double> weight = {}) {
    const write_guard change(*this, "add_relations");
    const std::size_t n = source.size();
    if (target.size() != n || type.size() != n || (!weight.empty() && weight.size() != n))
      throw invalid_value("relations", "", "source, target, type and weight differ in length");
    std::vector<std::uint32_t> interned(type_names.size(), no_type);
    insert_batch(n, [&](std::size_t i) {
      const vertex_type u = source[i], v = target[i];
      const std::size_t code = type[i];
      const auto row = [i] { return "row " + std::to_string(i); };
      if (u >= data_.stakeholders.size())
        throw unknown_id(row(), "source", "no stakeholder has vertex " + std::to_string(u));
      if (v >= data_.stakeholders.size())
        throw unknown_id(row(), "target", "no stakeholder has vertex " + std::to_string(v));
      if (code >= type_names.size())
        throw unknown_id(row(), "type", "no type has code " + std::to_string(code));
      const double w = weight.empty() ? nan : weight[i];
      if (u == v || !(std::isnan(w) || (std::isfinite(w) && w > 0)) ||
          interned[code] == no_type) {
        // The rare or first-seen case: check it as a whole relation, for the message.
        Relation r{.source = data_.stakeholders[u].id, .target = data_.stakeholders[v].id,
                   .type = type_names[code]};
        if (!std::isnan(w)) r.weight = w;
        detail::check_relation(r, u, v);
        interned[code] = intern(r.type);
      }
      const std::uint32_t t = interned[code];
      if (!data_.keys.insert({to32(u), to32(v), t}))
        throw detail::duplicate_relation(Relation{.source = data_.stakeholders[u].id,
                                 .target = data_.stakeholders[v].id,
                                 .type = data_.types[t]});
      data_.relations.push_back(Record{to32(u), to32(v), t, no_scale, w, no_details});
    });
  }

  /// Adds a project. Throws `duplicate_id` or `invalid_value` (empty id, attributes not an
  /// object).
  const Project& add_project(Project p) {
    const write_guard change(*this, "add_project");
    detail::check_project(p, data_.project_index.contains(p.id));
    data_.project_index.emplace(p.id, data_.projects.size());
    data_.projects.push_back(std::move(p));
    return data_.projects.back();
  }

  /// The checks of a decision's rule against its rights that `add_decision` makes, on their
  /// own, for a decision that is in no network (`decision_game` makes them this way): some
  /// stakeholder holds the decision (`shared` or `decides`); a `sole` rule has exactly one
  /// `decides` holder; votes are given only under majority and quota rules, each to a holder
  /// and >= 1; a quota is given to, and only to, a quota rule, finite, > 0 and at most the
  /// holders' votes; each veto holder holds the decision and is named once. Throws
  /// `invalid_value` naming the decision and the field (`rights`, `rule/kind`, `rule/votes`,
  /// `rule/votes/<id>`, `rule/quota`, `rule/veto/<i>`), with the messages of `add_decision`.
  /// O(rights + votes + veto).
  static void check_rule(const Decision& d) {
    detail::check_rule(d, [](const std::string&) { return true; });
  }

  /// Adds a decision. Throws `duplicate_id` for a taken id; `unknown_id` for an unknown
  /// project or a right, vote or veto naming an unknown stakeholder; `invalid_value` when an
  /// object holds a right, no stakeholder holds the decision (`shared` or `decides`), a `sole`
  /// rule lacks exactly one `decides` holder, votes are given for a rule other than majority
  /// or quota or to a non-holder or are below 1, a quota is missing, not finite and > 0, or
  /// larger than the holders' votes, a veto holder is repeated or not a holder, the weight is
  /// not a finite number > 0, or attributes are not an object.
  const Decision& add_decision(Decision d) {
    const write_guard change(*this, "add_decision");
    detail::check_decision(d, data_.decision_index.contains(d.id),
                           data_.project_index.contains(d.project),
                           [this](const std::string& id) -> const Stakeholder* {
                             const auto v = find(id);
                             return v ? &data_.stakeholders[*v] : nullptr;
                           });
    data_.decision_index.emplace(d.id, data_.decisions.size());
    data_.decisions.push_back(std::move(d));
    return data_.decisions.back();
  }

  /// Number of stakeholders, relations, projects and decisions.
  std::size_t num_stakeholders() const { return data_.stakeholders.size(); }
  std::size_t num_relations() const { return data_.relations.size(); }
  std::size_t num_projects() const { return data_.projects.size(); }
  std::size_t num_decisions() const { return data_.decisions.size(); }

  /// The bytes the network holds: its own object, its vectors' capacity, its strings, maps,
  /// JSON values and relation index (detail/memory_bytes.hpp), not the Boost.Graph view, a
  /// cache that `graph()` rebuilds on demand. Holds a `read_guard`. O(size of the network).
  std::size_t memory_bytes() const {
    const read_guard reading(*this);
    const Data& d = data_;
    return sizeof(Network) + detail::heap_bytes_of(d.stakeholders, d.index, d.relations,
                                                   d.details, d.types, d.type_ids, d.keys,
                                                   d.projects, d.project_index, d.decisions,
                                                   d.decision_index, d.metadata);
  }

  /// True when a stakeholder has this id. O(1).
  bool contains(std::string_view id) const { return data_.index.find(id) != data_.index.end(); }

  /// The vertex of the stakeholder with this id, or nothing. O(1).
  std::optional<vertex_type> find(std::string_view id) const {
    auto it = data_.index.find(id);
    if (it == data_.index.end()) return std::nullopt;
    return it->second;
  }

  /// The vertex of a stakeholder (its index, in insertion order). Throws `unknown_id`. O(1).
  vertex_type vertex(std::string_view id) const {
    auto it = data_.index.find(id);
    if (it == data_.index.end())
      throw unknown_id(std::string(id), "", "unknown stakeholder " + detail::quote(id));
    return it->second;
  }

  /// The stakeholder with this id. Throws `unknown_id`. O(1).
  const Stakeholder& stakeholder(std::string_view id) const {
    return data_.stakeholders[vertex(id)];
  }
  /// The stakeholder at vertex index `v` (0 <= v < num_stakeholders()).
  const Stakeholder& stakeholder_at(vertex_type v) const { return data_.stakeholders[v]; }
  /// All stakeholders, in vertex order.
  const std::vector<Stakeholder>& stakeholders() const { return data_.stakeholders; }

  /// The i-th relation in insertion order, as a value. Throws `std::out_of_range`.
  Relation relation_at(std::size_t i) const {
    if (i >= data_.relations.size())
      throw std::out_of_range("relation " + std::to_string(i) + " of " +
                              std::to_string(data_.relations.size()));
    return Relation{.source = data_.stakeholders[relation_source(i)].id,
                    .target = data_.stakeholders[relation_target(i)].id,
                    .type = relation_type(i),
                    .weight = relation_weight(i),
                    .scale = relation_scale(i),
                    .provenance = relation_provenance(i),
                    .attributes = relation_attributes(i)};
  }
  /// The source and target vertex, the type and the strength (weight, or 1) of the i-th
  /// relation, without building a `Relation`. No bounds check.
  vertex_type relation_source(std::size_t i) const { return data_.relations[i].source; }
  vertex_type relation_target(std::size_t i) const { return data_.relations[i].target; }
  const std::string& relation_type(std::size_t i) const {
    return data_.types[data_.relations[i].type];
  }
  /// The position of the i-th relation's type in `relation_types()`. No bounds check.
  std::size_t relation_type_index(std::size_t i) const { return data_.relations[i].type; }
  double relation_strength(std::size_t i) const {
    const double w = data_.relations[i].weight;
    return std::isnan(w) ? 1.0 : w;
  }
  /// The i-th relation's weight as given (nothing when not given), scale, provenance (empty
  /// when not given) and attributes (null when not given), without building a `Relation`.
  /// No bounds check.
  std::optional<double> relation_weight(std::size_t i) const {
    const double w = data_.relations[i].weight;
    if (std::isnan(w)) return std::nullopt;
    return w;
  }
  std::optional<Scale> relation_scale(std::size_t i) const {
    if (data_.relations[i].scale == no_scale) return std::nullopt;
    return static_cast<Scale>(data_.relations[i].scale);
  }
  const Provenance& relation_provenance(std::size_t i) const {
    static const Provenance none{};
    const std::size_t at = data_.relations[i].details;
    return at == no_details ? none : data_.details[at].provenance;
  }
  const nlohmann::json& relation_attributes(std::size_t i) const {
    static const nlohmann::json none{};
    const std::size_t at = data_.relations[i].details;
    return at == no_details ? none : data_.details[at].attributes;
  }
  /// The distinct relation types, in order of first appearance.
  const std::vector<std::string>& relation_types() const { return data_.types; }

  /// The edge of the i-th relation in `graph()`. Throws `std::out_of_range`.
  edge_type edge_at(std::size_t i) const { return view().edges.at(i); }

  /// The project with this id. Throws `unknown_id`. O(1).
  const Project& project(std::string_view id) const {
    auto it = data_.project_index.find(id);
    if (it == data_.project_index.end())
      throw unknown_id(std::string(id), "", "unknown project " + detail::quote(id));
    return data_.projects[it->second];
  }
  /// The decision with this id. Throws `unknown_id`. O(1).
  const Decision& decision(std::string_view id) const {
    auto it = data_.decision_index.find(id);
    if (it == data_.decision_index.end())
      throw unknown_id(std::string(id), "", "unknown decision " + detail::quote(id));
    return data_.decisions[it->second];
  }

  const std::vector<Project>& projects() const { return data_.projects; }
  const std::vector<Decision>& decisions() const { return data_.decisions; }

  // -- Editing, documented and defined in model/editing.hpp: each edit is a change, checked
  // as the inserts are, that changes all or nothing.
  std::optional<std::size_t> find_relation(std::string_view source, std::string_view target,
                                           std::string_view type) const;
  removal remove_stakeholder(std::string_view id, bool cascade = false);
  removal remove_stakeholders(std::span<const std::string> ids, bool cascade = false);
  removal remove_relation(std::size_t i);
  removal remove_relation(std::string_view source, std::string_view target,
                          std::string_view type);
  removal remove_relations(std::span<const std::size_t> positions);
  removal remove_project(std::string_view id, bool cascade = false);
  removal remove_projects(std::span<const std::string> ids, bool cascade = false);
  removal remove_decision(std::string_view id);
  removal remove_decisions(std::span<const std::string> ids);
  const Stakeholder& update_stakeholder(std::string_view id, Stakeholder replacement);
  template <std::invocable<Stakeholder&> Edit>
  const Stakeholder& update_stakeholder(std::string_view id, Edit edit);
  Relation update_relation(std::size_t i, const Relation& replacement);
  template <std::invocable<Relation&> Edit>
  Relation update_relation(std::size_t i, Edit edit);
  const Project& update_project(std::string_view id, Project replacement);
  template <std::invocable<Project&> Edit>
  const Project& update_project(std::string_view id, Edit edit);
  const Decision& update_decision(std::string_view id, Decision replacement);
  template <std::invocable<Decision&> Edit>
  const Decision& update_decision(std::string_view id, Edit edit);

  /// The Boost.Graph view: vertex bundles are `Stakeholder`, edge bundles `Relation`, vertex
  /// i is stakeholder i and `boost::edges` runs in relation order. Built on the first call
  /// after a change, in O(stakeholders + relations), and kept until the next change.
  const Graph& graph() const { return view().graph; }

  /// Free description of the data set (title, source, notes); null or an object.
  const nlohmann::json& metadata() const { return data_.metadata; }
  /// Sets the metadata. Throws `invalid_value` unless it is null or an object.
  void set_metadata(nlohmann::json metadata) {
    const write_guard change(*this, "metadata");
    if (!metadata.is_null() && !metadata.is_object())
      throw invalid_value("metadata", "", "metadata must be an object");
    if (!metadata.is_null() && !fits_nesting(metadata, metadata_level))
      throw invalid_value("metadata", "",
                          "metadata nests deeper than " +
                              std::to_string(max_nesting - metadata_level + 1) + " levels");
    data_.metadata = std::move(metadata);
  }

  /// Equal when every part is equal and in the same order. Holds a `read_guard` on each
  /// while comparing (so throws `concurrent_modification` while either is being changed).
  friend bool operator==(const Network& a, const Network& b) {
    const read_guard reading_a(a), reading_b(b);
    if (a.data_.stakeholders != b.data_.stakeholders || a.num_relations() != b.num_relations())
      return false;
    for (std::size_t i = 0; i < a.num_relations(); ++i)
      if (!(a.relation_at(i) == b.relation_at(i))) return false;
    return a.data_.projects == b.data_.projects && a.data_.decisions == b.data_.decisions &&
           a.data_.metadata == b.data_.metadata;
  }

  /// A copy, made under a `read_guard` on `other` (throws `concurrent_modification` while
  /// `other` is being changed); the copy starts with no readers.
  Network(const Network& other) : Network(other, other.reading()) {}
  Network(Network&& other) noexcept { swap(other); }
  /// Throws `concurrent_modification` while this network is being read or changed.
  Network& operator=(const Network& other) {
    if (this != &other) {
      Network copy(other);
      const write_guard change(*this, "assign");
      swap(copy);
    }
    return *this;
  }
  /// Throws `concurrent_modification` while either network is being read or changed:
  /// both change (`other` is left empty and valid).
  Network& operator=(Network&& other) {
    if (this != &other) {
      const write_guard change(*this, "assign"), emptied(other, "assign");
      Network empty;
      swap(empty);
      swap(other);
    }
    return *this;
  }
  ~Network() = default;

 private:
  // The copy constructor's body: `other` is held by the guard for as long as this runs.
  Network(const Network& other, const read_guard& /*held*/) : data_(other.data_) {}

  // Who is using the network: the number of read guards held, or a change. Never copied,
  // moved or swapped: it belongs to this object, not to its contents.
  detail::access_count access_;

  // Held by every change for its whole run: taken only when nobody reads or changes the
  // network, so a change never overlaps a guarded read or another change.
  class write_guard {
   public:
    write_guard(Network& net, const char* what) : net_(net) { net_.access_.begin_change(what); }
    ~write_guard() { net_.access_.end_change(); }
    write_guard(const write_guard&) = delete;
    write_guard& operator=(const write_guard&) = delete;

   private:
    Network& net_;
  };
  friend struct detail::network_access;
  friend struct detail::network_editor;

  // The Boost.Graph view and each relation's edge in it. Held by pointer so the edge
  // descriptors, which point into this graph, survive moves of the network.
  struct View {
    Graph graph;
    std::vector<edge_type> edges;
  };

  // A relation as stored (32 bytes), and its rare parts, kept in data_.details.
  using Record = detail::relation_record;
  using Details = detail::relation_details;
  static constexpr std::int32_t no_scale = -1;
  static constexpr std::size_t no_details = std::numeric_limits<std::size_t>::max();
  static constexpr std::uint32_t no_type = std::numeric_limits<std::uint32_t>::max();
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  template <class T>
  using string_map = detail::string_map<T>;

  // Swaps the contents only: the reader counts and the view's lock stay with their objects.
  void swap(Network& other) noexcept { std::swap(data_, other.data_); }

  // Every change drops the Boost.Graph view; the next `graph()` rebuilds it.
  void changed() { data_.view.built.reset(); }

  const View& view() const {
    std::lock_guard<std::mutex> lock(view_mutex_);
    if (!data_.view.built) {
      auto built = std::make_unique<View>();
      for (const Stakeholder& s : data_.stakeholders) boost::add_vertex(s, built->graph);
      built->edges.reserve(data_.relations.size());
      for (std::size_t i = 0; i < data_.relations.size(); ++i)
        built->edges.push_back(
            boost::add_edge(data_.relations[i].source, data_.relations[i].target, relation_at(i),
                            built->graph).first);
      data_.view.built = std::move(built);
    }
    return *data_.view.built;
  }

  // Room for `more` elements, growing geometrically: many small batches stay O(total).
  template <class T>
  static void grow(std::vector<T>& v, std::size_t more) {
    if (v.size() + more > v.capacity()) v.reserve(std::max(v.size() + more, 2 * v.capacity()));
  }

  static std::uint32_t to32(vertex_type v) { return static_cast<std::uint32_t>(v); }

  vertex_type endpoint(const Relation& r, const std::string& id, const char* field) const {
    auto it = data_.index.find(id);
    if (it == data_.index.end())
      throw unknown_id(detail::relation_name(r), field, "unknown stakeholder " + detail::quote(id));
    return it->second;
  }

  std::uint32_t intern(const std::string& type) {
    auto [it, added] =
        data_.type_ids.try_emplace(type, static_cast<std::uint32_t>(data_.types.size()));
    if (added) data_.types.push_back(type);
    return it->second;
  }

  void store(vertex_type u, vertex_type v, std::uint32_t type, const Relation& r) {
    Record rec{to32(u), to32(v), type, no_scale, r.weight.value_or(nan), no_details};
    if (r.scale) rec.scale = static_cast<std::int32_t>(*r.scale);
    if (!r.provenance.empty() || !r.attributes.is_null()) {
      rec.details = data_.details.size();
      data_.details.push_back(Details{r.provenance, r.attributes});
    }
    data_.relations.push_back(rec);
  }

  // Runs `add(i)` for rows 0..n-1, each of which validates, interns and stores one relation;
  // if any throws, the relations, details, types and keys are put back as they were.
  template <class AddRow>
  void insert_batch(std::size_t n, AddRow add) {
    const std::size_t relations = data_.relations.size(), details = data_.details.size(),
                      types = data_.types.size();
    changed();
    try {
      grow(data_.relations, n);
      data_.keys.reserve(relations + n);
      for (std::size_t i = 0; i < n; ++i) add(i);
    } catch (...) {
      data_.relations.resize(relations);
      data_.details.resize(details);
      for (std::size_t t = types; t < data_.types.size(); ++t) data_.type_ids.erase(data_.types[t]);
      data_.types.resize(types);
      data_.keys.clear();
      data_.keys.reserve(relations);
      for (const Record& r : data_.relations) data_.keys.insert({r.source, r.target, r.type});
      throw;
    }
  }

  // Everything the network holds, copied, moved and swapped as one (adding a field is one
  // edit here). Not in here: the reader count `access_` and `view_mutex_`, which belong to
  // the object and not to its contents, so no copy, move or swap ever carries them.
  struct Data {
    std::vector<Stakeholder> stakeholders;
    string_map<vertex_type> index;          // stakeholder id -> vertex
    std::vector<Record> relations;
    std::vector<Details> details;
    std::vector<std::string> types;         // relation types, in order of first appearance
    string_map<std::uint32_t> type_ids;     // relation type -> its position in `types`
    detail::triple_set keys;                // (source, target, type) of every relation
    std::vector<Project> projects;
    string_map<std::size_t> project_index;  // project id -> position in `projects`
    std::vector<Decision> decisions;
    string_map<std::size_t> decision_index;  // decision id -> position in `decisions`
    nlohmann::json metadata;
    mutable detail::built_cache<View> view;  // built on first use, under view_mutex_
  };

  Data data_;
  mutable std::mutex view_mutex_;
};

}  // namespace coproduction

#include "coproduction/model/editing.hpp"  // the editing members' definitions
