// The access file's format (strict parsing, errors that name the entry and the field), the
// SHA-256 it stores (FIPS 180-2's own test vectors), per-person tool sets, reloading without a
// restart, and the audit log's lines.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "app/access_control.hpp"
#include "app/access_file.hpp"
#include "app/audit_log.hpp"
#include "app/sha256.hpp"
#include "support/loopback.hpp"

namespace app {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// FIPS 180-2, appendix B.1 and the empty message.
const std::string kShaAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string kShaEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// FIPS 180-2 appendix B.2: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".
const std::string kShaTwoBlocks = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

TEST(Sha256, MatchesTheStandardsTestVectors) {
  EXPECT_EQ(sha256_hex("abc").value(), kShaAbc);
  EXPECT_EQ(sha256_hex("").value(), kShaEmpty);
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").value(), kShaTwoBlocks);
}

std::string entry(const std::string& name, const std::string& hash, const std::string& toolsets) {
  return R"({"name":")" + name + R"(","token_sha256":")" + hash + R"(","toolsets":)" + toolsets + "}";
}

TEST(AccessFile, ReadsPeopleAndTheirToolsets) {
  auto list = parse_access_list(R"({"people":[)" + entry("desk", kShaAbc, R"(["tickets","customers"])") + "," +
                                entry("owner", kShaEmpty, R"(["all"])") + "]}");
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->people.size(), 2u);
  EXPECT_EQ(list->people[0].name, "desk");
  EXPECT_EQ(list->people[0].token_sha256, kShaAbc);
  EXPECT_FALSE(list->people[0].all_toolsets);
  EXPECT_EQ(list->people[0].toolsets, (std::set<tools::Toolset>{tools::Toolset::kTickets, tools::Toolset::kCustomers}));
  EXPECT_TRUE(list->people[1].all_toolsets);
  // What `access add` writes reads back the same.
  auto again = parse_access_list(render_access_list(*list));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->people[0].toolsets, list->people[0].toolsets);
  EXPECT_TRUE(again->people[1].all_toolsets);
  EXPECT_TRUE(parse_access_list(R"({"people":[]})")) << "nobody yet is a valid file";
}

TEST(AccessFile, ErrorsNameTheEntryAndTheField) {
  auto error = [](const std::string& text) {
    auto list = parse_access_list(text);
    EXPECT_FALSE(list) << text;
    return list ? std::string() : list.error().message;
  };
  EXPECT_EQ(error("{"), "not valid JSON");
  EXPECT_EQ(error(R"({"persons":[]})"), "unknown key 'persons' (allowed: people)");
  EXPECT_EQ(error(R"({"people":[)" + entry("desk", kShaAbc, R"(["tikets"])") + "]}"),
            "people[0] (\"desk\"): toolsets: unknown toolset 'tikets' (allowed: all, tickets, customers, billing, "
            "projects, assets, team, reports, analytics)");
  EXPECT_EQ(error(R"({"people":[{"name":"desk","token_sha256":")" + kShaAbc + R"(","toolset":["tickets"]}]})"),
            "people[0]: unknown key 'toolset' (allowed: name, token_sha256, toolsets)");
  EXPECT_NE(error(R"({"people":[)" + entry("desk", "ABC", R"(["all"])") + "]}").find("people[0] (\"desk\"): token_sha256"),
            std::string::npos);
  // Upper-case hex is not what sha256sum or the server writes: refused rather than never matching.
  std::string upper = kShaAbc;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_FALSE(parse_access_list(R"({"people":[)" + entry("desk", upper, R"(["all"])") + "]}"));
  EXPECT_NE(error(R"({"people":[)" + entry("desk", kShaAbc, "[]") + "]}").find("toolsets must be a non-empty array"),
            std::string::npos);
  EXPECT_NE(error(R"({"people":[)" + entry("de sk", kShaAbc, R"(["all"])") + "]}").find("people[0]: name"),
            std::string::npos);
  EXPECT_EQ(error(R"({"people":[)" + entry("desk", kShaAbc, R"(["all"])") + "," + entry("desk", kShaEmpty, R"(["all"])") +
                  "]}"),
            "people[1]: the name 'desk' is already used by an earlier entry");
  EXPECT_EQ(error(R"({"people":[)" + entry("desk", kShaAbc, R"(["all"])") + "," + entry("owner", kShaAbc, R"(["all"])") +
                  "]}"),
            "people[1] (\"owner\"): same token_sha256 as \"desk\"");
}

/// A temporary access file.
class AccessFileOnDisk : public ::testing::Test {
 protected:
  void SetUp() override { path_ = (dir_ / "access.json").string(); }
  void write(const std::string& text) {
    // A new file renamed into place, as `access add` and editors that save safely do.
    const auto temporary = dir_ / "next.json";
    std::ofstream(temporary) << text;
    fs::rename(temporary, path_);
  }
  testsupport::TempDir scratch_{"halo-access"};
  const fs::path dir_ = scratch_.dir();
  std::string path_;
};

std::vector<std::string> tools_of(const mcp::Caller& caller) {
  return caller.tools ? std::vector<std::string>(caller.tools->begin(), caller.tools->end())
                      : std::vector<std::string>{"(every tool)"};
}

TEST_F(AccessFileOnDisk, TokensMapToTheirPersonsToolsWithinWhatTheDeploymentOffers) {
  write(R"({"people":[)" + entry("desk", kShaAbc, R"(["tickets","customers"])") + "," +
        entry("boss", kShaEmpty, R"(["all"])") + "]}");
  // The deployment itself offers no analytics and drops get_site.
  auto offered = tools::parse_tool_selection("tickets,customers,billing", "", "get_site");
  ASSERT_TRUE(offered);
  auto access = AccessControl::open(path_, *offered, "shared-token-0123456789");
  ASSERT_TRUE(access) << access.error().message;
  auto desk = (*access)->authenticate("abc");
  ASSERT_TRUE(desk);
  EXPECT_EQ(desk->name, "desk");
  // README's tool table: tickets = list_tickets, get_ticket, list_ticket_actions,
  // list_time_entries; customers = list_clients, get_client, list_sites, get_site (not offered here).
  EXPECT_EQ(tools_of(*desk), (std::vector<std::string>{"get_client", "get_ticket", "list_clients", "list_sites",
                                                        "list_ticket_actions", "list_tickets", "list_time_entries"}));
  auto boss = (*access)->authenticate("");
  ASSERT_TRUE(boss);
  EXPECT_EQ(boss->name, "boss");
  EXPECT_TRUE(boss->tools->contains("list_invoices"));
  EXPECT_FALSE(boss->tools->contains("revenue_breakdown")) << "'all' cannot widen what the deployment offers";
  EXPECT_FALSE(boss->tools->contains("get_site"));
  EXPECT_FALSE((*access)->authenticate("abd"));
  auto shared = (*access)->authenticate("shared-token-0123456789");
  ASSERT_TRUE(shared) << "HALO_MCP_HTTP_TOKEN keeps working as everything";
  EXPECT_EQ(shared->name, "http-token");
  EXPECT_FALSE(shared->restricted());
}

TEST_F(AccessFileOnDisk, AChangedFileIsReadWithoutARestartAndABrokenOneKeepsTheLastGood) {
  write(R"({"people":[)" + entry("desk", kShaAbc, R"(["tickets"])") + "]}");
  auto access = AccessControl::open(path_, tools::ToolSelection{});
  ASSERT_TRUE(access);
  ASSERT_TRUE((*access)->authenticate("abc"));
  EXPECT_FALSE((*access)->authenticate(""));

  write(R"({"people":[)" + entry("boss", kShaEmpty, R"(["all"])") + "]}");
  std::this_thread::sleep_for(1100ms);  // the file is looked at at most once a second
  EXPECT_FALSE((*access)->authenticate("abc")) << "removed from the file: refused without a restart";
  EXPECT_TRUE((*access)->authenticate(""));

  write(R"({"people":[)");  // half a file
  std::this_thread::sleep_for(1100ms);
  EXPECT_TRUE((*access)->authenticate("")) << "a broken file keeps the last good list";
  EXPECT_EQ((*access)->people(), 1u);

  write(R"({"people":[)" + entry("desk", kShaAbc, R"(["tickets"])") + "]}");
  (*access)->reload();  // SIGHUP: at once, whatever the clock
  EXPECT_TRUE((*access)->authenticate("abc"));
}

TEST_F(AccessFileOnDisk, AMissingOrBrokenFileStopsTheStart) {
  auto missing = AccessControl::open(path_, tools::ToolSelection{});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "HALO_MCP_ACCESS_FILE " + path_ + ": cannot be read");
  write(R"({"people":[)" + entry("desk", kShaAbc, R"(["tikets"])") + "]}");
  auto broken = AccessControl::open(path_, tools::ToolSelection{});
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("unknown toolset 'tikets'"), std::string::npos);
}

TEST_F(AccessFileOnDisk, OneReaderForTheServerAndTheAccessCommand) {
  // No file: nothing, and no error (the access command starts a new one; the server refuses).
  auto none = read_access_file(path_);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(none->has_value());

  write(R"({"people":[)" + entry("desk", kShaAbc, R"(["tickets"])") + "]}");
  auto one = read_access_file(path_);
  ASSERT_TRUE(one && one->has_value());
  ASSERT_EQ((*one)->people.size(), 1u);
  EXPECT_EQ((*one)->people[0].name, "desk");

  write("{\"people\":[");
  auto broken = read_access_file(path_);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().kind, util::ErrorKind::kConfig);
  EXPECT_EQ(broken.error().message, "not valid JSON") << "the caller adds the path, once";
}

TEST(AuditLog, OneJsonLinePerCallWithBoundedArguments) {
  mcp::ToolCallRecord call;
  call.caller = "desk";
  call.tool = "list_tickets";
  call.arguments = util::Json{{"status", "open"}, {"page_size", 5}};
  call.outcome = "ok";
  call.upstream_requests = 1;
  call.duration = std::chrono::milliseconds(42);
  EXPECT_EQ(AuditLog::line(call, "2026-12-04T09:30:01.250Z"),
            R"({"time":"2026-12-04T09:30:01.250Z","event":"tools/call","who":"desk","tool":"list_tickets",)"
            R"("arguments":{"status":"open","page_size":5},"outcome":"ok","halo_requests":1,"duration_ms":42})");
  call.caller.clear();
  call.arguments = util::Json{{"query", std::string(500, 'x')}};
  const auto line = util::Json::parse(AuditLog::line(call, "t"));
  EXPECT_EQ(line["who"], "anonymous");
  // 200 characters kept, then the ellipsis (3 bytes in UTF-8).
  EXPECT_EQ(line["arguments"]["query"].get<std::string>(), std::string(200, 'x') + "\u2026");
  util::Json many = util::Json::object();
  for (int i = 0; i < 100; ++i) many["k" + std::to_string(i)] = std::string(100, 'y');
  call.arguments = many;
  EXPECT_EQ(util::Json::parse(AuditLog::line(call, "t"))["arguments"]["truncated"], true);
}

}  // namespace
}  // namespace app
