#pragma once
/// \file
/// How the principles scorecard (ladder/principles.hpp) writes a row: the verdict a value
/// earns against its band, the rule that says so in words, and a row measured or not
/// measurable (with what would have to be recorded). Users include `ladder/principles.hpp`.

#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coproduction/detail/scorecard_text.hpp"
#include "coproduction/ladder/principles_config.hpp"

namespace coproduction::detail::principles {

/// What an indicator over decisions needs when none is in scope.
inline const std::string needs_decisions =
    "decisions with each stakeholder's right in them and their rule (docs/format.md, "
    "decisions)";

/// The verdict `value` earns against band `b` (1e-9 of rounding forgiven).
inline principle_verdict grade(double value, const band& b) {
  if (b.higher_is_better) {
    if (value >= b.meets - eps) return principle_verdict::meets;
    if (value >= b.partly - eps && value > eps) return principle_verdict::partly;
    return principle_verdict::does_not_meet;
  }
  if (value <= b.meets + eps) return principle_verdict::meets;
  if (value <= b.partly + eps && value < 1.0 - eps) return principle_verdict::partly;
  return principle_verdict::does_not_meet;
}

/// Band `b` in words, the value named `what`: "meets: share >= 1; partly: above 0; ...".
inline std::string rule(const band& b, const std::string& what = "") {
  const std::string w = what.empty() ? "" : what + " ";
  if (b.higher_is_better) {
    const std::string low =
        b.partly <= 0 ? "above 0" : ">= " + general(b.partly) + " and above 0";
    return "meets: " + w + ">= " + general(b.meets) + "; partly: " + low +
           "; else does not meet";
  }
  const std::string high = b.partly >= 1 ? "below 1" : "<= " + general(b.partly) + " and below 1";
  return "meets: " + w + "<= " + general(b.meets) + "; partly: " + high + "; else does not meet";
}

/// A row of `principle` with its indicator and the rule of its verdict, not yet measured.
inline principle_row row(std::string_view principle, std::string indicator, std::string threshold) {
  principle_row r;
  r.principle = std::string(principle);
  r.indicator = std::move(indicator);
  r.threshold = std::move(threshold);
  return r;
}

/// Row `r`, not measurable from these data: why (`evidence`) and what to record (`needs`).
inline principle_row unmeasurable(principle_row r, std::string evidence,
                                  std::vector<std::string> needs) {
  r.value = std::numeric_limits<double>::quiet_NaN();
  r.verdict = principle_verdict::not_measurable;
  r.evidence = std::move(evidence);
  r.needs = std::move(needs);
  return r;
}

/// Row `r`, measured: its value, its verdict and the evidence behind the value.
inline principle_row measured(principle_row r, double value, principle_verdict verdict,
                              std::string evidence) {
  r.value = value;
  r.verdict = verdict;
  r.evidence = std::move(evidence);
  r.needs.clear();
  return r;
}

/// Row `r`, measured and graded against band `b`.
inline principle_row graded(principle_row r, double value, const band& b, std::string evidence) {
  return measured(std::move(r), value, grade(value, b), std::move(evidence));
}

}  // namespace coproduction::detail::principles
