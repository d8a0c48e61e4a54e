"""The fewest Halo requests revenue_breakdown can make for a dataset, computed from the dataset
itself (halo-sim --dump-dataset) and the documented rules, never from the product's code, so the
benchmark can tell whether the product wastes requests.

Rules used (shared docs/revenue-rules.md, docs/halo-api.md):
- every list is read in pages of 100; a list of n records needs max(1, ceil(n/100)) pages;
- contracts (includeinactive), recurring invoice templates (includedisabled) and project ids are
  read whole;
- invoices (credits included) are read newest first; reading stops with the first page that holds
  an invoice dated before start_date (or at the end of the list);
- a client's currency is needed for every record in scope that names none (contracts never do in
  Halo lists); k such clients cost min(k, pages of the whole client list) requests;
- an active contract whose billing period code is not in the default table and that no active
  template bills needs one detail GET (Halo lists leave out billing_period_string).
"""
import json
import math

PAGE = 100
KNOWN_PERIOD_CODES = {1, 2, 3, 4, 7, 8, 9}
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
        "projects": _pages(len(dataset.get("projects", []))),
    }

    # Newest first; undated invoices sort last (older than any date).
    dated = sorted((_day(i.get("invoice_date")) or "0000-00-00" for i in invoices), reverse=True)
    in_or_after_window = sum(1 for d in dated if d >= start_date)
    if in_or_after_window < len(dated):
        out["invoices"] = in_or_after_window // PAGE + 1
    else:
        out["invoices"] = _pages(len(dated))
    out["invoices_in_window"] = sum(
        1 for i in invoices if not i.get("voided") and (_day(i.get("invoice_date")) or "") >= start_date
        and (_day(i.get("invoice_date")) or "9999") <= end_date)

    billed_by_template = {t.get("contract_id") for t in templates
                          if not t.get("disabled") and t.get("contract_id")
                          and _active_on(t.get("startdate"), t.get("enddate"), as_of)}
    needing_currency = set()
    labels = 0
    for c in contracts:
        active = (c.get("active", True) and not c.get("expired") and not c.get("inactive")
                  and _active_on(c.get("start_date"), c.get("end_date"), as_of))
        if not active:
            continue
        if not (c.get("currency") or c.get("currencyisocode") or "").strip():
            needing_currency.add(c.get("client_id"))
        if c.get("billingperiod") not in KNOWN_PERIOD_CODES and c.get("id") not in billed_by_template:
            labels += 1
    for t in templates:
        if not t.get("disabled") and _active_on(t.get("startdate"), t.get("enddate"), as_of):
            if not (t.get("currency") or "").strip():
                needing_currency.add(t.get("client_id"))
    for i in invoices:
        day = _day(i.get("invoice_date"))
        if not i.get("voided") and day and start_date <= day <= end_date:
            if not (i.get("currency") or "").strip():
                needing_currency.add(i.get("client_id"))
    clients = dataset.get("clients", [])
    out["clients"] = min(len(needing_currency), _pages(len(clients))) if needing_currency else 0
    out["contract_details"] = labels
    out["total"] = sum(v for k, v in out.items() if k != "invoices_in_window")
    return out


if __name__ == "__main__":
    import sys
    with open(sys.argv[1]) as f:
        data = json.load(f)
    print(json.dumps(minimum_requests(data, sys.argv[2], sys.argv[3], sys.argv[4]), indent=1))
