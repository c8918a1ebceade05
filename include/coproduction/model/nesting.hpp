#pragma once
/// \file
/// How deeply JSON values (a stakeholder's attributes, a network's metadata, a whole document)
/// may nest. Copying, comparing, writing and converting a JSON value to Python all recurse once
/// per level, so one ceiling, far below what any thread's stack holds, bounds every one of
/// them; the reader's `max_depth` may be lowered, never raised past it.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace coproduction {

/// The deepest nesting of objects and arrays that any path of the library reads, stores,
/// writes or converts: a document (the outermost object counts as level 1) nests at most
/// this deep. 256 levels cost a few hundred kilobytes of stack on the deepest recursion
/// (writing a value, or turning it into Python objects, in a sanitizer build), well inside
/// the smallest thread stack a platform gives (512 KiB on macOS).
inline constexpr std::size_t max_nesting = 256;

/// Where free values sit in a document, so that what the model stores always fits a document
/// that the reader reads back under its default limits: metadata at level 2 (document >
/// metadata), attributes at level 4 (document > stakeholders > stakeholder > attributes).
inline constexpr std::size_t metadata_level = 2;
inline constexpr std::size_t attributes_level = 4;

/// The nesting depth of a value: 0 for a scalar, 1 for an object or array of scalars, and
/// one more per level below. Iterative (it recurses nowhere), O(size of the value); stops
/// counting as soon as the depth passes `limit`.
inline std::size_t nesting_depth(const nlohmann::json& value,
                                 std::size_t limit = static_cast<std::size_t>(-1)) {
  if (!value.is_structured()) return 0;
  std::size_t deepest = 0;
  std::vector<std::pair<const nlohmann::json*, std::size_t>> todo{{&value, 1}};
  while (!todo.empty()) {
    auto [v, depth] = todo.back();
    todo.pop_back();
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const auto& child : *v)
      if (child.is_structured()) todo.emplace_back(&child, depth + 1);
  }
  return deepest;
}

/// True when `value`, placed at `level` of a document, keeps the document within
/// `max_nesting`.
inline bool fits_nesting(const nlohmann::json& value, std::size_t level) {
  const std::size_t room = max_nesting - level + 1;
  return nesting_depth(value, room) <= room;
}

}  // namespace coproduction
