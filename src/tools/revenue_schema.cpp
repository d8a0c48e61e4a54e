// The outputSchema of revenue_breakdown (see revenue_schema.hpp).
#include "tools/revenue_schema.hpp"

#include "tools/revenue_bounds.hpp"

namespace tools {

using util::Json;

Json revenue_output_schema() {
  const Json money = {{"type", {"number", "null"}}, {"description", "Currency units, 2 decimals; null when the source "
                                                                    "it depends on could not be read."}};
  const Json share = {{"type", {"number", "null"}},
                      {"description", "recurring_invoiced / (recurring_invoiced + non_recurring_total), 4 decimals; "
                                      "null when that denominator is 0 or unknown."}};
  const Json date = {{"type", "string"}, {"format", "date"}};
  Json item = {
      {"type", "object"},
      {"properties",
       {{"kind", {{"type", "string"}, {"enum", {"contract", "recurring_invoice"}}}},
        {"id", {{"type", "integer"}}},
        {"ref", {{"type", "string"}}},
        {"period", {{"type", {"string", "null"}}, {"description", "weekly, monthly, quarterly, half-yearly, yearly, "
                                                                  "two-yearly, three-yearly, four-yearly; null when unknown."}}},
        {"amount", {{"type", {"number", "null"}}, {"description", "Amount per billing period, net of tax."}}},
        {"monthly_value", {{"type", "number"}, {"description", "What this item adds to mrr (0 unless counted)."}}},
        {"status", {{"type", "string"},
                    {"enum", {"counted", "billed_via_recurring_invoice", "unknown_period", "inactive"}}}},
        {"reason", {{"type", "string"}, {"description", "Why the item is not counted."}}},
        {"billed_via_recurring_invoice_id", {{"type", "integer"}}},
        {"contract_id", {{"type", "integer"}, {"description", "Template: the contract it bills."}}}}},
      {"required", {"kind", "id", "ref", "period", "amount", "monthly_value", "status"}}};
  Json row = {{"type", "object"},
              {"properties",
               {{"client_id", {{"type", "integer"}}},
                {"client_name", {{"type", "string"}}},
                {"currency", {{"type", "string"}}},
                {"mrr", money},
                {"arr", money},
                {"recurring_invoiced", money},
                {"non_recurring_total", money},
                {"project_total", money},
                {"ad_hoc_total", money},
                {"recurring_share", share},
                {"recurring_items", {{"type", "array"}, {"items", item}}},
                {"recurring_items_omitted", revenue_row_items_omitted_schema()}}},
              {"required", {"client_id", "client_name", "currency", "mrr", "arr", "recurring_invoiced",
                            "non_recurring_total", "project_total", "ad_hoc_total", "recurring_share",
                            "recurring_items"}}};
  Json total = {{"type", "object"},
                {"properties",
                 {{"currency", {{"type", "string"}}},
                  {"mrr", money},
                  {"arr", money},
                  {"recurring_invoiced", money},
                  {"non_recurring_total", money},
                  {"project_total", money},
                  {"ad_hoc_total", money},
                  {"recurring_share", share},
                  {"clients", {{"type", "integer"}, {"description", "Rows in this currency."}}}}},
                {"required", {"currency", "mrr", "arr", "recurring_invoiced", "non_recurring_total", "clients"}}};
  Json warning = {{"type", "object"},
                  {"properties",
                   {{"kind", {{"type", "string"},
                              {"description", "unknown_period | source_unavailable | missing_amount | result_truncated"}}},
                    {"id", {{"type", {"integer", "null"}}}},
                    {"client_id", {{"type", {"integer", "null"}}}},
                    {"detail", {{"type", "string"}}},
                    {"source", {{"type", "string"}}},
                    {"status", {{"type", "integer"}, {"description", "HTTP status of an unavailable source."}}}}},
                  {"required", {"kind", "id", "client_id", "detail"}}};
  Json sources = {{"type", "object"},
                  {"properties",
                   {{"requests", {{"type", "integer"}, {"description", "HTTP requests sent to Halo."}}},
                    {"cache_hits", {{"type", "integer"}}},
                    {"contracts", {{"type", "integer"}, {"description", "Records read."}}},
                    {"recurring_invoices", {{"type", "integer"}}},
                    {"invoices", {{"type", "integer"}}},
                    {"projects", {{"type", "integer"}}},
                    {"clients", {{"type", "integer"}}},
                    {"elapsed_ms", {{"type", "integer"}}}}},
                  {"required", {"requests", "contracts", "recurring_invoices", "invoices", "elapsed_ms"}}};
  return Json{{"type", "object"},
              {"properties",
               {{"as_of", date},
                {"start_date", date},
                {"end_date", date},
                {"clients", {{"type", "array"}, {"items", row}}},
                {"clients_total", {{"type", "integer"}, {"description", "Rows before the top-N cut."}}},
                {"truncated", revenue_truncated_schema()},
                {"totals", {{"type", "array"}, {"items", total}}},
                {"warnings", {{"type", "array"}, {"items", warning}}},
                {"sources", sources}}},
              {"required", {"as_of", "start_date", "end_date", "clients", "totals", "warnings", "sources"}}};
}

}  // namespace tools
