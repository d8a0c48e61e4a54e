// How revenue_breakdown schedules its Halo requests: the invoice scan (its critical path) goes
// first and the side sources' later pages wait for the slots it leaves idle, without changing a
// single figure or the number of requests. Also the FetchGate that implements the wait.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include "sim_fixture.hpp"
#include "tools/fetch_gate.hpp"

namespace {

using namespace std::chrono_literals;
using tools_test::Harness;
using tools_test::HarnessOptions;
using util::Json;

const Json kWindow = {{"as_of", "2025-06-30"}, {"start_date", "2024-07-01"}, {"end_date", "2025-06-30"}};

int page_no(const sim::RequestRecord& r) {
  auto it = r.params.find("page_no");
  return it == r.params.end() ? 0 : std::stoi(it->second);
}

struct RevenueRun {
  Json result;
  std::vector<sim::RequestRecord> requests;
};

RevenueRun revenue_with(int max_concurrency) {
  Harness h(HarnessOptions{.scale = 11.0, .today = "2025-06-30", .max_concurrency = max_concurrency});
  EXPECT_TRUE(h.ok()) << h.error();
  auto outcome = h.call("revenue_breakdown", kWindow);
  EXPECT_FALSE(outcome.is_error) << outcome.error_text;
  return RevenueRun{outcome.structured, h.sim().stats().recent};
}

TEST(RevenueSchedule, WithOneSlotSideSourcesWaitForTheWholeInvoiceScan) {
  const RevenueRun run = revenue_with(1);
  ASSERT_LT(run.requests.size(), sim::Stats::kRecentRequests) << "the log must hold the whole call";
  std::size_t last_invoice = 0, invoice_pages = 0, later_side_pages = 0;
  for (std::size_t i = 0; i < run.requests.size(); ++i) {
    if (run.requests[i].path == "/api/Invoice") {
      last_invoice = i;
      ++invoice_pages;
    }
  }
  ASSERT_GT(invoice_pages, 10u) << "the dataset must make the scan long enough to matter";
  for (std::size_t i = 0; i < run.requests.size(); ++i) {
    const auto& r = run.requests[i];
    const bool side = r.path == "/api/ClientContract" || r.path == "/api/RecurringInvoice" || r.path == "/api/Projects";
    if (!side || page_no(r) < 2) continue;
    ++later_side_pages;
    EXPECT_GT(i, last_invoice) << r.target << " was sent while the invoice scan still had every slot";
  }
  EXPECT_GT(later_side_pages, 0u) << "the side sources must have more than one page here";
}

TEST(RevenueSchedule, SchedulingChangesNeitherFiguresNorRequestCount) {
  const RevenueRun one = revenue_with(1);
  const RevenueRun four = revenue_with(4);
  EXPECT_EQ(one.result["totals"], four.result["totals"]);
  EXPECT_EQ(one.result["clients"], four.result["clients"]);
  EXPECT_EQ(one.result["sources"]["requests"], four.result["sources"]["requests"]);
}

// FetchGate: every wait runs on another thread and is given a bounded time, so a gate that fails
// to release its waiter fails the test instead of hanging it; the gate is opened on the way out
// (after the assertions) so no thread outlives its test.
struct Waiter {
  tools::FetchGate& gate;
  std::future<void> done;
  Waiter(tools::FetchGate& g, util::CancellationToken cancel)
      : gate(g), done(std::async(std::launch::async, [&g, cancel] { g.wait(cancel); })) {}
  ~Waiter() { gate.open(); }
  bool returned_within(std::chrono::milliseconds limit) { return done.wait_for(limit) == std::future_status::ready; }
};

TEST(FetchGate, WaitReturnsWhenOpened) {
  tools::FetchGate gate;
  Waiter waiter(gate, {});
  EXPECT_FALSE(waiter.returned_within(50ms)) << "a closed gate let its waiter through";
  gate.open();
  EXPECT_TRUE(waiter.returned_within(5s)) << "opening did not release the waiter";
  Waiter later(gate, {});
  EXPECT_TRUE(later.returned_within(5s)) << "an open gate must stay open";
}

TEST(FetchGate, WaitReturnsOnCancellation) {
  tools::FetchGate gate;
  util::CancellationSource cancel;
  Waiter waiter(gate, cancel.token());
  EXPECT_FALSE(waiter.returned_within(50ms)) << "a closed gate let its waiter through";
  cancel.cancel();
  EXPECT_TRUE(waiter.returned_within(5s)) << "cancellation did not wake the waiter of a closed gate";
}

TEST(FetchGate, OpenOnExitOpensHoweverTheScopeEnds) {
  tools::FetchGate gate;
  try {
    tools::FetchGate::OpenOnExit guard{gate};
    throw std::runtime_error("the critical path failed");
  } catch (const std::runtime_error&) {
  }
  std::future<void> waiter = std::async(std::launch::async, [&] { gate.wait({}); });
  EXPECT_EQ(waiter.wait_for(5s), std::future_status::ready) << "the gate stayed closed after an exception";
  gate.open();  // lets a stuck waiter go, so the test fails rather than hangs
}

}  // namespace
