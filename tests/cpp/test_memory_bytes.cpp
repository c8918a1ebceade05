// What a network says it holds (`Network::memory_bytes`, detail/memory_bytes.hpp), by hand:
// a string counts its buffer when it is not held inline, with its terminating zero; each id
// counts once in its value and once as its index's key; a relation is a 32-byte record.

#include <cstddef>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "coproduction/coproduction.hpp"
#include "coproduction/detail/memory_bytes.hpp"

namespace cp = coproduction;
namespace detail = coproduction::detail;

namespace {

std::string text(std::size_t n, char c) { return std::string(n, c); }

cp::Network one(const std::string& id, const std::string& label) {
  cp::Network net;
  net.add_stakeholder({.id = id, .label = label, .kind = cp::Kind::person});
  return net;
}

}  // namespace

TEST(MemoryBytes, AStringCountsItsBufferOnlyWhenItIsOnTheHeap) {
  EXPECT_EQ(detail::heap_bytes(std::string("short")), 0u);
  const std::string long_text = text(1000, 'x');
  EXPECT_EQ(detail::heap_bytes(long_text), long_text.capacity() + 1);
  EXPECT_GE(long_text.capacity(), 1000u);
}

TEST(MemoryBytes, AJsonValueCountsItsTree) {
  EXPECT_EQ(detail::heap_bytes(nlohmann::json(3.5)), 0u);
  EXPECT_EQ(detail::heap_bytes(nlohmann::json(nullptr)), 0u);
  const nlohmann::json value = {{"k", text(100, 'y')}};
  using object_t = nlohmann::json::object_t;
  const auto& stored = value.at("k").get_ref<const nlohmann::json::string_t&>();
  const std::size_t expected = sizeof(object_t) + sizeof(object_t::value_type) +
                               detail::tree_node_links + sizeof(nlohmann::json::string_t) +
                               stored.capacity() + 1;
  EXPECT_EQ(detail::heap_bytes(value), expected);
  const nlohmann::json list = nlohmann::json::array({1, 2, 3});
  EXPECT_EQ(detail::heap_bytes(list),
            sizeof(nlohmann::json::array_t) +
                list.get_ref<const nlohmann::json::array_t&>().capacity() * sizeof(nlohmann::json));
}

TEST(MemoryBytes, AnIdCountsInItsValueAndInTheIndex) {
  const cp::Network empty;
  EXPECT_GE(empty.memory_bytes(), sizeof(cp::Network));
  // Only the strings differ: the id twice (the stakeholder and the index's key), the label
  // once, 1,001 bytes each; "x" and "y" fit inside their strings.
  EXPECT_EQ(one(text(1000, 'x'), text(1000, 'y')).memory_bytes() - one("x", "y").memory_bytes(),
            3u * 1001u);
}

TEST(MemoryBytes, ARelationIsAThirtyTwoByteRecord) {
  static_assert(sizeof(detail::relation_record) == 32);
  cp::Network net = one("a", "a");
  net.add_stakeholder({.id = "b", .kind = cp::Kind::person});
  net.add_relation({.source = "a", .target = "b", .type = "informs"});
  const std::size_t before = net.memory_bytes();
  // Same type, room for it in the index of relations: only the records' vector grows, from
  // room for one to room for two.
  net.add_relation({.source = "b", .target = "a", .type = "informs"});
  EXPECT_EQ(net.memory_bytes() - before, sizeof(detail::relation_record));
}

TEST(MemoryBytes, ADecisionCountsItsRightsAndItsId) {
  cp::Network net = one("a", "a");
  net.add_stakeholder({.id = "b", .kind = cp::Kind::person});
  net.add_project({.id = "p"});
  const std::size_t before = net.memory_bytes();
  const std::string id = text(500, 'd');
  net.add_decision({.id = id,
                    .project = "p",
                    .rights = {{"a", cp::Right::shared}, {"b", cp::Right::decides}},
                    .rule = {.kind = cp::RuleKind::unanimity}});
  using rights_t = decltype(cp::Decision::rights);
  const std::size_t rights =
      2 * (sizeof(rights_t::value_type) + detail::tree_node_links);  // two nodes, short keys
  // At least the decision, its id twice and its rights; the index's buckets come on top.
  EXPECT_GE(net.memory_bytes() - before, sizeof(cp::Decision) + 2 * 501 + rights);
  EXPECT_LT(net.memory_bytes() - before, sizeof(cp::Decision) + 2 * 501 + rights + 512);
}
