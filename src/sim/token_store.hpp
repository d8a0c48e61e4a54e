// Access tokens issued by the simulated /auth/token: random strings with a server-side expiry, a
// fault "generation" (expire_tokens_now invalidates older ones) and the scope granted with them.
// Scopes work the way Halo's do: `all` grants every area; a space-separated list such as
// `read:tickets read:customers` grants only those areas (`edit:X` includes `read:X`), and a
// request to another area is refused with 403; a token issued with no scope at all reads
// nothing (401 everywhere, as Halo does).
#pragma once
#include <cctype>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>

namespace sim {

/// The scope area of an /api path ("tickets", "customers", "invoices", ...), named as Halo's
/// `read:<area>` scopes; "" for routes that belong to no area (discovery, unknown routes).
inline std::string scope_area(const std::string& path) {
  std::string p;
  for (char c : path) p += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (p.rfind("/api/", 0) != 0) return {};
  const std::string resource = p.substr(5, p.find('/', 5) - 5);
  if (resource == "tickets" || resource == "actions" || resource == "timesheetevent" || resource == "timesheet" ||
      resource == "status" || resource == "tickettype") {
    return "tickets";
  }
  if (resource == "client" || resource == "site" || resource == "users") return "customers";
  if (resource == "clientcontract") return "contracts";
  if (resource == "invoice" || resource == "recurringinvoice") return "invoices";
  if (resource == "projects") return "projects";
  if (resource == "asset") return "assets";
  if (resource == "agent") return "agents";
  if (resource == "report") return "reporting";
  if (resource == "quotation" || resource == "opportunities") return "sales";
  if (resource == "kbarticle") return "kb";
  return {};
}

class TokenStore {
 public:
  enum class Check { kValid, kUnknown, kExpired, kNoScope, kOutOfScope };

  std::string issue(int lifetime_s, std::uint64_t generation, const std::string& scope) {
    Entry entry{std::chrono::steady_clock::now() + std::chrono::seconds(lifetime_s), generation, false, false, {}};
    std::istringstream words(scope);
    for (std::string word; words >> word;) {
      for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      entry.scoped = true;
      if (word == "all") entry.all = true;
      const auto colon = word.find(':');
      if (colon != std::string::npos) {
        const std::string verb = word.substr(0, colon);
        if (verb == "read" || verb == "edit") entry.areas.insert(word.substr(colon + 1));
      }
    }
    std::lock_guard lock(mutex_);
    static const char kHex[] = "0123456789abcdef";
    std::string token;
    for (int i = 0; i < 48; ++i) token += kHex[random_() & 15];
    tokens_[token] = std::move(entry);
    return token;
  }

  /// Whether `token` may read `area` ("" = any valid, scoped token may).
  Check check(const std::string& token, std::uint64_t current_generation, const std::string& area) const {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(token);
    if (it == tokens_.end()) return Check::kUnknown;
    const Entry& entry = it->second;
    if (entry.generation != current_generation || std::chrono::steady_clock::now() >= entry.expires) {
      return Check::kExpired;
    }
    if (!entry.scoped) return Check::kNoScope;
    if (entry.all || area.empty() || entry.areas.count(area) > 0) return Check::kValid;
    return Check::kOutOfScope;
  }

 private:
  struct Entry {
    std::chrono::steady_clock::time_point expires;
    std::uint64_t generation;
    bool scoped;  ///< any scope at all was asked for
    bool all;     ///< `all`: every area
    std::set<std::string> areas;
  };
  mutable std::mutex mutex_;
  std::mt19937_64 random_{std::random_device{}()};
  std::unordered_map<std::string, Entry> tokens_;
};

}  // namespace sim
