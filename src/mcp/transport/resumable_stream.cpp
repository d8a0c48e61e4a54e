// The event log of one resumable SSE stream (see resumable_stream.hpp).
#include "mcp/transport/resumable_stream.hpp"

namespace mcp::http_transport {

ResumableStream::ResumableStream(std::uint64_t number, std::size_t max_events, std::size_t max_bytes)
    : number_(number), max_events_(max_events), max_bytes_(max_bytes) {}

std::string ResumableStream::event_id(std::uint64_t seq) const {
  return std::to_string(number_) + "-" + std::to_string(seq);
}

std::string ResumableStream::priming_event(std::chrono::milliseconds retry) const {
  return "id: " + event_id(0) + "\nretry: " + std::to_string(retry.count()) + "\ndata: \n\n";
}

void ResumableStream::append(std::string_view message, bool final) {
  const std::uint64_t seq = ++last_seq_;
  Event event{seq, "id: " + event_id(seq) + "\nevent: message\ndata: " + std::string(message) + "\n\n", final};
  log_bytes_ += event.text.size();
  log_.push_back(std::move(event));
  trim();
  if (final) complete_ = true;
  if (wake_) wake_();
}

void ResumableStream::trim() {
  while (log_.size() > 1 && (log_.size() > max_events_ || log_bytes_ > max_bytes_)) {
    const bool written = !wake_ || log_.front().seq <= reader_cursor_;
    const bool far_behind = log_.size() > 4 * max_events_ || log_bytes_ > 4 * max_bytes_;
    if (!written && !far_behind) break;
    log_bytes_ -= log_.front().text.size();
    log_.pop_front();
  }
}

const ResumableStream::Event* ResumableStream::after(std::uint64_t seq) const {
  if (log_.empty() || seq >= log_.back().seq) return nullptr;
  if (seq + 1 < log_.front().seq) return nullptr;
  return &log_[static_cast<std::size_t>(seq + 1 - log_.front().seq)];
}

bool ResumableStream::evicted_after(std::uint64_t seq) const { return !log_.empty() && seq + 1 < log_.front().seq; }

std::uint64_t ResumableStream::attach(std::function<void()> wake, std::uint64_t cursor) {
  wake_ = std::move(wake);
  reader_cursor_ = cursor;
  close_after_.reset();
  return ++reader_ticket_;
}

void ResumableStream::detach(std::uint64_t ticket) {
  if (ticket != reader_ticket_ || !wake_) return;
  wake_ = nullptr;
  close_after_.reset();
  trim();
}

void ResumableStream::written(std::uint64_t seq, bool final, Clock::time_point now) {
  reader_cursor_ = seq;
  if (final) delivered_ = now;
}

void ResumableStream::close_reader() {
  if (!wake_) return;
  close_after_ = last_seq_;
  wake_();
}

ResumableStream::Next ResumableStream::next(std::uint64_t cursor) const {
  if (evicted_after(cursor)) return {Step::kFellBehind, nullptr};
  const Event* event = after(cursor);
  if (event != nullptr && !(close_after_ && event->seq > *close_after_)) return {Step::kWrite, event};
  if (close_after_ && cursor >= *close_after_) return {Step::kClosedByServer, nullptr};
  if (complete_ && cursor >= last_seq_) return {Step::kFinal, nullptr};  // resumed after the end
  return {Step::kWait, nullptr};
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_event_id(std::string_view id) {
  const auto dash = id.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == id.size() || id.size() > 41) return std::nullopt;
  std::uint64_t parts[2] = {0, 0};
  std::size_t part = 0;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i == dash) {
      part = 1;
      continue;
    }
    if (id[i] < '0' || id[i] > '9') return std::nullopt;
    if (parts[part] > (UINT64_MAX - 9) / 10) return std::nullopt;
    parts[part] = parts[part] * 10 + static_cast<std::uint64_t>(id[i] - '0');
  }
  return std::pair{parts[0], parts[1]};
}

}  // namespace mcp::http_transport
