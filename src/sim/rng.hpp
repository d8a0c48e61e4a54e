// Deterministic pseudo-random numbers for the dataset generator. std::uniform_*_distribution
// differ between standard libraries, so the arithmetic is done here to keep a seed's dataset
// identical everywhere.
#pragma once
#include <cstdint>
#include <vector>

namespace sim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed ^ 0x9E3779B97F4A7C15ull) {}
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform integer in [lo, hi].
  long range(long lo, long hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<long>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(range(0, static_cast<long>(items.size()) - 1))];
  }

 private:
  std::uint64_t state_;
};

}  // namespace sim
