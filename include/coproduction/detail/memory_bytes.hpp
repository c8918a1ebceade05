#pragma once
/// \file
/// The heap bytes that the model's values hold, for `Network::memory_bytes`
/// (model/network.hpp): what a memory accountant (Python's `sys.getsizeof`, a dask worker's
/// memory limit) should be told. Each `heap_bytes` counts what a value owns beyond its own
/// `sizeof`: a string's buffer when it is not held inline, a vector's capacity, a map's nodes
/// and buckets, a JSON value's tree. A node is counted as its value and the pointers that
/// libstdc++ and libc++ keep beside it (a tree node: colour, parent and two children; a hash
/// node: the next pointer and the cached hash); the allocator's own bookkeeping per block (8
/// to 16 bytes with glibc) is not counted, so the total is a slight underestimate.

#include <cstddef>
#include <map>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/network_store.hpp"
#include "coproduction/detail/triple_set.hpp"
#include "coproduction/model/decision.hpp"
#include "coproduction/model/project.hpp"
#include "coproduction/model/stakeholder.hpp"

namespace coproduction::detail {

inline constexpr std::size_t tree_node_links = 4 * sizeof(void*);
inline constexpr std::size_t hash_node_links = 2 * sizeof(void*);

// Declared first, so that the container templates below find every overload by ordinary
// lookup (the model's types live in `coproduction`, where argument-dependent lookup from
// here would not search).
std::size_t heap_bytes(const std::string& s);
std::size_t heap_bytes(const nlohmann::json& j);
std::size_t heap_bytes(const relation_details& d);
std::size_t heap_bytes(const Stakeholder& s);
std::size_t heap_bytes(const Project& p);
std::size_t heap_bytes(const Decision& d);
inline std::size_t heap_bytes(const triple_set& keys) { return keys.memory_bytes(); }

template <class T>
std::size_t heap_bytes(const std::vector<T>& v) {
  std::size_t n = v.capacity() * sizeof(T);
  if constexpr (!std::is_trivially_copyable_v<T>)
    for (const T& x : v) n += heap_bytes(x);
  return n;
}

template <class K, class V, class... Rest>
std::size_t heap_bytes(const std::map<K, V, Rest...>& m) {
  std::size_t n = m.size() * (sizeof(typename std::map<K, V, Rest...>::value_type) +
                              tree_node_links);
  for (const auto& [key, value] : m) {
    if constexpr (!std::is_trivially_copyable_v<K>) n += heap_bytes(key);
    if constexpr (!std::is_trivially_copyable_v<V>) n += heap_bytes(value);
  }
  return n;
}

template <class K, class V, class... Rest>
std::size_t heap_bytes(const std::unordered_map<K, V, Rest...>& m) {
  using Map = std::unordered_map<K, V, Rest...>;
  std::size_t n = m.bucket_count() * sizeof(void*) +
                  m.size() * (sizeof(typename Map::value_type) + hash_node_links);
  for (const auto& [key, value] : m) {
    if constexpr (!std::is_trivially_copyable_v<K>) n += heap_bytes(key);
    if constexpr (!std::is_trivially_copyable_v<V>) n += heap_bytes(value);
  }
  return n;
}

/// The heap bytes of every part, added up.
template <class... Parts>
std::size_t heap_bytes_of(const Parts&... parts) {
  return (std::size_t{0} + ... + heap_bytes(parts));
}

inline std::size_t heap_bytes(const std::string& s) {
  // A string that fits the small-string buffer holds nothing on the heap.
  static const std::size_t inline_capacity = std::string().capacity();
  return s.capacity() > inline_capacity ? s.capacity() + 1 : 0;
}

inline std::size_t heap_bytes(const nlohmann::json& j) {
  // nlohmann::json keeps an object, an array, a string or a binary value behind a pointer.
  // The recursion is bounded by the nesting ceiling that every value of a network obeys.
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      const auto& o = j.get_ref<const nlohmann::json::object_t&>();
      return sizeof(o) + heap_bytes(o);
    }
    case nlohmann::json::value_t::array: {
      const auto& a = j.get_ref<const nlohmann::json::array_t&>();
      return sizeof(a) + heap_bytes(a);
    }
    case nlohmann::json::value_t::string: {
      const auto& s = j.get_ref<const nlohmann::json::string_t&>();
      return sizeof(s) + heap_bytes(s);
    }
    case nlohmann::json::value_t::binary: {
      const auto& b = j.get_ref<const nlohmann::json::binary_t&>();
      return sizeof(b) + b.capacity();
    }
    default:
      return 0;
  }
}

inline std::size_t heap_bytes(const relation_details& d) {
  return heap_bytes_of(d.provenance.reported_by, d.provenance.date, d.provenance.method,
                       d.attributes);
}

inline std::size_t heap_bytes(const Stakeholder& s) {
  return heap_bytes_of(s.id, s.label, s.role, s.sector, s.attributes);
}

inline std::size_t heap_bytes(const Project& p) { return heap_bytes_of(p.id, p.label, p.attributes); }

inline std::size_t heap_bytes(const Decision& d) {
  return heap_bytes_of(d.id, d.label, d.project, d.rights, d.rule.votes, d.rule.veto,
                       d.attributes);
}

}  // namespace coproduction::detail
