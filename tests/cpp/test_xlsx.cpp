// Workbooks: the zip layer under hostile archives (too many parts, zip bombs, parts lying
// about their size or checksum, truncated and overlapping entries, damaged names), the
// workbook reader against what the Python package reads from the same files (workbooks
// written by openpyxl and by hand, in tests/data/xlsx, made by make_fixtures.py there), the
// writer against the Python package's writer byte for byte, and round trips.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <coproduction/io/xlsx.hpp>

namespace cp = coproduction;
namespace io = coproduction::io;
namespace zip = coproduction::detail::zip;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const fs::path data_dir = fs::path(COPRODUCTION_TEST_DATA) / "xlsx";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

json load_json(const fs::path& path) { return json::parse(slurp(path)); }

using parts_t = std::vector<std::pair<std::string, std::string>>;

std::string pattern(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(rng() & 0xFF);
  return out;
}

// The offset of the central directory entry of `name`.
std::size_t central_entry(const std::string& archive, const std::string& name) {
  for (std::size_t at = archive.find("PK\x01\x02"); at != std::string::npos; at = archive.find("PK\x01\x02", at + 1)) {
    const std::size_t len = zip::bytes::u16(archive, at + 28);
    if (archive.compare(at + 46, len, name) == 0 && len == name.size()) return at;
  }
  ADD_FAILURE() << "no central entry for " << name;
  return 0;
}

void put32_at(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

void put16_at(std::string& s, std::size_t at, std::uint32_t v) {
  s[at] = static_cast<char>(v & 0xFF);
  s[at + 1] = static_cast<char>((v >> 8) & 0xFF);
}

zip::zip_error zip_failure(const std::function<void()>& f) {
  try {
    f();
  } catch (const zip::zip_error& e) {
    return e;
  }
  ADD_FAILURE() << "no zip_error";
  return zip::zip_error("", "none", "none");
}

// -- the zip layer ------------------------------------------------------------------------------

TEST(Zip, WrittenPartsReadBackExactlyAndTheBytesAreDeterministic) {
  const parts_t parts = {{"a.txt", "hello, world\n"},
                         {"empty", ""},
                         {"bin/random.bin", pattern(70000, 1)},
                         {"dir/zeros", std::string(1 << 20, '\0')},
                         {"caf\xC3\xA9/\xE4\xB8\xAD.xml", "<x/>"}};
  const std::string bytes = zip::write_archive(parts);
  EXPECT_EQ(bytes, zip::write_archive(parts));
  const zip::archive archive(bytes);
  ASSERT_EQ(archive.entries().size(), parts.size());
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const zip::entry& e = archive.entries()[i];
    EXPECT_EQ(e.name, parts[i].first);
    EXPECT_EQ(e.size, parts[i].second.size());
    EXPECT_EQ(e.method, 8);
    EXPECT_EQ(archive.read(e), parts[i].second);
    EXPECT_EQ(archive.head(e, 5), parts[i].second.substr(0, 5));
    total += parts[i].second.size();
  }
  EXPECT_EQ(archive.declared_size(), total);
  EXPECT_EQ(archive.find("dir/zeros"), &archive.entries()[3]);
  EXPECT_EQ(archive.find("dir"), nullptr);
  // A megabyte of zeros deflates to about a thousandth of itself (RFC 1951's longest match
  // is 258 bytes in about two bits).
  EXPECT_LT(archive.entries()[3].compressed_size, 1100u);
  // CRC-32 of "123456789" is 0xCBF43926 (the check value of ISO 3309's CRC).
  EXPECT_EQ(zip::archive::checksum("123456789"), 0xCBF43926u);
}

TEST(Zip, WritingRefusesNamesThatAreEmptyOrRepeated) {
  EXPECT_THROW(zip::write_archive({{"", "x"}}), cp::input_error);
  EXPECT_THROW(zip::write_archive({{"a", "x"}, {"a", "y"}}), cp::input_error);
}

TEST(Zip, TooManyPartsAreRefusedBeforeAnyIsRead) {
  parts_t parts;
  for (int i = 0; i < 10001; ++i) parts.emplace_back("p" + std::to_string(i), "");
  const std::string bytes = zip::write_archive(parts);
  try {
    zip::archive archive(bytes);
    FAIL() << "no refusal";
  } catch (const zip::too_many_parts& e) {
    EXPECT_EQ(e.parts(), 10001u);
    EXPECT_EQ(e.code(), "format.size");
  }
  parts.resize(10000);
  EXPECT_EQ(zip::archive(zip::write_archive(parts)).entries().size(), 10000u);
  EXPECT_THROW(zip::archive(zip::write_archive(parts), 9999), zip::too_many_parts);
}

TEST(Zip, APartDeclaringMoreThanTheLimitIsRefusedBeforeUnpacking) {
  // 64 MiB of zeros deflate to about 64 KB: a ratio of a thousand.
  const std::string bytes = zip::write_archive({{"zeros", std::string(std::size_t{64} << 20, '\0')}});
  ASSERT_LT(bytes.size(), std::size_t{100} << 10);
  const zip::archive archive(bytes);
  EXPECT_EQ(archive.declared_size(), std::uint64_t{64} << 20);
  const auto start = std::chrono::steady_clock::now();
  const auto e = zip_failure([&] { archive.read(archive.entries()[0], 1 << 20); });
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
  EXPECT_EQ(e.part(), "zeros");
  EXPECT_EQ(e.code(), "format.size");
}

TEST(Zip, APartLyingAboutItsSizeIsRefusedAndInflatingStopsAtTheDeclaredSize) {
  std::string bytes = zip::write_archive({{"zeros", std::string(std::size_t{64} << 20, '\0')}, {"b", "bb"}});
  // Declares 1,000 bytes: inflating stops at 1,001, so the 64 MiB are never made.
  std::string smaller = bytes;
  put32_at(smaller, central_entry(smaller, "zeros") + 24, 1000);
  const zip::archive lying(smaller);
  const auto start = std::chrono::steady_clock::now();
  const auto e = zip_failure([&] { lying.read(lying.entries()[0]); });
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
  EXPECT_EQ(e.part(), "zeros");
  EXPECT_NE(e.detail().find("more than the 1000 bytes it declares"), std::string::npos) << e.detail();
  // Declares more than it holds.
  std::string larger = zip::write_archive({{"a", "abc"}});
  put32_at(larger, central_entry(larger, "a") + 24, 4);
  const zip::archive short_part(larger);
  EXPECT_NE(zip_failure([&] { short_part.read(short_part.entries()[0]); }).detail().find("unpacks to 3 bytes, not the 4"),
            std::string::npos);
  // A stored part whose sizes differ.
  std::string stored = zip::write_archive({{"s", "abc"}});
  const std::size_t c = central_entry(stored, "s");
  put16_at(stored, c + 10, 0);
  put16_at(stored, 8, 0);
  const zip::archive stored_archive(stored);
  EXPECT_NE(zip_failure([&] { stored_archive.read(stored_archive.entries()[0]); }).detail().find("stored as"),
            std::string::npos);
}

TEST(Zip, ACrcMismatchIsRefused) {
  std::string bytes = zip::write_archive({{"a.xml", "<a/>"}});
  const std::size_t c = central_entry(bytes, "a.xml");
  put32_at(bytes, c + 16, zip::bytes::u32(bytes, c + 16) ^ 1u);
  const zip::archive archive(bytes);
  const auto e = zip_failure([&] { archive.read(archive.entries()[0]); });
  EXPECT_EQ(e.part(), "a.xml");
  EXPECT_NE(e.detail().find("Bad CRC-32"), std::string::npos);
}

TEST(Zip, EveryTruncationOfAnArchiveIsRefused) {
  const std::string bytes = zip::write_archive({{"a.xml", "<a>" + std::string(300, 'x') + "</a>"}, {"b", pattern(200, 2)}});
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const std::string cut = bytes.substr(0, n);
    EXPECT_THROW(zip::archive{cut}, zip::zip_error) << n;
  }
  // Data cut from the middle, the directory moved up to follow it: the entries now run into
  // the directory.
  const zip::archive whole(bytes);
  const std::size_t cd = bytes.find("PK\x01\x02");
  std::string shortened = bytes.substr(0, cd - 10) + bytes.substr(cd);
  const std::size_t eocd = shortened.rfind("PK\x05\x06");
  put32_at(shortened, eocd + 16, static_cast<std::uint32_t>(cd - 10));
  const auto e = zip_failure([&] { zip::archive{shortened}; });
  EXPECT_EQ(e.part(), "b");
  EXPECT_NE(e.detail().find("truncated or overlapping"), std::string::npos) << e.detail();
}

TEST(Zip, OverlappingEntriesAreRefused) {
  std::string bytes = zip::write_archive({{"a", "first part"}, {"b", "second part"}});
  // Both entries point at the first local header: a classic overlapped zip bomb.
  put32_at(bytes, central_entry(bytes, "b") + 42, 0);
  const auto e = zip_failure([&] { zip::archive{bytes}; });
  EXPECT_NE(e.detail().find("overlap"), std::string::npos) << e.detail();
}

TEST(Zip, NamesAreChecked) {
  // Two parts of one name.
  std::string twice = zip::write_archive({{"a", "1"}, {"b", "2"}});
  twice[central_entry(twice, "b") + 46] = 'a';
  EXPECT_NE(zip_failure([&] { zip::archive{twice}; }).detail().find("two parts of this name"), std::string::npos);
  // Flagged UTF-8 but not UTF-8.
  std::string bad = zip::write_archive({{"\xC3\xA9", "1"}});
  bad[central_entry(bad, "\xC3\xA9") + 47] = 'x';
  EXPECT_NE(zip_failure([&] { zip::archive{bad}; }).detail().find("not valid UTF-8"), std::string::npos);
  // Not flagged: code page 437, where 0x82 is an e with an acute accent.
  std::string cp437 = zip::write_archive({{"caf\x82", "1"}});
  put16_at(cp437, 6, 0);
  put16_at(cp437, central_entry(cp437, "caf\x82") + 8, 0);
  EXPECT_EQ(zip::archive(cp437).entries()[0].name, "caf\xC3\xA9");
  // A control character.
  std::string control = zip::write_archive({{"a\x01", "1"}});
  EXPECT_NE(zip_failure([&] { zip::archive{control}; }).detail().find("control character"), std::string::npos);
  // The local header names another part.
  std::string differ = zip::write_archive({{"a", "1"}});
  differ[30] = 'z';
  EXPECT_EQ(zip_failure([&] { zip::archive{differ}; }).part(), "a");
}

TEST(Zip, EncryptedAndUnsupportedPartsAreRefusedWhenRead) {
  std::string bytes = zip::write_archive({{"a", "secret"}});
  std::string encrypted = bytes;
  put16_at(encrypted, central_entry(encrypted, "a") + 8, 1);
  const zip::archive e1(encrypted);
  EXPECT_NE(zip_failure([&] { e1.read(e1.entries()[0]); }).detail().find("encrypted"), std::string::npos);
  std::string bzip2 = bytes;
  put16_at(bzip2, central_entry(bzip2, "a") + 10, 12);
  const zip::archive e2(bzip2);
  EXPECT_NE(zip_failure([&] { e2.read(e2.entries()[0]); }).detail().find("method 12"), std::string::npos);
}

// A stored archive written here, with zip64 sizes and offset in the central directory's
// extra field and a zip64 end record, as a tool writing large archives makes it.
std::string zip64_archive(const std::string& name, const std::string& data) {
  using zip::bytes::put16;
  using zip::bytes::put32;
  std::string out = "PK\x03\x04";
  put16(out, 45);
  put16(out, 0);
  put16(out, 0);
  put16(out, 0);
  put16(out, 0x21);
  put32(out, zip::archive::checksum(data));
  put32(out, static_cast<std::uint32_t>(data.size()));
  put32(out, static_cast<std::uint32_t>(data.size()));
  put16(out, static_cast<std::uint32_t>(name.size()));
  put16(out, 0);
  out += name + data;
  const auto cd = static_cast<std::uint32_t>(out.size());
  std::string dir = "PK\x01\x02";
  put16(dir, 45);
  put16(dir, 45);
  put16(dir, 0);
  put16(dir, 0);
  put16(dir, 0);
  put16(dir, 0x21);
  put32(dir, zip::archive::checksum(data));
  put32(dir, 0xFFFFFFFFu);
  put32(dir, 0xFFFFFFFFu);
  put16(dir, static_cast<std::uint32_t>(name.size()));
  put16(dir, 28);
  put16(dir, 0);
  put16(dir, 0);
  put16(dir, 0);
  put32(dir, 0);
  put32(dir, 0xFFFFFFFFu);
  dir += name;
  put16(dir, 1);
  put16(dir, 24);
  for (std::uint64_t v : {std::uint64_t{data.size()}, std::uint64_t{data.size()}, std::uint64_t{0}}) {
    put32(dir, static_cast<std::uint32_t>(v));
    put32(dir, static_cast<std::uint32_t>(v >> 32));
  }
  out += dir;
  const auto end64 = static_cast<std::uint32_t>(out.size());
  out += "PK\x06\x06";
  auto put64 = [&](std::uint64_t v) {
    put32(out, static_cast<std::uint32_t>(v));
    put32(out, static_cast<std::uint32_t>(v >> 32));
  };
  put64(44);
  put16(out, 45);
  put16(out, 45);
  put32(out, 0);
  put32(out, 0);
  put64(1);
  put64(1);
  put64(dir.size());
  put64(cd);
  out += "PK\x06\x07";
  put32(out, 0);
  put64(end64);
  put32(out, 1);
  out += "PK\x05\x06";
  put16(out, 0);
  put16(out, 0);
  put16(out, 0xFFFF);
  put16(out, 0xFFFF);
  put32(out, 0xFFFFFFFFu);
  put32(out, 0xFFFFFFFFu);
  put16(out, 0);
  return out;
}

TEST(Zip, Zip64RecordsAreReadAndChecked) {
  const std::string bytes = zip64_archive("big.xml", "<big/>");
  const zip::archive archive(bytes);
  ASSERT_EQ(archive.entries().size(), 1u);
  EXPECT_EQ(archive.entries()[0].size, 6u);
  EXPECT_EQ(archive.read(archive.entries()[0]), "<big/>");
  // The zip64 field declares a size beyond what the budget allows: refused unread.
  std::string huge = bytes;
  const std::size_t field = huge.find("big.xml", 40) + 7 + 4;
  put32_at(huge, field + 4, 0x10);  // 64 GiB + 6
  const zip::archive lying(huge);
  EXPECT_EQ(lying.entries()[0].size, (std::uint64_t{0x10} << 32) + 6);
  EXPECT_EQ(zip_failure([&] { lying.read(lying.entries()[0], 1 << 20); }).code(), "format.size");
  // A locator pointing elsewhere.
  std::string moved = bytes;
  const std::size_t locator = moved.rfind("PK\x06\x07");
  put32_at(moved, locator + 8, 3);
  EXPECT_THROW(zip::archive{moved}, zip::zip_error);
}

TEST(Zip, RandomDamageIsAlwaysATypedError) {
  const std::string bytes = zip::write_archive(
      {{"a.xml", "<a>" + std::string(2000, 'y') + "</a>"}, {"b", pattern(3000, 3)}, {"c", "c"}, {"d/e", pattern(50, 4)}});
  const std::size_t directory = bytes.find("PK\x01\x02");
  std::mt19937 rng(7);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string damaged = bytes;
    const int flips = 1 + static_cast<int>(rng() % 4);
    // Half the trials hit the central directory and end record only, whose numbers (offsets,
    // sizes, counts) the reader must not trust.
    const std::size_t from = trial % 2 ? directory : 0;
    for (int f = 0; f < flips; ++f)
      damaged[from + rng() % (damaged.size() - from)] = static_cast<char>(rng() & 0xFF);
    try {
      const zip::archive archive(damaged);
      for (const zip::entry& e : archive.entries()) {
        try {
          (void)archive.read(e, 1 << 20);
        } catch (const zip::zip_error&) {
        }
      }
    } catch (const zip::zip_error&) {
    }
  }
}

// -- the workbook reader against the Python package ------------------------------------------

std::string shown(const io::SheetCell& c) { return c.shown(); }

void expect_read_as_python(const std::string& name, const fs::path& file = {}) {
  SCOPED_TRACE(name);
  const std::string data = slurp(file.empty() ? data_dir / (name + ".xlsx") : file);
  const json expected = load_json(data_dir / (name + ".expected.json"));
  io::ReadBudget budget{256u << 20, 10000000, 0, 0};
  const io::WorkbookSheets book = io::read_workbook_bytes(data, "<book>", budget);
  auto problems = [](const io::Sheet& s) {
    json out = json::array();
    for (const io::SheetProblem& p : s.problems) out.push_back({p.where, p.code, p.message});
    return out;
  };
  EXPECT_EQ(problems(book.place), expected["place"]);
  EXPECT_EQ(budget.bytes, expected["bytes"].get<std::uint64_t>());
  EXPECT_EQ(budget.cells, expected["cells"].get<std::uint64_t>());
  ASSERT_EQ(book.sheets.size(), expected["sheets"].size());
  for (std::size_t i = 0; i < book.sheets.size(); ++i) {
    const io::Sheet& s = book.sheets[i];
    const json& e = expected["sheets"][i];
    EXPECT_EQ(s.name, e["name"]);
    EXPECT_EQ(s.title, e["title"]);
    EXPECT_EQ(s.readable, e["readable"].get<bool>()) << s.name;
    EXPECT_EQ(problems(s), e["problems"]) << s.name;
    json cells = json::array();
    for (const auto& [r, row] : s.cells)
      for (const auto& [c, cell] : row) cells.push_back({r, c, std::string(cell.kind_name()), shown(cell)});
    EXPECT_EQ(cells, e["cells"]) << s.name;
  }
}

TEST(XlsxRead, AWorkbookWrittenByOpenpyxlReadsAsThePythonPackageReadsIt) { expect_read_as_python("openpyxl_types"); }

TEST(XlsxRead, AHandMadeWorkbookReadsAsThePythonPackageReadsIt) { expect_read_as_python("hand_made"); }

TEST(XlsxRead, ThePythonWritersWorkbookReadsAsThePythonPackageReadsIt) { expect_read_as_python("python_written"); }

TEST(XlsxRead, TheWorkbookOfMistakesReadsAsThePythonPackageReadsIt) {
  expect_read_as_python("mistakes", fs::path(COPRODUCTION_TEST_DATA) / "spreadsheets" / "mistakes.xlsx");
}

TEST(XlsxRead, DateFormatsSerialsEscapesAndQuotedNamesAsOpenpyxlAndPythonMakeThem) {
  namespace x = coproduction::detail::xlsx;
  const json expected = load_json(data_dir / "conversions.expected.json");
  for (const json& f : expected["formats"]) {
    EXPECT_EQ(x::is_date_format(f[0].get<std::string>()), f[1].get<bool>()) << f[0];
    EXPECT_EQ(x::is_timedelta_format(f[0].get<std::string>()), f[2].get<bool>()) << f[0];
  }
  for (const json& s : expected["serials"]) {
    const double v = *x::py_float(s[0].get<std::string>());
    EXPECT_EQ(x::serial_date(v, false).value_or("#VALUE!"), s[1]) << s[0];
    EXPECT_EQ(x::serial_date(v, true).value_or("#VALUE!"), s[2]) << s[0];
    EXPECT_EQ(x::serial_duration(v).value_or("#VALUE!"), s[3]) << s[0];
  }
  for (const json& r : expected["reprs"]) EXPECT_EQ(x::py_repr(r[0].get<std::string>()), r[1]) << r[0];
  for (const json& e : expected["escapes"]) {
    EXPECT_EQ(io::xstring_escape(e[0].get<std::string>()), e[1]) << e[0];
    EXPECT_EQ(io::xstring_unescape(e[0].get<std::string>()), e[2]) << e[0];
  }
}

TEST(XlsxRead, NumbersAsPythonsIntAndFloatReadThem) {
  namespace x = coproduction::detail::xlsx;
  EXPECT_EQ(x::py_int(" 12 ").value(), 12);
  EXPECT_EQ(x::py_int("1_000").value(), 1000);
  EXPECT_EQ(x::py_int("-0").value(), 0);
  EXPECT_FALSE(x::py_int("1__0"));
  EXPECT_FALSE(x::py_int("12a"));
  bool big = false;
  std::string digits;
  EXPECT_FALSE(x::py_int("123456789012345678901234", &big, &digits));
  EXPECT_TRUE(big);
  EXPECT_EQ(digits, "123456789012345678901234");
  EXPECT_EQ(x::py_float("1.5").value(), 1.5);
  EXPECT_EQ(x::py_float(".5").value(), 0.5);
  EXPECT_EQ(x::py_float("5.").value(), 5.0);
  EXPECT_EQ(x::py_float("1e400").value(), HUGE_VAL);
  EXPECT_EQ(x::py_float("-1e400").value(), -HUGE_VAL);
  EXPECT_EQ(x::py_float("1e-400").value(), 0.0);
  EXPECT_EQ(x::py_float("0.0000001e-320").value(), 0.0);
  EXPECT_EQ(x::py_float("100000e304").value(), HUGE_VAL);
  EXPECT_EQ(x::py_float("0.30000000000000004").value(), 0.1 + 0.2);
  EXPECT_FALSE(x::py_float("1.5.5"));
  EXPECT_FALSE(x::py_float("e5"));
}

// -- the writer ----------------------------------------------------------------------------------

std::vector<io::SheetRows> written_sheets() {
  std::vector<io::SheetRows> out;
  for (const json& s : load_json(data_dir / "python_written.json")) {
    io::SheetRows sheet{s["name"], s["header"].get<std::vector<std::string>>(), {}, s["textual"].get<std::vector<bool>>()};
    for (const json& row : s["rows"]) {
      std::vector<io::SheetValue> values;
      for (const json& v : row) {
        if (v.is_null()) values.emplace_back(std::monostate{});
        else if (v.is_boolean()) values.emplace_back(v.get<bool>());
        else if (v.contains("i")) values.emplace_back(v["i"].get<std::int64_t>());
        else if (v.contains("f")) values.emplace_back(*coproduction::detail::xlsx::py_float(v["f"].get<std::string>()));
        else values.emplace_back(v["s"].get<std::string>());
      }
      sheet.rows.push_back(std::move(values));
    }
    out.push_back(std::move(sheet));
  }
  return out;
}

TEST(XlsxWrite, TheBytesAreThePythonWritersByteForByte) {
  const std::string ours = io::workbook_bytes(written_sheets());
  const std::string python = slurp(data_dir / "python_written.xlsx");
  EXPECT_EQ(ours.size(), python.size());
  EXPECT_TRUE(ours == python);
  // And part by part, which says where they differ if they do.
  const zip::archive a(ours), b(python);
  ASSERT_EQ(a.entries().size(), b.entries().size());
  for (std::size_t i = 0; i < a.entries().size(); ++i) {
    EXPECT_EQ(a.entries()[i].name, b.entries()[i].name);
    EXPECT_EQ(a.read(a.entries()[i]), b.read(b.entries()[i])) << a.entries()[i].name;
  }
}

TEST(XlsxWrite, WrittenSheetsReadBackAsTheCellsTheyHold) {
  const auto sheets = written_sheets();
  io::ReadBudget budget{256u << 20, 10000000, 0, 0};
  const io::WorkbookSheets book = io::read_workbook_bytes(io::workbook_bytes(sheets), "w.xlsx", budget);
  EXPECT_TRUE(book.place.problems.empty());
  ASSERT_EQ(book.sheets.size(), 3u);  // stakeholders, relations, metadata
  for (const io::SheetRows& written : sheets) {
    const io::Sheet* read = book.find(written.name);
    ASSERT_NE(read, nullptr) << written.name;
    EXPECT_TRUE(read->problems.empty());
    std::size_t count = 0;
    for (std::size_t r = 0; r <= written.rows.size(); ++r) {
      const std::vector<io::SheetValue> row =
          r == 0 ? std::vector<io::SheetValue>(written.header.begin(), written.header.end()) : written.rows[r - 1];
      for (std::size_t c = 0; c < row.size(); ++c) {
        const io::SheetValue& v = row[c];
        if (std::holds_alternative<std::monostate>(v)) continue;
        ++count;
        const auto at = read->cells.find(r + 1);
        ASSERT_NE(at, read->cells.end());
        const auto cell = at->second.find(c + 1);
        ASSERT_NE(cell, at->second.end()) << written.name << " " << r + 1 << " " << c + 1;
        const io::SheetCell& got = cell->second;
        if (const auto* b = std::get_if<bool>(&v)) {
          EXPECT_EQ(got.kind, io::SheetCell::Kind::boolean);
          EXPECT_EQ(got.boolean, *b);
        } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
          EXPECT_TRUE(got.integral);
          EXPECT_EQ(got.integer, *i);
        } else if (const auto* d = std::get_if<double>(&v)) {
          EXPECT_EQ(got.kind, io::SheetCell::Kind::number);
          EXPECT_FALSE(got.integral);
          EXPECT_EQ(std::memcmp(&got.number, d, sizeof(double)), 0) << got.text;  // -0.0 stays -0.0
        } else {
          EXPECT_EQ(got.kind, io::SheetCell::Kind::text);
          EXPECT_EQ(got.text, io::neutralise(std::get<std::string>(v)));
        }
      }
    }
    std::size_t held = 0;
    for (const auto& [r, cells] : read->cells) held += cells.size();
    EXPECT_EQ(held, count);
  }
}

TEST(XlsxWrite, RowsLongerThanTheHeaderAndNonFiniteNumbersAreRefused) {
  io::SheetRows sheet{"stakeholders", {"id"}, {{std::string("a"), std::string("b")}}, {true}};
  EXPECT_THROW(io::workbook_bytes({sheet}), cp::input_error);
  sheet.rows = {{std::nan("")}};
  EXPECT_THROW(io::workbook_bytes({sheet}), cp::input_error);
  sheet.rows = {{HUGE_VAL}};
  EXPECT_THROW(io::workbook_bytes({sheet}), cp::input_error);
}

// -- hostile workbooks ---------------------------------------------------------------------------

std::string small_book() {
  io::SheetRows sheet{"stakeholders", {"id", "kind"}, {{std::string("a"), std::string("person")}}, {true, true}};
  return io::workbook_bytes({sheet});
}

parts_t parts_of(const std::string& bytes) {
  const zip::archive archive(bytes);
  parts_t out;
  for (const zip::entry& e : archive.entries()) out.emplace_back(e.name, archive.read(e));
  return out;
}

std::vector<io::SheetProblem> read_problems(const std::string& bytes, io::ReadBudget budget = {256u << 20, 10000000, 0, 0}) {
  const io::WorkbookSheets book = io::read_workbook_bytes(bytes, "b.xlsx", budget);
  std::vector<io::SheetProblem> out = book.place.problems;
  for (const io::Sheet& s : book.sheets) out.insert(out.end(), s.problems.begin(), s.problems.end());
  return out;
}

io::SheetProblem refusal(const std::string& bytes, io::ReadBudget budget = {256u << 20, 10000000, 0, 0}) {
  try {
    io::read_workbook_bytes(bytes, "b.xlsx", budget);
  } catch (const io::size_refused& e) {
    return e.problem();
  }
  ADD_FAILURE() << "not refused";
  return {};
}

TEST(XlsxHostile, FilesThatAreNotWorkbooks) {
  auto only = [](const std::string& bytes) {
    const auto p = read_problems(bytes);
    EXPECT_EQ(p.size(), 1u);
    return p.empty() ? io::SheetProblem{} : p[0];
  };
  const auto text = only("id,label\n");
  EXPECT_EQ(text.where, "b.xlsx");
  EXPECT_EQ(text.code, "format.syntax");
  EXPECT_EQ(text.message, "not an .xlsx workbook (it is not a zip archive)");
  EXPECT_NE(only("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(600, '\0')).message.find("Excel 97-2003 (.xls) or password-protected"),
            std::string::npos);
  const auto empty = only(zip::write_archive({{"hello.txt", "not a workbook"}}));
  EXPECT_EQ(empty.code, "format.syntax");
  EXPECT_NE(empty.message.find("[Content_Types].xml"), std::string::npos) << empty.message;
}

TEST(XlsxHostile, AZipBombIsRefusedBeforeItIsUnpacked) {
  parts_t parts = parts_of(small_book());
  parts.emplace_back("xl/media/zeros.bin", std::string(std::size_t{300} << 20, '\0'));
  const std::string bomb = zip::write_archive(parts);
  parts.clear();
  ASSERT_LT(bomb.size(), std::size_t{2} << 20);
  const auto start = std::chrono::steady_clock::now();
  const io::SheetProblem p = refusal(bomb);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(p.where, "b.xlsx");
  EXPECT_EQ(p.code, "format.size");
  EXPECT_NE(p.message.find("unpack to 314"), std::string::npos) << p.message;
  EXPECT_NE(p.message.find("zip bomb"), std::string::npos);
}

TEST(XlsxHostile, TooManyPartsAndTooManyBytesAreRefused) {
  parts_t parts = parts_of(small_book());
  for (int i = 0; i < 10000; ++i) parts.emplace_back("xl/media/p" + std::to_string(i), "");
  EXPECT_EQ(refusal(zip::write_archive(parts)).message, "the workbook holds 10007 parts, more than the limit of 10000");
  const std::string book = small_book();
  EXPECT_EQ(refusal(book, {100, 1000, 0, 0}).message,
            "the workbook has " + std::to_string(book.size()) + " bytes, more than the limit of 100 (max_bytes)");
  const io::SheetProblem unpacked = refusal(book, {book.size() + 10, 1000, 0, 0});
  EXPECT_NE(unpacked.message.find("unpack to"), std::string::npos);
}

TEST(XlsxHostile, ADocumentTypeInAnyPartIsRefused) {
  parts_t parts = parts_of(small_book());
  for (auto& [name, text] : parts)
    if (name == "xl/worksheets/sheet1.xml")
      text = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>" +
             text.substr(text.find("?>") + 2);
  const auto p = read_problems(zip::write_archive(parts));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].code, "format.syntax");
  EXPECT_EQ(p[0].message,
            "the part 'xl/worksheets/sheet1.xml' declares an XML document type, which no workbook needs: "
            "refused (entity expansion)");
  // Even in a part no reader opens.
  parts = parts_of(small_book());
  parts.emplace_back("customXml/item1.xml", "<!ENTITY x 'y'>");
  EXPECT_NE(read_problems(zip::write_archive(parts)).at(0).message.find("customXml/item1.xml"), std::string::npos);
}

std::string with_sheet(const std::string& xml) {
  parts_t parts = parts_of(small_book());
  for (auto& [name, text] : parts)
    if (name == "xl/worksheets/sheet1.xml") text = xml;
  return zip::write_archive(parts);
}

TEST(XlsxHostile, ADocumentTypePastTheFirst64KiBIsRefusedByTheXmlReader) {
  // The archive check reads the first 64 KiB of a part, as the Python package does; the XML
  // reader, which reads no DTD, refuses one further on.
  const std::string xml = "<?xml version=\"1.0\"?><!--" + std::string(70000, 'x') +
                          "--><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><worksheet/>";
  const io::WorkbookSheets book = [&] {
    io::ReadBudget budget{256u << 20, 1000, 0, 0};
    return io::read_workbook_bytes(with_sheet(xml), "b.xlsx", budget);
  }();
  ASSERT_NE(book.find("stakeholders"), nullptr);
  const io::Sheet& s = *book.find("stakeholders");
  EXPECT_FALSE(s.readable);
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].where, "b.xlsx, sheet stakeholders");
  // Column 70029: the declaration's 21 characters, "<!--", 70,000 x's and "-->" come first.
  EXPECT_NE(s.problems[0].message.find("the sheet cannot be read: line 1, column 70029: a document type declaration"),
            std::string::npos)
      << s.problems[0].message;
}

TEST(XlsxHostile, ASheetThatIsNotXmlCannotBeRead) {
  io::ReadBudget budget{256u << 20, 1000, 0, 0};
  const io::WorkbookSheets book = io::read_workbook_bytes(
      with_sheet("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                 "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row><row r=\"2\">&bad;</row>"),
      "b.xlsx", budget);
  const io::Sheet& s = *book.find("stakeholders");
  EXPECT_FALSE(s.readable);
  EXPECT_EQ(s.cells.at(1).at(1).text, "id");  // what was read before stays, as in Python
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].message.rfind("the sheet cannot be read: line 1, column ", 0), 0u) << s.problems[0].message;
  EXPECT_NE(s.problems[0].message.find("undefined entity &bad;"), std::string::npos);
}

TEST(XlsxHostile, ADamagedPartIsNamed) {
  std::string bytes = small_book();
  const std::size_t c = central_entry(bytes, "xl/worksheets/sheet1.xml");
  put32_at(bytes, c + 16, zip::bytes::u32(bytes, c + 16) ^ 0x10u);
  const auto p = read_problems(bytes);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].message.rfind("the part 'xl/worksheets/sheet1.xml' cannot be unpacked: Bad CRC-32", 0), 0u) << p[0].message;
}

TEST(XlsxHostile, LimitsOnCellsAndRows) {
  io::SheetRows sheet{"stakeholders", {"id", "kind"}, {}, {true, true}};
  for (int i = 0; i < 500; ++i) sheet.rows.push_back({std::string("s") + std::to_string(i), std::string("person")});
  const std::string book = io::workbook_bytes({sheet});
  EXPECT_EQ(refusal(book, {256u << 20, 100, 0, 0}).message,
            "the workbook holds more than 100 cells and shared strings (max_cells)");
  const io::SheetProblem cells = refusal(book, {256u << 20, 600, 0, 0});  // 502 strings, then cells
  EXPECT_EQ(cells.message, "the sheets hold more than 600 cells (max_cells)");
  EXPECT_EQ(cells.where, "b.xlsx, sheet stakeholders");
  // A row beyond the last.
  parts_t parts = parts_of(small_book());
  for (auto& [name, text] : parts)
    if (name == "xl/worksheets/sheet1.xml") {
      const std::size_t end = text.find("</sheetData>");
      text.insert(end, "<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>");
    }
  const auto p = read_problems(zip::write_archive(parts));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].message, "more than the 1048576 rows a sheet holds");
}

TEST(XlsxHostile, StrayCellsFarToTheRightCostOneCellEach) {
  std::string rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row>";
  for (int r = 2; r < 3002; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>1</v></c><c r=\"XFD" +
            std::to_string(r) + "\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
  parts_t parts = parts_of(small_book());
  for (auto& [name, text] : parts)
    if (name == "xl/worksheets/sheet1.xml")
      text = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rows +
             "</sheetData></worksheet>";
  io::ReadBudget budget{256u << 20, 7000, 0, 0};
  const auto start = std::chrono::steady_clock::now();
  const io::WorkbookSheets book = io::read_workbook_bytes(zip::write_archive(parts), "b.xlsx", budget);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  const io::Sheet* s = book.find("stakeholders");
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->problems.empty());
  EXPECT_EQ(s->cells.at(2).at(16384).text, "x");
}

TEST(XlsxHostile, RandomDamageToAWorkbookIsAProblemNeverACrash) {
  // Parts stored rather than deflated, so that a flipped byte lands in the XML itself.
  const std::string book = slurp(data_dir / "hand_made.xlsx");
  parts_t parts = parts_of(book);
  std::mt19937 rng(11);
  for (int trial = 0; trial < 600; ++trial) {
    std::string damaged = trial % 2 ? book : zip::write_archive(parts);
    if (trial % 2 == 0) {
      auto& [name, text] = parts[rng() % parts.size()];
      const std::string before = text;
      text[rng() % text.size()] = static_cast<char>(rng() & 0xFF);
      damaged = zip::write_archive(parts);
      text = before;
    } else {
      for (int f = 0; f < 3; ++f) damaged[rng() % damaged.size()] = static_cast<char>(rng() & 0xFF);
    }
    io::ReadBudget budget{1u << 20, 100000, 0, 0};
    try {
      const io::WorkbookSheets read = io::read_workbook_bytes(damaged, "b.xlsx", budget);
      for (const io::Sheet& s : read.sheets) {
        if (!s.readable) {
          EXPECT_FALSE(s.problems.empty()) << s.title;  // never unreadable unsaid
        }
      }
    } catch (const io::size_refused&) {
    }
  }
}

TEST(XlsxHostile, ReadingAFileChecksItsSizeFirst) {
  const fs::path dir = fs::temp_directory_path() / ("cp_xlsx_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path path = dir / "p.xlsx";
  {
    std::ofstream out(path, std::ios::binary);
    out << small_book();
  }
  io::ReadBudget budget{256u << 20, 1000, 0, 0};
  const io::WorkbookSheets book = io::read_workbook(path, budget);
  EXPECT_EQ(book.place.title, path.string());
  ASSERT_NE(book.find("stakeholders"), nullptr);
  EXPECT_EQ(book.find("stakeholders")->title, path.string() + ", sheet stakeholders");
  io::ReadBudget tiny{10, 1000, 0, 0};
  EXPECT_THROW(io::read_workbook(path, tiny), io::size_refused);
  EXPECT_THROW(io::read_workbook(dir / "missing.xlsx", budget), cp::io_error);
  fs::remove_all(dir);
}

}  // namespace
