// Paging: list_page's query, the envelope over the wire, for_each_page's concurrency, order,
// stop rules (visitor, empty/short page, record_count, page cap), pages_wanted and cancellation.
#include <gtest/gtest.h>

#include <set>

#include "fake_server.hpp"
#include "halo/client.hpp"

namespace {

using namespace halo_test;

/// Serves /api/Invoice pages of `page_size` items out of `record_count`, with a per-request delay
/// and a record of how many requests were in flight at once.
struct PagedServer {
  PagedServer(long served_count, std::chrono::milliseconds per_request_delay, long reported_count = -1)
      : record_count(served_count), reported(reported_count < 0 ? served_count : reported_count),
        delay(per_request_delay) {
    server.add_token_endpoint();
    server.http().Get("/api/Invoice", [this](const httplib::Request& req, httplib::Response& res) {
      const int now = ++in_flight;
      int seen = max_in_flight.load();
      while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
      }
      ++hits;
      {
        std::lock_guard lock(mutex);
        targets.push_back(req.target);
      }
      const int page_no = std::stoi(req.get_param_value("page_no"));
      const int size = std::stoi(req.get_param_value("page_size"));
      if (delay.count() > 0) server.wait_or_release(page_delay ? page_delay(page_no) : delay);
      const long first = static_cast<long>(page_no - 1) * size;
      long count = std::max(0L, std::min<long>(size, record_count - first));
      if (override_count) count = override_count(page_no, count);
      res.set_content(page_body("invoices", static_cast<int>(first + 1), static_cast<int>(count),
                                reported),
                      "application/json");
      --in_flight;
    });
    server.start();
  }
  std::vector<std::string> all_targets() {
    std::lock_guard lock(mutex);
    return targets;
  }

  long record_count;
  long reported;
  std::chrono::milliseconds delay;
  std::function<std::chrono::milliseconds(int)> page_delay;
  std::function<long(int page_no, long count)> override_count;
  std::atomic<int> in_flight{0};
  std::atomic<int> max_in_flight{0};
  std::atomic<int> hits{0};
  std::mutex mutex;
  std::vector<std::string> targets;
  // Declared last so it is destroyed first: its handler threads stop before the state they touch dies.
  FakeServer server;
};

std::int64_t first_id(const halo::ListPage& page) { return page.items.at(0)["id"].get_int64().value(); }

TEST(Paging, ListPageSendsHaloPagingParametersAndReadsEnvelope) {
  PagedServer paged(250, 0ms);
  halo::Client client(test_config(paged.server));
  auto page = client.list_page("Invoice", {{"client_id", "12"}}, "invoices", 2, 500, {});
  ASSERT_TRUE(page) << util::describe(page.error());
  EXPECT_EQ(page->items.size(), 100u);
  EXPECT_EQ(page->record_count, 250);
  EXPECT_EQ(page->page_no, 2);
  EXPECT_EQ(page->page_size, 100);
  EXPECT_EQ(first_id(*page), 101);
  ASSERT_EQ(paged.all_targets().size(), 1u);
  EXPECT_EQ(paged.all_targets()[0],
            "/api/Invoice?client_id=12&pageinate=true&page_size=100&page_no=2");
}

TEST(Paging, UnpagedListTakesBareArrayWithoutPagingParameters) {
  std::string target;
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Agent", [&](const httplib::Request& req, httplib::Response& res) {
    target = req.target;
    res.set_content(R"([{"id":1},{"id":2},{"id":3}])", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  auto page = client.list_unpaged("Agent", {{"includedisabled", "false"}}, "agents", {});
  ASSERT_TRUE(page) << util::describe(page.error());
  EXPECT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->record_count, 3);
  EXPECT_EQ(target, "/api/Agent?includedisabled=false");
}

TEST(Paging, ColumnsArrayIsSkippedOverTheWire) {
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Report", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"columns":[{"id":0}],"record_count":1,"rows":[{"id":5}]})", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  auto page = client.list_page("Report", {}, "reports", 1, 10, {});
  ASSERT_TRUE(page) << util::describe(page.error());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(first_id(*page), 5);
}

TEST(Paging, RemainingPagesAreFetchedConcurrentlyAndVisitedInOrder) {
  PagedServer paged(800, 400ms);
  auto config = test_config(paged.server);
  config.max_concurrency = 4;
  halo::Client client(config);
  std::vector<std::int64_t> first_ids;
  std::vector<std::pair<int, int>> progress;
  const auto caller = std::this_thread::get_id();
  bool same_thread = true;
  const auto start = Clock::now();
  auto stats = client.for_each_page(
      "Invoice", {}, "invoices", {},
      [&](const halo::ListPage& page) {
        same_thread = same_thread && std::this_thread::get_id() == caller;
        first_ids.push_back(first_id(page));
        return halo::Visit::kContinue;
      },
      [&](int done, int expected) { progress.emplace_back(done, expected); });
  const auto elapsed = ms_since(start);
  ASSERT_TRUE(stats) << util::describe(stats.error());
  EXPECT_EQ(first_ids, (std::vector<std::int64_t>{1, 101, 201, 301, 401, 501, 601, 701}));
  EXPECT_TRUE(same_thread);
  EXPECT_EQ(stats->pages, 8);
  EXPECT_EQ(stats->records, 800);
  EXPECT_EQ(stats->record_count, 800);
  EXPECT_EQ(stats->requests, 8);
  EXPECT_EQ(paged.hits.load(), 8);
  // Page 1, then 4 + 3 pages in two rounds: 3 x 400 = 1200 ms at least, plus a fixed cost that
  // does not grow with the page delay (170 ms in a release build, up to 550 ms under
  // ThreadSanitizer on a loaded machine). One page at a time takes 8 x 400 = 3200 ms at least.
  // Slow pages keep the bound far from both.
  EXPECT_GE(elapsed, 1190);
  EXPECT_LT(elapsed, 2400);
  EXPECT_LE(paged.max_in_flight.load(), 4);
  EXPECT_GE(paged.max_in_flight.load(), 3);
  ASSERT_EQ(progress.size(), 8u);
  EXPECT_EQ(progress.front(), std::make_pair(1, 8));
  EXPECT_EQ(progress.back(), std::make_pair(8, 8));
}

TEST(Paging, OrderHoldsWhenLaterPagesFinishFirst) {
  PagedServer paged(500, 10ms);
  paged.page_delay = [](int page_no) { return std::chrono::milliseconds(page_no == 2 ? 200 : 10); };
  halo::Client client(test_config(paged.server));
  std::vector<std::int64_t> first_ids;
  auto stats = client.for_each_page("Invoice", {}, "invoices", {}, [&](const halo::ListPage& page) {
    first_ids.push_back(first_id(page));
    return halo::Visit::kContinue;
  });
  ASSERT_TRUE(stats);
  EXPECT_EQ(first_ids, (std::vector<std::int64_t>{1, 101, 201, 301, 401}));
}

TEST(Paging, PagesWantedLimitsRequests) {
  PagedServer paged(1000, 20ms);
  halo::Client client(test_config(paged.server));
  int visited = 0;
  auto stats = client.for_each_page(
      "Invoice", {}, "invoices", {},
      [&](const halo::ListPage&) {
        ++visited;
        return halo::Visit::kContinue;
      },
      {}, [](const halo::ListPage&, int pages_done) { return std::max(0, 3 - pages_done); });
  ASSERT_TRUE(stats) << util::describe(stats.error());
  EXPECT_EQ(visited, 3);
  EXPECT_EQ(stats->pages, 3);
  EXPECT_EQ(stats->requests, 3);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(paged.hits.load(), 3);
}

TEST(Paging, VisitorStopEndsFetch) {
  PagedServer paged(2000, 50ms);
  auto config = test_config(paged.server);
  config.max_concurrency = 2;
  halo::Client client(config);
  int visited = 0;
  auto stats = client.for_each_page("Invoice", {}, "invoices", {}, [&](const halo::ListPage&) {
    return ++visited == 2 ? halo::Visit::kStop : halo::Visit::kContinue;
  });
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->pages, 2);
  const auto sent = client.stats().requests;
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(client.stats().requests, sent);
  EXPECT_LE(paged.hits.load(), 4);  // page 1, page 2, and at most two pages in flight
}

TEST(Paging, CancellationMidPaginationStopsFurtherRequests) {
  // Page 1 answers at once; every later page would take 4 s. Cancelling once the two pages after
  // it have reached Halo must abort them (returning well within a second), not wait for them.
  PagedServer paged(2000, 4000ms);
  paged.page_delay = [](int page_no) { return page_no == 1 ? 0ms : 4000ms; };
  auto config = test_config(paged.server);
  config.max_concurrency = 2;
  halo::Client client(config);
  util::CancellationSource source;
  int visited = 0;
  std::thread canceller;
  Clock::time_point cancelled_at;
  auto stats = client.for_each_page("Invoice", {}, "invoices", {source.token()},
                                    [&](const halo::ListPage&) {
                                      if (++visited == 1) {
                                        canceller = std::thread([&] {
                                          for (int i = 0; i < 2000 && paged.hits.load() < 3; ++i) {
                                            std::this_thread::sleep_for(5ms);
                                          }
                                          // Time for a request beyond the cap to show up, if one would.
                                          std::this_thread::sleep_for(200ms);
                                          cancelled_at = Clock::now();
                                          source.cancel();
                                        });
                                      }
                                      return halo::Visit::kContinue;
                                    });
  const auto returned_at = Clock::now();
  canceller.join();
  ASSERT_FALSE(stats);
  EXPECT_EQ(stats.error().kind, util::ErrorKind::kCancelled);
  EXPECT_EQ(visited, 1) << "no page after the first can have arrived";
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(returned_at - cancelled_at).count(), 1500)
      << "the pages in flight were waited for instead of aborted";
  // Nothing is sent after the call returns; a request already on the wire may still land.
  const auto sent = client.stats().requests;
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(client.stats().requests, sent);
  EXPECT_LE(static_cast<std::uint64_t>(paged.hits.load()), sent);
  EXPECT_EQ(sent, 3u) << "page 1 and the two pages in flight (max_concurrency 2), nothing more";
}

TEST(Paging, EmptyPageStops) {
  PagedServer paged(1000, 0ms);
  paged.override_count = [](int page_no, long count) { return page_no >= 3 ? 0L : count; };
  halo::Client client(test_config(paged.server));
  auto stats = client.for_each_page("Invoice", {}, "invoices", {},
                                    [&](const halo::ListPage&) { return halo::Visit::kContinue; });
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->records, 200);
  EXPECT_EQ(stats->pages, 3);
}

TEST(Paging, ShortPageIsToleratedAndEndsTheData) {
  PagedServer paged(1000, 0ms);
  paged.override_count = [](int page_no, long count) { return page_no == 2 ? 30L : count; };
  auto config = test_config(paged.server);
  config.max_concurrency = 1;
  halo::Client client(config);
  auto stats = client.for_each_page("Invoice", {}, "invoices", {},
                                    [&](const halo::ListPage&) { return halo::Visit::kContinue; });
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->records, 130);
  EXPECT_EQ(stats->pages, 2);
}

TEST(Paging, FullPagesBeyondRecordCountDoNotLoopForever) {
  PagedServer paged(/*served=*/100000, 0ms, /*reported=*/250);
  halo::Client client(test_config(paged.server));
  auto stats = client.for_each_page("Invoice", {}, "invoices", {},
                                    [&](const halo::ListPage&) { return halo::Visit::kContinue; });
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->pages, 3);
  EXPECT_EQ(stats->records, 300);
  EXPECT_EQ(stats->record_count, 250);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(paged.hits.load(), 3);
}

TEST(Paging, WithoutRecordCountPagesSequentiallyUntilShortPage) {
  std::atomic<int> hits{0};
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Invoice", [&](const httplib::Request& req, httplib::Response& res) {
    ++hits;
    const int page_no = std::stoi(req.get_param_value("page_no"));
    const int count = page_no < 4 ? 100 : 10;
    std::string items;
    for (int i = 0; i < count; ++i) items += std::string(i ? "," : "") + "{\"id\":" + std::to_string(i) + "}";
    res.set_content("{\"invoices\":[" + items + "]}", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  auto stats = client.for_each_page("Invoice", {}, "invoices", {},
                                    [&](const halo::ListPage&) { return halo::Visit::kContinue; });
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->records, 310);
  EXPECT_EQ(hits.load(), 4);
}

TEST(Paging, ErrorOnALaterPageIsReturned) {
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Broken", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_param_value("page_no") == "3") {
      res.status = 403;
      return;
    }
    res.set_content(page_body("invoices", 1, 100, 500), "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  int visited = 0;
  auto stats = client.for_each_page("Broken", {}, "invoices", {}, [&](const halo::ListPage&) {
    ++visited;
    return halo::Visit::kContinue;
  });
  ASSERT_FALSE(stats);
  EXPECT_EQ(stats.error().kind, util::ErrorKind::kPermission);
  EXPECT_EQ(stats.error().endpoint, "/api/Broken");
  EXPECT_EQ(visited, 2);
}

TEST(Connections, KeptAliveAndReused) {
  std::mutex mutex;
  std::set<int> client_ports;
  FakeServer server;
  server.http().set_keep_alive_max_count(100);
  server.http().Post("/auth/token", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    client_ports.insert(req.remote_port);
    res.set_content(R"({"access_token":"tok-1","expires_in":3600})", "application/json");
  });
  server.http().Get("/api/Agent", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    client_ports.insert(req.remote_port);
    res.set_content("[]", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(client.get("Agent", {}, {}));
  EXPECT_EQ(client_ports.size(), 1u);  // one TCP connection for the token and six GETs
}

}  // namespace
