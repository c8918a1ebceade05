#pragma once
/// \file
/// Numbers and JSON values as Python writes them (`repr` of a float, `json.dumps`): the flat
/// exports (spreadsheets, Kumu) write free values as JSON text in a cell or field, and the
/// same value must give the same text whichever program wrote the file.

#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace coproduction::detail {

/// A double as Python's `repr` writes it: the shortest text that reads back as the same
/// double, in fixed notation with `.0` for a whole number while the decimal exponent is
/// from -4 to 15, else as `1e+16`, `1.5e-05` (Python's `float_repr_style` "short").
inline std::string float_text(double x) {
  if (x != x) return "nan";
  if (x == 1.0 / 0.0) return "inf";
  if (x == -1.0 / 0.0) return "-inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, r.ptr);  // "-1.2345e+06"
  std::string sign;
  if (!sci.empty() && sci.front() == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  const auto e = sci.find('e');
  std::string digits;
  for (std::size_t i = 0; i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  const int exponent = std::stoi(sci.substr(e + 1));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int point = exponent + 1;  // digits are 0.d1d2... x 10^point
  std::string out;
  if (point > -4 && point <= 16) {
    if (point <= 0) {
      out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    } else if (static_cast<std::size_t>(point) >= digits.size()) {
      out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, static_cast<std::size_t>(point)) + "." +
            digits.substr(static_cast<std::size_t>(point));
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    const int shown = point - 1;
    out += shown < 0 ? "e-" : "e+";
    const std::string magnitude = std::to_string(shown < 0 ? -shown : shown);
    out += (magnitude.size() < 2 ? "0" : "") + magnitude;
  }
  return sign + out;
}

/// JSON text of a value as Python's `json.dumps(value, ensure_ascii=False, allow_nan=False,
/// separators=...)` writes it: keys in the value's order, non-ASCII characters as they are,
/// a double as `repr`.
inline void python_json_text(const nlohmann::json& j, std::string& out, std::string_view item,
                             std::string_view key) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out += item;
        first = false;
        python_json_text(nlohmann::json(it.key()), out, item, key);
        out += key;
        python_json_text(it.value(), out, item, key);
      }
      out += '}';
      return;
    }
    case nlohmann::json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& v : j) {
        if (!first) out += item;
        first = false;
        python_json_text(v, out, item, key);
      }
      out += ']';
      return;
    }
    case nlohmann::json::value_t::number_float:
      out += float_text(j.get<double>());
      return;
    case nlohmann::json::value_t::string: {
      // Python escapes the control characters (as \uXXXX, except \n \r \t \b \f), a quote
      // and a backslash; nlohmann/json the same set, but in lower-case hex as Python does.
      const std::string& s = j.get_ref<const std::string&>();
      out += '"';
      char buf[8];
      for (char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
          case '"': out += "\\\""; break;
          case '\\': out += "\\\\"; break;
          case '\n': out += "\\n"; break;
          case '\r': out += "\\r"; break;
          case '\t': out += "\\t"; break;
          case '\b': out += "\\b"; break;
          case '\f': out += "\\f"; break;
          default:
            if (c < 0x20) {
              std::snprintf(buf, sizeof buf, "\\u%04x", c);
              out += buf;
            } else {
              out += ch;
            }
        }
      }
      out += '"';
      return;
    }
    default: out += j.dump(); return;
  }
}

}  // namespace coproduction::detail
