// Assets (devices, configuration items): list_assets (with warranty filters), get_asset.
#include <chrono>

#include "domain/halo_fields.hpp"
#include "domain/revenue_dates.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

constexpr Field kAssetFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Asset id."},
    {.name = "inventory_number", .kind = FieldKind::kText, .help = "Asset tag (assets have no name)."},
    {.name = "key_field", .kind = FieldKind::kText, .help = "The asset type's key field (often the device name)."},
    {.name = "assettype_name", .kind = FieldKind::kText, .help = "Asset type."},
    {.name = "client_id", .kind = FieldKind::kInt, .help = "Client id."},
    {.name = "client_name", .kind = FieldKind::kText, .help = "Client name."},
    {.name = "site_id", .kind = FieldKind::kInt, .help = "Site id."},
    {.name = "site_name", .kind = FieldKind::kText, .help = "Site name."},
    {.name = "inactive", .kind = FieldKind::kBool, .help = "The asset is inactive."},
    {.name = "key_field2", .kind = FieldKind::kText, .help = "Second key field.", .detail_only = true},
    {.name = "key_field3", .kind = FieldKind::kText, .help = "Third key field.", .detail_only = true},
    {.name = "status_name", .kind = FieldKind::kText, .help = "Asset status.", .detail_only = true},
    {.name = "username", .kind = FieldKind::kText, .help = "User the asset belongs to.", .detail_only = true},
    {.name = "warranty_start", .kind = FieldKind::kDate, .help = "Warranty start.", .detail_only = true},
    {.name = "warranty_end", .kind = FieldKind::kDate, .help = "Warranty end."},
    {.name = "contract_id", .kind = FieldKind::kInt, .help = "Contract covering the asset.", .detail_only = true},
    {.name = "contract_ref", .kind = FieldKind::kText, .help = "Contract reference.", .detail_only = true},
    {.name = "supplier_name", .kind = FieldKind::kText, .help = "Supplier.", .detail_only = true},
};

constexpr const Source* kReads[] = {&kAssetsSource};

constexpr Arg kListArgs[] = {
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only assets of this client."},
    {.name = "site_id", .kind = ArgKind::kId, .help = "Only assets at this site."},
    {.name = "search", .kind = ArgKind::kText, .help = "Text in the inventory number or key fields."},
    {.name = "include_inactive", .kind = ArgKind::kBoolean, .help = "Also inactive assets.", .fallback = "false"},
    {.name = "warranty_expires_within_days", .kind = ArgKind::kInteger,
     .help = "Only assets whose warranty ends from today to today + N days.", .min = 1, .max = 730},
    {.name = "warranty_expired", .kind = ArgKind::kBoolean, .help = "Only assets whose warranty has ended.",
     .fallback = "false"},
};
constexpr Arg kGetArgs[] = {
    {.name = "asset_id", .kind = ArgKind::kId, .help = "The asset id.", .required = true},
};

/// The warranty filters, applied here: Halo's asset list has no warranty filter. warranty_end is a
/// calendar day in Halo, compared as it is with today in HALO_TIMEZONE; an asset without one
/// (Halo's 1900-01-01) passes neither filter.
Keep warranty_filter(const ToolCall& call) {
  const auto within = call.args.integer("warranty_expires_within_days");
  const bool expired = call.args.flag("warranty_expired");
  if (!within && !expired) return {};
  const domain::Date today = call.deps.zone.local_date(call.deps.now());
  const auto last = within ? domain::Date{std::chrono::sys_days{today} + std::chrono::days{*within}} : today;
  return [today, last, expired](const domain::Record& asset) {
    auto text = domain::fields::as_string(asset, "warranty_end");
    auto end = text ? domain::parse_halo_date(*text) : std::nullopt;
    if (!end) return false;
    return expired ? *end < today : (*end >= today && *end <= last);
  };
}

mcp::ToolOutcome list_assets(ToolCall& call) {
  if (call.args.given("warranty_expires_within_days") && call.args.flag("warranty_expired")) {
    return mcp::ToolOutcome::error(
        "Invalid arguments 'warranty_expires_within_days' and 'warranty_expired': give one of them, not both "
        "(one asks for warranties still running, the other for those already ended)");
  }
  halo::Params params;
  if (auto id = call.args.integer("client_id")) params.emplace_back("client_id", std::to_string(*id));
  if (auto id = call.args.integer("site_id")) params.emplace_back("site_id", std::to_string(*id));
  if (auto search = call.args.text("search")) params.emplace_back("search", *search);
  if (call.args.flag("include_inactive")) params.emplace_back("includeinactive", "true");
  if (Keep keep = warranty_filter(call)) return run_filtered_list(call, kAssetsSource, params, keep);
  return run_paged_list(call, kAssetsSource, params);
}

mcp::ToolOutcome get_asset(ToolCall& call) {
  return run_get(call, kAssetsSource, "asset_id", {{"includedetails", "true"}});
}

}  // namespace

extern const ToolDef kListAssets, kGetAsset;

constexpr ToolDef kListAssets{
    .name = "list_assets",
    .title = "List assets",
    .description = "Assets (devices, configuration items): inventory number, key field, type, client, site, "
                   "warranty end. Assets have no name: identify them by inventory_number and key_field. The "
                   "warranty filters read every asset page (Halo cannot filter on warranty).",
    .toolset = Toolset::kAssets,
    .form = Form::kList,
    .reads = kReads,
    .args = kListArgs,
    .fields = kAssetFields,
    .handler = list_assets,
};

constexpr ToolDef kGetAsset{
    .name = "get_asset",
    .title = "Get an asset",
    .description = "One asset by id: the list_assets fields plus other key fields, status, user, warranty dates, "
                   "contract and supplier.",
    .toolset = Toolset::kAssets,
    .form = Form::kGet,
    .reads = kReads,
    .args = kGetArgs,
    .fields = kAssetFields,
    .handler = get_asset,
};

}  // namespace tools
