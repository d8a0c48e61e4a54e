// Fetches sample pages from an in-process simulator (see bench_pages.hpp).
#include "bench_pages.hpp"

#include <httplib.h>

#include <cstdio>
#include <cstdlib>

#include "sim/simulator.hpp"

namespace bench {
namespace {

constexpr const char* kToday = "2025-06-30";

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "bench_hot_paths: %s\n", why.c_str());
  std::exit(2);
}

std::string get(httplib::Client& http, const std::string& token, const std::string& path) {
  auto res = http.Get(path, httplib::Headers{{"Authorization", "Bearer " + token}});
  if (!res || res->status != 200) die("GET " + path + " failed");
  return res->body;
}

}  // namespace

SamplePages fetch_sample_pages(double scale) {
  sim::Options options;
  options.scale = scale;
  options.today = kToday;
  sim::Simulator simulator(options);
  if (simulator.start() < 0) die("simulator: " + simulator.last_error());
  httplib::Client http("127.0.0.1", simulator.port());
  httplib::Params form{{"grant_type", "client_credentials"},
                       {"client_id", options.credentials.client_id},
                       {"client_secret", options.credentials.client_secret},
                       {"scope", "all"}};
  auto token_res = http.Post("/auth/token", form);
  if (!token_res || token_res->status != 200) die("token request failed");
  const std::string token = util::Json::parse(token_res->body).at("access_token").get<std::string>();
  const std::string paging = "pageinate=true&page_size=100&page_no=1";
  SamplePages pages;
  pages.tickets = get(http, token, "/api/Tickets?includedetails=true&order=dateoccurred&orderdesc=true&" + paging);
  pages.invoices = get(http, token, "/api/Invoice?includecredits=true&order=invoice_date&orderdesc=true&" + paging);
  pages.contracts = get(http, token, "/api/ClientContract?includeinactive=true&" + paging);
  simulator.stop();
  return pages;
}

util::Json generated_dataset(double scale) {
  auto data = sim::generate_dataset(sim::GenerateOptions{42, scale, kToday});
  if (!data) die("generate_dataset: " + data.error().message);
  return std::move(*data);
}

}  // namespace bench
