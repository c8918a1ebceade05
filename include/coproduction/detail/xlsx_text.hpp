#pragma once
/// \file
/// The text rules of an `.xlsx` workbook that the reader and writer share: the workbook's own
/// escape `_xHHHH_` (ECMA-376 Part 1, 22.9.2.19, ST_Xstring), Python's `repr` of a name (so
/// that messages read as the Python package's do), Python's `int()` and `float()` of a
/// number cell's text, and which number formats mark a cell as a date (as openpyxl decides
/// it). Users include `io/xlsx.hpp`.

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "coproduction/detail/xml_chars.hpp"

namespace coproduction::detail::xlsx {

inline bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

inline unsigned hex_value(char c) {
  return c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
}

/// Whether `text` holds `_xHHHH_` at `at`.
inline bool escape_at(std::string_view text, std::size_t at) {
  return at + 7 <= text.size() && text[at] == '_' && text[at + 1] == 'x' && is_hex(text[at + 2]) &&
         is_hex(text[at + 3]) && is_hex(text[at + 4]) && is_hex(text[at + 5]) && text[at + 6] == '_';
}

/// Text as a workbook's XML holds it: `_xHHHH_` for a character XML cannot hold (or would
/// turn into another: a carriage return becomes a line feed), `_x005F_` before a literal
/// `_xHHHH_`. The characters are U+0000-U+0008, U+000B-U+001F, U+FFFE and U+FFFF.
inline std::string xstring_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  static const char* digits = "0123456789ABCDEF";
  auto code = [&](unsigned cp) {
    out += "_x";
    for (int shift = 12; shift >= 0; shift -= 4) out += digits[(cp >> shift) & 0xF];
    out += '_';
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '_' && escape_at(text, i)) {
      out += "_x005F_";
    } else if (c < 0x20 && c != '\t' && c != '\n') {
      code(c);
    } else if (c == 0xEF && i + 2 < text.size() && text[i + 1] == '\xBF' &&
               (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      code(text[i + 2] == '\xBE' ? 0xFFFE : 0xFFFF);
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

/// The text a workbook's string means: every `_xHHHH_` is the character it codes, left to
/// right (so `_x005F_x000D_` is `_x000D_`). A code of a UTF-16 surrogate, which no UTF-8
/// text can hold, is left as it is written.
inline std::string xstring_unescape(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (escape_at(text, i)) {
      unsigned cp = 0;
      for (std::size_t k = 2; k < 6; ++k) cp = cp * 16 + hex_value(text[i + k]);
      if (cp < 0xD800 || cp > 0xDFFF) {
        detail::append_utf8(out, cp);
        i += 7;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

/// Whether Python's `str.isprintable` is false for a code point outside ASCII: the C1
/// controls, the format characters (Cf), the separators other than the space (Zs, Zl, Zp)
/// and the private use areas (Co). Unassigned code points (Cn), which Python also escapes,
/// are not listed: that needs the Unicode database.
inline bool unprintable(std::uint32_t cp) {
  static constexpr std::uint32_t ranges[][2] = {
      {0x80, 0xA0}, {0xAD, 0xAD}, {0x600, 0x605}, {0x61C, 0x61C}, {0x6DD, 0x6DD}, {0x70F, 0x70F},
      {0x890, 0x891}, {0x8E2, 0x8E2}, {0x1680, 0x1680}, {0x180E, 0x180E}, {0x2000, 0x200F},
      {0x2028, 0x202F}, {0x205F, 0x2064}, {0x2066, 0x206F}, {0x3000, 0x3000}, {0xE000, 0xF8FF},
      {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
      {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
      {0xE0020, 0xE007F}, {0xF0000, 0x10FFFF}};
  for (const auto& r : ranges)
    if (cp >= r[0] && cp <= r[1]) return true;
  return false;
}

/// Python's `repr` of a text, as the Python package's messages quote a part or sheet name:
/// single quotes unless the text holds one and no double quote; backslashes, control and
/// other unprintable characters escaped (`\n`, `\x01`, `\xa0`, `\u200f`).
inline std::string py_repr(std::string_view text) {
  const bool doubled = text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos;
  const char quote = doubled ? '"' : '\'';
  std::string out(1, quote);
  static const char* digits = "0123456789abcdef";
  auto hex = [&](std::uint32_t v, int n) {
    for (int shift = 4 * (n - 1); shift >= 0; shift -= 4) out += digits[(v >> shift) & 0xF];
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      const char ch = text[i++];
      if (ch == quote || ch == '\\') out += '\\', out += ch;
      else if (ch == '\n') out += "\\n";
      else if (ch == '\r') out += "\\r";
      else if (ch == '\t') out += "\\t";
      else if (c < 0x20 || c == 0x7F) out += "\\x", hex(c, 2);
      else out += ch;
      continue;
    }
    // A UTF-8 sequence (the text is valid UTF-8: XML and the zip names are checked).
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    std::uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < n && i + k < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (unprintable(cp)) {
      if (cp < 0x100) out += "\\x", hex(cp, 2);
      else if (cp < 0x10000) out += "\\u", hex(cp, 4);
      else out += "\\U", hex(cp, 8);
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  out += quote;
  return out;
}

/// Python's `str.strip()` of ASCII white space (all `int()` and `float()` strip here: a
/// workbook's numbers are ASCII).
inline std::string_view strip(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

/// The text with Python's digit-group underscores removed, or nothing when an underscore
/// is not between two digits (Python refuses `1__0`, `_1`, `1_`).
inline std::optional<std::string> without_underscores(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      const bool between = i > 0 && i + 1 < s.size() && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9';
      if (!between) return std::nullopt;
      continue;
    }
    out += s[i];
  }
  return out;
}

/// Python's `int(text)` (base 10) when the value fits 64 bits. `big` is set (and nothing
/// returned) for a valid integer beyond 64 bits, whose digits are then in `digits`.
inline std::optional<std::int64_t> py_int(std::string_view text, bool* big = nullptr, std::string* digits = nullptr) {
  if (big) *big = false;
  const auto plain = without_underscores(strip(text));
  if (!plain || plain->empty()) return std::nullopt;
  std::string_view s(*plain);
  const bool negative = s.front() == '-';
  if (s.front() == '+' || s.front() == '-') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  std::int64_t value = 0;
  const std::string signed_text = (negative ? "-" : "") + std::string(s);
  const auto r = std::from_chars(signed_text.data(), signed_text.data() + signed_text.size(), value);
  if (r.ec == std::errc::result_out_of_range) {
    if (big) *big = true;
    if (digits) {
      std::size_t lead = 0;
      while (lead + 1 < s.size() && s[lead] == '0') ++lead;
      *digits = (negative ? "-" : "") + std::string(s.substr(lead));
    }
    return std::nullopt;
  }
  return value;
}

/// Python's `float(text)` of a decimal number (`1.5`, `.5`, `5.`, `1e-3`, `1_0.5`): a value
/// beyond a double is infinite, one below its least is zero, as Python gives them. Also
/// `nan`, `inf` and `infinity` in any case, with a sign.
inline std::optional<double> py_float(std::string_view text) {
  const auto plain = without_underscores(strip(text));
  if (!plain || plain->empty()) return std::nullopt;
  std::string s = *plain;
  bool negative = false;
  std::size_t at = 0;
  if (s[0] == '+' || s[0] == '-') negative = s[0] == '-', at = 1;
  std::string word = s.substr(at);
  for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (word == "nan") return std::nan("");
  if (word == "inf" || word == "infinity") return negative ? -HUGE_VAL : HUGE_VAL;
  // A decimal number: digits, at most one point, at least one digit, then an exponent.
  // `lead` is the decimal exponent of the first non-zero digit (to tell overflow from
  // underflow when the double cannot hold the value).
  std::size_t i = at, mantissa_digits = 0, integer_digits = 0, fraction_digits = 0;
  long lead = 0;
  bool seen_nonzero = false, seen_point = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      ++mantissa_digits;
      if (seen_point) ++fraction_digits;
      else ++integer_digits;
      if (s[i] != '0' && !seen_nonzero) {
        seen_nonzero = true;
        lead = seen_point ? -static_cast<long>(fraction_digits) : static_cast<long>(integer_digits) - 1;
      }
    } else if (s[i] == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (seen_nonzero && lead >= 0) lead = static_cast<long>(integer_digits) - 1 - lead;  // index -> exponent
  if (mantissa_digits == 0) return std::nullopt;
  long exponent = 0;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i] == '-', ++i;
    if (i >= s.size()) return std::nullopt;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      if (exponent < 100000000) exponent = exponent * 10 + (s[i] - '0');
    }
    if (eneg) exponent = -exponent;
  }
  double value = 0;
  const auto r = std::from_chars(s.data() + at, s.data() + s.size(), value, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow or underflow: which one the magnitude of the first significant digit says.
    value = seen_nonzero && lead + exponent > 0 ? HUGE_VAL : 0.0;
  } else if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

/// openpyxl's built-in number formats that mark a date or time (ECMA-376 Part 1, 18.8.30):
/// 14-22 and 45-47; other built-in ids it does not know are not dates.
inline std::optional<std::string_view> builtin_format(long id) {
  static constexpr std::array<std::string_view, 50> formats = {
      "General", "0", "0.00", "#,##0", "#,##0.00", "\"$\"#,##0_);(\"$\"#,##0)",
      "\"$\"#,##0_);[Red](\"$\"#,##0)", "\"$\"#,##0.00_);(\"$\"#,##0.00)",
      "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)", "0%", "0.00%", "0.00E+00", "# ?/?", "# ?\?/??",
      "mm-dd-yy", "d-mmm-yy", "d-mmm", "mmm-yy", "h:mm AM/PM", "h:mm:ss AM/PM", "h:mm",
      "h:mm:ss", "m/d/yy h:mm", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
      "#,##0_);(#,##0)", "#,##0_);[Red](#,##0)", "#,##0.00_);(#,##0.00)",
      "#,##0.00_);[Red](#,##0.00)", "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)",
      "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)",
      "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
      "_(\"$\"* #,##0.00_)_(\"$\"* \\(#,##0.00\\)_(\"$\"* \"-\"??_)_(@_)", "mm:ss", "[h]:mm:ss",
      "mmss.0", "##0.0E+0", "@"};
  if (id < 0 || id >= static_cast<long>(formats.size()) || (id >= 23 && id <= 36)) return std::nullopt;
  return formats[static_cast<std::size_t>(id)];
}

/// The id of a built-in format with exactly this code, or -1 (openpyxl rebases a custom
/// format that repeats a built-in one onto the built-in id).
inline long builtin_id(std::string_view code) {
  for (long id = 0; id < 50; ++id)
    if (const auto f = builtin_format(id); f && *f == code) return id;
  return -1;
}

/// Whether a number format shows a date or time, as openpyxl's `is_date_format` decides:
/// in the format's first section (up to the first `;`), with quoted literals and bracketed
/// locale or colour codes (but not `[h]`, `[mm]`, `[s]` ...) removed, a `d`, `m`, `h`, `y`
/// or `s` (any case) not preceded by `_` or `\`.
inline bool is_date_format(std::string_view code) {
  code = code.substr(0, code.find(';'));
  std::string kept;
  for (std::size_t i = 0; i < code.size();) {
    if (code[i] == '"') {
      const std::size_t close = code.find('"', i + 1);
      const std::size_t line = code.find('\n', i + 1);
      if (close != std::string_view::npos && (line == std::string_view::npos || line > close)) {
        i = close + 1;
        continue;
      }
    } else if (code[i] == '[') {
      const std::string_view rest = code.substr(i + 1);
      const bool elapsed = rest.substr(0, 2) == "h]" || rest.substr(0, 3) == "hh]" || rest.substr(0, 2) == "m]" ||
                           rest.substr(0, 3) == "mm]" || rest.substr(0, 2) == "s]" || rest.substr(0, 3) == "ss]";
      const std::size_t close = code.find(']', i + 1);
      if (!elapsed && close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    }
    kept += code[i++];
  }
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const char c = static_cast<char>(kept[i] | 0x20);
    if ((c == 'd' || c == 'm' || c == 'h' || c == 'y' || c == 's') && ((kept[i] >= 'a' && kept[i] <= 'z') || (kept[i] >= 'A' && kept[i] <= 'Z')) &&
        (i == 0 || (kept[i - 1] != '_' && kept[i - 1] != '\\')))
      return true;
  }
  return false;
}

/// Whether a number format shows elapsed time (`[h]:mm:ss`, `[mm]:ss`, `[s]`), in which case
/// openpyxl reads the cell as a duration.
inline bool is_timedelta_format(std::string_view code) {
  code = code.substr(0, code.find(';'));
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] != '[') continue;
    std::string rest;
    for (std::size_t k = i + 1; k < code.size() && k < i + 4; ++k)
      rest += static_cast<char>(code[k] >= 'A' && code[k] <= 'Z' ? code[k] - 'A' + 'a' : code[k]);
    for (std::string_view form : {"h]", "hh]", "m]", "mm]", "s]", "ss]"})
      if (rest.substr(0, form.size()) == form) return true;
  }
  return false;
}

}  // namespace coproduction::detail::xlsx
