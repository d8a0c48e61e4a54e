// util::LazyJson: a value given outright is there at once; a deferred one is made exactly once,
// on first use, however many threads ask at the same time, and copies share it.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "util/lazy_json.hpp"

namespace {

using util::Json;
using util::LazyJson;

TEST(LazyJson, AValueGivenOutrightIsNeverPending) {
  const LazyJson given(Json{{"type", "object"}});
  EXPECT_FALSE(given.pending());
  EXPECT_EQ(given.get()["type"], "object");
  EXPECT_TRUE(LazyJson().get().is_null());
}

TEST(LazyJson, ADeferredValueIsMadeOnceOnFirstUseAndCopiesShareIt) {
  std::atomic<int> made{0};
  const LazyJson lazy = LazyJson::deferred([&made] {
    ++made;
    return Json{{"n", 7}};
  });
  const LazyJson copy = lazy;  // NOLINT(performance-unnecessary-copy-initialization): sharing is the point
  EXPECT_TRUE(lazy.pending());
  EXPECT_EQ(made.load(), 0) << "made before anyone asked";

  std::vector<std::thread> askers;
  std::atomic<int> right{0};
  for (int i = 0; i < 8; ++i) {
    askers.emplace_back([&, i] {
      const LazyJson& which = i % 2 ? lazy : copy;
      if (which.get()["n"] == 7) ++right;
    });
  }
  for (auto& t : askers) t.join();
  EXPECT_EQ(right.load(), 8);
  EXPECT_EQ(made.load(), 1);
  EXPECT_FALSE(copy.pending());
  EXPECT_EQ(&lazy.get(), &copy.get()) << "a copy made its own value";
}

}  // namespace
