// Tests of include/coproduction/metrics/inequality.hpp.
//
// Every expected number is either computed by hand in the comment beside it, taken from a
// published source named there, or follows from a defining property (repeats, scale,
// replication, decomposition identities from Cowell 2011 and Shorrocks 1980).

#include "coproduction/metrics/inequality.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace cp = coproduction;
using vec = std::vector<double>;
using codes = std::vector<std::size_t>;

namespace {

template <class F>
void expect_input_error(F&& f, const std::string& where) {
  try {
    f();
    ADD_FAILURE() << "expected input_error at " << where;
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), where) << e.what();
    EXPECT_EQ(e.code(), "input." + where);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected input_error, got " << e.what();
  }
}

const vec one_to_four{1, 2, 3, 4};

}  // namespace

// --------------------------------------------------------------------------------------
// Hand-computed values for x = (1, 2, 3, 4): n = 4, mu = 2.5, shares q = (.1, .2, .3, .4),
// relative values r = x / mu = (0.4, 0.8, 1.2, 1.6).

TEST(InequalityHand, Gini) {
  // Ordered pairs |x_i - x_j|: 2 * (1 + 2 + 3 + 1 + 2 + 1) = 20; G = 20 / (2 n^2 mu)
  // = 20 / (2 * 16 * 2.5) = 0.25.
  EXPECT_NEAR(cp::gini(one_to_four), 0.25, 1e-15);
  // Two people (0, 1): |0 - 1| twice = 2; G = 2 / (2 * 4 * 0.5) = 0.5 = 1 - 1/2.
  EXPECT_NEAR(cp::gini(vec{0, 1}), 0.5, 1e-15);
}

TEST(InequalityHand, TheilAndMld) {
  // T = (1/4) sum r ln r.
  const double t = (0.4 * std::log(0.4) + 0.8 * std::log(0.8) + 1.2 * std::log(1.2) +
                    1.6 * std::log(1.6)) / 4;  // = 0.1064401...
  EXPECT_NEAR(cp::theil(one_to_four), t, 1e-15);
  EXPECT_NEAR(t, 0.10644013528622318, 1e-15);
  // L = -(1/4) sum ln r = -(1/4) ln(0.4 * 0.8 * 1.2 * 1.6) = -(1/4) ln 0.6144.
  EXPECT_NEAR(cp::mld(one_to_four), -std::log(0.6144) / 4, 1e-15);
}

TEST(InequalityHand, GeneralizedEntropy) {
  // GE(2) = (1/2) (mean r^2 - 1) = (1/2) ((0.16 + 0.64 + 1.44 + 2.56) / 4 - 1) = 0.1.
  EXPECT_NEAR(cp::generalized_entropy(one_to_four, 2.0), 0.1, 1e-15);
  // GE(-1) = (1/2) (mean 1/r - 1) = (1/2) (2.5 (1 + 1/2 + 1/3 + 1/4) / 4 - 1)
  //        = (1/2) (125/96 - 1) = 29/192.
  EXPECT_NEAR(cp::generalized_entropy(one_to_four, -1.0), 29.0 / 192.0, 1e-15);
  // GE(1/2) = (mean sqrt(r) - 1) / (1/2 * -1/2) = 4 (1 - mean sqrt(r)).
  const double mean_sqrt =
      (std::sqrt(0.4) + std::sqrt(0.8) + std::sqrt(1.2) + std::sqrt(1.6)) / 4;
  EXPECT_NEAR(cp::generalized_entropy(one_to_four, 0.5), 4 * (1 - mean_sqrt), 1e-15);
  // GE(1) and GE(0) are Theil's T and L.
  EXPECT_DOUBLE_EQ(cp::generalized_entropy(one_to_four, 1.0), cp::theil(one_to_four));
  EXPECT_DOUBLE_EQ(cp::generalized_entropy(one_to_four, 0.0), cp::mld(one_to_four));
}

TEST(InequalityHand, Atkinson) {
  // epsilon = 1: 1 - geometric mean / mean = 1 - 24^(1/4) / 2.5.
  EXPECT_NEAR(cp::atkinson(one_to_four, 1.0), 1 - std::pow(24.0, 0.25) / 2.5, 1e-15);
  // epsilon = 2: harmonic mean 4 / (1 + 1/2 + 1/3 + 1/4) = 48/25 = 1.92; 1 - 1.92/2.5 = 0.232.
  EXPECT_NEAR(cp::atkinson(one_to_four, 2.0), 0.232, 1e-15);
  // epsilon = 1/2: EDE = (mean sqrt x)^2.
  const double ede = std::pow((1 + std::sqrt(2.0) + std::sqrt(3.0) + 2) / 4, 2);
  EXPECT_NEAR(cp::atkinson(one_to_four, 0.5), 1 - ede / 2.5, 1e-15);
  EXPECT_EQ(cp::atkinson(one_to_four, 0.0), 0.0);
}

TEST(InequalityHand, Hoover) {
  // 1/2 sum |q - 1/4| = 1/2 (0.15 + 0.05 + 0.05 + 0.15) = 0.2.
  EXPECT_NEAR(cp::hoover(one_to_four), 0.2, 1e-15);
}

TEST(InequalityHand, Palma) {
  // 1..10: bottom 40% = 1+2+3+4 = 10, top 10% = 10: Palma 1.
  vec ten(10);
  std::iota(ten.begin(), ten.end(), 1.0);
  EXPECT_NEAR(cp::palma(ten), 1.0, 1e-15);
  // 1..5: bottom 40% are 2 people (1 + 2 = 3), top 10% is half a person (0.5 * 5 = 2.5).
  EXPECT_NEAR(cp::palma(vec{1, 2, 3, 4, 5}), 2.5 / 3.0, 1e-15);
  // 1..4: bottom 40% = 1.6 people = 1 + 0.6 * 2 = 2.2; top 10% = 0.4 people * 4 = 1.6.
  EXPECT_NEAR(cp::palma(one_to_four), 1.6 / 2.2, 1e-15);
}

TEST(InequalityHand, ConcentrationOfShares) {
  // HHI = 0.1^2 + 0.2^2 + 0.3^2 + 0.4^2 = 0.01 + 0.04 + 0.09 + 0.16 = 0.3.
  EXPECT_NEAR(cp::hhi(one_to_four), 0.3, 1e-15);
  EXPECT_NEAR(cp::effective_number(one_to_four), 1 / 0.3, 1e-14);
  // E = -(0.1 ln 0.1 + 0.2 ln 0.2 + 0.3 ln 0.3 + 0.4 ln 0.4) / ln 4.
  const double h = -(0.1 * std::log(0.1) + 0.2 * std::log(0.2) + 0.3 * std::log(0.3) +
                     0.4 * std::log(0.4));
  EXPECT_NEAR(cp::entropy(one_to_four), h / std::log(4.0), 1e-15);
}

// --------------------------------------------------------------------------------------
// Published values.

// U.S. Department of Justice and Federal Trade Commission, Horizontal Merger Guidelines
// (2010), sec. 5.3: "a market consisting of four firms with market shares of thirty
// percent, thirty percent, twenty percent, and twenty percent has an HHI of 2,600".
TEST(InequalityPublished, MergerGuidelinesHhi) {
  const vec shares{30, 30, 20, 20};
  EXPECT_NEAR(cp::hhi(shares) * 10000, 2600, 1e-9);
  EXPECT_NEAR(cp::effective_number(shares), 10000.0 / 2600.0, 1e-12);
}

// Inequality.jl (Julia package, JosepER/Inequality.jl) documented examples for
// v = [8, 5, 1, 3, 5, 6, 7, 6, 3] and w = 0.1:0.1:0.9; an independent implementation.
TEST(InequalityPublished, InequalityJlExamples) {
  const vec v{8, 5, 1, 3, 5, 6, 7, 6, 3};
  const vec w{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  EXPECT_NEAR(cp::gini(v), 0.2373737373737374, 1e-14);
  EXPECT_NEAR(cp::gini(v, w), 0.20652395514780775, 1e-14);
  EXPECT_NEAR(cp::theil(v), 0.10494562214323544, 1e-14);
  EXPECT_NEAR(cp::theil(v, w), 0.08120013911680612, 1e-14);
  EXPECT_NEAR(cp::mld(v), 0.1397460530936332, 1e-14);
  EXPECT_NEAR(cp::mld(v, w), 0.10375545537468206, 1e-14);
  EXPECT_NEAR(cp::generalized_entropy(v, 2.0), 0.09039256198347094, 1e-14);
  EXPECT_NEAR(cp::generalized_entropy(v, w, 2.0), 0.0709746654322026, 1e-14);
  EXPECT_NEAR(cp::atkinson(v, 1.2), 0.1631765870035865, 1e-14);
  EXPECT_NEAR(cp::atkinson(vec{8, 5, 1, 3}, vec{0.1, 0.5, 0.3, 0.8}, 1.2), 0.1681319821792493,
              1e-14);
}

// Closed forms in Cowell (2011), appendix A and sec. 3.2-3.3.
TEST(InequalityPublished, ClosedForms) {
  // Gini of 1, 2, ..., n is (n - 1) / (3n): sum_{i,j} |i - j| = n (n^2 - 1) / 3.
  for (std::size_t n : {7u, 1000u, 100000u}) {
    vec x(n);
    std::iota(x.begin(), x.end(), 1.0);
    const double nn = static_cast<double>(n);
    EXPECT_NEAR(cp::gini(x), (nn - 1) / (3 * nn), 1e-13) << n;
  }
  // One of n holds everything: Gini = Hoover = 1 - 1/n, T = ln n, HHI = 1, E = 0,
  // GE(2) = (n - 1) / 2, Atkinson(1/2) = 1 - 1/n, Atkinson(eps >= 1) = 1, Palma infinite.
  const vec top{0, 0, 0, 7};
  EXPECT_NEAR(cp::gini(top), 0.75, 1e-15);
  EXPECT_NEAR(cp::hoover(top), 0.75, 1e-15);
  EXPECT_NEAR(cp::theil(top), std::log(4.0), 1e-15);
  EXPECT_NEAR(cp::generalized_entropy(top, 2.0), 1.5, 1e-15);
  EXPECT_NEAR(cp::atkinson(top, 0.5), 0.75, 1e-15);
  EXPECT_EQ(cp::atkinson(top, 1.0), 1.0);
  EXPECT_EQ(cp::atkinson(top, 3.0), 1.0);
  EXPECT_NEAR(cp::hhi(top), 1.0, 1e-15);
  EXPECT_NEAR(cp::effective_number(top), 1.0, 1e-15);
  EXPECT_NEAR(cp::entropy(top), 0.0, 1e-15);
  EXPECT_EQ(cp::palma(top), std::numeric_limits<double>::infinity());
}

TEST(InequalityPublished, Identities) {
  const vec x{2, 9, 4, 4, 1, 13, 0.5};
  // Atkinson (1970) with epsilon = 1 is 1 - exp(-L) (Cowell 2011, sec. 3.3).
  EXPECT_NEAR(cp::atkinson(x, 1.0), 1 - std::exp(-cp::mld(x)), 1e-15);
  // A(eps) = 1 - (1 + a (a - 1) GE(a))^(1/a), a = 1 - eps (Cowell 2011, sec. 3.3).
  for (double eps : {0.25, 0.5, 1.5, 2.0, 4.0}) {
    const double a = 1 - eps;
    EXPECT_NEAR(cp::atkinson(x, eps),
                1 - std::pow(1 + a * (a - 1) * cp::generalized_entropy(x, a), 1 / a), 1e-14)
        << eps;
  }
  // GE(2) is half the squared coefficient of variation.
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / 7;
  double var = 0;
  for (double v : x) var += (v - mean) * (v - mean) / 7;
  EXPECT_NEAR(cp::generalized_entropy(x, 2.0), var / (mean * mean) / 2, 1e-14);
  // GE(alpha) is continuous at alpha = 0 and 1.
  EXPECT_NEAR(cp::generalized_entropy(x, 1 + 1e-9), cp::theil(x), 1e-8);
  EXPECT_NEAR(cp::generalized_entropy(x, 1 - 1e-9), cp::theil(x), 1e-8);
  EXPECT_NEAR(cp::generalized_entropy(x, 1e-9), cp::mld(x), 1e-8);
  EXPECT_NEAR(cp::generalized_entropy(x, -1e-9), cp::mld(x), 1e-8);
  // Normalised entropy is 1 - T / ln n (Theil 1967).
  EXPECT_NEAR(cp::entropy(x), 1 - cp::theil(x) / std::log(7.0), 1e-15);
}

// --------------------------------------------------------------------------------------
// Properties over every index.

struct index_case {
  std::string name;
  std::function<double(std::span<const double>)> plain;
  std::function<double(std::span<const double>, std::span<const double>)> weighted;
  bool counts_holders;  // hhi, effective number, entropy: not replication invariant
};

std::ostream& operator<<(std::ostream& out, const index_case& c) { return out << c.name; }

class EveryIndex : public ::testing::TestWithParam<index_case> {};

std::vector<index_case> every_index() {
  using S = std::span<const double>;
  std::vector<index_case> out{
      {"gini", [](S v) { return cp::gini(v); }, [](S v, S w) { return cp::gini(v, w); }, false},
      {"theil", [](S v) { return cp::theil(v); }, [](S v, S w) { return cp::theil(v, w); }, false},
      {"mld", [](S v) { return cp::mld(v); }, [](S v, S w) { return cp::mld(v, w); }, false},
      {"hoover", [](S v) { return cp::hoover(v); }, [](S v, S w) { return cp::hoover(v, w); },
       false},
      {"palma", [](S v) { return cp::palma(v); }, [](S v, S w) { return cp::palma(v, w); }, false},
      {"hhi", [](S v) { return cp::hhi(v); }, [](S v, S w) { return cp::hhi(v, w); }, true},
      {"effective_number", [](S v) { return cp::effective_number(v); },
       [](S v, S w) { return cp::effective_number(v, w); }, true},
      {"entropy", [](S v) { return cp::entropy(v); }, [](S v, S w) { return cp::entropy(v, w); },
       true},
  };
  for (double a : {-1.0, 0.5, 2.0, 3.5}) {
    const int tenths = static_cast<int>(a * 10);
    out.push_back({(tenths < 0 ? "ge_minus_" : "ge_") + std::to_string(std::abs(tenths)),
                   [a](S v) { return cp::generalized_entropy(v, a); },
                   [a](S v, S w) { return cp::generalized_entropy(v, w, a); }, false});
  }
  for (double e : {0.5, 1.0, 2.0, 6.0}) {
    out.push_back({"atkinson_" + std::to_string(static_cast<int>(e * 10)),
                   [e](S v) { return cp::atkinson(v, e); },
                   [e](S v, S w) { return cp::atkinson(v, w, e); }, false});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Inequality, EveryIndex, ::testing::ValuesIn(every_index()),
                         [](const auto& info) { return info.param.name; });

namespace {
const vec sample{3, 11, 0.5, 7, 7, 2, 19, 4.25};
const vec head_counts{2, 1, 5, 3, 1, 4, 2, 6};  // integers >= 1
}  // namespace

TEST_P(EveryIndex, IntegerWeightsEqualRepeats) {
  vec repeated;
  for (std::size_t i = 0; i < sample.size(); ++i)
    for (int k = 0; k < static_cast<int>(head_counts[i]); ++k) repeated.push_back(sample[i]);
  EXPECT_NEAR(GetParam().weighted(sample, head_counts), GetParam().plain(repeated), 1e-13);
}

TEST_P(EveryIndex, UnitWeightsEqualNoWeights) {
  const vec ones(sample.size(), 1.0);
  EXPECT_NEAR(GetParam().weighted(sample, ones), GetParam().plain(sample), 1e-14);
}

TEST_P(EveryIndex, ScaleInvariant) {
  for (double c : {1e-200, 0.37, 1e5, 1e300}) {
    vec scaled = sample;
    for (double& v : scaled) v *= c;
    EXPECT_NEAR(GetParam().plain(scaled), GetParam().plain(sample),
                1e-13 * std::max(1.0, GetParam().plain(sample)))
        << c;
  }
}

TEST_P(EveryIndex, OrderDoesNotMatter) {
  vec reversed(sample.rbegin(), sample.rend());
  vec counts(head_counts.rbegin(), head_counts.rend());
  EXPECT_NEAR(GetParam().plain(reversed), GetParam().plain(sample), 1e-14);
  EXPECT_NEAR(GetParam().weighted(reversed, counts), GetParam().weighted(sample, head_counts),
              1e-14);
}

TEST_P(EveryIndex, ReplicatingThePopulation) {
  vec three = sample;
  three.insert(three.end(), sample.begin(), sample.end());
  three.insert(three.end(), sample.begin(), sample.end());
  const double once = GetParam().plain(sample), thrice = GetParam().plain(three);
  if (!GetParam().counts_holders) {
    EXPECT_NEAR(thrice, once, 1e-14);  // population principle (Cowell 2011, sec. 3.4)
  } else if (GetParam().name == "hhi") {
    EXPECT_NEAR(thrice, once / 3, 1e-15);  // three times the holders, a third of the HHI
  } else if (GetParam().name == "effective_number") {
    EXPECT_NEAR(thrice, once * 3, 1e-13);
  } else {  // entropy: H + ln 3 over ln(3n)
    const double h = once * std::log(8.0);
    EXPECT_NEAR(thrice, (h + std::log(3.0)) / std::log(24.0), 1e-14);
  }
}

TEST_P(EveryIndex, ZeroWeightLeavesAnEntryOut) {
  const vec v{3, 1000, 11, 0.5, 7};
  const vec w{2, 0, 1, 5, 3};
  const vec kept_v{3, 11, 0.5, 7};
  const vec kept_w{2, 1, 5, 3};
  EXPECT_DOUBLE_EQ(GetParam().weighted(v, w), GetParam().weighted(kept_v, kept_w));
}

TEST_P(EveryIndex, EqualDistributionsAreEqual) {
  const auto& c = GetParam();
  for (const vec& v : {vec{0, 0, 0}, vec{4, 4, 4}, vec{2.5}}) {
    const double n = static_cast<double>(v.size());
    const double expected = c.name == "palma"              ? 0.25
                            : c.name == "hhi"              ? 1 / n
                            : c.name == "effective_number" ? n
                            : c.name == "entropy"          ? 1.0
                                                           : 0.0;
    EXPECT_DOUBLE_EQ(c.plain(v), expected) << v.size() << " values of " << v[0];
  }
}

TEST_P(EveryIndex, RejectsBadInput) {
  const auto& c = GetParam();
  expect_input_error([&] { c.plain(vec{}); }, "values");
  expect_input_error([&] { c.plain(vec{1, std::nan(""), 2}); }, "values");
  expect_input_error([&] { c.plain(vec{1, std::numeric_limits<double>::infinity()}); }, "values");
  expect_input_error([&] { c.plain(vec{1, -2, 3}); }, "values");
  expect_input_error([&] { c.weighted(vec{1, 2}, vec{1}); }, "weights");
  expect_input_error([&] { c.weighted(vec{1, 2}, vec{1, -1}); }, "weights");
  expect_input_error([&] { c.weighted(vec{1, 2}, vec{0, 0}); }, "weights");
  expect_input_error([&] { c.weighted(vec{1, 2}, vec{1, std::nan("")}); }, "weights");
  expect_input_error([&] { c.weighted(vec{1, 2}, vec{1, HUGE_VAL}); }, "weights");
  expect_input_error([&] { c.weighted(vec{}, vec{}); }, "values");
}

TEST(InequalityEdges, MessagesNameTheEntry) {
  try {
    cp::gini(vec{1, 2, -3});
    FAIL();
  } catch (const cp::input_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "[coproduction.input.values] values: entry 2 is negative (-3)");
  }
}

TEST(InequalityEdges, ZerosWhereLogarithmsAreTaken) {
  const vec with_zero{0, 1, 2};
  expect_input_error([&] { cp::mld(with_zero); }, "values");
  expect_input_error([&] { cp::generalized_entropy(with_zero, 0.0); }, "values");
  expect_input_error([&] { cp::generalized_entropy(with_zero, -2.0); }, "values");
  // T uses 0 ln 0 = 0: (1/3)(0 + 1 ln 1 + 2 ln 2) with r = (0, 1, 2).
  EXPECT_NEAR(cp::theil(with_zero), 2 * std::log(2.0) / 3, 1e-15);
  // GE(2) with r = (0, 1, 2): (1/2)((0 + 1 + 4)/3 - 1) = 1/3.
  EXPECT_NEAR(cp::generalized_entropy(with_zero, 2.0), 1.0 / 3.0, 1e-15);
  // GE(1/2): 4 (1 - (0 + 1 + sqrt 2) / 3).
  EXPECT_NEAR(cp::generalized_entropy(with_zero, 0.5), 4 * (1 - (1 + std::sqrt(2.0)) / 3), 1e-15);
  // A zero that carries no weight is nobody, so L is defined.
  EXPECT_NEAR(cp::mld(with_zero, vec{0, 1, 1}), cp::mld(vec{1, 2}), 1e-15);
  // All zeros is equal: L = 0.
  EXPECT_EQ(cp::mld(vec{0, 0}), 0.0);
  // Atkinson: eps < 1 lets the zero in as 0; eps >= 1 gives 1.
  // eps = 1/2: EDE = ((0 + 1 + sqrt 2)/3)^2, mu = 1.
  EXPECT_NEAR(cp::atkinson(with_zero, 0.5), 1 - std::pow((1 + std::sqrt(2.0)) / 3, 2), 1e-15);
  EXPECT_EQ(cp::atkinson(with_zero, 1.0), 1.0);
  EXPECT_EQ(cp::atkinson(with_zero, 2.0), 1.0);
}

TEST(InequalityEdges, Parameters) {
  expect_input_error([] { cp::generalized_entropy(one_to_four, std::nan("")); }, "alpha");
  expect_input_error([] { cp::generalized_entropy(one_to_four, HUGE_VAL); }, "alpha");
  expect_input_error([] { cp::atkinson(one_to_four, -0.5); }, "epsilon");
  expect_input_error([] { cp::atkinson(one_to_four, std::nan("")); }, "epsilon");
}

TEST(InequalityEdges, HeadCounts) {
  // hhi, effective number and entropy count holders: a weight in (0, 1) is refused.
  expect_input_error([] { cp::hhi(one_to_four, vec{0.5, 1, 1, 1}); }, "weights");
  expect_input_error([] { cp::effective_number(one_to_four, vec{1, 1, 0.2, 1}); }, "weights");
  expect_input_error([] { cp::entropy(one_to_four, vec{1, 1, 1, 0.99}); }, "weights");
  // ... while the inequality indices take any relative weights.
  EXPECT_NEAR(cp::gini(one_to_four, vec{0.5, 0.5, 0.5, 0.5}), 0.25, 1e-15);
  // Non-integer head counts (an average attendance): 1.5 people holding 4 each and 1.5
  // holding 4 is an equal distribution of N = 3.
  EXPECT_NEAR(cp::hhi(vec{4, 4}, vec{1.5, 1.5}), 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(cp::entropy(vec{4, 4}, vec{1.5, 1.5}), 1.0, 1e-15);
  // A single holder: HHI 1, effective number 1, entropy 1 (0/0 read as even).
  EXPECT_EQ(cp::hhi(vec{3}), 1.0);
  EXPECT_EQ(cp::effective_number(vec{3}), 1.0);
  EXPECT_EQ(cp::entropy(vec{3}), 1.0);
  EXPECT_EQ(cp::entropy(vec{3, 5}, vec{1, 0}), 1.0);
}

TEST(InequalityEdges, WeightedPalmaSplitsAtTheCut) {
  // Values 1, 2, 10 with 3, 1, 1 people: N = 5; bottom 40% = 2 people, both holding 1 ->
  // 2; top 10% = 0.5 person holding 10 -> 5; Palma = 5 / 2.
  EXPECT_NEAR(cp::palma(vec{10, 1, 2}, vec{1, 3, 1}), 2.5, 1e-15);
  // Weights need not be integers: values 1 and 10 held by 2 and 0.5 people, N = 2.5. The
  // bottom 40% is 1 person holding 1 (share 1); the top 10% is 0.25 of a person holding 10
  // (2.5): Palma 2.5.
  EXPECT_NEAR(cp::palma(vec{1, 10}, vec{2, 0.5}), 2.5, 1e-15);
}

TEST(InequalityNumerics, NearlyEqualHoldings) {
  // x = 1e9 + (1, 2, 3, 4): G = 20 / (2 * 16 * (1e9 + 2.5)); T ~ GE(2) ~ var / (2 mu^2)
  // with var = 1.25; the next term is O(cv^3), far below the tolerance.
  const vec x{1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4};
  const double mu = 1e9 + 2.5;
  EXPECT_NEAR(cp::gini(x) / (20 / (32 * mu)), 1.0, 1e-9);
  EXPECT_NEAR(cp::theil(x) / (1.25 / (2 * mu * mu)), 1.0, 1e-6);
  EXPECT_NEAR(cp::mld(x) / (1.25 / (2 * mu * mu)), 1.0, 1e-6);
  EXPECT_NEAR(cp::generalized_entropy(x, 2.0) / (1.25 / (2 * mu * mu)), 1.0, 1e-6);
  EXPECT_GT(cp::theil(x), 0.0);
  EXPECT_NEAR(cp::atkinson(x, 1.0) / (1.25 / (2 * mu * mu)), 1.0, 1e-6);
}

TEST(InequalityNumerics, ExtremeMagnitudesDoNotOverflow) {
  const vec big{1e308, 1.5e308, 1.7e308};
  const vec small{1.0, 1.5, 1.7};
  EXPECT_NEAR(cp::gini(big), cp::gini(small), 1e-15);
  EXPECT_NEAR(cp::theil(big), cp::theil(small), 1e-15);
  EXPECT_NEAR(cp::gini(small, vec{1e308, 1e308, 1e308}), cp::gini(small), 1e-15);
  // Strong aversion, eps = 60: EDE = (1/4 m^-59 + 3/4)^(-1/59), which is m (1/4)^(-1/59)
  // to within a factor (1 + 3 m^59)^(-1/59) ~ 1 for a minimum m << 1; mu = (3 + m) / 4.
  // With m = 1e-7, r^-59 overflows a double and the log-domain path is taken.
  for (double m : {1e-3, 1e-7}) {
    const double a = cp::atkinson(vec{m, 1, 1, 1}, 60.0);
    const double ede_over_mu = m * std::pow(0.25, -1.0 / 59) / ((3 + m) / 4);
    EXPECT_LE(a, 1.0);
    EXPECT_NEAR(1 - a, ede_over_mu, 1e-15 + 1e-12 * ede_over_mu) << m;
  }
}

// --------------------------------------------------------------------------------------
// Decompositions.

TEST(InequalityDecomposition, HandWorkedTheil) {
  // x = (1, 2, 3, 4), groups A = {1, 2} and B = {3, 4}: p = (.5, .5), means 1.5 and 3.5,
  // mu = 2.5, s = (.3, .7).
  const auto d = cp::theil_decomposition(one_to_four, codes{0, 0, 1, 1});
  // between = .3 ln(1.5/2.5) + .7 ln(3.5/2.5) = 0.082283...
  const double between = 0.3 * std::log(0.6) + 0.7 * std::log(1.4);
  // T_A = (1/2)((2/3) ln(2/3) + (4/3) ln(4/3)); T_B = (1/2)((6/7) ln(6/7) + (8/7) ln(8/7)).
  const double ta = 0.5 * (2.0 / 3 * std::log(2.0 / 3) + 4.0 / 3 * std::log(4.0 / 3));
  const double tb = 0.5 * (6.0 / 7 * std::log(6.0 / 7) + 8.0 / 7 * std::log(8.0 / 7));
  EXPECT_NEAR(d.total, cp::theil(one_to_four), 0.0);
  EXPECT_NEAR(d.between, between, 1e-15);
  EXPECT_NEAR(d.within, 0.3 * ta + 0.7 * tb, 1e-15);
  EXPECT_NEAR(d.between + d.within, d.total, 1e-15);
  ASSERT_EQ(d.groups.size(), 2u);
  EXPECT_EQ(d.groups[0].group, 0u);
  EXPECT_NEAR(d.groups[0].population_share, 0.5, 1e-15);
  EXPECT_NEAR(d.groups[0].quantity_share, 0.3, 1e-15);
  EXPECT_NEAR(d.groups[0].mean, 1.5, 1e-15);
  EXPECT_NEAR(d.groups[0].index, ta, 1e-15);
  EXPECT_NEAR(d.groups[0].within_contribution, 0.3 * ta, 1e-15);
  // p_g (rho ln rho - rho + 1) with rho = 0.6: 0.5 (0.6 ln 0.6 + 0.4).
  EXPECT_NEAR(d.groups[0].between_contribution, 0.5 * (0.6 * std::log(0.6) + 0.4), 1e-15);
  EXPECT_NEAR(d.groups[1].quantity_share, 0.7, 1e-15);
  EXPECT_NEAR(d.groups[1].mean, 3.5, 1e-15);
  EXPECT_NEAR(d.groups[1].index, tb, 1e-15);
}

TEST(InequalityDecomposition, HandWorkedMld) {
  const auto d = cp::mld_decomposition(one_to_four, codes{0, 0, 1, 1});
  // between = .5 ln(2.5/1.5) + .5 ln(2.5/3.5); L_A = -(1/2) ln(8/9); L_B = -(1/2) ln(48/49).
  EXPECT_NEAR(d.between, 0.5 * std::log(2.5 / 1.5) + 0.5 * std::log(2.5 / 3.5), 1e-15);
  EXPECT_NEAR(d.groups[0].index, -0.5 * std::log(8.0 / 9), 1e-15);
  EXPECT_NEAR(d.groups[1].index, -0.5 * std::log(48.0 / 49), 1e-15);
  EXPECT_NEAR(d.within, 0.5 * (d.groups[0].index + d.groups[1].index), 1e-15);
  EXPECT_NEAR(d.total, -std::log(0.6144) / 4, 1e-15);
  EXPECT_NEAR(d.between + d.within, d.total, 1e-15);
}

struct grouping_case {
  std::string name;
  codes groups;
};

std::ostream& operator<<(std::ostream& out, const grouping_case& c) { return out << c.name; }

class Groupings : public ::testing::TestWithParam<grouping_case> {};

namespace {
const vec dv{3, 11, 0.5, 7, 7, 2, 19, 4.25, 1, 8};
const vec dw{2, 1, 5, 3, 1, 4, 2, 6, 0.5, 1.25};

vec smoothed(const vec& v, const vec& w, const codes& g) {
  // Everybody holds their group's weighted mean.
  std::vector<double> sw(1001, 0), swx(1001, 0);
  for (std::size_t i = 0; i < v.size(); ++i) {
    sw[g[i]] += w[i];
    swx[g[i]] += w[i] * v[i];
  }
  vec out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out[i] = swx[g[i]] / sw[g[i]];
  return out;
}
}  // namespace

INSTANTIATE_TEST_SUITE_P(
    Inequality, Groupings,
    ::testing::Values(grouping_case{"one_group", codes(10, 4)},
                      grouping_case{"singletons", codes{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
                      grouping_case{"two", codes{0, 1, 0, 1, 0, 1, 0, 1, 0, 1}},
                      grouping_case{"sparse_codes", codes{7, 42, 7, 1000, 42, 7, 1000, 3, 3, 7}},
                      grouping_case{"unbalanced", codes{0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}),
    [](const auto& info) { return info.param.name; });

TEST_P(Groupings, TheilAddsUp) {
  const codes& g = GetParam().groups;
  const vec ones(dv.size(), 1.0);
  for (const vec& w : {ones, dw}) {
    const auto d = cp::theil_decomposition(dv, g, w);
    EXPECT_NEAR(d.between + d.within, d.total, 1e-15);
    EXPECT_DOUBLE_EQ(d.total, cp::theil(dv, w));
    // Between is the index of the smoothed distribution (Shorrocks 1980).
    EXPECT_NEAR(d.between, cp::theil(smoothed(dv, w, g), w), 1e-15);
    double shares = 0, people = 0, within = 0, between = 0;
    for (const auto& gi : d.groups) {
      shares += gi.quantity_share;
      people += gi.population_share;
      within += gi.within_contribution;
      between += gi.between_contribution;
      EXPECT_GE(gi.between_contribution, 0.0);
      EXPECT_NEAR(gi.within_contribution, gi.quantity_share * gi.index, 1e-16);
    }
    EXPECT_NEAR(shares, 1.0, 1e-15);
    EXPECT_NEAR(people, 1.0, 1e-15);
    EXPECT_NEAR(within, d.within, 1e-16);
    EXPECT_NEAR(between, d.between, 1e-16);
  }
}

TEST_P(Groupings, MldAddsUp) {
  const codes& g = GetParam().groups;
  const vec ones(dv.size(), 1.0);
  for (const vec& w : {ones, dw}) {
    const auto d = cp::mld_decomposition(dv, g, w);
    EXPECT_NEAR(d.between + d.within, d.total, 1e-15);
    EXPECT_DOUBLE_EQ(d.total, cp::mld(dv, w));
    EXPECT_NEAR(d.between, cp::mld(smoothed(dv, w, g), w), 1e-15);
    for (const auto& gi : d.groups)
      EXPECT_NEAR(gi.within_contribution, gi.population_share * gi.index, 1e-16);
  }
}

TEST_P(Groupings, ParityAveragesToOne) {
  const codes& g = GetParam().groups;
  const auto parity = cp::parity_ratio(dv, g, dw);
  double mean = 0;
  for (const auto& gp : parity) {
    mean += gp.population_share * gp.ratio;
    EXPECT_NEAR(gp.ratio, gp.quantity_share / gp.population_share, 1e-14);
  }
  EXPECT_NEAR(mean, 1.0, 1e-15);
}

TEST(InequalityDecomposition, ExtremeGroupings) {
  const auto one = cp::theil_decomposition(dv, codes(10, 4));
  EXPECT_EQ(one.between, 0.0);
  EXPECT_NEAR(one.within, one.total, 1e-15);
  ASSERT_EQ(one.groups.size(), 1u);
  EXPECT_EQ(one.groups[0].group, 4u);
  const auto each = cp::mld_decomposition(dv, codes{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  EXPECT_EQ(each.within, 0.0);
  EXPECT_NEAR(each.between, each.total, 1e-15);
}

TEST(InequalityDecomposition, RandomGroupingsAddUp) {
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> value(0.0, 100.0), weight(0.1, 20.0);
  for (int trial = 0; trial < 50; ++trial) {
    const std::size_t n = 1 + rng() % 300, k = 1 + rng() % 12;
    vec v(n), w(n);
    codes g(n);
    for (std::size_t i = 0; i < n; ++i) {
      v[i] = value(rng);
      w[i] = weight(rng);
      g[i] = rng() % k;
    }
    const auto t = cp::theil_decomposition(v, g, w);
    const auto l = cp::mld_decomposition(v, g, w);
    EXPECT_NEAR(t.between + t.within, t.total, 1e-14);
    EXPECT_NEAR(l.between + l.within, l.total, 1e-14);
  }
}

TEST(InequalityDecomposition, GroupHoldingNothing) {
  // Values (0, 0, 2, 4) in groups (0, 0, 1, 1): group 0 holds nothing; T_0 = 0.
  const auto d = cp::theil_decomposition(vec{0, 0, 2, 4}, codes{0, 0, 1, 1});
  EXPECT_EQ(d.groups[0].index, 0.0);
  EXPECT_EQ(d.groups[0].quantity_share, 0.0);
  // between: everybody holds the group mean: (0, 0, 3, 3), mu = 1.5, r = (0, 0, 2, 2):
  // T = (1/4)(2 * 2 ln 2) = ln 2.
  EXPECT_NEAR(d.between, std::log(2.0), 1e-15);
  EXPECT_NEAR(d.between + d.within, d.total, 1e-15);
  expect_input_error([] { cp::mld_decomposition(vec{0, 0, 2, 4}, codes{0, 0, 1, 1}); }, "values");
}

TEST(InequalityDecomposition, NothingHeldAtAll) {
  const auto d = cp::theil_decomposition(vec{0, 0, 0}, codes{0, 1, 1});
  EXPECT_EQ(d.total, 0.0);
  EXPECT_EQ(d.between, 0.0);
  EXPECT_EQ(d.within, 0.0);
  EXPECT_NEAR(d.groups[1].quantity_share, 2.0 / 3.0, 1e-15);
  const auto p = cp::parity_ratio(vec{0, 0, 0}, codes{0, 1, 1});
  EXPECT_EQ(p[0].ratio, 1.0);
  EXPECT_EQ(p[1].ratio, 1.0);
}

TEST(InequalityDecomposition, RejectsBadGroups) {
  expect_input_error([] { cp::theil_decomposition(one_to_four, codes{0, 1}); }, "groups");
  expect_input_error([] { cp::mld_decomposition(one_to_four, codes{0, 1, 1, 1, 1}); }, "groups");
  expect_input_error([] { cp::parity_ratio(one_to_four, codes{}); }, "groups");
  expect_input_error([] { cp::parity_ratio(vec{}, codes{}); }, "values");
  expect_input_error([] { cp::parity_ratio(one_to_four, codes{0, 0, 1, 1}, vec{1, 1}); },
                     "weights");
}

TEST(InequalityParity, HandWorked) {
  // Decision power (1, 2, 3, 4): service users hold 1 and 2, staff 3 and 4. Users are half
  // the people and hold 3/10 of the power: ratio 0.3 / 0.5 = 0.6; staff 0.7 / 0.5 = 1.4.
  const auto p = cp::parity_ratio(one_to_four, codes{0, 0, 1, 1});
  ASSERT_EQ(p.size(), 2u);
  EXPECT_NEAR(p[0].ratio, 0.6, 1e-15);
  EXPECT_NEAR(p[1].ratio, 1.4, 1e-15);
  EXPECT_NEAR(p[0].quantity_share, 0.3, 1e-15);
  // Weighted: a group of 9 service users holding 1 each (as one entry) and 4 staff holding
  // 3 each: total 9 + 12 = 21 over 13 people; users hold 9/21 with 9/13 of the people:
  // ratio (9/21)/(9/13) = 13/21; staff (12/21)/(4/13) = 13/7.
  const auto w = cp::parity_ratio(vec{1, 3}, codes{5, 2}, vec{9, 4});
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].group, 2u);  // ascending by code
  EXPECT_NEAR(w[0].ratio, 13.0 / 7.0, 1e-15);
  EXPECT_NEAR(w[1].ratio, 13.0 / 21.0, 1e-15);
  EXPECT_NEAR(w[1].population_share, 9.0 / 13.0, 1e-15);
}

TEST(InequalityParity, ZeroWeightGroupIsNotListed) {
  const auto p = cp::parity_ratio(vec{1, 2, 3}, codes{0, 1, 2}, vec{1, 0, 1});
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].group, 0u);
  EXPECT_EQ(p[1].group, 2u);
  // (1, 3) over 2 people: mean 2; ratios 0.5 and 1.5.
  EXPECT_NEAR(p[0].ratio, 0.5, 1e-15);
  EXPECT_NEAR(p[1].ratio, 1.5, 1e-15);
}
