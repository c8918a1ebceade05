#pragma once
/// \file
/// The coproduction JSON format, version 1 (`docs/format.md`, schema in
/// `docs/schema/coproduction-1.schema.json`): ADL `to_json` / `from_json` for every model type,
/// a reader that reports every problem with its JSON pointer, and an atomic writer.

#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#if __has_include(<unistd.h>)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define COPRODUCTION_POSIX_IO 1
#endif

#include <nlohmann/json.hpp>

#include "coproduction/error.hpp"
#include "coproduction/model/nesting.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

/// The format name and the version this library reads and writes.
inline constexpr std::string_view format_name = "coproduction";
inline constexpr int format_version = 1;

/// Limits of the reader (nlohmann/json sets none of its own). A document over a limit gets a
/// `format_error`, never a crash.
struct ReadLimits {
  /// Nesting of objects and arrays, the document itself being level 1; at most `max_nesting`.
  std::size_t max_depth = max_nesting;
  std::size_t max_bytes = std::size_t{256} << 20;  ///< size of the text
};

namespace detail {

/// Writes a double as an integer when it is one, so `1` stays `1` through a round trip.
inline nlohmann::json number_value(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9.0e15)
    return static_cast<std::int64_t>(x);
  return x;
}

/// Collects the problems of one document, each with its JSON pointer.
class ProblemLog {
 public:
  void add(std::string pointer, std::string code, std::string message) {
    problems_.push_back({std::move(pointer), std::move(code), std::move(message)});
  }
  bool empty() const { return problems_.empty(); }
  std::size_t size() const { return problems_.size(); }
  std::vector<format_problem>& problems() { return problems_; }

 private:
  std::vector<format_problem> problems_;
};

/// Reads the fields of one JSON object, recording a problem for every field that is missing,
/// of the wrong type, out of its vocabulary, or not part of the format.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& j, std::string pointer, ProblemLog& log)
      : j_(j), pointer_(std::move(pointer)), log_(log), start_(log.size()) {
    if (!j_.is_object()) {
      log_.add(pointer_, "format.type", "must be an object, not " + type_name(j_));
      valid_ = false;
    }
  }

  /// True when the object itself is usable (it is an object).
  bool valid() const { return valid_; }
  /// True when no problem was recorded through this reader.
  bool clean() const { return log_.size() == start_; }
  const std::string& pointer() const { return pointer_; }
  std::string at(std::string_view key) const { return pointer_ + "/" + pointer_token(key); }

  const nlohmann::json* find(std::string_view key, bool required) {
    if (!valid_) return nullptr;
    seen_.insert(std::string(key));
    auto it = j_.find(std::string(key));
    if (it == j_.end()) {
      if (required) log_.add(at(key), "format.missing", "required field is missing");
      return nullptr;
    }
    return &*it;
  }

  void string(std::string_view key, std::string& out, bool required = false) {
    if (auto v = find(key, required)) {
      if (!v->is_string()) return bad_type(key, "a string", *v);
      out = v->get<std::string>();
      if (out.empty()) log_.add(at(key), "format.value", "must not be empty");
    }
  }

  void boolean(std::string_view key, std::optional<bool>& out) {
    if (auto v = find(key, false)) {
      if (!v->is_boolean()) return bad_type(key, "true or false", *v);
      out = v->get<bool>();
    }
  }

  void integer(std::string_view key, std::optional<long long>& out) {
    if (auto v = find(key, false)) {
      if (!v->is_number_integer()) return bad_type(key, "an integer", *v);
      if (v->is_number_unsigned() &&
          v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<long long>::max()))
        return log_.add(at(key), "format.value", "integer out of range");
      out = v->get<long long>();
    }
  }

  void number(std::string_view key, std::optional<double>& out) {
    if (auto v = find(key, false)) {
      if (!v->is_number()) return bad_type(key, "a number", *v);
      out = v->get<double>();
    }
  }

  template <class E>
  void word(std::string_view key, std::optional<E>& out, bool required = false) {
    if (auto v = find(key, required)) {
      if (!v->is_string()) return bad_type(key, "a string", *v);
      if (auto e = parse<E>(v->get<std::string>())) out = *e;
      else
        log_.add(at(key), "format.value",
                 quote(v->get<std::string>()) + " is not one of " + spellings<E>());
    }
  }

  void object(std::string_view key, nlohmann::json& out) {
    if (auto v = find(key, false)) {
      if (!v->is_object()) return bad_type(key, "an object", *v);
      // A value built in C++ may nest deeper than any document; copying it would recurse.
      if (nesting_depth(*v, max_nesting) > max_nesting)
        return log_.add(at(key), "format.depth",
                        "nested deeper than " + std::to_string(max_nesting) + " levels");
      out = *v;
    }
  }

  /// Records every key that no reader call asked for.
  void finish() {
    if (!valid_) return;
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!seen_.count(it.key()))
        log_.add(at(it.key()), "format.unknown_field",
                 "unknown field (a researcher's own codes go in \"attributes\")");
  }

  void bad_type(std::string_view key, std::string_view expected, const nlohmann::json& v) {
    log_.add(at(key), "format.type",
             "must be " + std::string(expected) + ", not " + type_name(v));
  }

  static std::string type_name(const nlohmann::json& v) {
    if (v.is_number_integer()) return "an integer";
    if (v.is_number_float()) return "a number";
    std::string t = v.type_name();
    return (t == "object" || t == "array") ? "an " + t : (t == "null" ? t : "a " + t);
  }

 private:
  const nlohmann::json& j_;
  std::string pointer_;
  ProblemLog& log_;
  std::size_t start_;
  bool valid_ = true;
  std::unordered_set<std::string> seen_;
};

inline Stakeholder read_stakeholder(const nlohmann::json& j, const std::string& ptr,
                                    ProblemLog& log) {
  Stakeholder s;
  ObjectReader r(j, ptr, log);
  std::optional<Kind> kind;
  r.string("id", s.id, true);
  r.string("label", s.label);
  r.word("kind", kind, true);
  if (kind) s.kind = *kind;
  r.string("role", s.role);
  r.string("sector", s.sector);
  r.word("expertise", s.expertise);
  r.boolean("under_served", s.under_served);
  r.boolean("paid", s.paid);
  r.boolean("convenor", s.convenor);
  r.integer("size", s.size);
  r.number("influence", s.influence);
  r.object("attributes", s.attributes);
  r.finish();
  return s;
}

inline Relation read_relation(const nlohmann::json& j, const std::string& ptr, ProblemLog& log) {
  Relation rel;
  ObjectReader r(j, ptr, log);
  r.string("source", rel.source, true);
  r.string("target", rel.target, true);
  r.string("type", rel.type, true);
  r.number("weight", rel.weight);
  r.word("scale", rel.scale);
  if (auto p = r.find("provenance", false)) {
    ObjectReader pr(*p, r.at("provenance"), log);
    pr.string("reported_by", rel.provenance.reported_by);
    pr.string("date", rel.provenance.date);
    pr.string("method", rel.provenance.method);
    pr.finish();
    if (pr.valid() && p->empty())
      log.add(r.at("provenance"), "format.value",
              "give at least one of reported_by, date, method, or leave provenance out");
  }
  r.object("attributes", rel.attributes);
  r.finish();
  return rel;
}

inline Project read_project(const nlohmann::json& j, const std::string& ptr, ProblemLog& log) {
  Project p;
  ObjectReader r(j, ptr, log);
  r.string("id", p.id, true);
  r.string("label", p.label);
  r.word("claimed", p.claimed);
  r.object("attributes", p.attributes);
  r.finish();
  return p;
}

inline Decision read_decision(const nlohmann::json& j, const std::string& ptr, ProblemLog& log) {
  Decision d;
  ObjectReader r(j, ptr, log);
  std::optional<Stage> stage;
  r.string("id", d.id, true);
  r.string("label", d.label);
  r.string("project", d.project, true);
  r.word("stage", stage, true);
  if (stage) d.stage = *stage;
  if (auto rights = r.find("rights", true)) {
    if (!rights->is_object()) {
      r.bad_type("rights", "an object", *rights);
    } else {
      for (auto it = rights->begin(); it != rights->end(); ++it) {
        const std::string at = r.at("rights") + "/" + pointer_token(it.key());
        if (!it->is_string()) {
          log.add(at, "format.type", "must be a string, not " + ObjectReader::type_name(*it));
        } else if (auto right = parse<Right>(it->get<std::string>())) {
          d.rights.emplace(it.key(), *right);
        } else {
          log.add(at, "format.value",
                  quote(it->get<std::string>()) + " is not one of " + spellings<Right>());
        }
      }
    }
  }
  if (auto rule = r.find("rule", true)) {
    ObjectReader rr(*rule, r.at("rule"), log);
    std::optional<RuleKind> kind;
    rr.word("kind", kind, true);
    if (kind) d.rule.kind = *kind;
    if (auto votes = rr.find("votes", false)) {
      if (!votes->is_object()) {
        rr.bad_type("votes", "an object", *votes);
      } else if (votes->empty()) {
        // An empty object would not survive a round trip (it means the same as none).
        log.add(rr.at("votes"), "format.value", "no votes given: leave it out");
      } else {
        for (auto it = votes->begin(); it != votes->end(); ++it) {
          if (!it->is_number_integer() ||
              (it->is_number_unsigned() && it->get<std::uint64_t>() > (std::uint64_t{1} << 53)))
            log.add(rr.at("votes") + "/" + pointer_token(it.key()), "format.type",
                    "must be an integer, not " + ObjectReader::type_name(*it));
          else
            d.rule.votes.emplace(it.key(), it->get<long long>());
        }
      }
    }
    rr.number("quota", d.rule.quota);
    if (auto veto = rr.find("veto", false)) {
      if (!veto->is_array()) {
        rr.bad_type("veto", "an array", *veto);
      } else if (veto->empty()) {
        log.add(rr.at("veto"), "format.value", "no veto holders given: leave it out");
      } else {
        for (std::size_t i = 0; i < veto->size(); ++i) {
          if ((*veto)[i].is_string()) d.rule.veto.push_back((*veto)[i].get<std::string>());
          else
            log.add(rr.at("veto") + "/" + std::to_string(i), "format.type",
                    "must be a string, not " + ObjectReader::type_name((*veto)[i]));
        }
      }
    }
    rr.finish();
  }
  r.number("weight", d.weight);
  r.object("attributes", d.attributes);
  r.finish();
  return d;
}

/// Builds the value of a document from nlohmann/json's SAX events while enforcing the
/// reader's limits, in time linear in the size of the text. (nlohmann/json 3.11.2's callback
/// parser rescans the enclosing container each time an object ends, which makes an array of
/// a million empty objects take minutes.) A duplicate key is found by the same map insert that
/// stores the value, so checking costs next to nothing; JSON pointers are built only for a
/// problem. Every problem is collected; a document nested too deeply or a number outside a
/// double stops the parse at once.
class DocumentBuilder {
 public:
  using json = nlohmann::json;

  DocumentBuilder(std::size_t max_depth, ProblemLog& log) : max_depth_(max_depth), log_(log) {}

  json& root() { return root_; }

  bool null() { return place(nullptr), true; }
  bool boolean(bool b) { return place(b), true; }
  bool number_integer(json::number_integer_t x) { return place(x), true; }
  bool number_unsigned(json::number_unsigned_t x) { return place(x), true; }
  bool number_float(json::number_float_t x, const json::string_t&) { return place(x), true; }
  bool string(json::string_t& s) { return place(std::move(s)), true; }
  bool binary(json::binary_t&) { return place(nullptr), true; }  // not produced by JSON text

  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& k) {
    auto& object = stack_.back().value->get_ref<json::object_t&>();
    auto [it, added] = object.emplace(std::move(k), nullptr);
    if (added) {
      stack_.back().key = &it->first;
      slot_ = &it->second;
    } else {
      log_.add(pointer() + "/" + pointer_token(it->first), "format.duplicate_key",
               "duplicate key " + quote(it->first));
      // The repeated value is parsed (its own problems still count) into a place of its own.
      stack_.back().key = &it->first;
      slot_ = &discarded_.emplace_back();
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    if (e.id == 406) {  // a number nlohmann/json cannot hold in a double, e.g. 1e400
      log_.add(pointer_of_next(), "format.number",
               "a number outside the range of a double (about 1.8e308)");
    } else {
      log_.add("byte " + std::to_string(position), "format.syntax", "not JSON: " + reason(e.what()));
    }
    return false;
  }

 private:
  struct Level {
    json* value;
    const std::string* key = nullptr;  // the current member's key, for an object
  };

  template <class V>
  json* place(V&& v) {
    if (stack_.empty()) {
      root_ = json(std::forward<V>(v));
      return &root_;
    }
    json& top = *stack_.back().value;
    if (top.is_array()) {
      auto& array = top.get_ref<json::array_t&>();
      array.emplace_back(std::forward<V>(v));
      return &array.back();
    }
    *slot_ = json(std::forward<V>(v));
    return slot_;
  }

  bool open(json::value_t type) {
    if (stack_.size() >= max_depth_) {
      log_.add(pointer_of_next(), "format.depth",
               "nested deeper than " + std::to_string(max_depth_) + " levels");
      return false;  // stop at once: a hostile document costs no more work than this
    }
    json* v = place(type);
    stack_.push_back({v});
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  // The pointer of the innermost open container.
  std::string pointer() const {
    std::string out;
    for (std::size_t i = 0; i + 1 < stack_.size(); ++i) out += "/" + child_token(i, true);
    return out;
  }
  // The pointer of the value being parsed now: the next element of an array or the value of
  // the current key of an object.
  std::string pointer_of_next() const {
    if (stack_.empty()) return "";
    return pointer() + "/" + child_token(stack_.size() - 1, false);
  }
  // The token of level `i`'s child: its open element (`open`), or the one being added.
  std::string child_token(std::size_t i, bool open) const {
    const Level& l = stack_[i];
    if (l.value->is_array()) {
      std::size_t n = l.value->size();
      return std::to_string(open && n > 0 ? n - 1 : n);
    }
    return l.key ? pointer_token(*l.key) : std::string();
  }

  // nlohmann's message starts "[json.exception.parse_error.101] parse error at line 1,
  // column 2: "; keep the part after the location (the byte offset is stated separately) and
  // escape the bytes it quotes, so the message stays valid UTF-8.
  static std::string reason(const std::string& what) {
    auto colon = what.find(": ", what.find("parse error"));
    std::string text = colon == std::string::npos ? what : what.substr(colon + 2);
    std::string safe;
    for (unsigned char c : text) {
      if (c >= 0x20 && c < 0x7f) {
        safe += static_cast<char>(c);
      } else {
        static const char* hex = "0123456789abcdef";
        safe += {'\\', 'x', hex[c >> 4], hex[c & 15]};
      }
    }
    return safe;
  }

  std::size_t max_depth_;
  ProblemLog& log_;
  json root_;
  std::vector<Level> stack_;
  json* slot_ = nullptr;
  std::deque<json> discarded_;  // a deque: references stay valid as it grows
};

/// Checks the reader's limits themselves: `max_depth` may be lowered, never raised past
/// `max_nesting`.
inline void check_limits(const ReadLimits& limits) {
  if (limits.max_depth < 1 || limits.max_depth > max_nesting)
    throw input_error("max_depth", "must be between 1 and " + std::to_string(max_nesting) +
                                       " (the library's nesting ceiling), not " +
                                       std::to_string(limits.max_depth));
}

/// Parses text into a JSON value under the limits; throws `format_error`. O(size of the text).
inline nlohmann::json parse_text(std::string_view text, const ReadLimits& limits) {
  check_limits(limits);
  ProblemLog log;
  if (text.size() > limits.max_bytes) {
    log.add("", "format.size",
            "the document has " + std::to_string(text.size()) + " bytes, more than the limit of " +
                std::to_string(limits.max_bytes));
    throw format_error(std::move(log.problems()));
  }
  DocumentBuilder builder(limits.max_depth, log);
  try {
    nlohmann::json::sax_parse(text.begin(), text.end(), &builder,
                              nlohmann::json::input_format_t::json, true, false);
  } catch (const nlohmann::json::exception& e) {
    // sax_parse reports through parse_error; anything else of the JSON library's own still
    // leaves as the library's error.
    log.add("", "format.syntax", std::string("not JSON: ") + e.what());
  }
  if (!log.empty()) throw format_error(std::move(log.problems()));
  return std::move(builder.root());
}

/// The largest `indent` the writers accept. (nlohmann/json 3.11.2 reads past its indentation
/// buffer when one level indents by more than the buffer holds, 512 spaces at first.)
inline constexpr int max_indent = 32;

/// The text of a document, ending with a newline unless on one line.
inline std::string dump_document(const nlohmann::json& doc, int indent) {
  if (indent < -1 || indent > max_indent)
    throw input_error("indent", "must be -1 (one line) or between 0 and " +
                                    std::to_string(max_indent) + ", not " + std::to_string(indent));
  // A value built by hand in C++ may nest deeper than the model allows; writing it would
  // recurse once per level.
  if (nesting_depth(doc, max_nesting) > max_nesting)
    throw format_error({{"", "format.depth",
                         "nested deeper than " + std::to_string(max_nesting) + " levels"}});
  try {
    return doc.dump(indent) + (indent >= 0 ? "\n" : "");
  } catch (const nlohmann::json::exception& e) {
    throw format_error({{"", "format.encoding", e.what()}});
  }
}

/// Converts a model error raised while inserting element `ptr` to a problem at its field.
inline void log_model_error(ProblemLog& log, const std::string& ptr, const model_error& e) {
  log.add(e.field().empty() ? ptr : ptr + "/" + e.field(), e.code(), e.message());
}

}  // namespace detail

// ---------------------------------------------------------------------------------------
// ADL conversions (nlohmann/json's customisation point). `from_json` throws `format_error`
// with pointers relative to the value converted.

inline void to_json(nlohmann::json& j, const Kind& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const Expertise& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const Scale& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const Stage& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const Right& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const RuleKind& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const CollaborationType& v) { j = to_string(v); }

inline void to_json(nlohmann::json& j, const Stakeholder& s) {
  j = nlohmann::json::object();
  j["id"] = s.id;
  if (!s.label.empty()) j["label"] = s.label;
  j["kind"] = s.kind;
  if (!s.role.empty()) j["role"] = s.role;
  if (!s.sector.empty()) j["sector"] = s.sector;
  if (s.expertise) j["expertise"] = *s.expertise;
  if (s.under_served) j["under_served"] = *s.under_served;
  if (s.paid) j["paid"] = *s.paid;
  if (s.convenor) j["convenor"] = *s.convenor;
  if (s.size) j["size"] = *s.size;
  if (s.influence) j["influence"] = detail::number_value(*s.influence);
  if (!s.attributes.is_null()) j["attributes"] = s.attributes;
}

inline void to_json(nlohmann::json& j, const Relation& r) {
  j = nlohmann::json::object();
  j["source"] = r.source;
  j["target"] = r.target;
  j["type"] = r.type;
  if (r.weight) j["weight"] = detail::number_value(*r.weight);
  if (r.scale) j["scale"] = *r.scale;
  if (!r.provenance.empty()) {
    auto& p = j["provenance"] = nlohmann::json::object();
    if (!r.provenance.reported_by.empty()) p["reported_by"] = r.provenance.reported_by;
    if (!r.provenance.date.empty()) p["date"] = r.provenance.date;
    if (!r.provenance.method.empty()) p["method"] = r.provenance.method;
  }
  if (!r.attributes.is_null()) j["attributes"] = r.attributes;
}

inline void to_json(nlohmann::json& j, const Project& p) {
  j = nlohmann::json::object();
  j["id"] = p.id;
  if (!p.label.empty()) j["label"] = p.label;
  if (p.claimed) j["claimed"] = *p.claimed;
  if (!p.attributes.is_null()) j["attributes"] = p.attributes;
}

inline void to_json(nlohmann::json& j, const DecisionRule& rule) {
  j = nlohmann::json::object();
  j["kind"] = rule.kind;
  if (!rule.votes.empty()) j["votes"] = rule.votes;
  if (rule.quota) j["quota"] = detail::number_value(*rule.quota);
  if (!rule.veto.empty()) j["veto"] = rule.veto;
}

inline void to_json(nlohmann::json& j, const Decision& d) {
  j = nlohmann::json::object();
  j["id"] = d.id;
  if (!d.label.empty()) j["label"] = d.label;
  j["project"] = d.project;
  j["stage"] = d.stage;
  auto& rights = j["rights"] = nlohmann::json::object();
  for (const auto& [id, right] : d.rights) rights[id] = right;
  j["rule"] = d.rule;
  if (d.weight) j["weight"] = detail::number_value(*d.weight);
  if (!d.attributes.is_null()) j["attributes"] = d.attributes;
}

namespace detail {
template <class T, class Read>
void convert(const nlohmann::json& j, T& out, Read read) {
  ProblemLog log;
  T value = read(j, std::string{}, log);
  if (!log.empty()) throw format_error(std::move(log.problems()));
  out = std::move(value);
}
}  // namespace detail

inline void from_json(const nlohmann::json& j, Stakeholder& s) {
  detail::convert(j, s, detail::read_stakeholder);
}
inline void from_json(const nlohmann::json& j, Relation& r) {
  detail::convert(j, r, detail::read_relation);
}
inline void from_json(const nlohmann::json& j, Project& p) {
  detail::convert(j, p, detail::read_project);
}
inline void from_json(const nlohmann::json& j, Decision& d) {
  detail::convert(j, d, detail::read_decision);
}

/// The document of a network: `{"format": "coproduction", "version": 1, ...}`.
inline nlohmann::json to_document(const Network& net) {
  nlohmann::json j = nlohmann::json::object();
  j["format"] = format_name;
  j["version"] = format_version;
  if (!net.metadata().is_null()) j["metadata"] = net.metadata();
  auto& stakeholders = j["stakeholders"] = nlohmann::json::array();
  for (std::size_t v = 0; v < net.num_stakeholders(); ++v)
    stakeholders.push_back(net.stakeholder_at(v));
  auto& relations = j["relations"] = nlohmann::json::array();
  for (std::size_t i = 0; i < net.num_relations(); ++i) relations.push_back(net.relation_at(i));
  j["projects"] = net.projects();
  j["decisions"] = net.decisions();
  return j;
}

/// Builds a network from a parsed document. Every problem is collected (wrong types, unknown
/// fields, values out of their vocabulary, and every model rule: unknown or duplicate ids,
/// bad weights, quotas, rules) and thrown together as one `format_error`, each problem with
/// its JSON pointer, e.g. `/relations/3/target: unknown stakeholder "nhs"`. O(size).
inline Network from_document(const nlohmann::json& doc) {
  using detail::ObjectReader;
  detail::ProblemLog log;
  Network net;
  ObjectReader top(doc, "", log);
  if (!top.valid()) throw format_error(std::move(log.problems()));

  if (auto f = top.find("format", true)) {
    if (!f->is_string() || f->get<std::string>() != format_name)
      log.add("/format", "format.value",
              "must be \"coproduction\", not " +
                  f->dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
  }
  if (auto v = top.find("version", true)) {
    if (!v->is_number_integer() || v->get<long long>() < 1)
      log.add("/version", "format.value", "must be the integer 1, not " +
                  v->dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    else if (v->get<long long>() != format_version)
      log.add("/version", "format.version",
              "version " + std::to_string(v->get<long long>()) + " is newer than this library reads (1)");
  }
  // A document of another format or version is not read further: its fields mean
  // something else, and listing them as problems would bury the real one.
  if (!log.empty()) throw format_error(std::move(log.problems()));

  nlohmann::json metadata;
  top.object("metadata", metadata);
  if (!metadata.is_null()) net.set_metadata(metadata);

  auto each = [&](const char* key, auto&& read_and_add) {
    if (auto arr = top.find(key, true)) {
      if (!arr->is_array()) return top.bad_type(key, "an array", *arr);
      for (std::size_t i = 0; i < arr->size(); ++i)
        read_and_add((*arr)[i], std::string("/") + key + "/" + std::to_string(i));
    }
  };

  // A stakeholder or project with a bad field is still inserted without it, so references
  // to its id elsewhere in the document do not add a cascade of "unknown id" problems.
  each("stakeholders", [&](const nlohmann::json& j, const std::string& ptr) {
    std::size_t before = log.size();
    Stakeholder s = detail::read_stakeholder(j, ptr, log);
    if (s.id.empty()) return;
    if (log.size() != before) s = Stakeholder{.id = s.id, .kind = s.kind};
    try {
      net.add_stakeholder(s);
    } catch (const model_error& e) {
      detail::log_model_error(log, ptr, e);
      if (e.field() != "id") net.add_stakeholder(Stakeholder{.id = s.id, .kind = s.kind});
    }
  });
  each("relations", [&](const nlohmann::json& j, const std::string& ptr) {
    std::size_t before = log.size();
    Relation r = detail::read_relation(j, ptr, log);
    if (log.size() != before) return;
    try {
      net.add_relation(std::move(r));
    } catch (const model_error& e) {
      detail::log_model_error(log, ptr, e);
    }
  });
  each("projects", [&](const nlohmann::json& j, const std::string& ptr) {
    std::size_t before = log.size();
    Project p = detail::read_project(j, ptr, log);
    if (p.id.empty()) return;
    if (log.size() != before) p = Project{.id = p.id};
    try {
      net.add_project(p);
    } catch (const model_error& e) {
      detail::log_model_error(log, ptr, e);
      if (e.field() != "id") net.add_project(Project{.id = p.id});
    }
  });
  each("decisions", [&](const nlohmann::json& j, const std::string& ptr) {
    std::size_t before = log.size();
    Decision d = detail::read_decision(j, ptr, log);
    if (log.size() != before) return;
    try {
      net.add_decision(std::move(d));
    } catch (const model_error& e) {
      detail::log_model_error(log, ptr, e);
    }
  });
  top.finish();
  if (!log.empty()) throw format_error(std::move(log.problems()));
  return net;
}

/// Reads a network from JSON text. Throws `format_error` listing every problem: a text that
/// is not JSON reports its byte offset; a document over `limits`, with a duplicate key, or
/// breaking a rule of the format or the model reports each place by JSON pointer.
inline Network read_json(std::string_view text, const ReadLimits& limits = {}) {
  return from_document(detail::parse_text(text, limits));
}

/// Reads a network from a file (a regular file, or a pipe such as `/dev/stdin`, read up to
/// `limits.max_bytes`). Throws `io_error` when it cannot be read (naming the path and the
/// system's reason: missing, a directory, no permission) and `format_error` as `read_json`
/// does.
inline Network read_json_file(const std::filesystem::path& path, const ReadLimits& limits = {}) {
  detail::check_limits(limits);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw io_error(path.string(), ec ? ec.message() : "no such file");
  if (std::filesystem::is_directory(status)) throw io_error(path.string(), "is a directory");
  auto too_large = [&](std::uintmax_t size) {
    return format_error({{"", "format.size",
                          "the document has " + std::to_string(size) +
                              (std::filesystem::is_regular_file(status) ? "" : " or more") +
                              " bytes, more than the limit of " +
                              std::to_string(limits.max_bytes)}});
  };
  if (std::filesystem::is_regular_file(status)) {
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw io_error(path.string(), ec.message());
    if (size > limits.max_bytes) throw too_large(size);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error(path.string(), "cannot open for reading (" + std::string(std::strerror(errno)) + ")");
  // Read in blocks, never past the limit: a pipe has no size to check first.
  std::string text;
  std::vector<char> block(1 << 16);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    text.append(block.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > limits.max_bytes) throw too_large(text.size());
  }
  if (in.bad()) throw io_error(path.string(), "read failed");
  return read_json(text, limits);
}

/// The JSON text of a network; `indent` < 0 gives one line. Throws `format_error` if a
/// string is not valid UTF-8.
inline std::string dump_json(const Network& net, int indent = 2) {
  return detail::dump_document(to_document(net), indent);
}

namespace detail {

/// The file a write replaces: `path` itself, or the file a symbolic link at `path` names
/// (followed to the end of a chain), so that the link stays a link. Throws `io_error` for a
/// link that names nothing or a path that is not a regular file (a directory, a device).
inline std::filesystem::path write_target(const std::filesystem::path& path) {
  std::error_code ec;
  auto target = path;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) {
    target = std::filesystem::canonical(path, ec);
    if (ec) throw io_error(path.string(), "a symbolic link to a file that does not exist");
  }
  const auto status = std::filesystem::status(target, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw io_error(path.string(), "not a regular file");
  return target;
}

}  // namespace detail

/// Writes a JSON document to a file atomically: the text goes to a new temporary file beside
/// the target, which is flushed to disk and then renamed over it, so a reader sees the old file
/// or the new one, never half of one.
///
/// Permissions: an existing file keeps its mode, group and (where the process may set it)
/// owner; a new file gets the mode a plain `open` would give (0666 less the umask). The
/// temporary file carries the final mode from its creation, before any byte is written, so
/// the data are never readable more widely than the target allows. A symbolic link is written
/// through: the file it names is replaced and the link stays.
///
/// Throws `input_error` for an `indent` outside -1..`max_indent`, `format_error` for a string
/// that is not UTF-8 (nothing is written), `io_error` when the file cannot be written (the
/// old file is untouched and nothing is left behind).
inline void write_document(const nlohmann::json& doc, const std::filesystem::path& path,
                           int indent = 2) {
  const std::string text = detail::dump_document(doc, indent);
  const std::filesystem::path target = detail::write_target(path);
#ifdef COPRODUCTION_POSIX_IO
  struct stat old {};
  const bool existed = ::stat(target.c_str(), &old) == 0;
  std::random_device entropy;
  std::filesystem::path tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = target;
    tmp += ".tmp-" + std::to_string(entropy()) + std::to_string(entropy());
    // O_EXCL: never open a file someone else made; the umask applies to 0666 as for any
    // new file, and an existing target's mode replaces it below before anything is written.
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST)
      throw io_error(path.string(), std::string("cannot create a temporary file beside it (") +
                                        std::strerror(errno) + ")");
  }
  if (fd < 0) throw io_error(path.string(), "cannot create a temporary file beside it");
  auto fail = [&](const std::string& why) {
    const std::string reason = why + " (" + std::strerror(errno) + ")";
    ::close(fd);
    ::unlink(tmp.c_str());
    throw io_error(path.string(), reason);
  };
  if (existed) {
    // The owner can be kept only by a privileged process; the group by any member of it.
    // Where the group cannot be kept, its permissions are dropped rather than handed to the
    // process's own group.
    mode_t mode = old.st_mode & 07777;
    if (::fchown(fd, old.st_uid, old.st_gid) != 0 && ::fchown(fd, static_cast<uid_t>(-1), old.st_gid) != 0)
      mode &= ~static_cast<mode_t>(S_IRWXG);
    if (::fchmod(fd, mode) != 0) fail("cannot set the file's permissions");
  }
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write failed");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail("fsync failed");
  if (::close(fd) != 0) {
    fd = -1;
    ::unlink(tmp.c_str());
    throw io_error(path.string(), std::string("close failed (") + std::strerror(errno) + ")");
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(tmp.c_str());
    throw io_error(path.string(), "cannot replace the file (" + reason + ")");
  }
  // The rename itself reaches the disk once the directory is flushed.
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
#else
  std::random_device entropy;
  auto tmp = target;
  tmp += ".tmp-" + std::to_string(entropy()) + std::to_string(entropy());
  auto fail = [&](const std::string& why) {
    std::error_code ignore;
    std::filesystem::remove(tmp, ignore);
    throw io_error(path.string(), why);
  };
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw io_error(path.string(), "cannot create a temporary file beside it");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) fail("write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) fail(ec.message());
#endif
}

/// Writes a network to a file atomically (see `write_document`).
inline void write_json(const Network& net, const std::filesystem::path& path, int indent = 2) {
  write_document(to_document(net), path, indent);
}

}  // namespace coproduction
