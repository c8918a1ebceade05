// The flat set that keeps (source, target, type) unique, against std::set.

#include <random>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "coproduction/detail/triple_set.hpp"

namespace cp = coproduction;

TEST(TripleSet, AgreesWithStdSetThroughRehashes) {
  cp::detail::triple_set flat;
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> reference;
  std::mt19937 rng(2013);
  // Few distinct values per field, so repeats are common and every probe path is taken.
  std::uniform_int_distribution<std::uint32_t> end(0, 40), type(0, 3);
  for (int i = 0; i < 20000; ++i) {
    const cp::detail::triple_set::triple t{end(rng), end(rng), type(rng)};
    EXPECT_EQ(flat.contains(t), reference.count({t.source, t.target, t.type}) == 1);
    EXPECT_EQ(flat.insert(t), reference.insert({t.source, t.target, t.type}).second);
    ASSERT_EQ(flat.size(), reference.size());
  }
  for (const auto& [s, t, k] : reference) EXPECT_TRUE(flat.contains({s, t, k}));
  EXPECT_FALSE(flat.contains({41, 0, 0}));
}

TEST(TripleSet, ReserveKeepsContentsAndClearEmpties) {
  cp::detail::triple_set flat;
  EXPECT_FALSE(flat.contains({0, 0, 0}));  // an empty set has no table yet
  for (std::uint32_t i = 0; i < 100; ++i) flat.insert({i, i + 1, i % 3});
  flat.reserve(100000);
  EXPECT_EQ(flat.size(), 100u);
  for (std::uint32_t i = 0; i < 100; ++i) EXPECT_TRUE(flat.contains({i, i + 1, i % 3}));
  EXPECT_FALSE(flat.contains({1, 2, 0}));  // same ends, other type
  // The largest codes are ordinary keys.
  const std::uint32_t top = 0xffffffffu;
  EXPECT_TRUE(flat.insert({top, top, top}));
  EXPECT_FALSE(flat.insert({top, top, top}));
  flat.clear();
  EXPECT_EQ(flat.size(), 0u);
  EXPECT_FALSE(flat.contains({0, 1, 0}));
  EXPECT_TRUE(flat.insert({0, 1, 0}));
}
