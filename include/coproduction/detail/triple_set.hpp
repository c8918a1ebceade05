#pragma once
/// \file
/// An open-addressing hash set of (source, target, type) triples of 32-bit codes.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace coproduction::detail {

/// The set that keeps a relation's (source, target, type) unique. A node-based
/// `std::unordered_set` costs an allocation and a cache miss per relation, which dominates
/// building a network of a million relations; here the triples sit in one flat array probed
/// linearly, at most half full. Nothing is ever erased: a refused batch rebuilds the set.
class triple_set {
 public:
  struct triple {
    std::uint32_t source, target, type;
    bool operator==(const triple&) const = default;
  };

  std::size_t size() const { return size_; }
  /// The bytes of the table on the heap (`Network::memory_bytes` counts them).
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(slot); }

  void clear() {
    slots_.clear();
    size_ = 0;
  }

  /// Makes room for `n` triples in all without rehashing.
  void reserve(std::size_t n) {
    std::size_t want = 16;
    while (want < 2 * n) want *= 2;
    if (want > slots_.size()) rehash(want);
  }

  bool contains(const triple& t) const {
    if (slots_.empty()) return false;
    for (std::size_t i = home(t);; i = (i + 1) & (slots_.size() - 1)) {
      const slot& s = slots_[i];
      if (!s.used) return false;
      if (s.key == t) return true;
    }
  }

  /// Inserts `t`; false when it was already there.
  bool insert(const triple& t) {
    if (2 * (size_ + 1) > slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
    for (std::size_t i = home(t);; i = (i + 1) & (slots_.size() - 1)) {
      slot& s = slots_[i];
      if (!s.used) {
        s = slot{t, true};
        ++size_;
        return true;
      }
      if (s.key == t) return false;
    }
  }

 private:
  struct slot {
    triple key{};
    bool used = false;
  };

  std::size_t home(const triple& t) const {
    // splitmix64's finaliser over the packed codes: consecutive ids spread over the table.
    std::uint64_t h = (std::uint64_t{t.source} << 32 | t.target) ^
                      (std::uint64_t{t.type} * 0x9e3779b97f4a7c15ULL);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return static_cast<std::size_t>(h) & (slots_.size() - 1);
  }

  void rehash(std::size_t capacity) {
    std::vector<slot> old(capacity);
    old.swap(slots_);
    size_ = 0;
    for (const slot& s : old)
      if (s.used) insert(s.key);
  }

  std::vector<slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace coproduction::detail
