#include "app/commands.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/human_output.hpp"
#include "mcp/jsonrpc.hpp"
#include "tools/catalog_docs.hpp"
#include "tools/registry.hpp"

namespace app {

int print_tools(const mcp::Server& server, const tools::ToolSelection& selection, ToolsFormat format) {
  switch (format) {
    case ToolsFormat::kMarkdown:
      std::cout << tools::tools_markdown() << '\n' << tools::permissions_markdown();
      return 0;
    case ToolsFormat::kText: std::cout << tools::tools_text(selection); return 0;
    case ToolsFormat::kJson: break;
  }
  util::Json out = util::Json::array();
  for (const auto& tool : server.tools().all()) {
    const tools::ToolDef* def = tools::find_tool(tool.name);
    out.push_back({{"name", tool.name},
                   {"title", tool.title},
                   {"toolset", def != nullptr ? tools::toolset_name(def->toolset) : std::string_view()},
                   {"description", tool.description},
                   {"inputSchema", tool.input_schema},
                   {"outputSchema", tool.output_schema}});
  }
  std::cout << out.dump(2) << '\n';
  return 0;
}

int call_tool(const mcp::Server& server, const std::string& tool, const std::string& json_args,
              bool force_json) {
  util::Json arguments = util::Json::object();
  if (!json_args.empty()) {
    // The same parser and nesting limit as protocol messages.
    auto parsed = mcp::jsonrpc::parse_message(json_args);
    if (!parsed) {
      std::cerr << "halo-psa-mcp: the arguments: " << parsed.error()["error"]["message"].get<std::string>() << '\n';
      return 2;
    }
    arguments = std::move(*parsed);
    if (!arguments.is_object()) {
      std::cerr << "halo-psa-mcp: the arguments must be one JSON object, e.g. '{\"page_size\": 5}'\n";
      return 2;
    }
  }
  const bool people = !force_json && ::isatty(STDOUT_FILENO);
  const bool show_progress = ::isatty(STDERR_FILENO);

  mcp::ToolContext context;
  if (server.options().call_timeout.count() > 0) {
    context.deadline = std::chrono::steady_clock::now() + server.options().call_timeout;
  }
  bool progress_shown = false;
  context.progress = [&](double done, std::optional<double> total, std::string_view message) {
    if (!show_progress) return;
    progress_shown = true;
    if (total) std::fprintf(stderr, "\r%.0f/%.0f %.*s   ", done, *total, int(message.size()), message.data());
    else std::fprintf(stderr, "\r%.0f %.*s   ", done, int(message.size()), message.data());
  };
  auto outcome = server.call_tool(tool, arguments, context);
  if (progress_shown) std::fprintf(stderr, "\r\033[K");

  if (outcome.is_error) {
    std::cerr << "error: " << outcome.error_text << '\n';
    return 1;
  }
  if (people) {
    std::cout << (outcome.human_text.empty() ? render_for_people(outcome.structured) : outcome.human_text);
  } else {
    std::cout << outcome.structured.dump() << '\n';
  }
  return 0;
}

}  // namespace app
