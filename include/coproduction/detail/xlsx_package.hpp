#pragma once
/// \file
/// The parts of a workbook around its sheets, found as openpyxl finds them in read-only mode
/// (ECMA-376 Part 2, Open Packaging Conventions): the workbook part named by
/// `[Content_Types].xml`, its sheets and their relationships, the date formats of
/// `xl/styles.xml`, and the shared strings. Users include `io/xlsx.hpp`.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/detail/xlsx_text.hpp"
#include "coproduction/detail/xlsx_tree.hpp"
#include "coproduction/detail/zip_archive.hpp"

namespace coproduction::detail::xlsx {

inline constexpr std::string_view shared_strings_type =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";

/// Why a workbook cannot be opened as one (openpyxl's `load_workbook` would raise).
class not_a_workbook : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The tree of a part that must be there; `not_a_workbook` when it is missing or is not
/// well-formed XML.
inline std::unique_ptr<node> part_tree(const zip::archive& archive, std::string_view name) {
  const zip::entry* e = archive.find(name);
  if (!e) throw not_a_workbook("there is no part " + py_repr(name) + " in the archive");
  try {
    // The archive check has held every declared size to the byte budget already.
    return parse_tree(archive.read(*e));
  } catch (const format_error& err) {
    throw not_a_workbook("the part " + py_repr(name) + ": " +
                         (err.where().empty() ? "" : err.where() + ": ") + err.detail());
  }
}

/// A sheet the workbook part lists, with the part that holds it.
struct sheet_entry {
  std::string title;
  std::string part;  ///< the archive's name of its part
  bool chart = false;
};

/// What the reader needs of the workbook around its sheets.
struct package {
  std::vector<sheet_entry> sheets;
  bool mac_epoch = false;               ///< `date1904`
  std::set<std::size_t> date_styles;    ///< cell formats (`s`) showing a date
  std::set<std::size_t> elapsed_styles; ///< cell formats showing elapsed time
};

/// `posixpath.normpath`: `.` and `..` resolved, repeated slashes joined.
inline std::string normpath(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else parts.emplace_back("..");
    } else if (!part.empty() && part != ".") {
      parts.emplace_back(part);
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out.empty() ? "." : out;
}

/// The relationships of a part (`xl/workbook.xml` -> `xl/_rels/workbook.xml.rels`) by id,
/// each target as a name in the archive (openpyxl's `get_dependents`); a later id repeats
/// an earlier one's place.
inline std::map<std::string, std::pair<std::string, std::string>> relationships(const zip::archive& archive,
                                                                                 std::string_view part) {
  const std::size_t slash = part.rfind('/');
  const std::string folder(slash == std::string_view::npos ? std::string_view() : part.substr(0, slash));
  const std::string rels = (folder.empty() ? "" : folder + "/") + "_rels/" +
                           std::string(slash == std::string_view::npos ? part : part.substr(slash + 1)) + ".rels";
  const auto root = part_tree(archive, rels);
  std::map<std::string, std::pair<std::string, std::string>> out;  // id -> (type, target)
  for (const auto& r : root->children) {
    if (r->local != "Relationship") continue;
    const std::string* id = r->get("Id");
    const std::string* target = r->get("Target");
    const std::string* type = r->get("Type");
    const std::string* mode = r->get("TargetMode");
    if (!id || !target || !type) throw not_a_workbook("the part " + py_repr(rels) + " holds a relationship without Id, Type or Target");
    std::string where = *target;
    if (!(mode && *mode == "External")) {
      if (!where.empty() && where.front() == '/') where.erase(0, 1);
      else where = normpath(folder + (folder.empty() ? "" : "/") + where);
    }
    out[*id] = {*type, where};
  }
  return out;
}

/// The workbook part's name from `[Content_Types].xml` (openpyxl's `_find_workbook_part`).
inline std::string workbook_part(const node& types) {
  static constexpr std::string_view kinds[] = {
      "application/vnd.ms-excel.template.macroEnabled.main+xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"};
  for (std::string_view kind : kinds)
    for (const auto& o : types.children)
      if (o->local == "Override" && o->get("ContentType") && *o->get("ContentType") == kind && o->get("PartName"))
        return o->get("PartName")->substr(o->get("PartName")->empty() ? 0 : 1);
  for (const auto& d : types.children)
    if (d->local == "Default" && d->get("ContentType"))
      for (std::string_view kind : kinds)
        if (*d->get("ContentType") == kind) return "xl/workbook.xml";
  throw not_a_workbook("File contains no valid workbook part");
}

/// A whole number attribute as openpyxl's `Integer` descriptor reads it.
inline std::int64_t integer_attribute(const node& n, std::string_view name, std::int64_t fallback, std::string_view part) {
  const std::string* v = n.get(name);
  if (!v) return fallback;
  if (const auto i = py_int(*v)) return *i;
  if (const auto f = py_float(*v); f && std::isfinite(*f)) return static_cast<std::int64_t>(*f);
  throw not_a_workbook("the part " + py_repr(part) + ": " + std::string(name) + "=" + py_repr(*v) + " is not a whole number");
}

/// The date formats of `xl/styles.xml` (openpyxl's `Stylesheet._normalise_numbers`): the
/// cell formats (by their place in `cellXfs`) whose number format shows a date or elapsed
/// time, a custom format overriding a built-in of the same id.
inline void read_styles(const zip::archive& archive, package& out) {
  if (!archive.find("xl/styles.xml")) return;
  const auto root = part_tree(archive, "xl/styles.xml");
  std::map<std::int64_t, std::string> custom;
  const node* cell_xfs = nullptr;
  for (const auto& section : root->children) {
    if (section->local == "numFmts") {
      for (const auto& f : section->children)
        if (f->local == "numFmt") {
          const std::string* code = f->get("formatCode");
          custom[integer_attribute(*f, "numFmtId", 0, "xl/styles.xml")] = code ? *code : std::string();
        }
    } else if (section->local == "cellXfs") {
      cell_xfs = section.get();
    }
  }
  if (!cell_xfs) return;
  std::size_t index = 0;
  for (const auto& xf : cell_xfs->children) {
    if (xf->local != "xf") continue;
    const std::int64_t id = integer_attribute(*xf, "numFmtId", 0, "xl/styles.xml");
    std::optional<std::string> code;
    if (const auto c = custom.find(id); c != custom.end()) code = c->second;
    else if (const auto b = builtin_format(static_cast<long>(id)); b && id >= 0 && id < 50) code = std::string(*b);
    if (code && is_date_format(*code)) out.date_styles.insert(index);
    if (code && is_timedelta_format(*code)) out.elapsed_styles.insert(index);
    ++index;
  }
}

/// The workbook's sheets, epoch and date formats, as openpyxl's read-only `load_workbook`
/// finds them. Throws `not_a_workbook`, or `zip_error` for a part that cannot be unpacked.
inline package read_package(const zip::archive& archive) {
  package out;
  const auto types = part_tree(archive, "[Content_Types].xml");
  const std::string book = workbook_part(*types);
  const auto root = part_tree(archive, book);
  struct listed {
    std::string title, id;
  };
  std::vector<listed> listed_sheets;
  for (const auto& section : root->children) {
    if (section->local == "workbookPr") {
      // openpyxl's `Bool`: "false", "f" and "0" are false, any other non-empty text true.
      if (const std::string* v = section->get("date1904"))
        out.mac_epoch = !v->empty() && *v != "false" && *v != "f" && *v != "0";
    } else if (section->local == "sheets") {
      for (const auto& s : section->children) {
        if (s->local != "sheet") continue;
        const std::string* title = s->get("name");
        const std::string* id = s->get("id", relationships_ns);
        if (!title) throw not_a_workbook("a sheet of " + py_repr(book) + " has no name");
        if (!id || id->empty()) continue;  // openpyxl warns and drops it
        listed_sheets.push_back({*title, *id});
      }
    }
  }
  if (!listed_sheets.empty()) {
    const auto rels = relationships(archive, book);
    for (const listed& s : listed_sheets) {
      const auto r = rels.find(s.id);
      if (r == rels.end()) throw not_a_workbook("the sheet " + py_repr(s.title) + " names the relationship " + py_repr(s.id) + ", which " + py_repr(book) + " does not have");
      if (!archive.find(r->second.second)) continue;  // openpyxl skips a sheet whose part is missing
      out.sheets.push_back({s.title, r->second.second, r->second.first.find("chartsheet") != std::string::npos});
    }
  }
  read_styles(archive, out);
  return out;
}

/// The part `[Content_Types].xml` names for the shared strings (the first entry of that
/// content type), if the archive holds it; else empty.
inline std::string shared_strings_part(const zip::archive& archive) {
  const zip::entry* e = archive.find("[Content_Types].xml");
  if (!e) return {};
  const auto types = parse_tree(archive.read(*e));
  for (const auto& o : types->children) {
    const std::string* type = o->get("ContentType");
    if (!type || *type != shared_strings_type) continue;
    const std::string* name = o->get("PartName");
    if (!name || name->empty()) return {};
    std::string part = *name;
    part.erase(0, part.find_first_not_of('/') == std::string::npos ? part.size() : part.find_first_not_of('/'));
    return archive.find(part) ? part : std::string();
  }
  return {};
}

/// The shared strings as the part holds them (escapes and all), each `<si>` (in any
/// namespace) the text of its `<t>` children and of the `<t>` children of its runs `<r>`, in
/// document order (phonetic guides left out). `on_string` is called after each one (the
/// budget counts them). Throws the XML reader's `format_error` or `zip_error`.
template <class OnString>
std::vector<std::string> read_shared_strings(const zip::archive& archive, const std::string& part, OnString on_string) {
  std::vector<std::string> strings;
  if (part.empty()) return strings;
  const std::string text = archive.read(*archive.find(part));
  XmlLimits limits;
  limits.max_bytes = text.size() + 1;
  xml::reader reader(text, limits);
  // For each open element: its local name, whether a child has started (ElementTree's
  // `text` is what comes before the first child), and the text so far.
  struct open_element {
    std::string local;
    bool child = false;
    std::string text;
  };
  std::vector<open_element> stack;
  std::vector<std::size_t> si;  // places in `stack` of open <si> elements
  std::vector<std::string> pieces;  // the text of each open <si>
  for (;;) {
    const xml::token t = reader.next();
    if (t == xml::token::done) break;
    if (t == xml::token::start) {
      if (!stack.empty()) stack.back().child = true;
      stack.push_back({std::string(reader.local_name()), false, {}});
      if (stack.back().local == "si") si.push_back(stack.size() - 1), pieces.emplace_back();
    } else if (t == xml::token::text) {
      if (!stack.empty() && !stack.back().child) stack.back().text += reader.text();
    } else {
      open_element done = std::move(stack.back());
      stack.pop_back();
      const std::size_t depth = stack.size();  // of the element just closed
      if (done.local == "t" && !si.empty()) {
        const bool direct = si.back() + 1 == depth;
        const bool in_run = si.back() + 2 == depth && stack.back().local == "r";
        if (direct || in_run) pieces.back() += done.text;
      } else if (done.local == "si" && !si.empty() && si.back() == depth) {
        si.pop_back();
        strings.push_back(std::move(pieces.back()));
        pieces.pop_back();
        on_string();
      }
    }
  }
  return strings;
}

}  // namespace coproduction::detail::xlsx
