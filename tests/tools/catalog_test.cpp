// The catalogue as a model sees it, held still: every tool's schema against a checked-in snapshot
// (a change to what a model reads shows up in review), the whole catalogue's cost in the model's
// context, the declarations' own consistency, and the tool selection (toolsets, --tools,
// --exclude-tools). Regenerate the snapshots after an intended change with
//   HALO_UPDATE_SNAPSHOTS=1 build/tools_catalog_tests
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "mcp/tool_registry.hpp"
#include "tools/catalog.hpp"
#include "tools/registry.hpp"
#include "tools/sources.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_schema.hpp"
#include "tools/toolsets.hpp"

namespace {

using util::Json;
namespace fs = std::filesystem;

const fs::path kSnapshots = fs::path(HALO_SOURCE_DIR) / "tests/tools/snapshots";

/// What tools/list shows of a tool (annotations are added by the protocol layer, the same for all).
Json as_listed(const tools::ToolDef& tool) {
  return Json{{"name", tool.name},
              {"title", tool.title},
              {"toolset", tools::toolset_name(tool.toolset)},
              {"description", tool.description},
              {"inputSchema", tools::input_schema(tool)},
              {"outputSchema", tools::output_schema(tool)}};
}

TEST(Catalog, EveryToolMatchesItsSnapshot) {
  const bool update = std::getenv("HALO_UPDATE_SNAPSHOTS") != nullptr;
  std::set<std::string> expected_files;
  for (const tools::ToolDef* tool : tools::all_tools()) {
    const fs::path file = kSnapshots / (std::string(tool->name) + ".json");
    expected_files.insert(file.filename().string());
    const std::string now = as_listed(*tool).dump(2) + "\n";
    if (update) {
      std::ofstream(file) << now;
      continue;
    }
    std::ifstream in(file);
    ASSERT_TRUE(in) << "no snapshot for " << tool->name << ": run HALO_UPDATE_SNAPSHOTS=1 build/tools_catalog_tests";
    std::stringstream snapshot;
    snapshot << in.rdbuf();
    EXPECT_EQ(snapshot.str(), now) << tool->name << " changed what a model sees; if intended, regenerate: "
                                   << "HALO_UPDATE_SNAPSHOTS=1 build/tools_catalog_tests";
  }
  // A snapshot with no tool is a renamed or removed tool: names are a contract.
  for (const auto& entry : fs::directory_iterator(kSnapshots)) {
    EXPECT_EQ(expected_files.count(entry.path().filename().string()), 1u)
        << entry.path().filename() << " has no tool (renamed or removed?)";
  }
}

// Every session pays for tools/list in context before any question: name + description +
// inputSchema of every tool, all toolsets on, must stay under 10k tokens (bytes / 4).
TEST(Catalog, TheWholeCatalogueCostsUnderTenThousandTokens) {
  std::size_t bytes = 0;
  for (const tools::ToolDef* tool : tools::all_tools()) {
    bytes += tool->name.size() + tool->description.size() + tools::input_schema(*tool).dump().size();
  }
  const std::size_t tokens = bytes / 4;
  std::printf("catalogue: %zu tools, %zu bytes of name + description + inputSchema, about %zu tokens\n",
              tools::all_tools().size(), bytes, tokens);
  EXPECT_LT(tokens, 10'000u);
}

TEST(Catalog, DeclarationsAreConsistent) {
  std::set<std::string> names;
  for (const tools::ToolDef* tool : tools::all_tools()) {
    SCOPED_TRACE(std::string(tool->name));
    EXPECT_TRUE(names.insert(std::string(tool->name)).second) << "duplicate name";
    EXPECT_FALSE(tool->title.empty());
    EXPECT_FALSE(tool->description.empty());
    EXPECT_NE(tool->handler, nullptr);
    EXPECT_FALSE(tool->reads.empty()) << "every tool reads Halo: say what, for permissions and check";
    if (tool->form == tools::Form::kCustom) {
      EXPECT_NE(tool->output_schema, nullptr);
    } else {
      EXPECT_FALSE(tool->fields.empty());
    }
    if (tool->form == tools::Form::kGet) {
      // A get tool's id is its one required argument, named <noun>_id.
      int required = 0;
      for (const auto& arg : tool->args) required += arg.required;
      EXPECT_EQ(required, 1);
      EXPECT_EQ(tool->name.substr(0, 4), "get_");
    }
    std::set<std::string> args;
    for (const auto& arg : tool->args) EXPECT_TRUE(args.insert(std::string(arg.name)).second) << arg.name;
    for (const auto& arg : tools::added_args(*tool)) {
      EXPECT_EQ(args.count(std::string(arg.name)), 0u) << arg.name << " is added by the form";
    }
    // Defaults are valid JSON of the argument's type (they go into the schema as they are).
    for (const auto& arg : tool->args) {
      if (arg.fallback.empty()) continue;
      const Json value = Json::parse(arg.fallback, nullptr, false);
      ASSERT_FALSE(value.is_discarded()) << arg.name;
      if (arg.kind == tools::ArgKind::kBoolean) { EXPECT_TRUE(value.is_boolean()) << arg.name; }
      if (arg.kind == tools::ArgKind::kInteger) { EXPECT_TRUE(value.is_number_integer()) << arg.name; }
      if (arg.kind == tools::ArgKind::kChoice) { EXPECT_TRUE(value.is_string()) << arg.name; }
    }
  }
}

TEST(Catalog, ArgumentsComeWithTheirDeclaredDefaults) {
  const tools::ToolDef* contracts = tools::find_tool("list_contracts");
  ASSERT_NE(contracts, nullptr);
  const Json none = Json::object();
  const tools::Args defaults(*contracts, none);
  EXPECT_TRUE(defaults.flag("active_only")) << "declared default true";
  EXPECT_EQ(defaults.paging().page_size, 25);
  EXPECT_EQ(defaults.paging().page_no, 1);
  EXPECT_FALSE(defaults.integer("client_id"));
  const Json given{{"active_only", false}, {"page_size", 7}, {"page_no", 3}, {"client_id", 12}};
  const tools::Args args(*contracts, given);
  EXPECT_FALSE(args.flag("active_only"));
  EXPECT_EQ(args.paging().page_size, 7);
  EXPECT_EQ(args.paging().offset(), 14);
  EXPECT_EQ(args.integer("client_id"), 12);
  // The same defaults are what the model reads in the schema.
  EXPECT_EQ(tools::input_schema(*contracts)["properties"]["active_only"]["default"], true);
}

// ---- selection -------------------------------------------------------------------------------

std::set<std::string> offered(const tools::ToolSelection& selection) {
  std::set<std::string> out;
  for (const tools::ToolDef* tool : tools::all_tools()) {
    if (selection.offers(*tool)) out.insert(std::string(tool->name));
  }
  return out;
}

TEST(ToolSelection, ToolsetsNarrowAndSingleToolsAdjust) {
  auto all = tools::parse_tool_selection("", "", "");
  ASSERT_TRUE(all);
  EXPECT_EQ(offered(*all).size(), tools::all_tools().size());
  EXPECT_EQ(all->describe(), "all");

  auto desk = tools::parse_tool_selection("tickets, customers", "list_agents", "get_client");
  ASSERT_TRUE(desk) << desk.error().message;
  const auto names = offered(*desk);
  EXPECT_EQ(names, (std::set<std::string>{"list_tickets", "get_ticket", "list_ticket_actions", "list_time_entries",
                                          "list_clients", "list_sites", "get_site", "list_agents"}));
  EXPECT_EQ(desk->describe(), "tickets,customers +list_agents -get_client");
  auto everything = tools::parse_tool_selection("all", "", "revenue_breakdown");
  ASSERT_TRUE(everything);
  EXPECT_EQ(offered(*everything).count("revenue_breakdown"), 0u);
  EXPECT_EQ(offered(*everything).size(), tools::all_tools().size() - 1);
}

TEST(ToolSelection, UnknownNamesAreConfigErrorsNamingTheSettingAndTheChoices) {
  auto bad_set = tools::parse_tool_selection("tickets,finance", "", "");
  ASSERT_FALSE(bad_set);
  EXPECT_EQ(bad_set.error().kind, util::ErrorKind::kConfig);
  EXPECT_NE(bad_set.error().message.find("HALO_MCP_TOOLSETS: unknown toolset 'finance'"), std::string::npos);
  EXPECT_NE(bad_set.error().message.find("analytics"), std::string::npos) << "the allowed values are listed";
  auto bad_tool = tools::parse_tool_selection("", "", "list_quotes");
  ASSERT_FALSE(bad_tool);
  EXPECT_NE(bad_tool.error().message.find("HALO_MCP_EXCLUDE_TOOLS: unknown tool 'list_quotes'"), std::string::npos);
}

TEST(ToolSelection, OnlyOfferedToolsAreRegistered) {
  auto billing = tools::parse_tool_selection("billing", "", "");
  ASSERT_TRUE(billing);
  // Registration needs no Halo: handlers are not run here.
  halo::Config config;
  config.instance_url = "http://127.0.0.1:9";
  halo::Client client(config);
  const auto periods = domain::PeriodTable::defaults();
  tools::ToolDeps deps{client, periods, "GBP"};
  mcp::ToolRegistry registry;
  tools::register_halo_tools(registry, deps, *billing);
  std::set<std::string> registered;
  for (const auto& tool : registry.all()) registered.insert(tool.name);
  EXPECT_EQ(registered, offered(*billing));
  EXPECT_EQ(registry.find("list_tickets"), nullptr);
  EXPECT_NE(registry.find("list_invoices"), nullptr);
}

}  // namespace
