#pragma once
/// \file
/// Text for the principles scorecard (`ladder/principles.hpp`): numbers, ids and lists
/// written as the scorecard's evidence and error messages write them. The spellings follow
/// Python's own (`repr` of a string or a float, the `g` and `.3f` formats), so that a
/// message reads the same from C++ and from the Python package, where users meet it most.

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace coproduction::detail::scorecard {

/// `x` with `digits` decimals (printf `%.Nf`, Python `{x:.Nf}`).
inline std::string fixed(double x, int digits) {
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  if (n > 0 && static_cast<std::size_t>(n) < sizeof buf) return std::string(buf, static_cast<std::size_t>(n));
  return std::to_string(x);  // beyond 1e60: never a share or a threshold
}

/// `x` in the shortest general form (printf `%g`, Python `{x:g}`): 0.5, 1, inf.
inline std::string general(double x) {
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%g", x);
  return std::string(buf, static_cast<std::size_t>(n));
}

/// Python's `repr` of a float: the shortest text that reads back as `x`, with `.0` on an
/// integral value and an exponent outside [1e-4, 1e16): 1.0, 0.25, 1e-05, 1e+16, nan, inf.
inline std::string float_repr(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  const auto done = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  if (done.ec != std::errc{}) return general(x);
  const std::string text(buf, done.ptr);
  const std::size_t e = text.find('e');
  const int exponent = std::stoi(text.substr(e + 1));
  if (exponent < -4 || exponent >= 16) return text;
  const bool negative = text[0] == '-';
  std::string digits;
  for (std::size_t i = negative ? 1 : 0; i < e; ++i)
    if (text[i] != '.') digits += text[i];
  std::string out;
  if (exponent < 0) {
    out = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  } else {
    const auto whole = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= whole) out = digits + std::string(whole - digits.size(), '0') + ".0";
    else out = digits.substr(0, whole) + "." + digits.substr(whole);
  }
  return negative ? "-" + out : out;
}

/// Python's `repr` of a string: single quotes unless the text holds one and no double quote,
/// with backslashes, the quote and control characters escaped ('p', "museum's").
inline std::string repr(std::string_view text) {
  const bool double_quoted =
      text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos;
  const char quote = double_quoted ? '"' : '\'';
  std::string out(1, quote);
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\') out += "\\\\";
    else if (c == quote) out += std::string("\\") + quote;
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + quote;
}

/// The items joined by `separator`.
inline std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

/// Python's `repr` of a list of strings: ['a', 'b'].
inline std::string list_repr(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const std::string& s : items) quoted.push_back(repr(s));
  return "[" + join(quoted, ", ") + "]";
}

/// Python's `repr` of a tuple of strings: (), ('a',), ('a', 'b').
inline std::string tuple_repr(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const std::string& s : items) quoted.push_back(repr(s));
  return "(" + join(quoted, ", ") + (items.size() == 1 ? ",)" : ")");
}

/// A readable list for evidence: "none" when empty, every item up to `limit`, and beyond it
/// the first `limit` and "and N more" (a card stays a card on a network of hundreds).
inline std::string names(const std::vector<std::string>& items, std::size_t limit = 6) {
  if (items.empty()) return "none";
  if (items.size() <= limit) return join(items, ", ");
  const std::vector<std::string> first(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(limit));
  return join(first, ", ") + " and " + std::to_string(items.size() - limit) + " more";
}

}  // namespace coproduction::detail::scorecard
