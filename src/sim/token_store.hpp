// Access tokens issued by the simulated /auth/token: random strings with a server-side expiry, a
// fault "generation" (expire_tokens_now invalidates older ones) and whether a scope was granted.
#pragma once
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <unordered_map>

namespace sim {

class TokenStore {
 public:
  enum class Check { kValid, kUnknown, kExpired, kNoScope };

  std::string issue(int lifetime_s, std::uint64_t generation, bool scoped) {
    std::lock_guard lock(mutex_);
    static const char kHex[] = "0123456789abcdef";
    std::string token;
    for (int i = 0; i < 48; ++i) token += kHex[random_() & 15];
    tokens_[token] = Entry{std::chrono::steady_clock::now() + std::chrono::seconds(lifetime_s), generation, scoped};
    return token;
  }

  Check check(const std::string& token, std::uint64_t current_generation) const {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(token);
    if (it == tokens_.end()) return Check::kUnknown;
    if (it->second.generation != current_generation || std::chrono::steady_clock::now() >= it->second.expires) {
      return Check::kExpired;
    }
    return it->second.scoped ? Check::kValid : Check::kNoScope;
  }

 private:
  struct Entry {
    std::chrono::steady_clock::time_point expires;
    std::uint64_t generation;
    bool scoped;
  };
  mutable std::mutex mutex_;
  std::mt19937_64 random_{std::random_device{}()};
  std::unordered_map<std::string, Entry> tokens_;
};

}  // namespace sim
