// revenue_breakdown through the real executable against a halo-sim process.
//   - Progress over stdio MCP, with several pages of invoices: strictly increasing, with a total,
//     ending at the number of pages the simulator served.
//   - Cancellation mid-fetch: the fetch stops promptly and the call is never answered.
//   - HALO_PERIOD_LABELS reaches the period table: a "Bi-Annually" template counts only when mapped.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "drills/drill_support.hpp"

namespace {

using drills::json;
using drills::Clock;
using namespace std::chrono_literals;

// Several invoice pages in the default 12-month window (about 2,000 invoices at this scale).
const std::vector<std::string> kSimArgs = {"--scale", "3"};

std::uint64_t count(const json& stats, const char* path) {
  const json& per = stats.value("per_path", json::object());
  auto it = per.find(path);
  return it == per.end() ? 0 : it->get<std::uint64_t>();
}

// Pages the tool reads with its paged fetches: the list endpoints, plus one-by-one client
// lookups, which it reports as the clients source's pages.
std::uint64_t list_pages(const json& stats) {
  std::uint64_t pages = 0;
  for (const char* path : {"/api/ClientContract", "/api/RecurringInvoice", "/api/Invoice", "/api/Projects", "/api/Client",
                           "/api/Client/{id}"}) {
    pages += count(stats, path);
  }
  return pages;
}

json call_request(int id, const std::string& token) {
  return json{{"jsonrpc", "2.0"},
              {"id", id},
              {"method", "tools/call"},
              {"params",
               {{"name", "revenue_breakdown"},
                {"arguments", {{"as_of", drills::kToday}}},
                {"_meta", {{"progressToken", token}}}}}};
}

std::vector<json> progress_of(std::vector<json>& seen, const std::string& token) {
  std::vector<json> out;
  for (const auto& m : seen) {
    if (m.value("method", "") == "notifications/progress" && m["params"]["progressToken"] == token) {
      out.push_back(m["params"]);
    }
  }
  return out;
}

TEST(RevenueProgress, StrictlyIncreasingWithATotalAndEndingAtThePagesRead) {
  drills::Sim sim(kSimArgs);
  ASSERT_TRUE(sim.ok()) << sim.stderr_text();
  drills::Mcp mcp(drills::server_env(sim.url()));
  ASSERT_TRUE(mcp.initialized()) << mcp.everything();
  // 100 ms a request: the call lasts about a second, long enough for several notifications (the
  // tool reports at most every 50 ms).
  ASSERT_TRUE(sim.faults({{"latency_ms", 100}}));
  sim.reset_stats();

  const int id = mcp.next_id();
  mcp.send(call_request(id, "rev-progress"));
  auto response = mcp.reply(id, 30s);
  ASSERT_TRUE(response) << mcp.everything();
  ASSERT_FALSE(drills::is_tool_error(*response)) << drills::error_text(*response);
  const json stats = sim.stats();

  std::vector<json> progress = progress_of(mcp.pending(), "rev-progress");
  std::string notes;
  for (const auto& p : progress) notes += p.dump() + "\n";
  ASSERT_GE(progress.size(), 3u) << notes;
  double previous = -1;
  for (const auto& p : progress) {
    ASSERT_TRUE(p["progress"].is_number()) << p.dump();
    EXPECT_GT(p["progress"].get<double>(), previous) << "progress must strictly increase: " << p.dump();
    previous = p["progress"].get<double>();
    ASSERT_TRUE(p.contains("total")) << "the tool knows its page count: " << p.dump();
    EXPECT_LE(p["progress"].get<double>(), p["total"].get<double>()) << p.dump();
  }
  const std::uint64_t pages = list_pages(stats);
  EXPECT_GE(count(stats, "/api/Invoice"), 3u) << "the scale must give several invoice pages";
  EXPECT_EQ(static_cast<std::uint64_t>(progress.back()["progress"].get<double>()), pages)
      << notes << " vs pages served " << stats["per_path"].dump();
  EXPECT_EQ(progress.back()["total"], progress.back()["progress"]) << "the last notification says: done";
  EXPECT_EQ(response->at("result").at("structuredContent").at("sources").at("requests").get<std::uint64_t>(),
            stats["requests_total"].get<std::uint64_t>() - stats["token_requests"].get<std::uint64_t>())
      << stats["per_path"].dump();
}

TEST(RevenueProgress, CancellingMidFetchStopsTheFetchAndIsNeverAnswered) {
  drills::Sim sim(kSimArgs);
  ASSERT_TRUE(sim.ok()) << sim.stderr_text();
  drills::Mcp mcp(drills::server_env(sim.url()));
  ASSERT_TRUE(mcp.initialized()) << mcp.everything();

  // A full run first, fast, for the number of invoice pages the question needs.
  sim.reset_stats();
  const int full_id = mcp.next_id();
  mcp.send(call_request(full_id, "rev-full"));
  auto full = mcp.reply(full_id, 30s);
  ASSERT_TRUE(full) << mcp.everything();
  ASSERT_FALSE(drills::is_tool_error(*full)) << drills::error_text(*full);
  const std::uint64_t full_invoice_pages = count(sim.stats(), "/api/Invoice");
  ASSERT_GE(full_invoice_pages, 4u);

  // Now every request takes 400 ms: the same question takes seconds. Cancel once it is under way.
  constexpr int kLatencyMs = 400;
  ASSERT_TRUE(sim.faults({{"latency_ms", kLatencyMs}}));
  sim.reset_stats();
  const int id = mcp.next_id();
  mcp.send(call_request(id, "rev-cancel"));
  const auto started = Clock::now();
  bool under_way = false;
  while (!under_way && Clock::now() - started < 10s) {
    under_way = count(sim.stats(), "/api/Invoice") >= 1 && !progress_of(mcp.pending(), "rev-cancel").empty();
    if (!under_way) {
      // reply() for an id that never comes collects notifications meanwhile.
      auto early = mcp.reply(json("no-such-id"), 100ms);
      ASSERT_FALSE(early) << early->dump();
    }
  }
  ASSERT_TRUE(under_way) << "the call never started fetching: " << mcp.transcript();
  mcp.send(json{{"jsonrpc", "2.0"},
                {"method", "notifications/cancelled"},
                {"params", {{"requestId", id}, {"reason", "test"}}}});
  const auto cancelled_at = Clock::now();

  // No response for the cancelled id, while the server still answers other requests at once.
  auto answer = mcp.reply(id, std::chrono::milliseconds(3 * kLatencyMs + 1000));
  EXPECT_FALSE(answer) << "a cancelled request must not be answered: " << answer->dump();
  const int ping_id = mcp.next_id();
  mcp.send(json{{"jsonrpc", "2.0"}, {"id", ping_id}, {"method", "ping"}});
  auto pong = mcp.reply(ping_id, 2s);
  ASSERT_TRUE(pong) << mcp.transcript();
  EXPECT_TRUE(pong->contains("result")) << pong->dump();

  // Promptly stopped: once requests already in flight have drained (one latency), no new request
  // reaches the simulator, and the fetch read fewer invoice pages than the full question needed.
  const json settled = sim.stats();
  std::this_thread::sleep_for(std::chrono::milliseconds(3 * kLatencyMs));
  const json later = sim.stats();
  EXPECT_EQ(later["requests_total"], settled["requests_total"])
      << "requests kept arriving after the cancellation: " << later["per_path"].dump();
  EXPECT_EQ(later["in_flight"], 0) << later.dump();
  EXPECT_LT(count(later, "/api/Invoice"), full_invoice_pages) << later["per_path"].dump();
  EXPECT_LT(Clock::now() - cancelled_at, 10s);

  // The session is still usable: the same question, asked again without latency, is answered.
  ASSERT_TRUE(sim.faults({{"latency_ms", 0}}));
  auto again = mcp.call("revenue_breakdown", {{"as_of", drills::kToday}, {"top", 1}});
  ASSERT_TRUE(again) << mcp.transcript();
  EXPECT_FALSE(drills::is_tool_error(*again)) << drills::error_text(*again);
}

// A one-client tenant whose only recurring item is a template with a label the built-in parser
// refuses ("Bi-Annually") and a code the table lacks (5): 600.00 a period.
class ConfiguredLabels : public ::testing::Test {
 protected:
  void SetUp() override {
    dataset_ = std::filesystem::temp_directory_path() / ("revenue_labels_" + std::to_string(::getpid()) + ".json");
    json data;
    data["clients"] = json::array({{{"id", 1}, {"name", "Acme"}, {"currencyisocode", "GBP"}, {"inactive", false}}});
    data["recurring_invoices"] = json::array(
        {{{"id", 7}, {"client_id", 1}, {"client_name", "Acme"}, {"reference", "Support"}, {"period", 5},
          {"periodname", "Bi-Annually"}, {"revenue", 600.0}, {"tax_total", 120.0}, {"total", 720.0},
          {"currency", "GBP"}, {"contract_id", 0}, {"disabled", false}, {"startdate", "2024-01-01T00:00:00"},
          {"enddate", "1900-01-01T00:00:00"}}});
    std::ofstream(dataset_) << data.dump();
    sim_ = std::make_unique<drills::Sim>(std::vector<std::string>{"--dataset", dataset_.string()});
    ASSERT_TRUE(sim_->ok()) << sim_->stderr_text();
  }
  void TearDown() override {
    sim_.reset();
    std::filesystem::remove(dataset_);
  }

  testsupport::RunResult call(std::map<std::string, std::string> env) {
    return testsupport::run({testsupport::build_path("halo-psa-mcp"), "call", "revenue_breakdown",
                             json{{"as_of", drills::kToday}}.dump(), "--json"},
                            drills::server_env(sim_->url(), std::move(env)));
  }

  std::filesystem::path dataset_;
  std::unique_ptr<drills::Sim> sim_;
};

TEST_F(ConfiguredLabels, UnmappedLabelIsWarnedAndNotCounted) {
  auto r = call({});
  ASSERT_EQ(r.status, 0) << r.err;
  const json out = json::parse(r.out);
  // Nothing counts and nothing was invoiced, so Acme has no row; the warning says why.
  EXPECT_TRUE(out["clients"].empty()) << r.out;
  EXPECT_EQ(out["totals"].size(), 0u) << r.out;
  ASSERT_EQ(out["warnings"].size(), 1u) << r.out;
  EXPECT_EQ(out["warnings"][0]["kind"], "unknown_period");
  EXPECT_EQ(out["warnings"][0]["id"], 7);
  EXPECT_EQ(out["warnings"][0]["client_id"], 1);
  EXPECT_NE(out["warnings"][0]["detail"].get<std::string>().find("HALO_PERIOD_LABELS"), std::string::npos) << r.out;
}

TEST_F(ConfiguredLabels, MappedLabelCounts) {
  auto r = call({{"HALO_PERIOD_LABELS", " bi-annually = Half-Yearly ,Every Two Years=two-yearly"}});
  ASSERT_EQ(r.status, 0) << r.err;
  const json out = json::parse(r.out);
  ASSERT_EQ(out["clients"].size(), 1u) << r.out;
  EXPECT_EQ(out["clients"][0]["mrr"].dump(), "100.0");   // 600 / 6
  EXPECT_EQ(out["clients"][0]["arr"].dump(), "1200.0");  // 12 x 100
  EXPECT_EQ(out["clients"][0]["recurring_items"][0]["period"], "half-yearly");
  EXPECT_TRUE(out["warnings"].empty()) << r.out;
}

TEST_F(ConfiguredLabels, BadMappingStopsTheServerNamingTheEntry) {
  auto r = call({{"HALO_PERIOD_LABELS", "Bi-Annually=sometimes"}});
  EXPECT_NE(r.status, 0) << r.out;
  EXPECT_NE(r.err.find("HALO_PERIOD_LABELS: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Bi-Annually=sometimes"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace
