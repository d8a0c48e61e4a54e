// Unit tests of the HTTP transport's session table, without sockets and with an explicit clock:
// sessions open under fresh ids and close, idle ones expire but busy ones never, a full table
// evicts its least recently used idle session (none when all are busy), finished streams are
// bounded, and Last-Event-ID resolves to a resume point or to the reason it cannot.
#include "mcp/transport/http_sessions.hpp"

#include <gtest/gtest.h>

namespace mcp::http_transport {
namespace {

using namespace std::chrono_literals;

HttpOptions options_for_tests() {
  HttpOptions options;
  options.max_sessions = 2;
  options.session_idle_timeout = 30s;
  options.sse_replay_grace = 10s;
  options.sse_replay_max_streams = 2;
  options.sse_replay_max_events = 3;
  return options;
}

const Clock::time_point t0 = Clock::time_point() + 1000h;

TEST(HttpSessionTable, OpensUnderAFreshIdAndCloses) {
  HttpSessionTable table(options_for_tests());
  auto session = std::make_shared<Session>();
  auto id = table.open(session, t0);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->size(), 64u);
  auto other = table.open(std::make_shared<Session>(), t0);
  ASSERT_TRUE(other);
  EXPECT_NE(*id, *other);
  EXPECT_EQ(table.size(), 2u);
  ASSERT_NE(table.find(*id), nullptr);
  EXPECT_EQ(table.find(*id)->session, session);
  EXPECT_EQ(table.find("no-such-session"), nullptr);
  table.close(*id);
  EXPECT_EQ(table.find(*id), nullptr);
  EXPECT_EQ(table.size(), 1u);
}

TEST(HttpSessionTable, IdleSessionsExpireButBusyOnesNever) {
  HttpSessionTable table(options_for_tests());
  const auto idle = *table.open(std::make_shared<Session>(), t0);
  const auto busy = *table.open(std::make_shared<Session>(), t0);
  table.note_request(busy, +1, t0);
  table.expire_idle(t0 + 30s);  // exactly the timeout: still kept
  EXPECT_NE(table.find(idle), nullptr);
  table.expire_idle(t0 + 31s);
  EXPECT_EQ(table.find(idle), nullptr);
  table.expire_idle(t0 + 10h);
  ASSERT_NE(table.find(busy), nullptr);
  // The request ends: the session counts as used then, and expires a timeout later.
  table.note_request(busy, -1, t0 + 10h);
  table.expire_idle(t0 + 10h + 30s);
  EXPECT_NE(table.find(busy), nullptr);
  table.expire_idle(t0 + 10h + 31s);
  EXPECT_EQ(table.find(busy), nullptr);
  EXPECT_EQ(table.size(), 0u);
}

TEST(HttpSessionTable, AFullTableEvictsTheLeastRecentlyUsedIdleSession) {
  HttpSessionTable table(options_for_tests());
  const auto a = *table.open(std::make_shared<Session>(), t0);
  const auto b = *table.open(std::make_shared<Session>(), t0 + 1s);
  table.note_request(a, +1, t0 + 2s);  // a was used last...
  table.note_request(a, -1, t0 + 2s);
  const auto c = table.open(std::make_shared<Session>(), t0 + 3s);
  ASSERT_TRUE(c);
  EXPECT_EQ(table.find(b), nullptr);  // ...so b goes
  EXPECT_NE(table.find(a), nullptr);
  EXPECT_EQ(table.size(), 2u);
  // Every session busy: no room, and nobody is evicted.
  table.note_request(a, +1, t0 + 4s);
  table.note_request(*c, +1, t0 + 4s);
  EXPECT_FALSE(table.open(std::make_shared<Session>(), t0 + 5s));
  EXPECT_NE(table.find(a), nullptr);
  EXPECT_NE(table.find(*c), nullptr);
}

TEST(HttpSessionTable, ClosingASessionStopsTheReadersOfItsStreams) {
  HttpSessionTable table(options_for_tests());
  const auto id = *table.open(std::make_shared<Session>(), t0);
  auto stream = table.open_stream(*table.find(id), t0);
  int wakes = 0;
  stream->attach([&] { ++wakes; }, 0);
  stream->append("{}", false);
  EXPECT_EQ(wakes, 1);
  table.close(id);
  EXPECT_EQ(wakes, 2);
  EXPECT_EQ(stream->next(1).step, ResumableStream::Step::kClosedByServer);
}

TEST(HttpSessionTable, FinishedStreamsAreKeptForTheGracePeriodAndBounded) {
  HttpSessionTable table(options_for_tests());
  const auto id = *table.open(std::make_shared<Session>(), t0);
  HttpSession& session = *table.find(id);
  auto delivered = table.open_stream(session, t0);
  EXPECT_EQ(delivered->number(), 1u);
  delivered->append("{}", true);
  delivered->written(1, true, t0);
  table.expire_idle(t0 + 9s);
  EXPECT_EQ(session.streams.count(1), 1u);
  table.expire_idle(t0 + 10s);  // the grace period is over
  EXPECT_EQ(session.streams.count(1), 0u);

  // Finished but never delivered: at most two are kept, the oldest go first.
  for (int i = 0; i < 3; ++i) table.open_stream(session, t0)->append("{}", true);
  auto running = table.open_stream(session, t0);  // numbers 2, 3, 4 finished; 5 running
  EXPECT_EQ(running->number(), 5u);
  table.expire_idle(t0 + 1s);
  EXPECT_EQ(session.streams.count(2), 0u);
  EXPECT_EQ(session.streams.count(3), 1u);
  EXPECT_EQ(session.streams.count(4), 1u);
  EXPECT_EQ(session.streams.count(5), 1u);  // a running stream is never dropped
  table.drop_stream(id, 5);
  EXPECT_EQ(session.streams.count(5), 0u);
}

TEST(HttpSessionTable, LastEventIdResolvesToAResumePointOrWhyNot) {
  HttpSessionTable table(options_for_tests());
  const auto id = *table.open(std::make_shared<Session>(), t0);
  HttpSession& session = *table.find(id);
  auto stream = table.open_stream(session, t0);  // stream 1, events capped at 3
  stream->append("{}", false);
  stream->append("{}", false);

  auto point = table.resume_point(session, "1-1", t0);
  ASSERT_TRUE(point);
  EXPECT_EQ(point->stream, stream);
  EXPECT_EQ(point->seq, 1u);
  EXPECT_TRUE(table.resume_point(session, "1-0", t0));  // from the priming event

  for (const char* never_issued : {"garbage", "0-1", "2-0", "1-3"}) {
    auto refused = table.resume_point(session, never_issued, t0);
    ASSERT_FALSE(refused) << never_issued;
    EXPECT_EQ(refused.error(), ResumeRefusal::kNotIssued) << never_issued;
  }
  stream->attach([] {}, 2);
  auto busy = table.resume_point(session, "1-2", t0);
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error(), ResumeRefusal::kBeingDelivered);

  // Evicted events, then a dropped stream: both gone.
  auto capped = table.open_stream(session, t0);  // stream 2
  for (int i = 0; i < 5; ++i) capped->append("{}", false);
  auto evicted = table.resume_point(session, "2-1", t0);
  ASSERT_FALSE(evicted);
  EXPECT_EQ(evicted.error(), ResumeRefusal::kGone);
  EXPECT_TRUE(table.resume_point(session, "2-2", t0));
  table.drop_stream(id, 2);
  auto dropped = table.resume_point(session, "2-2", t0);
  ASSERT_FALSE(dropped);
  EXPECT_EQ(dropped.error(), ResumeRefusal::kGone);
}

}  // namespace
}  // namespace mcp::http_transport
