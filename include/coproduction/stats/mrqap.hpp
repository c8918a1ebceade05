#pragma once
/// \file
/// Multiple regression QAP (MRQAP) with double semi-partialling: does one relation follow
/// another once a third is accounted for? "Do those who trust each other also inform each
/// other, beyond what being managed by the same people would give?" regresses the `informs`
/// matrix on the `trusts` and `manages` matrices, and tests each coefficient against
/// relabellings of the stakeholders that keep each relation's structure.
///
/// **The model** (R sna's `netlm`): the off-diagonal entries of the response matrix y
/// (every ordered pair when directed, the pairs i > j when undirected, as `qap.hpp` reads
/// them), N of them, regressed by ordinary least squares on an intercept (by default) and
/// the entries of the predictor matrices x_1 .. x_q at the same pairs: y = X b + e, with
/// p = q + 1 terms. Reported: the coefficients b, their standard errors
/// `se_j = sqrt(RSS / (N - p) [(X'X)^-1]_jj)`, t-values `b_j / se_j`, and R^2 as
/// `summary.netlm` gives it, `MSS / (MSS + RSS)` with `MSS = sum (yhat - mean yhat)^2`
/// (`sum yhat^2` without an intercept), adjusted `1 - (1 - R^2)(N - i)/(N - p)` (i = 1
/// with an intercept, 0 without).
///
/// **The null: double semi-partialling** (Dekker, Krackhardt & Snijders 2007; sna's
/// `nullhyp = "qapspp"`). For each term j (the intercept too, as netlm does): regress x_j
/// on the other terms, keep its residual matrix e_j, and for each draw permute the rows
/// and columns of e_j together (the permutation of `qap.hpp`), regress y on the other terms
/// and the permuted residual, and take the permuted residual's statistic. The identity
/// permutation gives back the observed fit (Frisch-Waugh-Lovell), so the draws are the
/// statistic's distribution when x_j's own part is unrelated to y whatever the other terms
/// do: robust to collinear predictors and to the network autocorrelation that biases the
/// plain QAP. The statistic is the t-value (netlm's default `test.statistic = "t-value"`)
/// or the coefficient (`"beta"`).
///
/// netlm draws separate permutations for each term; here draw k uses the same permutation
/// for every term (each term's test is the same in distribution, and a draw can be
/// reproduced from the seed alone). When n! is at most the draws asked, every permutation
/// is taken once (`exact`). With one term only (no intercept and one predictor) the
/// residual is the predictor itself and the test is netlm's "qapy" up to relabelling.
/// P-values as netlm reports them: `Pr(<=b)`, `Pr(>=b)` and `Pr(>=|b|)`, the share of the
/// draws at or below, at or above, and at or beyond in absolute value the observed
/// statistic (`null_distribution.hpp`: observed not counted, ties up to rounding).
///
/// Each permuted fit is computed by Frisch-Waugh-Lovell rather than a new QR: with Q an
/// orthonormal basis of the other terms, z the permuted residual, z~ = z - Q Q'z and
/// r = y - Q Q'y, the coefficient of z is z~'r / z~'z~ and the residual sum of squares
/// `r'r - (z~'r)^2 / z~'z~`: the same numbers in O(N p) instead of O(N p^2).
///
/// References: Dekker, D., Krackhardt, D. & Snijders, T. A. B. (2007). Sensitivity of
/// MRQAP tests to collinearity and autocorrelation conditions. Psychometrika 72(4),
/// 563-581. Krackhardt, D. (1988). Predicting with networks: nonparametric multiple
/// regression analysis of dyadic data. Social Networks 10, 359-381. Butts, C. T. (2008),
/// sna: `netlm`.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/stats/null_distribution.hpp"
#include "coproduction/stats/qap.hpp"

namespace coproduction {

/// Which statistic of each term the MRQAP permutes (netlm's `test.statistic`).
enum class mrqap_statistic {
  t_value,  ///< the coefficient over its standard error (netlm's default)
  beta,     ///< the coefficient itself
};

/// The model and statistic of an MRQAP.
struct mrqap_options {
  bool intercept = true;  ///< a constant term first, as netlm's `intercept = TRUE`
  mrqap_statistic statistic = mrqap_statistic::t_value;
};

/// An MRQAP's outcome; terms in order: the intercept (when asked), then the predictors.
struct mrqap_result {
  std::vector<double> coefficients{};
  std::vector<double> standard_errors{};
  std::vector<double> t_values{};
  /// Per term: the observed statistic, its draws under double semi-partialling, p-values.
  std::vector<null_distribution> null{};
  double r_squared = std::numeric_limits<double>::quiet_NaN();
  double adjusted_r_squared = std::numeric_limits<double>::quiet_NaN();
  double residual_standard_error = std::numeric_limits<double>::quiet_NaN();
  std::size_t dyads = 0;        ///< N, the off-diagonal entries regressed
  std::size_t residual_df = 0;  ///< N - p
  std::size_t vertices = 0;     ///< n
  bool exact = false;           ///< every permutation taken once
  bool directed = true;
  bool intercept = true;
  mrqap_statistic statistic = mrqap_statistic::t_value;
};

namespace detail::null_models {

using column = std::vector<double>;

inline double dot(const column& a, const column& b) noexcept {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

/// `v -= Q (Q'v)`, twice ("twice is enough": Giraud, Langou & Rozloznik 2005), so that v
/// is orthogonal to the columns of Q to working precision.
inline void remove_span(const std::vector<column>& q, column& v) {
  for (int pass = 0; pass < 2; ++pass)
    for (const column& c : q) {
      const double r = dot(c, v);
      for (std::size_t i = 0; i < v.size(); ++i) v[i] -= r * c[i];
    }
}

/// An orthonormal basis of `x`'s columns by Gram-Schmidt with reorthogonalisation, and the
/// upper triangular R with x = Q R. Throws `input_error` (`where`) naming the first column
/// that is (numerically, relative tolerance 1e-7 as netlm's `qr`) a combination of the
/// earlier ones, with `names` for the message.
inline std::vector<column> orthonormal_basis(const std::vector<column>& x,
                                             std::vector<std::vector<double>>* r,
                                             const std::vector<std::string>& names,
                                             const char* where) {
  const std::size_t p = x.size();
  std::vector<column> q;
  q.reserve(p);
  if (r) r->assign(p, std::vector<double>(p, 0.0));
  for (std::size_t j = 0; j < p; ++j) {
    column v = x[j];
    const double size = std::sqrt(dot(v, v));
    for (int pass = 0; pass < 2; ++pass)
      for (std::size_t i = 0; i < q.size(); ++i) {
        const double c = dot(q[i], v);
        if (r) (*r)[i][j] += c;
        for (std::size_t k = 0; k < v.size(); ++k) v[k] -= c * q[i][k];
      }
    const double norm = std::sqrt(dot(v, v));
    if (!(norm > 1e-7 * size) || size == 0.0)
      throw input_error(where, "the term " + names[j] +
                                   (size == 0.0 ? " is 0 at every pair"
                                                : " is a linear combination of the terms "
                                                  "before it (constant, or collinear)") +
                                   ": its coefficient is not identified");
    for (double& e : v) e /= norm;
    if (r) (*r)[j][j] = norm;
    q.push_back(std::move(v));
  }
  return q;
}

/// The permuted-residual statistic of one term: prepared once, then computed for any
/// permutation.
struct semi_partial_term {
  std::vector<column> others;  // orthonormal basis of the other terms
  std::vector<double> residual_matrix;  // e_j as an n x n matrix (symmetric if undirected)
  column y_residual;  // y minus its projection on the other terms
  double y_residual_ss = 0;
};

}  // namespace detail::null_models

/// The MRQAP of `y` on `x` (see the file comment): OLS over the off-diagonal entries, and
/// for each term `run.draws` double-semi-partialling permutations (all n! when n! <=
/// `run.draws`). `names` (one per predictor, optional) name the predictors in messages.
///
/// Complexity: O(N p^2) for the fits, then O(N p^2) per draw for all p terms, over
/// `run.threads` threads; O(N p^2 + n^2 p) memory (N dyads, p terms).
/// Throws `input_error`: ("x") for no predictor; ("y") or ("x") for a matrix of another size
/// or an entry that is not a finite number; ("predictor_layers") for a term that is 0
/// everywhere or collinear with the terms before it, or fewer dyads than terms + 1; ("n") for
/// no draws; `limit_exceeded` ("vertices") past 2^27 matrix cells; `interrupted` when
/// `run.stop_requested` said stop.
inline mrqap_result mrqap(const dyad_matrix& y, std::span<const dyad_matrix> x, bool directed,
                          const mrqap_options& options, const resampling_options& run,
                          std::vector<std::string> names = {}) {
  using namespace detail::null_models;
  using detail::null_models::column;
  if (x.empty()) throw input_error("x", "at least one predictor matrix is needed");
  const std::size_t n = y.n;
  check_matrix(y, n, "y");
  for (const dyad_matrix& m : x) check_matrix(m, n, "x");
  check_draws(run);
  const std::size_t terms = x.size() + (options.intercept ? 1 : 0);
  // y and the predictors, each term's residual matrix, the design and the terms' bases:
  // about n^2 (q + 1 + p (p + 1)) doubles in all.
  check_cells(n, x.size() + 1 + terms * (terms + 1));
  if (names.size() != x.size()) {
    names.clear();
    for (std::size_t j = 0; j < x.size(); ++j) names.push_back("x" + std::to_string(j + 1));
  }
  if (options.intercept) names.insert(names.begin(), "(intercept)");

  // The dyads, and y and the terms at them.
  std::vector<std::uint32_t> row, col;
  for_each_dyad(n, directed, [&](std::size_t i, std::size_t j) {
    row.push_back(static_cast<std::uint32_t>(i));
    col.push_back(static_cast<std::uint32_t>(j));
  });
  const std::size_t count = row.size();
  if (count <= terms)
    throw input_error("predictor_layers", std::to_string(terms) + " terms need more than " +
                                              std::to_string(terms) + " dyads; there are " +
                                              std::to_string(count));
  column yv(count);
  std::vector<column> design;
  if (options.intercept) design.emplace_back(count, 1.0);
  for (std::size_t j = 0; j < x.size(); ++j) design.emplace_back(count);
  for (std::size_t k = 0; k < count; ++k) {
    yv[k] = y(row[k], col[k]);
    for (std::size_t j = 0; j < x.size(); ++j)
      design[j + (options.intercept ? 1 : 0)][k] = x[j](row[k], col[k]);
  }

  mrqap_result result;
  result.dyads = count;
  result.residual_df = count - terms;
  result.vertices = n;
  result.directed = directed;
  result.intercept = options.intercept;
  result.statistic = options.statistic;

  // The full fit: x = Q R, b = R^-1 Q'y.
  std::vector<std::vector<double>> r;
  const std::vector<column> q = orthonormal_basis(design, &r, names, "predictor_layers");
  std::vector<double> qy(terms);
  for (std::size_t j = 0; j < terms; ++j) qy[j] = dot(q[j], yv);
  std::vector<double> b(terms);
  for (std::size_t j = terms; j-- > 0;) {
    double s = qy[j];
    for (std::size_t k = j + 1; k < terms; ++k) s -= r[j][k] * b[k];
    b[j] = s / r[j][j];
  }
  column fitted(count, 0.0);
  for (std::size_t j = 0; j < terms; ++j)
    for (std::size_t k = 0; k < count; ++k) fitted[k] += q[j][k] * qy[j];
  double rss = 0, fitted_sum = 0;
  for (std::size_t k = 0; k < count; ++k) {
    rss += (yv[k] - fitted[k]) * (yv[k] - fitted[k]);
    fitted_sum += fitted[k];
  }
  const double fitted_mean = options.intercept ? fitted_sum / static_cast<double>(count) : 0.0;
  double mss = 0;
  for (double f : fitted) mss += (f - fitted_mean) * (f - fitted_mean);
  const double df = static_cast<double>(result.residual_df);
  result.r_squared = mss / (mss + rss);
  result.adjusted_r_squared =
      1.0 - (1.0 - result.r_squared) *
                (static_cast<double>(count) - (options.intercept ? 1.0 : 0.0)) / df;
  result.residual_standard_error = std::sqrt(rss / df);
  // diag((X'X)^-1) = squared row norms of R^-1.
  std::vector<std::vector<double>> rinv(terms, std::vector<double>(terms, 0.0));
  for (std::size_t c = 0; c < terms; ++c) {
    rinv[c][c] = 1.0 / r[c][c];
    for (std::size_t i = c; i-- > 0;) {
      double s = 0;
      for (std::size_t k = i + 1; k <= c; ++k) s += r[i][k] * rinv[k][c];
      rinv[i][c] = -s / r[i][i];
    }
  }
  result.coefficients = b;
  for (std::size_t j = 0; j < terms; ++j) {
    double v = 0;
    for (std::size_t k = 0; k < terms; ++k) v += rinv[j][k] * rinv[j][k];
    const double se = std::sqrt(rss / df * v);
    result.standard_errors.push_back(se);
    result.t_values.push_back(b[j] / se);
  }

  // Each term's residual on the others, as a matrix to permute.
  std::vector<semi_partial_term> partial(terms);
  for (std::size_t j = 0; j < terms; ++j) {
    semi_partial_term& t = partial[j];
    std::vector<column> other_columns;
    std::vector<std::string> other_names;
    for (std::size_t i = 0; i < terms; ++i)
      if (i != j) other_columns.push_back(design[i]), other_names.push_back(names[i]);
    t.others = orthonormal_basis(other_columns, nullptr, other_names, "predictor_layers");
    column e = design[j];
    remove_span(t.others, e);
    t.residual_matrix.assign(n * n, 0.0);
    for (std::size_t k = 0; k < count; ++k) {
      t.residual_matrix[std::size_t{row[k]} * n + col[k]] = e[k];
      if (!directed) t.residual_matrix[std::size_t{col[k]} * n + row[k]] = e[k];
    }
    t.y_residual = yv;
    remove_span(t.others, t.y_residual);
    t.y_residual_ss = dot(t.y_residual, t.y_residual);
  }

  const bool beta = options.statistic == mrqap_statistic::beta;
  const auto statistic = [&](const semi_partial_term& t, const std::vector<std::uint32_t>& p,
                             column& z) {
    for (std::size_t k = 0; k < count; ++k)
      z[k] = t.residual_matrix[std::size_t{p[row[k]]} * n + p[col[k]]];
    for (const column& c : t.others) {
      const double s = dot(c, z);
      for (std::size_t k = 0; k < count; ++k) z[k] -= s * c[k];
    }
    const double zz = dot(z, z), zy = dot(z, t.y_residual);
    if (!(zz > 0)) return std::numeric_limits<double>::quiet_NaN();
    const double coef = zy / zz;
    if (beta) return coef;
    const double rss_z = std::max(0.0, t.y_residual_ss - coef * zy);
    return coef / std::sqrt(rss_z / df / zz);
  };

  const std::uint64_t all = factorial_up_to(n, run.draws);
  result.exact = all != 0;
  resampling_options draws_run = run;
  if (result.exact) draws_run.draws = all;
  std::vector<std::vector<double>> draws(terms, std::vector<double>(draws_run.draws));
  std::vector<double> observed(terms);
  {
    std::vector<std::uint32_t> identity(n);
    std::iota(identity.begin(), identity.end(), 0u);
    column z(count);
    for (std::size_t j = 0; j < terms; ++j) observed[j] = statistic(partial[j], identity, z);
  }
  struct workspace {
    std::vector<std::uint32_t> permutation;
    column z;
  };
  run_draws(
      draws_run, [&] { return workspace{{}, column(count)}; },
      [&](workspace& w, std::size_t k, const std::atomic<bool>& halt) {
        draw_permutation(n, result.exact, run.seed, k, w.permutation);
        for (std::size_t j = 0; j < terms; ++j) {
          if (halt.load(std::memory_order_relaxed)) return;
          draws[j][k] = statistic(partial[j], w.permutation, w.z);
        }
      });
  for (std::size_t j = 0; j < terms; ++j)
    result.null.push_back(summarise(observed[j], std::move(draws[j])));
  return result;
}

/// The MRQAP of layer `response` of `net` on the layers `predictors`, their matrices made by
/// `matrices_of(net, {response, predictors...}, matrix)` (one set of stakeholders for all).
/// `names` (one per predictor) name them in messages.
///
/// Complexity and throws: as `matrices_of` and the matrix overload.
inline mrqap_result mrqap(const Network& net, const layer& response,
                          std::span<const layer> predictors, const matrix_options& matrix,
                          const mrqap_options& options, const resampling_options& run,
                          std::vector<std::string> names = {}) {
  if (predictors.empty())
    throw input_error("predictor_layers", "at least one predictor layer is needed");
  std::vector<layer> layers{response};
  layers.insert(layers.end(), predictors.begin(), predictors.end());
  const layer_matrices m = matrices_of(net, layers, matrix);
  return mrqap(m.matrices[0], std::span<const dyad_matrix>(m.matrices).subspan(1),
               matrix.directed, options, run, std::move(names));
}

}  // namespace coproduction
