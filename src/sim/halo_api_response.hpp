// Building the answers of the simulated /api resources the way Halo shapes them: error bodies,
// matches in the requested order, the paged list envelope (page_size capped at 100, about 50 rows
// when unpaged, record_count = every match) or a bare array, and bare detail objects.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "sim/dataset_store.hpp"
#include "sim/halo_api.hpp"
#include "sim/halo_api_request.hpp"

namespace sim::api {

using Predicate = std::function<bool(const RecordKeys&)>;

[[nodiscard]] ApiResponse json_response(int status, const util::Json& body);
/// Halo's 404 for a record that does not exist ("Ticket 12 not found").
[[nodiscard]] ApiResponse not_found_record(const std::string& what, const std::string& id);
/// Halo's 404 for a path no resource answers.
[[nodiscard]] ApiResponse no_route(const std::string& path);

struct ListShape {
  const char* key = nullptr;  ///< envelope key; nullptr = bare array
  bool pageable = true;       ///< false: pageinate/page_size are ignored, no 50-row default
  bool full = true;           ///< false: the list form (detail-only fields left out)
};

/// The records `keep` accepts, in the order `order`/`orderdesc` ask for. `date_field` is the
/// field the collection's pre-sorted date index follows (nullptr: none).
[[nodiscard]] std::vector<const Row*> collect(const Collection& col, const Predicate& keep, const Params& p,
                                              const char* date_field);

/// One page (or the unpaged slice) of the matches in the resource's envelope. The request's
/// item-skew faults make the page disagree with record_count.
[[nodiscard]] ApiResponse list_response(const std::vector<const Row*>& matches, const Params& p, const ListShape& shape,
                                        const ApiRequest& req);

/// The record whose id is `id_text` (a whole integer); nullptr otherwise.
[[nodiscard]] const Row* find_row(const Collection& col, const std::string& id_text);
/// The full record as a bare object, or Halo's 404 naming `what`.
[[nodiscard]] ApiResponse detail_response(const Collection& col, const std::string& id_text, const char* what);

}  // namespace sim::api
