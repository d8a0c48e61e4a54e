// Output-schema pieces shared by the invoice and recurring-invoice tools (same Halo line type).
#pragma once
#include "util/json.hpp"

namespace tools {

/// Properties of one projected invoice line (defined in invoices_tools.cpp).
util::Json invoice_line_properties();

}  // namespace tools
