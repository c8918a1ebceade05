// Hostile documents and writes: every one gets the library's own error with its place, or
// works; none crashes, hangs, or leaves a file readable more widely than before.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <coproduction/coproduction.hpp>

namespace cp = coproduction;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string document(const std::string& stakeholders, const std::string& metadata = "") {
  return R"({"format": "coproduction", "version": 1, )" +
         (metadata.empty() ? std::string() : R"("metadata": )" + metadata + ", ") +
         R"("stakeholders": )" + stakeholders +
         R"(, "relations": [], "projects": [], "decisions": []})";
}

cp::format_error read_error(const std::string& text, const cp::ReadLimits& limits = {}) {
  try {
    cp::read_json(text, limits);
  } catch (const cp::format_error& e) {
    return e;
  }
  ADD_FAILURE() << "no format_error for " << text.substr(0, 200);
  return cp::format_error({});
}

json nested_object(std::size_t depth) {
  json v = json::object();
  for (std::size_t i = 1; i < depth; ++i) v = json{{"a", std::move(v)}};
  return v;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("coproduction_hostile_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ignore;
    fs::remove_all(path, ignore);
  }
  std::size_t entries() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(path)) ++n;
    return n;
  }
};

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0);
  return st.st_mode & 07777;
}

cp::Network small_network() {
  cp::Network net;
  net.add_stakeholder({.id = "service_user", .kind = cp::Kind::person});
  net.add_stakeholder({.id = "commissioner", .kind = cp::Kind::organisation});
  net.add_relation({.source = "service_user", .target = "commissioner", .type = "informs"});
  return net;
}

}  // namespace

// The reader is linear in the size of a container. A million empty objects in one array took
// minutes with the callback parser (it rescans the array each time an object ends); the
// test's CTest timeout (set in CMakeLists.txt) is two orders of magnitude above what the
// linear reader needs, so this fails only if the reader is no longer linear.
TEST(HostileJson, AMillionObjectsInOneArrayAreRefusedQuickly) {
  std::string text = "[";
  for (int i = 0; i < 1000000; ++i) text += i ? ",{}" : "{}";
  text += "]";
  const auto e = read_error(text);
  EXPECT_EQ(e.code(), "format.type");  // the document is an array, not an object
  std::string stakeholders = "[";
  for (int i = 0; i < 20000; ++i)
    stakeholders += (i ? "," : "") + std::string(R"({"id": "s)") + std::to_string(i) +
                    R"(", "kind": "person", "attributes": {}})";
  stakeholders += "]";
  EXPECT_EQ(cp::read_json(document(stakeholders)).num_stakeholders(), 20000u);
}

TEST(HostileJson, DuplicateKeysAreFoundAtEveryLevelAndAllReported) {
  const auto e = read_error(document(
      R"([{"id": "a", "kind": "person", "attributes": {"x": 1, "y": {"z": 1, "z": 2}, "x": 3}},
          {"id": "b", "id": "c", "kind": "person"}])"));
  ASSERT_EQ(e.problems().size(), 3u) << e.what();
  EXPECT_EQ(e.problems()[0].pointer, "/stakeholders/0/attributes/y/z");
  EXPECT_EQ(e.problems()[1].pointer, "/stakeholders/0/attributes/x");
  EXPECT_EQ(e.problems()[2].pointer, "/stakeholders/1/id");
  for (const auto& p : e.problems()) EXPECT_EQ(p.code, "format.duplicate_key");
}

TEST(HostileJson, ARepeatedKeyHoldingContainersIsStillChecked) {
  // The second value of a repeated key is parsed aside; its own problems still count and
  // later keys still land in the right object.
  const auto e = read_error(document(
      R"([{"id": "a", "kind": "person", "attributes": {"k": [1], "k": {"q": 1, "q": 2}}}])"));
  ASSERT_EQ(e.problems().size(), 2u) << e.what();
  EXPECT_EQ(e.problems()[0].pointer, "/stakeholders/0/attributes/k");
  EXPECT_EQ(e.problems()[1].pointer, "/stakeholders/0/attributes/k/q");
}

TEST(HostileJson, ANumberOutsideADoubleIsAFormatErrorWithItsPointer) {
  for (const char* number : {"1e400", "-1e400", "123456789e999"}) {
    const auto weight = read_error(
        R"({"format": "coproduction", "version": 1, "stakeholders": [{"id": "a", "kind": "person"},
            {"id": "b", "kind": "person"}], "relations": [{"source": "a", "target": "b",
            "type": "informs", "weight": )" + std::string(number) + R"(}], "projects": [], "decisions": []})");
    EXPECT_EQ(weight.code(), "format.number") << number;
    EXPECT_EQ(weight.where(), "/relations/0/weight");
    const auto meta = read_error(document("[]", R"({"scores": [1, 2, )" + std::string(number) + "]}"));
    EXPECT_EQ(meta.where(), "/metadata/scores/2");
    EXPECT_EQ(read_error(number).where(), "");
  }
}

TEST(HostileJson, MaxDepthCannotBeRaisedPastTheCeiling) {
  EXPECT_THROW(cp::read_json("{}", cp::ReadLimits{.max_depth = cp::max_nesting + 1}),
               cp::input_error);
  EXPECT_THROW(cp::read_json("{}", cp::ReadLimits{.max_depth = 0}), cp::input_error);
  EXPECT_THROW(cp::read_json("{}", cp::ReadLimits{.max_depth = std::size_t{1} << 40}),
               cp::input_error);
}

TEST(HostileJson, WhateverTheModelHoldsIsWrittenAndReadBack) {
  // Attributes sit at level 4 of a document and metadata at level 2: the model takes exactly
  // the depths that the reader's default limits read back.
  const std::size_t attributes_room = cp::max_nesting - cp::attributes_level + 1;
  for (std::size_t depth : {attributes_room - 1, attributes_room}) {
    cp::Network net = small_network();
    cp::Stakeholder s{.id = "deep", .kind = cp::Kind::person, .attributes = nested_object(depth)};
    net.add_stakeholder(s);
    const cp::Network back = cp::read_json(cp::dump_json(net));
    EXPECT_TRUE(back == net) << depth;
    EXPECT_TRUE(cp::read_json(cp::dump_json(net, -1)) == net) << depth;
  }
  cp::Network net = small_network();
  EXPECT_THROW(net.add_stakeholder({.id = "deeper", .kind = cp::Kind::person,
                                    .attributes = nested_object(attributes_room + 1)}),
               cp::invalid_value);
  EXPECT_THROW(net.add_relation({.source = "commissioner", .target = "service_user",
                                 .type = "trusts", .attributes = nested_object(attributes_room + 1)}),
               cp::invalid_value);
  EXPECT_EQ(net.num_stakeholders(), 2u);
  EXPECT_EQ(net.num_relations(), 1u);
  const std::size_t metadata_room = cp::max_nesting - cp::metadata_level + 1;
  net.set_metadata(nested_object(metadata_room));
  EXPECT_TRUE(cp::read_json(cp::dump_json(net)) == net);
  EXPECT_THROW(net.set_metadata(nested_object(metadata_room + 1)), cp::invalid_value);
}

TEST(HostileJson, AValueBuiltTooDeepInCodeIsRefusedNotRecursedInto) {
  // A million levels built in C++: converting or writing it must not recurse per level.
  json deep = json::array();
  for (int i = 0; i < 1000000; ++i) deep = json::array({std::move(deep)});
  json stakeholder = {{"id", "a"}, {"kind", "person"}, {"attributes", {{"x", 1}}}};
  stakeholder["attributes"]["x"] = std::move(deep);
  try {
    (void)stakeholder.get<cp::Stakeholder>();
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.depth");
    EXPECT_EQ(e.where(), "/attributes");
  }
  EXPECT_THROW(cp::detail::dump_document(stakeholder, 2), cp::format_error);
}

TEST(HostileJson, IndentIsBounded) {
  const cp::Network net = small_network();
  for (int indent : {-1, 0, 2, cp::detail::max_indent})
    EXPECT_TRUE(cp::read_json(cp::dump_json(net, indent)) == net) << indent;
  for (int indent : {-2, cp::detail::max_indent + 1, 1025, 1000000}) {
    try {
      (void)cp::dump_json(net, indent);
      FAIL() << indent;
    } catch (const cp::input_error& e) {
      EXPECT_EQ(e.where(), "indent");
    }
  }
  TempDir dir;
  EXPECT_THROW(cp::write_json(net, dir.path / "net.json", 1000000), cp::input_error);
  EXPECT_EQ(dir.entries(), 0u);
}

TEST(HostileJson, AnAtomicWriteKeepsTheModeOfTheFileItReplaces) {
  TempDir dir;
  const fs::path path = dir.path / "private.json";
  const cp::Network net = small_network();
  for (mode_t mode : {0600, 0640, 0400, 0664}) {
    { std::ofstream(path) << "{}"; }
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    cp::write_json(net, path);
    EXPECT_EQ(mode_of(path), mode);
    EXPECT_TRUE(cp::read_json_file(path) == net);
    fs::remove(path);
  }
  // A new file gets what a plain open gives: 0666 less the umask.
  const mode_t mask = ::umask(022);
  cp::write_json(net, path);
  EXPECT_EQ(mode_of(path), 0644u);
  fs::remove(path);
  ::umask(077);
  cp::write_json(net, path);
  EXPECT_EQ(mode_of(path), 0600u);
  ::umask(mask);
  EXPECT_EQ(dir.entries(), 1u);  // no temporary file left behind
}

TEST(HostileJson, AWriteThroughASymlinkReplacesTheFileItNames) {
  TempDir dir;
  const fs::path real = dir.path / "real.json", link = dir.path / "link.json";
  { std::ofstream(real) << "{}"; }
  ASSERT_EQ(::chmod(real.c_str(), 0600), 0);
  fs::create_symlink(real, link);
  const cp::Network net = small_network();
  cp::write_json(net, link);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_TRUE(cp::read_json_file(real) == net);
  EXPECT_EQ(mode_of(real), 0600u);
  // A link to nothing, and a path that is a directory, are refused; nothing is created.
  const fs::path dangling = dir.path / "dangling.json";
  fs::create_symlink(dir.path / "absent" / "x.json", dangling);
  EXPECT_THROW(cp::write_json(net, dangling), cp::io_error);
  fs::create_directory(dir.path / "folder");
  EXPECT_THROW(cp::write_json(net, dir.path / "folder"), cp::io_error);
  EXPECT_EQ(dir.entries(), 4u);
}

TEST(HostileJson, FilesThatCannotBeReadAreIoErrors) {
  TempDir dir;
  EXPECT_THROW(cp::read_json_file(dir.path), cp::io_error);              // a directory
  EXPECT_THROW(cp::read_json_file(dir.path / "absent.json"), cp::io_error);
  // A pipe has no size: it is read up to the limit and no further.
  const fs::path fifo = dir.path / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string text = cp::dump_json(small_network());
  std::thread writer([&] { std::ofstream(fifo) << text; });
  EXPECT_TRUE(cp::read_json_file(fifo) == small_network());
  writer.join();
  ::signal(SIGPIPE, SIG_IGN);  // the reader stops reading early: the writer must not die of it
  std::thread big([&] { std::ofstream out(fifo); out << std::string(1 << 20, ' '); });
  try {
    cp::read_json_file(fifo, cp::ReadLimits{.max_bytes = 1000});
    ADD_FAILURE();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.size");
  }
  big.join();
}
