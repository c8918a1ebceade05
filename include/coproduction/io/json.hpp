#pragma once
/// \file
/// The coproduction JSON format, version 1 (`docs/format.md`, schema in
/// `docs/schema/coproduction-1.schema.json`): ADL `to_json` / `from_json` for every model type,
/// a reader that reports every problem with its JSON pointer, and an atomic writer.

#include <cmath>
#include <cstdint>
#include <cstdio>
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
#include <unistd.h>
#define COPRODUCTION_HAS_FSYNC 1
#endif

#include <nlohmann/json.hpp>

#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

/// The format name and the version this library reads and writes.
inline constexpr std::string_view format_name = "coproduction";
inline constexpr int format_version = 1;

/// Limits of the reader (nlohmann/json sets none of its own). A document over a limit gets a
/// `format_error`, never a crash.
struct ReadLimits {
  std::size_t max_depth = 64;                  ///< nesting of objects and arrays
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

/// Tracks the JSON pointer of the parser's position, so a duplicate key or a document nested
/// too deeply is reported where it is.
class ParseWatch {
 public:
  ParseWatch(std::size_t max_depth, ProblemLog& log) : max_depth_(max_depth), log_(log) {}

  bool operator()(int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        if (static_cast<std::size_t>(depth) >= max_depth_) {
          log_.add(pointer(), "format.depth",
                   "nested deeper than " + std::to_string(max_depth_) + " levels");
          // Stop at once: a hostile document should cost no more work than this.
          throw format_error(std::move(log_.problems()));
        }
        frames_.push_back({event == E::array_start, 0, {}, {}});
        break;
      case E::key: {
        auto& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second)
          log_.add(pointer(), "format.duplicate_key", "duplicate key " + quote(top.key));
        break;
      }
      case E::object_end:
      case E::array_end:
        frames_.pop_back();
        advance();
        break;
      case E::value:
        advance();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool array;
    std::size_t index;
    std::string key;
    std::unordered_set<std::string> keys;
  };
  void advance() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  std::string pointer() const {
    std::string out;
    for (const auto& f : frames_)
      out += "/" + (f.array ? std::to_string(f.index) : pointer_token(f.key));
    return out;
  }

  std::size_t max_depth_;
  ProblemLog& log_;
  std::vector<Frame> frames_;
};

/// Parses text into a JSON value under the limits; throws `format_error`.
inline nlohmann::json parse_text(std::string_view text, const ReadLimits& limits) {
  ProblemLog log;
  if (text.size() > limits.max_bytes) {
    log.add("", "format.size",
            "the document has " + std::to_string(text.size()) + " bytes, more than the limit of " +
                std::to_string(limits.max_bytes));
    throw format_error(std::move(log.problems()));
  }
  nlohmann::json j;
  try {
    ParseWatch watch(limits.max_depth, log);
    j = nlohmann::json::parse(text.begin(), text.end(), std::ref(watch), true, false);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // nlohmann's message starts "[json.exception.parse_error.101] parse error at line 1,
    // column 2: "; keep the part after the location and state the byte offset ourselves.
    auto colon = what.find(": ", what.find("parse error"));
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    // nlohmann quotes the offending bytes as they are; a message must stay valid UTF-8.
    std::string safe;
    for (unsigned char c : reason) {
      if (c < 0x80) {
        safe += static_cast<char>(c);
      } else {
        static const char* hex = "0123456789abcdef";
        safe += {'\\', 'x', hex[c >> 4], hex[c & 15]};
      }
    }
    reason = std::move(safe);
    log.add("byte " + std::to_string(e.byte), "format.syntax", "not JSON: " + reason);
    throw format_error(std::move(log.problems()));
  }
  if (!log.empty()) throw format_error(std::move(log.problems()));
  return j;
}

/// The text of a document, ending with a newline unless on one line.
inline std::string dump_document(const nlohmann::json& doc, int indent) {
  try {
    return doc.dump(indent) + (indent >= 0 ? "\n" : "");
  } catch (const nlohmann::json::type_error& e) {
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
              "must be \"coproduction\", not " + f->dump(-1, ' ', true));
  }
  if (auto v = top.find("version", true)) {
    if (!v->is_number_integer() || v->get<long long>() < 1)
      log.add("/version", "format.value", "must be the integer 1, not " + v->dump());
    else if (v->get<long long>() != format_version)
      log.add("/version", "format.version",
              "version " + v->dump() + " is newer than this library reads (1)");
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

/// Reads a network from a file. Throws `io_error` when it cannot be read and `format_error`
/// as `read_json` does.
inline Network read_json_file(const std::filesystem::path& path, const ReadLimits& limits = {}) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) throw io_error(path.string(), ec.message());
  if (size > limits.max_bytes) {
    throw format_error({{"", "format.size",
                         "the document has " + std::to_string(size) +
                             " bytes, more than the limit of " +
                             std::to_string(limits.max_bytes)}});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error(path.string(), "cannot open for reading");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw io_error(path.string(), "read failed");
  return read_json(text.str(), limits);
}

/// The JSON text of a network; `indent` < 0 gives one line. Throws `format_error` if a
/// string is not valid UTF-8.
inline std::string dump_json(const Network& net, int indent = 2) {
  return detail::dump_document(to_document(net), indent);
}

/// Writes a JSON document to a file atomically: the text goes to a temporary file beside it,
/// which is flushed to disk and then renamed over the target, so a reader sees the old file
/// or the new one, never half of one. Throws `io_error` (nothing is left behind) or
/// `format_error` (a string that is not UTF-8; nothing is written).
inline void write_document(const nlohmann::json& doc, const std::filesystem::path& path,
                           int indent = 2) {
  const std::string text = detail::dump_document(doc, indent);
  std::random_device entropy;
  auto tmp = path;
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
#ifdef COPRODUCTION_HAS_FSYNC
  {
    int fd = ::open(tmp.c_str(), O_RDONLY);
    if (fd < 0) fail("cannot reopen the temporary file");
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) fail("fsync failed");
  }
#endif
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) fail(ec.message());
}

/// Writes a network to a file atomically (see `write_document`).
inline void write_json(const Network& net, const std::filesystem::path& path, int indent = 2) {
  write_document(to_document(net), path, indent);
}

}  // namespace coproduction
