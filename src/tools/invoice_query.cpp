// The invoice query parameters (see invoice_query.hpp).
#include "tools/invoice_query.hpp"

namespace tools {

halo::Params invoice_query(std::optional<domain::Date> start, std::optional<domain::Date> end, bool credits) {
  halo::Params params{{"includeinvoices", "true"}};
  if (credits) params.emplace_back("includecredits", "true");
  if (start) params.emplace_back("invoicedatestart", domain::format_date(*start));
  if (end) params.emplace_back("invoicedateend", domain::format_date(*end));
  params.emplace_back("order", "invoice_date");
  params.emplace_back("orderdesc", "true");
  params.emplace_back("order2", "id");
  params.emplace_back("orderdesc2", "true");
  return params;
}

}  // namespace tools
