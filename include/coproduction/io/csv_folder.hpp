#pragma once
/// \file
/// A folder of CSV files as sheets of text cells, and a sheet as the bytes of a CSV file.
///
/// Files are RFC 4180: comma-separated, cells with a comma, a quote or a line break in double
/// quotes, a quote inside doubled, lines ending CR LF (any line ending is read). Text is
/// UTF-8, with or without a byte-order mark; the writer puts one, so that Excel opens
/// non-Latin text correctly. Every cell is text: nothing is guessed from how a cell looks
/// (`007` stays `007`, `NA` stays `NA`); the spreadsheet reader converts each by its column.
/// The reader parses as Python's `csv` module does in strict mode, and its problems have the
/// same texts, so that both languages report a file alike.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <variant>
#include <vector>

#include "coproduction/detail/spreadsheet_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/sheet.hpp"

namespace coproduction::io {

/// The longest cell the reader takes, in characters: the limit of Python's csv module
/// (131,072), which the writer respects too.
inline constexpr std::size_t max_csv_cell_characters = 131072;

}  // namespace coproduction::io

namespace coproduction::detail::spreadsheet {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// The records of CSV text, one at a time, parsed as Python's `csv.reader(strict=True)`
/// parses text split into lines at LF, CR LF or CR: a quoted cell may span lines, a blank
/// line is an empty record, `line()` is the number of lines taken so far.
class CsvRecords {
 public:
  /// Why the text stops being CSV, in Python's words.
  struct Broken {
    std::string why;
  };

  explicit CsvRecords(std::string_view text) : text_(text) {}

  /// The next record into `fields`; false at the end. Throws `Broken`.
  bool next(std::vector<std::string>& fields) {
    fields.clear();
    field_.clear();
    length_ = 0;
    state_ = start_record;
    fields_ = &fields;
    do {
      if (pos_ >= text_.size()) {
        if (length_ != 0 || state_ == in_quoted) throw Broken{"unexpected end of data"};
        return false;
      }
      std::size_t end = pos_;
      while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
      if (end < text_.size())
        end += text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n' ? 2 : 1;
      ++line_;
      for (std::size_t k = pos_; k < end; ++k) step(static_cast<unsigned char>(text_[k]));
      step(eol);
      pos_ = end;
    } while (state_ != start_record);
    return true;
  }
  std::size_t line() const { return line_; }

 private:
  static constexpr int eol = -1;
  enum State { start_record, start_field, in_field, in_quoted, quote_in_quoted, eat_crnl };

  void save() {
    fields_->push_back(std::move(field_));
    field_.clear();
    length_ = 0;
  }
  void add(int c) {
    // Python counts characters: a UTF-8 continuation byte is part of the one before.
    if ((c & 0xC0) != 0x80) {
      if (length_ >= io::max_csv_cell_characters)
        throw Broken{"field larger than field limit (" + std::to_string(io::max_csv_cell_characters) +
                     ")"};
      ++length_;
    }
    field_ += static_cast<char>(c);
  }
  void step(int c) {
    const bool line_end = c == '\n' || c == '\r' || c == eol;
    switch (state_) {
      case start_record:
        if (c == eol) return;
        if (c == '\n' || c == '\r') {
          state_ = eat_crnl;
          return;
        }
        state_ = start_field;
        [[fallthrough]];
      case start_field:
        if (line_end) {
          save();
          state_ = c == eol ? start_record : eat_crnl;
        } else if (c == '"') {
          state_ = in_quoted;
        } else if (c == ',') {
          save();
        } else {
          add(c);
          state_ = in_field;
        }
        return;
      case in_field:
        if (line_end) {
          save();
          state_ = c == eol ? start_record : eat_crnl;
        } else if (c == ',') {
          save();
          state_ = start_field;
        } else {
          add(c);
        }
        return;
      case in_quoted:
        if (c == eol) return;
        if (c == '"') state_ = quote_in_quoted;
        else add(c);
        return;
      case quote_in_quoted:
        if (c == '"') {
          add(c);
          state_ = in_quoted;
        } else if (c == ',') {
          save();
          state_ = start_field;
        } else if (line_end) {
          save();
          state_ = c == eol ? start_record : eat_crnl;
        } else {
          throw Broken{"',' expected after '\"'"};
        }
        return;
      case eat_crnl:
        if (c == '\n' || c == '\r') return;
        if (c == eol) {
          state_ = start_record;
          return;
        }
        throw Broken{"new-line character seen in unquoted field - do you need to open the file "
                     "with newline=''?"};
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0, line_ = 0, length_ = 0;
  State state_ = start_record;
  std::string field_;
  std::vector<std::string>* fields_ = nullptr;
};

inline void refuse_csv_size(io::Sheet& sheet, const io::ReadBudget& budget, std::uint64_t size) {
  throw io::size_refused(sheet.problem(
      "format.size", "the CSV files hold " + std::to_string(budget.bytes + size) +
                         " bytes or more, more than the limit of " +
                         std::to_string(budget.max_bytes) + " (max_bytes)"));
}

/// Whether Windows-1252 (as Python's codec defines it) reads every byte.
inline bool reads_as_cp1252(std::string_view data) {
  for (char c : data) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) return false;
  }
  return true;
}

/// The file's text (its byte-order mark left out), or nothing with the problem recorded.
inline std::optional<std::string_view> decode_csv(io::Sheet& sheet, std::string_view data) {
  std::size_t start = 0;
  if (data.substr(0, 3) == utf8_bom) {
    start = 3;
  } else if (data.substr(0, 2) == "\xFF\xFE" || data.substr(0, 2) == "\xFE\xFF") {
    sheet.problem("format.encoding", "UTF-16 text, not UTF-8: save the file as CSV UTF-8",
                  std::nullopt, std::nullopt, 1);
    return std::nullopt;
  }
  const std::string_view text = data.substr(start);
  const auto bad = detail::utf8_error(text);
  if (!bad) return text;
  const std::size_t offset = start + *bad;
  const std::size_t line =
      static_cast<std::size_t>(std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) + 1;
  const std::string guess =
      reads_as_cp1252(text)
          ? " (it reads as Windows-1252, which Excel's plain \"CSV\" format writes)"
          : "";
  char hex[8];
  std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(data[offset]));
  sheet.problem("format.encoding",
                std::string("not UTF-8 text: the byte 0x") + hex + " does not fit here" + guess +
                    "; save the file as CSV UTF-8",
                std::nullopt, std::nullopt, offset + 1, line);
  return std::nullopt;
}

/// Reads one CSV file into its sheet, taking its bytes and cells from the budget.
inline void read_csv_file(io::Sheet& sheet, io::ReadBudget& budget) {
  const std::filesystem::path path(sheet.title);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw io_error(sheet.title, ec ? ec.message() : "no such file");
  if (!std::filesystem::is_regular_file(status)) {
    sheet.problem("format.value", "not a regular file");
    sheet.readable = false;
    return;
  }
  const std::uint64_t allowed = budget.max_bytes - budget.bytes;
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) throw io_error(sheet.title, ec.message());
  if (size > allowed) refuse_csv_size(sheet, budget, size);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error(sheet.title, "cannot open for reading");
  // Never more than the limit plus one byte: a file that grew since its size was read is
  // refused all the same.
  std::string data;
  std::vector<char> block(1 << 16);
  while (in && data.size() <= allowed) {
    const std::uint64_t want = std::min<std::uint64_t>(block.size(), allowed + 1 - data.size());
    in.read(block.data(), static_cast<std::streamsize>(want));
    data.append(block.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw io_error(sheet.title, "read failed");
  if (data.size() > allowed) refuse_csv_size(sheet, budget, data.size());
  budget.bytes += data.size();
  const auto text = decode_csv(sheet, data);
  if (!text) {
    sheet.readable = false;
    return;
  }
  CsvRecords records(*text);
  std::vector<std::string> record;
  std::size_t row = 0, last_line = 0;
  try {
    while (records.next(record)) {
      ++row;
      if (last_line + 1 != row) sheet.lines[row] = last_line + 1;  // a cell spanned lines
      last_line = records.line();
      if (row == 1 && record.size() == 1 &&
          (record[0].find(';') != std::string::npos || record[0].find('\t') != std::string::npos)) {
        const char* separator = record[0].find(';') != std::string::npos ? "semicolons" : "tabs";
        sheet.problem("format.syntax",
                      std::string("the columns are separated by ") + separator +
                          ", not commas: save the file as CSV UTF-8 (comma delimited)",
                      1);
        sheet.readable = false;
        return;
      }
      budget.cells += record.size();
      if (budget.cells > budget.max_cells)
        throw io::size_refused(sheet.problem(
            "format.size",
            "the sheets hold more than " + std::to_string(budget.max_cells) + " cells (max_cells)",
            row));
      std::map<std::size_t, io::SheetCell> cells;
      for (std::size_t column = 0; column < record.size(); ++column)
        if (!record[column].empty())
          cells.emplace(column + 1, io::SheetCell::make_text(std::move(record[column])));
      if (!cells.empty()) sheet.cells[row] = std::move(cells);
    }
  } catch (const CsvRecords::Broken& broken) {
    const std::size_t line = records.line();
    std::string why = broken.why;
    if (why.find("field larger than field limit") != std::string::npos)
      why = "a cell longer than " + std::to_string(io::max_csv_cell_characters) +
            " characters (or a quote that is never closed)";
    else if (why == "unexpected end of data")
      why = "a quoted cell is not closed: a \" without its closing \"";
    else if (why.find("expected after") != std::string::npos)
      why = "a quoted cell goes on after its closing quote: a quote inside a quoted cell is "
            "written twice (\"\")";
    sheet.problem("format.syntax", "not CSV from here on: " + why, row + 1, std::nullopt,
                  std::nullopt, line);
    sheet.lines.emplace(row + 1, last_line + 1);
    sheet.readable = false;
  }
}

/// ASCII lower case, as a file name's case is compared.
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// `folder` joined with a name as Python's `os.path.join` joins them.
inline std::string join_path(const std::string& folder, const std::string& name) {
  if (folder.empty() || folder.back() == '/') return folder + name;
  return folder + "/" + name;
}

}  // namespace coproduction::detail::spreadsheet

namespace coproduction::io {

/// The sheets of a CSV folder by name, and the place of problems of the folder as a whole.
struct CsvFolder {
  std::map<std::string, Sheet> sheets;
  Sheet place;
};

/// Reads a folder of CSV files: the sheets by name (`stakeholders.csv` is the sheet
/// `stakeholders`; the name's case does not matter), and a sheet for the folder itself that
/// holds the problems of the folder as a whole (two files for one sheet; a file whose name
/// looks like a slip for a sheet's, `relation.csv` or `Stake holders.csv`). Other files are
/// not read. Each file's problems (not UTF-8, not CSV, separated by semicolons) are in its
/// sheet, which is then not `readable`.
///
/// Throws `size_refused` when the files pass `budget` (bytes, or cells counted over every
/// file), before a file over the byte limit is read; `io_error` when the folder or a file
/// cannot be read.
inline CsvFolder read_csv_folder(const std::string& folder, ReadBudget& budget) {
  CsvFolder out{{}, Sheet("folder", folder, -1)};
  std::vector<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
       it.increment(ec))
    names.push_back(it->path().filename().string());
  if (ec) throw io_error(folder, ec.message());
  std::sort(names.begin(), names.end());
  std::map<std::string, std::vector<std::string>> found;
  for (const std::string& name : names) {
    const auto dot = name.rfind('.');
    if (dot == std::string::npos || detail::spreadsheet::lower(name.substr(dot + 1)) != "csv") continue;
    const std::string stem = name.substr(0, dot);
    const std::string low = detail::spreadsheet::lower(stem);
    if (std::find(sheet_names.begin(), sheet_names.end(), low) != sheet_names.end()) {
      found[low].push_back(name);
      continue;
    }
    if (const auto meant = near_miss(stem, sheet_names))
      out.place.problem("format.unknown_field",
                        "the file " + detail::spreadsheet::python_repr(name) +
                            " is not read: is it the " + *meant + " sheet? Name it " + *meant +
                            ".csv");
  }
  for (std::size_t order = 0; order < sheet_names.size(); ++order) {
    const std::string sheet_name(sheet_names[order]);
    const auto files = found.find(sheet_name);
    if (files == found.end()) continue;
    if (files->second.size() > 1) {
      std::string listed;
      for (const std::string& f : files->second)
        listed += (listed.empty() ? "" : ", ") + detail::spreadsheet::python_repr(f);
      out.place.problem("format.duplicate_key", std::to_string(files->second.size()) +
                                                    " files are the " + sheet_name +
                                                    " sheet: " + listed + "; keep one");
      continue;
    }
    Sheet sheet(sheet_name, detail::spreadsheet::join_path(folder, files->second.front()),
                static_cast<int>(order));
    detail::spreadsheet::read_csv_file(sheet, budget);
    out.sheets.emplace(sheet_name, std::move(sheet));
  }
  return out;
}

/// A value as a CSV cell: empty for nothing, `true`/`false`, an integer's digits, a double's
/// shortest text that reads back as the same double (Python's `repr`), a text neutralised
/// against formula injection. Throws `std::invalid_argument` for a double that is not
/// finite (the model holds finite numbers only).
inline std::string csv_cell(const SheetValue& value) {
  struct Visit {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    std::string operator()(double x) const {
      if (!std::isfinite(x)) throw std::invalid_argument(detail::float_text(x) + " has no CSV form");
      return detail::float_text(x);
    }
    std::string operator()(const std::string& s) const { return neutralise(s); }
  };
  return std::visit(Visit{}, value);
}

}  // namespace coproduction::io

namespace coproduction::detail::spreadsheet {

/// One record as Python's `csv.writer` (minimal quoting, CR LF) writes it.
inline void csv_record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos && !(fields.size() == 1 && f.empty())) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

}  // namespace coproduction::detail::spreadsheet

namespace coproduction::io {

/// A sheet as the bytes of a CSV file: a UTF-8 byte-order mark, the header, one line per
/// row, each cell as `csv_cell` writes it, quoted as RFC 4180 says.
inline std::string csv_bytes(const SheetRows& sheet) {
  std::string out(detail::spreadsheet::utf8_bom);
  std::vector<std::string> fields;
  fields.reserve(sheet.header.size());
  for (const std::string& name : sheet.header) fields.push_back(neutralise(name));
  detail::spreadsheet::csv_record(out, fields);
  for (const auto& row : sheet.rows) {
    fields.clear();
    for (const SheetValue& v : row) fields.push_back(csv_cell(v));
    detail::spreadsheet::csv_record(out, fields);
  }
  return out;
}

}  // namespace coproduction::io
