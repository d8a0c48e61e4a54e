// LRU + TTL cache of response bodies.
#include "halo/response_cache.hpp"

#include <algorithm>

namespace halo {

ResponseCache::ResponseCache(std::chrono::steady_clock::duration ttl, std::size_t max_entries,
                             std::size_t max_bytes, std::shared_ptr<Fleet> fleet)
    : ttl_(ttl), max_entries_(max_entries), max_bytes_(max_bytes), fleet_(std::move(fleet)) {}

std::optional<std::string> ResponseCache::find(const std::string& key) {
  if (!enabled()) return std::nullopt;
  {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it != index_.end() && it->second->expires > std::chrono::steady_clock::now()) {
      entries_.splice(entries_.begin(), entries_, it->second);
      return it->second->body;
    }
    if (it != index_.end()) {
      bytes_ -= it->second->body.size();
      entries_.erase(it->second);
      index_.erase(it);
    }
  }
  if (!fleet_) return std::nullopt;
  auto shared = fleet_->find_page(key);  // outside the lock: a round trip to the fleet
  if (!shared || shared->ttl_left.count() <= 0) return std::nullopt;
  store_here(key, shared->body, std::min<std::chrono::steady_clock::duration>(shared->ttl_left, ttl_));
  return std::move(shared->body);
}

void ResponseCache::store(const std::string& key, std::string body) {
  if (!enabled()) return;
  if (fleet_) fleet_->store_page(key, body, std::chrono::ceil<std::chrono::milliseconds>(ttl_));
  store_here(key, std::move(body), ttl_);
}

void ResponseCache::store_here(const std::string& key, std::string body, std::chrono::steady_clock::duration ttl) {
  if (body.size() > max_bytes_) return;
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->body.size();
    entries_.erase(it->second);
    index_.erase(it);
  }
  bytes_ += body.size();
  entries_.push_front(Entry{key, std::move(body), std::chrono::steady_clock::now() + ttl});
  index_[key] = entries_.begin();
  evict_to_fit();
}

void ResponseCache::evict_to_fit() {
  while (!entries_.empty() && (entries_.size() > max_entries_ || bytes_ > max_bytes_)) {
    bytes_ -= entries_.back().body.size();
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

}  // namespace halo
