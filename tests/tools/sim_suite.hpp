// The fixture of the tool suites over the generated dataset, value-parameterised by Via: every
// test runs once in-process and once through the real executable. One Harness (simulator, and in
// the executable mode one halo-psa-mcp child) per mode and suite, created on first use, so a
// suite pays for one child however many calls it makes. Faults and stats are reset before each
// test; `data()` is the dataset the simulator serves, which tests count against. A suite may serve
// a hand-made dataset instead (DatasetSuite<make_dataset>).
#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include <unistd.h>

#include "sim_fixture.hpp"

namespace tools_test {

inline int as_int(const Json& v) {
  if (v.is_number()) return static_cast<int>(v.get<double>());
  return 0;
}

inline std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Builds a suite's hand-made dataset; a suite without one serves the generated company.
using DatasetFn = Json (*)();

/// The simulator's "today" (and so the tools' "now": noon that day) of a suite, YYYY-MM-DD;
/// without one, HarnessOptions' default.
using TodayFn = const char* (*)();

/// Settings a suite gives its harnesses beyond the dataset and today (HALO_DEFAULT_COST_RATE, ...).
using ConfigureFn = void (*)(HarnessOptions&);

template <DatasetFn make_dataset = nullptr, TodayFn today = nullptr, ConfigureFn configure = nullptr>
class DatasetSuite : public ::testing::TestWithParam<Via> {
 protected:
  static void TearDownTestSuite() {
    harnesses_[1].reset();
    harnesses_[0].reset();
    dataset_.reset();
    if (!path_.empty()) std::remove(path_.c_str());
    path_.clear();
  }
  void SetUp() override {
    if constexpr (make_dataset != nullptr) {
      if (path_.empty()) {
        // One file per suite and process: ctest runs suites of one binary side by side.
        std::string suite = ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name();
        std::replace(suite.begin(), suite.end(), '/', '_');
        path_ = "/tmp/tools_" + suite + "_" + std::to_string(::getpid()) + ".json";
        std::ofstream(path_) << make_dataset().dump();
      }
    }
    auto& slot = harnesses_[GetParam() == Via::kInProcess ? 0 : 1];
    if (!slot) {
      HarnessOptions options;
      options.dataset_file = path_;
      if constexpr (today != nullptr) options.today = today();
      if constexpr (configure != nullptr) configure(options);
      options.via = GetParam();
      slot = std::make_unique<Harness>(options);
    }
    harness_ = slot.get();
    ASSERT_TRUE(harness_->ok()) << harness_->error();
    if (!dataset_) dataset_ = std::make_unique<Json>(harness_->sim().dataset());
    harness_->sim().faults().reset();
    harness_->sim().reset_stats();
  }
  void TearDown() override {
    if (harness_ && harness_->ok()) harness_->sim().faults().reset();
  }

  Json ok(const std::string& tool, const Json& args) {
    mcp::ToolOutcome outcome = harness_->call(tool, args);
    EXPECT_FALSE(outcome.is_error) << tool << " " << args.dump() << ": " << outcome.error_text;
    return outcome.structured;
  }
  std::string error(const std::string& tool, const Json& args) {
    mcp::ToolOutcome outcome = harness_->call(tool, args);
    EXPECT_TRUE(outcome.is_error) << tool << " " << args.dump() << " unexpectedly succeeded";
    return outcome.error_text;
  }
  /// Forces `status` on every request whose path starts with `path` ("/api/Tickets").
  void force_status(const std::string& path, int status) {
    auto faults = harness_->sim().faults().get();
    faults.status_for[path] = status;
    harness_->sim().faults().set(faults);
  }
  const Json& data(const char* key) { return (*dataset_)[key]; }
  /// The simulator keeps project tasks (child tickets, parent_id > 0) with the projects, as Halo's
  /// id-only project list shows them; list_projects lists projects only.
  static bool is_project(const Json& p) { return !p.contains("parent_id") || p["parent_id"].get<int>() == 0; }
  template <class Pred>
  std::int64_t count(const char* key, Pred pred) {
    return std::count_if(data(key).begin(), data(key).end(), pred);
  }
  std::uint64_t requests(const std::string& key) { return harness_->requests(key); }
  std::uint64_t api_requests() {
    auto stats = harness_->sim().stats();
    return stats.requests_total - stats.token_requests;
  }
  bool via_executable() const { return GetParam() == Via::kExecutable; }

  Harness* harness_ = nullptr;
  static inline std::array<std::unique_ptr<Harness>, 2> harnesses_;
  static inline std::unique_ptr<Json> dataset_;
  static inline std::string path_;  ///< the hand-made dataset's file; empty = generated
};

using SimSuite = DatasetSuite<>;

}  // namespace tools_test
