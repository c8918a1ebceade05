// Spreadsheets: a folder of CSV files or an .xlsx workbook round-trips a network exactly (both
// example sets, and a network with awkward text everywhere), in the long and the wide form of
// the rights; a hand-made sheet with mistakes gets every problem at once, at its file, row and
// column, with the texts the Python package gives (tests/python/test_spreadsheet.py lists the
// same places); writes are atomic and keep permissions; cells a spreadsheet would run as
// formulas are neutralised (CWE-1236).

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "coproduction/coproduction.hpp"

namespace cp = coproduction;
namespace io = coproduction::io;
namespace fs = std::filesystem;

namespace {

cp::Network example(const char* name) {
  return cp::read_json_file(fs::path(COPRODUCTION_EXAMPLE_DATA) / (std::string(name) + ".json"));
}

const fs::path fixtures = fs::path(COPRODUCTION_TEST_DATA) / "spreadsheets";

struct TempDir {
  fs::path path;
  TempDir() {
    static int count = 0;
    path = fs::temp_directory_path() /
           ("coproduction_sheets_" + std::to_string(::getpid()) + "_" + std::to_string(++count));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignore;
    fs::remove_all(path, ignore);
  }
};

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& p, const std::string& data) {
  std::ofstream out(p, std::ios::binary);
  out << data;
}

/// A folder of CSV files, each given as its text.
fs::path csv_folder(const fs::path& root, const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path folder = root / "sheets";
  fs::create_directories(folder);
  for (const auto& [name, text] : files) write_bytes(folder / (name + ".csv"), text);
  return folder;
}

using Found = std::vector<std::tuple<std::string, std::string, std::string>>;

/// (where, code, message) of each problem reading `path` finds.
Found problems(const fs::path& path, cp::spreadsheet_read_options options = {}) {
  try {
    cp::read_spreadsheet(path, options);
  } catch (const cp::format_error& e) {
    Found out;
    for (const auto& p : e.problems()) out.emplace_back(p.pointer, p.code, p.message);
    return out;
  }
  ADD_FAILURE() << "read " << path << " without a problem";
  return {};
}

/// (where without the path, code) of each problem.
std::vector<std::pair<std::string, std::string>> places(const fs::path& path) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [where, code, message] : problems(path)) {
    EXPECT_EQ(where.rfind(path.string(), 0), 0u) << where;
    out.emplace_back(where.substr(path.string().size()), code);
  }
  return out;
}

// -- the sheet model -----------------------------------------------------------------------

TEST(SheetModel, ColumnLettersAsASpreadsheetNamesThem) {
  EXPECT_EQ(io::column_letter(1), "A");
  EXPECT_EQ(io::column_letter(26), "Z");
  EXPECT_EQ(io::column_letter(27), "AA");
  EXPECT_EQ(io::column_letter(52), "AZ");
  EXPECT_EQ(io::column_letter(703), "AAA");
  EXPECT_EQ(io::column_letter(16384), "XFD");  // Excel's last column
}

TEST(SheetModel, FormulaStartersAreNeutralisedAndRestored) {
  for (const std::string text : {"=1+2", "+44", "-2", "@SUM(A1)", "\t=1", "\r=1", "'", "'=1"}) {
    EXPECT_EQ(io::neutralise(text), "'" + text);
    EXPECT_EQ(io::restore(io::neutralise(text)), text);
  }
  for (const std::string text : {"", "plain", "a=b", "007", "العربية"}) {
    EXPECT_EQ(io::neutralise(text), text);
    EXPECT_EQ(io::restore(text), text);
  }
}

TEST(SheetModel, NearMissesAreSlipsOfCaseSpacingAndNumber) {
  const std::vector<std::string> known = {"stakeholders", "relations", "metadata"};
  EXPECT_EQ(io::near_miss("Stake holders", known), "stakeholders");
  EXPECT_EQ(io::near_miss("relation", known), "relations");
  EXPECT_EQ(io::near_miss("meta_data", known), "metadata");
  EXPECT_EQ(io::near_miss("stakeholders", known), std::nullopt);  // the name itself
  EXPECT_EQ(io::near_miss("notes", known), std::nullopt);
  EXPECT_EQ(io::near_miss("__", known), std::nullopt);
}

TEST(SheetModel, DoublesAreWrittenAsPythonsRepr) {
  // Each text is what Python 3.11 prints for repr(x).
  const std::vector<std::pair<double, std::string>> cases = {
      {1.0, "1.0"},      {1.5, "1.5"},         {0.1 + 0.2, "0.30000000000000004"},
      {1e16, "1e+16"},   {1e15, "1000000000000000.0"}, {0.0001, "0.0001"},
      {0.00001, "1e-05"}, {5e-324, "5e-324"},  {-2.5e300, "-2.5e+300"},
      {1e20, "1e+20"},   {123456789.125, "123456789.125"}, {-0.0, "-0.0"}};
  for (const auto& [x, text] : cases) EXPECT_EQ(cp::detail::float_text(x), text);
}

TEST(SheetModel, PlacesReadAsThePythonPackageWritesThem) {
  io::Sheet sheet("relations", "data/relations.csv", 1);
  sheet.names[2] = "target";
  sheet.lines[7] = 9;
  EXPECT_EQ(sheet.where(7, 2), "data/relations.csv, row 7 (line 9), column B (target)");
  EXPECT_EQ(sheet.where(3), "data/relations.csv, row 3");
  EXPECT_EQ(sheet.where(std::nullopt, std::nullopt, 12, 3), "data/relations.csv, byte 12 (line 3)");
  const io::SheetProblem& p = sheet.problem("format.value", "bad", 7, 2);
  EXPECT_EQ(p.key, (std::array<std::int64_t, 4>{1, 7, 2, 1}));
}

TEST(SheetModel, NumberCellsKeepTheirTextAndKind) {
  const auto whole = io::SheetCell::make_number("12");
  ASSERT_TRUE(whole);
  EXPECT_TRUE(whole->integral);
  EXPECT_EQ(whole->integer, 12);
  EXPECT_EQ(whole->shown(), "12");
  const auto real = io::SheetCell::make_number("2.0");
  ASSERT_TRUE(real);
  EXPECT_FALSE(real->integral);
  EXPECT_EQ(real->shown(), "2.0");
  EXPECT_EQ(real->text, "2.0");
  EXPECT_FALSE(io::SheetCell::make_number("x"));
  EXPECT_EQ(io::SheetCell::make_boolean(true).shown(), "True");
}

TEST(SheetModel, CellJsonHasPythonsMessages) {
  // The texts are Python 3.11's json.loads messages for the same input.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "Expecting value: line 1 column 1 (char 0)"},
      {"{'a': 1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
      {"{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)"},
      {"[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"},
      {"\"abc", "Unterminated string starting at: line 1 column 1 (char 0)"},
      {"\"a\\x\"", "Invalid \\escape: line 1 column 3 (char 2)"},
      {"\"\\u12\"", "Invalid \\uXXXX escape: line 1 column 3 (char 2)"},
      {"\"a\tb\"", "Invalid control character at: line 1 column 3 (char 2)"},
      {"01", "Extra data: line 1 column 2 (char 1)"},
      {"\n\n  {\"\xC3\xA9\":}", "Expecting value: line 3 column 8 (char 9)"},  // characters, not bytes
      {"NaN", "NaN is not a JSON number"},
      {"{\"a\": 1, \"a\": 2}", "the key 'a' appears twice"},
      {"1e400", "the number 1e400 is beyond the range of a double"},
  };
  for (const auto& [text, message] : cases) {
    const auto read = cp::detail::spreadsheet::PythonJson::read(text);
    EXPECT_EQ(read.status, cp::detail::spreadsheet::CellJson::Status::refused) << text;
    EXPECT_EQ(read.message, message) << text;
  }
  const auto good = cp::detail::spreadsheet::PythonJson::read(" {\"k\": [1, 2.5, \"\\u00e9\", true, null]} ");
  ASSERT_EQ(good.status, cp::detail::spreadsheet::CellJson::Status::value);
  EXPECT_EQ(good.value, nlohmann::json::parse(R"({"k": [1, 2.5, "é", true, null]})"));
  EXPECT_EQ(cp::detail::spreadsheet::PythonJson::read(std::string(2000, '[')).status,
            cp::detail::spreadsheet::CellJson::Status::too_deep);
}

// -- round trips ---------------------------------------------------------------------------

class ExampleRoundTrip
    : public ::testing::TestWithParam<std::tuple<const char*, cp::rights_layout, const char*>> {};

TEST_P(ExampleRoundTrip, IsExact) {
  const auto [name, layout, target] = GetParam();
  const cp::Network net = example(name);
  TempDir dir;
  const fs::path path = dir.path / target;
  cp::write_spreadsheet(net, path, {layout});
  const cp::Network back = cp::read_spreadsheet(path);
  EXPECT_TRUE(back == net);
  EXPECT_EQ(cp::dump_json(back), cp::dump_json(net));  // the same document
}

INSTANTIATE_TEST_SUITE_P(
    Spreadsheet, ExampleRoundTrip,
    ::testing::Combine(::testing::Values("twam_partners_2013", "nml_collaboration_types"),
                       ::testing::Values(cp::rights_layout::long_form, cp::rights_layout::wide),
                       ::testing::Values("partnership", "partnership.xlsx")));

/// A network with awkward text in every place a sheet holds text.
cp::Network awkward() {
  cp::Network net;
  net.set_metadata({{"title", "=x, \"quoted\"\nline"}, {"ratio", 0.1 + 0.2}, {"empty", ""},
                    {"none", nullptr}, {"list", {1, "a"}}, {"rtl", "\u200f\u05e2\u05d1\u05e8\u05d9\u05ea"}});
  const std::vector<std::string> ids = {
      "=a",   "'b",   "007",  "comma, \"quote\"", "line\nbreak\r\nwindows", "tab\there",
      "\xe4\xb8\xad\xe6\x96\x87",                     // 中文
      "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9\xe2\x80\x8f",  // Arabic + RLM
      "\xf0\x9f\x98\x80 \xf0\x9f\x91\xa9\xe2\x80\x8d\xe2\x9a\x95\xef\xb8\x8f",  // emoji, ZWJ
      "@SUM(A1)", "-2+3", "+1"};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    cp::Stakeholder s;
    s.id = ids[i];
    s.kind = i % 2 ? cp::Kind::group : cp::Kind::person;
    s.label = "label of " + ids[i] + " \xe2\x80\xae reversed";  // RLO
    s.role = i % 3 ? std::string("=HYPERLINK(\"http://example.org\")") : std::string("'");
    s.attributes = {{"note", ids[i]}, {"n", static_cast<int>(i)}, {"x", 0.1 * static_cast<double>(i)},
                    {"nested", {{"k", {"a,b", "c\"d"}}}}};
    if (i % 3 == 0) s.influence = 0.1 + 0.2;
    if (i % 2) s.size = static_cast<int>(i) + 1;
    net.add_stakeholder(s);
  }
  for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
    cp::Relation r;
    r.source = ids[i];
    r.target = ids[i + 1];
    r.type = i % 2 ? "trusts" : "informs";  // a type is a name: [a-z][a-z0-9_]*
    r.weight = 5e-324 * static_cast<double>(i + 1);
    r.provenance.reported_by = ids[(i + 2) % ids.size()];
    r.provenance.date = "2013";
    r.provenance.method = "interview\nnotes";
    net.add_relation(r);
  }
  cp::Project p;
  p.id = "project, \"one\"";
  p.label = "\xf0\x9f\x8e\xa8 art";
  net.add_project(p);
  cp::Decision d;
  d.id = "d=1";
  d.project = p.id;
  d.stage = cp::Stage::design;
  d.rule.kind = cp::RuleKind::quota;
  d.rule.quota = 2.5;
  d.rights = {{ids[0], cp::Right::shared}, {ids[1], cp::Right::shared}, {ids[2], cp::Right::none},
              {ids[6], cp::Right::shared}};
  d.rule.votes = {{ids[0], 2}, {ids[1], 3}, {ids[6], 1}};
  d.rule.veto = {ids[6], ids[1], ids[0]};
  net.add_decision(d);
  return net;
}

class AwkwardRoundTrip
    : public ::testing::TestWithParam<std::tuple<cp::rights_layout, const char*>> {};

TEST_P(AwkwardRoundTrip, IsExact) {
  const auto [layout, target] = GetParam();
  const cp::Network net = awkward();
  TempDir dir;
  cp::write_spreadsheet(net, dir.path / target, {layout});
  const cp::Network back = cp::read_spreadsheet(dir.path / target);
  EXPECT_TRUE(back == net) << cp::dump_json(back);
  EXPECT_EQ(cp::dump_json(back), cp::dump_json(net));
}

INSTANTIATE_TEST_SUITE_P(Spreadsheet, AwkwardRoundTrip,
                         ::testing::Combine(::testing::Values(cp::rights_layout::long_form,
                                                              cp::rights_layout::wide),
                                            ::testing::Values("p", "p.xlsx")));

TEST(Spreadsheet, MetadataAbsentAndEmptyStayApart) {
  TempDir dir;
  cp::Network none, empty;
  empty.set_metadata(nlohmann::json::object());
  cp::write_spreadsheet(none, dir.path / "none");
  cp::write_spreadsheet(empty, dir.path / "empty");
  EXPECT_FALSE(fs::exists(dir.path / "none" / "metadata.csv"));
  EXPECT_EQ(read_bytes(dir.path / "empty" / "metadata.csv"), "\xEF\xBB\xBFkey,value,json\r\n");
  EXPECT_TRUE(cp::read_spreadsheet(dir.path / "none") == none);
  EXPECT_TRUE(cp::read_spreadsheet(dir.path / "empty") == empty);
}

// -- what the files look like --------------------------------------------------------------

TEST(Spreadsheet, CsvFilesAreATemplateInUtf8WithABom) {
  TempDir dir;
  cp::write_spreadsheet(example("nml_collaboration_types"), dir.path / "p");
  const std::string data = read_bytes(dir.path / "p" / "stakeholders.csv");
  EXPECT_EQ(data.rfind("\xEF\xBB\xBFid,label,kind,role,sector,expertise,under_served,paid,"
                       "convenor,size,influence,attributes\r\n", 0), 0u);
  EXPECT_EQ(read_bytes(dir.path / "p" / "rights.csv").rfind("\xEF\xBB\xBF" "decision,stakeholder,right,votes,veto\r\n", 0), 0u);
}

TEST(Spreadsheet, CsvCellsAreQuotedAsRfc4180AndFormulasNeutralised) {
  io::SheetRows sheet{"stakeholders", {"id", "label"}, {}, {true, true}};
  sheet.rows.push_back({std::string("=cmd|' /C calc'!A0"), std::string("a,\"b\"\nc")});
  sheet.rows.push_back({std::string("x"), std::monostate{}});
  sheet.rows.push_back({std::int64_t{7}, 0.1 + 0.2});
  sheet.rows.push_back({true, false});
  EXPECT_EQ(io::csv_bytes(sheet),
            "\xEF\xBB\xBFid,label\r\n'=cmd|' /C calc'!A0,\"a,\"\"b\"\"\nc\"\r\nx,\r\n"
            "7,0.30000000000000004\r\ntrue,false\r\n");
}

TEST(Spreadsheet, AHandTypedApostropheIsRemoved) {
  TempDir dir;
  const fs::path folder = csv_folder(dir.path, {{"stakeholders", "id,label\n'007,'+44 20\n"}});
  const cp::Network net = cp::read_spreadsheet(folder);
  ASSERT_EQ(net.num_stakeholders(), 1u);
  EXPECT_EQ(net.stakeholder_at(0).id, "007");
  EXPECT_EQ(net.stakeholder_at(0).label, "+44 20");
}

TEST(Spreadsheet, CsvCellsAreTextConvertedByColumnNeverGuessed) {
  TempDir dir;
  const fs::path folder = csv_folder(
      dir.path, {{"stakeholders",
                  "id,kind,label,paid,convenor,size,influence,ward\n"
                  "007,group,NA,False,,4,1e-3,None\n"
                  "1.50,person, ,YES,no,,2,\n"}});
  const cp::Network net = cp::read_spreadsheet(folder);
  ASSERT_EQ(net.num_stakeholders(), 2u);
  const cp::Stakeholder& a = net.stakeholder_at(0);
  const cp::Stakeholder& b = net.stakeholder_at(1);
  EXPECT_EQ(a.id, "007");
  EXPECT_EQ(b.id, "1.50");
  EXPECT_EQ(a.label, "NA");
  EXPECT_EQ(b.label, " ");
  EXPECT_EQ(a.paid, false);
  EXPECT_EQ(a.convenor, std::nullopt);  // empty: not given
  EXPECT_EQ(b.paid, true);
  EXPECT_EQ(b.convenor, false);
  EXPECT_EQ(a.size, 4);
  EXPECT_EQ(a.influence, 0.001);
  EXPECT_EQ(a.attributes, nlohmann::json({{"ward", "None"}}));
}

// -- problems, at their places, with the Python package's texts -----------------------------

TEST(Spreadsheet, ACsvCellOutsideItsColumnIsRefused) {
  const std::vector<std::tuple<std::string, std::string, std::string, std::string>> cases = {
      {"size", " 4", "format.type", "must be a whole number, not a string (\" 4\")"},
      {"size", "four", "format.type", "not a string"},
      {"size", "1.5", "format.value", "must be a whole number, not a number (1.5)"},
      {"influence", "1,5", "format.type", "a point for decimals"},
      {"influence", "NaN", "format.type", "must be a number"},
      {"paid", "yes ", "format.value", "must be true or false"},
      {"paid", "Falsch", "format.value", "must be true or false"},
      {"kind", "Group", "format.value", "is not one of person, group, organisation, object"},
  };
  for (const auto& [column, cell, code, text] : cases) {
    TempDir dir;
    const fs::path folder =
        csv_folder(dir.path, {{"stakeholders", "id," + column + "\nx,\"" + cell + "\"\n"}});
    const Found found = problems(folder);
    ASSERT_EQ(found.size(), 1u) << cell;
    const auto& [where, got, message] = found[0];
    EXPECT_EQ(where, (folder / "stakeholders.csv").string() + ", row 2, column B (" + column + ")");
    EXPECT_EQ(got, code) << cell;
    EXPECT_NE(message.find(text), std::string::npos) << message;
  }
}

TEST(Spreadsheet, EveryProblemOfACsvFolderAtOnce) {
  const fs::path folder = fixtures / "mistakes_csv";
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/stakeholders.csv, row 1, column F (Convenor)", "format.unknown_field"},
      {"/stakeholders.csv, row 3, column D (paid)", "format.value"},
      {"/stakeholders.csv, row 3, column E (size)", "format.value"},
      {"/stakeholders.csv, row 4 (line 5), column A (id)", "format.missing"},
      {"/stakeholders.csv, row 5 (line 6), column A (id)", "model.duplicate_id"},
      {"/relations.csv, row 3, column D (weight)", "format.type"},
      {"/relations.csv, row 4, column B (target)", "model.unknown_id"},
      {"/decisions.csv, row 2, column G (attributes)", "format.value"},
      {"/rights.csv, row 2, column D (votes)", "format.value"},
      {"/rights.csv, row 3, column E (veto)", "format.value"},
      {"/rights.csv, row 6, column B (stakeholder)", "model.unknown_id"},
      {"/metadata.csv, byte 41 (line 2)", "format.encoding"},
  };
  EXPECT_EQ(places(folder), expected);
  const Found found = problems(folder);
  ASSERT_EQ(found.size(), expected.size());
  // The full texts, as the Python reader gives them.
  EXPECT_EQ(std::get<2>(found[0]),
            "the column 'Convenor' is not one of the sheet's: is it 'convenor'? (column names "
            "are written as documented, in lower case)");
  EXPECT_EQ(std::get<2>(found[1]),
            "stakeholder \"carers\": must be true or false (or yes/no, 1/0, in any case), not a "
            "string (\"sometimes\")");
  EXPECT_EQ(std::get<2>(found[4]), "stakeholder \"outreach\" already exists");
  EXPECT_EQ(std::get<2>(found[5]),
            "relation carers->outreach (learns_from): must be a number, not a string (\"1,5\") "
            "(a number is written as 2, 0.5 or 1e-3: a point for decimals, no spaces)");
  EXPECT_EQ(std::get<2>(found[7]),
            "not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char "
            "1) (it looks like Python's text of a dict, as DataFrame.to_csv writes it; write the "
            "sheet with cp.write_spreadsheet, or each cell with json.dumps); must be JSON text of "
            "an object, such as {\"ward\": \"east\", \"sessions\": 12}");
  EXPECT_EQ(std::get<2>(found[8]), "decision \"route\": must be a whole number, not a number (1.5)");
  EXPECT_EQ(std::get<2>(found[10]), "decision \"timing\": unknown stakeholder \"nhs\"");
  EXPECT_EQ(std::get<2>(found[11]),
            "not UTF-8 text: the byte 0xe9 does not fit here (it reads as Windows-1252, which "
            "Excel's plain \"CSV\" format writes); save the file as CSV UTF-8");
}

TEST(Spreadsheet, EveryProblemOfAWorkbookAtOnce) {
  const fs::path book = fixtures / "mistakes.xlsx";
  const std::vector<std::pair<std::string, std::string>> expected = {
      {", sheet Stakeholders, row 3, column C (label)", "format.type"},
      {", sheet Stakeholders, row 3, column E (size)", "format.type"},
      {", sheet Stakeholders, row 3, column F (influence)", "format.value"},
      {", sheet Stakeholders, row 4, column E (size)", "format.value"},
      {", sheet relations, row 2, column D (date)", "format.type"},
      {", sheet relations, row 3, column E (weight)", "format.value"},
      {", sheet relations, row 4, column E (weight)", "format.value"},
      {", sheet decisions, row 2, column F (votes)", "format.value"},
      {", sheet decisions, row 2, column G (veto)", "model.invalid_value"},
      {", sheet decisions, row 3, column G (veto)", "format.value"},
      {", sheet rights, row 3, column D (7)", "format.value"},
      {", sheet metadata, row 4, column A (key)", "format.duplicate_key"},
  };
  EXPECT_EQ(places(book), expected);
  const Found found = problems(book);
  ASSERT_EQ(found.size(), expected.size());
  EXPECT_NE(std::get<2>(found[0]).find("Excel stored the cell as a number"), std::string::npos);
  EXPECT_NE(std::get<2>(found[1]).find("a number stored as text"), std::string::npos);
  EXPECT_EQ(std::get<2>(found[2]).rfind("a formula (=2+3): the reader does not compute formulas", 0), 0u);
  EXPECT_NE(std::get<2>(found[4]).find("a date or time (2013-02-14)"), std::string::npos);
  EXPECT_EQ(std::get<2>(found[6]), "an error value (#N/A)");
  EXPECT_EQ(std::get<2>(found[7]),
            "decision \"route\": must be a whole number, not a number (1.5) (for \"carers\")");
  EXPECT_NE(std::get<2>(found[8]).find("\"nobody\" has no right"), std::string::npos);
  EXPECT_NE(std::get<2>(found[10]).find("\"inform\" is not one of"), std::string::npos);
}

TEST(Spreadsheet, WideRightsTakeVotesAndVetoesFromTheDecisionsSheet) {
  TempDir dir;
  const fs::path folder = csv_folder(
      dir.path,
      {{"stakeholders", "id,kind\noutreach,group\nwomen,group\nstaff,group\n"},
       {"projects", "id\nfilm\n"},
       {"decisions",
        "id,project,stage,rule,quota,votes,veto\n"
        "theme,film,design,quota,3,\"{\"\"outreach\"\": 2, \"\"women\"\": 2}\","
        "\"[\"\"women\"\", \"\"outreach\"\"]\"\n"
        "edit,film,delivery,sole,,,\n"},
       {"rights", "decision,outreach,women,staff\ntheme,shared,shared,shared\nedit,decides,involved,\n"}});
  const cp::Network net = cp::read_spreadsheet(folder);
  const nlohmann::json doc = cp::to_document(net);
  EXPECT_EQ(doc["decisions"][0]["rule"],
            nlohmann::json::parse(R"({"kind": "quota", "quota": 3, "votes": {"outreach": 2, "women": 2},
                                      "veto": ["women", "outreach"]})"));
  EXPECT_FALSE(doc["decisions"][1]["rights"].contains("staff"));  // empty: not listed
  write_bytes(folder / "decisions.csv",
              "id,project,stage,rule,quota,votes,veto\n"
              "theme,film,design,quota,3,\"{\"\"outreach\"\": 2, \"\"nobody\"\": 2}\",\n"
              "edit,film,delivery,sole,,,\n");
  const Found found = problems(folder);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(std::get<0>(found[0]), (folder / "decisions.csv").string() + ", row 2, column F (votes)");
  EXPECT_EQ(std::get<1>(found[0]), "model.invalid_value");
  EXPECT_EQ(std::get<2>(found[0]),
            "decision \"theme\": votes for \"nobody\", who has no right in the decision's row of "
            "the rights sheet");
}

TEST(Spreadsheet, VotesBesideLongRightsAreMisplaced) {
  TempDir dir;
  const fs::path folder = csv_folder(
      dir.path, {{"stakeholders", "id,kind\noutreach,group\nwomen,group\n"},
                 {"projects", "id\nfilm\n"},
                 {"decisions", "id,project,stage,rule,quota,votes,veto\n"
                               "theme,film,design,quota,2,\"{\"\"outreach\"\": 2}\",\"[\"\"women\"\"]\"\n"},
                 {"rights", "decision,stakeholder,right\ntheme,outreach,shared\ntheme,women,shared\n"}});
  const Found found = problems(folder);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(std::get<0>(found[0]), (folder / "decisions.csv").string() + ", row 1, column F (votes)");
  EXPECT_EQ(std::get<2>(found[0]),
            "the decisions sheet has a votes column only beside a wide rights sheet, and the "
            "rights sheet is long: give each holder's votes in the rights sheet's votes column");
  EXPECT_EQ(std::get<0>(found[1]), (folder / "decisions.csv").string() + ", row 1, column G (veto)");
}

TEST(Spreadsheet, ASheetNameInAnotherCaseIsReadAndASlipIsReported) {
  TempDir dir;
  const fs::path folder = csv_folder(dir.path, {{"Stakeholders", "id\na\nb\n"},
                                                {"relation", "source,target,type\na,b,informs\n"}});
  EXPECT_EQ(problems(folder),
            (Found{{folder.string(), "format.unknown_field",
                    "the file 'relation.csv' is not read: is it the relations sheet? Name it "
                    "relations.csv"}}));
  fs::rename(folder / "relation.csv", folder / "Relations.CSV");
  EXPECT_EQ(cp::read_spreadsheet(folder).num_relations(), 1u);
  write_bytes(folder / "notes.csv", "anything\n");  // not a sheet: not read
  EXPECT_EQ(cp::read_spreadsheet(folder).num_relations(), 1u);
  write_bytes(folder / "RELATIONS.csv", "source,target,type\n");
  const Found two = problems(folder);
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(std::get<1>(two[0]), "format.duplicate_key");
  EXPECT_EQ(std::get<2>(two[0]), "2 files are the relations sheet: 'RELATIONS.csv', 'Relations.CSV'; keep one");
}

TEST(Spreadsheet, AFolderWithoutStakeholdersSaysSo) {
  TempDir dir;
  const fs::path folder = csv_folder(dir.path, {{"projects", "id\np\n"}});
  EXPECT_EQ(problems(folder), (Found{{folder.string(), "format.missing",
                                      "there is no stakeholders sheet (a file stakeholders.csv)"}}));
}

TEST(Spreadsheet, TextThatIsNotUtf8IsNamedByByteAndLine) {
  TempDir dir;
  const fs::path folder = dir.path / "f";
  fs::create_directories(folder);
  write_bytes(folder / "stakeholders.csv", "id,label\na,ok\nb,M\xfcnster\n");
  Found found = problems(folder);
  ASSERT_EQ(found.size(), 1u);
  // 0xfc is byte 18 (from 1) of the file, on line 3.
  EXPECT_EQ(std::get<0>(found[0]), (folder / "stakeholders.csv").string() + ", byte 18 (line 3)");
  EXPECT_EQ(std::get<1>(found[0]), "format.encoding");
  write_bytes(folder / "stakeholders.csv", std::string("\xff\xfei\0d\0", 6));
  found = problems(folder);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(std::get<2>(found[0]), "UTF-16 text, not UTF-8: save the file as CSV UTF-8");
  EXPECT_EQ(std::get<0>(found[0]), (folder / "stakeholders.csv").string() + ", byte 1");
  write_bytes(folder / "stakeholders.csv", "\xEF\xBB\xBFid,label\na,M\xC3\xBCnster\n");
  EXPECT_EQ(cp::read_spreadsheet(folder).stakeholder_at(0).label, "M\xC3\xBCnster");
}

TEST(Spreadsheet, CsvThatIsNotCsv) {
  TempDir dir;
  const fs::path folder = csv_folder(dir.path, {{"stakeholders", "id,label\na,\"never closed\nb,x\n"}});
  Found found = problems(folder);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(std::get<0>(found[0]), (folder / "stakeholders.csv").string() + ", row 2");
  EXPECT_EQ(std::get<1>(found[0]), "format.syntax");
  EXPECT_EQ(std::get<2>(found[0]),
            "not CSV from here on: a quoted cell is not closed: a \" without its closing \"");
  write_bytes(folder / "stakeholders.csv", "id;label\na;b\n");
  found = problems(folder);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(std::get<0>(found[0]), (folder / "stakeholders.csv").string() + ", row 1");
  EXPECT_EQ(std::get<2>(found[0]),
            "the columns are separated by semicolons, not commas: save the file as CSV UTF-8 "
            "(comma delimited)");
  write_bytes(folder / "stakeholders.csv", "id,label\na,\"x\"y\n");
  found = problems(folder);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(std::get<2>(found[0]),
            "not CSV from here on: a quoted cell goes on after its closing quote: a quote inside "
            "a quoted cell is written twice (\"\")");
}

TEST(Spreadsheet, LimitsOnBytesAndCells) {
  TempDir dir;
  std::string rows = "id,kind\n";
  for (int i = 0; i < 500; ++i) rows += "s" + std::to_string(i) + ",person\n";
  const fs::path folder = csv_folder(dir.path, {{"stakeholders", rows}});
  Found found = problems(folder, {cp::spreadsheet_read_options{256u << 20, 100}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(std::get<1>(found[0]), "format.size");
  EXPECT_EQ(std::get<2>(found[0]), "the sheets hold more than 100 cells (max_cells)");
  // 100 cells: the header and 49 rows of two, then row 51 passes the limit.
  EXPECT_EQ(std::get<0>(found[0]), (folder / "stakeholders.csv").string() + ", row 51");
  found = problems(folder, {cp::spreadsheet_read_options{1000, 10'000'000}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(std::get<2>(found[0]), "the CSV files hold " + std::to_string(rows.size()) +
                                       " bytes or more, more than the limit of 1000 (max_bytes)");
  EXPECT_EQ(cp::read_spreadsheet(folder).num_stakeholders(), 500u);
}

TEST(Spreadsheet, AttributesWrittenAsPythonTextAreRefusedWithTheWayOut) {
  TempDir dir;
  const fs::path folder =
      csv_folder(dir.path, {{"stakeholders", "id,attributes\na,\"{'ward': 'east'}\"\n"}});
  const Found found = problems(folder);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(std::get<0>(found[0]), (folder / "stakeholders.csv").string() + ", row 2, column B (attributes)");
  EXPECT_NE(std::get<2>(found[0]).find("DataFrame.to_csv"), std::string::npos);
}

// -- writing -------------------------------------------------------------------------------

TEST(Spreadsheet, Arguments) {
  TempDir dir;
  cp::Network net;
  for (const char* name : {"p.csv", "p.xls", "p.ods", "p.json/"}) {
    try {
      cp::write_spreadsheet(net, dir.path / name);
      ADD_FAILURE() << name;
    } catch (const cp::input_error& e) {
      EXPECT_EQ(e.where(), "path");
    }
  }
  write_bytes(dir.path / "one.csv", "id\na\n");
  try {
    cp::read_spreadsheet(dir.path / "one.csv");
    ADD_FAILURE();
  } catch (const cp::input_error& e) {
    EXPECT_NE(std::string(e.what()).find("give its folder"), std::string::npos);
  }
  EXPECT_THROW(cp::read_spreadsheet(dir.path / "missing"), cp::io_error);
  EXPECT_THROW(cp::write_spreadsheet(net, dir.path / "no" / "such" / "folder"), cp::io_error);
}

TEST(Spreadsheet, WhatAWorkbookCannotHoldIsRefusedBeforeWriting) {
  TempDir dir;
  cp::Network net;
  cp::Stakeholder s;
  s.id = "a";
  s.label = std::string(40000, 'x');
  net.add_stakeholder(s);
  try {
    cp::write_spreadsheet(net, dir.path / "p.xlsx");
    ADD_FAILURE();
  } catch (const cp::limit_exceeded& e) {
    EXPECT_EQ(e.limit(), 32767u);
    EXPECT_EQ(e.estimate(), 40000u);
    EXPECT_NE(std::string(e.what()).find("stakeholders, row 2, column B (label)"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(dir.path / "p.xlsx"));
  cp::write_spreadsheet(net, dir.path / "p");  // a CSV cell holds it
  EXPECT_TRUE(cp::read_spreadsheet(dir.path / "p") == net);
  cp::Network big;
  cp::Stakeholder g;
  g.id = "a";
  g.kind = cp::Kind::group;
  g.size = std::int64_t{1} << 60;
  big.add_stakeholder(g);
  EXPECT_THROW(cp::write_spreadsheet(big, dir.path / "big.xlsx"), cp::limit_exceeded);
  cp::write_spreadsheet(big, dir.path / "big");
  EXPECT_TRUE(cp::read_spreadsheet(dir.path / "big") == big);
}

TEST(Spreadsheet, AFolderIsReplacedWholeAndKeepsItsPermissions) {
  TempDir dir;
  const fs::path folder = dir.path / "p";
  cp::write_spreadsheet(example("twam_partners_2013"), folder);
  ::chmod(folder.c_str(), 0700);
  ::chmod((folder / "rights.csv").c_str(), 0600);
  cp::Network net = example("nml_collaboration_types");
  net.set_metadata(nullptr);
  cp::write_spreadsheet(net, folder, {cp::rights_layout::wide});
  struct stat info {};
  ASSERT_EQ(::stat(folder.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0700u);
  ASSERT_EQ(::stat((folder / "rights.csv").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);
  EXPECT_FALSE(fs::exists(folder / "metadata.csv"));  // the old one went with the old folder
  EXPECT_TRUE(cp::read_spreadsheet(folder) == net);
  std::vector<std::string> beside;
  for (const auto& e : fs::directory_iterator(dir.path)) beside.push_back(e.path().filename().string());
  EXPECT_EQ(beside, std::vector<std::string>{"p"});
}

TEST(Spreadsheet, AFolderHoldingOtherFilesIsNotReplaced) {
  TempDir dir;
  const fs::path folder = dir.path / "p";
  fs::create_directories(folder);
  write_bytes(folder / "notes.docx", "the researcher's notes");
  cp::Network net;
  cp::Stakeholder s;
  s.id = "a";
  net.add_stakeholder(s);
  try {
    cp::write_spreadsheet(net, folder);
    ADD_FAILURE();
  } catch (const cp::io_error& e) {
    EXPECT_NE(std::string(e.what()).find("'notes.docx'"), std::string::npos);
  }
  std::vector<std::string> inside;
  for (const auto& e : fs::directory_iterator(folder)) inside.push_back(e.path().filename().string());
  EXPECT_EQ(inside, std::vector<std::string>{"notes.docx"});
  // "p/" is the folder p: still refused.
  EXPECT_THROW(cp::write_spreadsheet(net, folder.string() + "/"), cp::io_error);
}

TEST(Spreadsheet, AWorkbookKeepsItsPermissionsAndALinkIsWrittenThrough) {
  TempDir dir;
  cp::Network net = example("nml_collaboration_types");
  const fs::path book = dir.path / "real.xlsx";
  write_bytes(book, "old");
  ::chmod(book.c_str(), 0600);
  fs::create_symlink(book, dir.path / "link.xlsx");
  cp::write_spreadsheet(net, dir.path / "link.xlsx");
  EXPECT_TRUE(fs::is_symlink(dir.path / "link.xlsx"));
  struct stat info {};
  ASSERT_EQ(::stat(book.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);
  EXPECT_TRUE(cp::read_spreadsheet(book) == net);
}

}  // namespace
