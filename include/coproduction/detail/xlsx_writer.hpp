#pragma once
/// \file
/// The XML of a workbook the writer makes, byte for byte the Python package's (its
/// `_xlsx.workbook_bytes`): shared strings, the Text format on text columns and on text
/// cells, a bold and frozen header row, each number as its shortest exact text. Users
/// include `io/xlsx.hpp`.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "coproduction/detail/xlsx_text.hpp"
#include "coproduction/detail/zip_archive.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/sheet.hpp"

namespace coproduction::detail::xlsx {

inline constexpr std::string_view xml_head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
inline constexpr std::string_view package_rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Cell styles: 0 general, 1 the header (bold, Text format), 2 text (Text format, 49 "@").
inline std::string styles_xml() {
  return std::string(xml_head) + "<styleSheet xmlns=\"" + std::string(main_ns) + "\">" +
         "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
         "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
         "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
         "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
         "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
         "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
         "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" "
         "applyNumberFormat=\"1\"/>"
         "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
         "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
         "</cellStyles></styleSheet>";
}

/// `&`, `<` and `>` as XML text holds them (Python's `xml.sax.saxutils.escape`).
inline std::string xml_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

/// Characters of UTF-8 text (Python's `len` of a `str`).
inline std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// The workbook's shared strings: each text once, cells refer to it by number (as Excel
/// writes them), in the order first used.
class shared_strings {
 public:
  std::size_t operator()(const std::string& text) {
    ++count_;
    const auto [it, added] = index_.emplace(text, order_.size());
    if (added) order_.push_back(&it->first);
    return it->second;
  }
  std::string xml() const {
    std::string out = std::string(xml_head) + "<sst xmlns=\"" + std::string(main_ns) + "\" count=\"" +
                      std::to_string(count_) + "\" uniqueCount=\"" + std::to_string(order_.size()) + "\">";
    for (const std::string* t : order_) out += "<si><t xml:space=\"preserve\">" + xml_text(xstring_escape(*t)) + "</t></si>";
    return out + "</sst>";
  }

 private:
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<const std::string*> order_;
  std::size_t count_ = 0;
};

/// Python's `str` of a value, for the width of its column.
inline std::size_t shown_length(const io::SheetValue& v) {
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 4 : 5;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i).size();
  if (const auto* d = std::get_if<double>(&v)) return coproduction::detail::float_text(*d).size();
  if (const auto* s = std::get_if<std::string>(&v)) return characters(*s);
  return 0;
}

inline void cell_xml(std::string& out, const std::string& ref, const io::SheetValue& v, int style,
                     shared_strings& strings, const std::string& sheet) {
  if (const auto* b = std::get_if<bool>(&v)) {
    out += "<c r=\"" + ref + "\" t=\"b\"><v>" + (*b ? "1" : "0") + "</v></c>";
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    out += "<c r=\"" + ref + "\"><v>" + std::to_string(*i) + "</v></c>";
  } else if (const auto* d = std::get_if<double>(&v)) {
    if (!std::isfinite(*d))
      throw input_error("sheets", sheet + ", cell " + ref + ": " + coproduction::detail::float_text(*d) + " is not a finite number, which a workbook cannot hold");
    out += "<c r=\"" + ref + "\"><v>" + coproduction::detail::float_text(*d) + "</v></c>";
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    out += "<c r=\"" + ref + "\" t=\"s\" s=\"" + std::to_string(style) + "\"><v>" +
           std::to_string(strings(io::neutralise(*s))) + "</v></c>";
  }
}

inline std::string sheet_xml(const io::SheetRows& sheet, bool selected, shared_strings& strings) {
  const std::size_t width = sheet.header.size();
  if (sheet.textual.size() != width)
    throw input_error("sheets", sheet.name + ": " + std::to_string(sheet.textual.size()) + " text flags for " + std::to_string(width) + " columns");
  std::vector<std::string> letters(width);
  for (std::size_t i = 0; i < width; ++i) letters[i] = io::column_letter(i + 1);
  std::string data;
  for (std::size_t number = 1; number <= sheet.rows.size() + 1; ++number) {
    data += "<row r=\"" + std::to_string(number) + "\">";
    if (number == 1) {
      for (std::size_t i = 0; i < width; ++i)
        cell_xml(data, letters[i] + "1", io::SheetValue(sheet.header[i]), 1, strings, sheet.name);
    } else {
      const auto& row = sheet.rows[number - 2];
      if (row.size() > width)
        throw input_error("sheets", sheet.name + ", row " + std::to_string(number) + ": " + std::to_string(row.size()) + " values for " + std::to_string(width) + " columns");
      for (std::size_t i = 0; i < row.size(); ++i)
        cell_xml(data, letters[i] + std::to_string(number), row[i], 2, strings, sheet.name);
    }
    data += "</row>";
  }
  std::string cols;
  for (std::size_t i = 0; i < width; ++i) {
    std::size_t longest = characters(sheet.header[i]);
    for (std::size_t r = 0; r < sheet.rows.size() && r < 1000; ++r)
      if (i < sheet.rows[r].size() && !std::holds_alternative<std::monostate>(sheet.rows[r][i]))
        longest = std::max(longest, shown_length(sheet.rows[r][i]));
    const std::size_t w = std::min<std::size_t>(std::max<std::size_t>(longest + 2, 8), 60);
    cols += "<col min=\"" + std::to_string(i + 1) + "\" max=\"" + std::to_string(i + 1) + "\" width=\"" +
            std::to_string(w) + "\" customWidth=\"1\"" + (sheet.textual[i] ? " style=\"2\"" : "") + "/>";
  }
  const std::string last = io::column_letter(std::max<std::size_t>(width, 1)) + std::to_string(sheet.rows.size() + 1);
  return std::string(xml_head) + "<worksheet xmlns=\"" + std::string(main_ns) + "\" xmlns:r=\"" +
         std::string(relationships_ns) + "\"><dimension ref=\"A1:" + last + "\"/>" +
         "<sheetViews><sheetView workbookViewId=\"0\"" + (selected ? " tabSelected=\"1\"" : "") + ">" +
         "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
         "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
         "<sheetFormatPr defaultRowHeight=\"15\"/><cols>" + cols + "</cols><sheetData>" + data +
         "</sheetData></worksheet>";
}

/// The parts of the workbook, in the order the archive holds them.
inline std::vector<std::pair<std::string, std::string>> workbook_parts(const std::vector<io::SheetRows>& sheets) {
  const std::size_t n = sheets.size();
  const std::string rels(relationships_ns);
  std::string types = std::string(xml_head) +
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
      "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
      "officedocument.spreadsheetml.sheet.main+xml\"/>";
  for (std::size_t i = 0; i < n; ++i)
    types += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
             ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  types += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
           "officedocument.spreadsheetml.styles+xml\"/>"
           "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd."
           "openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>";
  const std::string package_rels = std::string(xml_head) + "<Relationships xmlns=\"" + std::string(package_rels_ns) +
                                   "\"><Relationship Id=\"rId1\" Type=\"" + rels +
                                   "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
  std::string book = std::string(xml_head) + "<workbook xmlns=\"" + std::string(main_ns) + "\" xmlns:r=\"" + rels +
                     "\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>";
  for (std::size_t i = 0; i < n; ++i) {
    std::string name = xml_text(sheets[i].name);
    for (std::size_t at = 0; (at = name.find('"', at)) != std::string::npos; at += 6) name.replace(at, 1, "&quot;");
    book += "<sheet name=\"" + name + "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"rId" + std::to_string(i + 1) + "\"/>";
  }
  book += "</sheets></workbook>";
  std::string book_rels = std::string(xml_head) + "<Relationships xmlns=\"" + std::string(package_rels_ns) + "\">";
  for (std::size_t i = 0; i < n; ++i)
    book_rels += "<Relationship Id=\"rId" + std::to_string(i + 1) + "\" Type=\"" + rels +
                 "/worksheet\" Target=\"worksheets/sheet" + std::to_string(i + 1) + ".xml\"/>";
  book_rels += "<Relationship Id=\"rId" + std::to_string(n + 1) + "\" Type=\"" + rels +
               "/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId" + std::to_string(n + 2) + "\" Type=\"" +
               rels + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", std::move(types)}, {"_rels/.rels", package_rels}, {"xl/workbook.xml", std::move(book)},
      {"xl/_rels/workbook.xml.rels", std::move(book_rels)}, {"xl/styles.xml", styles_xml()}};
  shared_strings strings;
  for (std::size_t i = 0; i < n; ++i)
    parts.emplace_back("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheet_xml(sheets[i], i == 0, strings));
  parts.emplace_back("xl/sharedStrings.xml", strings.xml());
  return parts;
}

}  // namespace coproduction::detail::xlsx
