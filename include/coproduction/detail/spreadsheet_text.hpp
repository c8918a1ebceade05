#pragma once
/// \file
/// Text as the spreadsheet reader reports it: UTF-8 checked the way Python's decoder checks
/// it (the offset of the first byte that does not fit), names quoted as Python's `repr`
/// quotes them, and the strict JSON of a cell (an attributes, votes or veto cell, a metadata
/// json cell) read with the messages of Python's `json` module, so that a message names the
/// same line, column and character whichever language reads the file.

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "coproduction/detail/utf8.hpp"
#include "coproduction/io/sheet.hpp"

namespace coproduction::detail::spreadsheet {

/// The code points of valid UTF-8 text.
inline std::u32string code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k <= n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += cp;
    i += n + 1;
  }
  return out;
}

/// The number of code points of valid UTF-8 text (Python's `len`).
inline std::size_t length_in_characters(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

/// Whether Python's `str.isprintable` holds for a non-ASCII code point: not a format,
/// control, separator (other than the space), surrogate, private-use or noncharacter.
/// Unassigned code points are taken as printable, where Python knows them as unassigned.
inline bool printable(char32_t c) {
  if (c < 0xA1) return c >= 0x20 && c < 0x7F;
  if (c == 0xAD || (c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F ||
      c == 0x890 || c == 0x891 || c == 0x8E2 || c == 0x180E || c == 0x1680 ||
      (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
      (c >= 0x205F && c <= 0x2064) || (c >= 0x2066 && c <= 0x206F) || c == 0x3000 ||
      (c >= 0xD800 && c <= 0xF8FF) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) ||
      c == 0xFFFE || c == 0xFFFF || c == 0x110BD || c == 0x110CD ||
      (c >= 0x13430 && c <= 0x1343F) || (c >= 0x1BCA0 && c <= 0x1BCA3) ||
      (c >= 0x1D173 && c <= 0x1D17A) || c == 0xE0001 || (c >= 0xE0020 && c <= 0xE007F) ||
      c >= 0xF0000)
    return false;
  return true;
}

/// A text as Python's `repr` writes it: `'relation.csv'`, `"it's"`, `'tab\there'`.
inline std::string python_repr(std::string_view text) {
  const bool single = text.find('\'') == std::string_view::npos ||
                      text.find('"') != std::string_view::npos;
  const char quote = single ? '\'' : '"';
  std::string out(1, quote);
  char buf[16];
  for (char32_t c : code_points(text)) {
    if (c == static_cast<char32_t>(quote) || c == U'\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == U'\t') out += "\\t";
    else if (c == U'\n') out += "\\n";
    else if (c == U'\r') out += "\\r";
    else if (printable(c)) append_utf8(out, c);
    else {
      if (c <= 0xFF) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      else if (c <= 0xFFFF) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
      out += buf;
    }
  }
  out += quote;
  return out;
}

/// How reading a cell's JSON ended: a value, a message as Python's `json.loads` (or the
/// reader's refusal of a repeated key, NaN, or a number beyond a double) gives it, JSON
/// nested too deeply, or a value the frame reader cannot hold (an integer beyond 64 bits).
struct CellJson {
  enum class Status { value, refused, too_deep };
  Status status = Status::value;
  nlohmann::json value;
  std::string message;
  /// Why the value holds something Python reads but the model cannot hold, or empty: an
  /// integer beyond 64 bits (it stands in `value` as a double), or a lone surrogate (kept
  /// as its three bytes). The first in document order, as the model's check finds it.
  std::string unholdable;
};

/// Strict JSON as Python's `json.loads` reads it (its positions are characters, its messages
/// `Expecting value: line 1 column 2 (char 1)`), with no repeated key, no NaN or Infinity,
/// no number beyond a double. Nesting deeper than `max_depth` (Python's recursion limit) is
/// `too_deep`.
class PythonJson {
 public:
  static CellJson read(std::string_view utf8, std::size_t max_depth = 900) {
    PythonJson p(code_points(utf8), max_depth);
    CellJson out;
    try {
      std::size_t i = p.space(0);
      out.value = p.value(i, 0);
      i = p.space(i);
      if (i != p.s_.size()) p.fail("Extra data", i);
      out.unholdable = p.unholdable_;
    } catch (const Failure& f) {
      out.status = f.status;
      out.message = f.message;
      out.value = nullptr;
    }
    return out;
  }

 private:
  struct Failure {
    CellJson::Status status;
    std::string message;
  };
  PythonJson(std::u32string s, std::size_t max_depth) : s_(std::move(s)), max_depth_(max_depth) {}

  [[noreturn]] void fail(const std::string& what, std::size_t pos) const {
    std::size_t line = 1, last = std::u32string::npos;
    for (std::size_t k = 0; k < pos && k < s_.size(); ++k)
      if (s_[k] == U'\n') ++line, last = k;
    const std::size_t column = last == std::u32string::npos ? pos + 1 : pos - last;
    throw Failure{CellJson::Status::refused, what + ": line " + std::to_string(line) +
                                                 " column " + std::to_string(column) +
                                                 " (char " + std::to_string(pos) + ")"};
  }
  [[noreturn]] static void refuse(std::string message) {
    throw Failure{CellJson::Status::refused, std::move(message)};
  }

  std::size_t space(std::size_t i) const {
    while (i < s_.size() && (s_[i] == U' ' || s_[i] == U'\t' || s_[i] == U'\n' || s_[i] == U'\r'))
      ++i;
    return i;
  }
  bool at(std::size_t i, std::u32string_view word) const {
    return s_.compare(i, word.size(), word) == 0 && i + word.size() <= s_.size();
  }
  static bool digit(char32_t c) { return c >= U'0' && c <= U'9'; }
  static std::string narrow(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) append_utf8(out, c);
    return out;
  }

  nlohmann::json value(std::size_t& i, std::size_t depth) {
    if (i >= s_.size()) fail("Expecting value", i);
    const char32_t c = s_[i];
    if (c == U'"') return string(i);
    if (c == U'{') return object(i, depth + 1);
    if (c == U'[') return array(i, depth + 1);
    if (c == U'n' && at(i, U"null")) return i += 4, nullptr;
    if (c == U't' && at(i, U"true")) return i += 4, true;
    if (c == U'f' && at(i, U"false")) return i += 5, false;
    if (c == U'N' && at(i, U"NaN")) refuse("NaN is not a JSON number");
    if (c == U'I' && at(i, U"Infinity")) refuse("Infinity is not a JSON number");
    if (c == U'-' && at(i, U"-Infinity")) refuse("-Infinity is not a JSON number");
    return number(i);
  }

  nlohmann::json number(std::size_t& i) {
    const std::size_t start = i;
    std::size_t k = i;
    if (k < s_.size() && s_[k] == U'-') ++k;
    if (k >= s_.size()) fail("Expecting value", start);
    if (s_[k] >= U'1' && s_[k] <= U'9') {
      while (k < s_.size() && digit(s_[k])) ++k;
    } else if (s_[k] == U'0') {
      ++k;
    } else {
      fail("Expecting value", start);
    }
    bool is_float = false;
    if (k + 1 < s_.size() && s_[k] == U'.' && digit(s_[k + 1])) {
      is_float = true;
      k += 2;
      while (k < s_.size() && digit(s_[k])) ++k;
    }
    if (k < s_.size() && (s_[k] == U'e' || s_[k] == U'E')) {
      std::size_t e = k + 1;
      if (e < s_.size() && (s_[e] == U'+' || s_[e] == U'-')) ++e;
      const std::size_t digits = e;
      while (e < s_.size() && digit(s_[e])) ++e;
      if (e > digits) {
        is_float = true;
        k = e;
      }
    }
    const std::string text = narrow(s_.substr(start, k - start));
    i = k;
    if (is_float) {
      double x = 0;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), x);
      if (r.ec == std::errc::result_out_of_range) {
        // Underflow reads as zero (as Python's float does); overflow is refused.
        bool tiny = false;
        const auto e = text.find_first_of("eE");
        if (e != std::string::npos) tiny = text.find('-', e) != std::string::npos;
        if (!tiny) refuse("the number " + text + " is beyond the range of a double");
        return text.front() == '-' ? -0.0 : 0.0;
      }
      return x;
    }
    std::int64_t n = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
    if (r.ec != std::errc()) {
      if (unholdable_.empty()) unholdable_ = "an integer out of the 64-bit range";
      double x = 0;
      std::from_chars(text.data(), text.data() + text.size(), x);
      return x;
    }
    return n;
  }

  std::string string(std::size_t& i) {
    const std::size_t begin = i;  // the opening quote
    std::size_t k = i + 1;
    std::u32string out;
    while (true) {
      if (k >= s_.size()) fail("Unterminated string starting at", begin);
      const char32_t c = s_[k];
      if (c == U'"') break;
      if (c < 0x20) fail("Invalid control character at", k);
      if (c != U'\\') {
        out += c;
        ++k;
        continue;
      }
      if (k + 1 >= s_.size()) fail("Unterminated string starting at", begin);
      const char32_t e = s_[k + 1];
      if (e == U'u') {
        auto hex4 = [&](std::size_t at_u) -> char32_t {
          if (at_u + 4 >= s_.size()) fail("Invalid \\uXXXX escape", at_u);
          char32_t v = 0;
          for (std::size_t d = 1; d <= 4; ++d) {
            const char32_t h = s_[at_u + d];
            v <<= 4;
            if (digit(h)) v |= h - U'0';
            else if (h >= U'a' && h <= U'f') v |= h - U'a' + 10;
            else if (h >= U'A' && h <= U'F') v |= h - U'A' + 10;
            else fail("Invalid \\uXXXX escape", at_u);
          }
          return v;
        };
        char32_t v = hex4(k + 1);
        k += 6;
        if (v >= 0xD800 && v <= 0xDBFF && k + 1 < s_.size() && s_[k] == U'\\' &&
            s_[k + 1] == U'u') {
          const char32_t low = hex4(k + 1);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
            k += 6;
          }
        }
        if (v >= 0xD800 && v <= 0xDFFF && unholdable_.empty())
          unholdable_ = "text that is not valid Unicode (it holds a lone surrogate)";
        out += v;
        continue;
      }
      char32_t m = 0;
      switch (e) {
        case U'"': m = U'"'; break;
        case U'\\': m = U'\\'; break;
        case U'/': m = U'/'; break;
        case U'b': m = U'\b'; break;
        case U'f': m = U'\f'; break;
        case U'n': m = U'\n'; break;
        case U'r': m = U'\r'; break;
        case U't': m = U'\t'; break;
        default: fail("Invalid \\escape", k);
      }
      out += m;
      k += 2;
    }
    i = k + 1;
    return narrow(out);
  }

  nlohmann::json object(std::size_t& i, std::size_t depth) {
    if (depth > max_depth_) throw Failure{CellJson::Status::too_deep, ""};
    nlohmann::json out = nlohmann::json::object();
    std::set<std::string> seen;
    std::optional<std::string> repeated;
    i = space(i + 1);
    if (i < s_.size() && s_[i] == U'}') {
      ++i;
      return out;
    }
    while (true) {
      if (i >= s_.size() || s_[i] != U'"')
        fail("Expecting property name enclosed in double quotes", i);
      std::string key = string(i);
      i = space(i);
      if (i >= s_.size() || s_[i] != U':') fail("Expecting ':' delimiter", i);
      i = space(i + 1);
      nlohmann::json v = value(i, depth);
      if (!seen.insert(key).second) {
        if (!repeated) repeated = key;
      } else {
        out[key] = std::move(v);
      }
      i = space(i);
      if (i < s_.size() && s_[i] == U'}') {
        ++i;
        break;
      }
      if (i >= s_.size() || s_[i] != U',') fail("Expecting ',' delimiter", i);
      i = space(i + 1);
    }
    // Python's json calls the check of repeated keys once the object is read.
    if (repeated) refuse("the key " + python_repr(*repeated) + " appears twice");
    return out;
  }

  nlohmann::json array(std::size_t& i, std::size_t depth) {
    if (depth > max_depth_) throw Failure{CellJson::Status::too_deep, ""};
    nlohmann::json out = nlohmann::json::array();
    i = space(i + 1);
    if (i < s_.size() && s_[i] == U']') {
      ++i;
      return out;
    }
    while (true) {
      out.push_back(value(i, depth));
      i = space(i);
      if (i < s_.size() && s_[i] == U']') {
        ++i;
        break;
      }
      if (i >= s_.size() || s_[i] != U',') fail("Expecting ',' delimiter", i);
      i = space(i + 1);
    }
    return out;
  }

  std::u32string s_;
  std::size_t max_depth_;
  std::string unholdable_;
};

}  // namespace coproduction::detail::spreadsheet
