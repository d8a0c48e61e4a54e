// The shared list and get flows (see list_flows.hpp and record_fetch.hpp).
#include "tools/list_flows.hpp"

#include <simdjson.h>

#include "domain/halo_fields.hpp"
#include "halo/client.hpp"
#include "tools/projection.hpp"
#include "tools/record_fetch.hpp"
#include "tools/tool_deps.hpp"

namespace tools {

using util::Json;

halo::CallOptions call_options(const mcp::ToolContext& context) {
  halo::CallOptions options;
  options.cancel = context.cancel;
  options.deadline = context.deadline;
  // A retry can hold a call for 30 s (Halo's rate limit): the client hears why, as a warning.
  options.on_retry = [&context](std::string_view text) { context.log(mcp::LogLevel::kWarning, text); };
  options.request_tally = context.upstream_requests;
  return options;
}

std::function<void(int, int)> page_progress(mcp::ToolContext& context) {
  return [&context](int pages_done, int pages_expected) {
    context.progress(pages_done, pages_expected > 0 ? std::optional<double>(pages_expected) : std::nullopt,
                     "Halo pages read");
  };
}

ProjectionEnv projection_env(const ToolCall& call) {
  return ProjectionEnv{&call.deps.periods, call.deps.default_currency, call.deps.now(), &call.deps.zone};
}

mcp::ToolOutcome error_outcome(const util::Error& error, std::string_view what, std::string_view area) {
  using util::ErrorKind;
  std::string detail = util::describe(error);
  std::string text;
  switch (error.kind) {
    case ErrorKind::kNotFound:
      text = std::string(what) + " not found";
      if (error.http_status != 0 && error.endpoint.find_first_of("0123456789") == std::string::npos) {
        // A 404 on a list route is not "no such record": say what Halo said.
        text = "Halo could not find the endpoint for " + std::string(what) + ": " + detail;
      }
      break;
    case ErrorKind::kPermission:
      text = "No permission to read " + std::string(what) + ": " + detail;
      if (error.hint.empty()) {
        text += " The Halo API application (or the agent it runs as) needs read permission for " +
                std::string(area) + ", and the token scope must include it (HALO_SCOPE, default all).";
      }
      break;
    case ErrorKind::kCancelled: text = "The request for " + std::string(what) + " was cancelled."; break;
    case ErrorKind::kTimeout: text = "Halo did not answer in time for " + std::string(what) + ": " + detail; break;
    default: text = "Could not read " + std::string(what) + " from Halo: " + detail; break;
  }
  return mcp::ToolOutcome::error(std::move(text));
}

Json list_result(Json items, const Paging& paging, std::int64_t record_count) {
  if (record_count < 0) record_count = 0;
  // A later page exists exactly when the total runs past the end of this page.
  const bool has_more = record_count > paging.offset() + paging.page_size;
  return Json{{"items", std::move(items)},
              {"page_no", paging.page_no},
              {"page_size", paging.page_size},
              {"record_count", record_count},
              {"has_more", has_more}};
}

mcp::ToolOutcome run_paged_list(ToolCall& call, const Source& source, const halo::Params& params) {
  const Paging paging = call.args.paging();
  const Shape shape = call.args.shape();
  const ProjectionEnv env = projection_env(call);
  auto page = call.deps.client.list_page(source.path, params, source.key, paging.page_no, paging.page_size,
                                         call_options(call.context));
  if (!page) return error_outcome(page.error(), source.plural, source.area);
  Json items = Json::array();
  for (simdjson::dom::element record : page->items) {
    // A page longer than asked for (a proxy or Halo bug) must not inflate the list.
    if (static_cast<int>(items.size()) >= paging.page_size) break;
    items.push_back(shape_item(record, shape, call.tool.fields, false, env));
  }
  return mcp::ToolOutcome::ok(list_result(std::move(items), paging, page->record_count));
}

namespace {

/// Counts the records `keep` accepts and projects those that fall on the requested page: the
/// filtered flows compute record_count and the page themselves because Halo cannot filter.
void keep_page(simdjson::dom::array records, const Keep& keep, const Paging& paging, const Shape& shape,
               const ToolCall& call, const ProjectionEnv& env, Json& items, std::int64_t& kept) {
  for (simdjson::dom::element record : records) {
    if (keep && !keep(record)) continue;
    if (kept >= paging.offset() && kept < paging.offset() + paging.page_size) {
      items.push_back(shape_item(record, shape, call.tool.fields, false, env));
    }
    ++kept;
  }
}

}  // namespace

mcp::ToolOutcome run_filtered_list(ToolCall& call, const Source& source, const halo::Params& params,
                                   const Keep& keep) {
  const Paging paging = call.args.paging();
  const Shape shape = call.args.shape();
  const ProjectionEnv env = projection_env(call);
  Json items = Json::array();
  std::int64_t kept = 0;
  auto stats = call.deps.client.for_each_page(
      source.path, params, source.key, call_options(call.context),
      [&](const halo::ListPage& page) {
        keep_page(page.items, keep, paging, shape, call, env, items, kept);
        return halo::Visit::kContinue;
      },
      page_progress(call.context));
  if (!stats) return error_outcome(stats.error(), source.plural, source.area);
  return mcp::ToolOutcome::ok(list_result(std::move(items), paging, kept));
}

mcp::ToolOutcome run_unpaged_list(ToolCall& call, const Source& source, const halo::Params& params,
                                  const Keep& keep) {
  const Paging paging = call.args.paging();
  const Shape shape = call.args.shape();
  auto page = call.deps.client.list_unpaged(source.path, params, source.key, call_options(call.context));
  if (!page) return error_outcome(page.error(), source.plural, source.area);
  Json items = Json::array();
  std::int64_t kept = 0;
  keep_page(page->items, keep, paging, shape, call, projection_env(call), items, kept);
  return mcp::ToolOutcome::ok(list_result(std::move(items), paging, kept));
}

tl::expected<halo::Document, mcp::ToolOutcome> fetch_record(ToolCall& call, const Source& source, std::int64_t id,
                                                            const halo::Params& params) {
  const std::string what = std::string(source.noun) + " " + std::to_string(id);
  auto doc = call.deps.client.get(std::string(source.path) + "/" + std::to_string(id), params,
                                  call_options(call.context));
  if (!doc) {
    if (doc.error().kind == util::ErrorKind::kNotFound) {
      return tl::unexpected(mcp::ToolOutcome::error(what + " not found"));
    }
    return tl::unexpected(error_outcome(doc.error(), what, source.area));
  }
  simdjson::dom::element root = doc->root();
  // Some tenants answer an unknown id with 200 and an empty or id-0 object instead of 404.
  auto found_id = domain::fields::as_int(root, "id");
  if (!root.is_object() || !found_id || *found_id <= 0) {
    return tl::unexpected(mcp::ToolOutcome::error(what + " not found"));
  }
  return std::move(*doc);
}

mcp::ToolOutcome run_get(ToolCall& call, const Source& source, std::string_view id_arg, const halo::Params& params) {
  auto doc = fetch_record(call, source, call.args.integer(id_arg).value_or(0), params);
  if (!doc) return std::move(doc.error());
  return mcp::ToolOutcome::ok(
      Json{{"item", shape_item(doc->root(), call.args.shape(), call.tool.fields, true, projection_env(call))}});
}

}  // namespace tools
