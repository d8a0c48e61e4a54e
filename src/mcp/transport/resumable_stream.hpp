// Resumability (2025-11-25 "Resumability and Redelivery"): the SSE events of one legacy POST,
// kept so that a client that lost the stream, or was told to poll by close_stream, can GET them
// again with Last-Event-ID. Event ids are "<stream>-<seq>": unique within the session, and they
// name their stream. seq 0 is the priming event (not logged: it carries no message).
//
// The log is bounded (events and bytes, the newest event always kept so a large final response
// survives). Events the attached reader has not written yet are spared up to four times those
// caps, so that a burst does not cost a live stream its events; a reader further behind loses
// the stream. A client that asks for evicted events gets 410.
//
// At most one reader (the connection delivering the stream now: the POST's, later a GET's) is
// attached at a time; the log wakes it when something happens. Free of Beast and of threads:
// the HTTP transport uses it from its I/O thread only.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace mcp::http_transport {

class ResumableStream {
 public:
  using Clock = std::chrono::steady_clock;

  struct Event {
    std::uint64_t seq = 0;
    std::string text;  ///< the whole SSE event block
    bool final = false;
  };

  /// What the attached reader does next, having written every event up to `cursor`.
  enum class Step {
    kWrite,           ///< write `event`
    kWait,            ///< nothing to write yet: wait for a wake-up (or send a keepalive)
    kFinal,           ///< the final response was written before: the stream is over
    kClosedByServer,  ///< close_reader(): end this response cleanly, the client resumes later
    kFellBehind,      ///< the events after the cursor were evicted: end the connection
  };
  struct Next {
    Step step = Step::kWait;
    const Event* event = nullptr;  ///< for kWrite; valid until the log changes
  };

  ResumableStream(std::uint64_t number, std::size_t max_events, std::size_t max_bytes);

  [[nodiscard]] std::uint64_t number() const { return number_; }
  /// "<stream>-<seq>".
  [[nodiscard]] std::string event_id(std::uint64_t seq) const;
  /// The event that opens a resumable stream: id 0, the reconnection delay, empty data.
  [[nodiscard]] std::string priming_event(std::chrono::milliseconds retry) const;

  /// Logs one outgoing message as an event; `final` for the response that ends the request.
  void append(std::string_view message, bool final);
  [[nodiscard]] std::uint64_t last_seq() const { return last_seq_; }
  /// The final response is in the log.
  [[nodiscard]] bool complete() const { return complete_; }
  /// When a reader wrote the final response (the stream may be dropped a grace period later).
  [[nodiscard]] std::optional<Clock::time_point> delivered() const { return delivered_; }

  /// The first logged event after `seq`, or null (none yet, or evicted: see evicted_after).
  [[nodiscard]] const Event* after(std::uint64_t seq) const;
  /// True when events following `seq` were evicted from the log by its caps.
  [[nodiscard]] bool evicted_after(std::uint64_t seq) const;

  // ---- the reader ------------------------------------------------------------------------------
  /// Attaches the reader that has written everything up to `cursor`; `wake` is called whenever it
  /// has something new to do. Returns a ticket for detach(). Any previous close_reader() is
  /// forgotten: it concerned the previous reader.
  std::uint64_t attach(std::function<void()> wake, std::uint64_t cursor);
  /// Detaches the reader holding `ticket` (no-op for a stale ticket); what was spared for it is
  /// bounded again.
  void detach(std::uint64_t ticket);
  [[nodiscard]] bool has_reader() const { return static_cast<bool>(wake_); }
  /// The reader wrote event `seq` (`now` matters for the final one).
  void written(std::uint64_t seq, bool final, Clock::time_point now);
  /// close_stream: the current reader ends after what has been logged so far.
  void close_reader();
  /// The reader's next step after `cursor`.
  [[nodiscard]] Next next(std::uint64_t cursor) const;

 private:
  void trim();

  std::uint64_t number_;
  std::size_t max_events_;
  std::size_t max_bytes_;
  std::deque<Event> log_;
  std::size_t log_bytes_ = 0;
  std::uint64_t last_seq_ = 0;
  bool complete_ = false;
  std::optional<Clock::time_point> delivered_;
  std::function<void()> wake_;                ///< set while a reader is attached
  std::uint64_t reader_ticket_ = 0;
  std::uint64_t reader_cursor_ = 0;           ///< the last event the reader wrote
  std::optional<std::uint64_t> close_after_;  ///< set by close_reader
};

/// "<stream>-<seq>" of a Last-Event-ID header, or nullopt when it is not of that form.
[[nodiscard]] std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_event_id(std::string_view id);

}  // namespace mcp::http_transport
