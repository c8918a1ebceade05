#pragma once
/// \file
/// The JSON reader's machinery: a SAX builder that keeps duplicate keys, depth and numbers
/// outside a double as problems with their JSON pointers, the problem log, the checked readers
/// of each model type, and the bounded writer of a document's text. Users include
/// `io/json.hpp`.

#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/error.hpp"
#include "coproduction/model/nesting.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

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

}  // namespace coproduction
