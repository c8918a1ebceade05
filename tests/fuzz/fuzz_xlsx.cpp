// libFuzzer target: the .xlsx workbook reader (io/xlsx.hpp, detail/zip_archive.hpp) and the
// spreadsheet reader behind it (io/spreadsheet.hpp). Any bytes are either refused with the
// library's own errors (a problem recorded at its place, `format_error`, `size_refused`), or
// read into a network whose workbook, written and read again, gives the same network, the
// second workbook the same bytes as the first. Any other exception, a crash, a hang or a
// sanitizer report is a finding.
//
//   make fuzz SECONDS=1800

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include <coproduction/coproduction.hpp>

#include "finding.hpp"

namespace cp = coproduction;

namespace {

// The network a workbook's bytes hold, as `read_spreadsheet` reads a file of them.
cp::Network read_book(std::string_view bytes) {
  cp::io::ReadBudget budget{std::uint64_t{64} << 20, 1'000'000};
  cp::io::WorkbookSheets book = cp::io::read_workbook_bytes(bytes, "book.xlsx", budget);
  std::map<std::string, cp::io::Sheet> sheets;
  for (cp::io::Sheet& s : book.sheets) sheets.emplace(s.name, std::move(s));
  return cp::detail::spreadsheet::SpreadsheetReader(sheets, book.place, true).network();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cp::Network net;
  try {
    net = read_book(bytes);
  } catch (const cp::format_error&) {
    return 0;
  } catch (const cp::io::size_refused&) {
    return 0;
  }
  std::string once, twice;
  try {
    once = cp::io::workbook_bytes(cp::spreadsheet_sheets(net));
    const cp::Network back = read_book(once);
    if (!(back == net)) finding("read back differs", cp::dump_json(net));
    twice = cp::io::workbook_bytes(cp::spreadsheet_sheets(back));
  } catch (const cp::limit_exceeded&) {
    return 0;  // a value the writer refuses to put in a workbook (a cell too long)
  } catch (const cp::error& e) {
    finding("a workbook read could not be written or read back", e.what());
  }
  if (once != twice) finding("two writes differ", cp::dump_json(net));
  return 0;
}
