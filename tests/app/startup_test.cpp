// What a start of the server costs in libraries, and what it says. The shared libraries mapped
// once initialize has been answered are exactly those it cannot start without: a library linked
// by accident (libcurl's tree, cairo's, a logging library) would put its loading and relocation
// into every start, so it fails here. The start-up log line carries the time in UTC, marked Z,
// whatever the machine's time zone.
#include <gtest/gtest.h>

#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "child_process_probe.hpp"
#include "support/process.hpp"

using nlohmann::json;
using testsupport::build_path;

namespace {

const std::string kServer = build_path("halo-psa-mcp");

/// The shared objects in /proc/PID/maps, by soname ("libfmt.so.9" for libfmt.so.9.1.0).
std::set<std::string> shared_objects(const std::string& maps) {
  std::set<std::string> out;
  std::istringstream lines(maps);
  std::string line;
  const std::regex object(R"(/([^/\s]+\.so)(\.[0-9]+)?(\.[0-9.]+)?$)");
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_search(line, m, object)) out.insert(m[1].str() + m[2].str());
  }
  return out;
}

TEST(StartUp, MapsOnlyTheLibrariesItNeedsAndLogsItsTimeInUtc) {
  testsupport::ProcessOptions options;
  options.cwd = "/tmp";  // no ./.env there
  // Nothing listens on port 9; initialize never reaches Halo.
  options.env = {{"HALO_INSTANCE_URL", "http://127.0.0.1:9"},
                 {"HALO_CLIENT_ID", "start-up"},
                 {"HALO_CLIENT_SECRET", "a-secret-of-twenty-chars"},
                 // Ten hours from UTC all year (no summer time), so local time could not pass for UTC.
                 {"TZ", "Pacific/Port_Moresby"}};
  const std::time_t before = std::time(nullptr);
  testsupport::Process server({kServer}, options);
  server.write_line(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
  ASSERT_TRUE(app_test::response(server, 1).contains("result")) << server.stderr_text();

  const std::string maps = app_test::maps_of(server.pid());
  ASSERT_NE(maps.find("/halo-psa-mcp"), std::string::npos) << maps;
  // A new one must be a decision (and this list its record).
  const std::set<std::string> expected = {"ld-linux-x86-64.so.2", "libc.so.6",     "libm.so.6",
                                          "libgcc_s.so.1",        "libstdc++.so.6", "libfmt.so.9",
                                          "libsimdjson.so.14",    "libdate-tz.so.3"};
  EXPECT_EQ(shared_objects(maps), expected) << maps;

  const std::string err = server.stderr_text();
  std::smatch when;
  const std::regex first_line(
      R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z info halo-psa-mcp .* serving MCP on stdio)");
  ASSERT_TRUE(std::regex_search(err, when, first_line)) << err;
  std::tm utc{};
  utc.tm_year = std::stoi(when[1]) - 1900;
  utc.tm_mon = std::stoi(when[2]) - 1;
  utc.tm_mday = std::stoi(when[3]);
  utc.tm_hour = std::stoi(when[4]);
  utc.tm_min = std::stoi(when[5]);
  utc.tm_sec = std::stoi(when[6]);
  const std::time_t logged = timegm(&utc);
  // Within a minute of the test's own clock read as UTC; local time would be 10 hours off.
  EXPECT_LE(std::abs(std::difftime(logged, before)), 60.0) << err;
}

}  // namespace
