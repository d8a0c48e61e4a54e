// Unit tests of a resumable stream's event log, without sockets: event ids and the priming
// event, what the attached reader does next, close_stream, and the bounds (the newest event
// always kept, unread events spared up to four times the caps, a reader further behind loses).
#include "mcp/transport/resumable_stream.hpp"

#include <gtest/gtest.h>

namespace mcp::http_transport {
namespace {

using Step = ResumableStream::Step;
using namespace std::chrono_literals;

TEST(HttpResumableStream, EventsCarryIdsThatNameTheirStream) {
  ResumableStream stream(3, 100, 1 << 20);
  EXPECT_EQ(stream.priming_event(1500ms), "id: 3-0\nretry: 1500\ndata: \n\n");
  stream.append(R"({"a":1})", false);
  stream.append(R"({"b":2})", true);
  ASSERT_NE(stream.after(0), nullptr);
  EXPECT_EQ(stream.after(0)->text, "id: 3-1\nevent: message\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(stream.after(1)->seq, 2u);
  EXPECT_TRUE(stream.after(1)->final);
  EXPECT_EQ(stream.after(2), nullptr);
  EXPECT_EQ(stream.last_seq(), 2u);
  EXPECT_TRUE(stream.complete());
}

TEST(HttpResumableStream, ReaderWritesWaitsAndEndsAtTheFinalResponse) {
  ResumableStream stream(1, 100, 1 << 20);
  int wakes = 0;
  const auto ticket = stream.attach([&] { ++wakes; }, 0);
  EXPECT_EQ(stream.next(0).step, Step::kWait);
  stream.append("{}", false);
  EXPECT_EQ(wakes, 1);
  auto next = stream.next(0);
  ASSERT_EQ(next.step, Step::kWrite);
  EXPECT_EQ(next.event->seq, 1u);
  stream.written(1, false, ResumableStream::Clock::now());
  EXPECT_EQ(stream.next(1).step, Step::kWait);
  EXPECT_FALSE(stream.delivered());
  stream.append("{}", true);
  EXPECT_EQ(wakes, 2);
  const auto at = ResumableStream::Clock::now();
  stream.written(2, true, at);
  EXPECT_EQ(stream.delivered(), at);
  // A reader resuming after the end has nothing to write: the stream is over.
  EXPECT_EQ(stream.next(2).step, Step::kFinal);
  stream.detach(ticket);
  EXPECT_FALSE(stream.has_reader());
}

TEST(HttpResumableStream, CloseReaderEndsThisReaderOnlyAfterWhatWasLogged) {
  ResumableStream stream(1, 100, 1 << 20);
  int wakes = 0;
  const auto first = stream.attach([&] { ++wakes; }, 0);
  stream.append("{}", false);
  stream.append("{}", false);
  stream.close_reader();
  EXPECT_EQ(wakes, 3);
  stream.append("{}", false);  // logged after the close: for the next reader
  EXPECT_EQ(stream.next(0).step, Step::kWrite);
  EXPECT_EQ(stream.next(1).step, Step::kWrite);
  EXPECT_EQ(stream.next(2).step, Step::kClosedByServer);
  stream.detach(first);
  stream.attach([] {}, 2);  // the client resumes: the close concerned the previous reader
  auto next = stream.next(2);
  ASSERT_EQ(next.step, Step::kWrite);
  EXPECT_EQ(next.event->seq, 3u);
}

TEST(HttpResumableStream, ADetachWithAStaleTicketLeavesTheCurrentReader) {
  ResumableStream stream(1, 100, 1 << 20);
  const auto old_ticket = stream.attach([] {}, 0);
  stream.attach([] {}, 0);
  stream.detach(old_ticket);
  EXPECT_TRUE(stream.has_reader());
}

TEST(HttpResumableStream, WithoutAReaderTheOldestEventsGoFirst) {
  ResumableStream stream(1, 3, 1 << 20);
  for (int i = 0; i < 5; ++i) stream.append("{}", false);
  // Events 3, 4 and 5 are kept.
  EXPECT_TRUE(stream.evicted_after(0));
  EXPECT_TRUE(stream.evicted_after(1));
  EXPECT_FALSE(stream.evicted_after(2));
  EXPECT_EQ(stream.after(0), nullptr);
  EXPECT_EQ(stream.after(2)->seq, 3u);
  EXPECT_EQ(stream.next(0).step, Step::kFellBehind);
}

TEST(HttpResumableStream, UnreadEventsAreSparedUpToFourTimesTheCap) {
  ResumableStream stream(1, 2, 1 << 20);
  const auto ticket = stream.attach([] {}, 0);
  for (int i = 0; i < 8; ++i) stream.append("{}", false);
  EXPECT_FALSE(stream.evicted_after(0));  // 8 = 4 x 2 unread events: all kept
  stream.written(1, false, ResumableStream::Clock::now());
  stream.append("{}", false);  // 9 events: the written one goes, the unread ones stay
  EXPECT_TRUE(stream.evicted_after(0));
  EXPECT_FALSE(stream.evicted_after(1));
  EXPECT_EQ(stream.after(1)->seq, 2u);
  stream.append("{}", false);  // 9 unread events: more than four times the cap, the reader loses
  EXPECT_EQ(stream.next(1).step, Step::kFellBehind);
  stream.detach(ticket);  // bounded again: the two newest remain
  EXPECT_TRUE(stream.evicted_after(7));
  EXPECT_FALSE(stream.evicted_after(8));
  EXPECT_EQ(stream.after(8)->seq, 9u);
  EXPECT_EQ(stream.after(9)->seq, 10u);
}

TEST(HttpResumableStream, TheNewestEventSurvivesAByteCapBelowIt) {
  ResumableStream stream(1, 100, 10);
  stream.append(std::string(100, 'x'), false);
  stream.append(std::string(100, 'y'), true);
  EXPECT_TRUE(stream.evicted_after(0));
  ASSERT_NE(stream.after(1), nullptr);
  EXPECT_TRUE(stream.after(1)->final);
}

TEST(HttpResumableStream, LastEventIdsParseOnlyInTheirOwnForm) {
  EXPECT_EQ(parse_event_id("3-7"), std::make_pair(std::uint64_t{3}, std::uint64_t{7}));
  EXPECT_EQ(parse_event_id("18446744073709551606-0"),
            std::make_pair(std::uint64_t{18446744073709551606u}, std::uint64_t{0}));
  for (const char* bad : {"", "-", "-1", "1-", "a-1", "1-b", "1-2-3", " 1-2", "1_2", "99999999999999999999-1"}) {
    EXPECT_FALSE(parse_event_id(bad)) << bad;
  }
  EXPECT_EQ(parse_event_id(std::string(38, '0') + "1-1"), std::make_pair(std::uint64_t{1}, std::uint64_t{1}));
  EXPECT_FALSE(parse_event_id(std::string(39, '0') + "1-1"));  // over 41 characters
}

}  // namespace
}  // namespace mcp::http_transport
