#pragma once
/// \file
/// UTF-8, as every reader checks it and every writer makes it: well-formed text is RFC 3629's
/// (shortest forms only, no surrogates, nothing above U+10FFFF), which is also where Python's
/// strict decoder stops.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace coproduction::detail {

/// The offset of the first byte of the first sequence that is not UTF-8 (an overlong form,
/// a surrogate, a value past U+10FFFF, a sequence cut short), or nothing: where Python's
/// strict decoder stops.
inline std::optional<std::size_t> utf8_error(std::string_view s) {
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < s.size()) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c == 0xE0) n = 2, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) n = 2;
    else if (c == 0xED) n = 2, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) n = 2;
    else if (c == 0xF0) n = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 3;
    else if (c == 0xF4) n = 3, hi = 0x8F;
    else return i;
    if (i + 1 >= s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return i;
    for (std::size_t k = 2; k <= n; ++k)
      if (i + k >= s.size() || (byte(i + k) & 0xC0) != 0x80) return i;
    i += n + 1;
  }
  return std::nullopt;
}

/// True when `text` is well-formed UTF-8.
inline bool valid_utf8(std::string_view text) { return !utf8_error(text).has_value(); }

/// Appends code point `cp` as UTF-8.
inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace coproduction::detail
