// A tool's arguments as its handler reads them: already validated against the inputSchema (the
// protocol layer refuses anything else before the handler runs), with the defaults the
// declaration gives. Asking for an argument the tool does not declare is a programming error
// (an empty value in release builds, an assertion in debug builds).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tools/tool_def.hpp"
#include "util/json.hpp"

namespace tools {

/// The arguments a tool gets beyond its own: every list tool's (paging, `full`, `fields`), every
/// get tool's (`full`), and `chart` for a tool that can draw its result.
[[nodiscard]] std::span<const Arg> added_args(const ToolDef& tool);

inline constexpr int kDefaultPageSize = 25;
inline constexpr int kMaxPageSize = 100;

struct Paging {
  int page_no = 1;
  int page_size = kDefaultPageSize;
  /// Index of the first item of this page in the whole result (0-based).
  [[nodiscard]] std::int64_t offset() const { return static_cast<std::int64_t>(page_no - 1) * page_size; }
};

/// What the caller asked the items to look like.
struct Shape {
  bool full = false;                ///< Halo's raw records
  std::vector<std::string> fields;  ///< raw Halo fields added to each projected item
};

class Args {
 public:
  Args(const ToolDef& tool, const util::Json& values);

  /// kId / kInteger: the value, else the declared default, else nullopt.
  [[nodiscard]] std::optional<std::int64_t> integer(std::string_view name) const;
  /// kBoolean: the value, else the declared default (false when none).
  [[nodiscard]] bool flag(std::string_view name) const;
  /// kText / kChoice / kDate / kMonth: the value when it is not blank, else the declared default.
  [[nodiscard]] std::optional<std::string> text(std::string_view name) const;
  /// kTextList: the non-empty strings given.
  [[nodiscard]] std::vector<std::string> texts(std::string_view name) const;
  [[nodiscard]] bool given(std::string_view name) const { return values_.contains(name); }

  [[nodiscard]] Paging paging() const;
  [[nodiscard]] Shape shape() const;
  [[nodiscard]] const util::Json& values() const { return values_; }

 private:
  [[nodiscard]] const Arg* declared(std::string_view name) const;
  /// The given value, else the parsed default; null when neither.
  [[nodiscard]] util::Json value_of(std::string_view name) const;

  const ToolDef& tool_;
  const util::Json& values_;
};

}  // namespace tools
