// Reading invoices newest first and stopping at the window's start. Halo is asked to filter by
// date (invoicedatestart/end), but how every version reads that filter is not documented
// (docs/halo-api.md), so invoices are also paged with order=invoice_date&orderdesc=true and the
// scan stops after the first page holding an invoice dated before the window. The scan also estimates, from the dates seen so far, how many more
// pages are needed, so the client requests no page it will not read (when density is even).
//
// Safety: a server that ignores `order` (Halo silently ignores unknown parameters) would make an
// early stop lose invoices. The scan therefore checks that dates never increase; the moment they
// do, it stops trusting the order and asks for every page. An undated invoice (Halo's 1900
// sentinel) sorts last in descending order and counts as older than any date.
#pragma once
#include <optional>

#include "domain/revenue_dates.hpp"

namespace domain {

class InvoiceScan {
 public:
  explicit InvoiceScan(Date window_start) : window_start_(window_start) {}

  /// Feed every invoice of a page, in page order; then call end_page().
  void add(std::optional<Date> invoice_date);
  void end_page();

  /// The order holds and an invoice before the window start has been seen: no later page matters.
  bool past_start() const { return ordered_ && past_start_; }
  /// Dates went up somewhere: the server did not sort, every page must be read.
  bool order_broken() const { return !ordered_; }
  int pages_read() const { return pages_; }

  /// How many further pages are still needed (0 = stop; a large number = all of them): the
  /// estimate at an even pace, for progress reporting.
  int pages_wanted() const;
  /// How many further pages are needed for certain, assuming no later page spans more days than
  /// the widest seen so far (0 = stop). Requesting only these makes requests == the minimum on
  /// bursty data (invoice runs on the 1st, quiet weekends), at the cost of a shorter pipeline near
  /// the window start.
  int pages_certain() const;

 private:
  Date window_start_;
  bool ordered_ = true;
  bool past_start_ = false;
  bool seen_any_ = false;
  bool seen_undated_ = false;
  std::optional<Date> newest_;
  std::optional<Date> oldest_;
  std::optional<Date> oldest_at_page_end_;  ///< oldest date when the previous page ended
  long widest_page_days_ = 0;               ///< the most days one page has covered
  int pages_ = 0;
};

}  // namespace domain
