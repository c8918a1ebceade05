#pragma once
/// \file
/// The writing half of the GraphML and GEXF formats' XML: escaping text for element content
/// and for attribute values, and numbers in their shortest exact form. Everything is appended
/// to one `std::string`, which the writers then put on disk atomically (`io/file.hpp`). Users
/// include `io/graphml.hpp` or `io/gexf.hpp`.

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

#include "coproduction/detail/xml_chars.hpp"

namespace coproduction::detail::xml {

namespace escape_table {
// 1 for the characters that element content escapes (& < > and the carriage return, which a
// reader would turn into a line feed), 2 for those attribute values escape besides (" and
// the tab and line feed, which a reader would turn into spaces).
constexpr std::array<unsigned char, 256> make() {
  std::array<unsigned char, 256> t{};
  t['&'] = t['<'] = t['>'] = t['\r'] = 1;
  t['"'] = t['\t'] = t['\n'] = 2;
  return t;
}
inline constexpr std::array<unsigned char, 256> table = make();
}  // namespace escape_table

/// Appends `s` escaped for element content (`&amp;`, `&lt;`, `&gt;`, `&#13;`). `s` must be
/// text XML can hold (`first_invalid(s)` finds nothing): the writers check first.
inline void append_text(std::string& out, std::string_view s) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (escape_table::table[c] != 1) continue;
    out.append(s.data() + run, i - run);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += "&#13;"; break;
    }
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

/// Appends `s` escaped for a double-quoted attribute value: as `append_text`, and `&quot;`,
/// `&#9;`, `&#10;`, so that tabs and line ends survive a reader's normalisation of attribute
/// values (XML 1.0 section 3.3.3).
inline void append_attribute(std::string& out, std::string_view s) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (escape_table::table[c] == 0) continue;
    out.append(s.data() + run, i - run);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      default: out += "&#13;"; break;
    }
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

/// Appends ` name="value"` with the value escaped.
inline void append_attribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_attribute(out, value);
  out += '"';
}

/// Appends an integer in decimal.
inline void append_integer(std::string& out, long long x) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  out.append(buf, r.ptr);
}

/// Appends a finite double as the shortest decimal text that reads back as the same double
/// (`std::to_chars`), a valid `xs:double`: `2`, `0.1`, `1e-07`. With `mark_float`, a value that
/// would read as an integer gets `.0` (`2.0`), so a reader can tell a JSON float from an
/// integer in a column of doubles.
inline void append_double(std::string& out, double x, bool mark_float = false) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  const std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
  out += text;
  if (mark_float && text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

/// JSON text made safe for XML: JSON writes control characters as `\u` escapes already, but
/// writes U+FFFE and U+FFFF as they are, and XML 1.0 cannot hold them; inside a JSON string
/// (the only place they can be) `\ufffe` and `\uffff` mean the same.
inline std::string xml_safe_json(std::string json) {
  for (std::size_t i = json.find("\xEF\xBF"); i != std::string::npos; i = json.find("\xEF\xBF", i)) {
    if (i + 2 < json.size() && (json[i + 2] == '\xBE' || json[i + 2] == '\xBF')) {
      json.replace(i, 3, json[i + 2] == '\xBE' ? "\\ufffe" : "\\uffff");
      i += 6;
    } else {
      i += 2;
    }
  }
  return json;
}

}  // namespace coproduction::detail::xml
