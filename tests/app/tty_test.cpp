// Human output, as a person at a terminal sees it: `call` prints a table on a terminal and JSON
// when piped or with --json; progress goes to stderr only when stderr is a terminal; `check`
// prints its table. A pseudo-terminal stands in for the person's terminal.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "sim_process.hpp"
#include "tty_run.hpp"

using nlohmann::json;
using namespace testsupport;

namespace {

const std::string kServer = build_path("halo-psa-mcp");

ProcessOptions in_tmp() {
  ProcessOptions options;
  options.cwd = "/tmp";
  return options;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Tty, CallOnATerminalPrintsATableWithAFooter) {
  auto r = run_on_tty({kServer, "--demo", "call", "list_clients", R"({"page_size":3})"}, in_tmp(),
                      TtyFds{/*out=*/true, /*err=*/false});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  ASSERT_FALSE(r.tty.empty());
  EXPECT_NE(r.tty.front(), '{') << "JSON on a terminal: " << r.tty;
  EXPECT_TRUE(json::parse(r.tty, nullptr, false).is_discarded()) << r.tty;
  const auto lines = lines_of(r.tty);
  ASSERT_GE(lines.size(), 5u) << r.tty;  // header, 3 rows, footer
  // The header row names the columns; the three records follow.
  EXPECT_EQ(lines[0].rfind("id", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("name"), std::string::npos) << lines[0];
  for (int row = 1; row <= 3; ++row) {
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(lines[row].front()))) << lines[row];
  }
  EXPECT_NE(r.tty.find("page_no: 1"), std::string::npos) << r.tty;
  EXPECT_NE(r.tty.find("has_more: true"), std::string::npos) << r.tty;
}

// The service-desk statistics on a terminal: one row per group and a TOTAL row, then the weekly
// series as a small table of its own (a header and one row per week of the 30-day window: 5 or 6).
TEST(Tty, TicketStatsOnATerminalPrintsGroupsThenTheSeries) {
  auto r = run_on_tty({kServer, "--demo", "call", "ticket_stats", R"({"group_by":"team","interval":"week"})"},
                      in_tmp(), TtyFds{/*out=*/true, /*err=*/false});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(json::parse(r.tty, nullptr, false).is_discarded()) << r.tty;
  const auto lines = lines_of(r.tty);
  std::size_t header = 0, total = 0, series = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("group", 0) == 0) header = i;
    if (lines[i].rfind("TOTAL", 0) == 0) total = i;
    if (lines[i].rfind("period from", 0) == 0) series = i;
  }
  ASSERT_GT(header, 0u) << r.tty;
  EXPECT_NE(lines[header].find("open at end"), std::string::npos) << lines[header];
  EXPECT_GT(total, header + 1) << "teams are rows above the total: " << r.tty;
  ASSERT_GT(series, total) << r.tty;
  std::size_t weeks = 0;
  for (std::size_t i = series + 1; i < lines.size() && lines[i].size() > 10 && std::isdigit(static_cast<unsigned char>(lines[i][0])); ++i) ++weeks;
  EXPECT_GE(weeks, 5u) << r.tty;
  EXPECT_LE(weeks, 6u) << r.tty;
}

TEST(Tty, AgentUtilisationOnATerminalPrintsOneRowPerAgent) {
  auto r = run_on_tty({kServer, "--demo", "call", "agent_utilisation", "{}"}, in_tmp(), TtyFds{true, false});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = lines_of(r.tty);
  ASSERT_GE(lines.size(), 5u) << r.tty;
  EXPECT_EQ(lines[0].rfind("Time logged ", 0), 0u) << lines[0];
  EXPECT_EQ(lines[2].rfind("agent", 0), 0u) << lines[2];
  EXPECT_NE(lines[2].find("billable %"), std::string::npos) << lines[2];
  EXPECT_NE(r.tty.find("\nTOTAL"), std::string::npos) << r.tty;
}

TEST(Tty, JsonFlagOnATerminalPrintsJson) {
  auto r = run_on_tty({kServer, "--demo", "call", "--json", "list_clients", R"({"page_size":3})"},
                      in_tmp(), TtyFds{true, false});
  ASSERT_EQ(r.status, 0) << r.err;
  auto result = json::parse(r.tty, nullptr, false);
  ASSERT_FALSE(result.is_discarded()) << r.tty;
  EXPECT_EQ(result["items"].size(), 3u);
}

TEST(Tty, PipedStdoutPrintsJsonEvenWhenStderrIsATerminal) {
  auto r = run_on_tty({kServer, "--demo", "call", "list_clients", R"({"page_size":2})"}, in_tmp(),
                      TtyFds{false, true});
  ASSERT_EQ(r.status, 0) << r.tty;
  auto result = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(result.is_discarded()) << r.out;
  EXPECT_EQ(result["items"].size(), 2u);
}

TEST(Tty, LongCallShowsProgressOnlyOnATerminalStderr) {
  const std::vector<std::string> argv = {kServer, "--demo", "call", "revenue_breakdown", R"({"top":3})"};
  auto on_tty = run_on_tty(argv, in_tmp(), TtyFds{false, true});
  ASSERT_EQ(on_tty.status, 0) << on_tty.tty;
  EXPECT_NE(on_tty.tty.find("pages read from Halo"), std::string::npos) << on_tty.tty;
  EXPECT_NE(on_tty.tty.find('\r'), std::string::npos) << "progress redraws one line";
  EXPECT_NE(on_tty.tty.find("\r\033[K"), std::string::npos) << "the progress line is cleared at the end";
  EXPECT_FALSE(json::parse(on_tty.out, nullptr, false).is_discarded()) << "stdout stays JSON";

  // stdout on the terminal, stderr piped: no progress anywhere.
  auto piped = run_on_tty(argv, in_tmp(), TtyFds{true, false});
  ASSERT_EQ(piped.status, 0) << piped.err;
  EXPECT_EQ(piped.err.find("pages read"), std::string::npos) << piped.err;
  EXPECT_EQ(piped.err.find('\r'), std::string::npos) << piped.err;
  EXPECT_EQ(piped.tty.find("pages read"), std::string::npos) << "progress went to stdout";
}

TEST(Tty, CheckPrintsATableOnATerminal) {
  SimProcess sim;
  ASSERT_FALSE(sim.url().empty());
  auto options = in_tmp();
  options.env = {{"HALO_INSTANCE_URL", sim.url()}, {"HALO_CLIENT_ID", "demo-client"},
                 {"HALO_CLIENT_SECRET", "demo-secret"}};
  auto r = run_on_tty({kServer, "check"}, options, TtyFds{true, true});
  ASSERT_EQ(r.status, 0) << r.tty;
  const auto lines = lines_of(r.tty);
  bool header = false, login = false, tickets = false;
  for (const auto& line : lines) {
    if (line.rfind("source", 0) == 0 && line.find("status") != std::string::npos) header = true;
    if (line.rfind("login ", 0) == 0) login = line.find(" OK ") != std::string::npos;
    if (line.rfind("tickets ", 0) == 0) tickets = line.find(" OK ") != std::string::npos;
  }
  EXPECT_TRUE(header && login && tickets) << r.tty;
  EXPECT_NE(r.tty.find("All data sources are readable"), std::string::npos) << r.tty;
}

}  // namespace
