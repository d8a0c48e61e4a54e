#include "app/commands.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/human_output.hpp"
#include "mcp/jsonrpc.hpp"
#include "tools/catalog_docs.hpp"
#include "tools/registry.hpp"
#include "util/base64.hpp"

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
                   {"inputSchema", tool.input_schema.get()},
                   {"outputSchema", tool.output_schema.get()}});
  }
  std::cout << out.dump(2) << '\n';
  return 0;
}

namespace {

/// PATH for the first chart, PATH-2.png (before a .png suffix) for the second, ...
std::string chart_file(const std::string& path, int index) {
  if (index == 1) return path;
  const bool png = path.size() > 4 && path.compare(path.size() - 4, 4, ".png") == 0;
  return (png ? path.substr(0, path.size() - 4) : path) + "-" + std::to_string(index) + ".png";
}

/// Writes the result's image blocks; false (after saying why on stderr) when there is none or a
/// file cannot be written.
bool write_charts(const mcp::ToolOutcome& outcome, const std::string& path) {
  int written = 0;
  for (const auto& block : outcome.extra_content) {
    if (block.value("type", std::string()) == "text") {
      std::cerr << block.value("text", std::string()) << '\n';
      continue;
    }
    if (block.value("type", std::string()) != "image") continue;
    auto png = util::base64_decode(block.value("data", std::string()));
    const std::string file = chart_file(path, written + 1);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!png || !out.write(png->data(), static_cast<std::streamsize>(png->size()))) {
      std::cerr << "halo-psa-mcp: could not write the chart to " << file << '\n';
      return false;
    }
    ++written;
    std::cerr << "chart written to " << file << '\n';
  }
  if (written == 0) std::cerr << "halo-psa-mcp: the result has nothing to chart\n";
  return written > 0;
}

}  // namespace

int call_tool(const mcp::Server& server, const std::string& tool, const std::string& json_args,
              bool force_json, const std::string& chart_path) {
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
  if (!chart_path.empty()) {
    const tools::ToolDef* def = tools::find_tool(tool);
    if (def == nullptr || def->chart == nullptr) {
      std::string drawing;
      for (const tools::ToolDef* candidate : tools::all_tools()) {
        if (candidate->chart != nullptr) drawing += (drawing.empty() ? "" : ", ") + std::string(candidate->name);
      }
      std::cerr << "halo-psa-mcp: --chart: " << tool << " draws no chart (these do: " << drawing << ")\n";
      return 2;
    }
    arguments["chart"] = true;
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
    const std::string text = outcome.human_text.empty() ? render_for_people(outcome.structured) : outcome.human_text;
    std::cout << text << (text.ends_with('\n') ? "" : "\n") << std::flush;
  } else {
    std::cout << outcome.structured.dump() << '\n';
  }
  if (!chart_path.empty() && !write_charts(outcome, chart_path)) return 1;
  return 0;
}

}  // namespace app
