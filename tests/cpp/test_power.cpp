// Power indices of simple games, checked against published values, hand computations and
// brute force written here from the definitions (coalitions and voting orders enumerated).

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/deegan_packel.hpp"
#include "coproduction/power/holler.hpp"
#include "coproduction/power/johnston.hpp"
#include "coproduction/power/minimal_winning.hpp"
#include "coproduction/power/monte_carlo.hpp"
#include "coproduction/power/owen.hpp"
#include "coproduction/power/shapley_shubik.hpp"
#include "coproduction/power/simple_game.hpp"

namespace cp = coproduction;
using weights_t = std::vector<std::int64_t>;

namespace {

void expect_near_all(const std::vector<double>& got, const std::vector<double>& want,
                     double tol) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], tol) << "player " << i;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// ---- brute force from the definitions ------------------------------------------------

bool wins(const weights_t& w, std::int64_t q, const std::vector<std::size_t>& veto,
          std::uint64_t s) {
  std::int64_t total = 0;
  for (std::size_t i = 0; i < w.size(); ++i)
    if (s >> i & 1U) total += w[i];
  for (std::size_t v : veto)
    if (!(s >> v & 1U)) return false;
  return total >= q;
}

// Swing counts eta_i and Shapley-Shubik sums over all coalitions without i.
void brute(const weights_t& w, std::int64_t q, const std::vector<std::size_t>& veto,
           std::vector<double>& banzhaf_abs, std::vector<double>& ss) {
  const std::size_t n = w.size();
  std::vector<double> fact(n + 1, 1.0);
  for (std::size_t k = 1; k <= n; ++k) fact[k] = fact[k - 1] * static_cast<double>(k);
  banzhaf_abs.assign(n, 0.0);
  ss.assign(n, 0.0);
  for (std::uint64_t s = 0; s < (std::uint64_t{1} << n); ++s)
    for (std::size_t i = 0; i < n; ++i) {
      if (s >> i & 1U) continue;
      if (wins(w, q, veto, s | std::uint64_t{1} << i) && !wins(w, q, veto, s)) {
        const auto k = static_cast<std::size_t>(std::popcount(s));
        banzhaf_abs[i] += 1.0 / std::pow(2.0, static_cast<double>(n - 1));
        ss[i] += fact[k] * fact[n - 1 - k] / fact[n];
      }
    }
}

// Owen value as the average marginal contribution over the voting orders in which every
// bloc's members arrive consecutively (Owen 1977's definition).
std::vector<double> brute_owen(const weights_t& w, std::int64_t q,
                               const std::vector<std::size_t>& veto,
                               const std::vector<std::size_t>& bloc) {
  const std::size_t n = w.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<double> value(n, 0.0);
  double consistent = 0;
  do {
    bool ok = true;  // each bloc contiguous
    std::vector<bool> closed(n + 1, false);
    for (std::size_t k = 0; k < n && ok; ++k) {
      if (k > 0 && bloc[order[k]] != bloc[order[k - 1]]) closed[bloc[order[k - 1]]] = true;
      if (closed[bloc[order[k]]]) ok = false;
    }
    if (!ok) continue;
    consistent += 1;
    std::uint64_t s = 0;
    for (std::size_t i : order) {
      const bool before = wins(w, q, veto, s);
      s |= std::uint64_t{1} << i;
      if (!before && wins(w, q, veto, s)) value[i] += 1;
    }
  } while (std::next_permutation(order.begin(), order.end()));
  for (double& x : value) x /= consistent;
  return value;
}

}  // namespace

// ---- published games ---------------------------------------------------------------------

// EEC Council of Ministers 1958-72: France, Germany, Italy 4 votes, Belgium, Netherlands 2,
// Luxembourg 1, quota 12. Felsenthal & Machover (1998), The Measurement of Voting Power,
// give Shapley-Shubik 0.2333 / 0.15 / 0 and Banzhaf swings 10 / 6 / 0 (absolute 10/32 =
// 0.3125, 6/32 = 0.1875; normalised 10/42 = 0.2381, 6/42 = 0.1429): Luxembourg is a dummy.
TEST(PublishedGames, EecCouncil1958) {
  const cp::weighted_game eec({4, 4, 4, 2, 2, 1}, 12);
  expect_near_all(cp::banzhaf(eec, cp::banzhaf_scale::absolute),
                  {0.3125, 0.3125, 0.3125, 0.1875, 0.1875, 0.0}, 1e-14);
  expect_near_all(cp::banzhaf(eec), {10 / 42., 10 / 42., 10 / 42., 6 / 42., 6 / 42., 0.0}, 1e-14);
  expect_near_all(cp::shapley_shubik(eec), {14 / 60., 14 / 60., 14 / 60., 9 / 60., 9 / 60., 0.0},
                  1e-14);
  EXPECT_NEAR(cp::shapley_shubik(eec)[0], 0.2333, 5e-5);
}

// The same game, by hand. Minimal winning coalitions (F, G, I big; B, N medium; L):
// FGI, FGBN, FIBN, GIBN, so |M| = 4.
//  Holler: each big and each medium country is in 3 of them -> 3/15 = 0.2; L in none.
//  Deegan-Packel: big 1/3 + 1/4 + 1/4 = 5/6, over |M| = 4 -> 5/24; medium 3/4 / 4 = 3/16.
//  Johnston: the 12 vulnerable coalitions are FGI and its 5 winning supersets without BN
//  (FGIB, FGIN, FGIL, FGIBL, FGINL: F, G, I critical, 1/3 each) and FGBN, FIBN, GIBN with and
//  without L (4 critical, 1/4 each). Big: 6/3 + 4/4 = 3 -> 3/12 = 1/4; medium 6/4 -> 1/8.
TEST(PublishedGames, EecCouncil1958MinimalWinning) {
  const cp::weighted_game eec({4, 4, 4, 2, 2, 1}, 12);
  EXPECT_EQ(cp::minimal_winning_coalitions(eec).size(), 4U);
  expect_near_all(cp::holler(eec), {0.2, 0.2, 0.2, 0.2, 0.2, 0.0}, 1e-15);
  expect_near_all(cp::deegan_packel(eec), {5 / 24., 5 / 24., 5 / 24., 3 / 16., 3 / 16., 0.0}, 1e-15);
  expect_near_all(cp::johnston(eec), {0.25, 0.25, 0.25, 0.125, 0.125, 0.0}, 1e-15);
}

// UN Security Council since 1965: 5 permanent members with a veto and 10 others, 9 votes
// carry. Shapley-Shubik 0.1963 for a permanent member, Banzhaf (normalised) 0.1669, as
// reported in the literature (e.g. Felsenthal & Machover 1998). By hand: a permanent member
// swings with the other 4 and at least 4 of the 10: sum_{k>=4} C(10,k) = 848 coalitions; a
// non-permanent one with all 5 and exactly 3 of the other 9: C(9,3) = 84; so normalised
// Banzhaf 848 / (5*848 + 10*84) = 848/5080. Shapley-Shubik: 421/2145 and 4/2145.
TEST(PublishedGames, UnSecurityCouncil) {
  const cp::weighted_game unsc(weights_t(15, 1), 9, {0, 1, 2, 3, 4});
  const auto bz = cp::banzhaf(unsc);
  const auto ss = cp::shapley_shubik(unsc);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_NEAR(bz[i], 848.0 / 5080.0, 1e-14);
    EXPECT_NEAR(bz[i], 0.1669, 5e-5);
    EXPECT_NEAR(ss[i], 421.0 / 2145.0, 1e-14);
    EXPECT_NEAR(ss[i], 0.1963, 5e-5);
  }
  for (std::size_t i = 5; i < 15; ++i) {
    EXPECT_NEAR(bz[i], 84.0 / 5080.0, 1e-14);
    EXPECT_NEAR(ss[i], 4.0 / 2145.0, 1e-14);
  }
  // The veto expressed by weights instead: permanent 7 votes, others 1, quota 39.
  weights_t w(15, 1);
  for (std::size_t i = 0; i < 5; ++i) w[i] = 7;
  expect_near_all(cp::shapley_shubik(cp::weighted_game(w, 39)), ss, 1e-14);
  expect_near_all(cp::banzhaf(cp::weighted_game(w, 39)), bz, 1e-14);
}

// Nassau County Board of Supervisors (Banzhaf 1965, "Weighted voting doesn't work"): weights
// 9, 9, 7, 3, 1, 1, quota 16. Any two of the three large members carry it and no other
// member ever swings, so the last three are dummies and the first three share power equally.
TEST(PublishedGames, NassauCounty) {
  const cp::weighted_game nassau({9, 9, 7, 3, 1, 1}, 16);
  expect_near_all(cp::banzhaf(nassau), {1 / 3., 1 / 3., 1 / 3., 0, 0, 0}, 1e-14);
  expect_near_all(cp::shapley_shubik(nassau), {1 / 3., 1 / 3., 1 / 3., 0, 0, 0}, 1e-14);
  expect_near_all(cp::holler(nassau), {1 / 3., 1 / 3., 1 / 3., 0, 0, 0}, 1e-15);
}

// ---- structural properties ------------------------------------------------------------

TEST(Properties, DictatorGetsEverything) {
  const cp::weighted_game g({6, 1, 2, 0}, 6);  // player 0 alone reaches the quota; 1+2 < 6
  for (const auto& v : {cp::banzhaf(g), cp::shapley_shubik(g), cp::deegan_packel(g), cp::holler(g),
                        cp::johnston(g), cp::owen(g, {0, 1, 1, 2})})
    expect_near_all(v, {1, 0, 0, 0}, 1e-14);
}

TEST(Properties, UnanimityWithVetoesSplitsEqually) {
  // Everyone is a veto holder: unanimity, every player 1/n under every index.
  const cp::weighted_game g({1, 5, 2}, 1, {0, 1, 2});
  for (const auto& v : {cp::banzhaf(g), cp::shapley_shubik(g), cp::deegan_packel(g), cp::holler(g),
                        cp::johnston(g)})
    expect_near_all(v, {1 / 3., 1 / 3., 1 / 3.}, 1e-14);
  // Absolute Banzhaf of unanimity among 3: swings only when both others are in: 1/4.
  expect_near_all(cp::banzhaf(g, cp::banzhaf_scale::absolute), {0.25, 0.25, 0.25}, 1e-15);
}

TEST(Properties, VetoHoldersAloneCarryIt) {
  // The veto holders' weight already reaches the quota: the others are null and the veto
  // holders share power equally (their game is unanimity).
  const cp::weighted_game g({3, 4, 2, 2}, 7, {0, 1});
  expect_near_all(cp::shapley_shubik(g), {0.5, 0.5, 0, 0}, 1e-14);
  expect_near_all(cp::banzhaf(g), {0.5, 0.5, 0, 0}, 1e-14);
}

// ---- the dynamic programme against brute force ---------------------------------------

class RandomGames : public ::testing::TestWithParam<int> {};

TEST_P(RandomGames, DynamicProgrammeMatchesEnumeration) {
  std::mt19937_64 rng(static_cast<std::uint64_t>(GetParam()));
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 1 + rng() % 11;
    weights_t w(n);
    std::int64_t total = 0;
    for (auto& x : w) total += (x = static_cast<std::int64_t>(rng() % (GetParam() % 2 ? 9 : 40)));
    if (total == 0) total = w[0] = 1;
    const std::int64_t q = 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(total));
    std::vector<std::size_t> veto;
    for (std::size_t i = 0; i < n; ++i)
      if (rng() % 5 == 0) veto.push_back(i);
    const cp::weighted_game g(w, q, veto);
    std::vector<double> bz, ss;
    brute(w, q, veto, bz, ss);
    expect_near_all(cp::banzhaf(g, cp::banzhaf_scale::absolute), bz, 1e-13);
    expect_near_all(cp::shapley_shubik(g), ss, 1e-13);
    EXPECT_NEAR(sum(cp::shapley_shubik(g)), 1.0, 1e-13);
    EXPECT_NEAR(sum(cp::banzhaf(g)), 1.0, 1e-13);
    // The general-game enumeration agrees too, and so do the two minimal-winning searches.
    const cp::simple_game sg(g);
    expect_near_all(cp::shapley_shubik(sg), ss, 1e-13);
    expect_near_all(cp::banzhaf(sg, cp::banzhaf_scale::absolute), bz, 1e-13);
    auto a = cp::minimal_winning_coalitions(g), b = cp::minimal_winning_coalitions(sg);
    std::sort(a.begin(), a.end());
    EXPECT_EQ(a, b);
    expect_near_all(cp::holler(g), cp::holler(sg), 1e-14);
    expect_near_all(cp::deegan_packel(g), cp::deegan_packel(sg), 1e-14);
    expect_near_all(cp::johnston(g), cp::johnston(sg), 1e-14);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomGames, ::testing::Values(1, 2, 3, 4));

TEST(LargeGames, SymmetricPlayersAndSums) {
  // 300 players, weights 1..9 repeating, quota a simple majority of 1500 votes.
  weights_t w(300);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<std::int64_t>(1 + i % 9);
  const cp::weighted_game g(w, 751);
  const auto ss = cp::shapley_shubik(g);
  const auto bz = cp::banzhaf(g);
  EXPECT_NEAR(sum(ss), 1.0, 1e-12);
  EXPECT_NEAR(sum(bz), 1.0, 1e-12);
  for (std::size_t i = 9; i < w.size(); ++i) {
    EXPECT_DOUBLE_EQ(ss[i], ss[i % 9]);
    EXPECT_DOUBLE_EQ(bz[i], bz[i % 9]);
  }
  for (std::size_t i = 1; i < 9; ++i) {  // more votes, more power
    EXPECT_GT(ss[i], ss[i - 1]);
    EXPECT_GT(bz[i], bz[i - 1]);
  }
  // Penrose's square-root law: with many small voters the absolute Banzhaf value of a
  // voter with weight w is close to w * sqrt(2 / (pi * sum w^2)) (normal approximation).
  double s2 = 0;
  for (auto x : w) s2 += static_cast<double>(x * x);
  const auto abs = cp::banzhaf(g, cp::banzhaf_scale::absolute);
  EXPECT_NEAR(abs[0], std::sqrt(2.0 / (std::numbers::pi * s2)), 0.05 * abs[0]);
}

TEST(LargeGames, BanzhafCountsBeyondSixtyFourBits) {
  // 200 players with one vote, quota 101: a player swings when exactly 100 of the other 199
  // vote yes, so beta' = C(199, 100) / 2^199 (computed with lgamma, independent of the DP).
  const cp::weighted_game g(weights_t(200, 1), 101);
  const double expected =
      std::exp(std::lgamma(200.0) - 2 * std::lgamma(100.0 + 1) + std::log(100.0) - 199 * std::log(2.0));
  EXPECT_NEAR(cp::banzhaf(g, cp::banzhaf_scale::absolute)[7], expected, 1e-12);
  EXPECT_NEAR(cp::shapley_shubik(g)[7], 1.0 / 200, 1e-14);
}

// ---- Owen value ------------------------------------------------------------------------

TEST(Owen, MatchesOrdersWithContiguousBlocs) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 25; ++trial) {
    const std::size_t n = 2 + rng() % 6;
    weights_t w(n);
    std::int64_t total = 0;
    for (auto& x : w) total += (x = static_cast<std::int64_t>(rng() % 7));
    if (total == 0) total = w[0] = 1;
    const std::int64_t q = 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(total));
    std::vector<std::size_t> veto, bloc(n);
    for (std::size_t i = 0; i < n; ++i) {
      bloc[i] = rng() % 3;
      if (rng() % 6 == 0) veto.push_back(i);
    }
    const cp::weighted_game g(w, q, veto);
    const auto expected = brute_owen(w, q, veto, bloc);
    expect_near_all(cp::owen(g, bloc), expected, 1e-13);
  }
}

TEST(Owen, ReducesToShapleyShubik) {
  const cp::weighted_game eec({4, 4, 4, 2, 2, 1}, 12);
  const auto ss = cp::shapley_shubik(eec);
  expect_near_all(cp::owen(eec, {0, 0, 0, 0, 0, 0}), ss, 1e-14);  // one bloc
  expect_near_all(cp::owen(eec, {0, 1, 2, 3, 4, 5}), ss, 1e-14);  // every player alone
  expect_near_all(cp::banzhaf_owen(eec, {0, 1, 2, 3, 4, 5}), cp::banzhaf(eec), 1e-14);
}

TEST(Owen, BanzhafOwenByHand) {
  // Weights 2, 1, 1, quota 3; blocs {0} and {1, 2}. For player 0: the other bloc is absent or
  // present (T), and player 0's own bloc has no other member. It swings only with bloc {1,2}
  // present (2+1+1 >= 3, 1+1 < 3): 1 of 2 -> 1/2. For player 1: T = {} (only 1 and maybe 2:
  // never 3 votes) or T = {bloc 0}; S = {} (2+1 = 3 wins, 2 loses: swing) or {2} (2+1+1
  // wins, 2+1 = 3 also wins: no swing): 1 of 4 -> 1/4. Same for player 2.
  const cp::weighted_game g({2, 1, 1}, 3);
  expect_near_all(cp::banzhaf_owen(g, {0, 1, 1}, cp::banzhaf_scale::absolute), {0.5, 0.25, 0.25},
                  1e-15);
  // Owen value: blocs arrive in 2 orders, members of {1,2} in 2 orders: 4 orders.
  // (0 | 1 2): 0 has 2, 1 brings 3 -> pivot 1.  (0 | 2 1): pivot 2.
  // (1 2 | 0): 1+1 = 2, 0 brings 4 -> pivot 0.  (2 1 | 0): pivot 0. So 1/2, 1/4, 1/4.
  expect_near_all(cp::owen(g, {0, 1, 1}), {0.5, 0.25, 0.25}, 1e-14);
  EXPECT_THROW(cp::owen(g, {0, 1}), cp::input_error);
}

// ---- Monte Carlo -------------------------------------------------------------------------

TEST(MonteCarlo, TwentyPlayersWithinInterval) {
  weights_t w;
  std::mt19937_64 rng(5);
  for (int i = 0; i < 20; ++i) w.push_back(static_cast<std::int64_t>(1 + rng() % 12));
  const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
  const cp::weighted_game g(w, total * 2 / 3, {3});
  // 160 intervals (8 estimates x 20 players) at pointwise level 1 - 0.001/160 (Bonferroni):
  // a correct estimator fails this test for at most 1 seed in 1000.
  const cp::sampling_options o{200000, 42, 1 - 0.001 / 160};
  auto check = [&](const cp::power_estimate& e, const std::vector<double>& exact) {
    ASSERT_EQ(e.value.size(), exact.size());
    EXPECT_EQ(e.samples, o.samples);
    for (std::size_t i = 0; i < exact.size(); ++i) {
      EXPECT_LE(e.lower[i], exact[i]) << "player " << i;
      EXPECT_GE(e.upper[i], exact[i]) << "player " << i;
      EXPECT_LT(e.upper[i] - e.lower[i], 0.03) << "player " << i;
    }
  };
  check(cp::banzhaf_monte_carlo(g, cp::banzhaf_scale::absolute, o),
        cp::banzhaf(g, cp::banzhaf_scale::absolute));
  check(cp::banzhaf_monte_carlo(g, cp::banzhaf_scale::normalized, o), cp::banzhaf(g));
  check(cp::shapley_shubik_monte_carlo(g, o), cp::shapley_shubik(g));
  check(cp::holler_monte_carlo(g, o), cp::holler(g));
  check(cp::deegan_packel_monte_carlo(g, o), cp::deegan_packel(g));
  check(cp::johnston_monte_carlo(g, o), cp::johnston(g));
  const cp::simple_game sg(g);
  check(cp::shapley_shubik_monte_carlo(sg, o), cp::shapley_shubik(g));
  check(cp::johnston_monte_carlo(sg, o), cp::johnston(g));
  // Same seed, same estimate.
  EXPECT_EQ(cp::johnston_monte_carlo(g, o).value, cp::johnston_monte_carlo(g, o).value);
}

TEST(MonteCarlo, BothFormsOfAGameDrawTheSameEstimates) {
  // One sampler serves a weighted game and its predicate form: with the same seed they draw
  // the same voting orders and coalitions, so they find the same pivots and members, and
  // give the same estimates to the bit.
  const cp::weighted_game g({4, 3, 2, 2, 1}, 7, {1});
  const cp::simple_game sg(g);
  const cp::sampling_options o{20000, 7, 0.95};
  EXPECT_EQ(cp::shapley_shubik_monte_carlo(g, o).value,
            cp::shapley_shubik_monte_carlo(sg, o).value);
  EXPECT_EQ(cp::banzhaf_monte_carlo(g, cp::banzhaf_scale::normalized, o).value,
            cp::banzhaf_monte_carlo(sg, cp::banzhaf_scale::normalized, o).value);
  EXPECT_EQ(cp::deegan_packel_monte_carlo(g, o).value, cp::deegan_packel_monte_carlo(sg, o).value);
  EXPECT_EQ(cp::holler_monte_carlo(g, o).value, cp::holler_monte_carlo(sg, o).value);
  EXPECT_EQ(cp::johnston_monte_carlo(g, o).value, cp::johnston_monte_carlo(sg, o).value);
  // The exact Shapley-Shubik index by enumerating the 5! = 120 orders, against the estimate.
  std::vector<std::size_t> order{0, 1, 2, 3, 4};
  std::vector<double> pivotal(5, 0.0);
  do {
    cp::coalition s = 0;
    for (std::size_t i : order) {
      s |= cp::coalition{1} << i;
      if (g.wins(s)) {
        pivotal[i] += 1.0 / 120;
        break;
      }
    }
  } while (std::next_permutation(order.begin(), order.end()));
  // 20000 orders: a standard error of at most 0.0036, so 0.02 is more than five of them.
  expect_near_all(cp::shapley_shubik_monte_carlo(g, o).value, pivotal, 0.02);
  expect_near_all(pivotal, cp::shapley_shubik(g), 1e-12);
}

TEST(MonteCarlo, RejectsBadOptions) {
  const cp::weighted_game g({1, 1}, 2);
  EXPECT_THROW(cp::shapley_shubik_monte_carlo(g, {1, 0, 0.95}), cp::input_error);
  EXPECT_THROW(cp::shapley_shubik_monte_carlo(g, {100, 0, 1.0}), cp::input_error);
}

TEST(Interruption, StopRequestStopsLongComputations) {
  const cp::weighted_game g(weights_t(40, 3), 61);
  int asked = 0;
  const cp::stop_check stop = [&] { return ++asked >= 2; };
  EXPECT_THROW(cp::shapley_shubik(g, stop), cp::interrupted);
  EXPECT_EQ(asked, 2);
  EXPECT_THROW(cp::owen(g, std::vector<std::size_t>(40, 0), stop), cp::interrupted);
  cp::sampling_options o;
  o.stop_requested = [] { return true; };
  EXPECT_THROW(cp::johnston_monte_carlo(g, o), cp::interrupted);
  // A request that never stops changes nothing.
  EXPECT_EQ(cp::shapley_shubik(g, [] { return false; }), cp::shapley_shubik(g));
}

// ---- errors ------------------------------------------------------------------------------

TEST(Errors, BadGames) {
  auto where = [](auto&& make) {
    try {
      make();
    } catch (const cp::input_error& e) {
      return e.where();
    }
    return std::string("no error");
  };
  EXPECT_EQ(where([] { cp::weighted_game({1, 2}, 4); }), "quota");  // above the total
  EXPECT_EQ(where([] { cp::weighted_game({1, 2}, 0); }), "quota");
  EXPECT_EQ(where([] { cp::weighted_game({1, 2}, -3); }), "quota");
  EXPECT_EQ(where([] { cp::weighted_game({1, -2}, 1); }), "weights");
  EXPECT_EQ(where([] { cp::weighted_game({}, 1); }), "weights");
  EXPECT_EQ(where([] { cp::weighted_game({1, 2}, 1, {2}); }), "veto");
  EXPECT_EQ(where([] { cp::weighted_game({1, 2}, 1, {1, 1}); }), "veto");
  // Player 0 alone wins but not with player 1: not monotone.
  EXPECT_EQ(where([] { cp::johnston(cp::simple_game(2, [](cp::coalition s) { return s == 1; })); }),
            "winning");
  EXPECT_EQ(where([] { cp::simple_game(2, [](cp::coalition) { return true; }); }), "winning");
  EXPECT_EQ(where([] { cp::johnston(cp::weighted_game(weights_t(26, 1), 14)); }), "players");
}

TEST(SimpleGame, PredicateGame) {
  // A committee of 4 where 0 and 1 together, or 0 with both 2 and 3, carry it: player 0 is
  // a veto holder; 1 swings with {0} and {0,2}, {0,3}; MWC are {0,1} and {0,2,3}.
  const cp::simple_game g(4, [](cp::coalition s) {
    return (s & 1U) && ((s & 2U) || (s & 12U) == 12U);
  });
  auto m = cp::minimal_winning_coalitions(g);
  std::sort(m.begin(), m.end());
  EXPECT_EQ(m, (std::vector<cp::coalition>{0b0011, 0b1101}));
  // Holler: 0 in 2, 1 in 1, 2 in 1, 3 in 1 -> 2/5, 1/5, 1/5, 1/5.
  expect_near_all(cp::holler(g), {0.4, 0.2, 0.2, 0.2}, 1e-15);
  // Deegan-Packel: 0: (1/2 + 1/3)/2 = 5/12; 1: 1/4; 2, 3: 1/6.
  expect_near_all(cp::deegan_packel(g), {5 / 12., 0.25, 1 / 6., 1 / 6.}, 1e-15);
}

// ---- limits of work and memory ----------------------------------------------------------

namespace {

// The number of minimal winning coalitions by the definition, over every coalition: winning,
// and losing without any one of its members.
std::uint64_t brute_minimal_winning(const weights_t& w, std::int64_t q,
                                    const std::vector<std::size_t>& veto) {
  std::uint64_t count = 0;
  for (std::uint64_t s = 0; s < (std::uint64_t{1} << w.size()); ++s) {
    if (!wins(w, q, veto, s)) continue;
    bool minimal = true;
    for (std::size_t i = 0; i < w.size() && minimal; ++i)
      if ((s >> i & 1U) && wins(w, q, veto, s & ~(std::uint64_t{1} << i))) minimal = false;
    count += minimal ? 1 : 0;
  }
  return count;
}

// Runs `call` and returns the limit_exceeded it throws (or fails the test).
template <class Call>
cp::limit_exceeded refusal(Call&& call) {
  try {
    call();
  } catch (const cp::limit_exceeded& e) {
    return e;
  }
  ADD_FAILURE() << "no limit_exceeded";
  return cp::limit_exceeded("none", "", 0, 0, "");
}

bool mentions(const std::exception& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

// A stop request that answers "stop" on its k-th call and counts the calls.
struct stop_after {
  int k;
  int calls = 0;
  cp::stop_check request() {
    return [this] { return ++calls >= k; };
  }
};

}  // namespace

TEST(MinimalWinningLimits, SixtyFourOneVotePlayersAreRefusedBeforeAnyIsVisited) {
  // 64 players of one vote, quota 32: every 32-set is minimal winning, C(64, 32) of them.
  const cp::weighted_game g(weights_t(64, 1), 32);
  const std::uint64_t c64_32 = 1832624140942590534ULL;
  EXPECT_EQ(cp::minimal_winning_count(g), (cp::coalition_count{c64_32, true}));
  std::uint64_t visited = 0;
  const auto e = refusal([&] {
    cp::for_each_minimal_winning(g, [&](cp::coalition) { ++visited; });
  });
  EXPECT_EQ(visited, 0U);  // refused on the count, before the search
  EXPECT_EQ(e.where(), "max_coalitions");
  EXPECT_EQ(e.unit(), "minimal winning coalitions");
  EXPECT_EQ(e.estimate(), c64_32);
  EXPECT_EQ(e.limit(), cp::default_max_visited_coalitions);
  EXPECT_TRUE(mentions(e, "1,832,624,140,942,590,534")) << e.what();
  EXPECT_TRUE(mentions(e, "monte_carlo")) << e.what();
  const auto listed = refusal([&] { (void)cp::minimal_winning_coalitions(g); });
  EXPECT_EQ(listed.limit(), cp::default_max_listed_coalitions);
  EXPECT_EQ(listed.estimate(), c64_32);
  EXPECT_TRUE(mentions(listed, "raise max_coalitions")) << listed.what();
  EXPECT_EQ(refusal([&] { (void)cp::deegan_packel(g); }).estimate(), c64_32);
  EXPECT_EQ(refusal([&] { (void)cp::holler(g); }).estimate(), c64_32);
  // Still an input_error, as the library's other refusals of too large an input.
  EXPECT_THROW((void)cp::holler(g), cp::input_error);
  EXPECT_THROW((void)cp::holler(cp::weighted_game({1, 1}, 1), 0), cp::input_error);
}

class RandomCounts : public ::testing::TestWithParam<unsigned> {};

TEST_P(RandomCounts, CountMatchesEnumerationOfEveryCoalition) {
  std::mt19937_64 rng(GetParam());
  const std::size_t n = 1 + rng() % 12;
  // Small weights (exact count), weights with a large common divisor (exact after dividing
  // by it), and large weights without one (an upper bound).
  const int kind = static_cast<int>(GetParam() % 3);
  const std::int64_t top = kind == 2 ? (std::int64_t{1} << 40) : 12;
  const std::int64_t factor = kind == 1 ? (std::int64_t{1} << 30) : 1;
  weights_t w(n);
  for (auto& x : w)
    x = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(top + 1)) * factor;
  if (std::accumulate(w.begin(), w.end(), std::int64_t{0}) == 0) w[0] = factor;
  const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
  const std::int64_t q = 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(total));
  std::vector<std::size_t> veto;
  for (std::size_t i = 0; i < n; ++i)
    if (rng() % 5 == 0) veto.push_back(i);
  const cp::weighted_game g(w, q, veto);
  const std::uint64_t truth = brute_minimal_winning(w, q, veto);
  const cp::coalition_count c = cp::minimal_winning_count(g);
  if (c.exact) {
    EXPECT_EQ(c.count, truth);
  } else {
    EXPECT_GE(c.count, truth);
  }
  // The need beyond the veto holders decides: small after the common divisor means exact.
  if (kind != 2) {
    EXPECT_TRUE(c.exact);
  }
  EXPECT_EQ(cp::minimal_winning_coalitions(g).size(), truth);
}
INSTANTIATE_TEST_SUITE_P(Seeds, RandomCounts, ::testing::Range(0u, 300u));

TEST(MinimalWinningLimits, ARaisedLimitListsAModerateGame) {
  // 23 players of one vote, quota 12: C(23, 12) = 1,352,078 minimal winning coalitions,
  // above the default limit of 10^6.
  const cp::weighted_game g(weights_t(23, 1), 12);
  const auto e = refusal([&] { (void)cp::minimal_winning_coalitions(g); });
  EXPECT_EQ(e.estimate(), 1352078U);
  EXPECT_EQ(refusal([&] { (void)cp::minimal_winning_coalitions(g, 1352077); }).estimate(),
            1352078U);
  const std::vector<cp::coalition> all = cp::minimal_winning_coalitions(g, 1352078);
  EXPECT_EQ(all.size(), 1352078U);
  EXPECT_TRUE(std::all_of(all.begin(), all.end(),
                          [](cp::coalition s) { return std::popcount(s) == 12; }));
  std::vector<cp::coalition> distinct = all;
  std::sort(distinct.begin(), distinct.end());
  EXPECT_EQ(std::unique(distinct.begin(), distinct.end()), distinct.end());
}

TEST(MinimalWinningLimits, TheSearchStopsAtTheLimitWhenOnlyABoundIsKnown) {
  // 30 players with large distinct weights: too many vote totals to count exactly, so the
  // count is the LYM bound C(30, 15) and the search itself stops after max_coalitions.
  std::mt19937_64 rng(7);
  weights_t w(30);
  for (auto& x : w)
    x = (std::int64_t{1} << 40) + static_cast<std::int64_t>(rng() % (std::uint64_t{1} << 36));
  const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
  const cp::weighted_game g(w, total / 2);
  const cp::coalition_count c = cp::minimal_winning_count(g);
  EXPECT_FALSE(c.exact);
  EXPECT_EQ(c.count, 155117520U);  // C(30, 15)
  std::uint64_t visited = 0;
  const auto e = refusal([&] {
    cp::for_each_minimal_winning(g, [&](cp::coalition) { ++visited; }, 1000);
  });
  EXPECT_EQ(visited, 1000U);
  EXPECT_EQ(e.estimate(), 155117520U);
  EXPECT_TRUE(mentions(e, "more than max_coalitions = 1,000")) << e.what();
  // A general game: no count, the search stops the same way.
  const cp::simple_game majority(20, [](cp::coalition s) { return std::popcount(s) >= 11; });
  visited = 0;
  const auto f = refusal([&] {
    cp::for_each_minimal_winning(majority, [&](cp::coalition) { ++visited; }, 10);
  });
  EXPECT_EQ(visited, 10U);
  EXPECT_EQ(f.estimate(), 11U);
}

TEST(MinimalWinningLimits, AStopRequestStopsTheSearchAndTheCount) {
  // 30 players of one vote, quota 15: C(30, 15) = 155,117,520 coalitions, allowed here; the
  // request says stop on its third call (one call per 2^18 steps of the search).
  const cp::weighted_game g(weights_t(30, 1), 15);
  stop_after stop{3};
  std::uint64_t visited = 0;
  EXPECT_THROW(cp::for_each_minimal_winning(g, [&](cp::coalition) { ++visited; },
                                            std::numeric_limits<std::uint64_t>::max(),
                                            stop.request()),
               cp::interrupted);
  EXPECT_EQ(stop.calls, 3);
  EXPECT_GT(visited, 0U);
  EXPECT_LT(visited, 155117520U);
  stop_after again{1};
  EXPECT_THROW((void)cp::holler(g, std::numeric_limits<std::uint64_t>::max(), again.request()),
               cp::interrupted);
  EXPECT_EQ(again.calls, 1);
  // Counting over 2^22 vote totals asks too (every 2^25 cells).
  weights_t big(64, 1 << 17);
  big[0] += 1;  // no common divisor
  stop_after counting{1};
  EXPECT_THROW((void)cp::minimal_winning_count(cp::weighted_game(big, std::int64_t{1} << 22),
                                               counting.request()),
               cp::interrupted);
  EXPECT_EQ(counting.calls, 1);
  // Enumerating all 2^23 coalitions of a general game or for Johnston asks every 2^22.
  stop_after table{2};
  EXPECT_THROW((void)cp::johnston(cp::weighted_game(weights_t(23, 1), 12), table.request()),
               cp::interrupted);
  EXPECT_EQ(table.calls, 2);
}

TEST(ExactTables, HugeVoteTotalsAreRefusedNamingTheBytes) {
  // Three players, 10^9 votes in all, quota a bare majority: the table holds the totals up to
  // c = max(need - 1, W - need) = 500,000,000, 32 bytes each (two double tables and long
  // double prefix sums) plus 8 bytes per binomial weight (players + 1): 16 GB, not 1 GiB.
  const cp::weighted_game billion({400'000'001, 300'000'000, 299'999'999}, 500'000'001);
  const auto e = refusal([&] { (void)cp::banzhaf(billion); });
  EXPECT_EQ(e.where(), "weights");
  EXPECT_EQ(e.unit(), "bytes");
  EXPECT_EQ(e.estimate(), 500'000'001ULL * 32 + 4 * 8);
  EXPECT_EQ(e.limit(), cp::max_exact_table_bytes);
  EXPECT_TRUE(mentions(e, "500,000,001 vote totals")) << e.what();
  EXPECT_TRUE(mentions(e, "14.9 GiB")) << e.what();
  EXPECT_TRUE(mentions(e, "method=\"monte_carlo\"")) << e.what();
  EXPECT_EQ(refusal([&] { (void)cp::shapley_shubik(billion); }).estimate(), e.estimate());
  // Owen: ceil(m/2) + 3 tables of `quota` doubles; Banzhaf-Owen 1 + 3.
  EXPECT_EQ(refusal([&] { (void)cp::owen(billion, {0, 1, 2}); }).estimate(),
            500'000'001ULL * 8 * (2 + 3));
  EXPECT_EQ(refusal([&] { (void)cp::banzhaf_owen(billion, {0, 1, 1}); }).estimate(),
            500'000'001ULL * 8 * (1 + 3));

  const cp::weighted_game trillion({600'000'000'001, 399'999'999'999}, 500'000'000'001);
  const auto t = refusal([&] { (void)cp::banzhaf(trillion, cp::banzhaf_scale::absolute); });
  EXPECT_EQ(t.estimate(), 500'000'000'001ULL * 32 + 3 * 8);
  EXPECT_EQ(refusal([&] { (void)cp::shapley_shubik(trillion); }).unit(), "bytes");
  EXPECT_EQ(refusal([&] { (void)cp::owen(trillion, {0, 0}); }).unit(), "bytes");
  // At 2^62 votes the estimate saturates instead of wrapping around.
  const std::int64_t half = std::int64_t{1} << 61;
  const cp::weighted_game most({half, half}, half);
  EXPECT_EQ(refusal([&] { (void)cp::owen(most, {0, 1}); }).estimate(),
            std::numeric_limits<std::uint64_t>::max());
  // A veto set that carries the decision alone needs no table, however many votes.
  const cp::weighted_game vetoed({std::int64_t{1} << 50, 3, 4}, 5, {0});
  expect_near_all(cp::banzhaf(vetoed), {1.0, 0.0, 0.0}, 0.0);
}

TEST(ExactTables, TooMuchWorkIsRefusedNamingTheCells) {
  // 60,000 players of 1,000 votes, bare majority: tables of 30,000,001 totals (916 MiB,
  // within 1 GiB) but one convolution step per player over them: (60,000 players + 1
  // distinct weight + 1) x 30,000,001 totals, about 1.8·10^12 cells.
  const cp::weighted_game crowd(weights_t(60'000, 1000), 30'000'001);
  const auto e = refusal([&] { (void)cp::banzhaf(crowd); });
  EXPECT_EQ(e.unit(), "table cells");
  EXPECT_EQ(e.estimate(), 30'000'001ULL * 60'002);
  EXPECT_EQ(e.limit(), cp::max_exact_table_cells);
  EXPECT_EQ(refusal([&] { (void)cp::shapley_shubik(crowd); }).unit(), "table cells");
}

TEST(ExactTables, AStopRequestStopsTheTables) {
  // 2,000 players, 2·10^5 votes: about 2·10^8 cells per table, asked every 2^25.
  weights_t w(2000);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<std::int64_t>(1 + i % 199);
  const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
  const cp::weighted_game g(w, total / 2 + 1);
  stop_after bz{2};
  EXPECT_THROW((void)cp::banzhaf(g, cp::banzhaf_scale::normalized, bz.request()),
               cp::interrupted);
  EXPECT_EQ(bz.calls, 2);
  // Shapley-Shubik asks once per node as well; Owen once per inner node.
  stop_after ss{1};
  EXPECT_THROW((void)cp::shapley_shubik(g, ss.request()), cp::interrupted);
  EXPECT_EQ(ss.calls, 1);
  stop_after bo{1};
  EXPECT_THROW((void)cp::banzhaf_owen(g, std::vector<std::size_t>(2000, 0),
                                      cp::banzhaf_scale::normalized, bo.request()),
               cp::interrupted);
  EXPECT_EQ(bo.calls, 1);
}

TEST(MonteCarlo, DrawsOverManyPlayersAskForAStopMoreOften) {
  // 2^18 players: each draw visits them all, so the request is asked every 2^22 / 2^18 = 16
  // draws instead of every 4096; the second call says stop, after 32 of the 100 draws.
  const cp::weighted_game g(weights_t(std::size_t{1} << 18, 1), std::int64_t{1} << 17);
  stop_after stop{2};
  cp::sampling_options o;
  o.samples = 100;
  o.stop_requested = stop.request();
  EXPECT_THROW((void)cp::banzhaf_monte_carlo(g, cp::banzhaf_scale::absolute, o),
               cp::interrupted);
  EXPECT_EQ(stop.calls, 2);
  // Few players: every 4096 draws, as before.
  stop_after rare{1};
  o.samples = 4095;
  o.stop_requested = rare.request();
  EXPECT_NO_THROW((void)cp::shapley_shubik_monte_carlo(cp::weighted_game({2, 1, 1}, 3), o));
  EXPECT_EQ(rare.calls, 0);
}
