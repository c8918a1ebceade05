#pragma once
/// \file
/// The reader of a timeline's dynamic GEXF (io/gexf_timeline.hpp, `read_gexf_timeline`). It
/// reads the XML with the hardened pull reader the GEXF and GraphML readers use
/// (detail/xml_reader.hpp: bounded size, depth, attributes; no entities or DTDs), turns each
/// node's and edge's spells and values into its fields in each wave, checks every time against
/// the waves, and hands the waves to the timeline reader (io/timeline_json.hpp), whose
/// problems it places back at the node or edge they came from.

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/gexf_timeline_fields.hpp"
#include "coproduction/detail/json_reader.hpp"
#include "coproduction/detail/xml_reader.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/timeline_json.hpp"
#include "coproduction/model/timeline.hpp"

namespace coproduction::detail::gexf_timeline {

class reader {
 public:
  /// Problems beyond this many stop the reading.
  static constexpr std::size_t max_problems = 100;
  /// Elements times waves beyond this many are refused: an element without spells is in
  /// every wave, so a small file could otherwise ask for a timeline of any size.
  static constexpr std::size_t max_cells = std::size_t{1} << 24;

  reader(std::string_view text, const XmlLimits& limits) : xml_(text, limits), limits_(limits) {}

  Timeline read() {
    const xml::token t = xml_.next();
    if (t != xml::token::start || xml_.local_name() != "gexf")
      xml_.fail(xml_.offset(), "format.value",
                "the root element is <" + std::string(xml_.name()) + ">, not <gexf>: not a GEXF document");
    bool graph_seen = false;
    children([&] {
      const std::string_view name = xml_.local_name();
      if (name == "meta") meta();
      else if (name == "graph" && !graph_seen) graph_seen = true, graph();
      else if (name == "graph") refuse("a file holds one graph");
      else refuse("not an element of GEXF");
    });
    while (xml_.next() != xml::token::done) {
    }
    if (!graph_seen) problem(0, "format.missing", "the file holds no <graph>");
    if (!problems_.empty()) throw format_error(std::move(problems_));
    return assemble();
  }

 private:
  struct span {
    std::size_t first = 0, last = 0;
  };
  struct column {
    std::size_t field;
    bool dynamic;
  };
  struct given {  // an attvalue, resolved once the element's spells are known
    std::size_t field, offset;
    std::string text;
    std::optional<std::string> start, end;
    std::size_t start_at, end_at;
  };
  struct element {
    std::string id;
    std::size_t offset;
    std::vector<char> in;                // per wave
    std::vector<nlohmann::json> fields;  // per wave: the stakeholder or relation object
  };
  using column_map = std::unordered_map<std::string, column>;

  // ---- problems ----

  void problem(std::size_t offset, std::string code, std::string message) {
    problems_.push_back({xml_.place(offset), std::move(code), std::move(message)});
    if (problems_.size() >= max_problems) {
      problems_.push_back({xml_.place(offset), "format.limit",
                           "more than " + std::to_string(max_problems) + " problems: reading stopped"});
      throw format_error(std::move(problems_));
    }
  }
  void refuse(const std::string& why) {
    problem(xml_.offset(), "format.unsupported", "<" + std::string(xml_.name()) + ">: " + why);
    xml_.skip_element();
  }
  template <class OnChild>
  void children(OnChild on_child) {
    const std::size_t level = xml_.depth();
    for (;;) {
      const xml::token t = xml_.next();
      if (t == xml::token::done || (t == xml::token::end && xml_.depth() < level)) return;
      if (t == xml::token::text && !xml::all_space(xml_.text()))
        problem(xml_.offset(), "format.value", "text where GEXF has none");
      else if (t == xml::token::start)
        on_child();
    }
  }
  std::optional<std::string> attribute(std::string_view name, std::size_t* offset = nullptr) const {
    const xml::attribute* a = xml_.find(name);
    if (!a) return std::nullopt;
    if (offset) *offset = a->offset;
    return std::string(a->value);
  }

  // ---- the timeline document in <meta> ----

  void meta() {
    children([&] {
      const std::string name(xml_.local_name());
      if (name != "creator" && name != "description" && name != "keywords")
        return refuse("not an element of GEXF's meta");
      const std::size_t at = xml_.offset();
      bool markup = false;
      const std::string text(xml_.element_text(markup));
      if (name != "description") return;
      if (markup) return problem(at, "format.value", "<description>: markup inside a value");
      description_at_ = at;
      try {
        document_ = parse_text(text, ReadLimits{max_nesting, limits_.max_bytes});
      } catch (const format_error& e) {
        for (const auto& p : e.problems()) problem(at, p.code, "in the timeline document: " + p.message);
        return;
      }
      const nlohmann::json* waves = document_.is_object() && document_.contains("waves") ? &document_["waves"] : nullptr;
      if (!waves || !waves->is_array() || waves->empty()) {
        document_ = nullptr;
        return problem(at, "format.missing",
                       "the description holds no timeline document with waves: not a timeline's GEXF "
                       "(a network's GEXF is read with read_gexf)");
      }
      times_ = times_of(waves->size(), [&](std::size_t w) {
        const nlohmann::json& wave = (*waves)[w];
        return wave.is_object() && wave.contains("date") && wave["date"].is_string()
                   ? wave["date"].get<std::string>() : std::string();
      });
      for (std::size_t w = 0; w < times_.at.size(); ++w) wave_at_.emplace(times_.at[w], w);
    });
  }

  // ---- the graph ----

  void graph() {
    const std::size_t at = xml_.offset();
    if (document_.is_null()) {
      problem(at, "format.missing", "no timeline document in <meta> before <graph>");
      return xml_.skip_element();
    }
    if (attribute("mode").value_or("static") != "dynamic")
      problem(at, "format.value", "the graph is not dynamic: a network's GEXF is read with read_gexf");
    const std::string format = times_.date ? "date" : "integer";
    if (const auto tf = attribute("timeformat"); tf.value_or("double") != format)
      problem(at, "format.time", "timeformat \"" + tf.value_or("double") + "\", not \"" + format +
                                     "\" as the waves' " + (times_.date ? "dates" : "ordinals") + " say");
    if (attribute("defaultedgetype").value_or("undirected") != "directed")
      problem(at, "format.value", "defaultedgetype is not directed: relations are directed");
    children([&] {
      const std::string_view name = xml_.local_name();
      if (name == "attributes") attributes();
      else if (name == "nodes") children([&] { node(); });
      else if (name == "edges") children([&] { edge(); });
      else refuse("not read inside <graph>");
    });
  }

  void attributes() {
    const std::string cls = attribute("class").value_or("");
    const bool dynamic = attribute("mode").value_or("static") == "dynamic";
    if (cls != "node" && cls != "edge") return refuse("class \"" + cls + "\" is not node or edge");
    const bool node = cls == "node";
    column_map& columns = node ? node_columns_ : edge_columns_;
    children([&] {
      if (xml_.local_name() != "attribute") return refuse("not read inside <attributes>");
      const std::size_t here = xml_.offset();
      const std::string id = attribute("id").value_or("");
      const std::string title = attribute("title").value_or(id);
      const std::string type = attribute("type").value_or("string");
      children([&] { refuse("defaults and options are not written for a timeline"); });
      std::optional<std::size_t> field;
      const auto find = [&](const auto& specs) {
        for (std::size_t f = 0; f < specs.size(); ++f)
          if (specs[f].name == title) field = f;
        if (field && gexf_type(specs[*field].type) != type)
          problem(here, "format.value", "attribute \"" + title + "\" is declared " + type + ", not " +
                                            std::string(gexf_type(specs[*field].type)));
      };
      if (node) find(node_fields);
      else find(edge_fields);
      if (id.empty()) return problem(here, "format.missing", "an <attribute> without an id");
      if (!field)
        return problem(here, "format.value",
                       "\"" + title + "\" is not a field of a " + (node ? "stakeholder" : "relation"));
      if (!columns.emplace(id, column{*field, dynamic}).second)
        problem(here, "format.value", "attribute \"" + id + "\" declared twice");
    });
  }

  // Reads the spells, values and own attributes of a node or edge into `e`.
  template <std::size_t Fields>
  void element_children(element& e, const column_map& columns, const std::array<field_spec, Fields>& specs,
                        std::vector<given>& values) {
    const std::size_t k = times_.at.size();
    std::vector<span> spells;
    bool spells_seen = false;
    const auto time = [&](const std::optional<std::string>& t, std::size_t offset, std::size_t otherwise) {
      if (!t) return otherwise;
      const auto it = wave_at_.find(*t);
      if (it != wave_at_.end()) return it->second;
      problem(offset, "format.time", "\"" + *t + "\" is the time of no wave (the waves stand at " +
                                         times_.at.front() + " to " + times_.at.back() + ")");
      return static_cast<std::size_t>(-1);
    };
    // An interval: nothing when a bound is no wave's time or it ends before it starts.
    const auto interval = [&](const std::optional<std::string>& start, std::size_t start_at,
                              const std::optional<std::string>& end, std::size_t end_at) -> std::optional<span> {
      const std::size_t a = time(start, start_at, 0), b = time(end, end_at, k - 1);
      if (a == static_cast<std::size_t>(-1) || b == static_cast<std::size_t>(-1)) return std::nullopt;
      if (a > b) {
        problem(start_at, "format.spell", "starts at " + times_.at[a] + ", after its end at " + times_.at[b]);
        return std::nullopt;
      }
      return span{a, b};
    };
    std::size_t s_at = e.offset, e_at = e.offset;
    const auto own_start = attribute("start", &s_at), own_end = attribute("end", &e_at);
    // GEXF 1.2's open bounds and 1.3's timestamps: not how a timeline's waves are written.
    const auto refuse_open = [&] {
      for (const char* open : {"startopen", "endopen", "timestamp", "timestamps"})
        if (std::size_t at = 0; attribute(open, &at))
          problem(at, "format.unsupported", std::string(open) + ": a timeline's GEXF gives closed spells only");
    };
    refuse_open();
    children([&] {
      const std::string_view name = xml_.local_name();
      if (xml_.uri().find("viz") != std::string_view::npos || xml_.name().rfind("viz:", 0) == 0)
        return xml_.skip_element();
      if (name == "spells") {
        spells_seen = true;
        return children([&] {
          if (xml_.local_name() != "spell") return refuse("not read inside <spells>");
          const std::size_t at = xml_.offset();
          std::size_t a = at, b = at;
          const auto start = attribute("start", &a), end = attribute("end", &b);
          refuse_open();
          xml_.skip_element();
          if (const auto s = interval(start, a, end, b)) {
            if (!spells.empty() && s->first <= spells.back().last)
              return problem(at, "format.spell",
                             "the spell from " + times_.at[s->first] + " to " + times_.at[s->last] +
                                 (s->last >= spells.back().first ? " overlaps" : " comes before") +
                                 " the spell before it, from " + times_.at[spells.back().first] + " to " +
                                 times_.at[spells.back().last] + " (spells go in time order, apart)");
            spells.push_back(*s);
          }
        });
      }
      if (name != "attvalues") return refuse("not read inside a node or edge");
      children([&] {
        if (xml_.local_name() != "attvalue") return refuse("not read inside <attvalues>");
        given g{};
        g.offset = xml_.offset();
        const auto f = attribute("for");
        const auto v = attribute("value");
        g.start = attribute("start", &g.start_at);
        g.end = attribute("end", &g.end_at);
        refuse_open();
        xml_.skip_element();
        if (!f || !v) return problem(g.offset, "format.missing", "an <attvalue> without for or value");
        const auto c = columns.find(*f);
        if (c == columns.end()) return problem(g.offset, "format.value", "no <attribute> declares \"" + *f + "\"");
        if (!c->second.dynamic && (g.start || g.end))
          return problem(g.offset, "format.spell", "a value of the static attribute \"" + *f + "\" with a start or end");
        g.field = c->second.field;
        g.text = *v;
        values.push_back(std::move(g));
      });
    });
    if (spells_seen && (own_start || own_end))
      problem(e.offset, "format.spell", "both <spells> and a start or end of its own");
    if (!spells_seen) {
      if (const auto s = interval(own_start, s_at, own_end, e_at)) spells.push_back(*s);
    }
    if ((nodes_.size() + edges_.size() + 1) > max_cells / k) {
      problems_.push_back({xml_.place(e.offset), "format.limit",
                           "more than " + std::to_string(max_cells) + " nodes and edges times waves"});
      throw format_error(std::move(problems_));
    }
    e.in.assign(k, 0);
    e.fields.assign(k, nlohmann::json());
    for (const span& s : spells)
      for (std::size_t w = s.first; w <= s.last; ++w) e.in[w] = 1;
    // The values, each in the waves it holds in; a field given twice in one wave is refused.
    std::vector<std::vector<char>> taken(Fields, std::vector<char>(k, 0));
    for (const given& g : values) {
      // A value without a start or end holds in every wave the element is in.
      const auto s = g.start || g.end ? interval(g.start, g.start_at, g.end, g.end_at)
                                      : std::optional<span>(span{0, k - 1});
      if (!s) continue;
      const std::string_view name = specs[g.field].name;
      for (std::size_t w = s->first; w <= s->last; ++w) {
        if (!e.in[w]) {
          if (g.start || g.end) {
            problem(g.offset, "format.spell", "a value of \"" + std::string(name) + "\" at " + times_.at[w] +
                                                  ", outside the spells of its " + kind_name(specs));
            break;
          }
          continue;
        }
        // An edge's kind and its type value both give its type: apply() checks they agree.
        if (taken[g.field][w] && !(Fields == edge_fields.size() && g.field == edge_type)) {
          problem(g.offset, "format.spell", "a second value of \"" + std::string(name) + "\" at " + times_.at[w]);
          break;
        }
        taken[g.field][w] = 1;
      }
    }
  }

  template <std::size_t Fields>
  static std::string kind_name(const std::array<field_spec, Fields>&) {
    return Fields == node_fields.size() ? "node" : "edge";
  }

  // A value's text as JSON, by its field's type; nothing (and a problem) when it is not one.
  std::optional<nlohmann::json> parse(const field_spec& spec, const given& g) {
    const std::string& t = g.text;
    const auto bad = [&](const char* what) {
      problem(g.offset, "format.value", "\"" + std::string(spec.name) + "\": \"" + t + "\" is not " + what);
      return std::nullopt;
    };
    switch (spec.type) {
      case kind_of_value::boolean:
        if (t == "true" || t == "1") return nlohmann::json(true);
        if (t == "false" || t == "0") return nlohmann::json(false);
        return bad("a boolean");
      case kind_of_value::long_integer: {
        long long x = 0;
        const auto r = std::from_chars(t.data(), t.data() + t.size(), x);
        if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size()) return bad("an integer");
        return nlohmann::json(x);
      }
      case kind_of_value::floating: {
        double x = 0;
        const auto r = std::from_chars(t.data(), t.data() + t.size(), x);
        if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size()) return bad("a number");
        return nlohmann::json(x);
      }
      case kind_of_value::json:
        try {
          return parse_text(t, ReadLimits{max_nesting, limits_.max_bytes});
        } catch (const format_error& e) {
          return bad(("JSON text (" + e.problems().front().message + ")").c_str());
        }
      default: return nlohmann::json(t);
    }
  }

  // Puts the values into the element's fields in each wave they hold in.
  template <std::size_t Fields, class Put>
  void apply(element& e, const std::vector<given>& values, const std::array<field_spec, Fields>& specs, Put put) {
    const std::size_t k = e.in.size();
    for (const given& g : values) {
      auto v = parse(specs[g.field], g);
      if (!v) continue;
      std::size_t a = 0, b = k - 1;
      if (g.start) a = wave_at_.count(*g.start) ? wave_at_.at(*g.start) : k;
      if (g.end) b = wave_at_.count(*g.end) ? wave_at_.at(*g.end) : k;
      for (std::size_t w = a; w <= b && w < k; ++w)
        if (e.in[w]) put(e.fields[w], g.field, *v, w);
    }
  }

  void node() {
    if (xml_.local_name() != "node") return refuse("not read inside <nodes>");
    element e;
    e.offset = xml_.offset();
    std::size_t label_at = e.offset;
    const auto id = attribute("id");
    const auto label = attribute("label", &label_at);
    if (!id || id->empty()) problem(e.offset, "format.missing", "a node without an id");
    std::vector<given> values;
    if (label && !label->empty()) values.push_back({node_label, label_at, *label, std::nullopt, std::nullopt, 0, 0});
    const bool dynamic_label = std::any_of(node_columns_.begin(), node_columns_.end(),
                                           [](const auto& c) { return c.second.field == node_label; });
    if (dynamic_label) values.clear();  // the dynamic attribute gives the label; GEXF's own only shows one
    element_children(e, node_columns_, node_fields, values);
    if (!id || id->empty()) return;
    e.id = *id;
    std::vector<char> not_surveyed(e.in.size(), 0);
    for (std::size_t w = 0; w < e.in.size(); ++w)
      if (e.in[w]) e.fields[w] = nlohmann::json{{"id", e.id}};
    apply(e, values, node_fields, [&](nlohmann::json& s, std::size_t f, nlohmann::json v, std::size_t w) {
      if (f == node_not_surveyed) not_surveyed[w] = v.get<bool>();
      else s[std::string(node_fields[f].name)] = std::move(v);
    });
    if (!node_index_.emplace(e.id, nodes_.size()).second)
      return problem(e.offset, "format.value", "a second node with the id \"" + e.id + "\"");
    node_not_surveyed_.push_back(std::move(not_surveyed));
    nodes_.push_back(std::move(e));
  }

  void edge() {
    if (xml_.local_name() != "edge") return refuse("not read inside <edges>");
    element e;
    e.offset = xml_.offset();
    std::size_t weight_at = e.offset, kind_at = e.offset;
    const auto id = attribute("id");
    const auto source = attribute("source"), target = attribute("target");
    const auto kind = attribute("kind", &kind_at);
    const auto weight = attribute("weight", &weight_at);
    if (const auto type = attribute("type"); type && *type != "directed")
      problem(e.offset, "format.value", "an edge of type \"" + *type + "\": relations are directed");
    std::vector<given> values;
    if (kind) values.push_back({edge_type, kind_at, *kind, std::nullopt, std::nullopt, 0, 0});
    if (weight) values.push_back({edge_weight, weight_at, *weight, std::nullopt, std::nullopt, 0, 0});
    element_children(e, edge_columns_, edge_fields, values);
    if (!id || id->empty()) return problem(e.offset, "format.missing", "an edge without an id");
    if (!source || !target) return problem(e.offset, "format.missing", "an edge without a source or a target");
    for (const std::string* end : {&*source, &*target})
      if (!node_index_.count(*end)) return problem(e.offset, "format.value", "no node has the id \"" + *end + "\"");
    e.id = *id;
    for (std::size_t w = 0; w < e.in.size(); ++w)
      if (e.in[w]) e.fields[w] = nlohmann::json{{"source", *source}, {"target", *target}};
    apply(e, values, edge_fields, [&](nlohmann::json& r, std::size_t f, nlohmann::json v, std::size_t) {
      const std::string name(edge_fields[f].name);
      if (f == edge_type && r.contains("type") && r["type"] != v)
        problem(e.offset, "format.value", "the edge's kind and its type value differ");
      if (name == "reported_by" || name == "date" || name == "method") r["provenance"][name] = std::move(v);
      else r[name] = std::move(v);
    });
    if (!edge_index_.emplace(e.id, edges_.size()).second)
      return problem(e.offset, "format.value", "a second edge with the id \"" + e.id + "\"");
    edges_.push_back(std::move(e));
  }

  // ---- the waves ----

  // The elements of wave `w` in the order the description gives (`order/<part>`), or in file
  // order; `where` gets each one's offset.
  std::vector<std::size_t> wave_order(std::size_t w, const std::vector<element>& all,
                                      const std::unordered_map<std::string, std::size_t>& index,
                                      const nlohmann::json& wave, const char* part) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all[i].in[w]) out.push_back(i);
    if (!wave.is_object() || !wave.contains("order") || !wave["order"].is_object() || !wave["order"].contains(part))
      return out;
    const nlohmann::json& listed = wave["order"][part];
    std::vector<std::size_t> given_order;
    bool good = listed.is_array() && listed.size() == out.size();
    for (std::size_t i = 0; good && i < listed.size(); ++i) {
      const auto it = listed[i].is_string() ? index.find(listed[i].get<std::string>()) : index.end();
      good = it != index.end() && all[it->second].in[w];
      if (good) given_order.push_back(it->second);
    }
    std::vector<std::size_t> sorted = given_order;
    std::sort(sorted.begin(), sorted.end());
    if (!good || sorted != out) {
      problem(description_at_, "format.value",
              "in the timeline document at /waves/" + std::to_string(w) + "/order/" + part +
                  ": not the " + part + " of the wave, each once");
      return out;
    }
    return given_order;
  }

  Timeline assemble() {
    nlohmann::json doc = document_;
    const std::size_t k = times_.at.size();
    std::vector<std::vector<std::size_t>> node_at(k), edge_at(k);
    for (std::size_t w = 0; w < k; ++w) {
      nlohmann::json& wave = doc["waves"][w];
      const std::string name = wave.is_object() && wave.contains("name") && wave["name"].is_string()
                                   ? wave["name"].get<std::string>() : "wave " + std::to_string(w + 1);
      // The not_surveyed attribute and the wave's list name the same stakeholders.
      std::vector<std::string> listed;
      if (wave.is_object() && wave.contains("not_surveyed") && wave["not_surveyed"].is_array())
        for (const auto& id : wave["not_surveyed"])
          if (id.is_string()) listed.push_back(id.get<std::string>());
      for (std::size_t n = 0; n < nodes_.size(); ++n) {
        const bool in_list = std::find(listed.begin(), listed.end(), nodes_[n].id) != listed.end();
        if (nodes_[n].in[w] && in_list != static_cast<bool>(node_not_surveyed_[n][w]))
          problem(nodes_[n].offset, "format.value",
                  "not_surveyed is " + std::string(in_list ? "not true" : "true") + " at " + times_.at[w] +
                      " but wave \"" + name + "\" " + (in_list ? "lists" : "does not list") +
                      " the stakeholder as not surveyed");
      }
      const auto people = wave_order(w, nodes_, node_index_, wave, "stakeholders");
      const auto ties = wave_order(w, edges_, edge_index_, wave, "relations");
      if (!wave.is_object()) continue;  // the timeline reader says what is wrong with it
      wave.erase("order");
      nlohmann::json& net = wave["network"];
      if (!net.is_object()) continue;
      auto& s = net["stakeholders"] = nlohmann::json::array();
      for (const std::size_t n : people) s.push_back(nodes_[n].fields[w]), node_at[w].push_back(nodes_[n].offset);
      auto& r = net["relations"] = nlohmann::json::array();
      for (const std::size_t e : ties) r.push_back(edges_[e].fields[w]), edge_at[w].push_back(edges_[e].offset);
    }
    if (!problems_.empty()) throw format_error(std::move(problems_));
    try {
      return timeline_from_document(doc);
    } catch (const format_error& e) {
      for (const format_problem& p : e.problems()) place(p, node_at, edge_at, doc);
      throw format_error(std::move(problems_));
    }
  }

  // A problem of the timeline reader, at the node or edge its pointer names, else at the
  // description.
  void place(const format_problem& p, const std::vector<std::vector<std::size_t>>& node_at,
             const std::vector<std::vector<std::size_t>>& edge_at, const nlohmann::json& doc) {
    std::vector<std::string> parts;
    for (std::size_t i = 1; i <= p.pointer.size() && !p.pointer.empty();) {
      const std::size_t j = std::min(p.pointer.find('/', i), p.pointer.size());
      parts.push_back(p.pointer.substr(i, j - i));
      i = j + 1;
    }
    const auto number = [](const std::string& s) -> std::optional<std::size_t> {
      std::size_t x = 0;
      const auto r = std::from_chars(s.data(), s.data() + s.size(), x);
      if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
      return x;
    };
    if (parts.size() >= 5 && parts[0] == "waves" && parts[2] == "network" &&
        (parts[3] == "stakeholders" || parts[3] == "relations")) {
      const auto w = number(parts[1]), i = number(parts[4]);
      const auto& at = parts[3] == "stakeholders" ? node_at : edge_at;
      if (w && i && *w < at.size() && *i < at[*w].size()) {
        std::string field;
        for (std::size_t j = 5; j < parts.size(); ++j) field += (j > 5 ? "/" : "") + parts[j];
        const nlohmann::json& wave = doc.at("waves").at(*w);
        const bool named = wave.contains("name") && wave.at("name").is_string();
        return problem(at[*w][*i], p.code,
                       "in wave " + (named ? "\"" + wave.at("name").get<std::string>() + "\"" : std::to_string(*w + 1)) +
                           (field.empty() ? "" : ", " + field) + ": " + p.message);
      }
    }
    problem(description_at_, p.code,
            "in the timeline document" + (p.pointer.empty() ? std::string() : " at " + p.pointer) + ": " + p.message);
  }

  xml::reader xml_;
  XmlLimits limits_;
  std::vector<format_problem> problems_;
  nlohmann::json document_;
  std::size_t description_at_ = 0;
  wave_times times_;
  std::unordered_map<std::string, std::size_t> wave_at_, node_index_, edge_index_;
  column_map node_columns_, edge_columns_;
  std::vector<element> nodes_, edges_;
  std::vector<std::vector<char>> node_not_surveyed_;
};

}  // namespace coproduction::detail::gexf_timeline
