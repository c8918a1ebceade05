#pragma once
/// \file
/// How the model's messages spell what they name: an id in double quotes, a key inside a JSON
/// pointer, a number as a person would write it. One spelling for every message the library
/// writes about the model (the network's inserts, the readers, the decision games).

#include <cmath>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace coproduction::detail {

/// RFC 6901 escaping of one reference token (`~` -> `~0`, `/` -> `~1`).
inline std::string pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

/// An id as a message names it: `"nhs"`.
inline std::string quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

/// A number for a message: `2`, `2.5`, `inf`, `NaN` (whole numbers without a decimal point,
/// others as JSON writes them: the shortest text that reads back as the same double).
inline std::string number_text(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == std::floor(x) && std::fabs(x) < 9.0e15) return std::to_string(static_cast<long long>(x));
  return nlohmann::json(x).dump();
}

}  // namespace coproduction::detail
