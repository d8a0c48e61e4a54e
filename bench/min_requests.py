"""The fewest Halo requests revenue_breakdown can make for a dataset, computed from the dataset
itself (halo-sim --dump-dataset) and the documented rules, never from the product's code, so the
benchmark can tell whether the product wastes requests.

Rules used (docs/revenue-rules.md, docs/halo-api.md):
- every paged list is read in pages of 100; a list of n records needs max(1, ceil(n/100)) pages;
- contracts (includeinactive) and recurring invoice templates are read whole;
- project ids come in one unpaged answer (Halo pages no ticketidonly list);
- invoices and credit notes are filtered by Halo to [start_date, end_date] (invoicedatestart/end):
  the invoices dated in the window, voided ones included, in pages;
- a client's currency is needed for every record in scope that names none or names "$" (a symbol
  several currencies share); contracts never name one in Halo lists; k such clients cost
  min(k, pages of the whole client list) requests;
- the tenant's label of every billing-period code is learned from one detail per distinct code,
  for contracts and for templates (lists carry codes, details labels).
"""
import json
import math

PAGE = 100
NO_DATE_YEAR = 1901


def _day(text):
    """'2025-06-30T00:00:00' -> '2025-06-30'; Halo's 1900 'no date' and blanks -> None."""
    if not text or not isinstance(text, str) or len(text) < 10:
        return None
    day = text[:10]
    return None if int(day[:4]) < NO_DATE_YEAR else day


def _active_on(start, end, day):
    start, end = _day(start), _day(end)
    return (start is None or start <= day) and (end is None or end >= day)


def _pages(count):
    return max(1, math.ceil(count / PAGE))


def minimum_requests(dataset, as_of, start_date, end_date):
    """A dict: requests per source and 'total' (Halo /api requests; the token is not counted)."""
    contracts = dataset.get("contracts", [])
    templates = dataset.get("recurring_invoices", [])
    invoices = dataset.get("invoices", [])
    out = {
        "contracts": _pages(len(contracts)),
        "recurring_invoices": _pages(len(templates)),
        "projects": 1,
    }
    in_window = [i for i in invoices if start_date <= (_day(i.get("invoice_date")) or "") <= end_date]
    out["invoices"] = _pages(len(in_window))
    out["invoices_in_window"] = sum(1 for i in in_window if not i.get("voided"))

    def names_no_currency(record):
        currency = (record.get("currency") or record.get("currencyisocode") or "").strip()
        return currency in ("", "$")

    needing_currency = set()
    for c in contracts:
        active = (c.get("active", True) and not c.get("expired") and not c.get("inactive")
                  and _active_on(c.get("start_date"), c.get("end_date"), as_of))
        if active and names_no_currency(c):
            needing_currency.add(c.get("client_id"))
    for t in templates:
        if not t.get("disabled") and _active_on(t.get("startdate"), t.get("enddate"), as_of):
            if names_no_currency(t):
                needing_currency.add(t.get("client_id"))
    for i in in_window:
        if not i.get("voided") and names_no_currency(i):
            needing_currency.add(i.get("client_id"))
    clients = dataset.get("clients", [])
    out["clients"] = min(len(needing_currency), _pages(len(clients))) if needing_currency else 0
    out["contract_details"] = len({c.get("billingperiod") for c in contracts if c.get("billingperiod") is not None})
    out["template_details"] = len({t.get("period") for t in templates if t.get("period") is not None})
    out["total"] = sum(v for k, v in out.items() if k != "invoices_in_window")
    return out


if __name__ == "__main__":
    import sys
    with open(sys.argv[1]) as f:
        data = json.load(f)
    print(json.dumps(minimum_requests(data, sys.argv[2], sys.argv[3], sys.argv[4]), indent=1))
