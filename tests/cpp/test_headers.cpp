// The layout of the headers: `coproduction.hpp` is the one include for everything, so it
// includes every public header (every header outside `detail/`), and every header it
// includes exists. Read from the source tree, so a header added without its line in the
// umbrella fails here.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "coproduction/coproduction.hpp"

namespace fs = std::filesystem;

namespace {

#ifndef COPRODUCTION_TEST_DATA
#define COPRODUCTION_TEST_DATA "tests/data"
#endif

// The source tree's include/coproduction, found from the test data folder (tests/data).
fs::path header_root() {
  return fs::path(COPRODUCTION_TEST_DATA) / ".." / ".." / "include" / "coproduction";
}

std::string text_of(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The headers `#include "coproduction/..."` names in a file, as paths below coproduction/.
std::set<std::string> included_by(const fs::path& file) {
  std::set<std::string> out;
  std::istringstream lines(text_of(file));
  const std::string prefix = "#include \"coproduction/";
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(prefix, 0) == 0) {
      const std::size_t end = line.find('"', prefix.size());
      out.insert(line.substr(prefix.size(), end - prefix.size()));
    }
  return out;
}

// Every header below include/coproduction but the umbrella and those under detail/.
std::set<std::string> public_headers() {
  std::set<std::string> out;
  const fs::path root = header_root();
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".hpp") continue;
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    if (rel == "coproduction.hpp" || rel.rfind("detail/", 0) == 0) continue;
    out.insert(rel);
  }
  return out;
}

TEST(Headers, UmbrellaIncludesEveryPublicHeader) {
  const std::set<std::string> headers = public_headers();
  ASSERT_GT(headers.size(), 40u) << "the header tree was not found at " << header_root();
  // A few by name, so that a tree read wrongly cannot pass by finding nothing to miss.
  for (const char* h : {"ladder/principles.hpp", "power/bloc_power.hpp", "model/layer.hpp",
                        "metrics/density.hpp", "metrics/decomposition.hpp", "io/file.hpp"})
    EXPECT_TRUE(headers.count(h)) << h;
  const std::set<std::string> umbrella = included_by(header_root() / "coproduction.hpp");
  for (const std::string& h : headers)
    EXPECT_TRUE(umbrella.count(h)) << "coproduction.hpp does not include " << h;
}

TEST(Headers, UmbrellaIncludesOnlyHeadersThatExist) {
  const fs::path root = header_root();
  const std::set<std::string> umbrella = included_by(root / "coproduction.hpp");
  ASSERT_FALSE(umbrella.empty());
  for (const std::string& h : umbrella) {
    EXPECT_TRUE(fs::exists(root / h)) << h;
    EXPECT_NE(h.rfind("detail/", 0), 0u) << "the umbrella includes an internal header: " << h;
  }
}

}  // namespace
