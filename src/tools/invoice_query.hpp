// How invoices are asked of Halo, in one place for every tool that reads them.
//  - includeinvoices=true with includecredits=true: Halo reads the two flags as a set of invoice
//    types (the one request on record from Halo's own web UI sends both), so includecredits
//    alone would return credit notes only.
//  - invoicedatestart / invoicedateend narrow the list on Halo's side, which saves requests; a
//    Halo version that ignores them gives the same answer at a higher cost, because every
//    invoice's date is checked again here.
//  - Newest first, then by id, so pages stay stable when many invoices share a date.
#pragma once
#include <optional>

#include "domain/revenue_dates.hpp"
#include "halo/params.hpp"

namespace tools {

[[nodiscard]] halo::Params invoice_query(std::optional<domain::Date> start, std::optional<domain::Date> end,
                                         bool credits);

}  // namespace tools
