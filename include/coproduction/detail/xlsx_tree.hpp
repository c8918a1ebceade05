#pragma once
/// \file
/// The small parts of a workbook (`[Content_Types].xml`, `workbook.xml`, relationships,
/// `styles.xml`) as a tree of elements, read with the library's hardened XML reader: names
/// and attribute names with their namespaces resolved, as Python's ElementTree gives them to
/// openpyxl. Users include `io/xlsx.hpp`.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coproduction/detail/xml_reader.hpp"

namespace coproduction::detail::xlsx {

inline constexpr std::string_view main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline constexpr std::string_view relationships_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Namespace declarations in force while reading, for attribute names (the XML reader
/// resolves element names only).
class prefixes {
 public:
  /// Call at each start tag: records its declarations.
  void open(const std::vector<xml::attribute>& attributes) {
    marks_.push_back(bindings_.size());
    for (const xml::attribute& a : attributes) {
      if (a.name.substr(0, 6) == "xmlns:") bindings_.emplace_back(std::string(a.name.substr(6)), std::string(a.value));
    }
  }
  /// Call at each end tag.
  void close() {
    bindings_.resize(marks_.back());
    marks_.pop_back();
  }
  /// The namespace of an attribute's qualified name (none without a prefix) and its local
  /// part.
  std::pair<std::string_view, std::string_view> resolve(std::string_view qname) const {
    const auto colon = qname.find(':');
    if (colon == std::string_view::npos) return {{}, qname};
    const std::string_view prefix = qname.substr(0, colon);
    if (prefix == "xml") return {"http://www.w3.org/XML/1998/namespace", qname.substr(colon + 1)};
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
      if (it->first == prefix) return {it->second, qname.substr(colon + 1)};
    return {{}, qname.substr(colon + 1)};
  }

 private:
  std::vector<std::pair<std::string, std::string>> bindings_;
  std::vector<std::size_t> marks_;
};

/// One element: its namespace and local name, its attributes (namespace, local name,
/// value), the text before its first child (ElementTree's `text`) and its children.
struct node {
  std::string uri, local;
  struct attribute {
    std::string uri, local, value;
  };
  std::vector<attribute> attributes;
  std::string text;
  std::vector<std::unique_ptr<node>> children;

  /// The value of the attribute with this namespace (empty: none) and local name, or null.
  const std::string* get(std::string_view local_name, std::string_view ns = {}) const {
    for (const attribute& a : attributes)
      if (a.local == local_name && a.uri == ns) return &a.value;
    return nullptr;
  }
};

/// The tree of a small XML part. Throws the XML reader's `format_error`.
inline std::unique_ptr<node> parse_tree(std::string_view text, const XmlLimits& limits = {}) {
  xml::reader reader(text, limits);
  prefixes names;
  std::unique_ptr<node> root;
  std::vector<node*> stack;
  for (;;) {
    const xml::token t = reader.next();
    if (t == xml::token::done) break;
    if (t == xml::token::start) {
      names.open(reader.attributes());
      auto n = std::make_unique<node>();
      n->uri = std::string(reader.uri());
      n->local = std::string(reader.local_name());
      for (const xml::attribute& a : reader.attributes()) {
        if (a.name == "xmlns" || a.name.substr(0, 6) == "xmlns:") continue;
        const auto [uri, local] = names.resolve(a.name);
        n->attributes.push_back({std::string(uri), std::string(local), std::string(a.value)});
      }
      node* raw = n.get();
      if (stack.empty()) root = std::move(n);
      else stack.back()->children.push_back(std::move(n));
      stack.push_back(raw);
    } else if (t == xml::token::end) {
      names.close();
      stack.pop_back();
    } else if (t == xml::token::text && !stack.empty() && stack.back()->children.empty()) {
      stack.back()->text += reader.text();
    }
  }
  return root;
}

}  // namespace coproduction::detail::xlsx
