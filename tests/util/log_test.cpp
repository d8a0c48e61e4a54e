// util::log: lines are formatted by the caller's format string, stamped with the time in UTC and
// the level's name, written whole, and neither written nor formatted below the level set.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "util/log.hpp"

namespace {

/// Counts how often it is formatted, so a test can see that a line below the level is not.
struct Counted {
  int* formatted;
};

}  // namespace

template <>
struct fmt::formatter<Counted> : fmt::formatter<std::string_view> {
  auto format(const Counted& c, fmt::format_context& ctx) const {
    ++*c.formatted;
    return fmt::formatter<std::string_view>::format("counted", ctx);
  }
};

namespace {

/// The lines written while it lives, at `level`.
class Captured {
 public:
  explicit Captured(const char* level = "info") {
    EXPECT_TRUE(util::init_logging(level));
    previous_ = util::log::redirect([this](std::string_view line) {
      const std::lock_guard lock(mutex_);
      lines_.emplace_back(line);
    });
  }
  ~Captured() {
    util::log::redirect(std::move(previous_));
    util::init_logging("info");
  }
  std::vector<std::string> lines() {
    const std::lock_guard lock(mutex_);
    return lines_;
  }
  /// The lines without their time stamp (checked to be there).
  std::vector<std::string> texts() {
    std::vector<std::string> out;
    const std::regex stamp(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z ([\s\S]*)$)");
    for (const auto& line : lines()) {
      std::smatch m;
      EXPECT_TRUE(std::regex_match(line, m, stamp)) << line;
      out.push_back(m.size() > 1 ? m[1].str() : line);
    }
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
  util::log::Destination previous_;
};

TEST(Log, LinesAreFormattedAndWrittenAtTheirLevel) {
  Captured log;
  util::log::info("{} tools, {}", 29, std::string("stdio"));
  util::log::warn("dropped a message longer than {} bytes", 4096);
  util::log::error("{}", "a brace {} in an argument is text");
  EXPECT_EQ(log.texts(), (std::vector<std::string>{"info 29 tools, stdio\n",
                                                   "warning dropped a message longer than 4096 bytes\n",
                                                   "error a brace {} in an argument is text\n"}));
}

TEST(Log, BelowTheLevelNothingIsWrittenOrFormatted) {
  Captured log("warning");
  int formatted = 0;
  EXPECT_FALSE(util::log::enabled(util::log::Level::kInfo));
  util::log::info("{}", Counted{&formatted});
  util::log::debug("{}", Counted{&formatted});
  EXPECT_EQ(formatted, 0);
  EXPECT_TRUE(log.lines().empty());
  util::log::warn("{}", Counted{&formatted});
  EXPECT_EQ(formatted, 1);
  EXPECT_EQ(log.texts(), std::vector<std::string>{"warning counted\n"});

  EXPECT_TRUE(util::init_logging("off"));
  util::log::error("never");
  EXPECT_EQ(log.lines().size(), 1u);
}

TEST(Log, TheTimeIsUtcToTheMillisecond) {
  // 2024-01-01 is day 19723 after 1970-01-01 (1704067200 s / 86400); 2024-12-04 is 335 + 3 days
  // later (January to November of a leap year, then 3): day 20061, i.e. 20061 * 86400000 ms =
  // 1733270400000, plus 9:30:01.250 = 9*3600000 + 30*60000 + 1250 ms: 1733304601250.
  EXPECT_EQ(util::log::format_line(1733304601250, util::log::Level::kInfo, "x"), "2024-12-04T09:30:01.250Z info x\n");
  EXPECT_EQ(util::log::format_line(0, util::log::Level::kError, "epoch"), "1970-01-01T00:00:00.000Z error epoch\n");
  // The last millisecond of a leap year: 2025-01-01 is day 19723 + 366 = 20089, 1735689600000 ms.
  EXPECT_EQ(util::log::format_line(1735689599999, util::log::Level::kDebug, ""), "2024-12-31T23:59:59.999Z debug \n");

  // A line written now carries now: within a second of the clock read before and after.
  Captured log;
  const auto before = std::chrono::system_clock::now();
  util::log::info("now");
  const auto after = std::chrono::system_clock::now();
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 1u);
  auto stamp = [](std::chrono::system_clock::time_point t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    return util::log::format_line(ms, util::log::Level::kInfo, "now");
  };
  EXPECT_GE(lines[0], stamp(before));  // ISO 8601 text sorts as time does
  EXPECT_LE(lines[0], stamp(after));
}

TEST(Log, LinesFromManyThreadsStayWhole) {
  Captured log;
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([t] {
      for (int i = 0; i < 50; ++i) util::log::info("thread {} line {} {}", t, i, std::string(300, 'x'));
    });
  }
  for (auto& w : writers) w.join();
  const auto lines = log.texts();
  ASSERT_EQ(lines.size(), 200u);
  const std::regex whole(R"(^info thread \d line \d+ x{300}\n$)");
  for (const auto& line : lines) EXPECT_TRUE(std::regex_match(line, whole)) << line;
}

TEST(Log, LevelNamesInBothSpellings) {
  util::log::Level level{};
  ASSERT_TRUE(util::parse_log_level("warning", level));
  EXPECT_EQ(level, util::log::Level::kWarn);
  ASSERT_TRUE(util::parse_log_level("emergency", level));
  EXPECT_EQ(level, util::log::Level::kCritical);
  EXPECT_FALSE(util::parse_log_level("verbose", level));
  EXPECT_EQ(level, util::log::Level::kCritical) << "an unknown name changed the level";
  EXPECT_FALSE(util::init_logging("verbose"));
}

}  // namespace
