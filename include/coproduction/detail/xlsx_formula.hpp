#pragma once
/// \file
/// A shared formula moved to another cell, as openpyxl moves it (its `Tokenizer`, after
/// E. Bachtal's Excel formula tokenizer, and its `Translator`), so that a cell holding no
/// formula text of its own (`<f t="shared" si="0"/>`, as Excel writes a formula filled down)
/// is reported with the text the Python package reports: `=A3*2` for the cell below
/// `=A2*2`. Nothing here evaluates anything. Users include `io/xlsx.hpp`.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/detail/xlsx_text.hpp"
#include "coproduction/io/sheet.hpp"

namespace coproduction::detail::xlsx {

/// A formula that cannot be tokenised or moved; the message is openpyxl's.
class formula_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One token of a formula.
struct formula_token {
  enum class kind { operand, func, array, paren, separator, prefix, infix, postfix, space };
  std::string value;
  kind type;
  bool range = false;  ///< an operand that is a reference or a name (not text, number, error, logical)
  bool close = false;  ///< a closing parenthesis, brace or function end
};

/// The tokens of a formula that starts with `=` (openpyxl's `Tokenizer.items`).
inline std::vector<formula_token> tokenize(const std::string& f) {
  using kind = formula_token::kind;
  std::vector<formula_token> items;
  std::vector<formula_token> stack;
  std::string token;
  static constexpr std::string_view enders = ",;}) +-*/^&=><%";
  auto fail = [&](const std::string& why) -> formula_error { return formula_error("TokenizerError: " + why); };
  auto operand = [](const std::string& v) {
    formula_token t{v, kind::operand};
    t.range = !(v.rfind('"', 0) == 0 || v.rfind('#', 0) == 0 || v == "TRUE" || v == "FALSE" || py_float(v));
    return t;
  };
  auto save = [&] {
    if (!token.empty()) items.push_back(operand(token)), token.clear();
  };
  auto assert_empty = [&](std::string_view can_follow, std::size_t at) {
    if (!token.empty() && can_follow.find(token.back()) == std::string_view::npos)
      throw fail("Unexpected character at position " + std::to_string(at) + " in '" + f + "'");
  };
  std::size_t at = 1;
  while (at < f.size()) {
    const char c = f[at];
    // A sign inside a number in scientific notation (`1.5E+3`).
    if ((c == '+' || c == '-') && !token.empty()) {
      const std::string& t = token;
      bool sci = t.size() >= 2 && t[0] >= '1' && t[0] <= '9' && (t.back() == 'E' || t.back() == 'e');
      if (sci && t.size() > 2) {
        sci = t[1] == '.' && t.size() > 3;
        for (std::size_t i = 2; sci && i + 1 < t.size(); ++i) sci = t[i] >= '0' && t[i] <= '9';
      }
      if (sci) {
        token += c;
        ++at;
        continue;
      }
    }
    if (enders.find(c) != std::string_view::npos) save();
    if (c == '"' || c == '\'') {
      assert_empty(":", at);
      std::size_t end = at + 1;
      for (;;) {
        end = f.find(c, end);
        if (end == std::string::npos)
          throw fail(std::string("Reached end of formula while parsing ") + (c == '"' ? "string" : "link") + " in " + f);
        if (end + 1 < f.size() && f[end + 1] == c) {
          end += 2;
          continue;
        }
        break;
      }
      const std::string text = f.substr(at, end + 1 - at);
      if (c == '"') items.push_back(operand(text));
      else token += text;
      at = end + 1;
    } else if (c == '[') {
      int open = 0;
      std::size_t i = at;
      for (; i < f.size(); ++i) {
        if (f[i] == '[') ++open;
        else if (f[i] == ']' && --open == 0) break;
      }
      if (i == f.size()) throw fail("Encountered unmatched '[' in " + f);
      token += f.substr(at, i + 1 - at);
      at = i + 1;
    } else if (c == '#') {
      assert_empty("!", at);
      static constexpr std::string_view codes[] = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"};
      bool found = false;
      for (std::string_view code : codes)
        if (f.compare(at, code.size(), code) == 0) {
          items.push_back(operand(token + std::string(code)));
          token.clear();
          at += code.size();
          found = true;
          break;
        }
      if (!found) throw fail("Invalid error code at position " + std::to_string(at) + " in '" + f + "'");
    } else if (c == ' ' || c == '\n') {
      items.push_back({std::string(1, c), kind::space});
      while (at < f.size() && (f[at] == ' ' || f[at] == '\n')) ++at;
    } else if (std::string_view("+-*/^&=><%").find(c) != std::string_view::npos) {
      const std::string two = f.substr(at, 2);
      if (two == ">=" || two == "<=" || two == "<>") {
        items.push_back({two, kind::infix});
        at += 2;
        continue;
      }
      kind k;
      if (c == '%') k = kind::postfix;
      else if (std::string_view("*/^&=><").find(c) != std::string_view::npos) k = kind::infix;
      else if (items.empty()) k = kind::prefix;
      else {
        const formula_token* prev = nullptr;
        for (auto it = items.rbegin(); it != items.rend(); ++it)
          if (it->type != kind::space) {
            prev = &*it;
            break;
          }
        const bool infix = prev && (prev->close || prev->type == kind::postfix || prev->type == kind::operand);
        k = infix ? kind::infix : kind::prefix;
      }
      items.push_back({std::string(1, c), k});
      ++at;
    } else if (c == '{' || c == '(') {
      formula_token t;
      if (c == '{') {
        assert_empty("", at);
        t = {"{", kind::array};
      } else if (!token.empty()) {
        t = {token + "(", kind::func};
        token.clear();
      } else {
        t = {"(", kind::paren};
      }
      items.push_back(t);
      stack.push_back(t);
      ++at;
    } else if (c == ')' || c == '}') {
      if (stack.empty()) throw formula_error("IndexError: pop from empty list");
      const formula_token open = stack.back();
      stack.pop_back();
      formula_token t{open.type == kind::array ? "}" : ")", open.type, false, true};
      if (t.value[0] != c) throw fail("Mismatched ( and { pair in '" + f + "'");
      items.push_back(t);
      ++at;
    } else if (c == ';' || c == ',') {
      const bool union_op = c == ',' && (stack.empty() || stack.back().type == kind::paren);
      items.push_back({std::string(1, c), union_op ? kind::infix : kind::separator});
      ++at;
    } else {
      token += c;
      ++at;
    }
  }
  save();
  return items;
}

/// A reference's rows and columns moved by (`rows`, `columns`), `$`-fixed parts kept, as
/// openpyxl's `Translator.translate_range` moves them (a name is kept, its sheet dropped).
inline std::string translate_range(std::string_view range, std::int64_t rows, std::int64_t columns) {
  std::string sheet;
  if (const auto bang = range.rfind('!'); bang != std::string_view::npos) {
    sheet = std::string(range.substr(0, bang + 1));
    range = range.substr(bang + 1);
  }
  auto out_of_range = [] { return formula_error("TranslatorError: Formula out of range"); };
  // `\$?[1-9][0-9]{0,6}` and `\$?[A-Za-z]{1,3}`: the length of the match at the start.
  auto row_part = [](std::string_view s) -> std::size_t {
    std::size_t i = !s.empty() && s[0] == '$';
    if (i >= s.size() || s[i] < '1' || s[i] > '9') return 0;
    std::size_t n = 1;
    while (i + n < s.size() && n < 7 && s[i + n] >= '0' && s[i + n] <= '9') ++n;
    return i + n;
  };
  auto col_part = [](std::string_view s) -> std::size_t {
    std::size_t i = !s.empty() && s[0] == '$';
    std::size_t n = 0;
    while (i + n < s.size() && n < 3 && ((s[i + n] >= 'A' && s[i + n] <= 'Z') || (s[i + n] >= 'a' && s[i + n] <= 'z'))) ++n;
    return n ? i + n : 0;
  };
  auto row = [&](std::string_view s) {
    if (s[0] == '$') return std::string(s);
    const std::int64_t moved = *py_int(s) + rows;
    if (moved <= 0) throw out_of_range();
    return std::to_string(moved);
  };
  auto col = [&](std::string_view s) {
    if (s[0] == '$') return std::string(s);
    std::int64_t index = 0;
    for (char c : s) index = index * 26 + ((c | 0x20) - 'a' + 1);
    index += columns;
    if (index < 1 || index > 18278) throw out_of_range();
    return io::column_letter(static_cast<std::size_t>(index));
  };
  const auto colon = range.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view a = range.substr(0, colon), b = range.substr(colon + 1);
    if (b.find(':') == std::string_view::npos) {
      if (row_part(a) == a.size() && row_part(b) == b.size() && !a.empty() && !b.empty())
        return sheet + row(a) + ":" + row(b);
      if (col_part(a) == a.size() && col_part(b) == b.size() && !a.empty() && !b.empty())
        return sheet + col(a) + ":" + col(b);
    }
    std::string out = sheet;
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = range.find(':', start);
      out += translate_range(range.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start), rows, columns);
      if (end == std::string_view::npos) break;
      out += ':';
      start = end + 1;
    }
    return out;
  }
  const std::size_t c = col_part(range);
  // A name: openpyxl returns it without its sheet (`Sheet2!Total` becomes `Total`).
  if (c == 0 || c == range.size() || row_part(range.substr(c)) != range.size() - c) return std::string(range);
  return sheet + col(range.substr(0, c)) + row(range.substr(c));
}

/// The text of a tokenised shared formula moved by (`rows`, `columns`) (openpyxl's
/// `Translator.translate_formula`): each reference moved, every other token as it is.
inline std::string translate_formula(const std::vector<formula_token>& tokens, std::int64_t rows, std::int64_t columns) {
  if (tokens.empty()) return "";
  std::string out = "=";
  for (const formula_token& t : tokens)
    out += t.type == formula_token::kind::operand && t.range ? translate_range(t.value, rows, columns) : t.value;
  return out;
}

}  // namespace coproduction::detail::xlsx
