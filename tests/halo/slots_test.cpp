// The concurrency slots: a cap on requests in flight, where a priority request (a call's critical
// path) takes a freed slot before ordinary requests that were waiting longer.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "halo/concurrency_slots.hpp"

namespace {

using namespace std::chrono_literals;
using halo::ConcurrencySlots;
using halo::WaitEnd;

const auto kFar = std::chrono::steady_clock::now() + 30s;

/// Takes a slot, records `name`, gives the slot back.
void take_and_record(ConcurrencySlots& slots, bool priority, const std::string& name,
                     std::mutex& mutex, std::vector<std::string>& order, const util::CancellationToken& cancel = {}) {
  WaitEnd why = WaitEnd::kReady;
  auto lease = slots.acquire(cancel, kFar, why, priority);
  std::lock_guard lock(mutex);
  order.push_back(lease ? name : name + " gave up");
}

TEST(Slots, PriorityWaiterGoesBeforeAnOlderOrdinaryWaiter) {
  ConcurrencySlots slots(1);
  WaitEnd why = WaitEnd::kReady;
  auto held = slots.acquire({}, kFar, why);
  ASSERT_TRUE(held);
  std::mutex mutex;
  std::vector<std::string> order;
  std::thread ordinary([&] { take_and_record(slots, false, "ordinary", mutex, order); });
  std::this_thread::sleep_for(50ms);  // the ordinary request is waiting first
  std::thread critical([&] { take_and_record(slots, true, "priority", mutex, order); });
  std::this_thread::sleep_for(50ms);
  held.release();
  ordinary.join();
  critical.join();
  EXPECT_EQ(order, (std::vector<std::string>{"priority", "ordinary"}));
}

TEST(Slots, OrdinaryWaitersStillProceedWhenNoPriorityRequestWaits) {
  ConcurrencySlots slots(2);
  std::mutex mutex;
  std::vector<std::string> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    std::string name = "r";  // (not "r" + to_string: GCC 12 warns falsely, -Wrestrict)
    name += std::to_string(i);
    threads.emplace_back([&, i, name] { take_and_record(slots, i % 2 == 0, name, mutex, order); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(order.size(), 6u);
  for (const auto& entry : order) EXPECT_EQ(entry.find("gave up"), std::string::npos) << entry;
}

TEST(Slots, CancelledPriorityWaiterReleasesTheOrdinaryOnes) {
  ConcurrencySlots slots(1);
  WaitEnd why = WaitEnd::kReady;
  auto held = slots.acquire({}, kFar, why);
  std::mutex mutex;
  std::vector<std::string> order;
  util::CancellationSource cancel;
  std::thread critical([&] { take_and_record(slots, true, "priority", mutex, order, cancel.token()); });
  std::this_thread::sleep_for(50ms);
  std::thread ordinary([&] { take_and_record(slots, false, "ordinary", mutex, order); });
  std::this_thread::sleep_for(50ms);
  cancel.cancel();  // the priority request gives up while the slot is still held
  critical.join();
  held.release();   // now the ordinary one must get it, not wait for a priority request that left
  ordinary.join();
  EXPECT_EQ(order, (std::vector<std::string>{"priority gave up", "ordinary"}));
}

}  // namespace
