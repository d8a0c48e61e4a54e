// Client name search and resolution over Halo's /api/Client search.
#include "prompts/client_lookup.hpp"

#include <algorithm>

#include "domain/halo_fields.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"
#include "util/ascii.hpp"

namespace prompts {

util::Result<std::vector<ClientName>> clients_named(tools::ToolDeps& deps, mcp::ToolContext& context,
                                                    std::string_view text, int limit, std::int64_t& total) {
  halo::Params params;
  if (!text.empty()) params.emplace_back("search", std::string(text));
  const auto& source = tools::kClientsSource;
  auto page = deps.client.list_page(source.path, params, source.key, 1, limit,
                                    tools::call_options(context));
  if (!page) return util::Unexpected(page.error());
  std::vector<ClientName> found;
  for (auto item : page->items) {
    auto id = domain::fields::as_int(item, "id");
    auto name = domain::fields::as_string(item, "name");
    if (id && *id > 0 && name && !name->empty()) found.push_back({*id, std::move(*name)});
  }
  total = std::max<std::int64_t>(page->record_count, static_cast<std::int64_t>(found.size()));
  const std::string prefix = util::lower_ascii(text);
  std::stable_sort(found.begin(), found.end(), [&](const ClientName& a, const ClientName& b) {
    return util::lower_ascii(a.name).starts_with(prefix) && !util::lower_ascii(b.name).starts_with(prefix);
  });
  return found;
}

util::Result<ClientName> resolve_client(tools::ToolDeps& deps, mcp::ToolContext& context, std::string_view text,
                                        std::string_view argument) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      text.size() <= 18) {
    return ClientName{std::stoll(std::string(text)), {}};
  }
  std::int64_t total = 0;
  auto found = clients_named(deps, context, text, 25, total);
  if (!found) return util::Unexpected(found.error());
  for (const auto& client : *found) {
    if (util::iequals_ascii(client.name, text)) return client;
  }
  if (found->size() == 1) return found->front();
  const std::string arg(argument);
  if (found->empty()) {
    return util::fail(util::ErrorKind::kBadInput, arg + ": no Halo client's name contains '" + std::string(text) + "'");
  }
  std::string names;
  for (std::size_t i = 0; i < found->size() && i < 10; ++i) {
    names += (i ? ", " : "") + (*found)[i].name + " (id " + std::to_string((*found)[i].id) + ")";
  }
  if (total > 10) names += " and " + std::to_string(total - 10) + " more";
  return util::fail(util::ErrorKind::kBadInput,
                    arg + ": '" + std::string(text) + "' matches several clients: " + names +
                        ". Give the exact name or the id.");
}

}  // namespace prompts
