#pragma once
/// \file
/// The random numbers of every resampling loop of the library: one generator per draw,
/// derived from the seed and the draw's index alone, so that a draw is the same whichever
/// thread runs it, and a result is the same, bit for bit, for a seed whatever the thread count.
///
/// The generator of draw `d` under seed `s` is defined exactly, so that another
/// implementation (a test in Python, say) can reproduce it:
///
/// 1. SplitMix64 (Steele, Lea & Flood 2014): a state `x` and the step
///    `x += 0x9E3779B97F4A7C15; z = x; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
///    z = (z ^ (z >> 27)) * 0x94D049BB133111EB; return z ^ (z >> 31)`, all modulo 2^64. Its
///    last three lines are the finaliser `mix(z)`.
/// 2. The draw's SplitMix64 state is `x = mix(s + mix(d))`; the four words of a xoshiro256**
///    state are the next four SplitMix64 outputs from there (the seeding its authors advise).
///    `mix` is a bijection with strong avalanche, so neighbouring draws (and seeds) start from
///    unrelated states; two draws overlap only if their states lie within four SplitMix64 steps
///    of each other, a chance of about 2^-61 per pair.
/// 3. xoshiro256** (Blackman & Vigna 2021) gives 64-bit words.
/// 4. A whole number below `bound` is Lemire's (2019) multiply-and-reject on one word (more
///    only when rejected): unbiased, and one multiplication in almost every case (`below`).
///    Below a bound under 2^32 (`below32`, what the resampling loops use: a resample's indices,
///    a relabelling's choices), the same on 32-bit numbers: each word gives two, its low half
///    first, then its high half; a `below` or a word taken in between leaves a pending high
///    half for the next `below32`. Half the words for the same indices: the generator, not the
///    arithmetic, is what a resample of 10,000 values spends its time on.
///
/// References:
/// - Steele, G. L., Lea, D. & Flood, C. H. (2014). Fast splittable pseudorandom number
///   generators. OOPSLA 2014, 453-472.
/// - Blackman, D. & Vigna, S. (2021). Scrambled linear pseudorandom number generators. ACM
///   Transactions on Mathematical Software 47(4), 36.
/// - Lemire, D. (2019). Fast random integer generation in an interval. ACM Transactions on
///   Modeling and Computer Simulation 29(1), 3.
/// - Salmon, J. K., Moraes, M. A., Dror, R. O. & Shaw, D. E. (2011). Parallel random numbers:
///   as easy as 1, 2, 3. SC '11 (counter-based generation: a draw's numbers from its index).

#include <array>
#include <cstdint>
#include <limits>

namespace coproduction {

/// The SplitMix64 finaliser: a bijection of 64-bit words with full avalanche. O(1).
constexpr std::uint64_t splitmix64_mix(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// One SplitMix64 step: advances `state` by the golden gamma and returns its mix. O(1).
constexpr std::uint64_t splitmix64_next(std::uint64_t& state) noexcept {
  state += 0x9E3779B97F4A7C15ull;
  return splitmix64_mix(state);
}

/// The generator of one draw of a resampling loop: xoshiro256** started from `(seed, draw)`
/// as the file's comment defines. Satisfies `std::uniform_random_bit_generator`. Every call
/// is O(1); `below` is O(1) expected.
class draw_generator {
 public:
  using result_type = std::uint64_t;

  constexpr draw_generator(std::uint64_t seed, std::uint64_t draw) noexcept {
    std::uint64_t x = splitmix64_mix(seed + splitmix64_mix(draw));
    for (auto& word : s_) word = splitmix64_next(x);
  }

  /// A generator from a xoshiro256** state given word by word (not all zero), for checks
  /// against the published test vectors of the algorithm.
  explicit constexpr draw_generator(const std::array<std::uint64_t, 4>& state) noexcept
      : s_{state[0], state[1], state[2], state[3]} {}

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  /// The next 64-bit word (xoshiro256**).
  constexpr result_type operator()() noexcept {
    const std::uint64_t out = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return out;
  }

  /// A uniform whole number in `[0, bound)`, `bound >= 1` (Lemire 2019): the high word of
  /// `word * bound`, drawn again while the low word falls below `2^64 mod bound`.
  constexpr std::uint64_t below(std::uint64_t bound) noexcept {
    std::uint64_t high = 0;
    std::uint64_t low = multiply((*this)(), bound, high);
    if (low < bound) {
      const std::uint64_t threshold = (0 - bound) % bound;
      while (low < threshold) low = multiply((*this)(), bound, high);
    }
    return high;
  }

  /// The next 32-bit number: the low half of a fresh word, or the high half of the word the
  /// previous call split.
  constexpr std::uint32_t next32() noexcept {
    if (has_half_) {
      has_half_ = false;
      return half_;
    }
    const std::uint64_t w = (*this)();
    half_ = static_cast<std::uint32_t>(w >> 32);
    has_half_ = true;
    return static_cast<std::uint32_t>(w);
  }

  /// A uniform whole number in `[0, bound)`, `1 <= bound < 2^32`: Lemire's method on 32-bit
  /// numbers from `next32`, the high half of `x * bound`, drawn again while the low half
  /// falls below `2^32 mod bound`.
  constexpr std::uint32_t below32(std::uint32_t bound) noexcept {
    std::uint64_t m = std::uint64_t{next32()} * bound;
    auto low = static_cast<std::uint32_t>(m);
    if (low < bound) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(0u - bound) % bound;
      while (low < threshold) {
        m = std::uint64_t{next32()} * bound;
        low = static_cast<std::uint32_t>(m);
      }
    }
    return static_cast<std::uint32_t>(m >> 32);
  }

  /// A uniform double in `[0, 1)`: the top 53 bits of a word, times 2^-53.
  constexpr double uniform() noexcept {
    return static_cast<double>((*this)() >> 11) * 0x1.0p-53;
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  // The low word of a * b, the high word in `high`.
  static constexpr std::uint64_t multiply(std::uint64_t a, std::uint64_t b,
                                          std::uint64_t& high) noexcept {
    __extension__ using wide = unsigned __int128;
    const wide m = static_cast<wide>(a) * b;
    high = static_cast<std::uint64_t>(m >> 64);
    return static_cast<std::uint64_t>(m);
  }

  std::uint64_t s_[4]{};
  std::uint32_t half_ = 0;  // the high half of the last word split by next32
  bool has_half_ = false;
};

}  // namespace coproduction
