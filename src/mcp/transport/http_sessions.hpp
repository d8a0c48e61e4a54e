// The HTTP transport's session table (legacy era, stateful mode): the Session behind each
// Mcp-Session-Id, how busy it is, its resumable streams, and the bounds that keep the table
// small: idle sessions expire, a full table evicts its least recently used idle session, and
// each session keeps a bounded number of finished streams for a grace period. Free of Beast and
// of locks: the transport uses it from its I/O thread only (size() excepted).
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "mcp/server.hpp"
#include "mcp/transport/http.hpp"
#include "mcp/transport/resumable_stream.hpp"

namespace mcp::http_transport {

using Clock = std::chrono::steady_clock;

struct HttpSession {
  std::shared_ptr<Session> session;
  std::string owner;  ///< Caller::name of who opened it; only they may use it
  Clock::time_point last_used;
  int active_requests = 0;  ///< POSTs and resumption GETs being served
  std::uint64_t streams_opened = 0;
  std::map<std::uint64_t, std::shared_ptr<ResumableStream>> streams;  ///< by number
};

/// Why a Last-Event-ID cannot be resumed: 400, 410 or 409.
enum class ResumeRefusal { kNotIssued, kGone, kBeingDelivered };

struct ResumePoint {
  std::shared_ptr<ResumableStream> stream;
  std::uint64_t seq = 0;  ///< the last event the client has
};

class HttpSessionTable {
 public:
  /// Reads max_sessions, session_idle_timeout and the sse_replay_* bounds.
  explicit HttpSessionTable(const HttpOptions& options);

  /// The session with this id, or null.
  [[nodiscard]] HttpSession* find(const std::string& id);
  /// Adds `session` under a fresh random id, first expiring idle sessions and, when the table is
  /// full, evicting the least recently used idle one. nullopt when every session is busy (503).
  [[nodiscard]] std::optional<std::string> open(std::shared_ptr<Session> session, Clock::time_point now);
  /// Ends a session (DELETE, or a failed initialize): its requests are cancelled and its
  /// streams' readers told to stop, since their responses never come.
  void close(const std::string& id);
  /// Drops sessions idle for longer than the timeout (never one with a request running) and
  /// prunes every session's streams.
  void expire_idle(Clock::time_point now);
  /// Every session, e.g. to cancel all at shutdown.
  void for_each(const std::function<void(HttpSession&)>& fn);
  /// Live sessions; safe from any thread.
  [[nodiscard]] std::size_t size() const { return live_.load(); }

  /// A request of session `id` starts (+1) or ends (-1): the session counts as busy meanwhile,
  /// and as used now. No-op for an unknown id (the session may have been deleted meanwhile).
  void note_request(const std::string& id, int delta, Clock::time_point now);

  /// A new resumable stream in `session`.
  [[nodiscard]] std::shared_ptr<ResumableStream> open_stream(HttpSession& session, Clock::time_point now);
  /// Forgets a stream that turned out not to need one (the POST was a notification).
  void drop_stream(const std::string& id, std::uint64_t number);
  /// Where a GET with this Last-Event-ID resumes, or why it cannot.
  [[nodiscard]] tl::expected<ResumePoint, ResumeRefusal> resume_point(HttpSession& session,
                                                                      std::string_view last_event_id,
                                                                      Clock::time_point now) const;

 private:
  [[nodiscard]] static bool busy(const HttpSession& entry);
  void prune_streams(HttpSession& entry, Clock::time_point now) const;
  void update_size() { live_ = sessions_.size(); }

  std::size_t max_sessions_;
  std::chrono::seconds idle_timeout_;
  std::size_t replay_max_events_;
  std::size_t replay_max_bytes_;
  std::chrono::milliseconds replay_grace_;
  std::size_t replay_max_streams_;
  std::map<std::string, HttpSession> sessions_;
  std::atomic<std::size_t> live_{0};
};

}  // namespace mcp::http_transport
