// The HTTP transport's session table (see http_sessions.hpp).
#include "mcp/transport/http_sessions.hpp"

#include <algorithm>

#include "mcp/transport/http_security.hpp"
#include "util/log.hpp"

namespace mcp::http_transport {

HttpSessionTable::HttpSessionTable(const HttpOptions& options)
    : max_sessions_(std::max<std::size_t>(options.max_sessions, 1)),
      idle_timeout_(options.session_idle_timeout),
      replay_max_events_(options.sse_replay_max_events),
      replay_max_bytes_(options.sse_replay_max_bytes),
      replay_grace_(options.sse_replay_grace),
      replay_max_streams_(options.sse_replay_max_streams) {}

HttpSession* HttpSessionTable::find(const std::string& id) {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : &it->second;
}

bool HttpSessionTable::busy(const HttpSession& entry) {
  return entry.active_requests > 0 || entry.session->in_flight() > 0;
}

std::optional<std::string> HttpSessionTable::open(std::shared_ptr<Session> session, Clock::time_point now) {
  expire_idle(now);
  if (sessions_.size() >= max_sessions_) {
    auto victim = sessions_.end();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (busy(it->second)) continue;
      if (victim == sessions_.end() || it->second.last_used < victim->second.last_used) victim = it;
    }
    if (victim == sessions_.end()) return std::nullopt;
    util::log::info("http: session limit ({}) reached, evicting the least recently used idle session", max_sessions_);
    sessions_.erase(victim);
  }
  std::string id = http_security::random_session_id();
  HttpSession entry;
  entry.session = std::move(session);
  entry.last_used = now;
  sessions_[id] = std::move(entry);
  update_size();
  return id;
}

void HttpSessionTable::close(const std::string& id) {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  it->second.session->cancel_all();
  for (auto& [number, stream] : it->second.streams) stream->close_reader();  // their responses never come
  sessions_.erase(it);
  update_size();
}

void HttpSessionTable::expire_idle(Clock::time_point now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (!busy(it->second) && now - it->second.last_used > idle_timeout_) {
      util::log::debug("http: session expired after inactivity");
      it = sessions_.erase(it);
    } else {
      prune_streams(it->second, now);
      ++it;
    }
  }
  update_size();
}

void HttpSessionTable::for_each(const std::function<void(HttpSession&)>& fn) {
  for (auto& [id, entry] : sessions_) fn(entry);
}

void HttpSessionTable::note_request(const std::string& id, int delta, Clock::time_point now) {
  if (HttpSession* entry = find(id)) {
    entry->active_requests += delta;
    entry->last_used = now;
  }
}

/// A stream whose final response was delivered is kept for the grace period (the last write may
/// not have reached the client), and at most replay_max_streams finished streams are kept (the
/// oldest go first). A running stream is never dropped: it is bounded by its own caps and ends
/// with its request.
void HttpSessionTable::prune_streams(HttpSession& entry, Clock::time_point now) const {
  std::size_t finished = 0;
  for (auto it = entry.streams.begin(); it != entry.streams.end();) {
    const ResumableStream& stream = *it->second;
    if (!stream.has_reader() && stream.delivered() && now - *stream.delivered() >= replay_grace_) {
      it = entry.streams.erase(it);
      continue;
    }
    if (stream.complete() && !stream.has_reader()) ++finished;
    ++it;
  }
  for (auto it = entry.streams.begin(); finished > replay_max_streams_ && it != entry.streams.end();) {
    if (it->second->complete() && !it->second->has_reader()) {
      it = entry.streams.erase(it);
      --finished;
    } else {
      ++it;
    }
  }
}

std::shared_ptr<ResumableStream> HttpSessionTable::open_stream(HttpSession& session, Clock::time_point now) {
  prune_streams(session, now);
  auto stream = std::make_shared<ResumableStream>(++session.streams_opened, replay_max_events_, replay_max_bytes_);
  session.streams[stream->number()] = stream;
  return stream;
}

void HttpSessionTable::drop_stream(const std::string& id, std::uint64_t number) {
  if (HttpSession* entry = find(id)) entry->streams.erase(number);
}

tl::expected<ResumePoint, ResumeRefusal> HttpSessionTable::resume_point(HttpSession& session,
                                                                         std::string_view last_event_id,
                                                                         Clock::time_point now) const {
  prune_streams(session, now);
  const auto position = parse_event_id(last_event_id);
  if (!position || position->first < 1 || position->first > session.streams_opened) {
    return tl::unexpected(ResumeRefusal::kNotIssued);
  }
  auto found = session.streams.find(position->first);
  if (found == session.streams.end()) return tl::unexpected(ResumeRefusal::kGone);  // pruned
  const std::shared_ptr<ResumableStream>& stream = found->second;
  if (position->second > stream->last_seq()) return tl::unexpected(ResumeRefusal::kNotIssued);
  if (stream->evicted_after(position->second)) return tl::unexpected(ResumeRefusal::kGone);
  if (stream->has_reader()) return tl::unexpected(ResumeRefusal::kBeingDelivered);
  return ResumePoint{stream, position->second};
}

}  // namespace mcp::http_transport
