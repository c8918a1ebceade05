#pragma once
/// \file
/// The characters of XML 1.0 as the XML reader and writers check them: which code points a
/// document may hold (production [2] `Char`), where a text first breaks UTF-8 or that rule, and
/// XML's white space. Users include `io/graphml.hpp` or `io/gexf.hpp`.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "coproduction/detail/utf8.hpp"

namespace coproduction::detail::xml {

/// True for a code point XML 1.0 allows in a document (production [2] `Char`).
constexpr bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/// Where the text first breaks the rules of UTF-8 or of XML 1.0's `Char` production: the
/// byte offset, and the code point when the bytes are valid UTF-8 for a character XML does not
/// allow (else -1).
struct invalid_char {
  std::size_t offset = std::string_view::npos;
  long code_point = -1;
  bool found() const { return offset != std::string_view::npos; }
};

/// The first place where `s` is not UTF-8 made of XML characters. Eight bytes at a time while
/// they are printable ASCII, so a document is checked at the speed of memory.
inline invalid_char first_invalid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      // No byte >= 0x80 and no byte < 0x20 ("has less than" of Bit Twiddling Hacks, exact
      // for a bound <= 128 as a yes/no answer).
      if (((w & highs) | ((w - ones * 0x20) & ~w & highs)) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) return {i, static_cast<long>(c)};
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return {i, -1};
    if (i + len > n) return {i, -1};
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return {i, -1};
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return {i, -1};
    if (!is_xml_char(cp)) return {i, static_cast<long>(cp)};
    i += len;
  }
  return {};
}

/// `U+XXXX` for messages.
inline std::string code_point_name(long cp) {
  static const char* hex = "0123456789ABCDEF";
  std::string digits;
  for (long v = cp; v > 0 || digits.size() < 4; v >>= 4) digits.insert(digits.begin(), hex[v & 15]);
  return "U+" + digits;
}

/// XML's white space (production [3] `S`).
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// True when `s` is empty or only XML white space.
inline bool all_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_space(c); });
}

/// `s` without XML white space at either end (xs:boolean and the numeric types of XML Schema
/// collapse white space before reading a value).
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace coproduction::detail::xml
