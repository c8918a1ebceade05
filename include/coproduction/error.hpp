#pragma once
/// \file
/// The library's exceptions. Every one that reports something wrong derives from
/// `coproduction::error` (itself a `std::runtime_error`) and names the place it is about: a
/// JSON pointer for a document, a stakeholder, relation or decision id for the model, an
/// argument name for a computation. The message reads `[coproduction.<code>] <where>: <detail>`.
/// The one exception that reports nothing wrong, `interrupted`, is here too, with the
/// `stop_check` that raises it.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace coproduction {

class error : public std::runtime_error {
 public:
  error(std::string code, std::string where, std::string detail)
      : std::runtime_error(compose(code, where, detail)),
        code_(std::move(code)),
        where_(std::move(where)),
        detail_(std::move(detail)) {}

  /// Dotted code, e.g. `model.unknown_id` or `format.syntax`.
  const std::string& code() const noexcept { return code_; }
  /// The place: a JSON pointer, an id, or an argument name.
  const std::string& where() const noexcept { return where_; }
  /// What is wrong there, without the code and the place.
  const std::string& detail() const noexcept { return detail_; }

 private:
  static std::string compose(const std::string& code, const std::string& where,
                             const std::string& detail) {
    std::string out = "[coproduction." + code + "] ";
    if (!where.empty()) out += where + ": ";
    return out + detail;
  }
  std::string code_, where_, detail_;
};

/// The model refused an insert or a lookup. `where()` names the offending object (a
/// stakeholder, project or decision id, or a relation as `source->target (type)`), `field()`
/// the field at fault as a relative JSON pointer (`target`, `rule/quota`, `rights/nhs`; empty
/// when the object as a whole is at fault) and `message()` what is wrong with it.
class model_error : public error {
 public:
  model_error(std::string code, std::string where, std::string field, std::string message)
      : error(std::move(code), std::move(where),
              field.empty() ? message : field + ": " + message),
        field_(std::move(field)),
        message_(std::move(message)) {}

  const std::string& field() const noexcept { return field_; }
  const std::string& message() const noexcept { return message_; }

 private:
  std::string field_, message_;
};

/// An id that is already taken (stakeholder, project or decision), or a relation that
/// repeats the same source, target and type.
class duplicate_id : public model_error {
 public:
  duplicate_id(std::string where, std::string field, std::string message)
      : model_error("model.duplicate_id", std::move(where), std::move(field), std::move(message)) {}
};

/// A reference to a stakeholder, project or decision that does not exist.
class unknown_id : public model_error {
 public:
  unknown_id(std::string where, std::string field, std::string message)
      : model_error("model.unknown_id", std::move(where), std::move(field), std::move(message)) {}
};

/// A field whose value is outside its domain (an unknown kind, a weight that is not a
/// finite positive number, a quota larger than the votes, ...).
class invalid_value : public model_error {
 public:
  invalid_value(std::string where, std::string field, std::string message)
      : model_error("model.invalid_value", std::move(where), std::move(field),
                    std::move(message)) {}
};

/// Bad input to a computation (an empty array, a NaN, a negative value where none is
/// allowed, an unknown measure); `where()` names the argument.
class input_error : public error {
 public:
  input_error(const std::string& where, const std::string& detail)
      : error("input." + where, where, detail) {}
};

/// A computation refused because it would take more memory or time than its limit. Thrown
/// before anything large is allocated (the work and memory are estimated first), when an
/// enumeration reaches its limit, or when an allocation within the limits still fails; never
/// `std::bad_alloc`. It is an `input_error` (this input, with this method, is too large)
/// whose `where()` names what to change: `max_coalitions` for an enumeration of minimal
/// winning coalitions, `weights` for the tables of an exact power index (the vote total
/// makes them large), `votes` for the exact swing test of a decision. The message gives the
/// estimate, the limit and the way out (a larger `max_coalitions`, or Monte Carlo sampling).
/// The limits themselves are in `power/limits.hpp`.
class limit_exceeded : public input_error {
 public:
  limit_exceeded(const std::string& where, std::string unit, std::uint64_t estimate,
                 std::uint64_t limit, const std::string& detail)
      : input_error(where, detail), unit_(std::move(unit)), estimate_(estimate), limit_(limit) {}

  /// What `estimate()` and `limit()` count: `"minimal winning coalitions"`, `"bytes"` or
  /// `"table cells"`.
  const std::string& unit() const noexcept { return unit_; }
  /// The estimate that exceeds the limit, saturated at 2^64 - 1: an exact count of minimal
  /// winning coalitions when one is known, else an upper bound on it (or `limit + 1`, a lower
  /// bound, for a general game); the bytes or cells an exact index needs.
  std::uint64_t estimate() const noexcept { return estimate_; }
  /// The limit it exceeds.
  std::uint64_t limit() const noexcept { return limit_; }

 private:
  std::string unit_;
  std::uint64_t estimate_, limit_;
};

/// A network was changed while a reader held it, or read while a change of it ran
/// (`Network::read_guard`). `where()` names the refused operation (`add_relation`, `read`);
/// nothing was changed. Retry once the other thread is done, or work on a copy.
class concurrent_modification : public error {
 public:
  concurrent_modification(std::string where, std::string detail)
      : error("model.concurrent_modification", std::move(where), std::move(detail)) {}
};

/// A file could not be opened, read, written or renamed; `where()` is its path.
class io_error : public error {
 public:
  io_error(const std::string& path, const std::string& detail)
      : error("io", path, detail) {}
};

/// One problem found while reading a document.
struct format_problem {
  std::string pointer;  ///< RFC 6901 JSON pointer, or `byte <n>` when the text is not JSON
  std::string code;     ///< e.g. `format.syntax`, `model.unknown_id`
  std::string message;  ///< what is wrong there
  bool operator==(const format_problem&) const = default;
};

/// A document could not be read. Holds every problem found, in document order; `where()`
/// is the first one's pointer.
class format_error : public error {
 public:
  explicit format_error(std::vector<format_problem> problems)
      : error(first(problems).code, first(problems).pointer, summary(problems)),
        problems_(std::move(problems)) {}

  const std::vector<format_problem>& problems() const noexcept { return problems_; }

 private:
  static const format_problem& first(const std::vector<format_problem>& p) {
    static const format_problem none{"", "format.unknown", "unreadable document"};
    return p.empty() ? none : p.front();
  }
  static std::string summary(const std::vector<format_problem>& p) {
    std::string out = first(p).message;
    for (std::size_t i = 1; i < p.size(); ++i)
      out += "\n  [coproduction." + p[i].code + "] " + p[i].pointer + ": " + p[i].message;
    return out;
  }
  std::vector<format_problem> problems_;
};

/// Asked from time to time by every long computation (path-based centralities, power
/// indices, Monte Carlo sampling), a few milliseconds of work apart; returning true stops the
/// computation with `interrupted`. Called from the thread that called the computation, never
/// from a worker thread, so it may take a language runtime's lock (the Python bindings check
/// for Ctrl-C here).
using stop_check = std::function<bool()>;

/// Thrown when a `stop_check` asked a computation to stop. Not a `coproduction::error`:
/// nothing was wrong with the input, and a binding turns it back into the caller's own
/// interruption (the Python bindings re-raise the `KeyboardInterrupt` that
/// `PyErr_CheckSignals` set).
class interrupted : public std::exception {
 public:
  const char* what() const noexcept override { return "computation interrupted"; }
};

}  // namespace coproduction
