// The resampling statistics: the generator against published test vectors and its own
// definition; draws identical for 1, 2 and 4 threads; exact permutation tests against
// relabellings enumerated by hand; the Phipson-Smyth p-value; intervals (percentile, basic,
// BCa) against values computed by hand; every fast kernel (the Gini from counts, the
// leave-one-out Gini, the decision sums, the vertex bootstrap) against the plain computation
// of the same resample; and the refusal of bad arguments.

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "coproduction/detail/registry.hpp"
#include "coproduction/io/json.hpp"
#include "coproduction/metrics/inequality.hpp"
#include "coproduction/stats/bootstrap.hpp"
#include "coproduction/stats/interval.hpp"
#include "coproduction/stats/permutation.hpp"
#include "coproduction/stats/resample_measure.hpp"
#include "coproduction/stats/resampling.hpp"
#include "coproduction/stats/rng.hpp"

namespace cp = coproduction;

namespace {

#ifndef COPRODUCTION_EXAMPLE_DATA
#define COPRODUCTION_EXAMPLE_DATA "python/coproduction/data"
#endif

cp::Network example(const std::string& name) {
  return cp::read_json_file(std::filesystem::path(COPRODUCTION_EXAMPLE_DATA) / (name + ".json"));
}

// Throws an input_error whose where() is `where`.
template <class F>
void expect_input_error(F f, const std::string& where) {
  try {
    f();
    ADD_FAILURE() << "no input_error for " << where;
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), where) << e.what();
  }
}

std::vector<double> spread_values(std::size_t n, std::uint64_t seed) {
  cp::draw_generator g(seed, 999);
  std::vector<double> v(n);
  for (auto& x : v) x = std::floor(g.uniform() * 1000) / 10;  // ties on purpose
  return v;
}

// ---- the generator -------------------------------------------------------------------

TEST(Generator, SplitMix64MatchesPublishedVectors) {
  // The reference implementation (Vigna, splitmix64.c) from state 0 and from 1234567.
  std::uint64_t s = 0;
  EXPECT_EQ(cp::splitmix64_next(s), 0xE220A8397B1DCDAFull);
  s = 1234567;
  const std::uint64_t want[] = {6457827717110365317ull, 3203168211198807973ull,
                                9817491932198370423ull, 4593380528125082431ull,
                                16408922859458223821ull};
  for (std::uint64_t w : want) EXPECT_EQ(cp::splitmix64_next(s), w);
}

TEST(Generator, Xoshiro256StarStarMatchesPublishedVectors) {
  // From the state {1, 2, 3, 4}: the test vector of the reference implementation (the first
  // two are also easy by hand: rotl(2 * 5, 7) * 9 = 11520, then s[1] becomes 0).
  cp::draw_generator g(std::array<std::uint64_t, 4>{1, 2, 3, 4});
  const std::uint64_t want[] = {11520ull, 0ull, 1509978240ull, 1215971899390074240ull};
  for (std::uint64_t w : want) EXPECT_EQ(g(), w);
}

TEST(Generator, DrawStateFollowsItsDefinition) {
  for (std::uint64_t seed : {0ull, 1ull, 42ull, 0xFFFFFFFFFFFFFFFFull})
    for (std::uint64_t draw : {0ull, 1ull, 2ull, 123456789ull}) {
      std::uint64_t x = cp::splitmix64_mix(seed + cp::splitmix64_mix(draw));
      std::array<std::uint64_t, 4> state{};
      for (auto& w : state) w = cp::splitmix64_next(x);
      cp::draw_generator by_definition(state), g(seed, draw);
      for (int i = 0; i < 8; ++i) EXPECT_EQ(g(), by_definition());
    }
}

TEST(Generator, ThirtyTwoBitNumbersAreTheHalvesOfWords) {
  cp::draw_generator g(5, 6), words(5, 6);
  for (int i = 0; i < 10; ++i) {
    const std::uint64_t w = words();
    EXPECT_EQ(g.next32(), static_cast<std::uint32_t>(w));
    EXPECT_EQ(g.next32(), static_cast<std::uint32_t>(w >> 32));
  }
  // below32 is Lemire's method on those halves: the high half of x * bound, except on a
  // rejection, which for bound 10 needs a low half below 2^32 mod 10 = 6 (rare).
  cp::draw_generator h(8, 1), raw(8, 1);
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t m = std::uint64_t{raw.next32()} * 10;
    ASSERT_GE(static_cast<std::uint32_t>(m), 6u);
    EXPECT_EQ(h.below32(10), static_cast<std::uint32_t>(m >> 32));
  }
  std::array<int, 7> counts{};
  for (int i = 0; i < 70000; ++i) ++counts[h.below32(7)];
  double chi2 = 0;
  for (int c : counts) chi2 += (c - 10000.0) * (c - 10000.0) / 10000.0;
  EXPECT_LT(chi2, 22.5);  // 6 degrees of freedom, 0.999 quantile
}

TEST(Generator, DrawsAreDistinctAndRepeatable) {
  std::set<std::uint64_t> first;
  for (std::uint64_t d = 0; d < 1000; ++d) {
    cp::draw_generator a(7, d), b(7, d);
    const std::uint64_t x = a();
    EXPECT_EQ(x, b());
    first.insert(x);
  }
  EXPECT_EQ(first.size(), 1000u);  // no two draws start alike
  cp::draw_generator s1(1, 0), s2(2, 0);
  EXPECT_NE(s1(), s2());
}

TEST(Generator, BelowIsInRangeAndUniform) {
  cp::draw_generator g(3, 0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(g.below(1), 0u);
  const std::uint64_t big = (std::uint64_t{1} << 63) + 12345;
  for (int i = 0; i < 1000; ++i) EXPECT_LT(g.below(big), big);
  // Chi-square of 60,000 draws below 6 (5 degrees of freedom; 20.5 is the 0.999 quantile).
  std::array<int, 6> counts{};
  for (int i = 0; i < 60000; ++i) ++counts[g.below(6)];
  double chi2 = 0;
  for (int c : counts) chi2 += (c - 10000.0) * (c - 10000.0) / 10000.0;
  EXPECT_LT(chi2, 20.5);
  for (int i = 0; i < 1000; ++i) {
    const double u = g.uniform();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

// ---- the same draws for every thread count ---------------------------------------------

TEST(Threads, BootstrapOfValuesIsIdenticalFor1To4Threads) {
  const std::vector<double> v = spread_values(300, 1);
  for (cp::sample_statistic s : {cp::sample_statistic::gini, cp::sample_statistic::theil,
                                 cp::sample_statistic::mean}) {
    std::vector<std::vector<double>> draws;
    for (unsigned t : {1u, 2u, 4u}) {
      cp::bootstrap_options o;
      o.draws = 500, o.seed = 11, o.threads = t, o.method = cp::interval_method::bca;
      cp::bootstrap_result r = cp::bootstrap(v, s, o);
      draws.push_back(r.draws);
      draws.push_back(r.jackknife);
    }
    EXPECT_EQ(draws[0], draws[2]);
    EXPECT_EQ(draws[0], draws[4]);
    EXPECT_EQ(draws[1], draws[3]);
    EXPECT_EQ(draws[1], draws[5]);
  }
}

TEST(Threads, PermutationTestsAreIdenticalFor1To4Threads) {
  const std::vector<double> v = spread_values(200, 2);
  std::vector<std::size_t> g(200);
  for (std::size_t i = 0; i < g.size(); ++i) g[i] = i % 3 == 0;
  const std::vector<double> second = spread_values(200, 3);
  std::vector<std::vector<double>> two, paired;
  for (unsigned t : {1u, 2u, 4u}) {
    cp::permutation_options o;
    o.draws = 999, o.seed = 5, o.threads = t;
    two.push_back(cp::permutation_test(v, g, cp::group_statistic::gini_gap, o).null);
    paired.push_back(cp::paired_permutation_test(v, second, cp::group_statistic::gini_gap, o).null);
  }
  EXPECT_EQ(two[0], two[1]);
  EXPECT_EQ(two[0], two[2]);
  EXPECT_EQ(paired[0], paired[1]);
  EXPECT_EQ(paired[0], paired[2]);
}

TEST(Threads, BootstrapOfMeasuresIsIdenticalFor1To4Threads) {
  const cp::Network net = example("twam_partners_2013");
  cp::measure_options mo;
  mo.groups.assign(net.num_stakeholders(), 0);
  for (std::size_t v = 0; v < net.num_stakeholders(); ++v)
    mo.groups[v] = net.stakeholder_at(v).is_convenor() ? 1 : 0;
  mo.group = 0;
  const std::pair<std::string, cp::resampling_unit> cases[] = {
      {"power_share", cp::resampling_unit::decisions},
      {"density", cp::resampling_unit::relations},
      {"degree_centralization", cp::resampling_unit::stakeholders},
      {"ei_index", cp::resampling_unit::stakeholders}};
  for (const auto& [name, unit] : cases) {
    std::vector<std::vector<double>> draws;
    for (unsigned t : {1u, 2u, 4u}) {
      cp::measure_bootstrap_options o;
      o.draws = 200, o.seed = 9, o.threads = t;
      draws.push_back(cp::bootstrap_measure(net, name, unit, mo, o).draws);
    }
    EXPECT_EQ(draws[0], draws[1]) << name;
    EXPECT_EQ(draws[0], draws[2]) << name;
  }
}

// ---- exact permutation tests, by hand ------------------------------------------------------

TEST(Permutation, ExactMeanGapOfFiveValues) {
  // Group 1 = {4, 5}: C(5, 2) = 10 relabellings. The mean gap of a pair with sum S is
  // S/2 - (15 - S)/3 = (5S - 30)/6; pair sums 3,4,5,5,6,6,7,7,8,9.
  const std::vector<double> v{1, 2, 3, 4, 5};
  const std::vector<std::size_t> g{0, 0, 0, 1, 1};
  cp::permutation_options o;
  o.draws = 100;
  const cp::permutation_result r = cp::permutation_test(v, g, cp::group_statistic::mean_gap, o);
  EXPECT_TRUE(r.exact);
  ASSERT_EQ(r.null.size(), 10u);
  std::vector<double> got = r.null, want;
  for (double s : {3, 4, 5, 5, 6, 6, 7, 7, 8, 9}) want.push_back((5 * s - 30) / 6);
  std::sort(got.begin(), got.end());
  for (std::size_t i = 0; i < 10; ++i) EXPECT_NEAR(got[i], want[i], 1e-12);
  EXPECT_DOUBLE_EQ(r.observed, 2.5);
  EXPECT_DOUBLE_EQ(r.p_greater, 0.1);  // only the observed pair
  EXPECT_DOUBLE_EQ(r.p_less, 1.0);
  EXPECT_DOUBLE_EQ(r.p_value, 0.2);  // twice the smaller
  EXPECT_EQ(r.standard_error, 0.0);
  o.alternative = cp::test_alternative::less;
  EXPECT_DOUBLE_EQ(cp::permutation_test(v, g, cp::group_statistic::mean_gap, o).p_value, 1.0);
}

TEST(Permutation, ExactShareGapAndParityGiveTheSamePValue) {
  const std::vector<double> v{1, 2, 3, 4, 5};
  const std::vector<std::size_t> g{0, 0, 0, 1, 1};
  cp::permutation_options o;
  o.draws = 10;  // exactly C(5, 2): still exact
  const auto share = cp::permutation_test(v, g, cp::group_statistic::share_gap, o);
  const auto parity = cp::permutation_test(v, g, cp::group_statistic::parity, o);
  EXPECT_TRUE(share.exact);
  EXPECT_DOUBLE_EQ(share.observed, 9.0 / 15 - 2.0 / 5);
  EXPECT_DOUBLE_EQ(parity.observed, (9.0 / 15) / (2.0 / 5));
  EXPECT_DOUBLE_EQ(share.p_value, 0.2);
  EXPECT_DOUBLE_EQ(parity.p_value, 0.2);
}

TEST(Permutation, ExactGiniGapOfFourValues) {
  // Two values a, b: G = |a - b| / (2 (a + b)). Group 1 = {2, 3} (G 0.1), group 0 = {0, 1}
  // (G 0.5): gap -0.4. The six splits give 0.4, 0.25, 1/3, -1/3, -0.25, -0.4.
  const std::vector<double> v{0, 1, 2, 3};
  const std::vector<std::size_t> g{0, 0, 1, 1};
  cp::permutation_options o;
  o.draws = 1000;
  const auto r = cp::permutation_test(v, g, cp::group_statistic::gini_gap, o);
  EXPECT_TRUE(r.exact);
  ASSERT_EQ(r.null.size(), 6u);
  std::vector<double> got = r.null;
  std::sort(got.begin(), got.end());
  const double want[] = {-0.4, -1.0 / 3, -0.25, 0.25, 1.0 / 3, 0.4};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(got[i], want[i], 1e-12);
  EXPECT_NEAR(r.observed, -0.4, 1e-12);
  EXPECT_NEAR(r.p_less, 1.0 / 6, 1e-15);
  EXPECT_NEAR(r.p_value, 1.0 / 3, 1e-15);
}

TEST(Permutation, ExactPairedSignFlips) {
  // Differences 1, 2, 4 (mean 7/3); the 8 sign patterns give sums +-1 +-2 +-4 =
  // 7, 5, 3, 1, -1, -3, -5, -7: one as large as the observed.
  const std::vector<double> a{1, 2, 3}, b{2, 4, 7};
  cp::permutation_options o;
  o.draws = 8;
  const auto r = cp::paired_permutation_test(a, b, cp::group_statistic::mean_gap, o);
  EXPECT_TRUE(r.exact);
  ASSERT_EQ(r.null.size(), 8u);
  std::vector<double> got = r.null;
  std::sort(got.begin(), got.end());
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(got[i], (2 * i - 7) / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.p_greater, 1.0 / 8);
  EXPECT_DOUBLE_EQ(r.p_value, 0.25);
  o.draws = 7;  // fewer than 2^3: sampled, Phipson-Smyth
  EXPECT_FALSE(cp::paired_permutation_test(a, b, cp::group_statistic::mean_gap, o).exact);
}

TEST(Permutation, PairedGiniGapIsTheGapOfTheWaves) {
  const std::vector<double> a{1, 2, 3, 10}, b{2, 2, 2, 2};
  cp::permutation_options o;
  o.draws = 16;
  const auto r = cp::paired_permutation_test(a, b, cp::group_statistic::gini_gap, o);
  EXPECT_NEAR(r.observed, cp::gini(b) - cp::gini(a), 1e-12);
  // Every pattern's value is the Gini gap of the swapped waves.
  for (std::size_t pattern = 0; pattern < 16; ++pattern) {
    std::vector<double> x = a, y = b;
    for (std::size_t i = 0; i < 4; ++i)
      if ((pattern >> i) & 1u) std::swap(x[i], y[i]);
    EXPECT_NEAR(r.null[pattern], cp::gini(y) - cp::gini(x), 1e-12) << pattern;
  }
}

TEST(Permutation, SampledRelabellingsMatchThePlainStatistic) {
  // The Gini gap of the sampled relabellings lies among the Gini gaps of some relabelling:
  // checked through its sum of squares (invariant) and, for the mean gap, through the exact
  // distribution's support on a small case.
  const std::vector<double> v{1, 2, 3, 4, 5, 6, 7};
  const std::vector<std::size_t> g{0, 0, 0, 0, 1, 1, 1};
  cp::permutation_options o;
  o.draws = 20;  // C(7, 3) = 35 > 20: sampled
  const auto sampled = cp::permutation_test(v, g, cp::group_statistic::mean_gap, o);
  EXPECT_FALSE(sampled.exact);
  o.draws = 35;
  const auto exact = cp::permutation_test(v, g, cp::group_statistic::mean_gap, o);
  EXPECT_TRUE(exact.exact);
  for (double t : sampled.null) {
    bool found = false;
    for (double u : exact.null) found = found || std::abs(t - u) < 1e-12;
    EXPECT_TRUE(found) << t;
  }
  // The Gini gap's sampled relabellings (sequential selection) likewise.
  const std::vector<double> w{0.5, 1, 2, 3, 5, 8, 13, 21};
  const std::vector<std::size_t> h{0, 1, 0, 1, 0, 1, 0, 1};
  o.draws = 40;  // C(8, 4) = 70 > 40
  const auto gini_sampled = cp::permutation_test(w, h, cp::group_statistic::gini_gap, o);
  EXPECT_FALSE(gini_sampled.exact);
  o.draws = 70;
  const auto gini_exact = cp::permutation_test(w, h, cp::group_statistic::gini_gap, o);
  std::set<long long> seen;
  for (double t : gini_sampled.null) {
    bool found = false;
    for (std::size_t i = 0; i < gini_exact.null.size(); ++i)
      if (std::abs(t - gini_exact.null[i]) < 1e-12) found = true, seen.insert(static_cast<long long>(i));
    EXPECT_TRUE(found) << t;
  }
  EXPECT_GT(seen.size(), 10u);  // many different relabellings, not one repeated
  EXPECT_DOUBLE_EQ(sampled.p_value,
                   cp::permutation_p_value(sampled.observed, sampled.null, false,
                                           cp::test_alternative::two_sided)
                       .p_value);
}

TEST(Permutation, CombinationUnrankingWalksLexicographicOrder) {
  std::vector<std::size_t> c{0, 1, 2};
  std::uint64_t rank = 0;
  do {
    std::vector<std::size_t> u;
    cp::detail::unrank_combination(rank++, 7, 3, u);
    EXPECT_EQ(u, c);
  } while (cp::detail::next_combination(c, 7));
  EXPECT_EQ(rank, 35u);
  EXPECT_EQ(cp::detail::binomial_at_most(50, 25, 1ull << 62), 126410606437752ull);
  EXPECT_EQ(cp::detail::binomial_at_most(60, 30, 1000), 1001u);
}

// ---- p-values ------------------------------------------------------------------------------

TEST(PValue, PhipsonSmythCountsTheObserved) {
  // Monte Carlo: p = (b + 1) / (B + 1).
  auto r = cp::permutation_p_value(1.0, {0, 0, 0, 0}, false, cp::test_alternative::greater);
  EXPECT_DOUBLE_EQ(r.p_value, 1.0 / 5);
  EXPECT_DOUBLE_EQ(r.standard_error, std::sqrt(0.2 * 0.8 / 4));
  r = cp::permutation_p_value(1.0, {0, 0, 2, 3}, false, cp::test_alternative::greater);
  EXPECT_DOUBLE_EQ(r.p_value, 3.0 / 5);
  EXPECT_DOUBLE_EQ(r.p_less, 3.0 / 5);
  r = cp::permutation_p_value(1.0, {0, 0, 2, 3}, false, cp::test_alternative::two_sided);
  EXPECT_DOUBLE_EQ(r.p_value, 1.0);  // 2 * 0.6, capped
  EXPECT_DOUBLE_EQ(r.standard_error, 2 * std::sqrt(0.6 * 0.4 / 4));
  // Exact: p = b / B, no standard error.
  r = cp::permutation_p_value(1.0, {0, 0, 2, 3}, true, cp::test_alternative::greater);
  EXPECT_DOUBLE_EQ(r.p_value, 0.5);
  EXPECT_EQ(r.standard_error, 0.0);
  // A value equal up to rounding is a tie, both ways.
  r = cp::permutation_p_value(1.0, {1.0 + 1e-15, 1.0 - 1e-15}, true, cp::test_alternative::greater);
  EXPECT_DOUBLE_EQ(r.p_greater, 1.0);
  EXPECT_DOUBLE_EQ(r.p_less, 1.0);
}

// ---- intervals -----------------------------------------------------------------------------

TEST(Interval, NormalDistributionAgainstTables) {
  EXPECT_NEAR(cp::normal_quantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(cp::normal_quantile(0.1), -1.2815515655446004, 1e-14);
  EXPECT_NEAR(cp::normal_quantile(0.3), -0.5244005127080409, 1e-14);
  EXPECT_NEAR(cp::normal_quantile(1e-10), -6.361340902404056, 1e-12);
  EXPECT_NEAR(cp::normal_quantile(1 - 1e-12), 7.0344869100478356, 1e-6);
  EXPECT_EQ(cp::normal_quantile(0.5), 0.0);
  EXPECT_TRUE(std::isinf(cp::normal_quantile(0)));
  EXPECT_NEAR(cp::normal_cdf(1.96), 0.9750021048517795, 1e-15);
}

TEST(Interval, QuantileIsNumpysLinear) {
  const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_DOUBLE_EQ(cp::quantile_sorted(x, 0.1), 1.9);   // h = 0.9
  EXPECT_DOUBLE_EQ(cp::quantile_sorted(x, 0.9), 9.1);   // h = 8.1
  EXPECT_DOUBLE_EQ(cp::quantile_sorted(x, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(cp::quantile_sorted(x, 1.0), 10.0);
  EXPECT_DOUBLE_EQ(cp::quantile_sorted(x, 0.5), 5.5);
}

TEST(Interval, PercentileBasicAndBcaByHand) {
  const std::vector<double> draws{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  // Percentile at 80%: Q(0.1) = 1.9, Q(0.9) = 9.1; basic around 4.5: 9 - 9.1, 9 - 1.9.
  EXPECT_EQ(cp::percentile_interval(draws, 0.8), (cp::interval{1.9, 9.1}));
  const cp::interval basic = cp::basic_interval(draws, 4.5, 0.8);
  EXPECT_NEAR(basic.low, -0.1, 1e-12);
  EXPECT_NEAR(basic.high, 7.1, 1e-12);
  // BCa: 4 draws below 4.5, none equal: z0 = Phi^-1(0.4) = -0.2533471031357997.
  // Jackknife 1, 2, 3, 6 (mean 3): deviations 2, 1, 0, -3, sum of squares 14, of cubes -18:
  // a = -18 / (6 * 14^1.5) = -0.05727026612409094.
  // a1 = Phi(z0 + (z0 + z) / (1 - a (z0 + z))) with z = -+1.2815515655446004: 0.026423258585524974
  // and 0.7635220797856893; Q(a1) = 1 + 9 a1, Q(a2) = 7 + (9 a2 - 6).
  const std::vector<double> jackknife{1, 2, 3, 6};
  EXPECT_NEAR(cp::bca_bias(draws, 4.5), -0.2533471031357997, 1e-14);
  EXPECT_NEAR(cp::bca_acceleration(jackknife), -0.05727026612409094, 1e-15);
  const cp::interval bca = cp::bca_interval(draws, 4.5, jackknife, 0.8);
  EXPECT_NEAR(bca.low, 1 + 9 * 0.026423258585524974, 1e-12);
  EXPECT_NEAR(bca.high, 7 + (9 * 0.7635220797856893 - 6), 1e-12);
  // A tie with the estimate counts half: 4 below, 1 equal -> (4 + 5) / 20.
  EXPECT_NEAR(cp::bca_bias(draws, 5.0), cp::normal_quantile(0.45), 1e-15);
  // The estimate outside the draws: undefined.
  EXPECT_TRUE(std::isnan(cp::bca_interval(draws, 11.0, jackknife, 0.8).low));
  // Equal jackknife values: no acceleration.
  EXPECT_EQ(cp::bca_acceleration(std::vector<double>{2, 2, 2}), 0.0);
}

// ---- the bootstrap of values ---------------------------------------------------------------

TEST(BootstrapValues, EachDrawIsTheStatisticOfItsResample) {
  const std::vector<double> v = spread_values(57, 4);
  std::vector<double> ascending = v;  // a resample draws ranks of the values sorted
  std::stable_sort(ascending.begin(), ascending.end());
  for (cp::sample_statistic s :
       {cp::sample_statistic::gini, cp::sample_statistic::mean, cp::sample_statistic::theil,
        cp::sample_statistic::palma, cp::sample_statistic::atkinson}) {
    cp::bootstrap_options o;
    o.draws = 40, o.seed = 3, o.threads = 2;
    const cp::bootstrap_result r = cp::bootstrap(v, s, o, s == cp::sample_statistic::atkinson ? 0.5 : NAN);
    for (std::size_t d = 0; d < o.draws; ++d) {
      cp::draw_generator g(o.seed, d);
      std::vector<std::size_t> idx;
      cp::draw_indices(g, v.size(), idx);
      std::vector<double> sample;
      for (auto i : idx) sample.push_back(ascending[i]);
      double want = 0;
      switch (s) {
        case cp::sample_statistic::gini: want = cp::gini(sample); break;
        case cp::sample_statistic::theil: want = cp::theil(sample); break;
        case cp::sample_statistic::palma: want = cp::palma(sample); break;
        case cp::sample_statistic::atkinson: want = cp::atkinson(sample, 0.5); break;
        default:
          want = std::accumulate(sample.begin(), sample.end(), 0.0) / static_cast<double>(sample.size());
      }
      EXPECT_NEAR(r.draws[d], want, 1e-12 * std::max(1.0, std::abs(want)))
          << cp::name_of(s) << " draw " << d;
    }
  }
}

TEST(BootstrapValues, JackknifeLeavesEachValueOut) {
  const std::vector<double> v = spread_values(40, 6);
  for (cp::sample_statistic s :
       {cp::sample_statistic::gini, cp::sample_statistic::mean, cp::sample_statistic::hoover}) {
    cp::bootstrap_options o;
    o.draws = 10, o.method = cp::interval_method::bca;
    const cp::bootstrap_result r = cp::bootstrap(v, s, o);
    ASSERT_EQ(r.jackknife.size(), v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::vector<double> rest = v;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
      const double want = cp::sample_statistic_value(s, rest);
      EXPECT_NEAR(r.jackknife[i], want, 1e-12) << cp::name_of(s) << " without " << i;
    }
    EXPECT_EQ(r.bounds, cp::bca_interval(r.draws, r.estimate, r.jackknife, 0.95));
  }
}

TEST(BootstrapValues, IntervalsAreReadFromTheDraws) {
  const std::vector<double> v = spread_values(100, 8);
  cp::bootstrap_options o;
  o.draws = 300;
  o.method = cp::interval_method::basic;
  const cp::bootstrap_result r = cp::bootstrap(v, cp::sample_statistic::gini, o);
  EXPECT_EQ(r.bounds, cp::basic_interval(r.draws, r.estimate, 0.95));
  EXPECT_DOUBLE_EQ(r.estimate, cp::gini(v));
  EXPECT_EQ(r.undefined, 0u);
}

// ---- the bootstrap of measures -------------------------------------------------------------

// `net` with its decisions replaced by the decisions drawn (decision `scope[i]` for each i
// of `drawn`), each under a new id: the resampled partnership written out.
cp::Network with_decisions(const cp::Network& net, const std::vector<std::size_t>& scope,
                           const std::vector<std::size_t>& drawn) {
  cp::Network out;
  for (std::size_t v = 0; v < net.num_stakeholders(); ++v) out.add_stakeholder(net.stakeholder_at(v));
  for (const cp::Project& p : net.projects()) out.add_project(p);
  for (std::size_t k = 0; k < drawn.size(); ++k) {
    cp::Decision d = net.decisions()[scope[drawn[k]]];
    d.id += "#" + std::to_string(k);
    out.add_decision(d);
  }
  return out;
}

TEST(BootstrapMeasures, DecisionDrawsEqualTheResampledNetwork) {
  const cp::Network net = example("twam_partners_2013");
  cp::measure_options mo;
  mo.groups.assign(net.num_stakeholders(), 0);
  for (std::size_t v = 0; v < net.num_stakeholders(); ++v)
    mo.groups[v] = net.stakeholder_at(v).is_convenor() ? 0 : 1;
  mo.group = 1;
  std::vector<std::size_t> scope(net.num_decisions());
  std::iota(scope.begin(), scope.end(), std::size_t{0});
  for (const std::string name : {"power_share", "convenor_carried_share", "gini"}) {
    cp::measure_bootstrap_options o;
    o.draws = 25, o.seed = 17;
    const cp::bootstrap_result r =
        cp::bootstrap_measure(net, name, cp::resampling_unit::decisions, mo, o);
    EXPECT_NEAR(r.estimate, cp::compute_measure(name, net, mo).value, 1e-15);
    for (std::size_t d = 0; d < o.draws; ++d) {
      cp::draw_generator g(o.seed, d);
      std::vector<std::size_t> idx;
      cp::draw_indices(g, scope.size(), idx);
      const cp::Network boot = with_decisions(net, scope, idx);
      double want = NAN;
      try {
        want = cp::compute_measure(name, boot, mo).value;
      } catch (const cp::input_error&) {
      }
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(r.draws[d])) << name << " draw " << d;
      } else {
        EXPECT_NEAR(r.draws[d], want, 1e-12) << name << " draw " << d;
      }
    }
  }
}

TEST(BootstrapMeasures, DecisionPowerOfOneStakeholder) {
  const cp::Network net = example("nml_collaboration_types");
  cp::measure_options mo;
  mo.project = "co_design";
  std::vector<std::size_t> scope;
  for (std::size_t k = 0; k < net.num_decisions(); ++k)
    if (net.decisions()[k].project == "co_design") scope.push_back(k);
  const std::size_t who = net.vertex("co_design_young_people");
  cp::measure_bootstrap_options o;
  o.draws = 20, o.seed = 2, o.stakeholder = who;
  const auto r = cp::bootstrap_measure(net, "decision_power", cp::resampling_unit::decisions, mo, o);
  for (std::size_t d = 0; d < o.draws; ++d) {
    cp::draw_generator g(o.seed, d);
    std::vector<std::size_t> idx;
    cp::draw_indices(g, scope.size(), idx);
    const cp::Network boot = with_decisions(net, scope, idx);
    EXPECT_NEAR(r.draws[d], cp::compute_measure("decision_power", boot, mo).per_stakeholder[who],
                1e-12);
  }
}

// Density of distinct ties (no loops) over ordered pairs, from an adjacency set.
double density_of(const std::set<std::pair<std::size_t, std::size_t>>& ties, std::size_t n) {
  return static_cast<double>(ties.size()) / static_cast<double>(n * (n - 1));
}

TEST(BootstrapMeasures, RelationDrawsAreDensitiesOfTheDrawnRelations) {
  const cp::Network net = example("twam_partners_2013");
  const cp::measure_options mo;
  const cp::layer_edges e = cp::edges_of(net, mo.layer);
  cp::measure_bootstrap_options o;
  o.draws = 30, o.seed = 4;
  const auto r = cp::bootstrap_measure(net, "density", cp::resampling_unit::relations, mo, o);
  for (std::size_t d = 0; d < o.draws; ++d) {
    cp::draw_generator g(o.seed, d);
    std::vector<std::size_t> idx;
    cp::draw_indices(g, e.source.size(), idx);
    std::set<std::pair<std::size_t, std::size_t>> ties;
    for (auto i : idx)
      if (e.source[i] != e.target[i]) ties.insert({e.source[i], e.target[i]});
    EXPECT_NEAR(r.draws[d], density_of(ties, e.vertices.size()), 1e-12) << d;
  }
}

TEST(BootstrapMeasures, VertexBootstrapFollowsSnijdersBorgatti) {
  // The resample rebuilt as an adjacency matrix of positions from the same stream of random
  // numbers: positions first, then a random observed dyad for each pair of copies.
  const cp::Network net = example("twam_partners_2013");
  cp::measure_options mo;
  mo.layer.types = {"informs", "collaborates", "trusts"};
  const cp::layer_edges e = cp::edges_of(net, mo.layer);
  const std::size_t n = e.vertices.size();
  std::vector<std::vector<char>> tie(n, std::vector<char>(n, 0));
  for (std::size_t i = 0; i < e.source.size(); ++i) tie[e.source[i]][e.target[i]] = 1;
  cp::measure_bootstrap_options o;
  o.draws = 30, o.seed = 21;
  const auto r = cp::bootstrap_measure(net, "density", cp::resampling_unit::stakeholders, mo, o);
  for (std::size_t d = 0; d < o.draws; ++d) {
    cp::draw_generator g(o.seed, d);
    std::vector<std::size_t> sigma;
    cp::draw_indices(g, n, sigma);
    std::size_t ties = 0;
    for (std::size_t p = 0; p < n; ++p)
      for (std::size_t q = p + 1; q < n; ++q) {
        if (sigma[p] != sigma[q]) {
          ties += tie[sigma[p]][sigma[q]] + tie[sigma[q]][sigma[p]];
        } else {
          const std::size_t a = cp::draw_unit(g, n);
          std::size_t b = cp::draw_unit(g, n - 1);
          if (b >= a) ++b;
          ties += tie[a][b] + tie[b][a];
        }
      }
    EXPECT_NEAR(r.draws[d], static_cast<double>(ties) / static_cast<double>(n * (n - 1)), 1e-12) << d;
  }
  EXPECT_NEAR(r.estimate, cp::compute_measure("density", net, mo).value, 1e-15);
}

TEST(BootstrapMeasures, JackknifeOfStakeholdersLeavesOneOut) {
  const cp::Network net = example("twam_partners_2013");
  const cp::measure_options mo;
  const cp::layer_edges e = cp::edges_of(net, mo.layer);
  cp::measure_bootstrap_options o;
  o.draws = 50, o.method = cp::interval_method::bca;
  const auto r = cp::bootstrap_measure(net, "density", cp::resampling_unit::stakeholders, mo, o);
  ASSERT_EQ(r.jackknife.size(), e.vertices.size());
  const std::size_t n = e.vertices.size();
  for (std::size_t left = 0; left < n; ++left) {
    std::set<std::pair<std::size_t, std::size_t>> ties;
    for (std::size_t i = 0; i < e.source.size(); ++i)
      if (e.source[i] != left && e.target[i] != left && e.source[i] != e.target[i])
        ties.insert({e.source[i], e.target[i]});
    EXPECT_NEAR(r.jackknife[left], density_of(ties, n - 1), 1e-12);
  }
}

// ---- refusals ------------------------------------------------------------------------------

TEST(Refusals, BadArgumentsNameTheArgument) {
  const std::vector<double> v{1, 2, 3};
  cp::bootstrap_options b;
  expect_input_error([&] { (void)cp::interval_method_named("normal"); }, "method");
  expect_input_error([&] { (void)cp::sample_statistic_named("median"); }, "statistic");
  expect_input_error([&] { (void)cp::alternative_named("two_sided"); }, "alternative");
  expect_input_error([&] { (void)cp::resampling_unit_named("edges"); }, "unit");
  b.level = 1.5;
  expect_input_error([&] { (void)cp::bootstrap(v, cp::sample_statistic::gini, b); }, "ci");
  b.level = 0.95, b.draws = 0;
  expect_input_error([&] { (void)cp::bootstrap(v, cp::sample_statistic::gini, b); }, "draws");
  b.draws = 10;
  const std::vector<double> with_nan{1, NAN, 3};
  try {
    (void)cp::bootstrap(with_nan, cp::sample_statistic::mean, b);
    ADD_FAILURE();
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "values");
    EXPECT_NE(std::string(e.what()).find("entry 1 is NaN"), std::string::npos) << e.what();
  }
  const std::vector<double> negative{1, -2, 3};
  expect_input_error([&] { (void)cp::bootstrap(negative, cp::sample_statistic::gini, b); }, "values");
  EXPECT_NO_THROW((void)cp::bootstrap(negative, cp::sample_statistic::mean, b));
  expect_input_error([&] { (void)cp::bootstrap(std::vector<double>{}, cp::sample_statistic::mean, b); },
                     "values");

  cp::permutation_options p;
  p.draws = 10;
  const std::vector<std::size_t> bad_codes{0, 2, 1}, one_group{1, 1, 1}, short_groups{0, 1};
  expect_input_error([&] { (void)cp::permutation_test(v, bad_codes, cp::group_statistic::mean_gap, p); },
                     "groups");
  expect_input_error([&] { (void)cp::permutation_test(v, one_group, cp::group_statistic::mean_gap, p); },
                     "groups");
  expect_input_error([&] { (void)cp::permutation_test(v, short_groups, cp::group_statistic::mean_gap, p); },
                     "groups");
  const std::vector<double> zeros{0, 0, 0};
  const std::vector<std::size_t> g{0, 1, 1};
  expect_input_error([&] { (void)cp::permutation_test(zeros, g, cp::group_statistic::share_gap, p); },
                     "values");
  expect_input_error([&] { (void)cp::paired_permutation_test(v, v, cp::group_statistic::parity, p); },
                     "statistic");
  expect_input_error([&] { (void)cp::paired_permutation_test(v, std::vector<double>{1, 2}, cp::group_statistic::mean_gap, p); },
                     "second");
}

TEST(Refusals, MeasuresAndUnitsThatDoNotFit) {
  const cp::Network net = example("nml_collaboration_types");
  cp::measure_options mo;
  mo.project = "co_design";
  cp::measure_bootstrap_options o;
  o.draws = 5;
  expect_input_error([&] { (void)cp::bootstrap_measure(net, "ladder_rung", cp::resampling_unit::decisions, mo, o); },
                     "measure");
  expect_input_error([&] { (void)cp::bootstrap_measure(net, "convenor_carried_share", cp::resampling_unit::relations, mo, o); },
                     "unit");
  expect_input_error([&] { (void)cp::bootstrap_measure(net, "density", cp::resampling_unit::decisions, mo, o); },
                     "unit");
  expect_input_error([&] { (void)cp::bootstrap_measure(net, "degree", cp::resampling_unit::relations, mo, o); },
                     "stakeholder");
  expect_input_error([&] { (void)cp::bootstrap_measure(net, "degree", cp::resampling_unit::stakeholders, mo, o); },
                     "unit");
  expect_input_error([&] { (void)cp::bootstrap_measure(net, "no_such", cp::resampling_unit::relations, mo, o); },
                     "measure");
  EXPECT_TRUE(cp::resampling_units("ladder_rung").empty());
  EXPECT_TRUE(cp::resampling_units("ladder_learning_two_way").empty());
  EXPECT_EQ(cp::resampling_units("ladder_design_joint"),
            std::vector<cp::resampling_unit>{cp::resampling_unit::decisions});
  expect_input_error([&] { (void)cp::bootstrap_measure(net, "ladder_learning_two_way", cp::resampling_unit::decisions, mo, o); },
                     "measure");
  expect_input_error([&] { (void)cp::bootstrap_measure(net, "ladder_design_joint", cp::resampling_unit::relations, mo, o); },
                     "unit");
  EXPECT_EQ(cp::resampling_units("power_share"),
            std::vector<cp::resampling_unit>{cp::resampling_unit::decisions});
  cp::measure_options of_degree;
  of_degree.quantity = "degree";
  EXPECT_EQ(cp::resampling_units("gini", of_degree).size(), 2u);
}

TEST(Stop, AStopRequestInterrupts) {
  const std::vector<double> v = spread_values(2000, 9);
  cp::bootstrap_options o;
  o.draws = 200000, o.threads = 2;
  std::atomic<int> polls{0};
  std::atomic<std::size_t> finished{0};
  o.finished = &finished;
  o.stop_requested = [&] { return ++polls >= 2; };
  EXPECT_THROW((void)cp::bootstrap(v, cp::sample_statistic::theil, o), cp::interrupted);
  EXPECT_GE(polls.load(), 2);
  EXPECT_LT(finished.load(), o.draws);
}

}  // namespace

TEST(LadderCriteria, SharesOfDecisionsAreBootstrappedOverDecisions) {
  // Each criterion that is a weighted share of decisions: the estimate is classify's value,
  // and a draw that takes every decision once (all draws of a one-decision stage are that
  // decision) gives it back.
  const cp::Network net = example("nml_collaboration_types");
  for (const char* project : {"consultation", "engagement", "co_design", "co_production"}) {
    cp::measure_options mo;
    mo.project = project;
    const cp::ladder_result res = cp::classify(net, project);
    for (const char* name : {"partners_consulted", "design_involvement", "design_joint",
                             "delivery_guided", "shared_equally"}) {
      double value = std::nan("");
      for (const auto& c : res.criteria)
        if (c.name == name) value = c.value;
      if (std::isnan(value)) continue;  // a stage without decisions
      cp::measure_bootstrap_options o;
      o.draws = 200;
      o.seed = 4;
      const cp::bootstrap_result b =
          cp::bootstrap_measure(net, std::string("ladder_") + name, cp::resampling_unit::decisions, mo, o);
      EXPECT_DOUBLE_EQ(b.estimate, value) << project << " " << name;
      for (double x : b.draws)
        if (!std::isnan(x)) {
          EXPECT_GE(x, 0.0);
          EXPECT_LE(x, 1.0);
        }
      EXPECT_LE(b.bounds.low, b.bounds.high);
    }
  }
}
