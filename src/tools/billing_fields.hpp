// The item fields of billing records (contracts, invoices, recurring-invoice templates), shared by
// their list and get tools. Computed fields read through domain/projection_billing.hpp, the
// parser revenue_breakdown uses, so a list and revenue_breakdown agree on every record.
#pragma once
#include "domain/periods.hpp"
#include "domain/projection_billing.hpp"
#include "tools/receivables_fields.hpp"
#include "tools/tool_def.hpp"

namespace tools::billing {

using domain::Record;

inline constexpr Field kLineFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Line id."},
    {.name = "description", .kind = FieldKind::kText, .help = "What was sold.",
     .from = "item_shortdescription|item_longdescription"},
    {.name = "qty", .kind = FieldKind::kNumber, .help = "Quantity.", .from = "qty_order"},
    {.name = "unit_price", .kind = FieldKind::kNumber, .help = "Unit price."},
    {.name = "net_amount", .kind = FieldKind::kNumber, .help = "Net amount of the line."},
    {.name = "tax_amount", .kind = FieldKind::kNumber, .help = "Tax of the line."},
    {.name = "contract_id", .kind = FieldKind::kInt, .help = "Contract the line bills."},
    {.name = "recurring_invoice_id", .kind = FieldKind::kInt, .help = "Recurring invoice it came from."},
    {.name = "ticket_id", .kind = FieldKind::kInt, .help = "Ticket the line bills."},
    {.name = "startdate", .kind = FieldKind::kDate, .help = "Start of the period billed."},
    {.name = "enddate", .kind = FieldKind::kDate, .help = "End of the period billed."},
};

inline constexpr Field kContractPeriodFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Period id."},
    {.name = "name", .kind = FieldKind::kText, .help = "Period name."},
    {.name = "start_date", .kind = FieldKind::kDate, .help = "Start."},
    {.name = "end_date", .kind = FieldKind::kDate, .help = "End."},
    {.name = "current", .kind = FieldKind::kBool, .help = "The current period."},
    {.name = "hours_in_period", .kind = FieldKind::kNumber, .help = "Hours included."},
    {.name = "hours_used", .kind = FieldKind::kNumber, .help = "Hours used."},
    {.name = "hours_remaining", .kind = FieldKind::kNumber, .help = "Hours left."},
};

inline constexpr Field kScheduleFields[] = {
    {.name = "date", .kind = FieldKind::kDate, .help = "Billing date."},
    {.name = "amount", .kind = FieldKind::kNumber, .help = "Amount."},
    {.name = "note", .kind = FieldKind::kText, .help = "Note."},
};

inline constexpr Field kContractFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Contract id."},
    {.name = "ref", .kind = FieldKind::kText, .help = "Contract reference."},
    {.name = "client_id", .kind = FieldKind::kInt, .help = "Client id."},
    {.name = "client_name", .kind = FieldKind::kText, .help = "Client name."},
    {.name = "start_date", .kind = FieldKind::kDate, .help = "Start date."},
    {.name = "end_date", .kind = FieldKind::kDate, .help = "End date; null when open-ended."},
    {.name = "billing_period", .kind = FieldKind::kAny,
     .help = "Billing period name (weekly, monthly, quarterly, half-yearly, yearly, two-/three-/four-yearly); "
             "null when Halo's code is not known.",
     .compute = [](const Record& c, const ProjectionEnv& env) {
       return domain::contract_billing_period(c, *env.periods);
     }},
    {.name = "billing_period_code", .kind = FieldKind::kInt, .help = "Halo's billing period code.",
     .compute = [](const Record& c, const ProjectionEnv&) { return domain::contract_billing_period_code(c); }},
    {.name = "period_amount", .kind = FieldKind::kNumber, .help = "Amount charged per billing period.",
     .compute = [](const Record& c, const ProjectionEnv&) { return domain::contract_period_amount(c); }},
    {.name = "monthly_value", .kind = FieldKind::kNumber,
     .help = "period_amount as a month, to the cent (the figure revenue_breakdown counts); null when the "
             "period is unknown.",
     .compute = [](const Record& c, const ProjectionEnv& env) {
       return domain::contract_monthly_value(c, *env.periods);
     }},
    {.name = "status", .kind = FieldKind::kAny,
     .help = "Halo's contract_status, else active / expired / inactive.",
     .compute = [](const Record& c, const ProjectionEnv&) { return domain::contract_status(c); }},
    {.name = "active", .kind = FieldKind::kBool, .help = "Halo's active flag."},
    {.name = "expired", .kind = FieldKind::kBool, .help = "Halo's expired flag."},
    {.name = "contracttype_name", .kind = FieldKind::kText, .help = "Contract type."},
    {.name = "next_invoice_date", .kind = FieldKind::kDate, .help = "Next invoice date."},
    {.name = "billing_period_label", .kind = FieldKind::kText, .help = "Halo's billing period label.",
     .detail_only = true,
     .compute = [](const Record& c, const ProjectionEnv&) { return domain::contract_billing_period_label(c); }},
    {.name = "site_id", .kind = FieldKind::kInt, .help = "Site id.", .detail_only = true},
    {.name = "site_name", .kind = FieldKind::kText, .help = "Site name.", .detail_only = true},
    {.name = "costperperiod", .kind = FieldKind::kNumber, .help = "Cost per period.", .detail_only = true},
    {.name = "prepayrecurringcharge", .kind = FieldKind::kNumber, .help = "Prepay recurring charge.",
     .detail_only = true},
    {.name = "note", .kind = FieldKind::kBody, .help = "Note as plain text, cut at 2000 characters.",
     .detail_only = true},
    {.name = "periods", .kind = FieldKind::kObjects, .help = "Contract periods, when Halo has them.",
     .from = "periods|contract_periods", .detail_only = true, .items = kContractPeriodFields},
    {.name = "schedule", .kind = FieldKind::kObjects, .help = "Billing schedule, when Halo has one.",
     .detail_only = true, .items = kScheduleFields},
};

inline constexpr Field kInvoiceFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Invoice id."},
    {.name = "invoicenumber", .kind = FieldKind::kText, .help = "Invoice number as printed."},
    {.name = "client_id", .kind = FieldKind::kInt, .help = "Client id."},
    {.name = "client_name", .kind = FieldKind::kText, .help = "Client name."},
    {.name = "invoice_date", .kind = FieldKind::kDate, .help = "Invoice date."},
    {.name = "duedate", .kind = FieldKind::kDate, .help = "Due date."},
    {.name = "revenue", .kind = FieldKind::kNumber, .help = "Net amount (excluding tax).",
     .compute = [](const Record& i, const ProjectionEnv&) { return domain::invoice_net_amount(i); }},
    {.name = "tax_total", .kind = FieldKind::kNumber, .help = "Tax."},
    {.name = "total", .kind = FieldKind::kNumber, .help = "Gross amount (including tax)."},
    {.name = "amountdue", .kind = FieldKind::kNumber, .help = "Amount still unpaid."},
    {.name = "days_overdue", .kind = FieldKind::kInt,
     .help = "Days past the due date (else the invoice date) while amountdue > 0, in HALO_TIMEZONE's today; "
             "negative: not due yet; null when nothing is due (paid, voided, credit note).",
     .compute = invoice_days_overdue},
    {.name = "currency", .kind = FieldKind::kText,
     .help = "ISO code: the invoice's, else its client's, else the configured default; null when neither "
             "could be read.",
     .compute = [](const Record& i, const ProjectionEnv&) { return domain::record_currency_or_null(i); }},
    {.name = "posted", .kind = FieldKind::kBool, .help = "Posted to accounts."},
    {.name = "voided", .kind = FieldKind::kBool, .help = "Voided."},
    {.name = "recurring_invoice_id", .kind = FieldKind::kInt, .help = "Recurring invoice it came from (0: none)."},
    {.name = "contract_id", .kind = FieldKind::kInt, .help = "Contract it bills (0: none)."},
    {.name = "ticket_id", .kind = FieldKind::kInt, .help = "Ticket it bills (0: none)."},
    {.name = "datepaid", .kind = FieldKind::kDate, .help = "Date paid.", .detail_only = true},
    {.name = "creditlinkedtoinvoiceid", .kind = FieldKind::kInt, .help = "A credit note's invoice.",
     .detail_only = true},
    {.name = "lines", .kind = FieldKind::kObjects, .help = "Invoice lines.", .detail_only = true,
     .items = kLineFields},
};

inline constexpr Field kRecurringFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Recurring invoice id."},
    {.name = "client_id", .kind = FieldKind::kInt, .help = "Client id."},
    {.name = "client_name", .kind = FieldKind::kText, .help = "Client name."},
    {.name = "period", .kind = FieldKind::kAny,
     .help = "Billing period name (weekly, monthly, quarterly, ...); null when Halo's code is not known.",
     .compute = [](const Record& r, const ProjectionEnv& env) { return domain::recurring_period(r, *env.periods); }},
    {.name = "period_code", .kind = FieldKind::kInt, .help = "Halo's period code.",
     .compute = [](const Record& r, const ProjectionEnv&) { return domain::recurring_period_code(r); }},
    {.name = "revenue", .kind = FieldKind::kNumber, .help = "Net amount per period (excluding tax).",
     .compute = [](const Record& r, const ProjectionEnv&) { return domain::recurring_net_amount(r); }},
    {.name = "total", .kind = FieldKind::kNumber, .help = "Gross amount per period.",
     .compute = [](const Record& r, const ProjectionEnv&) { return domain::recurring_total(r); }},
    {.name = "monthly_value", .kind = FieldKind::kNumber,
     .help = "revenue as a month, to the cent; null when the period is unknown.",
     .compute = [](const Record& r, const ProjectionEnv& env) {
       return domain::recurring_monthly_value(r, *env.periods);
     }},
    {.name = "currency", .kind = FieldKind::kText,
     .help = "ISO code: the template's, else its client's, else the configured default; null when neither "
             "could be read.",
     .compute = [](const Record& r, const ProjectionEnv&) { return domain::record_currency_or_null(r); }},
    {.name = "nextcreationdate", .kind = FieldKind::kDate, .help = "Next invoice date."},
    {.name = "lastcreated", .kind = FieldKind::kDate, .help = "Last invoice raised."},
    {.name = "startdate", .kind = FieldKind::kDate, .help = "Start date."},
    {.name = "enddate", .kind = FieldKind::kDate, .help = "End date; null when open-ended."},
    {.name = "disabled", .kind = FieldKind::kBool, .help = "Disabled (raises no invoices)."},
    {.name = "contract_id", .kind = FieldKind::kInt, .help = "Contract it bills (0: none)."},
    {.name = "periodname", .kind = FieldKind::kText, .help = "Halo's period label.", .detail_only = true,
     .compute = [](const Record& r, const ProjectionEnv&) { return domain::recurring_period_label(r); }},
    {.name = "tax_total", .kind = FieldKind::kNumber, .help = "Tax per period.", .detail_only = true},
    {.name = "lines", .kind = FieldKind::kObjects, .help = "Template lines.", .detail_only = true,
     .items = kLineFields},
};

}  // namespace tools::billing
