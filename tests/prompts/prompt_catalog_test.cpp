// The prompt declarations against the tool catalogue: every tool a prompt's text names is a real
// tool, declared in the prompt's list (which decides whether the prompt is offered), and no
// declared tool goes unused. Rendered in process with a fixed "now" and a client given by id,
// so no Halo request is made (the client points at a closed port).
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "prompts/prompt_catalog.hpp"
#include "tools/registry.hpp"

namespace {

class PromptCatalog : public ::testing::Test {
 protected:
  PromptCatalog() {
    halo::Config config;
    config.instance_url = "http://127.0.0.1:9";  // discard: nothing may be requested
    config.client_id = "unused";
    config.client_secret = "unused";
    client_ = std::make_unique<halo::Client>(config);
    deps_ = std::make_unique<tools::ToolDeps>(tools::ToolDeps{*client_, periods_, "GBP"});
    deps_->fixed_now = domain::Instant{std::chrono::sys_days{std::chrono::year{2026} / 12 / 4}};
  }

  std::string render(const prompts::PromptDef& def, prompts::PromptArgs args) {
    mcp::ToolContext context;
    prompts::PromptEnv env{*deps_, context};
    auto text = def.render(args, env);
    EXPECT_TRUE(text) << def.name << ": " << (text ? "" : text.error().message);
    return text.value_or("");
  }

  domain::PeriodTable periods_ = domain::PeriodTable::defaults();
  std::unique_ptr<halo::Client> client_;
  std::unique_ptr<tools::ToolDeps> deps_;
};

TEST_F(PromptCatalog, EveryToolNamedInATextIsDeclaredAndReal) {
  ASSERT_EQ(prompts::all_prompts().size(), 4u);
  for (const prompts::PromptDef* def : prompts::all_prompts()) {
    const std::string text = render(*def, {{"client", "42"}});
    std::set<std::string> named;
    const std::regex quoted("`([a-z_]+)`");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), quoted); it != std::sregex_iterator(); ++it) {
      named.insert((*it)[1]);
    }
    std::set<std::string> declared(def->tools.begin(), def->tools.end());
    for (const auto& name : named) {
      if (name == "warnings") continue;  // a result field, quoted in the reading rules
      EXPECT_NE(tools::find_tool(name), nullptr) << def->name << " names an unknown tool " << name;
      EXPECT_TRUE(declared.count(name)) << def->name << " names " << name << " without declaring it";
    }
    for (const auto& name : declared) EXPECT_TRUE(named.count(name)) << def->name << " declares unused " << name;
  }
}

TEST_F(PromptCatalog, OfferedOnlyWhenEveryToolItNamesIs) {
  auto desk_only = tools::parse_tool_selection("tickets,customers", "", "");
  ASSERT_TRUE(desk_only);
  for (const prompts::PromptDef* def : prompts::all_prompts()) {
    // Every prompt leans on at least one analytics tool, which a desk-only deployment hides.
    EXPECT_FALSE(prompts::offered(*def, *desk_only)) << def->name;
    EXPECT_TRUE(prompts::offered(*def, {})) << def->name;
  }
  auto without_aging = tools::parse_tool_selection("", "", "receivables_aging");
  ASSERT_TRUE(without_aging);
  mcp::PromptRegistry registry;
  prompts::register_halo_prompts(registry, *deps_, *without_aging);
  // month_end_revenue_pack, client_review and renewals_this_quarter read receivables_aging.
  ASSERT_EQ(registry.all().size(), 1u);
  EXPECT_EQ(registry.all()[0].name, "weekly_service_desk_review");
}

}  // namespace
