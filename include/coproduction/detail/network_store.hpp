#pragma once
/// \file
/// The storage pieces of `Network` (model/network.hpp): a relation's compact record and its
/// rare parts, maps keyed by string that look up by `string_view`, and the cache of a value
/// built on first use that a copy leaves empty. Users include model/network.hpp.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "coproduction/model/relation.hpp"

namespace coproduction::detail {

/// A relation as a network stores it: 32 bytes; the rare parts (provenance, attributes) live
/// in a `relation_details` of their own, for the relations that have them.
struct relation_record {
  std::uint32_t source, target, type;  // vertex indices, and the type's position in the types
  std::int32_t scale;                  // a Scale, or -1
  double weight;                       // NaN when not given
  std::size_t details;                 // an index into the details, or the largest size_t
};
struct relation_details {
  Provenance provenance;
  nlohmann::json attributes;
};

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
/// A map from strings that finds a `string_view` without making a string of it.
template <class T>
using string_map = std::unordered_map<std::string, T, string_hash, std::equal_to<>>;

/// A `T` built on first use and held by pointer. A copy is empty and builds its own from the
/// copied contents (the network's Boost.Graph view: its edge descriptors point into the graph
/// they were built with); a move takes it along (held by pointer, the graph and its
/// descriptors stay where they are).
template <class T>
struct built_cache {
  std::unique_ptr<const T> built;
  built_cache() = default;
  built_cache(const built_cache&) noexcept {}
  built_cache& operator=(const built_cache&) noexcept {
    built.reset();
    return *this;
  }
  built_cache(built_cache&&) noexcept = default;
  built_cache& operator=(built_cache&&) noexcept = default;
  ~built_cache() = default;
};

}  // namespace coproduction::detail
