// Catalogue text and tables from the declarations (see catalog_docs.hpp).
#include "tools/catalog_docs.hpp"

#include "tools/registry.hpp"
#include "tools/sources.hpp"
#include "tools/tool_args.hpp"

namespace tools {
namespace {

std::string kind_name(const Arg& arg) {
  switch (arg.kind) {
    case ArgKind::kId: return "id";
    case ArgKind::kInteger:
      return "integer " + std::to_string(arg.min) + (arg.max != 0 ? "-" + std::to_string(arg.max) : "+");
    case ArgKind::kBoolean: return "true/false";
    case ArgKind::kText: return "text";
    case ArgKind::kDate: return "YYYY-MM-DD";
    case ArgKind::kMonth: return "YYYY-MM";
    case ArgKind::kChoice: {
      std::string out;
      for (auto choice : arg.choices) out += (out.empty() ? "" : "|") + std::string(choice);
      return out;
    }
    case ArgKind::kTextList: return "list of text";
  }
  return "";
}

/// Every argument of the tool: its own, then what its form (or its chart) adds.
template <class Fn>
void for_each_arg(const ToolDef& tool, Fn fn) {
  for (const Arg& arg : tool.args) fn(arg);
  for (const Arg& arg : added_args(tool)) fn(arg);
}

std::string tools_reading(const Source& source, const ToolSelection& selection) {
  std::string out;
  for (const ToolDef* tool : all_tools()) {
    if (!selection.offers(*tool)) continue;
    for (const Source* read : tool->reads) {
      if (read == &source) out += (out.empty() ? "" : ", ") + std::string(tool->name);
    }
  }
  return out;
}

}  // namespace

std::string tools_text(const ToolSelection& selection) {
  std::string out = "toolsets: " + selection.describe() + "\n";
  for (const ToolDef* tool : all_tools()) {
    if (!selection.offers(*tool)) continue;
    out += "\n" + std::string(tool->name) + "  [" + std::string(toolset_name(tool->toolset)) + "]  " +
           std::string(tool->title) + "\n";
    for_each_arg(*tool, [&](const Arg& arg) {
      out += "    " + std::string(arg.name) + " (" + kind_name(arg) + (arg.required ? ", required" : "") +
             (arg.fallback.empty() ? "" : ", default " + std::string(arg.fallback)) + ")  " + std::string(arg.help) +
             "\n";
    });
  }
  return out;
}

std::string tools_markdown() {
  std::string out = "| tool | toolset | what it answers | arguments |\n|---|---|---|---|\n";
  for (const ToolDef* tool : all_tools()) {
    std::string args;
    for (const Arg& arg : tool->args) {
      args += (args.empty() ? "" : ", ") + std::string("`") + std::string(arg.name) + "`";
    }
    if (tool->form == Form::kList) args += std::string(args.empty() ? "" : ", ") + "paging, `full`, `fields`";
    if (tool->form == Form::kGet) args += ", `full`";
    out += "| `" + std::string(tool->name) + "` | " + std::string(toolset_name(tool->toolset)) + " | " +
           std::string(tool->title) + " | " + (args.empty() ? "none" : args) + " |\n";
  }
  return out;
}

std::string permissions_markdown() {
  std::string out = "| Halo source (endpoint) | tools that read it | API application permission |\n|---|---|---|\n";
  for (const Source* source : kAllSources) {
    std::string tools;
    const std::string names = tools_reading(*source, ToolSelection{});
    std::string_view rest = names;
    while (!rest.empty()) {
      const auto comma = rest.find(", ");
      tools += (tools.empty() ? "" : ", ") + std::string("`") + std::string(rest.substr(0, comma)) + "`";
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    }
    out += "| " + std::string(source->label) + " (`/api/" + std::string(source->path) + "`) | " + tools + " | " +
           (source->permission.find(':') != std::string_view::npos
                ? "`" + std::string(source->permission) + "`"
                : std::string(source->permission)) +
           " |\n";
  }
  return out;
}

std::vector<SourceUse> sources_in_use(const ToolSelection& selection) {
  std::vector<SourceUse> out;
  for (const Source* source : kAllSources) {
    std::string tools = tools_reading(*source, selection);
    if (!tools.empty()) out.push_back({source, std::move(tools)});
  }
  return out;
}

}  // namespace tools
