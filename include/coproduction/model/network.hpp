#pragma once
/// \file
/// The network: stakeholders, relations, projects and decisions, validated on insert.

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <nlohmann/json.hpp>

#include "coproduction/error.hpp"
#include "coproduction/model/decision.hpp"
#include "coproduction/model/project.hpp"
#include "coproduction/model/relation.hpp"
#include "coproduction/model/stakeholder.hpp"

namespace coproduction {

namespace detail {
/// RFC 6901 escaping of one reference token (`~` -> `~0`, `/` -> `~1`).
inline std::string pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

inline std::string quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

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
}  // namespace detail

/// A co-production partnership as a graph (DESIGN section 1): stakeholders are the vertices
/// of a `boost::adjacency_list` with bundled properties, relations its directed edges, and
/// projects and decisions sit beside it. Every insert is validated and either succeeds whole
/// or throws a `model_error` and changes nothing. Stakeholders are never removed, so vertex
/// indices are stable and equal to insertion order; relations iterate in insertion order.
class Network {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      Stakeholder, Relation>;
  using vertex_type = Graph::vertex_descriptor;
  using edge_type = Graph::edge_descriptor;

  Network() = default;

  /// Adds a stakeholder. Throws `duplicate_id` if the id is taken and `invalid_value` for an
  /// empty id, a size below 1 (or a person's size other than 1), an influence that is not a
  /// finite number >= 0, or attributes that are not an object. O(1) amortised.
  const Stakeholder& add_stakeholder(Stakeholder s) {
    validate(s);
    auto v = boost::add_vertex(std::move(s), graph_);
    index_.emplace(graph_[v].id, v);
    return graph_[v];
  }

  /// Adds a relation. Throws `unknown_id` for an unknown source or target, `duplicate_id` for
  /// a repeated (source, target, type), and `invalid_value` for a self-relation, a type that
  /// is not `^[a-z][a-z0-9_]*$`, a weight that is not a finite number > 0, a malformed
  /// provenance date, or attributes that are not an object. O(1) amortised.
  const Relation& add_relation(Relation r) {
    RelationKey key = validate(r, nullptr);
    insert_relation(key, std::move(r));
    relation_keys_.insert(std::move(key));
    return graph_[edges_.back()];
  }

  /// Adds many relations, all or none: every relation is validated as `add_relation` does
  /// (a repeat within the batch counts as a duplicate) before any is inserted, so a refused
  /// batch leaves the network unchanged. O(batch) expected.
  void add_relations(std::vector<Relation> batch) {
    std::unordered_set<RelationKey, RelationKeyHash> pending;
    pending.reserve(batch.size());
    std::vector<RelationKey> keys;
    keys.reserve(batch.size());
    for (const Relation& r : batch) {
      keys.push_back(validate(r, &pending));
      pending.insert(keys.back());
    }
    relation_keys_.reserve(relation_keys_.size() + pending.size());
    relation_keys_.merge(pending);
    edges_.reserve(edges_.size() + batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) insert_relation(keys[i], std::move(batch[i]));
  }

  /// Adds a project. Throws `duplicate_id` or `invalid_value` (empty id, attributes not an
  /// object).
  const Project& add_project(Project p) {
    if (p.id.empty()) throw invalid_value(p.id, "id", "an id must not be empty");
    if (project_index_.count(p.id))
      throw duplicate_id(p.id, "id", "project " + detail::quote(p.id) + " already exists");
    check_attributes(p.id, p.attributes);
    project_index_.emplace(p.id, projects_.size());
    projects_.push_back(std::move(p));
    return projects_.back();
  }

  /// Adds a decision. Throws `duplicate_id` for a taken id; `unknown_id` for an unknown
  /// project or a right, vote or veto naming an unknown stakeholder; `invalid_value` when an
  /// object holds a right, no stakeholder holds the decision (`shared` or `decides`), a `sole`
  /// rule lacks exactly one `decides` holder, votes are given for a rule other than majority
  /// or quota or to a non-holder or are below 1, a quota is missing, not finite and > 0, or
  /// larger than the holders' votes, a veto holder is repeated or not a holder, the weight is
  /// not a finite number > 0, or attributes are not an object.
  const Decision& add_decision(Decision d) {
    validate(d);
    decision_index_.emplace(d.id, decisions_.size());
    decisions_.push_back(std::move(d));
    return decisions_.back();
  }

  /// Number of stakeholders, relations, projects and decisions.
  std::size_t num_stakeholders() const { return boost::num_vertices(graph_); }
  std::size_t num_relations() const { return edges_.size(); }
  std::size_t num_projects() const { return projects_.size(); }
  std::size_t num_decisions() const { return decisions_.size(); }

  /// True when a stakeholder has this id. O(1).
  bool contains(std::string_view id) const { return index_.count(std::string(id)) != 0; }

  /// The vertex of a stakeholder (its index, in insertion order). Throws `unknown_id`. O(1).
  vertex_type vertex(std::string_view id) const {
    auto it = index_.find(std::string(id));
    if (it == index_.end())
      throw unknown_id(std::string(id), "", "unknown stakeholder " + detail::quote(id));
    return it->second;
  }

  /// The stakeholder with this id. Throws `unknown_id`. O(1).
  const Stakeholder& stakeholder(std::string_view id) const { return graph_[vertex(id)]; }
  /// The stakeholder at vertex index `v` (0 <= v < num_stakeholders()).
  const Stakeholder& stakeholder_at(vertex_type v) const { return graph_[v]; }
  /// The i-th relation in insertion order.
  const Relation& relation_at(std::size_t i) const { return graph_[edges_.at(i)]; }
  /// The edge descriptor of the i-th relation.
  edge_type edge_at(std::size_t i) const { return edges_.at(i); }

  /// The project with this id. Throws `unknown_id`. O(1).
  const Project& project(std::string_view id) const {
    auto it = project_index_.find(std::string(id));
    if (it == project_index_.end())
      throw unknown_id(std::string(id), "", "unknown project " + detail::quote(id));
    return projects_[it->second];
  }
  /// The decision with this id. Throws `unknown_id`. O(1).
  const Decision& decision(std::string_view id) const {
    auto it = decision_index_.find(std::string(id));
    if (it == decision_index_.end())
      throw unknown_id(std::string(id), "", "unknown decision " + detail::quote(id));
    return decisions_[it->second];
  }

  const std::vector<Project>& projects() const { return projects_; }
  const std::vector<Decision>& decisions() const { return decisions_; }

  /// The Boost.Graph view: vertex bundles are `Stakeholder`, edge bundles `Relation`.
  const Graph& graph() const { return graph_; }

  /// Free description of the data set (title, source, notes); null or an object.
  const nlohmann::json& metadata() const { return metadata_; }
  /// Sets the metadata. Throws `invalid_value` unless it is null or an object.
  void set_metadata(nlohmann::json metadata) {
    if (!metadata.is_null() && !metadata.is_object())
      throw invalid_value("metadata", "", "metadata must be an object");
    metadata_ = std::move(metadata);
  }

  /// Equal when every part is equal and in the same order.
  friend bool operator==(const Network& a, const Network& b) {
    if (a.num_stakeholders() != b.num_stakeholders() || a.num_relations() != b.num_relations())
      return false;
    for (std::size_t v = 0; v < a.num_stakeholders(); ++v)
      if (!(a.graph_[v] == b.graph_[v])) return false;
    for (std::size_t i = 0; i < a.num_relations(); ++i)
      if (!(a.relation_at(i) == b.relation_at(i))) return false;
    return a.projects_ == b.projects_ && a.decisions_ == b.decisions_ &&
           a.metadata_ == b.metadata_;
  }

  // Edge descriptors point into one graph object, and Boost.Graph may copy where a move was
  // asked for, so every copy and move rebuilds the relation order from the graph's own edge
  // list (insertion order for a bidirectional adjacency_list).
  Network(const Network& other)
      : graph_(other.graph_),
        index_(other.index_),
        relation_keys_(other.relation_keys_),
        projects_(other.projects_),
        project_index_(other.project_index_),
        decisions_(other.decisions_),
        decision_index_(other.decision_index_),
        metadata_(other.metadata_) {
    rebuild_edge_order();
  }
  Network(Network&& other)
      : graph_(std::move(other.graph_)),
        index_(std::move(other.index_)),
        relation_keys_(std::move(other.relation_keys_)),
        projects_(std::move(other.projects_)),
        project_index_(std::move(other.project_index_)),
        decisions_(std::move(other.decisions_)),
        decision_index_(std::move(other.decision_index_)),
        metadata_(std::move(other.metadata_)) {
    rebuild_edge_order();
    other.clear();
  }
  Network& operator=(const Network& other) {
    if (this != &other) *this = Network(other);
    return *this;
  }
  Network& operator=(Network&& other) {
    if (this == &other) return *this;
    graph_ = std::move(other.graph_);
    index_ = std::move(other.index_);
    relation_keys_ = std::move(other.relation_keys_);
    projects_ = std::move(other.projects_);
    project_index_ = std::move(other.project_index_);
    decisions_ = std::move(other.decisions_);
    decision_index_ = std::move(other.decision_index_);
    metadata_ = std::move(other.metadata_);
    rebuild_edge_order();
    other.clear();
    return *this;
  }
  ~Network() = default;

 private:
  void rebuild_edge_order() {
    edges_.clear();
    edges_.reserve(boost::num_edges(graph_));
    for (auto [it, end] = boost::edges(graph_); it != end; ++it) edges_.push_back(*it);
  }

  // Leaves a moved-from network empty and valid.
  void clear() {
    graph_.clear();
    index_.clear();
    relation_keys_.clear();
    edges_.clear();
    projects_.clear();
    project_index_.clear();
    decisions_.clear();
    decision_index_.clear();
    metadata_ = nullptr;
  }

  static std::string relation_name(const Relation& r) {
    return r.source + "->" + r.target + " (" + r.type + ")";
  }

  static void check_attributes(const std::string& subject, const nlohmann::json& a) {
    if (!a.is_null() && !a.is_object())
      throw invalid_value(subject, "attributes", "attributes must be an object");
  }

  static void check_positive(const std::string& subject, const std::string& field, double x) {
    if (!std::isfinite(x) || x <= 0)
      throw invalid_value(subject, field, "must be a finite number > 0, not " + number(x));
  }

  static std::string number(double x) {
    if (std::isnan(x)) return "NaN";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    if (x == std::floor(x) && std::fabs(x) < 9.0e15) return std::to_string(static_cast<long long>(x));
    return nlohmann::json(x).dump();
  }

  void validate(const Stakeholder& s) const {
    if (s.id.empty()) throw invalid_value(s.id, "id", "an id must not be empty");
    if (index_.count(s.id))
      throw duplicate_id(s.id, "id", "stakeholder " + detail::quote(s.id) + " already exists");
    if (s.size) {
      if (*s.size < 1)
        throw invalid_value(s.id, "size", "must be an integer >= 1, not " + std::to_string(*s.size));
      if (s.kind == Kind::person && *s.size != 1)
        throw invalid_value(s.id, "size", "a person's size is 1, not " + std::to_string(*s.size));
    }
    if (s.influence && (!std::isfinite(*s.influence) || *s.influence < 0))
      throw invalid_value(s.id, "influence",
                          "must be a finite number >= 0, not " + number(*s.influence));
    check_attributes(s.id, s.attributes);
  }

  struct RelationKey {
    vertex_type source, target;
    std::string type;
    bool operator==(const RelationKey&) const = default;
  };
  struct RelationKeyHash {
    std::size_t operator()(const RelationKey& k) const noexcept {
      std::size_t h = std::hash<std::string>{}(k.type);
      h ^= k.source + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      h ^= k.target + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      return h;
    }
  };

  void insert_relation(const RelationKey& key, Relation&& r) {
    auto [e, added] = boost::add_edge(key.source, key.target, std::move(r), graph_);
    (void)added;  // a multigraph: add_edge always adds
    edges_.push_back(e);
  }

  // Checks a relation against the network and, for a batch, the relations pending with it.
  RelationKey validate(const Relation& r,
                       const std::unordered_set<RelationKey, RelationKeyHash>* pending) const {
    // The name is made only for a message: a batch of a million valid rows never needs it.
    auto name = [&r] { return relation_name(r); };
    auto u = index_.find(r.source);
    if (u == index_.end())
      throw unknown_id(name(), "source", "unknown stakeholder " + detail::quote(r.source));
    auto v = index_.find(r.target);
    if (v == index_.end())
      throw unknown_id(name(), "target", "unknown stakeholder " + detail::quote(r.target));
    if (r.source == r.target)
      throw invalid_value(name(), "target", "a stakeholder cannot relate to itself");
    if (!detail::is_type_name(r.type))
      throw invalid_value(name(), "type",
                          detail::quote(r.type) + " is not a type name (^[a-z][a-z0-9_]*$)");
    if (r.weight && !(std::isfinite(*r.weight) && *r.weight > 0))
      check_positive(name(), "weight", *r.weight);
    if (!r.provenance.date.empty() && !detail::is_partial_date(r.provenance.date))
      throw invalid_value(name(), "provenance/date",
                          detail::quote(r.provenance.date) +
                              " is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    if (!r.attributes.is_null()) check_attributes(name(), r.attributes);
    RelationKey key{u->second, v->second, r.type};
    if (relation_keys_.count(key) || (pending && pending->count(key)))
      throw duplicate_id(name(), "", "the relation " + name() + " already exists");
    return key;
  }

  void validate(const Decision& d) const {
    if (d.id.empty()) throw invalid_value(d.id, "id", "an id must not be empty");
    if (decision_index_.count(d.id))
      throw duplicate_id(d.id, "id", "decision " + detail::quote(d.id) + " already exists");
    if (!project_index_.count(d.project))
      throw unknown_id(d.id, "project", "unknown project " + detail::quote(d.project));
    std::size_t decides = 0, holders = 0;
    for (const auto& [id, right] : d.rights) {
      const std::string field = "rights/" + detail::pointer_token(id);
      auto it = index_.find(id);
      if (it == index_.end())
        throw unknown_id(d.id, field, "unknown stakeholder " + detail::quote(id));
      if (graph_[it->second].kind == Kind::object && right != Right::none)
        throw invalid_value(d.id, field,
                            "the object " + detail::quote(id) + " cannot hold a right (" +
                                std::string(to_string(right)) + ")");
      holders += is_holder(right);
      decides += right == Right::decides;
    }
    if (holders == 0)
      throw invalid_value(d.id, "rights",
                          "no stakeholder holds the decision (shared or decides)");
    const DecisionRule& rule = d.rule;
    if (rule.kind == RuleKind::sole && decides != 1)
      throw invalid_value(d.id, "rule/kind",
                          "a sole rule needs exactly one \"decides\" holder, not " +
                              std::to_string(decides));
    if (!rule.votes.empty() && rule.kind != RuleKind::majority && rule.kind != RuleKind::quota)
      throw invalid_value(d.id, "rule/votes", "votes are given only for majority or quota rules");
    for (const auto& [id, votes] : rule.votes) {
      const std::string field = "rule/votes/" + detail::pointer_token(id);
      check_holder(d, id, field);
      if (votes < 1)
        throw invalid_value(d.id, field, "votes must be an integer >= 1, not " +
                                             std::to_string(votes));
    }
    if (rule.kind == RuleKind::quota) {
      if (!rule.quota) throw invalid_value(d.id, "rule/quota", "a quota rule needs a quota");
      check_positive(d.id, "rule/quota", *rule.quota);
      long double total = 0;
      for (const auto& id : d.holders()) total += d.votes_of(id);
      if (*rule.quota > total)
        throw invalid_value(d.id, "rule/quota",
                            "the quota " + number(*rule.quota) + " is larger than the " +
                                number(static_cast<double>(total)) + " votes of the holders");
    } else if (rule.quota) {
      throw invalid_value(d.id, "rule/quota", "only a quota rule has a quota");
    }
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < rule.veto.size(); ++i) {
      const std::string field = "rule/veto/" + std::to_string(i);
      check_holder(d, rule.veto[i], field);
      if (!seen.insert(rule.veto[i]).second)
        throw invalid_value(d.id, field, detail::quote(rule.veto[i]) + " is listed twice");
    }
    if (d.weight) check_positive(d.id, "weight", *d.weight);
    check_attributes(d.id, d.attributes);
  }

  void check_holder(const Decision& d, const std::string& id, const std::string& field) const {
    if (!index_.count(id))
      throw unknown_id(d.id, field, "unknown stakeholder " + detail::quote(id));
    if (!is_holder(d.right_of(id)))
      throw invalid_value(d.id, field,
                          detail::quote(id) + " does not hold the decision (right " +
                              std::string(to_string(d.right_of(id))) + ")");
  }

  Graph graph_;
  std::unordered_map<std::string, vertex_type> index_;
  std::unordered_set<RelationKey, RelationKeyHash> relation_keys_;
  std::vector<edge_type> edges_;
  std::vector<Project> projects_;
  std::unordered_map<std::string, std::size_t> project_index_;
  std::vector<Decision> decisions_;
  std::unordered_map<std::string, std::size_t> decision_index_;
  nlohmann::json metadata_;
};

}  // namespace coproduction
