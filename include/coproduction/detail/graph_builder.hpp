#pragma once
/// \file
/// The network a GraphML or GEXF reader builds, one element at a time: the readers find the
/// elements and their typed values in the XML; this turns each value into a field or an
/// attribute of a stakeholder or relation, inserts them into the network as they come, and
/// collects every problem with its line. Users include `io/graphml.hpp` or `io/gexf.hpp`.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/graph_columns.hpp"
#include "coproduction/detail/json_reader.hpp"
#include "coproduction/detail/xml_reader.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction::detail::graph_file {

/// A key (GraphML) or attribute declaration (GEXF): its name, declared type, default value,
/// and the field it carries on each domain it applies to.
struct column {
  std::string name;
  value_type type = value_type::string;
  domain where = domain::node;
  std::array<field, 3> role{field::metadata, field::attribute, field::attribute};  // by domain
  std::array<bool, 3> usable{true, true, true};  // false: its values are skipped (reported once)
  std::optional<std::string> default_value;
  std::size_t offset = 0;  ///< of its declaration
  std::size_t index = 0;   ///< position among the builder's columns

  bool applies(domain d) const { return where == domain::all || where == d; }
};

/// Builds the network. The reader calls `declare` for each key, then for each element
/// `begin_node` / `begin_edge`, `value` for each of its values, and `end_node` / `end_edge`;
/// `graph_value` for the values of the graph; and `finish` at the end.
class graph_builder {
 public:
  /// Problems beyond this many stop the reading (a file of a million bad rows is refused
  /// without a million messages).
  static constexpr std::size_t max_problems = 1000;

  graph_builder(const xml::reader& xml, std::string default_type, const XmlLimits& limits,
                bool graphml)
      : xml_(xml), default_type_(std::move(default_type)), limits_(limits), graphml_(graphml) {}

  /// Records a problem at a byte offset of the document.
  void problem(std::size_t offset, std::string code, std::string message) {
    if (log_.size() >= max_problems) {
      log_.add(xml_.place(offset), "format.problems",
               "more than " + std::to_string(max_problems) + " problems: reading stopped here");
      throw format_error(std::move(log_.problems()));
    }
    log_.add(xml_.place(offset), std::move(code), std::move(message));
  }

  /// Adds a column; a declared type that cannot carry the field the name gives is reported
  /// here, once, and the column's values are then skipped.
  column& declare(column c) {
    c.index = columns_.size();
    for (domain d : {domain::graph, domain::node, domain::edge}) {
      if (!c.applies(d)) continue;
      const auto k = static_cast<std::size_t>(d);
      if (c.role[k] != field::skipped) c.role[k] = field_of(d, c.name, graphml_);
      if (c.usable[k] && !accepts(c.role[k], c.type)) {
        c.usable[k] = false;
        problem(c.offset, "format.type",
                "\"" + c.name + "\" is declared " + type_name(c.type) + ", but " +
                    std::string(field_name(c.role[k])) + " needs " + std::string(needs(c.role[k])) +
                    "; its values are not read");
      }
    }
    columns_.push_back(std::move(c));
    stamps_.push_back(0);
    if (columns_.back().default_value) defaults_.push_back(&columns_.back());
    return columns_.back();
  }

  static std::string type_name(value_type t) {
    switch (t) {
      case value_type::boolean: return "boolean";
      case value_type::integer: return "int";
      case value_type::long_integer: return "long";
      case value_type::floating: return "double";
      default: return "string";
    }
  }

  // ---- nodes ------------------------------------------------------------------------------

  void begin_node(std::string_view xml_id, std::size_t offset) {
    begin(domain::node, offset);
    node_ = Stakeholder{};
    node_xml_id_.assign(xml_id);
    given_id_.reset();
  }

  void end_node() {
    apply_defaults();
    std::string id = given_id_ ? *given_id_ : node_xml_id_;
    if (id.empty()) return problem(offset_, "format.value", "a node without an id");
    if (given_id_ && *given_id_ != node_xml_id_) aliases_.emplace(node_xml_id_, id);
    node_.id = id;
    node_.attributes = merged_attributes();
    const Kind kind = node_.kind;
    const bool clean = log_.size() == problems_before_;
    Stakeholder s = clean ? std::move(node_) : Stakeholder{.id = id, .kind = kind};
    try {
      net_.add_stakeholder(std::move(s));
    } catch (const model_error& e) {
      problem(places().of(e.field()), e.code(),
              "stakeholder " + quote(id) + ": " + (e.field().empty() ? "" : e.field() + ": ") +
                  e.message());
      // As the JSON reader does: a stakeholder refused for a field is still inserted
      // without it, so relations naming it do not add a problem each.
      if (e.field() != "id" && !net_.contains(id)) net_.add_stakeholder(Stakeholder{.id = id, .kind = kind});
    }
  }

  // ---- edges ------------------------------------------------------------------------------

  void begin_edge(std::string_view source, std::string_view target, bool directed,
                  std::size_t offset) {
    begin(domain::edge, offset);
    edge_ = Relation{};
    edge_.source = resolve(source);
    edge_.target = resolve(target);
    directed_ = directed;
    kind_type_.reset();
    label_type_.reset();
  }

  void end_edge() {
    apply_defaults();
    // The type: `type`, else GEXF's `kind`, else the label, else the default.
    edge_places places = this->places();
    if (set(field::type)) {
      if (kind_type_ && *kind_type_ != edge_.type)
        problem(offset_of(field::kind_type), "format.value",
                "the edge's kind " + quote(*kind_type_) + " and its type " + quote(edge_.type) +
                    " differ");
    } else if (kind_type_) {
      edge_.type = *kind_type_;
      places.field[index(field::type)] = offset_of(field::kind_type);
    } else if (label_type_) {
      edge_.type = *std::exchange(label_type_, std::nullopt);
      places.field[index(field::type)] = offset_of(field::label_type);
    } else {
      edge_.type = default_type_;
    }
    if (label_type_) add_attribute("label", *label_type_, offset_of(field::label_type));
    edge_.attributes = merged_attributes();
    if (log_.size() != problems_before_ || edge_.source.empty() || edge_.target.empty()) return;
    if (!directed_) {
      // An undirected edge is a tie both ways: two relations.
      Relation back = edge_;
      std::swap(back.source, back.target);
      add_relation(std::move(edge_), places);
      add_relation(std::move(back), places);
    } else {
      add_relation(std::move(edge_), places);
    }
  }

  // ---- values -----------------------------------------------------------------------------

  /// A value of the current node or edge.
  void value(const column& c, std::string_view text, std::size_t offset) {
    const auto k = static_cast<std::size_t>(domain_);
    if (!c.applies(domain_)) {
      return problem(offset, "format.value",
                     "\"" + c.name + "\" is declared for " + domain_name(c.where) +
                         ", not for " + domain_name(domain_));
    }
    if (stamps_[c.index] == element_) {
      return problem(offset, "format.value", "a second value for \"" + c.name + "\"");
    }
    stamps_[c.index] = element_;
    if (!c.usable[k]) return;
    const field f = c.role[k];
    if (f == field::skipped) return;
    if (f == field::attribute || f == field::metadata) {
      std::string why;
      nlohmann::json v = attribute_value(c.type, text, why);
      if (!why.empty()) return problem(offset, "format.value", "\"" + c.name + "\": " + why);
      if (f == field::metadata) return add_metadata(c.name, std::move(v), offset);
      return add_attribute(c.name, std::move(v), offset);
    }
    if (f == field::document) {
      if (document_) return problem(offset, "format.value", "a second coproduction document");
      document_ = std::string(text);
      document_offset_ = offset;
      return;
    }
    if (set(f)) return problem(offset, "format.value", std::string(field_name(f)) + " given twice");
    mark(f, offset);
    read_field(f, c.type, text, offset);
  }

  /// A value of the graph itself (between elements: no node or edge is open).
  void graph_value(const column& c, std::string_view text, std::size_t offset) {
    if (graph_element_ == 0) graph_element_ = ++element_;
    domain_ = domain::graph;
    const std::uint64_t saved = element_;
    element_ = graph_element_;
    value(c, text, offset);
    element_ = saved;
  }

  /// A metadata entry the format gives outside keys (GEXF's `meta` of a foreign file).
  void add_metadata(const std::string& name, nlohmann::json v, std::size_t offset) {
    if (!metadata_.is_object()) metadata_ = nlohmann::json::object();
    if (metadata_.contains(name))
      return problem(offset, "format.value", "metadata \"" + name + "\" given twice");
    metadata_[name] = std::move(v);
  }

  /// The coproduction document, given outside keys (GEXF's `description`).
  void set_document(std::string text, std::size_t offset) {
    document_ = std::move(text);
    document_offset_ = offset;
  }

  /// Inserts what was deferred, reads the document of the rest, and returns the network, or
  /// throws every problem found.
  Network finish() {
    for (const auto& [r, places] : pending_) insert_relation(r, places);
    pending_.clear();
    nlohmann::json metadata;
    if (document_) {
      ProblemLog json_log;
      try {
        const nlohmann::json doc =
            parse_text(*document_, ReadLimits{max_nesting, limits_.max_bytes});
        read_graph_document(doc, net_, json_log, metadata);
      } catch (const format_error& e) {
        for (const auto& p : e.problems()) json_log.add(p.pointer, p.code, p.message);
      }
      for (const auto& p : json_log.problems())
        problem(document_offset_, p.code,
                "in the coproduction document" +
                    (p.pointer.empty() ? std::string() : " at " + p.pointer) + ": " + p.message);
    }
    if (metadata_.is_object()) {
      if (metadata.is_null()) metadata = nlohmann::json::object();
      for (auto it = metadata_.begin(); it != metadata_.end(); ++it) {
        if (metadata.contains(it.key()))
          problem(document_offset_, "format.value",
                  "metadata \"" + it.key() + "\" is given by the document and by the graph");
        else
          metadata[it.key()] = it.value();
      }
    }
    if (!metadata.is_null()) {
      try {
        net_.set_metadata(std::move(metadata));
      } catch (const model_error& e) {
        problem(document_offset_, e.code(), e.message());
      }
    }
    if (!log_.empty()) throw format_error(std::move(log_.problems()));
    return std::move(net_);
  }

 private:
  static std::size_t index(field f) { return static_cast<std::size_t>(f); }
  bool set(field f) const { return (set_ >> index(f)) & 1u; }
  void mark(field f, std::size_t offset) {
    set_ |= std::uint32_t{1} << index(f);
    field_offset_[index(f)] = offset;
  }
  std::size_t offset_of(field f) const { return set(f) ? field_offset_[index(f)] : offset_; }

  // Where each field of an element was given (npos: not given), and the element itself.
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  struct edge_places {
    std::size_t element;
    std::array<std::size_t, field_count> field;

    // The place of a model error's field (`weight`, `provenance/date`, ...).
    std::size_t of(const std::string& name) const {
      const std::string_view leaf = name.rfind("provenance/", 0) == 0
                                        ? std::string_view(name).substr(11)
                                        : std::string_view(name);
      if (leaf.empty() || leaf == "id" || leaf == "source" || leaf == "target") return element;
      for (std::size_t f = 0; f < field_count; ++f)
        if (field_name(static_cast<graph_file::field>(f)) == leaf && field[f] != npos) return field[f];
      return element;
    }
  };

  edge_places places() const {
    edge_places p{offset_, {}};
    for (std::size_t f = 0; f < field_count; ++f)
      p.field[f] = set(static_cast<field>(f)) ? field_offset_[f] : npos;
    return p;
  }

  static std::string domain_name(domain d) {
    switch (d) {
      case domain::graph: return "the graph";
      case domain::node: return "nodes";
      case domain::edge: return "edges";
      default: return "all";
    }
  }

  void begin(domain d, std::size_t offset) {
    domain_ = d;
    offset_ = offset;
    ++element_;
    set_ = 0;
    problems_before_ = log_.size();
    flat_ = nullptr;
    json_attributes_ = nullptr;
  }

  void apply_defaults() {
    for (const column* c : defaults_)
      if (c->applies(domain_) && stamps_[c->index] != element_) value(*c, *c->default_value, c->offset);
  }

  std::string resolve(std::string_view xml_id) const {
    if (!aliases_.empty())
      if (auto it = aliases_.find(std::string(xml_id)); it != aliases_.end()) return it->second;
    return std::string(xml_id);
  }

  void add_attribute(const std::string& name, nlohmann::json v, std::size_t offset) {
    if (!flat_.is_object()) flat_ = nlohmann::json::object();
    if (flat_.contains(name))
      return problem(offset, "format.value", "attribute \"" + name + "\" given twice");
    flat_[name] = std::move(v);
  }

  // The attributes of the element: the JSON text's, and those of their own columns.
  nlohmann::json merged_attributes() {
    nlohmann::json out = std::move(json_attributes_);
    if (flat_.is_object()) {
      if (out.is_null()) return std::move(flat_);
      for (auto it = flat_.begin(); it != flat_.end(); ++it) {
        if (out.contains(it.key()))
          problem(offset_of(field::attributes), "format.value",
                  "attribute \"" + it.key() + "\" is given twice: with a key of its own and in "
                  "the attributes JSON");
        else
          out[it.key()] = std::move(it.value());
      }
    }
    return out;
  }

  template <class E>
  void word(std::optional<E>& out, std::string_view text, std::size_t offset, field f) {
    if (text.empty()) return;
    if (auto e = parse<E>(text)) out = *e;
    else
      problem(offset, "format.value",
              std::string(field_name(f)) + ": " + quote(text) + " is not one of " + spellings<E>());
  }

  void read_field(field f, value_type type, std::string_view text, std::size_t offset) {
    auto fail = [&](const std::string& what) {
      problem(offset, "format.value", std::string(field_name(f)) + ": " + what);
    };
    auto boolean = [&](std::optional<bool>& out) {
      if (auto b = parse_boolean(text)) out = *b;
      else fail(quote(text) + " is not a boolean (true or false)");
    };
    auto number = [&](std::optional<double>& out) {
      if (auto x = parse_double(text)) out = *x;
      else fail(quote(text) + " is not a number");
    };
    switch (f) {
      case field::label: node_.label.assign(text); break;
      case field::role: node_.role.assign(text); break;
      case field::sector: node_.sector.assign(text); break;
      case field::kind: {
        std::optional<Kind> k;
        word(k, text, offset, f);
        if (k) node_.kind = *k;
        break;
      }
      case field::expertise: word(node_.expertise, text, offset, f); break;
      case field::under_served: boolean(node_.under_served); break;
      case field::paid: boolean(node_.paid); break;
      case field::convenor: boolean(node_.convenor); break;
      case field::size:
        if (auto i = parse_integer(text)) {
          node_.size = *i;
        } else if (auto x = parse_double(text); x && type == value_type::floating &&
                                                 *x == std::floor(*x) && std::fabs(*x) < 9.0e15) {
          node_.size = static_cast<long long>(*x);
        } else {
          fail(quote(text) + " is not an integer");
        }
        break;
      case field::influence: number(node_.influence); break;
      case field::stakeholder_id: given_id_ = std::string(text); break;
      case field::type: edge_.type.assign(text); break;
      case field::kind_type: if (!text.empty()) kind_type_ = std::string(text); break;
      case field::label_type: if (!text.empty()) label_type_ = std::string(text); break;
      case field::weight: number(edge_.weight); break;
      case field::scale: word(edge_.scale, text, offset, f); break;
      case field::reported_by: edge_.provenance.reported_by.assign(text); break;
      case field::date: edge_.provenance.date.assign(text); break;
      case field::method: edge_.provenance.method.assign(text); break;
      case field::attributes: {
        if (text.empty()) break;
        try {
          nlohmann::json j = parse_text(text, ReadLimits{max_nesting, limits_.max_bytes});
          if (!j.is_object()) fail("the attributes JSON is not an object");
          else json_attributes_ = std::move(j);
        } catch (const format_error& e) {
          fail("not JSON: " + e.problems().front().pointer + ": " + e.problems().front().message);
        }
        break;
      }
      default: break;
    }
    // An empty text field means "not given", as an empty label does in the model; a type
    // given empty falls back to the next source of a type.
    if (text.empty() && f == field::type) set_ &= ~(std::uint32_t{1} << index(f));
  }

  void add_relation(Relation r, const edge_places& places) {
    // Relations are inserted as they come while both ends are known; from the first edge
    // naming a node not yet read, every edge waits to the end, so the order stays the file's.
    // (The insert itself finds out: asking first would look both ids up twice.)
    if (!pending_.empty()) return pending_.emplace_back(std::move(r), places), void();
    try {
      net_.add_relation(r);
    } catch (const unknown_id& e) {
      if (e.field() == "source" || e.field() == "target") pending_.emplace_back(std::move(r), places);
      else report(r, places, e);
    } catch (const model_error& e) {
      report(r, places, e);
    }
  }

  void report(const Relation& r, const edge_places& places, const model_error& e) {
    problem(places.of(e.field()), e.code(),
            "relation " + relation_name(r) + ": " + (e.field().empty() ? "" : e.field() + ": ") +
                e.message());
  }

  void insert_relation(const Relation& r, const edge_places& places) {
    try {
      net_.add_relation(r);
    } catch (const model_error& e) {
      report(r, places, e);
    }
  }

  const xml::reader& xml_;
  std::string default_type_;
  XmlLimits limits_;
  bool graphml_;
  ProblemLog log_;
  Network net_;

  std::deque<column> columns_;
  std::vector<std::uint64_t> stamps_;
  std::vector<const column*> defaults_;

  domain domain_ = domain::graph;
  std::uint64_t element_ = 0, graph_element_ = 0;
  std::size_t offset_ = 0, problems_before_ = 0;
  std::uint32_t set_ = 0;
  std::array<std::size_t, field_count> field_offset_{};
  nlohmann::json flat_, json_attributes_;

  Stakeholder node_;
  std::string node_xml_id_;
  std::optional<std::string> given_id_;
  std::unordered_map<std::string, std::string> aliases_;

  Relation edge_;
  bool directed_ = true;
  std::optional<std::string> kind_type_, label_type_;
  std::vector<std::pair<Relation, edge_places>> pending_;

  nlohmann::json metadata_;
  std::optional<std::string> document_;
  std::size_t document_offset_ = 0;
};

/// A map from key or attribute ids to columns, looked up by `string_view` without a copy.
struct id_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using column_map = std::unordered_map<std::string, const column*, id_hash, std::equal_to<>>;

/// Calls `on_child()` at each child element of the element whose start tag `xml` has just
/// read, and returns once its end tag is read. `on_child` reads its child whole, end tag
/// included. Text that is not white space is a problem (`format` names the format).
template <class OnChild>
void for_each_child(xml::reader& xml, graph_builder& b, std::string_view format, OnChild on_child) {
  const std::size_t level = xml.depth();
  for (;;) {
    const xml::token t = xml.next();
    if (t == xml::token::done || (t == xml::token::end && xml.depth() < level)) return;
    if (t == xml::token::text) {
      if (!xml::all_space(xml.text()))
        b.problem(xml.offset(), "format.value", "text where " + std::string(format) + " has none");
    } else if (t == xml::token::start) {
      on_child();
    }
  }
}

/// Reports an element the reader does not read, and skips it.
inline void refuse_element(xml::reader& xml, graph_builder& b, const std::string& why) {
  b.problem(xml.offset(), "format.unsupported", "<" + std::string(xml.name()) + ">: " + why);
  xml.skip_element();
}

}  // namespace coproduction::detail::graph_file
