// The simulated /api resources, as the router in halo_api.cpp calls them: list GETs with each
// resource's filters, detail GETs, and saved reports. `resource` is the lower-cased path segment
// after /api ("tickets", "clientcontract", ...).
#pragma once
#include <optional>
#include <string>

#include "sim/dataset_store.hpp"
#include "sim/halo_api.hpp"

namespace sim::api {

/// GET /api/{resource}; nullopt when no list answers to that name.
[[nodiscard]] std::optional<ApiResponse> list_records(const DatasetStore& store, const ApiRequest& req,
                                                      const std::string& resource);

/// GET /api/{resource}/{id}; nullopt when the resource has no detail route.
[[nodiscard]] std::optional<ApiResponse> detail_record(const DatasetStore& store, const std::string& resource,
                                                       const std::string& id);

/// GET /api/Report: the saved reports, filtered by `search`.
[[nodiscard]] ApiResponse report_list(const DatasetStore& store, const ApiRequest& req);
/// GET /api/Report/{id}: the report; with loadreport=true, run, its rows attached.
[[nodiscard]] ApiResponse report_detail(const DatasetStore& store, const ApiRequest& req, const std::string& id);

}  // namespace sim::api
