#pragma once
/// \file
/// The spreadsheet writer's middle: a network's document as the sheets a person fills in
/// (every column of each, empty where a value is not given), the checks of what a file could
/// not hold or read back, and the atomic write of a folder of files.

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#if __has_include(<unistd.h>)
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#if __has_include(<sys/syscall.h>)
#include <sys/syscall.h>
#endif
#endif

#include "coproduction/detail/spreadsheet_columns.hpp"
#include "coproduction/detail/spreadsheet_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/file.hpp"
#include "coproduction/io/json.hpp"
#include "coproduction/io/sheet.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction::detail::spreadsheet {

/// Whether a path names a workbook: it ends in `.xlsx`, in any case.
inline bool ends_with_xlsx(std::string_view path) {
  if (path.size() < 5) return false;
  std::string tail(path.substr(path.size() - 5));
  for (char& c : tail)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return tail == ".xlsx";
}

/// The largest integer a double holds exactly, 2^53.
inline constexpr std::int64_t exact_integer = std::int64_t{1} << 53;

/// A JSON value of the document as a cell's value; a number as `number` when `as_number`
/// (an integer stays one while it is exact as a double).
inline io::SheetValue sheet_value(const nlohmann::json* j, bool as_number = false) {
  if (!j || j->is_null()) return std::monostate{};
  if (j->is_boolean()) return j->get<bool>();
  if (j->is_number_integer() || j->is_number_unsigned()) {
    if (j->is_number_unsigned() && j->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
      return static_cast<double>(j->get<std::uint64_t>());
    const std::int64_t n = j->get<std::int64_t>();
    if (as_number && (n >= exact_integer || n <= -exact_integer)) return static_cast<double>(n);
    return n;
  }
  if (j->is_number_float()) return j->get<double>();
  if (j->is_string()) return j->get<std::string>();
  return std::monostate{};
}

inline const nlohmann::json* field(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

/// JSON text of a value as Python's `json.dumps(ensure_ascii=False)` writes it; nothing for
/// an absent value.
inline io::SheetValue json_cell(const nlohmann::json* j) {
  if (!j || j->is_null()) return std::monostate{};
  std::string out;
  python_json_text(*j, out, ", ", ": ");
  return out;
}

inline std::vector<bool> textual_columns(const std::vector<SheetColumn>& columns) {
  std::vector<bool> out;
  for (const auto& c : columns) out.push_back(textual(c.kind));
  return out;
}

inline std::vector<std::string> column_names(const std::vector<SheetColumn>& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.emplace_back(c.name);
  return out;
}

/// The holders of rights in the document's order, with the veto holders among them in the
/// order of the veto list (the frame reader lists them in the order of their rows).
inline std::vector<std::string> ordered_rights(const nlohmann::json& rights,
                                               const std::vector<std::string>& veto) {
  std::vector<std::string> holders;
  for (auto it = rights.begin(); it != rights.end(); ++it) holders.push_back(it.key());
  const std::set<std::string> vetoes(veto.begin(), veto.end());
  std::size_t next = 0;
  for (std::string& h : holders)
    if (vetoes.count(h) && next < veto.size()) h = veto[next++];
  return holders;
}

/// The network as sheets, `wide` rights or long. Throws `input_error` for a wide rights sheet
/// that would read back as a long one, and for metadata with an empty key.
inline std::vector<io::SheetRows> network_sheets(const Network& net, bool wide) {
  const nlohmann::json doc = to_document(net);
  std::vector<io::SheetRows> out;
  const nlohmann::json empty = nlohmann::json::object();
  auto get = [](const nlohmann::json& o, std::string_view k) { return field(o, k); };
  {
    const auto& columns = sheet_columns("stakeholders");
    io::SheetRows sheet{"stakeholders", column_names(columns), {}, textual_columns(columns)};
    for (const auto& s : doc.at("stakeholders"))
      sheet.rows.push_back({sheet_value(get(s, "id")), sheet_value(get(s, "label")),
                            sheet_value(get(s, "kind")), sheet_value(get(s, "role")),
                            sheet_value(get(s, "sector")), sheet_value(get(s, "expertise")),
                            sheet_value(get(s, "under_served")), sheet_value(get(s, "paid")),
                            sheet_value(get(s, "convenor")), sheet_value(get(s, "size")),
                            sheet_value(get(s, "influence"), true), json_cell(get(s, "attributes"))});
    out.push_back(std::move(sheet));
  }
  {
    const auto& columns = sheet_columns("relations");
    io::SheetRows sheet{"relations", column_names(columns), {}, textual_columns(columns)};
    for (const auto& r : doc.at("relations")) {
      const nlohmann::json* p = get(r, "provenance");
      const nlohmann::json& provenance = p ? *p : empty;
      sheet.rows.push_back({sheet_value(get(r, "source")), sheet_value(get(r, "target")),
                            sheet_value(get(r, "type")), sheet_value(get(r, "weight"), true),
                            sheet_value(get(r, "scale")), sheet_value(get(provenance, "reported_by")),
                            sheet_value(get(provenance, "date")), sheet_value(get(provenance, "method")),
                            json_cell(get(r, "attributes"))});
    }
    out.push_back(std::move(sheet));
  }
  {
    const auto& columns = sheet_columns("projects");
    io::SheetRows sheet{"projects", column_names(columns), {}, textual_columns(columns)};
    for (const auto& p : doc.at("projects"))
      sheet.rows.push_back({sheet_value(get(p, "id")), sheet_value(get(p, "label")),
                            sheet_value(get(p, "claimed")), json_cell(get(p, "attributes"))});
    out.push_back(std::move(sheet));
  }
  {
    std::vector<SheetColumn> columns = sheet_columns("decisions");
    if (wide) columns.insert(columns.end(), wide_decision_columns().begin(), wide_decision_columns().end());
    io::SheetRows sheet{"decisions", column_names(columns), {}, textual_columns(columns)};
    for (const auto& d : doc.at("decisions")) {
      const nlohmann::json& rule = d.at("rule");
      std::vector<io::SheetValue> row = {
          sheet_value(get(d, "id")),           sheet_value(get(d, "label")),
          sheet_value(get(d, "project")),      sheet_value(get(d, "stage")),
          sheet_value(get(rule, "kind")),      sheet_value(get(rule, "quota"), true),
          sheet_value(get(d, "weight"), true), json_cell(get(d, "attributes"))};
      if (wide) {
        row.push_back(json_cell(get(rule, "votes")));
        row.push_back(json_cell(get(rule, "veto")));
      }
      sheet.rows.push_back(std::move(row));
    }
    out.push_back(std::move(sheet));
  }
  if (!wide) {
    const auto& columns = sheet_columns("rights");
    io::SheetRows sheet{"rights", column_names(columns), {}, textual_columns(columns)};
    for (const auto& d : doc.at("decisions")) {
      const nlohmann::json& rule = d.at("rule");
      const nlohmann::json* votes = get(rule, "votes");
      std::vector<std::string> veto;
      if (const nlohmann::json* v = get(rule, "veto"))
        for (const auto& h : *v) veto.push_back(h.get<std::string>());
      const nlohmann::json* rights = get(d, "rights");
      if (!rights) continue;
      for (const std::string& holder : ordered_rights(*rights, veto)) {
        const bool vetoes = std::find(veto.begin(), veto.end(), holder) != veto.end();
        sheet.rows.push_back({sheet_value(get(d, "id")), holder, sheet_value(get(*rights, holder)),
                              sheet_value(votes ? get(*votes, holder) : nullptr),
                              vetoes ? io::SheetValue(true) : io::SheetValue()});
      }
    }
    out.push_back(std::move(sheet));
  } else {
    std::vector<std::string> ids;
    for (const auto& s : doc.at("stakeholders")) ids.push_back(s.at("id").get<std::string>());
    std::vector<std::string> header = {"decision"};
    header.insert(header.end(), ids.begin(), ids.end());
    std::vector<std::optional<std::string>> names(header.begin(), header.end());
    if (looks_long(names))
      throw input_error("rights",
                        "a wide rights sheet whose stakeholder columns include \"stakeholder\" "
                        "and \"right\" would read as a long one: write rights=\"long\"");
    io::SheetRows sheet{"rights", header, {}, std::vector<bool>(header.size(), true)};
    for (const auto& d : doc.at("decisions")) {
      const nlohmann::json* rights = get(d, "rights");
      std::vector<io::SheetValue> row = {sheet_value(get(d, "id"))};
      for (const std::string& id : ids) row.push_back(sheet_value(rights ? get(*rights, id) : nullptr));
      sheet.rows.push_back(std::move(row));
    }
    out.push_back(std::move(sheet));
  }
  if (const nlohmann::json* metadata = get(doc, "metadata")) {
    const auto& columns = sheet_columns("metadata");
    io::SheetRows sheet{"metadata", column_names(columns), {}, textual_columns(columns)};
    for (auto it = metadata->begin(); it != metadata->end(); ++it) {
      if (it.key().empty())
        throw input_error("net", "the metadata have an empty key, which a spreadsheet cell "
                                 "cannot hold (an empty cell is no key)");
      const bool plain = it.value().is_string() && !it.value().get<std::string>().empty();
      std::string text;
      if (!plain) python_json_text(it.value(), text, ", ", ": ");
      sheet.rows.push_back({it.key(), plain ? io::SheetValue(it.value().get<std::string>()) : io::SheetValue(),
                            plain ? io::SheetValue() : io::SheetValue(text)});
    }
    out.push_back(std::move(sheet));
  }
  return out;
}

/// Excel's limits: rows and columns of a sheet, characters of a cell.
inline constexpr std::size_t workbook_max_rows = 1048576, workbook_max_columns = 16384,
                             workbook_max_cell_characters = 32767;

/// Refuses, before anything is written, what the file could not hold or read back: a cell
/// too long, more rows or columns than a workbook has, an integer beyond 2^53 in a workbook.
/// Throws `limit_exceeded` at `path`.
inline void check_sheet_cells(const std::vector<io::SheetRows>& sheets, bool workbook,
                              std::size_t longest_csv) {
  const std::size_t longest = workbook ? workbook_max_cell_characters : longest_csv;
  const std::string what = workbook ? "a workbook cell (Excel's limit)" : "a CSV cell the reader takes";
  for (const auto& s : sheets) {
    if (workbook && s.rows.size() + 1 > workbook_max_rows)
      throw limit_exceeded("path", "rows", s.rows.size() + 1, workbook_max_rows,
                           "the " + s.name + " sheet has " + std::to_string(s.rows.size() + 1) +
                               " rows, more than a workbook holds (" +
                               std::to_string(workbook_max_rows) + "): write a folder of CSV files");
    if (workbook && s.header.size() > workbook_max_columns)
      throw limit_exceeded("path", "columns", s.header.size(), workbook_max_columns,
                           "the " + s.name + " sheet has " + std::to_string(s.header.size()) +
                               " columns, more than a workbook holds (" +
                               std::to_string(workbook_max_columns) +
                               "): write rights=\"long\" or a folder of CSV files");
    for (std::size_t number = 1; number <= s.rows.size() + 1; ++number) {
      const std::size_t width = number == 1 ? s.header.size() : s.rows[number - 2].size();
      for (std::size_t i = 0; i < width; ++i) {
        const io::SheetValue value =
            number == 1 ? io::SheetValue(s.header[i]) : s.rows[number - 2][i];
        auto place = [&] {
          return s.name + ", row " + std::to_string(number) + ", column " +
                 io::column_letter(i + 1) + " (" + s.header[i] + ")";
        };
        if (const auto* text = std::get_if<std::string>(&value)) {
          const std::size_t n = length_in_characters(*text);
          if (n + 1 > longest)
            throw limit_exceeded("path", "characters", n, longest,
                                 place() + ": a text of " + std::to_string(n) +
                                     " characters, more than " + what + " holds (" +
                                     std::to_string(longest) + ")");
        }
        if (const auto* n = std::get_if<std::int64_t>(&value); workbook && n) {
          const std::uint64_t magnitude =
              *n < 0 ? static_cast<std::uint64_t>(-(*n + 1)) + 1 : static_cast<std::uint64_t>(*n);
          if (magnitude > static_cast<std::uint64_t>(exact_integer))
            throw limit_exceeded("path", "", magnitude, static_cast<std::uint64_t>(exact_integer),
                                 place() + ": " + std::to_string(*n) +
                                     " is beyond 2**53, which a workbook (whose numbers are "
                                     "doubles) cannot hold exactly: write a folder of CSV files");
        }
      }
    }
  }
}

// -- atomic writes of a folder ------------------------------------------------------------

/// Files a desktop leaves in any folder it shows; replacing a folder may drop them.
inline bool folder_litter(const std::string& name) {
  return name == ".DS_Store" || name == "Thumbs.db" || name == "desktop.ini";
}

inline std::string temporary_name(const std::filesystem::path& target) {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(random()));
  return (target.parent_path() / ("." + target.filename().string() + ".tmp-" + hex)).string();
}

[[noreturn]] inline void system_failure(const std::string& path, const std::string& what) {
  throw io_error(path, what + " (" + std::strerror(errno) + ")");
}

#ifdef COPRODUCTION_POSIX_IO
/// Creates `path` exclusively, gives it `old`'s permissions before writing, writes `data`
/// and flushes it to disk.
inline void write_new_file(const std::string& path, std::string_view data, const struct stat* old,
                           const std::string& shown) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) system_failure(shown, "cannot create " + path);
  auto fail = [&](const std::string& why) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    system_failure(shown, why);
  };
  if (old && !keep_owner_and_mode(fd, *old)) fail("cannot set the permissions of " + path);
  if (const char* failed = write_all_synced(fd, data)) fail(failed);
  if (::close(fd) != 0) system_failure(shown, "close failed");
}

/// Swaps two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`); false where the system
/// or the file system cannot.
inline bool exchange_paths(const std::string& a, const std::string& b) {
#if defined(__linux__) && defined(SYS_renameat2)
  return ::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), 2 /* RENAME_EXCHANGE */) == 0;
#else
  (void)a, (void)b;
  return false;
#endif
}
#endif

/// Writes a folder holding exactly `files` (name to content) atomically: a new folder is
/// made beside the target under a temporary name, filled, flushed and renamed into place; an
/// existing folder is replaced as a whole (on Linux the two are swapped in one step;
/// elsewhere the old one is renamed aside first). An existing folder may hold only files
/// named in `files` or `replaceable` (and desktop litter): anything else is the user's, and
/// the write is refused (`io_error`) rather than deleting it. The folder keeps its mode and
/// group, each file those of the file it replaces; a symbolic link is written through. On
/// failure the target is untouched and nothing is left beside it.
inline void write_folder(std::string given, const std::map<std::string, std::string>& files,
                         const std::set<std::string>& replaceable) {
  namespace fs = std::filesystem;
  while (given.size() > 1 && given.back() == '/') given.pop_back();  // "p/" is the folder p
  std::error_code ec;
  fs::path target(given);
  if (fs::is_symlink(fs::symlink_status(target, ec))) {
    target = fs::weakly_canonical(target, ec);
    if (ec || !fs::exists(fs::symlink_status(target, ec)))
      throw io_error(given, "a symbolic link to nothing");
  }
  const auto status = fs::status(target, ec);
  const bool existed = fs::exists(status);
  if (existed && !fs::is_directory(status)) throw io_error(given, "not a folder");
#ifdef COPRODUCTION_POSIX_IO
  struct stat old_folder {};
  std::map<std::string, struct stat> old_files;
  if (existed) {
    if (::stat(target.c_str(), &old_folder) != 0) system_failure(given, "cannot read the folder");
    std::vector<std::string> foreign;
    for (fs::directory_iterator it(target, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      const bool allowed = files.count(name) || replaceable.count(name) || folder_litter(name);
      struct stat info {};
      if (allowed && ::lstat(it->path().c_str(), &info) == 0 && S_ISREG(info.st_mode))
        old_files[name] = info;
      else
        foreign.push_back(name);
    }
    if (ec) throw io_error(given, ec.message());
    if (!foreign.empty()) {
      std::sort(foreign.begin(), foreign.end());
      std::string shown;
      for (std::size_t i = 0; i < foreign.size() && i < 5; ++i)
        shown += (i ? ", " : "") + python_repr(foreign[i]);
      if (foreign.size() > 5) shown += " and " + std::to_string(foreign.size() - 5) + " more";
      throw io_error(given, "the folder holds files this writer did not write (" + shown +
                                "); it is replaced as a whole, so write to a new or empty folder");
    }
  }
  const std::string tmp = temporary_name(target);
  if (::mkdir(tmp.c_str(), 0700) != 0)  // private while it fills
    system_failure(given, "cannot create a folder beside it");
  auto clean = [&](const std::string& folder) {
    std::error_code ignore;
    fs::remove_all(folder, ignore);
  };
  try {
    for (const auto& [name, data] : files) {
      const auto old = old_files.find(name);
      write_new_file((fs::path(tmp) / name).string(), data,
                     old == old_files.end() ? nullptr : &old->second, given);
    }
    const int fd = ::open(tmp.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) system_failure(given, "cannot open the new folder");
    bool moded = true;
    if (existed) {
      moded = keep_owner_and_mode(fd, old_folder);
    } else {
      const mode_t umask_now = ::umask(0);
      ::umask(umask_now);
      moded = ::fchmod(fd, 0777 & ~umask_now) == 0;
    }
    ::fsync(fd);
    ::close(fd);
    if (!moded) system_failure(given, "cannot set the folder's permissions");
    if (!existed) {
      if (::rename(tmp.c_str(), target.c_str()) != 0) system_failure(given, "cannot rename the new folder into place");
    } else if (exchange_paths(tmp, target.string())) {
      clean(tmp);  // the old folder, now at the temporary name
    } else {
      const std::string aside = temporary_name(target);
      if (::rename(target.c_str(), aside.c_str()) != 0) system_failure(given, "cannot move the old folder aside");
      if (::rename(tmp.c_str(), target.c_str()) != 0) {
        const int saved = errno;
        ::rename(aside.c_str(), target.c_str());
        errno = saved;
        system_failure(given, "cannot rename the new folder into place");
      }
      clean(aside);
    }
  } catch (...) {
    clean(tmp);
    throw;
  }
  sync_folder(target.parent_path());
#else
  (void)replaceable;
  const std::string tmp = temporary_name(target);
  fs::create_directory(tmp, ec);
  if (ec) throw io_error(given, ec.message());
  for (const auto& [name, data] : files) {
    std::ofstream out(fs::path(tmp) / name, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) {
      fs::remove_all(tmp, ec);
      throw io_error(given, "write failed");
    }
  }
  if (existed) fs::remove_all(target, ec);
  fs::rename(tmp, target, ec);
  if (ec) throw io_error(given, ec.message());
#endif
}

}  // namespace coproduction::detail::spreadsheet
