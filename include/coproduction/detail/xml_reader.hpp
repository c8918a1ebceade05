#pragma once
/// \file
/// A small, strict, non-validating XML 1.0 reader: the part of the GraphML and GEXF readers
/// that turns bytes into elements, attributes and text. Users include `io/graphml.hpp` or
/// `io/gexf.hpp`.
///
/// It treats every document as hostile (docs/reliability.md):
/// - no document type declaration is read: a `<!DOCTYPE` anywhere is refused, so no entity is
///   ever declared, expanded or fetched (no "billion laughs", no external entity, no DTD);
/// - only XML's five predefined entities and numeric character references are known, and a
///   character reference must name a character XML 1.0 allows;
/// - the whole text is checked first to be UTF-8 made of characters XML 1.0 allows;
/// - nesting, the attributes of one element and the length of one attribute value are
///   bounded (`XmlLimits`), and a document over a limit is refused at the place it passes it;
/// - it parses with a loop and a stack, never by recursion, in one pass over the text held in
///   memory, in time linear in its size.
///
/// Every problem is a `format_error` whose place is `line L, column C` (lines counted from 1
/// at each line feed; columns in characters from 1). The reader stops at the first problem of
/// well-formedness, as an XML processor must.
///
/// Namespaces are resolved for element names (`uri()`), enough to tell GEXF's `viz:` elements
/// from others whatever their prefix; an undeclared prefix is a problem.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coproduction/detail/xml_chars.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/nesting.hpp"

namespace coproduction {

/// Limits of the GraphML and GEXF readers. A document over a limit gets a `format_error`
/// (`format.size`, `format.depth` or `format.limit`) naming the line where it passes it.
struct XmlLimits {
  /// Nesting of elements, the root element being level 1. No recursion depends on it (the
  /// reader keeps a stack), so it only bounds the memory of a hostile document; GraphML and
  /// GEXF files nest a handful of levels.
  std::size_t max_depth = max_nesting;
  /// Size of the document in bytes.
  std::size_t max_bytes = std::size_t{1} << 30;
  /// Attributes on one element.
  std::size_t max_attributes = 256;
  /// Bytes of one attribute value, as written in the file.
  std::size_t max_attribute_bytes = std::size_t{16} << 20;
};

namespace detail::xml {

/// One attribute of a start tag: its qualified name and its value with references replaced
/// and white space normalised as XML 1.0 section 3.3.3 says for undeclared attributes
/// (a literal tab, line feed or carriage return becomes a space; `&#10;` stays a line feed).
struct attribute {
  std::string_view name;
  std::string_view value;
  std::size_t offset;  ///< of the attribute's name in the text
};

/// What `reader::next` found.
enum class token { start, end, text, done };

/// The pull reader. `next()` returns the next start tag, end tag or run of character data
/// (references replaced, CDATA sections and the text around comments and processing
/// instructions joined into one run, line ends normalised to line feeds), skipping comments and
/// processing instructions. An empty-element tag `<a/>` gives a start and then an end.
/// Views returned (names, attribute values, text) stay valid until the next call of `next()`.
class reader {
 public:
  reader(std::string_view text, const XmlLimits& limits) : s_(text), limits_(limits) {
    if (s_.size() > limits_.max_bytes)
      throw format_error({{"", "format.size",
                           "the document has " + std::to_string(s_.size()) +
                               " bytes, more than the limit of " +
                               std::to_string(limits_.max_bytes)}});
    if (s_.size() >= 2 && ((s_[0] == '\xFE' && s_[1] == '\xFF') || (s_[0] == '\xFF' && s_[1] == '\xFE')))
      fail(0, "format.encoding", "the document is UTF-16; this reader reads UTF-8 only");
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a byte order mark
    if (const invalid_char bad = first_invalid(s_); bad.found()) {
      if (bad.code_point < 0) fail(bad.offset, "format.encoding", "the text is not valid UTF-8 here");
      fail(bad.offset, "format.encoding",
           "character " + code_point_name(bad.code_point) + " is not allowed in XML 1.0");
    }
    declaration();
  }

  /// Moves to the next token. Throws `format_error` where the text is not well-formed XML
  /// or passes a limit.
  token next() {
    if (pending_end_) {
      pending_end_ = false;
      return close_top();
    }
    for (;;) {
      if (pos_ >= s_.size()) {
        if (!stack_.empty())
          fail(s_.size(), "format.syntax",
               "the document ends inside <" + std::string(stack_.back().name) + "> (opened at " +
                   place(stack_.back().offset) + ")");
        if (!seen_root_) fail(s_.size(), "format.syntax", "the document has no element");
        return token::done;
      }
      if (s_[pos_] != '<' || s_.compare(pos_, 9, "<![CDATA[") == 0) {
        if (stack_.empty()) {
          while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
          if (pos_ < s_.size() && s_[pos_] != '<')
            fail(pos_, "format.syntax",
                 seen_root_ ? "text after the root element" : "text before the root element");
          if (pos_ < s_.size() && s_.compare(pos_, 9, "<![CDATA[") == 0)
            fail(pos_, "format.syntax", "a CDATA section outside the root element");
          continue;
        }
        offset_ = pos_;
        character_data();
        return token::text;
      }
      const char c = pos_ + 1 < s_.size() ? s_[pos_ + 1] : '\0';
      if (c == '/') return end_tag();
      if (c == '!') {
        markup_declaration();
        continue;
      }
      if (c == '?') {
        processing_instruction();
        continue;
      }
      return start_tag();
    }
  }

  /// The qualified name of the current start or end tag, its prefix (empty when none) and
  /// local part.
  std::string_view name() const { return name_; }
  std::string_view local_name() const { return local_; }
  /// The namespace URI of the current start tag's element (empty when it has none).
  std::string_view uri() const { return uri_; }
  /// The attributes of the current start tag, in document order.
  const std::vector<attribute>& attributes() const { return attributes_; }
  /// The attribute of the current start tag with this qualified name, or null.
  const attribute* find(std::string_view qname) const {
    for (const attribute& a : attributes_)
      if (a.name == qname) return &a;
    return nullptr;
  }
  /// The current run of character data.
  std::string_view text() const { return text_; }
  /// Byte offset of the current token in the document.
  std::size_t offset() const { return offset_; }
  /// Open elements, the current start tag's included.
  std::size_t depth() const { return stack_.size(); }

  /// After a start tag: reads to its end tag and returns the text inside. `markup` is set,
  /// and nothing is returned, when the element holds child elements (they are skipped).
  std::string_view element_text(bool& markup) {
    markup = false;
    const std::size_t level = stack_.size();
    std::string_view out;
    for (;;) {
      const token t = next();
      if (t == token::end && stack_.size() < level) return markup ? std::string_view() : out;
      if (t == token::text) {
        out = text_;  // one run at most before the end tag, unless there is markup
      } else if (t == token::start) {
        markup = true;
        skip_element();
      }
    }
  }

  /// After a start tag: skips everything to its end tag (which is consumed).
  void skip_element() {
    const std::size_t level = stack_.size();
    for (;;) {
      const token t = next();
      if (t == token::end && stack_.size() < level) return;
    }
  }

  /// `line L, column C` of a byte offset (columns count characters). Amortised O(distance
  /// from the previous offset asked for), so asking in document order costs O(size) in all.
  std::string place(std::size_t offset) const {
    offset = std::min(offset, s_.size());
    if (offset < cache_offset_) cache_offset_ = 0, cache_line_ = 1, cache_line_start_ = 0;
    for (std::size_t i = cache_offset_; i < offset;) {
      const void* nl = std::memchr(s_.data() + i, '\n', offset - i);
      if (!nl) break;
      i = static_cast<std::size_t>(static_cast<const char*>(nl) - s_.data()) + 1;
      ++cache_line_;
      cache_line_start_ = i;
    }
    cache_offset_ = offset;
    std::size_t column = 1;
    for (std::size_t i = cache_line_start_; i < offset; ++i)
      if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) ++column;
    return "line " + std::to_string(cache_line_) + ", column " + std::to_string(column);
  }

  /// Throws a `format_error` with one problem at `offset`.
  [[noreturn]] void fail(std::size_t offset, std::string code, std::string message) const {
    throw format_error({{place(offset), std::move(code), std::move(message)}});
  }

 private:
  struct open_element {
    std::string_view name;
    std::size_t offset;
    std::size_t bindings;  // namespace bindings in force before this element
  };
  struct binding {
    std::string prefix, uri;
  };

  static bool name_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
  }
  static bool name_char(unsigned char c) {
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  }

  bool at(std::string_view literal) const { return s_.compare(pos_, literal.size(), literal) == 0; }

  bool skip_space() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    return pos_ > start;
  }

  void expect(char c, const char* what) {
    if (pos_ >= s_.size() || s_[pos_] != c)
      fail(pos_, "format.syntax", std::string("expected ") + what);
    ++pos_;
  }

  std::string_view parse_name() {
    const std::size_t start = pos_;
    if (pos_ >= s_.size() || !name_start(static_cast<unsigned char>(s_[pos_])))
      fail(pos_, "format.syntax", "expected a name");
    while (pos_ < s_.size() && name_char(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    const std::string_view name = s_.substr(start, pos_ - start);
    const auto colon = name.find(':');
    if (colon != std::string_view::npos &&
        (colon == 0 || colon + 1 == name.size() || name.find(':', colon + 1) != std::string_view::npos))
      fail(start, "format.syntax", "\"" + std::string(name) + "\" is not a qualified name");
    colon_ = colon;
    return name;
  }

  // The XML declaration, if the document starts with one: version 1.x, encoding UTF-8.
  void declaration() {
    if (!at("<?xml") || pos_ + 5 >= s_.size() || !is_space(s_[pos_ + 5])) return;
    const std::size_t start = pos_;
    pos_ += 5;
    for (;;) {
      const bool space = skip_space();
      if (at("?>")) {
        pos_ += 2;
        return;
      }
      if (!space) fail(pos_, "format.syntax", "expected white space or ?> in the XML declaration");
      const std::size_t name_at = pos_;
      const std::string_view name = parse_name();
      skip_space();
      expect('=', "= in the XML declaration");
      skip_space();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\''))
        fail(pos_, "format.syntax", "expected a quoted value in the XML declaration");
      const char quote = s_[pos_++];
      const std::size_t end = s_.find(quote, pos_);
      if (end == std::string_view::npos) fail(start, "format.syntax", "unterminated XML declaration");
      const std::string_view value = s_.substr(pos_, end - pos_);
      pos_ = end + 1;
      if (name == "version") {
        if (value.size() < 3 || value.substr(0, 2) != "1." ||
            !std::all_of(value.begin() + 2, value.end(), [](char c) { return c >= '0' && c <= '9'; }))
          fail(name_at, "format.syntax", "XML version \"" + std::string(value) + "\" is not 1.x");
      } else if (name == "encoding") {
        std::string lower(value);
        for (char& ch : lower) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
        if (lower != "utf-8" && lower != "utf8")
          fail(name_at, "format.encoding",
               "the document declares the encoding \"" + std::string(value) +
                   "\"; this reader reads UTF-8 only");
      } else if (name != "standalone") {
        fail(name_at, "format.syntax", "\"" + std::string(name) + "\" in the XML declaration");
      }
    }
  }

  // <!-- comment -->, or a refusal: a document type declaration, or a CDATA section, which
  // `next` routes to character data before coming here.
  void markup_declaration() {
    if (at("<!--")) {
      const std::size_t start = pos_;
      const std::size_t end = s_.find("--", pos_ + 4);
      if (end == std::string_view::npos) fail(start, "format.syntax", "unterminated comment");
      if (end + 2 >= s_.size() || s_[end + 2] != '>')
        fail(end, "format.syntax", "\"--\" inside a comment");
      pos_ = end + 3;
      return;
    }
    if (at("<!DOCTYPE"))
      fail(pos_, "format.doctype",
           "a document type declaration (<!DOCTYPE) is refused: this reader reads no DTD, so no "
           "entity is ever declared, expanded or fetched");
    fail(pos_, "format.syntax", "markup declarations (<!...>) are refused");
  }

  // <?target ...?>: skipped; the XML declaration anywhere but at the start is refused.
  void processing_instruction() {
    const std::size_t start = pos_;
    pos_ += 2;
    const std::string_view target = parse_name();
    if (target.size() == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' &&
        (target[2] | 0x20) == 'l')
      fail(start, "format.syntax", "an XML declaration that is not at the start of the document");
    const std::size_t end = s_.find("?>", pos_);
    if (end == std::string_view::npos) fail(start, "format.syntax", "unterminated processing instruction");
    pos_ = end + 2;
  }

  // A reference at pos_ (on '&'), appended to `out` decoded.
  void reference(std::string& out) {
    const std::size_t start = pos_;
    std::size_t end = pos_ + 1;
    while (end < s_.size() && end - start <= 40 && s_[end] != ';' &&
           (name_char(static_cast<unsigned char>(s_[end])) || s_[end] == '#'))
      ++end;
    if (end >= s_.size() || s_[end] != ';')
      fail(start, "format.entity", "\"&\" must begin a reference such as &amp; (write & as &amp;)");
    const std::string_view body = s_.substr(start + 1, end - start - 1);
    pos_ = end + 1;
    if (body == "lt") out += '<';
    else if (body == "gt") out += '>';
    else if (body == "amp") out += '&';
    else if (body == "apos") out += '\'';
    else if (body == "quot") out += '"';
    else if (body.size() >= 2 && body[0] == '#') {
      const bool hex = body[1] == 'x';
      const std::string_view digits = body.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      bool ok = !digits.empty();
      for (char d : digits) {
        int v;
        if (d >= '0' && d <= '9') v = d - '0';
        else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
        else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
        else { ok = false; break; }
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
        if (cp > 0x10FFFF) { ok = false; break; }
      }
      if (!ok || !is_xml_char(cp))
        fail(start, "format.entity",
             "&" + std::string(body) + "; is not a character XML 1.0 allows" +
                 (ok ? " (" + code_point_name(static_cast<long>(cp)) + ")" : ""));
      append_utf8(out, cp);
    } else {
      fail(start, "format.entity",
           "undefined entity &" + std::string(body) +
               "; (this reader knows only &lt; &gt; &amp; &apos; &quot; and character "
               "references; it reads no DTD)");
    }
  }

  // Character data from pos_ to the next tag, joined across references, CDATA sections,
  // comments and processing instructions.
  void character_data() {
    std::size_t run = pos_;
    bool copied = false;
    auto copy_run = [&] {
      if (!copied) text_buf_.clear(), copied = true;
      text_buf_.append(s_.data() + run, pos_ - run);
    };
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '<') {
        if (at("<![CDATA[")) {
          copy_run();
          const std::size_t end = s_.find("]]>", pos_ + 9);
          if (end == std::string_view::npos) fail(pos_, "format.syntax", "unterminated CDATA section");
          for (std::size_t i = pos_ + 9; i < end; ++i) {
            if (s_[i] == '\r') {
              text_buf_ += '\n';
              if (i + 1 < end && s_[i + 1] == '\n') ++i;
            } else {
              text_buf_ += s_[i];
            }
          }
          pos_ = end + 3;
          run = pos_;
        } else if (at("<!--") || at("<?")) {
          copy_run();
          if (s_[pos_ + 1] == '!') markup_declaration();
          else processing_instruction();
          run = pos_;
        } else {
          break;
        }
      } else if (c == '&') {
        copy_run();
        reference(text_buf_);
        run = pos_;
      } else if (c == '\r') {
        copy_run();
        text_buf_ += '\n';
        pos_ += (pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ? 2 : 1;
        run = pos_;
      } else if (c == ']' && at("]]>")) {
        fail(pos_, "format.syntax", "\"]]>\" in text (write > as &gt;)");
      } else {
        ++pos_;
      }
    }
    if (copied) {
      text_buf_.append(s_.data() + run, pos_ - run);
      text_ = text_buf_;
    } else {
      text_ = s_.substr(run, pos_ - run);
    }
  }

  // An attribute value at pos_ (on its quote). Plain values are views into the text; others
  // are decoded into `values_`, and their place kept as (offset, length) until the tag ends,
  // since `values_` may move as it grows.
  void attribute_value(std::size_t index) {
    const char quote = s_[pos_++];
    const std::size_t start = pos_;
    bool copied = false;
    std::size_t run = pos_, decoded_from = 0;
    auto copy_run = [&] {
      if (!copied) copied = true, decoded_from = values_.size();
      values_.append(s_.data() + run, pos_ - run);
    };
    for (;;) {
      if (pos_ >= s_.size()) fail(start - 1, "format.syntax", "unterminated attribute value");
      if (pos_ - start > limits_.max_attribute_bytes)
        fail(start, "format.limit",
             "an attribute value longer than the limit of " +
                 std::to_string(limits_.max_attribute_bytes) + " bytes");
      const char c = s_[pos_];
      if (c == quote) break;
      if (c == '<') fail(pos_, "format.syntax", "\"<\" in an attribute value (write it as &lt;)");
      if (c == '&') {
        copy_run();
        reference(values_);
        run = pos_;
      } else if (c == '\t' || c == '\n' || c == '\r') {
        copy_run();
        values_ += ' ';
        pos_ += (c == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ? 2 : 1;
        run = pos_;
      } else {
        ++pos_;
      }
    }
    if (copied) {
      copy_run();
      decoded_[index] = {decoded_from, values_.size() - decoded_from};
    } else {
      attributes_[index].value = s_.substr(start, pos_ - start);
    }
    ++pos_;  // the closing quote
  }

  token start_tag() {
    offset_ = pos_;
    if (root_closed_) fail(pos_, "format.syntax", "a second root element");
    ++pos_;
    name_ = parse_name();
    local_ = colon_ == npos ? name_ : name_.substr(colon_ + 1);
    attributes_.clear();
    decoded_.clear();
    values_.clear();
    bool empty = false;
    for (;;) {
      const bool space = skip_space();
      if (pos_ >= s_.size()) fail(offset_, "format.syntax", "unterminated start tag <" + std::string(name_));
      if (s_[pos_] == '>') {
        ++pos_;
        break;
      }
      if (s_[pos_] == '/') {
        ++pos_;
        expect('>', "> after / in an empty-element tag");
        empty = true;
        break;
      }
      if (!space) fail(pos_, "format.syntax", "expected white space before an attribute");
      if (attributes_.size() >= limits_.max_attributes)
        fail(pos_, "format.limit",
             "more than " + std::to_string(limits_.max_attributes) + " attributes on one element");
      const std::size_t at_name = pos_;
      const std::string_view aname = parse_name();
      skip_space();
      expect('=', "= after an attribute name");
      skip_space();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\''))
        fail(pos_, "format.syntax", "expected a quoted attribute value");
      attributes_.push_back({aname, {}, at_name});
      decoded_.push_back({0, npos});
      attribute_value(attributes_.size() - 1);
    }
    for (std::size_t i = 0; i < attributes_.size(); ++i)
      if (decoded_[i].second != npos)
        attributes_[i].value = std::string_view(values_).substr(decoded_[i].first, decoded_[i].second);
    check_unique_attributes();
    if (stack_.size() >= limits_.max_depth)
      fail(offset_, "format.depth",
           "elements nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    stack_.push_back({name_, offset_, bindings_.size()});
    bind_namespaces();
    seen_root_ = true;
    pending_end_ = empty;
    return token::start;
  }

  void check_unique_attributes() {
    const std::size_t n = attributes_.size();
    if (n < 2) return;
    if (n <= 16) {
      for (std::size_t i = 1; i < n; ++i)
        for (std::size_t j = 0; j < i; ++j)
          if (attributes_[i].name == attributes_[j].name) duplicate_attribute(attributes_[i]);
      return;
    }
    std::vector<const attribute*> sorted;
    sorted.reserve(n);
    for (const attribute& a : attributes_) sorted.push_back(&a);
    std::sort(sorted.begin(), sorted.end(), [](const attribute* a, const attribute* b) {
      return a->name < b->name || (a->name == b->name && a->offset < b->offset);
    });
    for (std::size_t i = 1; i < n; ++i)
      if (sorted[i]->name == sorted[i - 1]->name) duplicate_attribute(*sorted[i]);
  }

  [[noreturn]] void duplicate_attribute(const attribute& a) const {
    fail(a.offset, "format.syntax", "attribute \"" + std::string(a.name) + "\" given twice");
  }

  // Namespace declarations of the start tag just read, then the element's own namespace.
  void bind_namespaces() {
    for (const attribute& a : attributes_) {
      if (a.name == "xmlns") bindings_.push_back({"", std::string(a.value)});
      else if (a.name.substr(0, 6) == "xmlns:") bindings_.push_back({std::string(a.name.substr(6)), std::string(a.value)});
    }
    uri_ = resolve(local_.size() == name_.size() ? std::string_view() : name_.substr(0, name_.size() - local_.size() - 1), offset_);
    for (const attribute& a : attributes_) {
      const auto c = a.name.find(':');
      if (c != std::string_view::npos && a.name.substr(0, c) != "xmlns") resolve(a.name.substr(0, c), a.offset);
    }
  }

  std::string_view resolve(std::string_view prefix, std::size_t offset) const {
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
      if (it->prefix == prefix) return it->uri;
    if (!prefix.empty())
      fail(offset, "format.syntax", "namespace prefix \"" + std::string(prefix) + "\" is not declared");
    return {};
  }

  token end_tag() {
    offset_ = pos_;
    pos_ += 2;
    const std::string_view name = parse_name();
    skip_space();
    expect('>', "> to end the end tag");
    if (stack_.empty()) fail(offset_, "format.syntax", "end tag </" + std::string(name) + "> without a start tag");
    if (name != stack_.back().name)
      fail(offset_, "format.syntax",
           "end tag </" + std::string(name) + "> does not match <" + std::string(stack_.back().name) +
               "> (opened at " + place(stack_.back().offset) + ")");
    return close_top();
  }

  token close_top() {
    name_ = stack_.back().name;
    const auto colon = name_.find(':');
    local_ = colon == npos ? name_ : name_.substr(colon + 1);
    bindings_.resize(stack_.back().bindings);
    stack_.pop_back();
    if (stack_.empty()) root_closed_ = true;
    return token::end;
  }

  static constexpr std::size_t npos = std::string_view::npos;

  std::string_view s_;
  XmlLimits limits_;
  std::size_t pos_ = 0, offset_ = 0;
  bool seen_root_ = false, root_closed_ = false, pending_end_ = false;
  std::vector<open_element> stack_;
  std::vector<binding> bindings_;
  std::string_view name_, local_, uri_, text_;
  std::size_t colon_ = npos;  // of the name parse_name read last
  std::vector<attribute> attributes_;
  std::vector<std::pair<std::size_t, std::size_t>> decoded_;
  std::string values_, text_buf_;
  mutable std::size_t cache_offset_ = 0, cache_line_ = 1, cache_line_start_ = 0;
};

}  // namespace detail::xml
}  // namespace coproduction
