// Typed access to validated arguments with declared defaults (see tool_args.hpp).
#include "tools/tool_args.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

namespace tools {
namespace {

constexpr Arg kListForm[] = {
    {.name = "page_size", .kind = ArgKind::kInteger, .help = "Items per page.", .min = 1,
     .max = kMaxPageSize, .fallback = "25"},
    {.name = "page_no", .kind = ArgKind::kInteger, .help = "Page, from 1.", .min = 1, .max = 1'000'000,
     .fallback = "1"},
    {.name = "full", .kind = ArgKind::kBoolean,
     .help = "Halo's raw records instead of the compact items (large: use only when `fields` cannot "
             "name what you need).",
     .fallback = "false"},
    {.name = "fields", .kind = ArgKind::kTextList,
     .help = "Raw Halo field names to add to each item, e.g. [\"customfields\"]; absent ones are null."},
};
constexpr Arg kChartForm[] = {
    {.name = "chart", .kind = ArgKind::kBoolean,
     .help = "Also return the result drawn as a PNG chart (costs context: ask only when a picture helps).",
     .fallback = "false"},
};
constexpr Arg kGetForm[] = {
    {.name = "full", .kind = ArgKind::kBoolean, .help = "Halo's raw record instead of the item (large).",
     .fallback = "false"},
};

}  // namespace

std::span<const Arg> added_args(const ToolDef& tool) {
  switch (tool.form) {
    case Form::kList: return kListForm;
    case Form::kGet: return kGetForm;
    case Form::kCustom: break;
  }
  if (tool.chart != nullptr) return kChartForm;  // only analytic (custom) tools draw
  return {};
}

Args::Args(const ToolDef& tool, const util::Json& values) : tool_(tool), values_(values) {}

const Arg* Args::declared(std::string_view name) const {
  for (const Arg& arg : tool_.args) {
    if (arg.name == name) return &arg;
  }
  for (const Arg& arg : added_args(tool_)) {
    if (arg.name == name) return &arg;
  }
  assert(false && "a handler read an argument its tool does not declare");
  return nullptr;
}

util::Json Args::value_of(std::string_view name) const {
  const Arg* arg = declared(name);
  if (auto it = values_.find(name); it != values_.end() && !it->is_null()) return *it;
  if (arg == nullptr || arg->fallback.empty()) return nullptr;
  return util::Json::parse(arg->fallback, nullptr, /*allow_exceptions=*/false);
}

std::optional<std::int64_t> Args::integer(std::string_view name) const {
  const util::Json value = value_of(name);
  // The validator has refused anything that is not an integer fitting int64.
  if (value.is_number_unsigned()) {
    const auto v = value.get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(v);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (!(d >= -9.2e18 && d <= 9.2e18)) return std::nullopt;
    return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

bool Args::flag(std::string_view name) const {
  const util::Json value = value_of(name);
  return value.is_boolean() && value.get<bool>();
}

std::optional<std::string> Args::text(std::string_view name) const {
  util::Json value = value_of(name);
  if (!value.is_string()) return std::nullopt;
  std::string text = value.get<std::string>();
  // A blank search filters nothing: treat it as absent.
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return text;
}

std::vector<std::string> Args::texts(std::string_view name) const {
  std::vector<std::string> out;
  const util::Json value = value_of(name);
  if (!value.is_array()) return out;
  for (const auto& item : value) {
    if (item.is_string() && !item.get<std::string>().empty()) out.push_back(item.get<std::string>());
  }
  return out;
}

Paging Args::paging() const {
  Paging paging;
  paging.page_no = static_cast<int>(std::clamp<std::int64_t>(integer("page_no").value_or(1), 1, 1'000'000));
  paging.page_size =
      static_cast<int>(std::clamp<std::int64_t>(integer("page_size").value_or(kDefaultPageSize), 1, kMaxPageSize));
  return paging;
}

Shape Args::shape() const {
  Shape shape;
  shape.full = flag("full");
  if (tool_.form == Form::kList) shape.fields = texts("fields");
  return shape;
}

}  // namespace tools
