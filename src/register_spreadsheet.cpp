// Python bindings of include/coproduction/io/spreadsheet.hpp, in the submodule `_core.io`:
// the reader of a folder of CSV files or an .xlsx workbook (`read_spreadsheet`), and the
// files of a network as a writer puts them on disk (`spreadsheet_csv_files`,
// `spreadsheet_workbook`). The Python layer checks the arguments, handles the path and writes
// the bytes atomically (python/coproduction/io/_atomic.py); the loops over cells are here.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "coproduction/error.hpp"
#include "coproduction/io/csv_folder.hpp"
#include "coproduction/io/spreadsheet.hpp"
#include "coproduction/io/xlsx.hpp"
#include "coproduction/model/network.hpp"
#include "interrupt.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

rights_layout layout_of(const std::string& rights) {
  if (rights == "long") return rights_layout::long_form;
  if (rights == "wide") return rights_layout::wide;
  throw input_error("rights", "\"long\" or \"wide\", not '" + rights + "'");
}

// The sheets of `net`, checked against what the file can hold (`limit_exceeded` at "path").
std::vector<io::SheetRows> checked_sheets(const Network& net, const std::string& rights,
                                          bool workbook) {
  const rights_layout layout = layout_of(rights);
  return held_network(net, [&](const Network& n) {
    std::vector<io::SheetRows> sheets = spreadsheet_sheets(n, layout);
    coproduction::detail::spreadsheet::check_sheet_cells(sheets, workbook, io::max_csv_cell_characters);
    return sheets;
  });
}

}  // namespace

void register_spreadsheet(py::module_ m) {
  // The read runs without the GIL: it touches only the files and C++ values it makes.
  m.def(
      "read_spreadsheet",
      [](const std::filesystem::path& path, std::uint64_t max_bytes, std::uint64_t max_cells) {
        const spreadsheet_read_options options{max_bytes, max_cells};
        return without_gil([&] { return read_spreadsheet(path, options); });
      },
      py::arg("path"), py::kw_only(), py::arg("max_bytes") = std::uint64_t{256} << 20,
      py::arg("max_cells") = std::uint64_t{10'000'000},
      "A network from a folder of CSV files or an .xlsx workbook; FormatError lists every "
      "problem at its file or sheet, row and column.");
  m.def(
      "spreadsheet_csv_files",
      [](const Network& net, const std::string& rights) {
        const std::vector<io::SheetRows> sheets = checked_sheets(net, rights, false);
        py::dict out;
        for (const io::SheetRows& s : sheets) out[py::str(s.name + ".csv")] = py::bytes(io::csv_bytes(s));
        return out;
      },
      py::arg("net"), py::kw_only(), py::arg("rights") = "long",
      "The CSV files of a network, file name -> bytes (UTF-8 with a BOM, RFC 4180).");
  m.def(
      "spreadsheet_workbook",
      [](const Network& net, const std::string& rights) {
        const std::vector<io::SheetRows> sheets = checked_sheets(net, rights, true);
        const std::string data = without_gil([&] { return io::workbook_bytes(sheets); });
        return py::bytes(data);
      },
      py::arg("net"), py::kw_only(), py::arg("rights") = "long",
      "The bytes of a network's .xlsx workbook.");
  m.attr("MAX_CSV_CELL_CHARACTERS") = io::max_csv_cell_characters;
}

}  // namespace coproduction::python
