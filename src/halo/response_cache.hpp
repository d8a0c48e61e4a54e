// A small in-memory cache of list-page bodies keyed on the exact URL sent, so a model that asks
// for the same page twice within the TTL costs no request against Halo's rate limit. Bodies are
// stored as text and re-parsed on a hit: a parsed DOM is several times larger than its text.
// With a Fleet, a page missing here is looked for in the fleet's shared cache (and kept here for
// the time it has left there), and every page stored here is stored there too: a question
// answered by one replica is answered from cache by another.
#pragma once
#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "halo/fleet.hpp"

namespace halo {

class ResponseCache {
 public:
  /// `ttl` of zero disables the cache; least recently used entries go first beyond the bounds.
  ResponseCache(std::chrono::steady_clock::duration ttl, std::size_t max_entries,
                std::size_t max_bytes, std::shared_ptr<Fleet> fleet = nullptr);

  bool enabled() const { return ttl_.count() > 0; }
  std::optional<std::string> find(const std::string& key);
  void store(const std::string& key, std::string body);

 private:
  struct Entry {
    std::string key;
    std::string body;
    std::chrono::steady_clock::time_point expires;
  };
  void evict_to_fit();
  void store_here(const std::string& key, std::string body, std::chrono::steady_clock::duration ttl);

  const std::chrono::steady_clock::duration ttl_;
  const std::size_t max_entries_;
  const std::size_t max_bytes_;
  const std::shared_ptr<Fleet> fleet_;
  std::mutex mutex_;
  std::list<Entry> entries_;  ///< most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0;
};

}  // namespace halo
